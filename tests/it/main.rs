//! Integration tests of the core and the CLI: one binary, one module per area.

mod cli;
mod export;
mod import;
mod names;
mod sample;
#[cfg(feature = "web")]
mod ui;
