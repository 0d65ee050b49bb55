//! The names model's lexicons: word clusters (from GloVe vectors) and gazetteers (places, countries,
//! capitals, first and last names, company forms, listed companies), built from plain-text resources and
//! stored inside the model file.

use super::hash::{hash_bytes, hash_str, phrase_hash};
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
/// Names of listed companies. Not a feature either (not among `GAZ_KINDS`): the tagger's clean-up retypes
/// a name that is one (`model::companies_are_organizations`).
pub const GAZ_ORG: u8 = 128;
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
    /// The entries in their stored form, sorted by text, each text once.
    pub(crate) entries: Entries,
    words: Table<Word>,
    phrases: Table<u8>,
}

/// Entries as columns, the way the model file stores them: the texts joined by `\n` in one string (no
/// string of its own per entry), then each entry's clusters and gazetteer bits.
#[derive(Clone, Debug, Default)]
pub(crate) struct Entries {
    /// Every entry's text, each followed by `\n` but the last.
    pub text: String,
    pub clusters: Vec<[u16; N_CLUSTERINGS]>,
    pub gazetteers: Vec<u8>,
}

impl Entries {
    pub fn len(&self) -> usize {
        self.gazetteers.len()
    }

    /// Each entry as (text, clusters, gazetteer bits), in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, [u16; N_CLUSTERINGS], u8)> + '_ {
        let texts = (!self.gazetteers.is_empty()).then(|| lines(&self.text)).into_iter().flatten();
        texts.zip(&self.clusters).zip(&self.gazetteers).map(|((t, &c), &g)| (t, c, g))
    }
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
        let columns = Entries {
            text: entries.iter().map(|e| e.text.as_str()).collect::<Vec<_>>().join("\n"),
            clusters: entries.iter().map(|e| e.clusters).collect(),
            gazetteers: entries.iter().map(|e| e.gazetteers).collect(),
        };
        Lexicon::from_sorted(columns)
    }

    /// `from_entries` of entries in their stored form, read straight from a model file: `texts` (joined by
    /// `\n`) with `clusters` and `gazetteers`, one per text. When the texts are strictly increasing (as
    /// `from_entries` leaves them, so in every model file it wrote) sorting and merging would change
    /// nothing and are skipped, as is a string per entry; otherwise this is `from_entries`.
    pub(crate) fn from_columns(text: &str, clusters: Vec<[u16; N_CLUSTERINGS]>, gazetteers: Vec<u8>) -> Lexicon {
        let mut previous: Option<&str> = None;
        let sorted = gazetteers.is_empty()
            || lines(text).all(|t| {
                let increasing = previous.is_none_or(|p| p < t);
                previous = Some(t);
                increasing
            });
        let columns = Entries { text: text.to_owned(), clusters, gazetteers };
        if sorted {
            return Lexicon::from_sorted(columns);
        }
        let entries = columns
            .iter()
            .map(|(text, clusters, gazetteers)| Entry { text: text.to_owned(), clusters, gazetteers })
            .collect();
        Lexicon::from_entries(entries)
    }

    /// The lookup tables of entries sorted by text, each text once.
    fn from_sorted(entries: Entries) -> Lexicon {
        // What each entry says of words and phrases, in entry order (the order they are applied in).
        let mut word_facts: Vec<(u64, WordFact)> = Vec::with_capacity(entries.len() + entries.len() / 2);
        let mut phrase_facts: Vec<(u64, u8)> = Vec::with_capacity(entries.len() / 2);
        let mut hashes: Vec<u64> = Vec::with_capacity(MAX_PHRASE + 1);
        for (i, (text, clusters, gazetteers)) in entries.iter().enumerate() {
            let has_clusters = clusters.iter().any(|&c| c != NO_CLUSTER);
            let hash = if has_clusters || gazetteers & GAZ_COMMON != 0 { hash_str(text) } else { 0 };
            if has_clusters {
                word_facts.push((hash, WordFact::Clusters(i as u32)));
            }
            if gazetteers & GAZ_COMMON != 0 {
                word_facts.push((hash, WordFact::Common));
            }
            if gazetteers & !GAZ_COMMON != 0 {
                token_hashes(text, &mut hashes);
                if let (Some(&first), true) = (hashes.first(), (1..=MAX_PHRASE).contains(&hashes.len())) {
                    phrase_facts.push((phrase_hash(hashes.iter().copied()), gazetteers & !GAZ_COMMON));
                    word_facts.push((first, WordFact::Phrase(hashes.len() as u8)));
                }
            }
        }
        let words = Table::build(&word_facts, UNKNOWN, |word, fact| match *fact {
            WordFact::Clusters(i) => {
                if let Some(&clusters) = entries.clusters.get(i as usize) {
                    word.clusters = clusters;
                }
            }
            WordFact::Common => word.common = true,
            WordFact::Phrase(len) => word.longest_phrase = word.longest_phrase.max(len),
        });
        let phrases = Table::build(&phrase_facts, 0, |bits, more| *bits |= more);
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
        self.words.get(lower_hash).unwrap_or(UNKNOWN)
    }

    /// Gazetteer bits of a token sequence's phrase hash.
    pub(crate) fn phrase(&self, hash: u64) -> u8 {
        self.phrases.get(hash).unwrap_or(0)
    }

    pub(crate) fn has_phrases(&self) -> bool {
        !self.phrases.is_empty()
    }
}

/// The `hash_str` of each token of an entry's text, as the tokenizer cuts it, into `hashes`. Words of ASCII
/// letters and digits separated by single spaces are those words (the tokenizer's ASCII fast path cuts a
/// piece of letters and digits between white space as one token); only other texts need the tokenizer.
pub(super) fn token_hashes(text: &str, hashes: &mut Vec<u64>) {
    hashes.clear();
    let bytes = text.as_bytes();
    let plain = !bytes.is_empty()
        && bytes.iter().all(|&b| b.is_ascii_alphanumeric() || b == b' ')
        && bytes[0] != b' '
        && bytes[bytes.len() - 1] != b' '
        && !bytes.windows(2).any(|w| w == b"  ");
    if plain {
        hashes.extend(bytes.split(|&b| b == b' ').map(hash_bytes));
    } else {
        hashes.extend(tokenize(text).iter().map(|t| hash_str(text.get(t.span.start..t.span.end).unwrap_or(""))));
    }
}

/// The lines of a text joined by `\n` (`str::split('\n')`, by bytes).
fn lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'\n') {
            // `\n` is ASCII, so both sides are on char boundaries.
            Some(at) => {
                rest = r.get(at + 1..);
                r.get(..at)
            }
            None => rest.take(),
        }
    })
}

/// One fact an entry gives about a word (applied in entry order, as they come).
#[derive(Clone, Copy, Debug)]
enum WordFact {
    /// The clusters of entry `i`.
    Clusters(u32),
    Common,
    /// A gazetteer phrase of this many tokens begins with the word.
    Phrase(u8),
}

/// A read-only hash table from 64-bit hashes (already well mixed) to small values, built at once from a
/// list: open addressing with linear probing, where a key's home slot grows with the key (its top 32
/// bits scaled to the number of home slots). Keys are placed in increasing order, so building writes the
/// table front to back (a hash map filled one key at a time jumps around several megabytes, which made it
/// the slowest part of loading the model), and a run of occupied slots holds increasing keys, so a
/// lookup stops at the first key greater than its own.
#[derive(Clone, Debug)]
struct Table<V> {
    /// Number of home slots; a key's home is `home(key, homes)`.
    homes: u64,
    /// `(key, value)`; key 0 marks an empty slot (the value of key 0 itself is `zero`). Runs of occupied
    /// slots may go past the home slots' end: the vector is longer then.
    slots: Vec<(u64, V)>,
    zero: Option<V>,
    len: usize,
}

/// `Table::build` first sorts facts by this many top bits of their key.
const COARSE_BITS: u32 = 16;

/// The home slot of `key` among `homes`: increasing with the key, below `homes`.
#[inline]
fn home(key: u64, homes: u64) -> usize {
    (((key >> 32) * homes) >> 32) as usize
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table { homes: 0, slots: Vec::new(), zero: None, len: 0 }
    }
}

impl<V: Copy> Table<V> {
    /// The table of `facts` (key, fact): a key's value starts as `empty` and `apply` takes in each of its
    /// facts in the order of the list.
    fn build<F: Copy>(facts: &[(u64, F)], empty: V, apply: impl Fn(&mut V, &F)) -> Table<V> {
        // Facts in order of key, keeping their list order for one key: a counting sort by the top bits
        // (few enough counters to stay in cache), then a stable sort of each of those small groups.
        let coarse = |key: u64| (key >> (64 - COARSE_BITS)) as usize;
        let mut starts = vec![0u32; (1 << COARSE_BITS) + 1];
        for &(key, _) in facts {
            starts[coarse(key) + 1] += 1;
        }
        for g in 1..starts.len() {
            starts[g] += starts[g - 1];
        }
        let mut sorted: Vec<(u64, F)> = match facts.first() {
            Some(&first) => vec![first; facts.len()],
            None => Vec::new(),
        };
        let mut next = starts.clone();
        for &fact in facts {
            let at = &mut next[coarse(fact.0)];
            sorted[*at as usize] = fact;
            *at += 1;
        }
        drop(next);
        for group in starts.windows(2) {
            if let Some(group) = sorted.get_mut(group[0] as usize..group[1] as usize) {
                if group.len() > 1 {
                    group.sort_by_key(|&(key, _)| key);
                }
            }
        }
        // A third more home slots than keys: the table is at most three quarters full.
        let keys = sorted.windows(2).filter(|w| w[0].0 != w[1].0).count() + usize::from(!sorted.is_empty());
        let homes = (keys + keys / 3 + 1) as u64;
        let mut table = Table { homes, slots: vec![(0, empty); homes as usize], zero: None, len: 0 };
        // The end of the run of occupied slots being written (empty slots before it are never filled).
        let mut end = 0usize;
        for (key, fact) in &sorted {
            let (key, fact) = (*key, fact);
            if key == 0 {
                apply(table.zero.get_or_insert(empty), fact);
                continue;
            }
            // The same key as the one placed last: facts are in key order.
            if let Some(last) = end.checked_sub(1).and_then(|last| table.slots.get_mut(last)) {
                if last.0 == key {
                    apply(&mut last.1, fact);
                    continue;
                }
            }
            end = end.max(home(key, homes));
            if end == table.slots.len() {
                table.slots.push((0, empty));
            }
            let slot = &mut table.slots[end];
            *slot = (key, empty);
            apply(&mut slot.1, fact);
            table.len += 1;
            end += 1;
        }
        table.len += table.zero.is_some() as usize;
        table
    }

    #[inline]
    fn get(&self, key: u64) -> Option<V> {
        if key == 0 {
            return self.zero;
        }
        for &(k, v) in self.slots.get(home(key, self.homes)..)? {
            if k == key {
                return Some(v);
            }
            // An empty slot ends the run; so does a greater key (a run's keys increase).
            if k == 0 || k > key {
                return None;
            }
        }
        None
    }

    fn is_empty(&self) -> bool {
        self.len == 0
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

    /// The table finds every key it was built from, with its facts taken in order, and no other key:
    /// keys sharing a home slot, runs of slots past the home slots' end, and key 0 included.
    #[test]
    fn table_finds_exactly_its_keys() {
        let top = |home: u64, low: u64| (home << 60) | low;
        let facts: Vec<(u64, u8)> = vec![
            (top(3, 1), 1),
            (top(3, 2), 2),
            (top(15, 7), 4),
            (top(15, 8), 8),
            (top(15, 9), 16),
            (0, 32),
            (top(3, 1), 64),
            (top(4, 5), 128),
            (top(15, 7), 1),
        ];
        let table = Table::build(&facts, 0u8, |v, f| *v |= f);
        assert_eq!(table.get(top(3, 1)), Some(65));
        assert_eq!(table.get(top(3, 2)), Some(2));
        assert_eq!(table.get(top(4, 5)), Some(128));
        assert_eq!(table.get(top(15, 7)), Some(5));
        assert_eq!(table.get(top(15, 8)), Some(8));
        assert_eq!(table.get(top(15, 9)), Some(16));
        assert_eq!(table.get(0), Some(32));
        for missing in [top(3, 3), top(4, 1), top(5, 1), top(15, 10), u64::MAX, 1] {
            assert_eq!(table.get(missing), None, "{missing:x}");
        }
        // Many random keys, as hashes are.
        let keys: Vec<u64> = (0..5000u64).map(|i| super::super::hash::mix(i + 1)).collect();
        let facts: Vec<(u64, u32)> = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
        let table = Table::build(&facts, u32::MAX, |v, &f| *v = f);
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(table.get(k), Some(i as u32));
        }
        for i in 5000..10_000u64 {
            assert_eq!(table.get(super::super::hash::mix(i + 1)), None);
        }
        assert!(Table::<u8>::build(&[], 0, |_, _: &u8| {}).is_empty());
        assert_eq!(Table::<u8>::default().get(7), None);
    }

    /// A lexicon read from its stored columns answers as the one built from entries, sorted or not.
    #[test]
    fn columns_load_like_entries() {
        let entries = vec![
            Entry { text: "oslo".into(), clusters: [1, 2, 3, 4], gazetteers: GAZ_LOC },
            Entry { text: "new york".into(), clusters: [NO_CLUSTER; N_CLUSTERINGS], gazetteers: GAZ_LOC },
            Entry { text: "new".into(), clusters: [5, 6, 7, 8], gazetteers: GAZ_COMMON },
            Entry { text: "oslo".into(), clusters: [NO_CLUSTER; N_CLUSTERINGS], gazetteers: GAZ_CAPITAL },
        ];
        let built = Lexicon::from_entries(entries.clone());
        let sorted = Lexicon::from_columns(
            &built.entries.text,
            built.entries.clusters.clone(),
            built.entries.gazetteers.clone(),
        );
        let text = entries.iter().map(|e| e.text.as_str()).collect::<Vec<_>>().join("\n");
        let unsorted = Lexicon::from_columns(
            &text,
            entries.iter().map(|e| e.clusters).collect(),
            entries.iter().map(|e| e.gazetteers).collect(),
        );
        for lexicon in [&sorted, &unsorted] {
            assert_eq!(lexicon.entries.text, built.entries.text);
            assert_eq!(lexicon.entries.clusters, built.entries.clusters);
            assert_eq!(lexicon.entries.gazetteers, built.entries.gazetteers);
            for word in ["oslo", "new", "york", "bergen"] {
                assert_eq!(lexicon.word(hash_str(word)), built.word(hash_str(word)), "{word}");
            }
            let new_york = phrase_hash([hash_str("new"), hash_str("york")].into_iter());
            assert_eq!(lexicon.phrase(new_york), GAZ_LOC);
            assert_eq!(lexicon.phrase(phrase_hash([hash_str("oslo")].into_iter())), GAZ_LOC | GAZ_CAPITAL);
        }
        assert_eq!(built.word(hash_str("new")).longest_phrase, 2);
    }
}
