//! Label Studio JSON: a list with one task, `data.text`, and results made of a `labels` region per
//! entity (`from_name` `label`, `to_name` `text`) and a `relation` per quote with a speaker entity
//! (quote → speaker, label `speaker`).
//!
//! The machine's suggestions go to `predictions` (one, with `model_version` `marginalia-<version>`), so
//! Label Studio counts the task as still to review. A person's work goes to `annotations`: once they
//! have edited the document (at least one mark of theirs, `source: user`), one annotation holds the
//! document as they left it, their marks and the suggestions they kept; a document nobody edited has
//! no annotation. Offsets (`value.start`, `value.end`) are code points. Regions made by a person have
//! `origin` `manual`, the others `prediction`; `meta.source` names the exact source (`model`, `rule`,
//! `user`).

use serde_json::{json, Value as Json};

use crate::analysis::{Analysis, Source};
use crate::offsets::OffsetIndex;

/// The `model_version` of the predictions.
pub const MODEL_VERSION: &str = concat!("marginalia-", env!("CARGO_PKG_VERSION"));

pub fn to_string(analysis: &Analysis) -> String {
    let machine = results(analysis, |e| e.source != Source::User);
    let mut task = json!({
        "data": { "text": analysis.text },
        "predictions": [{ "model_version": MODEL_VERSION, "result": machine }],
        "annotations": [],
    });
    if analysis.entities.iter().any(|e| e.source == Source::User) {
        task["annotations"] = json!([{ "result": results(analysis, |_| true) }]);
    }
    serde_json::to_string_pretty(&json!([task])).unwrap_or_default() + "\n"
}

/// Regions for the entities `keep` accepts, and the speaker relations between them.
fn results(analysis: &Analysis, keep: impl Fn(&crate::Entity) -> bool) -> Vec<Json> {
    let index = OffsetIndex::new(&analysis.text);
    let kept: Vec<bool> = analysis.entities.iter().map(&keep).collect();
    let mut result: Vec<Json> = analysis
        .entities
        .iter()
        .enumerate()
        .filter(|(i, _)| kept[*i])
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
        if !(kept[q] && kept[s]) {
            continue;
        }
        result.push(json!({
            "from_id": format!("e{q}"),
            "to_id": format!("e{s}"),
            "type": "relation",
            "direction": "right",
            "labels": ["speaker"],
        }));
    }
    result
}
