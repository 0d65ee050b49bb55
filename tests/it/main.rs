//! Integration tests of the core and the CLI: one binary, one module per area.

mod cli;
mod rules;
mod sample;
