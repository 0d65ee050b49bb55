//! Import of W3C Web Annotation JSON-LD: an `AnnotationCollection` (with an embedded first page), an
//! `AnnotationPage`, one `Annotation`, or a list of annotations.
//!
//! Each tagging annotation needs a label in a `TextualBody` (or `bodyValue`) and a target with a
//! `TextQuoteSelector` and/or a `TextPositionSelector`. When the position's text is not the quote's
//! `exact` (the text changed, or another tool counted differently), the quote is searched for with its
//! prefix and suffix, nearest the position (`anchor::find`). `linking` annotations from a quote's
//! annotation to a speaker (an annotation id, or a target with selectors) become quote speakers; other
//! links are left alone. The text is the collection's `document.value`, unless one is given.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};

use super::{finish, parse_label, span, wrong, ImportError, ImportFormat, Imported};
use crate::analysis::{Entity, Label, Source};
use crate::anchor::{self, TextQuote};
use crate::offsets::CharBoundaries;
use crate::span::Span;

const ANNOTATION_TYPES: [&str; 3] = ["Annotation", "AnnotationCollection", "AnnotationPage"];

/// True for a value that claims to be Web Annotation: its `@context` or `type` says so.
pub(super) fn looks_like(json: &Json) -> bool {
    match json {
        Json::Object(object) => {
            let context = object.get("@context").is_some_and(|c| c.to_string().contains("anno.jsonld"));
            context || has_type(object, &ANNOTATION_TYPES)
        }
        Json::Array(items) => items.first().is_some_and(|first| matches!(first, Json::Object(_)) && looks_like(first)),
        _ => false,
    }
}

pub(super) fn import(json: &Json, text: Option<&str>) -> Result<Imported, ImportError> {
    let annotations = annotations(json)?;
    let text = match text {
        Some(text) => text,
        None => json.get("document").and_then(|d| d.get("value")).and_then(Json::as_str).ok_or(ImportError::NoText)?,
    };
    let boundaries = CharBoundaries::new(text);
    let mut entities = Vec::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut links = Vec::new();
    for (k, annotation) in annotations.iter().enumerate() {
        let at = format!("annotation {}", k + 1);
        let annotation = annotation.as_object().ok_or_else(|| wrong(&at, "annotation", "an object"))?;
        if motivations(annotation).contains(&"linking") {
            links.push((at, annotation));
            continue;
        }
        let label = label(annotation, &at)?;
        let target = first_target(annotation, &at)?;
        let span = locate(text, &boundaries, target, &at)?;
        if let Some(id) = annotation.get("id").and_then(Json::as_str) {
            ids.insert(id, entities.len());
        }
        entities.push(Entity::new(span, label, source(annotation)));
    }
    let mut quotes = super::bare_quotes(&entities);
    for (at, link) in links {
        let quote = link.get("target").and_then(reference).and_then(|id| ids.get(id).copied());
        let Some(quote) = quote.filter(|&q| entities.get(q).is_some_and(|e| e.label == Label::Quote)) else {
            continue;
        };
        let quote_span = entities[quote].span;
        let body = link.get("body").ok_or_else(|| ImportError::MissingField { at: at.clone(), field: "body" })?;
        let (speaker, speaker_entity) = match reference(body) {
            Some(id) => match ids.get(id) {
                Some(&e) => (Some(entities[e].span), Some(e)),
                None => return Err(ImportError::BadReference { at, reference: id.to_owned() }),
            },
            None => {
                let target = body.as_object().ok_or_else(|| wrong(&at, "body", "an annotation id or a target"))?;
                (Some(locate(text, &boundaries, target, &at)?), None)
            }
        };
        if let Some(q) = quotes.iter_mut().find(|q| q.span == quote_span) {
            q.speaker = speaker;
            q.speaker_entity = speaker_entity;
        }
    }
    Ok(finish(ImportFormat::W3c, text.to_owned(), entities, quotes))
}

/// The annotations of a collection, page, annotation or list.
fn annotations(json: &Json) -> Result<Vec<&Json>, ImportError> {
    match json {
        Json::Array(items) => Ok(items.iter().collect()),
        Json::Object(object) if has_type(object, &["AnnotationCollection"]) => {
            let page = match object.get("first") {
                Some(Json::Object(page)) => page,
                Some(_) => return Err(wrong("collection", "first", "an embedded AnnotationPage")),
                None => return Err(ImportError::MissingField { at: "collection".to_owned(), field: "first" }),
            };
            Ok(items(page, "collection.first")?)
        }
        Json::Object(object) if has_type(object, &["AnnotationPage"]) => items(object, "page"),
        Json::Object(_) => Ok(vec![json]),
        _ => Err(ImportError::NotRecognized { found: super::describe(json) }),
    }
}

fn items<'a>(page: &'a Map<String, Json>, at: &str) -> Result<Vec<&'a Json>, ImportError> {
    Ok(super::array(page, at, "items")?.iter().collect())
}

fn has_type(object: &Map<String, Json>, types: &[&str]) -> bool {
    match object.get("type").or_else(|| object.get("@type")) {
        Some(Json::String(t)) => types.contains(&t.as_str()),
        Some(Json::Array(list)) => list.iter().any(|t| t.as_str().is_some_and(|t| types.contains(&t))),
        _ => false,
    }
}

fn motivations(annotation: &Map<String, Json>) -> Vec<&str> {
    match annotation.get("motivation") {
        Some(Json::String(m)) => vec![m.as_str()],
        Some(Json::Array(list)) => list.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The first body value that is a known label; an unknown one is reported.
fn label(annotation: &Map<String, Json>, at: &str) -> Result<Label, ImportError> {
    let mut values: Vec<&str> = Vec::new();
    if let Some(v) = annotation.get("bodyValue").and_then(Json::as_str) {
        values.push(v);
    }
    match annotation.get("body") {
        Some(Json::Array(bodies)) => values.extend(bodies.iter().filter_map(|b| b.get("value").and_then(Json::as_str))),
        Some(body) => values.extend(body.get("value").and_then(Json::as_str)),
        None => {}
    }
    if let Some(label) = values.iter().find_map(|v| super::label(v)) {
        return Ok(label);
    }
    match values.first() {
        Some(first) => parse_label(first, at),
        None => Err(ImportError::MissingField { at: at.to_owned(), field: "body" }),
    }
}

fn first_target<'a>(annotation: &'a Map<String, Json>, at: &str) -> Result<&'a Map<String, Json>, ImportError> {
    let target =
        annotation.get("target").ok_or_else(|| ImportError::MissingField { at: at.to_owned(), field: "target" })?;
    let target = match target {
        Json::Array(list) => list.iter().find(|t| t.is_object()).unwrap_or(target),
        other => other,
    };
    target.as_object().ok_or_else(|| wrong(at, "target", "an object with a selector"))
}

/// An annotation id: a string, or an object's `id`.
fn reference(json: &Json) -> Option<&str> {
    match json {
        Json::String(id) => Some(id),
        Json::Object(object) if !object.contains_key("selector") => object.get("id").and_then(Json::as_str),
        _ => None,
    }
}

/// The byte span a target's selectors point at in `text`.
fn locate(text: &str, boundaries: &CharBoundaries, target: &Map<String, Json>, at: &str) -> Result<Span, ImportError> {
    let selectors: Vec<&Map<String, Json>> = match target.get("selector") {
        Some(Json::Array(list)) => list.iter().filter_map(Json::as_object).collect(),
        Some(Json::Object(one)) => vec![one],
        Some(_) => return Err(wrong(at, "selector", "an object or a list of objects")),
        None => return Err(ImportError::MissingField { at: at.to_owned(), field: "selector" }),
    };
    let of_type = |t: &str| selectors.iter().copied().find(|s| has_type(s, &[t]));
    let quote = of_type("TextQuoteSelector").map(|s| TextQuote {
        exact: s.get("exact").and_then(Json::as_str).unwrap_or(""),
        prefix: s.get("prefix").and_then(Json::as_str).unwrap_or(""),
        suffix: s.get("suffix").and_then(Json::as_str).unwrap_or(""),
    });
    let position = match of_type("TextPositionSelector") {
        Some(s) => Some((super::offset(s, at, "start")?, super::offset(s, at, "end")?)),
        None => None,
    };
    let positioned = position.map(|(start, end)| span(boundaries, start, end, at));
    match quote {
        Some(quote) if !quote.exact.is_empty() => {
            if let Some(Ok(s)) = positioned {
                if text.get(s.start..s.end) == Some(quote.exact) {
                    return Ok(s);
                }
            }
            let hint = position.and_then(|(start, _)| boundaries.byte(start.min(boundaries.len() as u64)));
            anchor::find(text, &quote, hint)
                .ok_or_else(|| ImportError::QuoteNotFound { at: at.to_owned(), exact: quote.exact.to_owned() })
        }
        _ => match positioned {
            Some(result) => result,
            None => Err(ImportError::MissingField { at: at.to_owned(), field: "selector" }),
        },
    }
}

/// `user` for a `creator` or an unknown agent; `model` / `rule` for Marginalia's generators.
fn source(annotation: &Map<String, Json>) -> Source {
    let id = |key: &str| annotation.get(key).and_then(|a| a.get("id")).and_then(Json::as_str);
    match id("generator") {
        Some("urn:marginalia:source:model") => Source::Model,
        Some("urn:marginalia:source:rule") => Source::Rule,
        _ => Source::User,
    }
}
