//! The names model's lexicons: word clusters (from GloVe vectors) and gazetteers (places, countries,
//! capitals, first and last names, company forms, listed companies), built from plain-text resources and
//! stored inside the model file.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::hash::{hash_str, phrase_hash};
use crate::tokenize::tokenize;

/// Asks the processor to start loading `value` into the cache; no effect on the program's results, and
/// none at all on targets other than x86-64 (WebAssembly has no such instruction). Here for the lexicon's
/// lookups and the model's row sums (`model`).
#[inline(always)]
pub(super) fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint that never faults and reads nothing into the program; the pointer comes
    // from a reference anyway. SSE (which has the instruction) is part of every x86-64 processor.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((value as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

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

/// Lexicons ready for lookup. A word is first looked up by its lowercased text in the sorted entries
/// themselves, front-coded as the model file stores them: the blocks of `BLOCK` entries whose first
/// entries share the word's first two bytes, a binary search over those first entries (stored whole),
/// then the entries of one block read in order. So loading decodes no entry's text and builds no table of
/// the some 200,000 entries: only where each block starts (stored) and two small tables of the phrases
/// that are not a single plain word (keys are hashes of token sequences), from their own short list.
/// Once it is built (`prepare_words_table`: the model builds it for long texts), a hash table of every
/// word answers instead: the same answers, with one wait for memory per word instead of a binary search's
/// several (the names stage was 10% slower on `bench-names` without it).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// The entries in their stored form, sorted by text, each text once; but for the gazetteer phrases
    /// that say nothing of a word of their own (`phrase_only`), which are in `phrase_entries` alone.
    pub(crate) entries: Entries,
    /// Per value of a text's first two bytes (`prefix`), the first block whose first entry's prefix is not
    /// less; one more at the end (the number of blocks).
    by_prefix: Vec<u32>,
    /// Every gazetteer entry that is not a single plain word (`plain_word`), as stored: their tokens and
    /// their gazetteer bits.
    pub(crate) phrase_entries: PhraseEntries,
    /// Gazetteer phrases of more than one token, or of one token but not a single plain word (see
    /// `entry_tokens`): `phrase_hash` of their tokens to their gazetteer bits. A single plain word's bits
    /// are its entry's.
    phrases: Table,
    /// The first token's hash of each phrase in `phrases` to the number of tokens of the longest.
    firsts: Table,
    /// Whether any entry is a gazetteer's.
    has_phrases: bool,
    /// Every word by its hash (`Word::pack`), once built.
    words: OnceLock<Table>,
}

/// How many entries a block of the front-coded text holds: each block's first entry is stored whole (it
/// shares no bytes with the one before), so a lookup reads at most this many entries.
pub(crate) const BLOCK: usize = 16;

/// Entries as columns, byte for byte the way the model file stores them: the texts front-coded
/// (`front_coded`) with where each block of `BLOCK` texts starts, then each entry's clusters and gazetteer
/// bits. The shipped model's are borrowed from the bytes built into the program
/// (`Model::from_static_bytes`): nothing is copied, decoded or converted when it loads.
#[derive(Clone, Debug, Default)]
pub(crate) struct Entries {
    /// Every entry's text, front-coded, a block's first text whole.
    pub coded: Cow<'static, [u8]>,
    /// Where each block starts in `coded`, as little-endian `u32`s.
    pub blocks: Cow<'static, [u8]>,
    /// The texts' length decoded and joined by `\n`.
    pub text_len: usize,
    /// `N_CLUSTERINGS` columns of little-endian `u16`, one per entry each: every entry's first cluster,
    /// then every entry's second, and so on.
    pub clusters: Cow<'static, [u8]>,
    pub gazetteers: Cow<'static, [u8]>,
}

/// The gazetteer entries that are not a single plain word, each as its tokens (as the tokenizer cuts its
/// text: `entry_tokens`) joined by single spaces, the entries joined by `\n`; and their gazetteer bits
/// (common words' bit left out). Stored so, the phrases' keys are made at load by cutting at the spaces:
/// neither the test for plain words nor the tokenizer runs then.
#[derive(Clone, Debug, Default)]
pub(crate) struct PhraseEntries {
    pub text: String,
    pub gazetteers: Cow<'static, [u8]>,
}

/// Whether an entry says something of a phrase, as a gazetteer entry that is not a single plain word.
fn in_phrases(text: &str, gazetteers: u8) -> bool {
    gazetteers & !GAZ_COMMON != 0 && !plain_word(text)
}

/// Whether an entry says nothing but that of a phrase (`in_phrases`, and no clusters, and not a common
/// word): a lookup of its text as a word finds nothing in it, so it is kept in the phrases' list alone.
fn phrase_only(text: &str, clusters: [u16; N_CLUSTERINGS], gazetteers: u8) -> bool {
    in_phrases(text, gazetteers) && gazetteers & GAZ_COMMON == 0 && clusters == [NO_CLUSTER; N_CLUSTERINGS]
}

impl Entries {
    /// Entries in their stored form from each entry's (text, clusters, gazetteer bits), texts increasing.
    fn of<'e>(entries: impl Iterator<Item = (&'e str, [u16; N_CLUSTERINGS], u8)> + Clone) -> Entries {
        let text = entries.clone().map(|(t, _, _)| t).collect::<Vec<_>>().join("\n");
        let n = entries.clone().count();
        let (coded, blocks) = front_coded(&text, n);
        let clusters = (0..N_CLUSTERINGS)
            .flat_map(|k| entries.clone().flat_map(move |(_, c, _)| c[k].to_le_bytes()))
            .collect::<Vec<u8>>();
        let gazetteers = entries.map(|(_, _, g)| g).collect::<Vec<u8>>();
        Entries {
            coded: coded.into(),
            blocks: blocks.iter().flat_map(|b| b.to_le_bytes()).collect::<Vec<u8>>().into(),
            text_len: text.len(),
            clusters: clusters.into(),
            gazetteers: gazetteers.into(),
        }
    }

    /// Entries as a model file stores them.
    pub fn stored(
        coded: Cow<'static, [u8]>,
        blocks: Cow<'static, [u8]>,
        text_len: usize,
        clusters: Cow<'static, [u8]>,
        gazetteers: Cow<'static, [u8]>,
    ) -> Entries {
        Entries { coded, blocks, text_len, clusters, gazetteers }
    }

    pub fn len(&self) -> usize {
        self.gazetteers.len()
    }

    /// The number of blocks.
    fn n_blocks(&self) -> usize {
        self.blocks.len() / 4
    }

    /// Where block `b` starts in `coded`, and where it ends (the next block's start, or the end).
    fn block(&self, b: usize) -> Option<std::ops::Range<usize>> {
        let at = |b: usize| -> Option<usize> {
            let bytes = self.blocks.get(4 * b..4 * b + 4)?;
            Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize)
        };
        let start = at(b)?;
        let end = if b + 1 == self.n_blocks() { self.coded.len() } else { at(b + 1)? };
        (start < end && end <= self.coded.len()).then_some(start..end)
    }

    /// Block `b`'s first text, stored whole (empty for a block that is not one).
    fn head(&self, b: usize) -> &[u8] {
        let Some(range) = self.block(b) else { return &[] };
        let line = self.coded.get(range.start + 1..range.end).unwrap_or(&[]);
        line.iter().position(|&c| c == b'\n').map_or(&[][..], |end| &line[..end])
    }

    /// Entry `k`'s clusters, read from the columns.
    fn clusters_at(&self, k: usize) -> [u16; N_CLUSTERINGS] {
        let n = self.len();
        std::array::from_fn(|c| {
            let at = 2 * (c * n + k);
            self.clusters.get(at..at + 2).map_or(NO_CLUSTER, |b| u16::from_le_bytes([b[0], b[1]]))
        })
    }

    /// Each entry as (text, clusters, gazetteer bits), in order (`for_each`'s; none if the texts do not
    /// decode).
    #[cfg(test)]
    pub fn to_vec(&self) -> Vec<(String, [u16; N_CLUSTERINGS], u8)> {
        let mut all = Vec::new();
        if !self.for_each(|text, clusters, gazetteers| all.push((text.to_owned(), clusters, gazetteers))) {
            all.clear();
        }
        all
    }

    /// Each entry as (text, clusters, gazetteer bits), in order, given to `f`: each text decoded into one
    /// buffer in turn, not all of them into one text (1.7 MB for the shipped model, kept for nothing once
    /// the table of words is built). The texts are checked as `front_decoded_lines` checks them (both are
    /// `front_decode`), and as UTF-8; if they do not decode, this returns `false` after giving `f` the entries before the fault, which the caller
    /// drops. The cluster columns are all read or, when short, none (no entry is given then).
    pub fn for_each(&self, mut f: impl FnMut(&str, [u16; N_CLUSTERINGS], u8)) -> bool {
        let (n, len, coded) = (self.len(), self.text_len, &self.coded[..]);
        // `front_decode` of no lines would check `coded` and `len`; no entries give nothing to check.
        if n == 0 {
            return true;
        }
        let given = if self.clusters.len() >= 2 * N_CLUSTERINGS * n { n.min(self.gazetteers.len()) } else { 0 };
        front_decode(coded, n, len, |k, _, _, line| {
            // A text is UTF-8 exactly when each of its lines is (they are cut at an ASCII byte).
            let Ok(text) = std::str::from_utf8(line) else { return false };
            if k < given {
                f(text, self.clusters_at(k), self.gazetteers[k]);
            }
            true
        })
    }

    /// The entry whose text is `key`, looked for in block `b` alone: its texts are read in order, each
    /// compared from the first byte where it can differ from `key`, and the search stops at the first
    /// greater text.
    fn find_in_block(&self, b: usize, key: &[u8]) -> Option<usize> {
        let range = self.block(b)?;
        let coded = self.coded.get(range)?;
        let (mut at, mut previous_len) = (0, 0);
        // How many first bytes the text before has in common with `key` (which is greater than it).
        let mut matched = 0;
        for j in 0..BLOCK {
            let k = b * BLOCK + j;
            if k >= self.len() || at >= coded.len() {
                return None;
            }
            let shared = coded[at] as usize;
            let rest = &coded[at + 1..];
            let suffix = &rest[..rest.iter().position(|&c| c == b'\n')?];
            at += 2 + suffix.len();
            if shared > previous_len || (j == 0 && shared != 0) {
                return None;
            }
            previous_len = shared + suffix.len();
            // More bytes in common with the text before than that text has with `key`: this text differs
            // from `key` where that one did, and in the same way (smaller).
            if shared > matched {
                continue;
            }
            // Its first `shared` bytes are `key`'s: compare the rest.
            let tail = &key[shared..];
            matched = shared + suffix.iter().zip(tail).take_while(|(a, b)| a == b).count();
            match suffix.cmp(tail) {
                std::cmp::Ordering::Equal => return Some(k),
                std::cmp::Ordering::Greater => return None,
                std::cmp::Ordering::Less => {}
            }
        }
        None
    }
}

impl PhraseEntries {
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, u8)> + '_ {
        let texts = (!self.gazetteers.is_empty()).then(|| lines(&self.text)).into_iter().flatten();
        texts.zip(self.gazetteers.iter().copied())
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

/// The words table keeps a word's flags and its gazetteer bits alone in the low bits of its key
/// (`Word::pack`): the top 52 bits of a word's hash name it.
const WORD_DATA_BITS: u32 = 12;

impl Word {
    /// The word as the words table stores it, under `hash`, with `alone` (its gazetteer bits as a phrase
    /// of its own): the key with its low `WORD_DATA_BITS` bits replaced by those bits, whether it is
    /// common and the longest phrase (at most `MAX_PHRASE`), and the four clusters side by side: sixteen
    /// bytes a word.
    fn pack(self, hash: u64, alone: u8) -> [u64; 2] {
        let flags = (alone as u64) << 4 | (self.common as u64) << 3 | self.longest_phrase.min(MAX_PHRASE as u8) as u64;
        let clusters = self.clusters.iter().rev().fold(0u64, |all, &c| all << 16 | c as u64);
        [hash >> WORD_DATA_BITS << WORD_DATA_BITS | flags, clusters]
    }

    fn unpack([key, clusters]: [u64; 2]) -> (Word, u8) {
        let word = Word {
            clusters: std::array::from_fn(|k| (clusters >> (16 * k)) as u16),
            longest_phrase: (key & 7) as u8,
            common: key & 8 != 0,
        };
        (word, (key >> 4) as u8)
    }
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
        // The phrases as their tokens, those of one to `MAX_PHRASE` tokens (no longer one is looked up).
        let mut tokens = Vec::new();
        let (lines, bits): (Vec<String>, Vec<u8>) = entries
            .iter()
            .filter(|e| in_phrases(&e.text, e.gazetteers))
            .filter_map(|e| {
                entry_tokens(&e.text, &mut tokens);
                (1..=MAX_PHRASE).contains(&tokens.len()).then(|| (tokens.join(" "), e.gazetteers & !GAZ_COMMON))
            })
            .unzip();
        let phrase_entries = PhraseEntries { text: lines.join("\n"), gazetteers: bits.into() };
        let kept = entries.iter().filter(|e| !phrase_only(&e.text, e.clusters, e.gazetteers));
        let columns = Entries::of(kept.map(|e| (e.text.as_str(), e.clusters, e.gazetteers)));
        Lexicon::from_parts(columns, phrase_entries).unwrap_or_default()
    }

    /// The lexicon of entries in their stored form (`entries`, texts strictly increasing, and the
    /// phrases' list), as a model file has them; `None` when a block's start is not one (past the text,
    /// out of order, or at a text that is not stored whole). Only the blocks' first texts and the
    /// phrases' list are read: loading costs a pass over the phrases (some 15,000, already cut into their
    /// tokens), not over every entry.
    pub(crate) fn from_parts(entries: Entries, phrase_entries: PhraseEntries) -> Option<Lexicon> {
        let n_blocks = entries.n_blocks();
        if n_blocks != entries.len().div_ceil(BLOCK) || entries.blocks.len() % 4 != 0 {
            return None;
        }
        let mut by_prefix: Vec<u32> = Vec::with_capacity(PREFIXES + 1);
        for b in 0..n_blocks {
            let range = entries.block(b)?;
            if entries.coded.get(range.start) != Some(&0) || entries.coded.get(range.end - 1) != Some(&b'\n') {
                return None;
            }
            // The block's first text starts after its count of shared bytes (0).
            let p = prefix(&entries.coded[range.start + 1..range.end]);
            while by_prefix.len() <= p {
                by_prefix.push(b as u32);
            }
        }
        by_prefix.resize(PREFIXES + 1, n_blocks as u32);
        let (mut phrase_facts, mut first_facts): (Vec<[u64; 2]>, Vec<[u64; 2]>) = (Vec::new(), Vec::new());
        let mut hashes: Vec<u64> = Vec::with_capacity(MAX_PHRASE + 1);
        for (line, bits) in phrase_entries.iter() {
            hashes.clear();
            hashes.extend(line.split(' ').map(hash_str));
            if let (Some(&first), true) = (hashes.first(), (1..=MAX_PHRASE).contains(&hashes.len())) {
                phrase_facts.push([phrase_hash(hashes.iter().copied()), bits as u64]);
                first_facts.push([first, hashes.len() as u64]);
            }
        }
        let has_phrases =
            !phrase_entries.gazetteers.is_empty() || entries.gazetteers.iter().any(|&g| g & !GAZ_COMMON != 0);
        let phrases = Table::build(&phrase_facts, 0, |slot, fact| slot[1] |= fact[1]);
        let firsts = Table::build(&first_facts, 0, |slot, fact| slot[1] = slot[1].max(fact[1]));
        Some(Lexicon { entries, by_prefix, phrase_entries, phrases, firsts, has_phrases, words: OnceLock::new() })
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

    /// The entry whose text is `lower`, if any: the last block whose first text is not greater (a binary
    /// search among the blocks whose first texts share its first two bytes, and the block before them),
    /// then that block's texts in order.
    pub(crate) fn find(&self, lower: &str) -> Option<usize> {
        let p = prefix(lower.as_bytes());
        let (first, end) = (*self.by_prefix.get(p)? as usize, *self.by_prefix.get(p + 1)? as usize);
        // The blocks before `first` begin with smaller texts, those from `end` on with greater ones.
        let key = lower.as_bytes();
        let (mut lo, mut hi) = (first.saturating_sub(1), end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.entries.head(mid) <= key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        self.entries.find_in_block(lo.checked_sub(1)?, key)
    }

    /// What the lexicon knows of a lowercased word (`lower`, whose `hash_str` is `hash`), and the gazetteer
    /// bits of the word alone as a phrase.
    pub(crate) fn word(&self, lower: &str, hash: u64) -> (Word, u8) {
        match self.words.get() {
            Some(table) => table.get(hash).map_or((UNKNOWN, 0), Word::unpack),
            None => self.word_by_text(lower, hash),
        }
    }

    /// `word` by binary search in the entries.
    fn word_by_text(&self, lower: &str, hash: u64) -> (Word, u8) {
        let (mut word, mut alone) = match self.find(lower) {
            Some(k) => entry_word(lower, self.entries.clusters_at(k), self.entries.gazetteers[k]),
            None => (UNKNOWN, 0),
        };
        if let Some([_, longest]) = self.firsts.get(hash) {
            word.longest_phrase = word.longest_phrase.max(longest as u8);
            alone |= self.phrase(phrase_hash(std::iter::once(hash)));
        }
        (word, alone)
    }

    /// Asks for the words table's slot of a word (its `hash_str`) ahead of `word`, which then finds it in
    /// cache: a caller looking up many words asks a few words ahead. Nothing before the table is built.
    #[inline]
    pub(crate) fn prefetch_word(&self, hash: u64) {
        if let Some(table) = self.words.get() {
            table.prefetch(hash);
        }
    }

    /// Builds the words table now if it is not built yet: for long texts, where a lookup in it pays.
    pub fn prepare_words_table(&self) {
        self.words_table();
    }

    /// The words table: every word that an entry or a phrase's first token makes known, by its hash, with
    /// what `word_by_text` finds for it.
    fn words_table(&self) -> &Table {
        self.words.get_or_init(|| {
            let mut facts: Vec<[u64; 2]> = Vec::with_capacity(self.entries.len() + self.firsts.len);
            let decodes = self.entries.for_each(|text, clusters, gazetteers| {
                let (word, alone) = entry_word(text, clusters, gazetteers);
                if (word, alone) != (UNKNOWN, 0) {
                    facts.push(word.pack(hash_str(text), alone));
                }
            });
            if !decodes {
                facts.clear();
            }
            for &[first, longest] in self.firsts.slots.iter().chain(&self.firsts.zero).filter(|s| s[1] != 0) {
                let word = Word { longest_phrase: longest as u8, ..UNKNOWN };
                facts.push(word.pack(first, self.phrase(phrase_hash(std::iter::once(first)))));
            }
            Table::build(&facts, WORD_DATA_BITS, |slot, fact| {
                let ((mut word, mut alone), (more, more_alone)) = (Word::unpack(*slot), Word::unpack(fact));
                if more.clusters != UNKNOWN.clusters {
                    word.clusters = more.clusters;
                }
                word.common |= more.common;
                word.longest_phrase = word.longest_phrase.max(more.longest_phrase);
                alone |= more_alone;
                *slot = word.pack(slot[0], alone);
            })
        })
    }

    /// Gazetteer bits of a token sequence's phrase hash, for a sequence of more than one token (a single
    /// word's are `word`'s).
    #[inline]
    pub(crate) fn phrase(&self, hash: u64) -> u8 {
        self.phrases.get(hash).map_or(0, |slot| slot[1] as u8)
    }

    /// Gazetteer bits of the phrase of lowercased words.
    pub(crate) fn phrase_of(&self, lower: &[String]) -> u8 {
        match lower {
            [word] => self.word(word, hash_str(word)).1,
            _ => self.phrase(phrase_hash(lower.iter().map(|w| hash_str(w)))),
        }
    }

    pub(crate) fn has_phrases(&self) -> bool {
        self.has_phrases
    }
}

/// What one entry (its text, clusters and gazetteer bits) says of the word written as its text, and the
/// word's gazetteer bits as a phrase of its own (a single plain word's are its entry's).
fn entry_word(text: &str, clusters: [u16; N_CLUSTERINGS], gazetteers: u8) -> (Word, u8) {
    let single = gazetteers & !GAZ_COMMON != 0 && plain_word(text);
    let word = Word { clusters, common: gazetteers & GAZ_COMMON != 0, longest_phrase: single as u8 };
    (word, if single { gazetteers & !GAZ_COMMON } else { 0 })
}

/// Number of values of a text's first two bytes (`prefix`).
const PREFIXES: usize = 1 << 16;

/// A text's first two bytes as a number (0 for a missing byte), in the order of the texts.
/// The text ends at its end or at a `\n` (as a text stored in a block does), so a stored text's is read
/// without finding where it ends.
fn prefix(text: &[u8]) -> usize {
    let byte = |k: usize| text.get(k).copied().filter(|&c| c != b'\n');
    let first = byte(0);
    (first.unwrap_or(0) as usize) << 8 | first.and_then(|_| byte(1)).unwrap_or(0) as usize
}

/// Whether an entry's text is one plain word, which the tokenizer keeps as one token equal to the text:
/// letters and digits, ASCII or Latin (`latin_word_char`), in pieces joined by single hyphens ("al-quds":
/// UAX #29 cuts at the hyphen, and the tokenizer joins hyphenated words), with an apostrophe only between
/// two letters ("o'brien": UAX #29 keeps it, WB6 and WB7) and no piece ending in a possessive "'s".
fn plain_word(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first().is_none_or(|&b| b == b'-') || bytes.last() == Some(&b'-') {
        return false;
    }
    let mut after_hyphen = false;
    for &b in bytes {
        match b {
            b'-' if after_hyphen => return false,
            b'-' => after_hyphen = true,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => after_hyphen = false,
            // An apostrophe, or a letter outside ASCII: the slower test by characters.
            b'\'' | 0x80.. => return plain_chars(text),
            _ => return false,
        }
    }
    true
}

/// `plain_word` character by character.
fn plain_chars(text: &str) -> bool {
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && latin_word_char(c));
    text.split('-').all(|piece| {
        let chars: Vec<char> = piece.chars().collect();
        !chars.is_empty()
            && chars.iter().enumerate().all(|(k, &c)| {
                latin_word_char(c)
                    || (matches!(c, '\'' | '’')
                        && letter(k.checked_sub(1).map(|j| chars[j]))
                        && letter(chars.get(k + 1).copied()))
            })
            && !(chars.len() >= 2
                && matches!(chars[chars.len() - 2], '\'' | '’')
                && matches!(chars[chars.len() - 1], 's' | 'S'))
    })
}

/// A letter or digit that UAX #29 keeps in one word with letters and digits like it: ASCII, or Latin
/// (U+00C0–U+024F but × and ÷, U+1E00–U+1EFF).
fn latin_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c != '\u{D7}' && c != '\u{F7}'
}

/// The tokens of an entry's text, as the tokenizer cuts it, into `tokens`. Plain words (`plain_word`)
/// separated by single spaces are those words; only other texts need the tokenizer. Nine tenths of the
/// gazetteers' entries of more than a word, or with a hyphen, are plain ("são paulo", "saint-denis").
pub(super) fn entry_tokens<'t>(text: &'t str, tokens: &mut Vec<&'t str>) {
    tokens.clear();
    if text.split(' ').all(plain_word) {
        tokens.extend(text.split(' '));
    } else {
        tokens.extend(tokenize(text).iter().map(|t| text.get(t.span.start..t.span.end).unwrap_or("")));
    }
}

/// The entries' text (`n` lines joined by `\n`) front-coded, as the model file stores it: each line as the
/// number of its first bytes that are the line before's (a byte, at most 255), then its other bytes and a
/// `\n`; every `BLOCK`th line, from the first, shares none and is stored whole. With where each block
/// starts. Sorted entries share long beginnings ("new york", "new zealand"), which this takes out: the
/// shipped lexicon's text is 1,982,397 bytes (715,921 gzipped) as it is and 1,107,018 (525,222 gzipped)
/// coded without blocks, about 190 KB less for the page to download.
pub(crate) fn front_coded(text: &str, n: usize) -> (Vec<u8>, Vec<u32>) {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut blocks = Vec::with_capacity(n.div_ceil(BLOCK));
    let mut previous: &[u8] = &[];
    for (k, line) in text.split('\n').take(n).enumerate() {
        let line = line.as_bytes();
        if k % BLOCK == 0 {
            blocks.push(out.len() as u32);
            previous = &[];
        }
        let shared = line.iter().zip(previous).take(255).take_while(|(a, b)| a == b).count();
        out.push(shared as u8);
        out.extend_from_slice(&line[shared..]);
        out.push(b'\n');
        previous = line;
    }
    (out, blocks)
}

/// A front-coded text decoded, with what the decoding learns on the way: where each block of `BLOCK`
/// lines starts in the coded bytes (as `Entries::blocks` keeps it) and whether the lines are strictly
/// increasing, which the bytes each line shares with the one before tell at one comparison.
pub(crate) struct Decoded {
    pub text: String,
    pub blocks: Vec<u32>,
    pub increasing: bool,
}

/// The text of `n` front-coded lines (`front_coded`), with its blocks' starts and order (`Decoded`), if
/// `coded` is that and the text is `len` bytes of UTF-8; `None` for anything else (a byte that takes more
/// than the line before has, a line without its `\n`, bytes left over).
pub(crate) fn front_decoded_lines(coded: &[u8], n: usize, len: usize) -> Option<Decoded> {
    // Room for about what the coded bytes decode to (not `len`, which `front_decode` checks only later).
    let mut out: Vec<u8> = Vec::with_capacity(2 * coded.len());
    let mut blocks: Vec<u32> = Vec::with_capacity(n.div_ceil(BLOCK));
    let (mut previous, mut increasing) = (0..0, true);
    let decodes = front_decode(coded, n, len, |k, at, shared, line| {
        if k % BLOCK == 0 {
            blocks.push(at as u32);
        }
        if k > 0 {
            out.push(b'\n');
            if increasing {
                // The first `shared` bytes are the line before's: the order is decided at the next one.
                let before = &out[previous.clone()];
                increasing = match (before.get(shared), line.get(shared)) {
                    (Some(a), Some(b)) if a != b => b > a,
                    (None, Some(_)) => true,
                    (_, None) => false,
                    _ => line[shared..] > before[shared..],
                };
            }
        }
        let start = out.len();
        out.extend_from_slice(line);
        previous = start..out.len();
        true
    });
    if !decodes {
        return None;
    }
    Some(Decoded { text: String::from_utf8(out).ok()?, blocks, increasing })
}

/// The `n` front-coded lines of `coded` (`front_coded`) decoded one at a time into one buffer:
/// `f(k, at, shared, line)` for line `k`, which starts at byte `at` of `coded` and has the first `shared`
/// bytes of the line before; `f` returns `false` to stop. True when `coded` is exactly `n` such lines,
/// `len` bytes joined by `\n`, and `f` never stopped; false for anything else (a byte that takes more than
/// the line before has, a line without its `\n`, more bytes than `len`, bytes left over).
fn front_decode(coded: &[u8], n: usize, len: usize, mut f: impl FnMut(usize, usize, usize, &[u8]) -> bool) -> bool {
    if len >= u32::MAX as usize || coded.len() >= u32::MAX as usize {
        return false;
    }
    let mut line: Vec<u8> = Vec::with_capacity(64);
    let (mut at, mut decoded) = (0, 0);
    for k in 0..n {
        let Some(&shared) = coded.get(at) else { return false };
        let shared = shared as usize;
        if shared > line.len() {
            return false;
        }
        line.truncate(shared);
        let Some(rest) = coded.get(at + 1..) else { return false };
        // Lines are short (a few bytes after the shared ones): a plain scan beats `memchr`'s set-up.
        let Some(end) = rest.iter().position(|&b| b == b'\n') else { return false };
        line.extend_from_slice(&rest[..end]);
        decoded += line.len() + usize::from(k > 0);
        if decoded > len || !f(k, at, shared, &line) {
            return false;
        }
        at += 1 + end + 1;
    }
    at == coded.len() && decoded == len
}

/// The lines of a text joined by `\n` (`str::split('\n')`). The line breaks are searched in the whole
/// text at once (`memchr_iter`, many bytes at a time): finding them one line at a time was a large part
/// of loading a model.
fn lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        match breaks.next() {
            // `\n` is ASCII, so both sides are on char boundaries.
            Some(at) => {
                start = Some(at + 1);
                text.get(from..at)
            }
            None => {
                start = None;
                text.get(from..)
            }
        }
    })
}

/// A read-only hash table from 64-bit hashes (already well mixed) to a 64-bit value, built at once from a
/// list: open addressing with linear probing, where a key's home slot grows with the key (its top 32
/// bits scaled to the number of home slots). Keys are placed in increasing order, so building writes the
/// table front to back (a hash map filled one key at a time jumps around several megabytes, which made it
/// the slowest part of loading the model), and a run of occupied slots holds increasing keys, so a
/// lookup stops at the first key greater than its own.
///
/// A stored key's bits outside `key_mask` (its lowest bits, given as `data_bits` to `build`) are data, not
/// part of the key: keys that differ only there are one key, and a lookup returns the stored key with its
/// data.
#[derive(Clone, Debug, Default)]
struct Table {
    /// Number of home slots; a key's home is `home(key, homes)`.
    homes: u64,
    /// `[key, value]`; key 0 marks an empty slot (a key that is 0 but for its data bits is in `zero`).
    /// Runs of occupied slots may go past the home slots' end: the vector is longer then.
    slots: Vec<[u64; 2]>,
    zero: Option<[u64; 2]>,
    /// The bits of a stored key that are the key.
    key_mask: u64,
    len: usize,
}

/// `Table::build` first sorts facts by this many top bits of their key.
const COARSE_BITS: u32 = 16;

/// The home slot of `key` among `homes`: increasing with the key, below `homes`.
#[inline]
fn home(key: u64, homes: u64) -> usize {
    (((key >> 32) * homes) >> 32) as usize
}

impl Table {
    /// The table of `facts` (`[key, value]`, reordered here): a key's slot starts as its first fact and
    /// `apply` takes in each further one in the order of the list.
    fn build(facts: &[[u64; 2]], data_bits: u32, apply: impl Fn(&mut [u64; 2], [u64; 2])) -> Table {
        let mask = u64::MAX.checked_shl(data_bits).unwrap_or(0);
        // Facts in order of key, keeping their list order for one key: a counting sort by the top bits
        // (few enough counters to stay in cache), then a stable sort of each of those small groups.
        let coarse = |key: u64| (key >> (64 - COARSE_BITS)) as usize;
        let mut starts = vec![0u32; (1 << COARSE_BITS) + 1];
        for fact in facts.iter() {
            starts[coarse(fact[0]) + 1] += 1;
        }
        for g in 1..starts.len() {
            starts[g] += starts[g - 1];
        }
        let mut sorted = vec![[0u64; 2]; facts.len()];
        let mut next = starts.clone();
        for &fact in facts.iter() {
            let at = &mut next[coarse(fact[0])];
            sorted[*at as usize] = fact;
            *at += 1;
        }
        drop(next);
        for group in starts.windows(2) {
            if let Some(group) = sorted.get_mut(group[0] as usize..group[1] as usize) {
                if group.len() > 1 {
                    group.sort_by_key(|fact| fact[0] & mask);
                }
            }
        }
        // A third more home slots than keys: the table is at most three quarters full.
        let keys =
            sorted.windows(2).filter(|w| w[0][0] & mask != w[1][0] & mask).count() + usize::from(!sorted.is_empty());
        let homes = (keys + keys / 3 + 1) as u64;
        // All zeros: empty, and allocated as such (pages the system hands over zeroed).
        let mut table = Table { homes, slots: vec![[0u64; 2]; homes as usize], zero: None, key_mask: mask, len: 0 };
        // The end of the run of occupied slots being written (empty slots before it are never filled).
        let mut end = 0usize;
        for &fact in &sorted {
            let key = fact[0] & mask;
            if key == 0 {
                match &mut table.zero {
                    Some(slot) => apply(slot, fact),
                    None => table.zero = Some(fact),
                }
                continue;
            }
            // The same key as the one placed last: facts are in key order.
            if let Some(last) = end.checked_sub(1).and_then(|last| table.slots.get_mut(last)) {
                if last[0] & mask == key {
                    apply(last, fact);
                    continue;
                }
            }
            end = end.max(home(key, homes));
            if end == table.slots.len() {
                table.slots.push([0; 2]);
            }
            table.slots[end] = fact;
            table.len += 1;
            end += 1;
        }
        table.len += table.zero.is_some() as usize;
        table
    }

    /// Asks for the home slot of `key`, where `get` starts.
    #[inline]
    fn prefetch(&self, key: u64) {
        if let Some(slot) = self.slots.get(home(key & self.key_mask, self.homes)) {
            prefetch(slot);
        }
    }

    /// The slot of `key`: the stored key (with its data bits) and the value.
    #[inline]
    fn get(&self, key: u64) -> Option<[u64; 2]> {
        let mask = self.key_mask;
        let key = key & mask;
        if key == 0 {
            return self.zero;
        }
        for &slot in self.slots.get(home(key, self.homes)..)? {
            let k = slot[0] & mask;
            if k == key {
                return Some(slot);
            }
            // An empty slot ends the run; so does a greater key (a run's keys increase).
            if slot[0] == 0 || k > key {
                return None;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Front coding gives back every text it codes (shared beginnings, longer than 255 bytes, cut inside a
    /// character, empty lines, more lines than a block), with its blocks' starts and whether the lines
    /// increase, and refuses coded bytes that are not such a text.
    #[test]
    fn front_coding_round_trips() {
        // `Entries::for_each` decodes one text at a time and refuses what `front_decoded_lines` refuses.
        let streamed = |coded: &[u8], n: usize, len: usize| {
            let entries = Entries::stored(
                coded.to_vec().into(),
                Vec::new().into(),
                len,
                vec![0; 2 * N_CLUSTERINGS * n].into(),
                vec![0; n].into(),
            );
            let mut texts = Vec::new();
            entries.for_each(|text, _, _| texts.push(text.to_owned())).then(|| texts.join("\n"))
        };
        let decoded = |coded: &[u8], n: usize, len: usize| {
            let text = front_decoded_lines(coded, n, len).map(|d| d.text);
            if n > 0 {
                assert_eq!(streamed(coded, n, len), text, "{coded:?}");
            }
            text
        };
        let long = "x".repeat(300);
        let many: Vec<String> = (0..40).map(|k| format!("word{k:02}")).collect();
        let texts = [
            ("new york\nnew zealand\nnewark".to_owned(), true),
            (format!("{long}a\n{long}b\n{long}"), false),
            (format!("{long}\n{long}a\n{long}b"), true),
            ("é\nè\nèa".to_owned(), false),
            ("è\né\néa".to_owned(), true),
            ("\n\na\n".to_owned(), false),
            ("b\na".to_owned(), false),
            ("ab\nab".to_owned(), false),
            ("solo".to_owned(), true),
            (many.join("\n"), true),
            (String::new(), true),
        ];
        for (text, increasing) in &texts {
            let n = if text.is_empty() { 0 } else { text.split('\n').count() };
            let (coded, blocks) = front_coded(text, n);
            let lines = front_decoded_lines(&coded, n, text.len()).expect("decodes");
            assert_eq!(decoded(&coded, n, text.len()).as_ref(), Some(text), "{text:?}");
            assert_eq!((lines.text.as_str(), lines.increasing), (text.as_str(), *increasing), "{text:?}");
            assert_eq!(lines.blocks, blocks, "{text:?}");
            assert_eq!(blocks.len(), n.div_ceil(BLOCK));
            for &b in &blocks {
                assert_eq!(coded[b as usize], 0, "a block's first line is whole: {text:?}");
            }
            assert!(decoded(&coded, n + 1, text.len()).is_none(), "{text:?}");
            assert!(decoded(&coded, n, text.len() + 1).is_none(), "{text:?}");
            if !coded.is_empty() {
                assert!(decoded(&coded[..coded.len() - 1], n, text.len()).is_none(), "{text:?}");
            }
        }
        assert_eq!(front_coded("new york\nnew zealand", 2).0, b"\x00new york\n\x04zealand\n");
        // More shared bytes than the line before has; a line cut into invalid UTF-8.
        assert!(decoded(b"\x00ab\n\x03c\n", 2, 6).is_none());
        assert!(decoded(b"\x00\xc3\n", 1, 1).is_none());
        // Fewer shared bytes written than there are: the order is still read right.
        let lines = front_decoded_lines(b"\x00abc\n\x01bd\n", 2, 7).expect("decodes");
        assert_eq!((lines.text.as_str(), lines.increasing), ("abc\nabd", true));
        let lines = front_decoded_lines(b"\x00abd\n\x01bc\n", 2, 7).expect("decodes");
        assert_eq!((lines.text.as_str(), lines.increasing), ("abd\nabc", false));
    }

    /// A word is found in the blocks exactly where it is, whatever the shared bytes each text was written
    /// with: every entry of a lexicon of several blocks (texts sharing beginnings, prefixes of each other,
    /// across blocks' edges), and words between and around them that are no entry.
    #[test]
    fn words_are_found_in_their_blocks() {
        let mut texts: Vec<String> = Vec::new();
        for a in ["", "a", "ab", "abc", "b", "ba", "new", "new york", "newark", "ñu", "z"] {
            for k in 0..7 {
                texts.push(format!("{a}{k}"));
                texts.push(format!("{a}{k}{a}"));
            }
            texts.push(a.to_owned());
        }
        let entries: Vec<Entry> =
            texts.iter().map(|t| Entry { text: t.clone(), clusters: [1, 2, 3, 4], gazetteers: 0 }).collect();
        let lexicon = Lexicon::from_entries(entries);
        assert!(lexicon.entries.n_blocks() > 5);
        for (k, (text, _, _)) in lexicon.entries.to_vec().iter().enumerate() {
            assert_eq!(lexicon.find(text), Some(k), "{text:?}");
            for other in [format!("{text}!"), format!("{text}0x"), format!("{text}\u{10FFFF}")] {
                if !texts.contains(&other) {
                    assert_eq!(lexicon.find(&other), None, "{other:?}");
                }
            }
        }
        for missing in ["!", "0!", "aa", "abd", "new yorks", "\u{10FFFF}", "zz", "{"] {
            assert_eq!(lexicon.find(missing), None, "{missing:?}");
        }
    }

    /// What a lexicon says of a word, checked to be the same by text (binary search) and by the words
    /// table: `(word, its gazetteer bits alone)`.
    fn look_up(lexicon: &Lexicon, word: &str) -> (Word, u8) {
        let hash = hash_str(word);
        let by_text = lexicon.word_by_text(word, hash);
        let by_table = lexicon.words_table().get(hash).map_or((UNKNOWN, 0), Word::unpack);
        assert_eq!(by_text, by_table, "{word}");
        by_text
    }

    /// A common word is marked on the word alone: it begins no gazetteer phrase and gives no phrase bits,
    /// while a gazetteer entry written the same way keeps its own.
    #[test]
    fn common_words_mark_words_not_phrases() {
        let lexicon = Lexicon::from_resources(
            "bank\t1\t2\t3\t4\n",
            &[(GAZ_COMMON, "bank\nchoice\nfree trade"), (GAZ_LOC, "choice")],
        );
        let (bank, choice) = (look_up(&lexicon, "bank"), look_up(&lexicon, "choice"));
        assert!(bank.0.common && choice.0.common);
        assert_eq!(bank.0.clusters, [1, 2, 3, 4]);
        assert_eq!(bank, (Word { clusters: [1, 2, 3, 4], longest_phrase: 0, common: true }, 0));
        assert_eq!(choice.0.longest_phrase, 1);
        assert_eq!(choice.1, GAZ_LOC);
        assert!(!look_up(&lexicon, "portugal").0.common);
        assert_eq!(look_up(&lexicon, "free").0.longest_phrase, 0, "a common-word line is no phrase");
        assert_eq!(lexicon.phrase_of(&["free".into(), "trade".into()]), 0);
        assert!(lexicon.has_phrases());
    }

    /// Words are found by their text exactly, whatever their neighbours in the sorted entries: the first
    /// and last entries, texts that are prefixes of others, texts of one byte, non-ASCII texts, phrases'
    /// first words that are no entry, and phrases that are not plain words (a mark, a hyphen, a space).
    #[test]
    fn words_are_found_by_text_as_by_the_table() {
        let entries = vec![
            Entry { text: "a".into(), clusters: [1, 1, 1, 1], gazetteers: 0 },
            Entry { text: "ab".into(), clusters: [2, 2, 2, 2], gazetteers: GAZ_LAST },
            Entry { text: "abc".into(), clusters: [NO_CLUSTER; N_CLUSTERINGS], gazetteers: GAZ_COMMON },
            Entry { text: "al-quds".into(), clusters: [NO_CLUSTER; N_CLUSTERINGS], gazetteers: GAZ_LOC },
            Entry { text: "new york".into(), clusters: [NO_CLUSTER; N_CLUSTERINGS], gazetteers: GAZ_LOC },
            Entry { text: "st. louis".into(), clusters: [NO_CLUSTER; N_CLUSTERINGS], gazetteers: GAZ_LOC },
            Entry { text: "o'brien".into(), clusters: [3, 3, 3, 3], gazetteers: GAZ_LAST },
            Entry { text: "zürich".into(), clusters: [4, 4, 4, 4], gazetteers: GAZ_LOC | GAZ_CAPITAL },
            Entry { text: "ölüdeniz".into(), clusters: [NO_CLUSTER; N_CLUSTERINGS], gazetteers: GAZ_LOC },
            Entry { text: "zz".into(), clusters: [5, 5, 5, 5], gazetteers: 0 },
        ];
        let lexicon = Lexicon::from_entries(entries);
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "al-quds",
            "al",
            "new",
            "york",
            "st",
            "o'brien",
            "zürich",
            "ölüdeniz",
            "zz",
            "zzz",
            "b",
            "\u{10FFFF}",
        ];
        for word in words {
            look_up(&lexicon, word);
        }
        assert_eq!(look_up(&lexicon, "a").0.clusters, [1, 1, 1, 1]);
        assert_eq!(look_up(&lexicon, "abcd"), (UNKNOWN, 0));
        assert_eq!(look_up(&lexicon, "al-quds"), (Word { longest_phrase: 1, ..UNKNOWN }, GAZ_LOC));
        assert_eq!(look_up(&lexicon, "new").0.longest_phrase, 2);
        assert_eq!(look_up(&lexicon, "st").0.longest_phrase, 3, "\"st\", \".\", \"louis\"");
        assert_eq!(look_up(&lexicon, "zürich").1, GAZ_LOC | GAZ_CAPITAL);
        assert_eq!(lexicon.phrase_of(&["new".into(), "york".into()]), GAZ_LOC);
        assert_eq!(lexicon.phrase_of(&["zürich".into()]), GAZ_LOC | GAZ_CAPITAL);
        // Built at once for a thread about to read long texts, and the same after it.
        lexicon.prepare_words_table();
        assert_eq!(lexicon.word("zz", hash_str("zz")).0.clusters, [5, 5, 5, 5]);
    }

    /// The table finds every key it was built from, with its facts taken in order, and no other key:
    /// keys sharing a home slot, runs of slots past the home slots' end, and key 0 included.
    #[test]
    fn table_finds_exactly_its_keys() {
        let top = |home: u64, low: u64| (home << 60) | low;
        let facts: Vec<[u64; 2]> = vec![
            [top(3, 1), 1],
            [top(3, 2), 2],
            [top(15, 7), 4],
            [top(15, 8), 8],
            [top(15, 9), 16],
            [0, 32],
            [top(3, 1), 64],
            [top(4, 5), 128],
            [top(15, 7), 1],
        ];
        let table = Table::build(&facts, 0, |slot, fact| slot[1] |= fact[1]);
        let value = |key: u64| table.get(key).map(|slot| slot[1]);
        assert_eq!(value(top(3, 1)), Some(65));
        assert_eq!(value(top(3, 2)), Some(2));
        assert_eq!(value(top(4, 5)), Some(128));
        assert_eq!(value(top(15, 7)), Some(5));
        assert_eq!(value(top(15, 8)), Some(8));
        assert_eq!(value(top(15, 9)), Some(16));
        assert_eq!(value(0), Some(32));
        for missing in [top(3, 3), top(4, 1), top(5, 1), top(15, 10), u64::MAX, 1] {
            assert_eq!(value(missing), None, "{missing:x}");
        }
        // Many random keys, as hashes are.
        let keys: Vec<u64> = (0..5000u64).map(|i| super::super::hash::mix(i + 1)).collect();
        let facts: Vec<[u64; 2]> = keys.iter().enumerate().map(|(i, &k)| [k, i as u64]).collect();
        let table = Table::build(&facts, 0, |slot, fact| slot[1] = fact[1]);
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(table.get(k), Some([k, i as u64]));
        }
        for i in 5000..10_000u64 {
            assert_eq!(table.get(super::super::hash::mix(i + 1)), None);
        }
        assert_eq!(Table::build(&[], 0, |_, _| {}).len, 0);
        assert_eq!(Table::default().get(7), None);
    }

    /// With data bits, keys that differ only in them are one key: a lookup by any of them finds the
    /// stored key, data included, and the data of its facts merged in list order.
    #[test]
    fn data_bits_are_not_part_of_the_key() {
        let top = |home: u64, low: u64| (home << 60) | low;
        let facts: Vec<[u64; 2]> = vec![[top(3, 0x11), 1], [top(3, 0x12), 2], [0x3, 4], [0x5, 8], [top(3, 0x20), 16]];
        let or = |slot: &mut [u64; 2], fact: [u64; 2]| *slot = [slot[0] | fact[0], slot[1] | fact[1]];
        let table = Table::build(&facts, 4, or);
        assert_eq!(table.get(top(3, 0x10)), Some([top(3, 0x13), 3]));
        assert_eq!(table.get(top(3, 0x1f)), Some([top(3, 0x13), 3]));
        assert_eq!(table.get(top(3, 0x20)), Some([top(3, 0x20), 16]));
        assert_eq!(table.get(0xf), Some([0x7, 12]), "0 but for its data bits");
        assert_eq!(table.get(top(3, 0x30)), None);
    }

    /// A word comes back from its packed slot as it went in, under its hash's top 52 bits.
    #[test]
    fn words_pack_and_unpack() {
        let hash = super::super::hash::mix(42);
        for (word, alone) in [
            (UNKNOWN, 0),
            (Word { clusters: [1, 255, 1023, 4095], longest_phrase: MAX_PHRASE as u8, common: true }, 0xFF),
            (Word { clusters: [0, NO_CLUSTER, 7, NO_CLUSTER], longest_phrase: 1, common: false }, GAZ_LOC),
        ] {
            let slot = word.pack(hash, alone);
            assert_eq!(Word::unpack(slot), (word, alone));
            assert_eq!(slot[0] >> WORD_DATA_BITS, hash >> WORD_DATA_BITS);
        }
    }

    /// A gazetteer phrase that says nothing of a word of its own is kept in the phrases' list alone; one
    /// that does (clusters, a common word) is in both, and a plain word in the entries alone.
    #[test]
    fn phrases_are_listed_apart() {
        let entries = vec![
            Entry { text: "oslo".into(), clusters: [1, 2, 3, 4], gazetteers: GAZ_LOC },
            Entry { text: "new york".into(), clusters: [NO_CLUSTER; N_CLUSTERINGS], gazetteers: GAZ_LOC },
            Entry { text: "new".into(), clusters: [5, 6, 7, 8], gazetteers: GAZ_COMMON },
            Entry { text: "oslo".into(), clusters: [NO_CLUSTER; N_CLUSTERINGS], gazetteers: GAZ_CAPITAL },
            Entry { text: "at&t".into(), clusters: [9, 9, 9, 9], gazetteers: GAZ_CORP },
            Entry { text: "st. louis".into(), clusters: [NO_CLUSTER; N_CLUSTERINGS], gazetteers: GAZ_LOC | GAZ_COMMON },
        ];
        let lexicon = Lexicon::from_entries(entries);
        let texts: Vec<String> = lexicon.entries.to_vec().into_iter().map(|(t, _, _)| t).collect();
        assert_eq!(texts, ["at&t", "new", "oslo", "st. louis"]);
        let phrases: Vec<(&str, u8)> = lexicon.phrase_entries.iter().collect();
        assert_eq!(phrases, [("at & t", GAZ_CORP), ("new york", GAZ_LOC), ("st . louis", GAZ_LOC)]);
        assert_eq!(look_up(&lexicon, "new").0.longest_phrase, 2);
        assert_eq!(look_up(&lexicon, "at").0.longest_phrase, 3);
        assert_eq!(look_up(&lexicon, "at&t").0.clusters, [9, 9, 9, 9]);
        assert_eq!(lexicon.phrase_of(&["new".into(), "york".into()]), GAZ_LOC);
        assert_eq!(lexicon.phrase_of(&["oslo".into()]), GAZ_LOC | GAZ_CAPITAL);
        assert_eq!(lexicon.phrase_of(&["st".into(), ".".into(), "louis".into()]), GAZ_LOC);
    }
}
