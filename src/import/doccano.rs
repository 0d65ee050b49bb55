//! Import of doccano JSONL: one `{"text", "label": [[start, end, "LABEL"], ...]}` object per line
//! (or doccano's newer `"entities": [{"start_offset", "end_offset", "label"}]`), offsets in code points.
//! Marginalia's own export adds `sources`, parallel to `label`; without it entities count as `user`.

use serde_json::{Map, Value as Json};

use super::{
    array, finish, offset, parse_label, parse_source, span, string, wrong, ImportError, ImportFormat, Imported,
};
use crate::analysis::{Entity, Source};
use crate::offsets::CharBoundaries;

/// Every non-blank line as one document.
pub(super) fn import_lines(contents: &str) -> Result<Vec<Imported>, ImportError> {
    let mut documents = Vec::new();
    for (n, line) in contents.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("line {}", n + 1);
        let json: Json = serde_json::from_str(line).map_err(|e| super::not_json(&e, n))?;
        let Json::Object(object) = json else {
            return Err(ImportError::NotRecognized { found: format!("{at}: {}", super::describe(&json)) });
        };
        documents.push(import_object(&object, &at)?);
    }
    Ok(documents)
}

/// One doccano document; `at` names it in errors (`line 3`).
pub(super) fn import_object(object: &Map<String, Json>, at: &str) -> Result<Imported, ImportError> {
    let text = string(object, at, "text")?;
    let boundaries = CharBoundaries::new(text);
    let sources = match object.get("sources") {
        Some(Json::Array(list)) => Some(list.as_slice()),
        Some(_) => return Err(wrong(at, "sources", "a list")),
        None => None,
    };
    let mut entities = Vec::new();
    if let Some(labels) = object.get("label") {
        let labels = labels.as_array().ok_or_else(|| wrong(at, "label", "a list of [start, end, label]"))?;
        for (i, item) in labels.iter().enumerate() {
            let here = format!("{at}: label[{i}]");
            let triple = item.as_array().map(Vec::as_slice);
            let Some([start, end, name]) = triple else {
                return Err(wrong(&here, "label", "a list of [start, end, label]"));
            };
            let (Some(start), Some(end), Some(name)) = (start.as_u64(), end.as_u64(), name.as_str()) else {
                return Err(wrong(&here, "label", "a list of [start, end, label]"));
            };
            let source = source_at(sources, i, &here)?;
            entities.push(Entity::new(span(&boundaries, start, end, &here)?, parse_label(name, &here)?, source));
        }
    } else if object.contains_key("entities") {
        for (i, item) in array(object, at, "entities")?.iter().enumerate() {
            let here = format!("{at}: entities[{i}]");
            let item = item.as_object().ok_or_else(|| wrong(at, "entities", "a list of objects"))?;
            let span =
                span(&boundaries, offset(item, &here, "start_offset")?, offset(item, &here, "end_offset")?, &here)?;
            let label = parse_label(string(item, &here, "label")?, &here)?;
            entities.push(Entity::new(span, label, source_at(sources, i, &here)?));
        }
    }
    let quotes = super::bare_quotes(&entities);
    Ok(finish(ImportFormat::Doccano, text.to_owned(), entities, quotes))
}

fn source_at(sources: Option<&[Json]>, i: usize, at: &str) -> Result<Source, ImportError> {
    match sources.and_then(|s| s.get(i)) {
        None => Ok(Source::User),
        Some(s) => parse_source(s.as_str().ok_or_else(|| wrong(at, "sources", "a list of strings"))?, at),
    }
}
