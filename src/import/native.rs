//! Import of the native annotations JSON, `marginalia/1` (`docs/annotations-json.md`).

use serde_json::{Map, Value as Json};

use super::{
    array, field, finish, offset, parse_label, parse_source, span, string, wrong, ImportError, ImportFormat, Imported,
};
use crate::analysis::{Entity, Quote, Source};
use crate::export::json::{TimexJson, ValueJson, SCHEMA};
use crate::offsets::CharBoundaries;

pub(super) fn import(object: &Map<String, Json>) -> Result<Imported, ImportError> {
    let schema = field(object, "document", "schema")?;
    if schema.as_str() != Some(SCHEMA) {
        let found = schema.as_str().map_or_else(|| schema.to_string(), str::to_owned);
        return Err(ImportError::UnsupportedSchema { found });
    }
    let text = string(object, "document", "text")?;
    let boundaries = CharBoundaries::new(text);
    let mut entities = Vec::new();
    for (i, item) in array(object, "document", "entities")?.iter().enumerate() {
        let at = format!("entities[{i}]");
        let item = item.as_object().ok_or_else(|| wrong("document", "entities", "a list of objects"))?;
        let span = span(&boundaries, offset(item, &at, "start")?, offset(item, &at, "end")?, &at)?;
        let label = parse_label(string(item, &at, "label")?, &at)?;
        let source = match item.get("source") {
            None => Source::User,
            Some(s) => parse_source(s.as_str().ok_or_else(|| wrong(&at, "source", "a string"))?, &at)?,
        };
        if let Some(expected) = item.get("text") {
            let expected = expected.as_str().ok_or_else(|| wrong(&at, "text", "a string"))?;
            let found = text.get(span.start..span.end).unwrap_or("");
            if expected != found {
                return Err(ImportError::TextMismatch { at, expected: expected.to_owned(), found: found.to_owned() });
            }
        }
        let value = match item.get("value") {
            None | Some(Json::Null) => None,
            Some(v) => Some(
                serde_json::from_value::<ValueJson>(v.clone())
                    .map(Into::into)
                    .map_err(|_| wrong(&at, "value", "a value object with a known \"kind\""))?,
            ),
        };
        let timex = match item.get("timex") {
            None | Some(Json::Null) => None,
            Some(t) => Some(
                serde_json::from_value::<TimexJson>(t.clone())
                    .ok()
                    .and_then(|t| t.to_timex())
                    .ok_or_else(|| wrong(&at, "timex", "an object with a TIMEX3 \"type\" and a \"value\""))?,
            ),
        };
        entities.push(Entity { span, label, source, value, timex });
    }
    let mut quotes = Vec::new();
    if let Some(list) = object.get("quotes") {
        let list = list.as_array().ok_or_else(|| wrong("document", "quotes", "a list"))?;
        for (i, item) in list.iter().enumerate() {
            let at = format!("quotes[{i}]");
            let item = item.as_object().ok_or_else(|| wrong("document", "quotes", "a list of objects"))?;
            let quote_span = span(&boundaries, offset(item, &at, "start")?, offset(item, &at, "end")?, &at)?;
            // `speaker`, `mention` and `cue`: optional ranges.
            let range_field = |field: &'static str| match item.get(field) {
                None | Some(Json::Null) => Ok(None),
                Some(Json::Object(s)) => {
                    let at = format!("{at}.{field}");
                    Ok(Some(span(&boundaries, offset(s, &at, "start")?, offset(s, &at, "end")?, &at)?))
                }
                Some(_) => Err(wrong(&at, field, "an object with start and end")),
            };
            let speaker = range_field("speaker")?;
            let mention = range_field("mention")?;
            let cue = range_field("cue")?;
            let speaker_entity = match item.get("speaker_entity") {
                None | Some(Json::Null) => None,
                Some(v) => {
                    let index = v.as_u64().ok_or_else(|| wrong(&at, "speaker_entity", "an entity index"))?;
                    match usize::try_from(index).ok().filter(|&k| k < entities.len()) {
                        Some(k) => Some(k),
                        None => return Err(ImportError::BadReference { at, reference: format!("entity {index}") }),
                    }
                }
            };
            quotes.push(Quote { span: quote_span, speaker, speaker_entity, mention, cue });
        }
    } else {
        quotes = super::bare_quotes(&entities);
    }
    Ok(finish(ImportFormat::Json, text.to_owned(), entities, quotes))
}
