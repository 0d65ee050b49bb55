//! brat standoff: the `.ann` file (one `T` line per entity, an `AnnotatorNotes` line with its source,
//! `R` lines linking quotes to speakers) to sit next to a `.txt` holding the text unchanged.
//!
//! Offsets are code points (brat reads the `.txt` as a Python string, line breaks as they are, so a
//! CRLF counts two). brat forbids line breaks inside a `T` line's text: an entity crossing one becomes
//! a discontinuous span (`start end;start end`), one fragment per line, fragments' texts joined by a
//! space. A quote's speaker that is not itself an entity gets a `Speaker` text-bound annotation.

use std::fmt::Write;

use crate::analysis::Label;

use crate::analysis::Analysis;
use crate::offsets::OffsetIndex;
use crate::span::Span;

/// The `.ann` file.
pub fn ann(analysis: &Analysis) -> String {
    let text = analysis.text.as_str();
    let index = OffsetIndex::new(text);
    let mut out = String::new();
    let mut next_t = analysis.entities.len() + 1;
    for (i, entity) in analysis.entities.iter().enumerate() {
        let id = i + 1;
        text_bound(&mut out, text, &index, id, entity.label.as_str(), entity.span);
        let _ = writeln!(out, "#{id}\tAnnotatorNotes T{id}\tsource: {}", entity.source.as_str());
    }
    let mut next_r = 1;
    for quote in &analysis.quotes {
        let Some(quote_entity) = super::entity_index_of_quote(analysis, quote) else { continue };
        let speaker_t = match (super::speaker_index(analysis, quote), quote.speaker) {
            (Some(speaker), _) => speaker + 1,
            (None, Some(span)) => {
                text_bound(&mut out, text, &index, next_t, "Speaker", span);
                next_t += 1;
                next_t - 1
            }
            (None, None) => continue,
        };
        let _ = writeln!(out, "R{next_r}\tSpeaker Arg1:T{} Arg2:T{speaker_t}", quote_entity + 1);
        next_r += 1;
    }
    out
}

/// The `annotation.conf` that lets brat open the `.ann` unchanged: every label and `Speaker` as entity
/// types, the `Speaker` relation from a quote to any entity, and an `<OVERLAP>` rule, since names nest in
/// quotes and amounts (without it brat's verifier reports "QUOTE cannot contain PER"). brat reads it from
/// the directory of the `.ann` and `.txt`.
pub fn annotation_conf() -> String {
    let mut out = String::from("# brat configuration for Marginalia's brat export (docs/formats.md)\n[entities]\n");
    for label in Label::ALL {
        let _ = writeln!(out, "{}", label.as_str());
    }
    out.push_str("Speaker\n\n[relations]\n");
    out.push_str("Speaker\tArg1:QUOTE, Arg2:<ENTITY>\n");
    out.push_str("# Names inside quotes and amounts: any entity may contain or equal another.\n");
    out.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n");
    out
}

/// Writes `T<id>\t<type> <fragments>\t<text>`.
fn text_bound(out: &mut String, text: &str, index: &OffsetIndex, id: usize, kind: &str, span: Span) {
    let fragments = line_fragments(text, span);
    let offsets: Vec<String> =
        fragments.iter().map(|f| format!("{} {}", index.char_offset(f.start), index.char_offset(f.end))).collect();
    let words: Vec<&str> = fragments.iter().map(|f| text.get(f.start..f.end).unwrap_or("")).collect();
    let _ = writeln!(out, "T{id}\t{kind} {}\t{}", offsets.join(";"), words.join(" "));
}

/// The non-empty pieces of `span` between line breaks (`\n`, `\r`); the whole span when it has none.
fn line_fragments(text: &str, span: Span) -> Vec<Span> {
    let Some(covered) = text.get(span.start..span.end) else { return vec![span] };
    let mut fragments = Vec::new();
    let mut start = span.start;
    for (i, c) in covered.char_indices() {
        if c == '\n' || c == '\r' {
            if span.start + i > start {
                fragments.push(Span::new(start, span.start + i));
            }
            start = span.start + i + 1;
        }
    }
    if span.end > start {
        fragments.push(Span::new(start, span.end));
    }
    if fragments.is_empty() {
        fragments.push(span);
    }
    fragments
}
