//! Quotes: finds quoted speech (straight or curly quotation marks) and links each quote to its speaker.

use crate::analysis::{Entity, Label, Quote, Sentence, Source, Token};
use crate::span::Span;

/// QUOTE entities and their `Quote` records (speakers not yet attached), in text order.
pub fn find(text: &str, tokens: &[Token]) -> (Vec<Entity>, Vec<Quote>) {
    let mut entities = Vec::new();
    let mut quotes = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for t in tokens {
        let w = &text[t.span.start..t.span.end];
        match (open, w) {
            (None, "\"" | "“") => open = Some((t.span.start, w)),
            (Some((start, opener)), "\"" | "”") if (opener == "\"") == (w == "\"") => {
                let span = Span::new(start, t.span.end);
                if text[start..t.span.end].chars().count() > 3 {
                    entities.push(Entity::new(span, Label::Quote, Source::Rule));
                    quotes.push(Quote { span, speaker: None, speaker_entity: None });
                }
                open = None;
            }
            _ => {}
        }
    }
    (entities, quotes)
}

/// Fills in each quote's speaker: a PER or ORG name in the same sentence right after or before it.
pub fn attach_speakers(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
    mut quotes: Vec<Quote>,
) -> Vec<Quote> {
    let _ = (text, tokens);
    for quote in &mut quotes {
        let sentence = sentences.iter().find(|s| s.span.overlaps(quote.span)).map(|s| s.span);
        let Some(sentence) = sentence else { continue };
        let candidate = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.label, Label::Per | Label::Org) && !quote.span.overlaps(e.span))
            .filter(|(_, e)| sentence.cover(quote.span).contains(e.span) || e.span.start.abs_diff(quote.span.end) < 40)
            .min_by_key(|(_, e)| e.span.start.abs_diff(quote.span.end));
        if let Some((idx, e)) = candidate {
            quote.speaker = Some(e.span);
            quote.speaker_entity = Some(idx);
        }
    }
    quotes
}
