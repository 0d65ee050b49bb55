//! Merging: combines the names model's entities with the rules' entities into one sorted list.
//!
//! Policy:
//! 1. Quotes are containers: a QUOTE span may hold names and figures, which stay as they are.
//! 2. Between a name and a rule entity that overlap, the longer span wins; on a tie the name wins.
//! 3. Entities of the same group never overlap each other after merging.
//! The result is sorted by start, then by end descending (outer spans first).

use crate::analysis::Entity;

pub fn merge(names: Vec<Entity>, rules: Vec<Entity>, quotes: Vec<Entity>) -> Vec<Entity> {
    let mut kept: Vec<Entity> = Vec::with_capacity(names.len() + rules.len() + quotes.len());
    for rule in rules {
        let clash = names.iter().find(|n| n.span.overlaps(rule.span));
        match clash {
            Some(name) if name.span.len() >= rule.span.len() => {}
            _ => kept.push(rule),
        }
    }
    for name in names {
        if !kept.iter().any(|r| r.span.overlaps(name.span) && r.span.len() > name.span.len()) {
            kept.push(name);
        }
    }
    kept.extend(quotes);
    sort(&mut kept);
    kept
}

/// Sorts entities by start, then longest first, then by label.
pub fn sort(entities: &mut [Entity]) {
    entities.sort_by(|a, b| {
        a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)).then(a.label.cmp(&b.label))
    });
}
