//! Integration tests of the core and the CLI: one binary, one module per area.

mod cli;
mod edit;
mod export;
mod groups;
mod import;
mod names;
mod properties;
mod regressions;
mod rules;
mod sample;
mod summary;
mod unicode;
#[cfg(feature = "web")]
mod ui;
