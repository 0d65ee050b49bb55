//! Merging: combines the names model's entities, the rules' entities and the QUOTE spans into one
//! sorted list, following one overlap policy.
//!
//! Policy (tested in this module and in `tests/it/rules.rs`):
//! 1. Quotes are containers. A QUOTE span never competes with anything: names and figures inside a quote
//!    stay as they are ("Nazarbaev" inside `"Nazarbaev, go away"` stays PER).
//! 2. Same span, name vs rule: the rule wins. A bare number or date ("Two", "Monday", "Dozens") that the
//!    names model calls a name is a tagger error far more often than a name. Exception: a MISC name of
//!    more than one word that the rules read as one day is a named holiday ("Labor Day"), a name in
//!    CoNLL-2003's layer: the name stays, and takes the date's TIMEX3 reading.
//! 3. A name that strictly contains a rule span wins: numbers and dates inside names belong to the name
//!    ("Euro 2016", "Windows 10", "Second World War", "Apollo 11"). Exception: an approximate or
//!    qualified amount ("Dozens", "Several hundred", "at least 50") is never part of a name, so it wins
//!    and the name is dropped (headlines in title case: "Dozens Detained By Police").
//! 4. A rule span that strictly contains a name wins ("February 28" over a name "February"), except
//!    that an amount of money or a time of day keeps the names inside it, nested: a currency's or a time
//!    zone's name is a name in its own right (MISC "Swiss" in MONEY "25,000 Swiss francs", MISC "GMT" in
//!    TIME "1800 GMT", as CoNLL-2003 and OntoNotes each annotate their own layer).
//! 5. Spans that cross without containing each other: the longer wins; on a tie the rule wins.
//! 6. Names never overlap each other, nor rule entities each other (each stage guarantees it); after
//!    merging, no two non-QUOTE entities overlap except a name nested in a MONEY or TIME (rule 4).
//!
//! The result is sorted by start, then by end descending (outer spans first), then by label.

use crate::analysis::{Entity, Label, Value};
use crate::span::Span;

/// Merges the three lists under the policy above.
pub fn merge(names: Vec<Entity>, rules: Vec<Entity>, quotes: Vec<Entity>) -> Vec<Entity> {
    let mut kept: Vec<Entity> = Vec::with_capacity(names.len() + rules.len() + quotes.len());
    let mut name_lost = vec![false; names.len()];
    // TIMEX3 readings of holidays kept as names (rule 2's exception).
    let mut name_timex = vec![None; names.len()];
    // Both lists are in text order, so only a window of names can overlap each rule entity.
    let mut first_name = 0;
    for rule in rules {
        while first_name < names.len() && names[first_name].span.end <= rule.span.start {
            first_name += 1;
        }
        let mut rule_lost = false;
        let mut j = first_name;
        while j < names.len() && names[j].span.start < rule.span.end {
            let name = &names[j];
            if name.span.overlaps(rule.span) && !nests((name.label, name.span), (rule.label, rule.span)) {
                if rule_wins(name, &rule) {
                    name_lost[j] = true;
                } else {
                    rule_lost = true;
                    if name.span == rule.span {
                        name_timex[j].clone_from(&rule.timex);
                    }
                }
            }
            j += 1;
        }
        if !rule_lost {
            kept.push(rule);
        }
    }
    // A name that beat one rule entity may have lost to another; it is kept only if it lost to none.
    for ((mut name, lost), timex) in names.into_iter().zip(name_lost).zip(name_timex) {
        if !lost {
            if timex.is_some() {
                name.timex = timex;
            }
            kept.push(name);
        }
    }
    kept.extend(quotes);
    sort(&mut kept);
    remove_overlaps(&mut kept);
    kept
}

/// Whether the rule entity wins over an overlapping name (rules 2 to 5 above).
pub fn rule_wins(name: &Entity, rule: &Entity) -> bool {
    let (n, r) = (name.span, rule.span);
    if n == r {
        let one_day = matches!(&rule.value, Some(Value::Date { iso }) if iso.len() == 10);
        return !(name.label == Label::Misc && rule.label == Label::Date && one_day && n.len() >= 9);
    }
    if n.contains(r) {
        return is_vague(rule);
    }
    if r.contains(n) {
        return true;
    }
    r.len() >= n.len()
}

/// Whether an entity (label, span) nests inside another (rule 4's exception): a name strictly inside a
/// MONEY or TIME.
pub fn nests(inner: (Label, Span), outer: (Label, Span)) -> bool {
    inner.0.is_name() && is_container(outer.0) && outer.1.contains(inner.1) && outer.1 != inner.1
}

/// Rule labels whose spans keep the names inside them.
fn is_container(label: Label) -> bool {
    matches!(label, Label::Money | Label::Time)
}

/// Approximate or qualified amounts ("dozens", "several hundred", "at least 50").
fn is_vague(entity: &Entity) -> bool {
    matches!(&entity.value, Some(Value::Number { approximate, qualifier, .. }) if *approximate || qualifier.is_some())
}

/// Sorts entities by start, then longest first, then by label.
pub fn sort(entities: &mut [Entity]) {
    entities
        .sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)).then(a.label.cmp(&b.label)));
}

/// Enforces rule 6 on a sorted list: when two non-QUOTE entities still overlap (a name that lost to one
/// rule entity while beating another), the earlier-kept one stays.
fn remove_overlaps(entities: &mut Vec<Entity>) {
    let mut layer = Layer::default();
    entities.retain(|e| layer.admits(e));
}

/// The first entity of a sorted list that breaks rule 6 (overlaps an earlier non-QUOTE entity without
/// nesting in it as rule 4 allows), if any: the check the tests and fuzz targets make of every analysis.
pub fn first_overlap(entities: &[Entity]) -> Option<usize> {
    let mut layer = Layer::default();
    entities.iter().position(|e| !layer.admits(e))
}

/// The non-QUOTE entities seen so far in a sorted list: the last one not nested in another (label and
/// span), and where the last name nested in it ends.
#[derive(Default)]
struct Layer {
    last: Option<(Label, Span)>,
    nested_end: usize,
}

impl Layer {
    /// Whether `e`, next in sorted order, may stay under rule 6; if so it is taken in.
    fn admits(&mut self, e: &Entity) -> bool {
        if e.label == Label::Quote {
            return true;
        }
        match self.last {
            Some(last) if e.span.start < last.1.end => {
                let fits = nests((e.label, e.span), last) && e.span.start >= self.nested_end;
                if fits {
                    self.nested_end = e.span.end;
                }
                fits
            }
            _ => {
                self.nested_end = e.span.start;
                self.last = Some((e.label, e.span));
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Source;
    use crate::span::Span;

    fn e(start: usize, end: usize, label: Label, source: Source) -> Entity {
        Entity::new(Span::new(start, end), label, source)
    }

    fn vague(start: usize, end: usize) -> Entity {
        Entity {
            value: Some(Value::Number { value: 24.0, max: None, approximate: true, qualifier: None }),
            ..e(start, end, Label::Cardinal, Source::Rule)
        }
    }

    fn labels(entities: &[Entity]) -> Vec<(usize, usize, Label)> {
        entities.iter().map(|e| (e.span.start, e.span.end, e.label)).collect()
    }

    #[test]
    fn policy() {
        use Label::*;
        use Source::{Model, Rule};
        // 2. same span: the rule wins
        assert_eq!(labels(&merge(vec![e(0, 6, Misc, Model)], vec![e(0, 6, Date, Rule)], vec![])), [(0, 6, Date)]);
        // … but a holiday the names model calls MISC stays a name
        let holiday = Entity { value: Some(Value::Date { iso: "2021-09-06".into() }), ..e(0, 10, Date, Rule) };
        assert_eq!(labels(&merge(vec![e(0, 10, Misc, Model)], vec![holiday], vec![])), [(0, 10, Misc)]);
        // 3. a name containing a number keeps it ("Euro 2016")
        assert_eq!(labels(&merge(vec![e(0, 9, Misc, Model)], vec![e(5, 9, Date, Rule)], vec![])), [(0, 9, Misc)]);
        // 3. … unless the number is vague ("Dozens Detained By Police")
        assert_eq!(labels(&merge(vec![e(0, 20, Per, Model)], vec![vague(0, 6)], vec![])), [(0, 6, Cardinal)]);
        // 4. a date containing a name wins
        assert_eq!(labels(&merge(vec![e(0, 8, Misc, Model)], vec![e(0, 11, Date, Rule)], vec![])), [(0, 11, Date)]);
        // 5. crossing spans: the longer wins, ties to the rule
        assert_eq!(labels(&merge(vec![e(0, 10, Org, Model)], vec![e(5, 12, Date, Rule)], vec![])), [(0, 10, Org)]);
        assert_eq!(labels(&merge(vec![e(0, 10, Org, Model)], vec![e(5, 15, Date, Rule)], vec![])), [(5, 15, Date)]);
        // 4. … but an amount of money or a time keeps the names inside it, nested
        assert_eq!(
            labels(&merge(vec![e(7, 12, Misc, Model)], vec![e(0, 19, Money, Rule)], vec![])),
            [(0, 19, Money), (7, 12, Misc)]
        );
        assert_eq!(
            labels(&merge(vec![e(5, 8, Misc, Model)], vec![e(0, 8, Time, Rule)], vec![])),
            [(0, 8, Time), (5, 8, Misc)]
        );
        // … not one of the same span, nor one that crosses it
        assert_eq!(labels(&merge(vec![e(0, 8, Misc, Model)], vec![e(0, 8, Time, Rule)], vec![])), [(0, 8, Time)]);
        assert_eq!(labels(&merge(vec![e(5, 12, Misc, Model)], vec![e(0, 8, Time, Rule)], vec![])), [(0, 8, Time)]);
        // 1. names inside quotes stay names; the quote comes first (outer span)
        assert_eq!(
            labels(&merge(vec![e(1, 10, Per, Model)], vec![e(12, 14, Cardinal, Rule)], vec![e(0, 20, Quote, Rule)])),
            [(0, 20, Quote), (1, 10, Per), (12, 14, Cardinal)]
        );
    }
}
