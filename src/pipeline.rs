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
    let tokens = tokenize::tokenize(text);
    let sentences = sentences::split(text, &tokens);
    let name_entities = names_model.map(|m| m.tag(text, &tokens, &sentences)).unwrap_or_default();
    let rule_entities = numbers::find(text, &tokens, &sentences, options.anchor_date);
    let (quote_entities, quotes) = quotes::find(text, &tokens);
    let entities = merge::merge(name_entities, rule_entities, quote_entities);
    let quotes = quotes::attach_speakers(text, &tokens, &sentences, &entities, quotes);
    let boilerplate = with_furniture(text, boilerplate::find(text, &sentences), &options.furniture);
    let mut analysis =
        Analysis { text: text.to_owned(), tokens, sentences, entities, quotes, boilerplate, ..Analysis::default() };
    summarize(&mut analysis, options);
    analysis
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
