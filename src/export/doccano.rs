//! doccano JSONL: one line `{"text", "label": [[start, end, "LABEL"], ...], "sources": [...]}`.
//!
//! Offsets are code points (Python string indices, as doccano uses). `sources` runs parallel to
//! `label` (`model`, `rule` or `user`); doccano keeps unknown columns as metadata.

use serde_json::json;

use crate::analysis::Analysis;
use crate::offsets::OffsetIndex;

/// The document as one JSONL line, newline-terminated.
pub fn to_string(analysis: &Analysis) -> String {
    let index = OffsetIndex::new(&analysis.text);
    let labels: Vec<_> = analysis
        .entities
        .iter()
        .map(|e| json!([index.char_offset(e.span.start), index.char_offset(e.span.end), e.label.as_str()]))
        .collect();
    let sources: Vec<_> = analysis.entities.iter().map(|e| e.source.as_str()).collect();
    let line = json!({ "text": analysis.text, "label": labels, "sources": sources });
    serde_json::to_string(&line).unwrap_or_default() + "\n"
}
