//! The annotations JSON, schema `marginalia/1`: documented field by field in `docs/annotations-json.md`.
//!
//! Offsets are Unicode code points (`start`, `end`) plus UTF-16 code units (`start_utf16`,
//! `end_utf16`) for JavaScript. The page's download and the CLI's output both come from here.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::analysis::{Analysis, Entity, Label, Timex, TimexType, Value};
use crate::extract::Metadata;
use crate::offsets::OffsetIndex;
use crate::span::Span;

pub const SCHEMA: &str = "marginalia/1";

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Json>,
    text: &'a str,
    entities: Vec<EntityOut<'a>>,
    sentences: Vec<Range>,
    quotes: Vec<QuoteOut>,
    boilerplate: Vec<Range>,
    groups: Vec<GroupOut<'a>>,
    summary: SummaryOut<'a>,
    timeline: Vec<TimelineOut<'a>>,
    figures: Vec<FigureOut>,
    /// Only for an HTML page, and only when it says something about its article.
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<&'a Metadata>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    canonical: &'a str,
    label: &'static str,
    /// Indices into `entities`.
    mentions: &'a [usize],
    count: usize,
    /// Rounded to 4 decimals.
    salience: f64,
}

#[derive(Serialize)]
struct SummaryOut<'a> {
    /// Sentence index of the headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<usize>,
    /// Sentence indices, in article order.
    key_sentences: &'a [usize],
    keywords: &'a [String],
    word_count: usize,
    reading_minutes: usize,
}

#[derive(Serialize)]
struct TimelineOut<'a> {
    entity: usize,
    sentence: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
}

#[derive(Serialize)]
struct FigureOut {
    entity: usize,
    sentence: usize,
}

#[derive(Serialize)]
struct Range {
    start: usize,
    end: usize,
    start_utf16: usize,
    end_utf16: usize,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    start: usize,
    end: usize,
    start_utf16: usize,
    end_utf16: usize,
    label: &'static str,
    text: &'a str,
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<ValueJson>,
    /// TIMEX3 type and value of a DATE or TIME entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    timex: Option<TimexJson>,
}

/// An entity's `value` as the annotations JSON writes and reads it: an object with a `kind` field.
/// The core's `Value` knows nothing of this shape; the contract lives here (`docs/annotations-json.md`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValueJson {
    Date {
        iso: String,
    },
    Time {
        iso: String,
    },
    Number {
        value: f64,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        max: Option<f64>,
        #[serde(skip_serializing_if = "std::ops::Not::not", default)]
        approximate: bool,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        qualifier: Option<String>,
    },
    Money {
        amount: f64,
        currency: String,
    },
    Percent {
        value: f64,
    },
    Quantity {
        value: f64,
        unit: String,
    },
    Ordinal {
        value: i64,
    },
}

impl From<&Value> for ValueJson {
    fn from(v: &Value) -> ValueJson {
        match v.clone() {
            Value::Date { iso } => ValueJson::Date { iso },
            Value::Time { iso } => ValueJson::Time { iso },
            Value::Number { value, max, approximate, qualifier } => {
                ValueJson::Number { value, max, approximate, qualifier }
            }
            Value::Money { amount, currency } => ValueJson::Money { amount, currency },
            Value::Percent { value } => ValueJson::Percent { value },
            Value::Quantity { value, unit } => ValueJson::Quantity { value, unit },
            Value::Ordinal { value } => ValueJson::Ordinal { value },
        }
    }
}

impl From<ValueJson> for Value {
    fn from(v: ValueJson) -> Value {
        match v {
            ValueJson::Date { iso } => Value::Date { iso },
            ValueJson::Time { iso } => Value::Time { iso },
            ValueJson::Number { value, max, approximate, qualifier } => {
                Value::Number { value, max, approximate, qualifier }
            }
            ValueJson::Money { amount, currency } => Value::Money { amount, currency },
            ValueJson::Percent { value } => Value::Percent { value },
            ValueJson::Quantity { value, unit } => Value::Quantity { value, unit },
            ValueJson::Ordinal { value } => Value::Ordinal { value },
        }
    }
}

/// An entity's `timex` as the annotations JSON writes and reads it: `{"type": "DATE", "value": "…"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimexJson {
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
}

impl From<&Timex> for TimexJson {
    fn from(t: &Timex) -> TimexJson {
        TimexJson { kind: t.kind.as_str().to_owned(), value: t.value.clone() }
    }
}

impl TimexJson {
    /// The core's `Timex`, when `type` is a TIMEX3 type.
    pub fn to_timex(&self) -> Option<Timex> {
        Some(Timex { kind: TimexType::parse(&self.kind)?, value: self.value.clone() })
    }
}

#[derive(Serialize)]
struct QuoteOut {
    /// Index into `entities` of the QUOTE entity.
    entity: Option<usize>,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<Range>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_text: Option<String>,
    /// Index into `entities` of the speaker's PER/ORG entity, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_entity: Option<usize>,
    /// Index into `groups` of the group holding `speaker_entity`.
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_group: Option<usize>,
    /// The speaker as written nearest the cue (a name, a description or a pronoun).
    #[serde(skip_serializing_if = "Option::is_none")]
    mention: Option<Range>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mention_text: Option<String>,
    /// The cue ("said", "told", "according to", a colon).
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<Range>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue_text: Option<String>,
}

/// Index of the QUOTE entity with this span. Entities are sorted by start (`merge`), so the search starts
/// at the first entity with this start, found by binary search; unsorted lists are searched in full.
fn quote_entity(entities: &[Entity], sorted: bool, span: Span) -> Option<usize> {
    let is_quote = |e: &Entity| e.span == span && e.label == Label::Quote;
    if sorted {
        let first = entities.partition_point(|e| e.span.start < span.start);
        entities[first..].iter().take_while(|e| e.span.start == span.start).position(is_quote).map(|k| first + k)
    } else {
        entities.iter().position(is_quote)
    }
}

fn range(index: &OffsetIndex, span: Span) -> Range {
    let (start, start_utf16) = index.at(span.start);
    let (end, end_utf16) = index.at(span.end);
    Range { start, end, start_utf16, end_utf16 }
}

/// The annotations JSON of `analysis` on one line; `id` is copied in when given (for `--jsonl`).
pub fn to_string(analysis: &Analysis, id: Option<&Json>) -> String {
    to_string_with_metadata(analysis, id, None)
}

/// `to_string`, with an HTML page's metadata (`extract::Metadata`) as the `metadata` field when it
/// is given and not empty.
pub fn to_string_with_metadata(analysis: &Analysis, id: Option<&Json>, metadata: Option<&Metadata>) -> String {
    let index = OffsetIndex::new(&analysis.text);
    let entities = analysis
        .entities
        .iter()
        .map(|e| {
            let r = range(&index, e.span);
            EntityOut {
                start: r.start,
                end: r.end,
                start_utf16: r.start_utf16,
                end_utf16: r.end_utf16,
                label: e.label.as_str(),
                text: analysis.slice(e.span),
                source: e.source.as_str(),
                value: e.value.as_ref().map(ValueJson::from),
                timex: e.timex.as_ref().map(TimexJson::from),
            }
        })
        .collect();
    let sorted = analysis.entities.windows(2).all(|w| w[0].span.start <= w[1].span.start);
    // The group of each entity, for the speakers' groups.
    let group_of = crate::groups::group_of_entities(&analysis.groups, analysis.entities.len());
    let quotes = analysis
        .quotes
        .iter()
        .map(|q| {
            let r = range(&index, q.span);
            QuoteOut {
                entity: quote_entity(&analysis.entities, sorted, q.span),
                start: r.start,
                end: r.end,
                speaker: q.speaker.map(|s| range(&index, s)),
                speaker_text: q.speaker.map(|s| analysis.slice(s).to_owned()),
                speaker_entity: q.speaker_entity,
                speaker_group: q.speaker_entity.and_then(|e| group_of.get(e).copied().flatten()),
                mention: q.mention.map(|s| range(&index, s)),
                mention_text: q.mention.map(|s| analysis.slice(s).to_owned()),
                cue: q.cue.map(|s| range(&index, s)),
                cue_text: q.cue.map(|s| analysis.slice(s).to_owned()),
            }
        })
        .collect();
    let document = Document {
        schema: SCHEMA,
        id,
        text: &analysis.text,
        entities,
        sentences: analysis.sentences.iter().map(|s| range(&index, s.span)).collect(),
        quotes,
        boilerplate: analysis.boilerplate.iter().map(|&s| range(&index, s)).collect(),
        groups: analysis
            .groups
            .iter()
            .map(|g| GroupOut {
                canonical: &g.canonical,
                label: g.label.as_str(),
                mentions: &g.mentions,
                count: g.count(),
                salience: (g.salience * 10_000.0).round() / 10_000.0,
            })
            .collect(),
        summary: SummaryOut {
            title: analysis.summary.title,
            key_sentences: &analysis.summary.key_sentences,
            keywords: &analysis.summary.keywords,
            word_count: analysis.summary.word_count,
            reading_minutes: analysis.summary.reading_minutes,
        },
        timeline: analysis
            .summary
            .timeline
            .iter()
            .map(|t| TimelineOut { entity: t.entity, sentence: t.sentence, value: t.value.as_deref() })
            .collect(),
        figures: analysis
            .summary
            .figures
            .iter()
            .map(|f| FigureOut { entity: f.entity, sentence: f.sentence })
            .collect(),
        metadata: metadata.filter(|m| !m.is_empty()),
    };
    // Serializing plain structs of strings and numbers cannot fail; NaN values serialize as null.
    serde_json::to_string(&document).unwrap_or_default()
}
