//! Names: finds people, organizations, places and other names (CoNLL-2003 `PER ORG LOC MISC`).
//!
//! First version: runs of capitalized words that do not merely open a sentence, typed by simple cues
//! (titles before people, company and place suffixes). The statistical tagger replaces it.

use crate::analysis::{Entity, Label, Sentence, Source, Token};
use crate::span::Span;

pub fn tag(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Entity> {
    let mut entities = Vec::new();
    for sentence in sentences {
        let range = sentence.tokens.clone();
        let mut i = range.start;
        while i < range.end {
            let w = word(text, tokens[i]);
            if !is_capitalized(w) || (i == range.start && is_common_opener(w)) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < range.end && is_capitalized(word(text, tokens[j])) {
                j += 1;
            }
            let before = (i > range.start).then(|| word(text, tokens[i - 1]));
            let last = word(text, tokens[j - 1]);
            let label = if before.is_some_and(|b| PERSON_TITLES.contains(&b.trim_end_matches('.'))) {
                Label::Per
            } else if ORG_ENDINGS.contains(&last) {
                Label::Org
            } else if before.is_some_and(|b| matches!(b, "in" | "at" | "from" | "to" | "near")) {
                Label::Loc
            } else if j - i >= 2 {
                Label::Per
            } else {
                Label::Misc
            };
            entities.push(Entity::new(Span::new(tokens[i].span.start, tokens[j - 1].span.end), label, Source::Model));
            i = j;
        }
    }
    entities
}

const PERSON_TITLES: &[&str] = &["Mr", "Mrs", "Ms", "Dr", "President", "Minister", "Prime", "Senator", "said"];
const ORG_ENDINGS: &[&str] = &["Inc", "Corp", "Ltd", "Party", "Bank", "Council", "Ministry", "Union", "Group"];

fn word(text: &str, t: Token) -> &str {
    &text[t.span.start..t.span.end]
}

fn is_capitalized(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

fn is_common_opener(w: &str) -> bool {
    matches!(w, "The" | "A" | "An" | "In" | "On" | "At" | "He" | "She" | "It" | "They" | "We" | "But" | "And" | "This" | "That" | "After" | "When" | "Some" | "Many")
}
