//! The pipeline: `analyze` runs every stage in order over one text and returns an `Analysis`.
//!
//! tokenize → sentences → names (statistical) → numbers and dates (rules) → quotes → boilerplate → merge
//! → entity groups → summary.

use crate::analysis::Analysis;
use crate::numbers::Ymd;
use crate::{boilerplate, extract, groups, merge, names, numbers, quotes, sentences, summary, tokenize};

/// Settings for one analysis. `Default` gives what the page and the CLI use unless told otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// How many key sentences the summary picks.
    pub summary_sentences: usize,
    /// The date relative dates ("last Monday") resolve against when the text has no dateline.
    pub anchor_date: Option<Ymd>,
}

impl Default for Options {
    fn default() -> Options {
        Options { summary_sentences: 3, anchor_date: None }
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
    let tokens = tokenize::tokenize(text);
    let sentences = sentences::split(text, &tokens);
    let name_entities = names::tag(text, &tokens, &sentences);
    let rule_entities = numbers::find(text, &tokens, &sentences, options.anchor_date);
    let (quote_entities, quotes) = quotes::find(text, &tokens);
    let entities = merge::merge(name_entities, rule_entities, quote_entities);
    let quotes = quotes::attach_speakers(text, &tokens, &sentences, &entities, quotes);
    let boilerplate = boilerplate::find(text, &sentences);
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
    let dated;
    let options = match extracted.metadata.published_date() {
        Some(date) if options.anchor_date.is_none() => {
            dated = Options { anchor_date: Some(date), ..options.clone() };
            &dated
        }
        _ => options,
    };
    let mut analysis = analyze(&extracted.text, options);
    if !extracted.furniture.is_empty() {
        analysis.boilerplate.extend(extracted.furniture);
        analysis.boilerplate.sort();
        // A furniture line found by `boilerplate` inside a furniture paragraph is kept once, as the paragraph.
        let mut kept: Vec<crate::Span> = Vec::with_capacity(analysis.boilerplate.len());
        for span in analysis.boilerplate.drain(..) {
            match kept.last() {
                Some(last) if last.contains(span) => {}
                Some(last) if span.contains(*last) => *kept.last_mut().expect("kept has a last span") = span,
                _ => kept.push(span),
            }
        }
        analysis.boilerplate = kept;
        // The summary skips boilerplate sentences: it is computed again with the furniture known.
        summarize(&mut analysis, options);
    }
    (analysis, extracted.metadata)
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
