//! Entity groups: the mentions of one person, organization, place or other name gathered into one
//! row ("Nazarbaev" with "Nursultan Nazarbaev", "EU" with "European Union"), with a salience score.
//!
//! Grouping works on normalized words: lowercased, a possessive `'s` / `’s` and leading titles ("Mr",
//! "President") removed. Mentions are visited longest first, so full names found groups and shorter
//! mentions join them:
//! - the same words join, whatever name label each mention got (the tagger sometimes disagrees with
//!   itself about one string);
//! - a person group takes any mention (PER, or MISC/ORG from a tagger slip, never LOC) whose words are
//!   a contiguous run of its own words: a surname, a first name, "Qasym-Zhomart Toqaev" ↔ "Toqaev";
//! - a non-person group takes an acronym of its words ("OSCE" ↔ "Organization for Security and
//!   Co-operation in Europe", "Nato" ↔ "North Atlantic Treaty Organisation").
//!
//! When several groups could take a mention (two people named Miliband), the one mentioned closest
//! before it wins, else the closest after it.
//!
//! Salience (`[0, 1]`) mixes how often the entity is mentioned, how early it first appears, whether the
//! headline names it, and how many key sentences mention it (`rank`, after the summary is chosen).

use rustc_hash::FxHashMap as HashMap;

pub use crate::analysis::Group;
use crate::analysis::{Analysis, Label};

/// A person group with more words than this is more likely a mis-tagged headline than a name, and takes
/// no partial mentions.
const MAX_PERSON_WORDS: usize = 4;

/// Weights of the salience parts; they sum to 1.
const W_FREQUENCY: f64 = 0.45;
const W_FIRST: f64 = 0.25;
const W_TITLE: f64 = 0.15;
const W_KEY: f64 = 0.15;

/// Groups the name entities of `analysis` and scores them without key sentences (see `rank`).
/// `title` is the sentence index of the headline, if the text has one. Sorted by salience.
pub fn find(analysis: &Analysis, title: Option<usize>) -> Vec<Group> {
    let mentions: Vec<Mention> = analysis
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.label.is_name())
        .filter_map(|(i, e)| Mention::new(i, e.label, e.span.start, analysis.slice(e.span)))
        .collect();
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&m| {
        let m = &mentions[m];
        (std::cmp::Reverse(m.words.len()), std::cmp::Reverse(m.display.len()), m.start)
    });

    let mut builders: Vec<Builder> = Vec::new();
    let mut by_words: HashMap<Vec<String>, Vec<usize>> = HashMap::default();
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::default();
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
    for &m in &order {
        let mention = &mentions[m];
        let mut candidates: Vec<usize> = by_words.get(&mention.words).cloned().unwrap_or_default();
        if candidates.is_empty() && mention.label != Label::Loc {
            if let Some(first) = mention.words.first() {
                for &g in by_word.get(first).map(Vec::as_slice).unwrap_or(&[]) {
                    let b = &builders[g];
                    if b.label == Label::Per
                        && b.words.len() <= MAX_PERSON_WORDS
                        && contains_run(&b.words, &mention.words)
                        && !candidates.contains(&g)
                    {
                        candidates.push(g);
                    }
                }
            }
        }
        if candidates.is_empty() && mention.label != Label::Per {
            if let Some(acronym) = &mention.acronym {
                candidates.extend(
                    by_initials
                        .get(acronym)
                        .map(Vec::as_slice)
                        .unwrap_or(&[])
                        .iter()
                        .filter(|&&g| builders[g].label != Label::Per),
                );
            }
        }
        let chosen = match candidates.len() {
            0 => None,
            1 => Some(candidates[0]),
            _ => nearest(&builders, &mentions, &candidates, mention.start),
        };
        match chosen {
            Some(g) => builders[g].members.push(m),
            None => {
                let g = builders.len();
                by_words.entry(mention.words.clone()).or_default().push(g);
                if mention.label == Label::Per {
                    for w in &mention.words {
                        let list = by_word.entry(w.clone()).or_default();
                        if list.last() != Some(&g) {
                            list.push(g);
                        }
                    }
                } else {
                    for initials in mention.initials.iter().filter(|i| i.len() >= 2) {
                        by_initials.entry(initials.clone()).or_default().push(g);
                    }
                }
                builders.push(Builder {
                    label: mention.label,
                    words: mention.words.clone(),
                    canonical: m,
                    members: vec![m],
                });
            }
        }
    }

    let n_sentences = analysis.sentences.len().max(1) as f64;
    let max_count = builders.iter().map(|b| b.members.len()).max().unwrap_or(1) as f64;
    let title_words: Vec<String> = title
        .and_then(|t| analysis.sentences.get(t))
        .map(|s| {
            analysis.slice(s.span).split(|c: char| !c.is_alphanumeric() && c != '-').map(str::to_lowercase).collect()
        })
        .unwrap_or_default();
    let mut groups: Vec<Group> = builders
        .into_iter()
        .map(|b| {
            let mut entity_ids: Vec<usize> = b.members.iter().map(|&m| mentions[m].entity).collect();
            entity_ids.sort_unstable();
            let canonical = &mentions[b.canonical];
            let label =
                if canonical.label == Label::Misc { majority_label(&mentions, &b.members) } else { canonical.label };
            let first = entity_ids.first().and_then(|&e| analysis.entities.get(e)).map(|e| e.span.start).unwrap_or(0);
            let first_sentence = analysis.sentence_at(first).unwrap_or(0);
            let in_title = title.is_some_and(|t| {
                entity_ids
                    .iter()
                    .any(|&e| analysis.entities.get(e).and_then(|e| analysis.sentence_at(e.span.start)) == Some(t))
                    || b.words.iter().any(|w| w.chars().count() > 2 && title_words.contains(w))
            });
            let frequency = (1.0 + entity_ids.len() as f64).ln() / (1.0 + max_count).ln();
            let position = 1.0 - first_sentence as f64 / n_sentences;
            let salience = W_FREQUENCY * frequency + W_FIRST * position + W_TITLE * f64::from(u8::from(in_title));
            Group { canonical: canonical.display.clone(), label, mentions: entity_ids, salience }
        })
        .collect();
    sort(&mut groups, analysis);
    groups
}

/// For each entity index below `n_entities`, the index in `groups` of the group that holds it (for
/// "clicking a highlight reveals its row" and for grouping quotes by speaker).
pub fn group_of_entities(groups: &[Group], n_entities: usize) -> Vec<Option<usize>> {
    let mut group_of = vec![None; n_entities];
    for (g, group) in groups.iter().enumerate() {
        for &e in &group.mentions {
            if let Some(slot) = group_of.get_mut(e) {
                *slot = Some(g);
            }
        }
    }
    group_of
}

/// Adds the key-sentence part of salience (the share of `key_sentences`, sorted, that mention each
/// group) and sorts by salience, then by first mention.
pub fn rank(groups: &mut [Group], analysis: &Analysis, key_sentences: &[usize]) {
    if !key_sentences.is_empty() {
        for group in groups.iter_mut() {
            let mut hit: Vec<usize> = group
                .mentions
                .iter()
                .filter_map(|&e| analysis.entities.get(e).and_then(|e| analysis.sentence_at(e.span.start)))
                .filter(|s| key_sentences.binary_search(s).is_ok())
                .collect();
            hit.dedup();
            group.salience += W_KEY * hit.len() as f64 / key_sentences.len() as f64;
        }
    }
    sort(groups, analysis);
}

fn sort(groups: &mut [Group], analysis: &Analysis) {
    let first =
        |g: &Group| g.mentions.first().and_then(|&e| analysis.entities.get(e)).map_or(usize::MAX, |e| e.span.start);
    groups.sort_by(|a, b| b.salience.total_cmp(&a.salience).then_with(|| first(a).cmp(&first(b))));
}

/// A name mention, normalized for matching.
struct Mention {
    entity: usize,
    label: Label,
    start: usize,
    /// As written, possessive removed.
    display: String,
    /// Lowercased words without leading titles.
    words: Vec<String>,
    /// The mention read as an acronym ("EU", "U.N.", "Nato"), uppercased.
    acronym: Option<String>,
    /// Initials of the words without and with function words ("OSCE", "OFSACIE"), hyphenated words
    /// taken whole or split.
    initials: Vec<String>,
}

/// Words dropped from the front of a mention before matching.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "prime",
    "minister",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "gen",
    "general",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "the",
];

/// Function words skipped when forming initials, compared ignoring ASCII case (all are ASCII).
const FUNCTION_WORDS: &[&str] = &["of", "the", "and", "for", "in", "on", "at", "de", "du", "la", "&"];

impl Mention {
    fn new(entity: usize, label: Label, start: usize, text: &str) -> Option<Mention> {
        let display = strip_possessive(text.trim()).trim().to_owned();
        let mut words: Vec<String> = display
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        let leading = words.iter().take_while(|w| TITLES.contains(&w.trim_end_matches('.'))).count();
        if leading < words.len() {
            words.drain(..leading);
        }
        if words.is_empty() {
            return None;
        }
        let acronym = if label == Label::Per { None } else { acronym_of(&display) };
        // Initials with and without function words, with hyphenated words as one word or two
        // ("Co-operation" gives C or CO).
        let mut initials: Vec<String> = Vec::new();
        // People are never expanded acronyms.
        let hyphen_options: &[bool] = if label == Label::Per { &[] } else { &[false, true] };
        for &split_hyphens in hyphen_options {
            let parts: Vec<&str> = display
                .split(|c: char| c.is_whitespace() || (split_hyphens && c == '-'))
                .filter(|w| !w.is_empty())
                .collect();
            if parts.len() < 2 {
                continue;
            }
            for skip in [true, false] {
                let letters: String = parts
                    .iter()
                    .filter(|p| !(skip && FUNCTION_WORDS.iter().any(|f| p.eq_ignore_ascii_case(f))))
                    .filter_map(|p| p.chars().find(|c| c.is_alphanumeric()))
                    .flat_map(char::to_uppercase)
                    .collect();
                if !initials.contains(&letters) {
                    initials.push(letters);
                }
            }
        }
        Some(Mention { entity, label, start, display, words, acronym, initials })
    }
}

fn strip_possessive(text: &str) -> &str {
    for ending in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(stem) = text.strip_suffix(ending) {
            return stem;
        }
    }
    text
}

/// "EU", "U.N.", "OSCE" (2–6 capitals, dots allowed) or "Nato" (a capital and 2–5 lowercase letters,
/// only ever matched against at least three initials) read as an acronym.
fn acronym_of(display: &str) -> Option<String> {
    if display.contains(char::is_whitespace) {
        return None;
    }
    let letters: String = display.chars().filter(|&c| c != '.').collect();
    let n = letters.chars().count();
    if !(2..=6).contains(&n) || !letters.chars().all(char::is_alphabetic) {
        return None;
    }
    let upper: String = letters.chars().flat_map(char::to_uppercase).collect();
    if letters.chars().all(char::is_uppercase) {
        return Some(upper);
    }
    let mut chars = letters.chars();
    let capitalized = chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    (capitalized && (3..=5).contains(&n)).then_some(upper)
}

/// True when `needle` appears as a contiguous run of words in `haystack`.
fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && needle.len() <= haystack.len() && haystack.windows(needle.len()).any(|w| w == needle)
}

struct Builder {
    label: Label,
    words: Vec<String>,
    canonical: usize,
    members: Vec<usize>,
}

/// Of `candidates`, the group mentioned closest before `start`, else closest after it.
fn nearest(builders: &[Builder], mentions: &[Mention], candidates: &[usize], start: usize) -> Option<usize> {
    let mut best_before: Option<(usize, usize)> = None;
    let mut best_after: Option<(usize, usize)> = None;
    for &g in candidates {
        for &m in &builders[g].members {
            let at = mentions[m].start;
            if at < start {
                if best_before.is_none_or(|(p, _)| at > p) {
                    best_before = Some((at, g));
                }
            } else if best_after.is_none_or(|(p, _)| at < p) {
                best_after = Some((at, g));
            }
        }
    }
    best_before.or(best_after).map(|(_, g)| g)
}

fn majority_label(mentions: &[Mention], members: &[usize]) -> Label {
    let mut counts: Vec<(Label, usize)> = Vec::new();
    for &m in members {
        let label = mentions[m].label;
        match counts.iter_mut().find(|(l, _)| *l == label) {
            Some((_, c)) => *c += 1,
            None => counts.push((label, 1)),
        }
    }
    // Ties go to the label seen first among members (the canonical mention's).
    let mut best = (Label::Misc, 0);
    for (label, count) in counts {
        if count > best.1 {
            best = (label, count);
        }
    }
    best.0
}
