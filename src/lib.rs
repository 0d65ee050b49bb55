//! Marginalia's extraction core: finds people, organizations, places, other names, dates, figures and
//! quotes in an article, and describes them as spans into the one original text.
//!
//! ```
//! use marginalia::{analyze, Label, Options};
//!
//! let analysis = analyze("Angela Merkel visited Paris in 2019.", &Options::default());
//! for entity in &analysis.entities {
//!     println!("{:?} {}", entity.label, analysis.slice(entity.span));
//! }
//! assert!(analysis.entities.iter().any(|e| e.label == Label::Date));
//! ```
//!
//! The core does no I/O and never panics: every input string yields an [`Analysis`]. Spans are byte
//! ranges inside Rust; [`offsets`] converts them to Unicode code points and UTF-16 units at the boundary,
//! and [`export`] writes the annotations JSON (`marginalia/1`) that the page and the CLI both produce.

pub mod analysis;
pub mod anchor;
pub mod boilerplate;
pub mod conll;
pub mod edit;
pub mod export;
pub mod extract;
pub mod groups;
pub mod import;
pub mod merge;
pub mod names;
pub mod numbers;
pub mod offsets;
pub mod pipeline;
pub mod quotes;
pub mod rouge;
pub mod sentences;
pub mod span;
pub mod summary;
pub mod tokenize;
mod words;

#[cfg(feature = "web")]
pub mod ui;

pub use analysis::{Analysis, Entity, Label, Quote, Source, Timex, TimexType, Value};
pub use extract::{extract, Extracted};
pub use pipeline::{analyze, analyze_each, analyze_each_with, analyze_html, analyze_page, analyze_with, Options};
pub use span::Span;
