//! Exporters: one module per output format, each turning an `Analysis` into text. Exporters never
//! re-run analysis; they only convert offsets (through `offsets`) and serialize.
//!
//! Every format that carries offsets speaks Unicode code points (`docs/formats.md` lists each format's
//! fields and units). Most formats are one file; brat standoff is two (`.ann` and `.txt`), so
//! [`export_files`] returns a list of [`File`]s and [`export`] the main one.

pub mod brat;
pub mod conll;
pub mod csv;
pub mod doccano;
pub mod html;
pub mod json;
pub mod label_studio;
pub mod spacy;
pub mod w3c;

use crate::analysis::Analysis;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// The native annotations JSON, `marginalia/1`.
    Json,
    /// W3C Web Annotation JSON-LD (an `AnnotationCollection`).
    W3c,
    /// brat standoff: `.ann` plus `.txt`.
    Brat,
    /// CoNLL-2003 style columns with IOB2 tags.
    Conll,
    /// The same columns with the document line spaCy's `spacy convert -c ner` recognises.
    ConllSpacy,
    /// doccano JSONL (`{"text", "label": [[start, end, "LABEL"]]}`).
    Doccano,
    /// A Label Studio task list with `labels` regions.
    LabelStudio,
    /// spaCy / displaCy manual format (`{"text", "ents": [...], "spans": {"sc": [...]}}`).
    Spacy,
    /// spaCy's JSON training format, for `spacy convert -c json`.
    SpacyTraining,
    /// One CSV row per entity.
    Csv,
    /// A self-contained HTML report.
    Html,
}

/// One output file: `suffix` is appended to the document's base name (`"article" + ".ann"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// Appended to the base name the user chose (`.ann`), unless `name` is set.
    pub suffix: &'static str,
    /// A file name the reading program requires (brat's `annotation.conf`), written beside the others
    /// instead of base name + suffix.
    pub name: Option<&'static str>,
    pub media_type: &'static str,
    pub content: String,
}

impl Format {
    /// Every format, in the order the page and the CLI's help list them.
    pub const ALL: [Format; 11] = [
        Format::Json,
        Format::W3c,
        Format::Brat,
        Format::Conll,
        Format::ConllSpacy,
        Format::Doccano,
        Format::LabelStudio,
        Format::Spacy,
        Format::SpacyTraining,
        Format::Csv,
        Format::Html,
    ];

    /// The format's name as `--format` takes it.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::W3c => "w3c",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::ConllSpacy => "conll-spacy",
            Format::Doccano => "doccano",
            Format::LabelStudio => "label-studio",
            Format::Spacy => "spacy",
            Format::SpacyTraining => "spacy-training",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }

    /// A human name for menus.
    pub const fn description(self) -> &'static str {
        match self {
            Format::Json => "Annotations JSON (marginalia/1)",
            Format::W3c => "W3C Web Annotation (JSON-LD)",
            Format::Brat => "brat standoff (.ann + .txt)",
            Format::Conll => "CoNLL-2003 (IOB2)",
            Format::ConllSpacy => "CoNLL-2003 for spaCy's converter",
            Format::Doccano => "doccano (JSONL)",
            Format::LabelStudio => "Label Studio (JSON)",
            Format::Spacy => "spaCy / displaCy (JSON)",
            Format::SpacyTraining => "spaCy training (JSON for spacy convert)",
            Format::Csv => "Entities (CSV)",
            Format::Html => "Report (HTML)",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "labelstudio" | "label_studio" => Some(Format::LabelStudio),
            "jsonld" | "web-annotation" => Some(Format::W3c),
            "jsonl" => Some(Format::Doccano),
            _ => Format::ALL.into_iter().find(|f| f.name() == name),
        }
    }

    /// The main file's suffix and media type.
    const fn main_file(self) -> (&'static str, &'static str) {
        match self {
            Format::Json => (".json", "application/json"),
            Format::W3c => (".jsonld", "application/ld+json"),
            Format::Brat => (".ann", "text/plain; charset=utf-8"),
            Format::Conll => (".conll", "text/plain; charset=utf-8"),
            Format::ConllSpacy => (".spacy.conll", "text/plain; charset=utf-8"),
            Format::Doccano => (".jsonl", "application/jsonl"),
            Format::LabelStudio => (".label-studio.json", "application/json"),
            Format::Spacy => (".spacy.json", "application/json"),
            Format::SpacyTraining => (".spacy-train.json", "application/json"),
            Format::Csv => (".csv", "text/csv; charset=utf-8"),
            Format::Html => (".html", "text/html; charset=utf-8"),
        }
    }
}

/// Writes `analysis` in `format`: the main file's content (for brat, the `.ann`).
pub fn export(analysis: &Analysis, format: Format) -> String {
    match format {
        Format::Json => json::to_string(analysis, None),
        Format::W3c => w3c::to_string(analysis),
        Format::Brat => brat::ann(analysis),
        Format::Conll => conll::to_string(analysis),
        Format::ConllSpacy => conll::to_string_for_spacy(analysis),
        Format::Doccano => doccano::to_string(analysis),
        Format::LabelStudio => label_studio::to_string(analysis),
        Format::Spacy => spacy::to_string(analysis),
        Format::SpacyTraining => spacy::training_json(analysis),
        Format::Csv => csv::to_string(analysis),
        Format::Html => html::to_string(analysis),
    }
}

/// Every file of `analysis` in `format`, main file first.
pub fn export_files(analysis: &Analysis, format: Format) -> Vec<File> {
    let (suffix, media_type) = format.main_file();
    let mut files = vec![File { suffix, name: None, media_type, content: export(analysis, format) }];
    if format == Format::Brat {
        let media_type = "text/plain; charset=utf-8";
        files.push(File { suffix: ".txt", name: None, media_type, content: analysis.text.clone() });
        files.push(File {
            suffix: ".conf",
            name: Some("annotation.conf"),
            media_type,
            content: brat::annotation_conf(),
        });
    }
    files
}

/// Index of the QUOTE entity of `quote`, if the entity list has one with the same span.
/// Entities are sorted by start (`merge`), so the first place to look is found by binary search; the
/// whole list is searched only when that fails (an unsorted list), which keeps exports linear.
pub(crate) fn entity_index_of_quote(analysis: &Analysis, quote: &crate::analysis::Quote) -> Option<usize> {
    let entities = &analysis.entities;
    let is_quote = |e: &crate::Entity| e.span == quote.span && e.label == crate::Label::Quote;
    let first = entities.partition_point(|e| e.span.start < quote.span.start);
    entities[first..]
        .iter()
        .take_while(|e| e.span.start == quote.span.start)
        .position(is_quote)
        .map(|k| first + k)
        .or_else(|| entities.iter().position(is_quote))
}

/// Index of the speaker entity of `quote`, when it names one that exists.
pub(crate) fn speaker_index(analysis: &Analysis, quote: &crate::analysis::Quote) -> Option<usize> {
    quote.speaker_entity.filter(|&i| i < analysis.entities.len())
}
