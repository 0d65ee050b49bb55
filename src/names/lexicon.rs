//! The names model's lexicons: word clusters (from GloVe vectors) and gazetteers (places, countries,
//! capitals, first and last names, company forms), built from plain-text resources and stored inside the model file.

use rustc_hash::FxHashMap;

use super::hash::{hash_str, phrase_hash};
use crate::tokenize::tokenize;

/// Gazetteer kinds, one bit each.
pub const GAZ_LOC: u8 = 1;
pub const GAZ_FIRST: u8 = 2;
pub const GAZ_LAST: u8 = 4;
pub const GAZ_CORP: u8 = 8;
pub const GAZ_COUNTRY: u8 = 16;
pub const GAZ_CAPITAL: u8 = 32;
/// Not a gazetteer of names but a list of common words (a dictionary's lowercase entries): marks a word,
/// never a phrase, and is not among `GAZ_KINDS`.
pub const GAZ_COMMON: u8 = 64;
pub const GAZ_KINDS: [u8; N_GAZ] = [GAZ_LOC, GAZ_FIRST, GAZ_LAST, GAZ_CORP, GAZ_COUNTRY, GAZ_CAPITAL];
/// Number of gazetteer kinds.
pub const N_GAZ: usize = 6;

/// Number of cluster granularities per word.
pub const N_CLUSTERINGS: usize = 4;
/// "No cluster" in a cluster column.
pub const NO_CLUSTER: u16 = u16::MAX;

/// Longest gazetteer phrase, in tokens.
pub const MAX_PHRASE: usize = 4;

/// One lexicon entry as stored: a lowercased word or phrase with its clusters and gazetteer bits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub text: String,
    pub clusters: [u16; N_CLUSTERINGS],
    pub gazetteers: u8,
}

/// Lexicons ready for lookup (keys are hashes of lowercased words and of token sequences).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub(crate) entries: Vec<Entry>,
    words: FxHashMap<u64, Word>,
    phrases: FxHashMap<u64, u8>,
}

/// What the lexicon knows of one lowercased word: its clusters, the length of the longest gazetteer
/// phrase that begins with it (0: none), so phrases are looked up only where one can begin, and whether
/// it is a common word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    pub clusters: [u16; N_CLUSTERINGS],
    pub longest_phrase: u8,
    pub common: bool,
}

impl Word {
    /// A word the lexicon does not know.
    pub const UNKNOWN: Word = Word { clusters: [NO_CLUSTER; N_CLUSTERINGS], longest_phrase: 0, common: false };
}

const UNKNOWN: Word = Word::UNKNOWN;

impl Lexicon {
    /// Builds the lookup tables from entries (the stored form).
    pub fn from_entries(mut entries: Vec<Entry>) -> Lexicon {
        entries.sort();
        entries.dedup_by(|b, a| {
            if a.text == b.text {
                a.gazetteers |= b.gazetteers;
                for k in 0..N_CLUSTERINGS {
                    if a.clusters[k] == NO_CLUSTER {
                        a.clusters[k] = b.clusters[k];
                    }
                }
                true
            } else {
                false
            }
        });
        let mut words: FxHashMap<u64, Word> = FxHashMap::default();
        let mut phrases = FxHashMap::default();
        for entry in &entries {
            if entry.clusters.iter().any(|&c| c != NO_CLUSTER) {
                words.entry(hash_str(&entry.text)).or_insert(UNKNOWN).clusters = entry.clusters;
            }
            if entry.gazetteers & GAZ_COMMON != 0 {
                words.entry(hash_str(&entry.text)).or_insert(UNKNOWN).common = true;
            }
            if entry.gazetteers & !GAZ_COMMON != 0 {
                // An ASCII word of letters and digits is one token: only other entries need the tokenizer.
                let hashes: Vec<u64> = if entry.text.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    vec![hash_str(&entry.text)]
                } else {
                    tokenize(&entry.text)
                        .iter()
                        .map(|t| hash_str(entry.text.get(t.span.start..t.span.end).unwrap_or("")))
                        .collect()
                };
                if let (Some(&first), true) = (hashes.first(), (1..=MAX_PHRASE).contains(&hashes.len())) {
                    *phrases.entry(phrase_hash(hashes.iter().copied())).or_insert(0) |= entry.gazetteers & !GAZ_COMMON;
                    let word = words.entry(first).or_insert(UNKNOWN);
                    word.longest_phrase = word.longest_phrase.max(hashes.len() as u8);
                }
            }
        }
        Lexicon { entries, words, phrases }
    }

    /// Builds a lexicon from the resource texts: `clusters` has `word\tc1\tc2\tc3\tc4` lines; each gazetteer
    /// text has one entry per line. Malformed lines are skipped.
    pub fn from_resources(clusters: &str, gazetteers: &[(u8, &str)]) -> Lexicon {
        let mut entries = Vec::new();
        for line in clusters.lines() {
            let mut fields = line.split('\t');
            let Some(word) = fields.next().filter(|w| !w.is_empty()) else { continue };
            let mut ids = [NO_CLUSTER; N_CLUSTERINGS];
            for id in &mut ids {
                *id = fields.next().and_then(|f| f.trim().parse::<u16>().ok()).unwrap_or(NO_CLUSTER);
            }
            entries.push(Entry { text: word.to_lowercase(), clusters: ids, gazetteers: 0 });
        }
        for &(kind, text) in gazetteers {
            for line in text.lines() {
                let line = line.trim();
                if !line.is_empty() {
                    entries.push(Entry {
                        text: line.to_lowercase(),
                        clusters: [NO_CLUSTER; N_CLUSTERINGS],
                        gazetteers: kind,
                    });
                }
            }
        }
        Lexicon::from_entries(entries)
    }

    /// What the lexicon knows of a lowercased word's hash.
    pub(crate) fn word(&self, lower_hash: u64) -> Word {
        self.words.get(&lower_hash).copied().unwrap_or(UNKNOWN)
    }

    /// Gazetteer bits of a token sequence's phrase hash.
    pub(crate) fn phrase(&self, hash: u64) -> u8 {
        self.phrases.get(&hash).copied().unwrap_or(0)
    }

    pub(crate) fn has_phrases(&self) -> bool {
        !self.phrases.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A common word is marked on the word alone: it begins no gazetteer phrase and gives no phrase bits,
    /// while a gazetteer entry written the same way keeps its own.
    #[test]
    fn common_words_mark_words_not_phrases() {
        let lexicon = Lexicon::from_resources(
            "bank\t1\t2\t3\t4\n",
            &[(GAZ_COMMON, "bank\nchoice\nfree trade"), (GAZ_LOC, "choice")],
        );
        let (bank, choice, free) = (hash_str("bank"), hash_str("choice"), hash_str("free"));
        assert!(lexicon.word(bank).common && lexicon.word(choice).common);
        assert_eq!(lexicon.word(bank).clusters, [1, 2, 3, 4]);
        assert_eq!(lexicon.word(bank).longest_phrase, 0);
        assert_eq!(lexicon.phrase(phrase_hash([bank].into_iter())), 0);
        assert_eq!(lexicon.word(choice).longest_phrase, 1);
        assert_eq!(lexicon.phrase(phrase_hash([choice].into_iter())), GAZ_LOC);
        assert!(!lexicon.word(hash_str("portugal")).common);
        assert_eq!(lexicon.word(free).longest_phrase, 0, "a common-word line is no phrase");
    }
}
