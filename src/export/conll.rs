//! CoNLL-2003 style columns with IOB2 tags: a document line, a blank line, then one token per line as
//! `word _ _ TAG` (part-of-speech and chunk columns left as `_`), a blank line after each sentence.
//!
//! The document line is CoNLL-2003's own, `-DOCSTART- -X- -X- O`, which most readers expect
//! (`to_string`); spaCy's `spacy convert -c ner` splits documents only on `-DOCSTART- -X- O O` and
//! reads the other form as a word, so `to_string_for_spacy` (the `conll-spacy` format) writes that one.
//!
//! Tokens and sentences are the analysis's own (`Analysis::tokens`, `Analysis::sentences`). One tag
//! per token means one layer: QUOTE spans are left out (they contain names), and where two other
//! entities overlap the earlier in `Analysis::entities` wins. A token is tagged when it overlaps an
//! entity. Whitespace inside a token (never produced by the tokenizer) would break the columns and is
//! written as `_`. No offsets: the format has none.

use crate::analysis::{Analysis, Label};

/// CoNLL-2003's document line.
pub const DOCSTART: &str = "-DOCSTART- -X- -X- O";

/// The document line spaCy's `spacy convert -c ner` recognises.
pub const DOCSTART_SPACY: &str = "-DOCSTART- -X- O O";

/// The columns with CoNLL-2003's own document line.
pub fn to_string(analysis: &Analysis) -> String {
    with_document_line(analysis, DOCSTART)
}

/// The columns with the document line spaCy's converter recognises.
pub fn to_string_for_spacy(analysis: &Analysis) -> String {
    with_document_line(analysis, DOCSTART_SPACY)
}

fn with_document_line(analysis: &Analysis, document_line: &str) -> String {
    let tags = token_tags(analysis);
    let mut out = format!("{document_line}\n\n");
    let ranges: Vec<std::ops::Range<usize>> = if analysis.sentences.is_empty() {
        std::iter::once(0..analysis.tokens.len()).collect()
    } else {
        analysis.sentences.iter().map(|s| s.tokens.clone()).collect()
    };
    for range in ranges {
        let mut wrote = false;
        for t in range {
            let (Some(token), Some(tag)) = (analysis.tokens.get(t), tags.get(t)) else { continue };
            let word: String =
                analysis.slice(token.span).chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect();
            if word.is_empty() {
                continue;
            }
            out.push_str(&word);
            out.push_str(" _ _ ");
            // IOB2: a chunk that continues across a sentence break starts again with `B-`.
            match tag.strip_prefix("I-") {
                Some(kind) if !wrote => {
                    out.push_str("B-");
                    out.push_str(kind);
                }
                _ => out.push_str(tag),
            }
            out.push('\n');
            wrote = true;
        }
        if wrote {
            out.push('\n');
        }
    }
    out
}

/// The IOB2 tag of every token.
pub fn token_tags(analysis: &Analysis) -> Vec<String> {
    let mut owner: Vec<Option<usize>> = vec![None; analysis.tokens.len()];
    for (e, entity) in analysis.entities.iter().enumerate() {
        if entity.label == Label::Quote {
            continue;
        }
        let first = analysis.tokens.partition_point(|t| t.span.end <= entity.span.start);
        for (token, slot) in analysis.tokens.iter().zip(owner.iter_mut()).skip(first) {
            if token.span.start >= entity.span.end {
                break;
            }
            if slot.is_none() && token.span.overlaps(entity.span) {
                *slot = Some(e);
            }
        }
    }
    let mut previous = None;
    owner
        .iter()
        .map(|&o| {
            let tag = match o.and_then(|e| analysis.entities.get(e).map(|entity| (e, entity.label))) {
                None => "O".to_owned(),
                Some((e, label)) if previous == Some(e) => format!("I-{}", label.as_str()),
                Some((_, label)) => format!("B-{}", label.as_str()),
            };
            previous = o;
            tag
        })
        .collect()
}
