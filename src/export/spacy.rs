//! spaCy-style JSON, as displaCy's manual mode and spaCy's training converters take it:
//! `{"text", "ents": [{"start", "end", "label", "source"}], "title": null}`.
//!
//! Offsets are code points (spaCy's `char` offsets are Python string indices). `source` is an extra
//! key those readers ignore. Entities are in `Analysis::entities` order (by start, outer spans first).

use serde_json::{json, Value as Json};

use crate::analysis::Analysis;
use crate::offsets::OffsetIndex;

pub fn to_string(analysis: &Analysis) -> String {
    let index = OffsetIndex::new(&analysis.text);
    let ents: Vec<Json> = analysis
        .entities
        .iter()
        .map(|e| {
            json!({
                "start": index.char_offset(e.span.start),
                "end": index.char_offset(e.span.end),
                "label": e.label.as_str(),
                "source": e.source.as_str(),
            })
        })
        .collect();
    let document = json!({ "text": analysis.text, "ents": ents, "title": null });
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}
