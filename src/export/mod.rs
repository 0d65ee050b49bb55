//! Exporters: one module per output format, each turning an `Analysis` into text. Exporters never
//! re-run analysis; they only convert offsets (through `offsets`) and serialize.

pub mod json;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// The native annotations JSON, `marginalia/1`.
    Json,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Writes `analysis` in `format`.
pub fn export(analysis: &crate::Analysis, format: Format) -> String {
    match format {
        Format::Json => json::to_string(analysis, None),
    }
}
