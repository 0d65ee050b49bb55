//! Label Studio JSON: a list with one task, `data.text` and one annotation whose `result` holds a
//! `labels` region per entity (`from_name` `label`, `to_name` `text`) and a `relation` per quote with a
//! speaker entity (quote → speaker, label `speaker`).
//!
//! Offsets (`value.start`, `value.end`) are code points. Machine suggestions have `origin`
//! `prediction`, human edits `manual`; `meta.source` names the exact source (`model`, `rule`, `user`).

use serde_json::{json, Value as Json};

use crate::analysis::{Analysis, Source};
use crate::offsets::OffsetIndex;

pub fn to_string(analysis: &Analysis) -> String {
    let index = OffsetIndex::new(&analysis.text);
    let mut result: Vec<Json> = analysis
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            json!({
                "id": format!("e{i}"),
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "origin": if e.source == Source::User { "manual" } else { "prediction" },
                "meta": { "source": e.source.as_str() },
                "value": {
                    "start": index.char_offset(e.span.start),
                    "end": index.char_offset(e.span.end),
                    "text": analysis.slice(e.span),
                    "labels": [e.label.as_str()],
                },
            })
        })
        .collect();
    for quote in &analysis.quotes {
        let (Some(q), Some(s)) = (super::entity_index_of_quote(analysis, quote), super::speaker_index(analysis, quote))
        else {
            continue;
        };
        result.push(json!({
            "from_id": format!("e{q}"),
            "to_id": format!("e{s}"),
            "type": "relation",
            "direction": "right",
            "labels": ["speaker"],
        }));
    }
    let tasks = json!([{ "data": { "text": analysis.text }, "annotations": [{ "result": result }] }]);
    serde_json::to_string_pretty(&tasks).unwrap_or_default() + "\n"
}
