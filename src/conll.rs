//! CoNLL-2003: reading the format into documents, and conlleval-style scoring of name spans.
//!
//! A document's text is its sentences' tokens joined by single spaces, sentences joined by `\n`: the
//! same text `marginalia eval-conll` feeds to `analyze`. No I/O here; callers pass the file's contents.

use std::collections::{BTreeMap, HashSet};

use crate::analysis::Label;
use crate::span::Span;

/// One token of a CoNLL file with its IOB tag, e.g. `("Peter", "B-PER")`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaggedToken {
    pub word: String,
    pub tag: String,
}

/// One `-DOCSTART-` document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub sentences: Vec<Vec<TaggedToken>>,
}

impl Document {
    /// The text of the document and, per sentence, the byte span of each token in it.
    pub fn text(&self) -> (String, Vec<Vec<Span>>) {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(self.sentences.len());
        for (si, sentence) in self.sentences.iter().enumerate() {
            if si > 0 {
                text.push('\n');
            }
            let mut sentence_spans = Vec::with_capacity(sentence.len());
            for (ti, token) in sentence.iter().enumerate() {
                if ti > 0 {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(&token.word);
                sentence_spans.push(Span::new(start, text.len()));
            }
            spans.push(sentence_spans);
        }
        (text, spans)
    }

    /// Gold name spans (byte offsets into `self.text().0`) with their labels.
    pub fn gold_entities(&self) -> Vec<(Span, Label)> {
        let (_, spans) = self.text();
        let mut out = Vec::new();
        for (sentence, sentence_spans) in self.sentences.iter().zip(&spans) {
            let tags: Vec<&str> = sentence.iter().map(|t| t.tag.as_str()).collect();
            for (range, label) in iob_chunks(&tags) {
                out.push((sentence_spans[range.start].cover(sentence_spans[range.end - 1]), label));
            }
        }
        out
    }
}

/// Chunks of an IOB1 or IOB2 tag sequence as token ranges with labels (conlleval's rules: an `I-X`
/// after `O` or after another type starts a chunk).
pub fn iob_chunks(tags: &[&str]) -> Vec<(std::ops::Range<usize>, Label)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, kind) = tag.split_once('-').unwrap_or((tag, ""));
        let continues = prefix == "I" && current.is_some_and(|(_, k)| k == kind);
        if !continues {
            if let Some((start, k)) = current.take() {
                if let Some(label) = Label::parse(k) {
                    out.push((start..i, label));
                }
            }
            if prefix == "B" || prefix == "I" {
                current = Some((i, kind));
            }
        }
    }
    if let Some((start, k)) = current {
        if let Some(label) = Label::parse(k) {
            out.push((start..tags.len(), label));
        }
    }
    out
}

/// Parses a CoNLL-2003 file: `token POS chunk NER` per line (only the first and last columns are used),
/// blank lines between sentences, `-DOCSTART-` between documents.
pub fn parse(contents: &str) -> Vec<Document> {
    let mut documents = Vec::new();
    let mut document = Document::default();
    let mut sentence = Vec::new();
    for line in contents.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !sentence.is_empty() {
                document.sentences.push(std::mem::take(&mut sentence));
            }
            continue;
        }
        let mut fields = line.split_whitespace();
        let word = fields.next().unwrap_or_default();
        let tag = fields.next_back().unwrap_or("O");
        if word == "-DOCSTART-" {
            if !sentence.is_empty() {
                document.sentences.push(std::mem::take(&mut sentence));
            }
            if !document.sentences.is_empty() {
                documents.push(std::mem::take(&mut document));
            }
            continue;
        }
        sentence.push(TaggedToken { word: word.to_owned(), tag: tag.to_owned() });
    }
    if !sentence.is_empty() {
        document.sentences.push(sentence);
    }
    if !document.sentences.is_empty() {
        documents.push(document);
    }
    documents
}

/// Counts of true positives, predicted and gold spans for one type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Exact-match span scores per label, accumulated over documents.
#[derive(Clone, Debug, Default)]
pub struct Score {
    pub per_label: BTreeMap<Label, Counts>,
}

impl Score {
    /// Adds one document: `predicted` and `gold` as (span, label) sets.
    pub fn add(&mut self, predicted: &[(Span, Label)], gold: &[(Span, Label)]) {
        let gold_set: HashSet<&(Span, Label)> = gold.iter().collect();
        let predicted_set: HashSet<&(Span, Label)> = predicted.iter().collect();
        for g in &gold_set {
            self.per_label.entry(g.1).or_default().gold += 1;
        }
        for p in &predicted_set {
            let counts = self.per_label.entry(p.1).or_default();
            counts.predicted += 1;
            if gold_set.contains(p) {
                counts.correct += 1;
            }
        }
    }

    pub fn total(&self) -> Counts {
        self.per_label.values().fold(Counts::default(), |a, c| Counts {
            correct: a.correct + c.correct,
            predicted: a.predicted + c.predicted,
            gold: a.gold + c.gold,
        })
    }

    /// A conlleval-like table: one row per label and an overall row, percentages with two decimals.
    pub fn table(&self) -> String {
        let mut out = format!("{:<8} {:>8} {:>8} {:>8} {:>7} {:>7}\n", "label", "prec", "recall", "F1", "gold", "pred");
        let row = |name: &str, c: &Counts| {
            format!(
                "{:<8} {:>8.2} {:>8.2} {:>8.2} {:>7} {:>7}\n",
                name,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.gold,
                c.predicted
            )
        };
        for (label, counts) in &self.per_label {
            out.push_str(&row(label.as_str(), counts));
        }
        out.push_str(&row("overall", &self.total()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_and_chunks() {
        let file = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nX NN O I-LOC\n";
        let docs = parse(file);
        assert_eq!(docs.len(), 2);
        let (text, _) = docs[0].text();
        assert_eq!(text, "EU rejects\nPeter Blackburn");
        let gold = docs[0].gold_entities();
        assert_eq!(gold, vec![(Span::new(0, 2), Label::Org), (Span::new(11, 26), Label::Per)]);
        assert_eq!(docs[1].gold_entities(), vec![(Span::new(0, 1), Label::Loc)]);
        assert_eq!(iob_chunks(&["B-PER", "I-ORG", "I-ORG", "O"]).len(), 2);
    }

    #[test]
    fn scores_exact_matches() {
        let mut score = Score::default();
        let gold = [(Span::new(0, 2), Label::Org), (Span::new(3, 5), Label::Per)];
        let predicted = [(Span::new(0, 2), Label::Org), (Span::new(3, 6), Label::Per)];
        score.add(&predicted, &gold);
        let total = score.total();
        assert_eq!((total.correct, total.predicted, total.gold), (1, 2, 2));
        assert!((total.f1() - 0.5).abs() < 1e-9);
    }
}
