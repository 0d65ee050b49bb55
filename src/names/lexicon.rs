//! The names model's lexicons: word clusters (from GloVe vectors) and gazetteers (places, first and last
//! names, company forms), built from plain-text resources and stored inside the model file.

use rustc_hash::FxHashMap;

use super::features::{hash_str, phrase_hash};
use crate::tokenize::tokenize;

/// Gazetteer kinds, one bit each.
pub const GAZ_LOC: u8 = 1;
pub const GAZ_FIRST: u8 = 2;
pub const GAZ_LAST: u8 = 4;
pub const GAZ_CORP: u8 = 8;
pub const GAZ_KINDS: [u8; 4] = [GAZ_LOC, GAZ_FIRST, GAZ_LAST, GAZ_CORP];

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
    clusters: FxHashMap<u64, [u16; N_CLUSTERINGS]>,
    phrases: FxHashMap<u64, u8>,
}

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
        let mut clusters = FxHashMap::default();
        let mut phrases = FxHashMap::default();
        for entry in &entries {
            if entry.clusters.iter().any(|&c| c != NO_CLUSTER) {
                clusters.insert(hash_str(&entry.text), entry.clusters);
            }
            if entry.gazetteers != 0 {
                // An ASCII word of letters and digits is one token: only other entries need the tokenizer.
                if entry.text.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    *phrases.entry(phrase_hash(std::iter::once(hash_str(&entry.text)))).or_insert(0) |= entry.gazetteers;
                    continue;
                }
                let tokens = tokenize(&entry.text);
                if (1..=MAX_PHRASE).contains(&tokens.len()) {
                    let hashes = tokens.iter().map(|t| hash_str(entry.text.get(t.span.start..t.span.end).unwrap_or("")));
                    *phrases.entry(phrase_hash(hashes)).or_insert(0) |= entry.gazetteers;
                }
            }
        }
        Lexicon { entries, clusters, phrases }
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
                    entries.push(Entry { text: line.to_lowercase(), clusters: [NO_CLUSTER; N_CLUSTERINGS], gazetteers: kind });
                }
            }
        }
        Lexicon::from_entries(entries)
    }

    /// Clusters of a lowercased word's hash.
    pub(crate) fn clusters(&self, lower_hash: u64) -> [u16; N_CLUSTERINGS] {
        self.clusters.get(&lower_hash).copied().unwrap_or([NO_CLUSTER; N_CLUSTERINGS])
    }

    /// Gazetteer bits of a token sequence's phrase hash.
    pub(crate) fn phrase(&self, hash: u64) -> u8 {
        self.phrases.get(&hash).copied().unwrap_or(0)
    }

    pub(crate) fn has_phrases(&self) -> bool {
        !self.phrases.is_empty()
    }
}
