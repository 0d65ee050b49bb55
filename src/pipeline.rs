//! The pipeline: `analyze` runs every stage in order over one text and returns an `Analysis`.
//!
//! tokenize → sentences → names (statistical) → numbers and dates (rules) → quotes → boilerplate → merge
//! → entity groups → summary.

use crate::analysis::Analysis;
use crate::numbers::Ymd;
use crate::span::Span;
use crate::{boilerplate, extract, groups, merge, names, numbers, quotes, sentences, summary, tokenize};

/// Settings for one analysis. `Default` gives what the page and the CLI use unless told otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// How many key sentences the summary picks.
    pub summary_sentences: usize,
    /// The date relative dates ("last Monday") resolve against when the text has no dateline.
    pub anchor_date: Option<Ymd>,
    /// Spans of the text known to be page furniture (an HTML page's captions, asides, bylines and
    /// related links, `Extracted::furniture`): added to `Analysis::boilerplate`, so the summary passes
    /// them over. Spans out of bounds or off character boundaries are ignored.
    pub furniture: Vec<Span>,
}

impl Default for Options {
    fn default() -> Options {
        Options { summary_sentences: 3, anchor_date: None, furniture: Vec::new() }
    }
}

impl Options {
    /// Whether `summarize` gives the same groups and summary under both (only the summary length
    /// matters to it; the reference date matters to the rules, before).
    pub fn same_summary(&self, other: &Options) -> bool {
        self.summary_sentences == other.summary_sentences
    }
}

/// Analyzes `text`. Never panics; an empty text gives an empty analysis.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    analyze_with(text, options, names::model())
}

/// `analyze` with another names model than the shipped one (`None`: no names), for measuring a newly
/// trained model without building it in.
pub fn analyze_with(text: &str, options: &Options, names_model: Option<&names::Model>) -> Analysis {
    analyze_each_with(&[(text, options)], names_model).pop().unwrap_or_default()
}

/// `analyze` of each text with its options, in order: the same analyses, made stage by stage. Every text
/// goes through a stage before any goes through the next, so that a stage's code and tables stay in cache
/// from one text to the next instead of being pushed out by the other stages' (the names model's rows
/// take megabytes). For many short texts at once (`annotate --jsonl`): the 416 texts of `marginalia
/// bench` take about a tenth less time 32 at a time than one by one (docs/performance.md, "Twelfth
/// round"). Every analysis of the batch is held until the last stage is done: a caller with long texts
/// passes fewer at a time.
pub fn analyze_each(items: &[(&str, &Options)]) -> Vec<Analysis> {
    analyze_each_with(items, names::model())
}

/// `analyze_each` with another names model (see `analyze_with`).
pub fn analyze_each_with(items: &[(&str, &Options)], names_model: Option<&names::Model>) -> Vec<Analysis> {
    let tokens: Vec<_> = items.iter().map(|&(text, _)| tokenize::tokenize(text)).collect();
    let sentences: Vec<_> =
        items.iter().zip(&tokens).map(|(&(text, _), tokens)| sentences::split(text, tokens)).collect();
    let texts = || items.iter().zip(&tokens).zip(&sentences).map(|((&(text, options), t), s)| (text, options, t, s));
    let labels: Vec<_> =
        texts().map(|(text, _, tokens, sentences)| names_model.map(|m| m.labels(text, tokens, sentences))).collect();
    let name_entities: Vec<_> = texts()
        .zip(&labels)
        .map(|((text, _, tokens, sentences), labels)| match (names_model, labels) {
            (Some(m), Some(labels)) => m.names_of_labels(text, tokens, sentences, labels),
            _ => Vec::new(),
        })
        .collect();
    let rule_entities: Vec<_> = texts()
        .map(|(text, options, tokens, sentences)| numbers::find(text, tokens, sentences, options.anchor_date))
        .collect();
    let found: Vec<_> = texts().map(|(text, _, tokens, _)| quotes::find(text, tokens)).collect();
    let mut analyses = Vec::with_capacity(items.len());
    let parts = tokens.into_iter().zip(sentences).zip(name_entities).zip(rule_entities).zip(found);
    for (&(text, options), ((((tokens, sentences), name_entities), rule_entities), (quote_entities, quotes))) in
        items.iter().zip(parts)
    {
        let entities = merge::merge(name_entities, rule_entities, quote_entities);
        let quotes = quotes::attach_speakers(text, &tokens, &sentences, &entities, quotes);
        let boilerplate = with_furniture(text, boilerplate::find(text, &sentences), &options.furniture);
        analyses.push(Analysis {
            text: text.to_owned(),
            tokens,
            sentences,
            entities,
            quotes,
            boilerplate,
            ..Analysis::default()
        });
    }
    for (analysis, &(_, options)) in analyses.iter_mut().zip(items) {
        summarize(analysis, options);
    }
    analyses
}

/// Analyzes the article of an HTML page: `extract::extract`, then `analyze` of its text, with the
/// extraction's furniture (captions, asides, bylines, related links) added to `boilerplate`. The
/// analysis's text is the extracted text. Relative dates resolve against the article's dateline, else
/// `options.anchor_date`, else the page's publication date (`Metadata::published`).
pub fn analyze_html(html: &str, options: &Options) -> Analysis {
    analyze_page(html, options).0
}

/// `analyze_html`, and the page's metadata (title, publication date, authors, site, canonical URL).
pub fn analyze_page(html: &str, options: &Options) -> (Analysis, extract::Metadata) {
    let extracted = extract::extract(html);
    let mut furniture = options.furniture.clone();
    furniture.extend(extracted.furniture);
    let anchor_date = options.anchor_date.or_else(|| extracted.metadata.published_date());
    let analysis = analyze(&extracted.text, &Options { furniture, anchor_date, ..options.clone() });
    (analysis, extracted.metadata)
}

/// The boilerplate lines with the furniture spans that fit `text` added, sorted; a line inside a
/// furniture paragraph is kept once, as the paragraph.
fn with_furniture(text: &str, mut boilerplate: Vec<Span>, furniture: &[Span]) -> Vec<Span> {
    let fits = |s: &&Span| s.start < s.end && text.get(s.start..s.end).is_some();
    if !furniture.iter().any(|s| fits(&s)) {
        return boilerplate;
    }
    boilerplate.extend(furniture.iter().filter(fits));
    boilerplate.sort();
    let mut kept: Vec<Span> = Vec::with_capacity(boilerplate.len());
    for span in boilerplate {
        match kept.last_mut() {
            Some(last) if last.contains(span) => {}
            Some(last) if span.contains(*last) => *last = span,
            _ => kept.push(span),
        }
    }
    kept
}

/// The summary stages, after merge: group the names, pick key sentences (entity salience helps), then
/// let the key sentences finish the groups' salience. Public so that an analysis whose entities changed
/// (a person's edit) gets its groups and summary again without re-tokenizing.
pub fn summarize(analysis: &mut Analysis, options: &Options) {
    let title = summary::title(analysis);
    let mut groups = groups::find(analysis, title);
    let summary = summary::summarize(analysis, &groups, title, options.summary_sentences);
    groups::rank(&mut groups, analysis, &summary.key_sentences);
    analysis.groups = groups;
    analysis.summary = summary;
}
