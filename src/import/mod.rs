//! Importing annotations made elsewhere (or exported earlier): native annotations JSON
//! (`marginalia/1`), W3C Web Annotation JSON-LD and doccano JSONL, into a text plus entities.
//!
//! Pure functions of the file's contents. Every input gives either a whole [`Imported`] document or an
//! [`ImportError`] naming what is wrong and where; nothing is half-imported, nothing panics. Offsets in
//! the files are code points; `offsets::CharBoundaries` turns them into byte spans.

mod doccano;
mod native;
mod w3c;

use std::fmt;

use serde_json::{Map, Value as Json};

use crate::analysis::{Entity, Label, Quote, Source};
use crate::offsets::CharBoundaries;
use crate::span::Span;

/// The formats `import` recognizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ImportFormat {
    /// Native annotations JSON, `marginalia/1`.
    Json,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// doccano JSONL.
    Doccano,
}

/// One imported document: its text, entities (byte spans, sorted like `Analysis::entities`) and quotes.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub format: ImportFormat,
    pub text: String,
    pub entities: Vec<Entity>,
    /// Quotes with their speakers, when the file links them; `speaker_entity` indexes `entities`.
    pub quotes: Vec<Quote>,
}

/// Why a file could not be imported. `at` is a path into the file such as `entities[3]` or
/// `line 2: label[0]`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportError {
    /// The file is empty or only whitespace.
    Empty,
    /// The file is not JSON (or, for JSONL, one of its lines is not).
    NotJson { line: usize, column: usize, message: String },
    /// JSON, but none of the formats Marginalia imports; `found` describes what it looks like.
    NotRecognized { found: String },
    /// Native annotations JSON of another schema version.
    UnsupportedSchema { found: String },
    /// A required field is absent.
    MissingField { at: String, field: &'static str },
    /// A field has the wrong kind of value.
    WrongType { at: String, field: &'static str, expected: &'static str },
    /// A span that is empty, reversed or past the end of the text (code points).
    BadSpan { at: String, start: u64, end: u64, text_length: usize },
    /// The entity's `text` field disagrees with what its offsets cover.
    TextMismatch { at: String, expected: String, found: String },
    /// A label that is not one of Marginalia's types (nor a known synonym).
    UnknownLabel { at: String, label: String },
    /// A `source` other than `model`, `rule` or `user`.
    UnknownSource { at: String, source: String },
    /// A W3C quote selector whose text is nowhere in the document.
    QuoteNotFound { at: String, exact: String },
    /// A W3C file that does not embed the text it annotates, imported without one.
    NoText,
    /// A reference (entity index, annotation id) that points at nothing.
    BadReference { at: String, reference: String },
    /// `import` takes one document; the file holds several (use `import_all`).
    SeveralDocuments { count: usize },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "the file is empty"),
            ImportError::NotJson { line, column, message } => {
                write!(f, "not JSON (line {line}, column {column}: {message}); {KNOWN}")
            }
            ImportError::NotRecognized { found } => write!(f, "{found}, not a format Marginalia imports; {KNOWN}"),
            ImportError::UnsupportedSchema { found } => {
                write!(f, "annotations schema {found:?} is not supported (expected \"marginalia/1\")")
            }
            ImportError::MissingField { at, field } => write!(f, "{at}: missing field \"{field}\""),
            ImportError::WrongType { at, field, expected } => write!(f, "{at}: \"{field}\" should be {expected}"),
            ImportError::BadSpan { at, start, end, text_length } => {
                write!(f, "{at}: span {start}..{end} is empty or outside the text ({text_length} characters)")
            }
            ImportError::TextMismatch { at, expected, found } => {
                write!(f, "{at}: the offsets cover {found:?} but the entity's text is {expected:?}")
            }
            ImportError::UnknownLabel { at, label } => {
                write!(f, "{at}: unknown label {label:?} (known: {})", Label::ALL.map(Label::as_str).join(", "))
            }
            ImportError::UnknownSource { at, source } => {
                write!(f, "{at}: unknown source {source:?} (known: model, rule, user)")
            }
            ImportError::QuoteNotFound { at, exact } => {
                write!(f, "{at}: the quoted text {exact:?} is not in the document")
            }
            ImportError::NoText => write!(f, "the Web Annotation file does not contain the text it annotates"),
            ImportError::BadReference { at, reference } => write!(f, "{at}: {reference} refers to nothing"),
            ImportError::SeveralDocuments { count } => {
                write!(f, "the file holds {count} documents; import one at a time")
            }
        }
    }
}

impl std::error::Error for ImportError {}

const KNOWN: &str =
    "Marginalia imports its annotations JSON (marginalia/1), W3C Web Annotation JSON-LD and doccano JSONL";

/// Imports one document, recognizing the format.
pub fn import(contents: &str) -> Result<Imported, ImportError> {
    let mut documents = import_all(contents)?;
    match documents.len() {
        1 => Ok(documents.remove(0)),
        count => Err(ImportError::SeveralDocuments { count }),
    }
}

/// Imports every document of the file (doccano JSONL may hold several), recognizing the format.
pub fn import_all(contents: &str) -> Result<Vec<Imported>, ImportError> {
    let contents = contents.strip_prefix('\u{feff}').unwrap_or(contents);
    if contents.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let json: Json = match serde_json::from_str(contents) {
        Ok(json) => json,
        // Several JSON values one per line: JSONL.
        Err(_) if first_line_is_object(contents) => {
            return doccano::import_lines(contents);
        }
        Err(e) => return Err(not_json(&e, 0)),
    };
    match &json {
        Json::Object(object) if object.contains_key("schema") => native::import(object).map(|d| vec![d]),
        Json::Object(_) if w3c::looks_like(&json) => w3c::import(&json, None).map(|d| vec![d]),
        Json::Object(object) if object.contains_key("text") => {
            doccano::import_object(object, "document").map(|d| vec![d])
        }
        Json::Array(items) if items.first().is_some_and(|_| w3c::looks_like(&json)) => {
            w3c::import(&json, None).map(|d| vec![d])
        }
        other => Err(ImportError::NotRecognized { found: describe(other) }),
    }
}

/// Imports W3C Web Annotation JSON-LD onto `text` (the file's embedded text, if any, is ignored):
/// every annotation is re-anchored by its quote when its position disagrees with `text`.
pub fn import_w3c_onto(contents: &str, text: &str) -> Result<Imported, ImportError> {
    let contents = contents.strip_prefix('\u{feff}').unwrap_or(contents);
    if contents.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let json: Json = serde_json::from_str(contents).map_err(|e| not_json(&e, 0))?;
    if !w3c::looks_like(&json) {
        return Err(ImportError::NotRecognized { found: describe(&json) });
    }
    w3c::import(&json, Some(text))
}

/// Marginalia's label for a label name: its own names in any case, plus the OntoNotes / spaCy and
/// long-form synonyms listed in `docs/formats.md`.
pub fn label(name: &str) -> Option<Label> {
    let upper = name.trim().to_ascii_uppercase();
    Label::parse(&upper).or(match upper.as_str() {
        "PERSON" => Some(Label::Per),
        "ORGANIZATION" | "ORGANISATION" => Some(Label::Org),
        "LOCATION" | "GPE" | "FAC" => Some(Label::Loc),
        "NORP" | "EVENT" | "PRODUCT" | "WORK_OF_ART" | "LAW" | "LANGUAGE" => Some(Label::Misc),
        _ => None,
    })
}

fn first_line_is_object(contents: &str) -> bool {
    let first = contents.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    matches!(serde_json::from_str::<Json>(first), Ok(Json::Object(_)))
}

fn not_json(e: &serde_json::Error, line_offset: usize) -> ImportError {
    ImportError::NotJson { line: e.line() + line_offset, column: e.column(), message: classify(e) }
}

fn classify(e: &serde_json::Error) -> String {
    // serde_json's message without its " at line L column C" tail (line and column are fields).
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    }
}

/// A few words on what a JSON value looks like, for `NotRecognized`.
fn describe(json: &Json) -> String {
    match json {
        Json::Object(object) => {
            if object.contains_key("data") && object.contains_key("annotations") {
                return "a Label Studio task".to_owned();
            }
            let keys: Vec<&str> = object.keys().map(String::as_str).take(6).collect();
            format!("a JSON object with fields {}", keys.join(", "))
        }
        Json::Array(items) if items.is_empty() => "an empty JSON list".to_owned(),
        Json::Array(items) => match items.first() {
            Some(Json::Object(o)) if o.contains_key("data") => "a list of Label Studio tasks".to_owned(),
            Some(first) => format!("a JSON list of {}", kind(first)),
            None => "an empty JSON list".to_owned(),
        },
        other => format!("a JSON {}", kind(other)),
    }
}

fn kind(json: &Json) -> &'static str {
    match json {
        Json::Null => "null",
        Json::Bool(_) => "true/false value",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "list",
        Json::Object(_) => "object",
    }
}

// Shared field readers: each names the place and field in its error.

fn field<'a>(object: &'a Map<String, Json>, at: &str, name: &'static str) -> Result<&'a Json, ImportError> {
    object.get(name).ok_or_else(|| ImportError::MissingField { at: at.to_owned(), field: name })
}

fn string<'a>(object: &'a Map<String, Json>, at: &str, name: &'static str) -> Result<&'a str, ImportError> {
    field(object, at, name)?.as_str().ok_or_else(|| wrong(at, name, "a string"))
}

fn offset(object: &Map<String, Json>, at: &str, name: &'static str) -> Result<u64, ImportError> {
    field(object, at, name)?.as_u64().ok_or_else(|| wrong(at, name, "a whole number ≥ 0"))
}

fn array<'a>(object: &'a Map<String, Json>, at: &str, name: &'static str) -> Result<&'a [Json], ImportError> {
    field(object, at, name)?.as_array().map(Vec::as_slice).ok_or_else(|| wrong(at, name, "a list"))
}

fn wrong(at: &str, field: &'static str, expected: &'static str) -> ImportError {
    ImportError::WrongType { at: at.to_owned(), field, expected }
}

fn parse_label(name: &str, at: &str) -> Result<Label, ImportError> {
    label(name).ok_or_else(|| ImportError::UnknownLabel { at: at.to_owned(), label: name.to_owned() })
}

fn parse_source(name: &str, at: &str) -> Result<Source, ImportError> {
    match name {
        "model" => Ok(Source::Model),
        "rule" => Ok(Source::Rule),
        "user" => Ok(Source::User),
        other => Err(ImportError::UnknownSource { at: at.to_owned(), source: other.to_owned() }),
    }
}

/// The byte span of code points `start..end`, which must be non-empty and inside the text.
fn span(boundaries: &CharBoundaries, start: u64, end: u64, at: &str) -> Result<Span, ImportError> {
    match (boundaries.byte(start), boundaries.byte(end)) {
        (Some(s), Some(e)) if s < e => Ok(Span::new(s, e)),
        _ => Err(ImportError::BadSpan { at: at.to_owned(), start, end, text_length: boundaries.len() }),
    }
}

/// Sorts the entities like `Analysis::entities` and remaps the quotes' speaker indices.
fn finish(format: ImportFormat, text: String, entities: Vec<Entity>, mut quotes: Vec<Quote>) -> Imported {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&entities[a], &entities[b]);
        x.span.start.cmp(&y.span.start).then(y.span.end.cmp(&x.span.end)).then(x.label.cmp(&y.label)).then(a.cmp(&b))
    });
    let mut new_index = vec![0; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    let entities: Vec<Entity> = order.iter().filter_map(|&old| slots[old].take()).collect();
    for quote in &mut quotes {
        quote.speaker_entity = quote.speaker_entity.and_then(|i| new_index.get(i).copied());
    }
    quotes.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
    Imported { format, text, entities, quotes }
}

/// One `Quote` per QUOTE entity without a linked speaker.
fn bare_quotes(entities: &[Entity]) -> Vec<Quote> {
    entities.iter().filter(|e| e.label == Label::Quote).map(|e| Quote { span: e.span, ..Quote::default() }).collect()
}
