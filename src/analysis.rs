//! The result of analysis: one `Analysis` owns the text; tokens, sentences, entities and quotes are
//! spans into it.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// Entity types. The strings (`as_str`) are part of the annotations JSON contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Label {
    #[serde(rename = "PER")]
    Per,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "MISC")]
    Misc,
    #[serde(rename = "DATE")]
    Date,
    #[serde(rename = "TIME")]
    Time,
    #[serde(rename = "MONEY")]
    Money,
    #[serde(rename = "PERCENT")]
    Percent,
    #[serde(rename = "QUANTITY")]
    Quantity,
    #[serde(rename = "CARDINAL")]
    Cardinal,
    #[serde(rename = "ORDINAL")]
    Ordinal,
    #[serde(rename = "QUOTE")]
    Quote,
}

impl Label {
    pub const ALL: [Label; 12] = [
        Label::Per,
        Label::Org,
        Label::Loc,
        Label::Misc,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Quantity,
        Label::Cardinal,
        Label::Ordinal,
        Label::Quote,
    ];

    /// The four name types the statistical tagger produces (CoNLL-2003).
    pub const NAMES: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

    pub const fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
            Label::Cardinal => "CARDINAL",
            Label::Ordinal => "ORDINAL",
            Label::Quote => "QUOTE",
        }
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// A human name for the type, for the page.
    pub const fn description(self) -> &'static str {
        match self {
            Label::Per => "Person",
            Label::Org => "Organization",
            Label::Loc => "Place",
            Label::Misc => "Other name",
            Label::Date => "Date",
            Label::Time => "Time",
            Label::Money => "Money",
            Label::Percent => "Percent",
            Label::Quantity => "Quantity",
            Label::Cardinal => "Count",
            Label::Ordinal => "Ordinal",
            Label::Quote => "Quote",
        }
    }

    pub const fn is_name(self) -> bool {
        matches!(self, Label::Per | Label::Org | Label::Loc | Label::Misc)
    }
}

/// Where an entity came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The statistical names tagger.
    Model,
    /// A hand-written rule (dates, numbers, quotes).
    Rule,
    /// A person's edit.
    User,
}

impl Source {
    pub const fn as_str(self) -> &'static str {
        match self {
            Source::Model => "model",
            Source::Rule => "rule",
            Source::User => "user",
        }
    }
}

/// A normalized value for a date, time or figure. The annotations JSON writes it as an object with a
/// `kind` field (`export::json::ValueJson`); its serde form here is only for passing analyses around.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Value {
    /// A calendar date, month, year, or a range of them, as ISO 8601 text (`2019-02-28`, `2019-02`,
    /// `2019`, `1990/1999`), or a duration (`P5Y`).
    Date { iso: String },
    /// A time of day, `HH:MM`, with an optional ISO date when known.
    Time { iso: String },
    /// A number. `approximate` marks vague amounts ("dozens"); `qualifier` keeps "at least", "about", …
    Number { value: f64, max: Option<f64>, approximate: bool, qualifier: Option<String> },
    /// An amount of money in a currency (ISO 4217 code where known).
    Money { amount: f64, currency: String },
    /// A percentage, e.g. 4.5 for "4.5%".
    Percent { value: f64 },
    /// A measure with its unit.
    Quantity { value: f64, unit: String },
    /// An ordinal position, e.g. 3 for "third".
    Ordinal { value: i64 },
}

/// The TIMEX3 type of a DATE or TIME entity (TimeML): a point or stretch of the calendar, a time of
/// day, a length of time, or a recurrence. The strings (`as_str`) are part of the annotations JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub const ALL: [TimexType; 4] = [TimexType::Date, TimexType::Time, TimexType::Duration, TimexType::Set];

    pub const fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    pub fn parse(s: &str) -> Option<TimexType> {
        TimexType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A DATE or TIME entity read as a TIMEX3 expression: its type and its value string as TimeML writes
/// it (`1998-02-13`, `1998-W07`, `1998-Q3`, `199` (the 1990s), `XXXX-WI`, `PRESENT_REF`, `P3Y`,
/// `XXXX-WXX-1`, `1998-02-13T14:30`). Parts the text leaves open stay `X`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: String,
}

/// One annotated span of the text.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    pub span: Span,
    pub label: Label,
    pub source: Source,
    pub value: Option<Value>,
    /// For DATE and TIME entities that are TIMEX3 expressions (not ages), and holidays kept as MISC names
    /// (`merge`), the TIMEX3 type and value.
    #[serde(default)]
    pub timex: Option<Timex>,
}

impl Entity {
    pub fn new(span: Span, label: Label, source: Source) -> Entity {
        Entity { span, label, source, value: None, timex: None }
    }
}

/// A token: a word, number or punctuation mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Token {
    pub span: Span,
}

/// A sentence: its span and the range of its tokens in `Analysis::tokens`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub tokens: std::ops::Range<usize>,
}

/// Quoted speech and who said it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    /// The quote, quotation marks included.
    pub span: Span,
    /// The speaker, when found: the span of the PER/ORG entity that said it (a pronoun or description
    /// resolved to the person it stands for), else the speaker's words as written (`mention`).
    pub speaker: Option<Span>,
    /// Index into `Analysis::entities` of the PER/ORG entity that is the speaker, when there is one.
    pub speaker_entity: Option<usize>,
    /// The speaker as written nearest the cue: a name ("Toqaev"), a description ("the spokesman") or a
    /// pronoun ("she"). A quote that continues an earlier one has that quote's mention.
    #[serde(default)]
    pub mention: Option<Span>,
    /// The cue: the speech verb ("said", "told"), "according to", the colon that introduces the quote or
    /// the dash before a signature; `None` when the speaker is a clause's subject without a speech verb.
    #[serde(default)]
    pub cue: Option<Span>,
}

/// Everything the core found in one text.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    pub text: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Sorted by start, then by end descending; names never overlap each other. Non-QUOTE entities overlap
    /// only where a name nests in a MONEY or TIME (`merge`, rule 4).
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    /// Lines that are page furniture (player notices, credits), not article text.
    pub boilerplate: Vec<Span>,
    /// Name entities grouped by the thing they name, most salient first.
    pub groups: Vec<Group>,
    /// Key sentences, keywords, reading time, timeline and figures.
    pub summary: Summary,
}

impl Analysis {
    /// The text a span covers. Out-of-range or non-boundary spans give "" rather than panicking.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// Index of the sentence containing byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }
}

/// One entity: its mentions in the text, most salient first in `Analysis::groups`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Group {
    /// The fullest mention, as written (without a possessive ending).
    pub canonical: String,
    pub label: Label,
    /// Indices into `Analysis::entities`, in text order.
    pub mentions: Vec<usize>,
    /// How central the entity is to the text, in `[0, 1]`.
    pub salience: f64,
}

impl Group {
    /// Number of mentions.
    pub fn count(&self) -> usize {
        self.mentions.len()
    }
}

/// What the sidebar shows at a glance.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// Sentence index of the headline, when the text opens with one.
    pub title: Option<usize>,
    /// Sentence indices, in article order.
    pub key_sentences: Vec<usize>,
    /// The most characteristic common words (names are in `Analysis::groups`), most important first.
    pub keywords: Vec<String>,
    /// Words (tokens with a letter or digit).
    pub word_count: usize,
    /// Reading time in whole minutes at `WORDS_PER_MINUTE`, rounded up; 0 only for a text without words.
    pub reading_minutes: usize,
    /// DATE and TIME entities, sorted by resolved value; unresolved ones last, in text order.
    pub timeline: Vec<TimelineEntry>,
    /// MONEY, PERCENT, QUANTITY and CARDINAL entities, in text order.
    pub figures: Vec<Figure>,
}

/// One date or time on the timeline.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TimelineEntry {
    /// Index into `Analysis::entities`.
    pub entity: usize,
    /// Index into `Analysis::sentences`.
    pub sentence: usize,
    /// The ISO value (`Value::Date` or `Value::Time`), when the rules resolved one.
    pub value: Option<String>,
}

/// One figure and where it is.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    /// Index into `Analysis::entities`.
    pub entity: usize,
    /// Index into `Analysis::sentences`.
    pub sentence: usize,
}
