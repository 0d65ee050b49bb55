//! Features of the names model: each token becomes a list of hashed feature ids (buckets) computed from
//! the token, its neighbours, the lexicons and the rest of the document. The ids come from `hash`.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::hash::{combine, hash_bytes, hash_str, mix, phrase_hash, K};
use super::lexicon::{Lexicon, Word, GAZ_KINDS, MAX_PHRASE, NO_CLUSTER, N_CLUSTERINGS, N_GAZ};
use crate::analysis::{Sentence, Token};

/// The values of a word as written that the features are built from: a word type's, or a recased
/// headline word's own (its form and shapes recased), or the padding's beyond a sentence. Kept once per
/// unit (`Groups`), not per token: a long document's tokens would need a hundred bytes each.
#[derive(Clone, Copy, Default)]
struct WordInfo {
    form: u64,
    lower: u64,
    shape: u64,
    short_shape: u64,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    clusters: [u16; N_CLUSTERINGS],
}

/// The values of a token beyond its word's.
#[derive(Clone, Copy, Default)]
struct TokenMarks {
    /// Gazetteer match per kind: 0 none, 1 begins a match, 2 inside a match.
    gazetteer: [u8; N_GAZ],
    /// Capitalized here and seen in lowercase elsewhere in the document (not sentence-initially).
    seen_lower: bool,
    /// Sentence-initial and seen capitalized inside some sentence elsewhere in the document.
    seen_capitalized: bool,
    first_in_sentence: bool,
    caps_sentence: bool,
    recased: bool,
}

const PAD_LEFT: u64 = 0x5A5A_0001;
const PAD_RIGHT: u64 = 0x5A5A_0002;

/// Feature buckets of every token of a document, flattened: token `i`'s are
/// `ids[offsets[i]..offsets[i + 1]]`.
#[derive(Default)]
pub(crate) struct DocumentFeatures {
    pub ids: Vec<u32>,
    pub offsets: Vec<u32>,
    /// Per token: the hash of its lowercased form, and whether it has letters.
    pub lower: Vec<u64>,
    pub has_letters: Vec<bool>,
    /// Per token: its `lower` as a dense index (tokens with the same `lower` share one, below
    /// `n_lowers`), so per-word tallies are arrays rather than hash maps.
    pub lower_id: Vec<u32>,
    pub n_lowers: usize,
    /// Per token: the lowercased first letter of a word that begins with a capital ('\0' otherwise), and
    /// whether the word could be an acronym (2 to 6 letters, all capitals).
    pub initial: Vec<char>,
    pub acronym: Vec<bool>,
    /// Per token: its sentence's token range.
    pub bounds: Vec<(u32, u32)>,
}

impl DocumentFeatures {
    pub fn token(&self, i: usize) -> &[u32] {
        let (a, b) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        &self.ids[a..b]
    }
}

fn word<'t>(text: &'t str, token: &Token) -> &'t str {
    text.get(token.span.start..token.span.end).unwrap_or("")
}

/// A word with its typographic marks in the ASCII forms of newswire text, which the model learned
/// from: curly and modifier apostrophes, primes and single quotes as `'`, curly, low and double-prime
/// quotes as `"`, an en dash, a minus sign and the Unicode hyphens as `-`, an em dash or a horizontal bar as
/// `--`. "Biden’s" then has the word features, shapes and lexicon entries of "Biden's".
fn ascii_marks(w: &str) -> Cow<'_, str> {
    fn ascii(c: char) -> Option<&'static str> {
        Some(match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{2035}' | '\u{02bc}' => "'",
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{2036}' => "\"",
            '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2212}' => "-",
            '\u{2014}' | '\u{2015}' => "--",
            _ => return None,
        })
    }
    if w.is_ascii() || !w.chars().any(|c| ascii(c).is_some()) {
        return Cow::Borrowed(w);
    }
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        match ascii(c) {
            Some(a) => out.push_str(a),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// True for a headline-like sentence whose casing says little: ALL CAPS, or Title Case (every word of four
/// letters or more capitalized, and at least three words).
fn is_headline(words: &[&str]) -> bool {
    let (mut letters, mut lower_letters) = (0, 0);
    let (mut alphabetic_words, mut long_lower_words) = (0, 0);
    for w in words {
        // An ASCII word byte by byte (the same counts: an ASCII character is lowercase or alphabetic
        // exactly when its byte is).
        if w.is_ascii() {
            let bytes = w.as_bytes();
            let Some(&first) = bytes.first() else { continue };
            if first.is_ascii_alphabetic() {
                alphabetic_words += 1;
                if first.is_ascii_lowercase() && bytes.len() >= 4 {
                    long_lower_words += 1;
                }
            }
            lower_letters += bytes.iter().filter(|b| b.is_ascii_lowercase()).count();
            letters += bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
            continue;
        }
        let mut chars = w.chars();
        let Some(first) = chars.next() else { continue };
        if first.is_alphabetic() {
            alphabetic_words += 1;
            if first.is_lowercase() && w.chars().count() >= 4 {
                long_lower_words += 1;
            }
        }
        for c in w.chars() {
            if c.is_lowercase() {
                lower_letters += 1;
            }
            if c.is_alphabetic() {
                letters += 1;
            }
        }
    }
    (lower_letters == 0 && letters >= 4) || (alphabetic_words >= 3 && long_lower_words == 0)
}

fn shape_char(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// Hashes of the word's shape ("Xxxxx", first 8 characters) and short shape (runs collapsed, "Xx").
fn shapes(w: &str, buffer: &mut String) -> (u64, u64) {
    if w.is_ascii() {
        ascii_shapes(w.as_bytes())
    } else {
        char_shapes(w, buffer)
    }
}

/// `shapes`, character by character (any text).
fn char_shapes(w: &str, buffer: &mut String) -> (u64, u64) {
    buffer.clear();
    buffer.extend(w.chars().take(8).map(shape_char));
    let long = hash_str(buffer);
    buffer.clear();
    let (mut last, mut n) = ('\0', 0);
    for s in w.chars().map(shape_char) {
        if s != last {
            if n == 6 {
                break;
            }
            buffer.push(s);
            n += 1;
        }
        last = s;
    }
    (long, hash_str(buffer))
}

/// `shapes` of an ASCII word, without decoding characters or building strings (most words are ASCII).
/// The only ASCII characters `shape_char` changes are letters and digits, mapped the same way here.
fn ascii_shapes(bytes: &[u8]) -> (u64, u64) {
    let shape_byte = |b: u8| match b {
        b'A'..=b'Z' => b'X',
        b'a'..=b'z' => b'x',
        b'0'..=b'9' => b'd',
        _ => b,
    };
    let mut long = [0u8; 8];
    let n_long = bytes.len().min(long.len());
    for (s, &b) in long.iter_mut().zip(bytes) {
        *s = shape_byte(b);
    }
    let mut short = [0u8; 6];
    let (mut last, mut n) = (0u8, 0);
    for &b in bytes {
        let s = shape_byte(b);
        if s != last {
            let Some(slot) = short.get_mut(n) else { break };
            *slot = s;
            n += 1;
        }
        last = s;
    }
    (hash_bytes(&long[..n_long]), hash_bytes(&short[..n]))
}

/// Hashes of the lowercased word's first and last 1–4 characters (when the word is longer).
fn affixes(lower: &str) -> ([u64; 4], [u64; 4]) {
    if lower.is_ascii() {
        ascii_affixes(lower.as_bytes())
    } else {
        char_affixes(lower)
    }
}

/// `affixes` of an ASCII word: one byte per character, so the same affixes without decoding characters.
fn ascii_affixes(bytes: &[u8]) -> ([u64; 4], [u64; 4]) {
    let mut prefixes = [0u64; 4];
    let mut suffixes = [0u64; 4];
    let n = bytes.len();
    for k in 0..4 {
        if let (true, Some(prefix), Some(suffix)) =
            (n > k + 1, bytes.get(..k + 1), bytes.get(n.saturating_sub(k + 1)..))
        {
            prefixes[k] = hash_bytes(prefix);
            suffixes[k] = hash_bytes(suffix);
        }
    }
    (prefixes, suffixes)
}

/// `affixes`, character by character (any text).
fn char_affixes(lower: &str) -> ([u64; 4], [u64; 4]) {
    let mut prefixes = [0u64; 4];
    let mut suffixes = [0u64; 4];
    let n_chars = lower.chars().count();
    for (k, (at, _)) in lower.char_indices().skip(1).take(4).enumerate() {
        if n_chars > k + 1 {
            prefixes[k] = hash_str(&lower[..at]);
        }
    }
    for (k, (at, _)) in lower.char_indices().rev().take(4).enumerate() {
        if n_chars > k + 1 {
            suffixes[k] = hash_str(&lower[at..]);
        }
    }
    (prefixes, suffixes)
}

/// Feature templates. Each id is mixed with the feature's value; the numbers are part of the model
/// format (changing them needs retraining).
mod t {
    pub const BIAS: u64 = 1;
    pub const FORM: u64 = 2;
    pub const LOWER: u64 = 3;
    pub const SHAPE: u64 = 4;
    pub const SHORT: u64 = 5;
    pub const PREFIX: u64 = 6;
    pub const SUFFIX: u64 = 10;
    pub const LOWER_M1: u64 = 14;
    pub const LOWER_P1: u64 = 15;
    pub const LOWER_M2: u64 = 16;
    pub const LOWER_P2: u64 = 17;
    pub const SHORT_M1: u64 = 18;
    pub const SHORT_P1: u64 = 19;
    pub const BIGRAM_L: u64 = 20;
    pub const BIGRAM_R: u64 = 21;
    pub const SHAPE3: u64 = 22;
    pub const CLUSTER: u64 = 60;
    pub const CLUSTER_M1: u64 = 64;
    pub const CLUSTER_P1: u64 = 68;
    pub const GAZ: u64 = 32;
    pub const GAZ_M1: u64 = 36;
    pub const GAZ_P1: u64 = 40;
    pub const FIRST: u64 = 44;
    pub const CAPS: u64 = 45;
    pub const SEEN_LOWER: u64 = 46;
    pub const SEEN_CAP: u64 = 47;
    pub const CLUSTER_SHAPE: u64 = 48;
    pub const RECASED: u64 = 49;
    pub const FORM_M1: u64 = 50;
    pub const FORM_P1: u64 = 51;
    pub const CLUSTER_M2: u64 = 52;
    pub const CLUSTER_P2: u64 = 53;
    pub const LEFT2: u64 = 54;
    pub const RIGHT2: u64 = 55;
    pub const PREV_SHAPE: u64 = 56;
    pub const SHAPE_NEXT: u64 = 57;
    pub const DOC_CASE: u64 = 58;
    /// Gazetteer kinds 4 and 5 (countries, capitals): the token's, the previous token's, the next one's.
    pub const GAZ_MORE: [(u64, u64, u64); 2] = [(72, 73, 74), (75, 76, 77)];
}

/// What a feature needs of a word as written (one per distinct token string of a document).
struct WordType<'t> {
    text: &'t str,
    lower: Cow<'t, str>,
    lower_hash: u64,
    form: u64,
    shape: u64,
    short_shape: u64,
    capitalized: bool,
    has_letters: bool,
    initial: char,
    acronym: bool,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    lexicon: Word,
    /// The gazetteer bits of the word alone as a phrase.
    alone: u8,
}

impl<'t> WordType<'t> {
    /// The word's values; `lexicon` is left for `extract` to fill (see there).
    fn new(w: &'t str, shape_buffer: &mut String) -> WordType<'t> {
        // An ASCII word byte by byte: the same answers as the characters' Unicode properties give.
        let ascii = w.is_ascii();
        let has_upper =
            if ascii { w.bytes().any(|b| b.is_ascii_uppercase()) } else { w.chars().any(char::is_uppercase) };
        let lower = match (has_upper, ascii) {
            (false, _) => Cow::Borrowed(w),
            (true, true) => Cow::Owned(w.to_ascii_lowercase()),
            (true, false) => Cow::Owned(w.to_lowercase()),
        };
        let lower_hash = hash_str(&lower);
        let (shape, short_shape) = shapes(w, shape_buffer);
        let (prefixes, suffixes) = affixes(&lower);
        let capitalized = is_capitalized(w);
        let (has_letters, acronym) = if ascii {
            (
                w.bytes().any(|b| b.is_ascii_alphabetic()),
                (2..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase()),
            )
        } else {
            (
                w.chars().any(char::is_alphabetic),
                (2..=6).contains(&w.chars().count()) && w.chars().all(char::is_uppercase),
            )
        };
        WordType {
            lower_hash,
            form: hash_str(w),
            shape,
            short_shape,
            capitalized,
            has_letters,
            initial: if capitalized { lower.chars().next().unwrap_or('\0') } else { '\0' },
            acronym,
            prefixes,
            suffixes,
            lexicon: Word::UNKNOWN,
            alone: 0,
            text: w,
            lower,
        }
    }
}

/// Room for this many word types is made before a document's tokens are read: as many as its tokens in a
/// short document (no regrowing), but not for a long one, where the types are far fewer than the tokens
/// (the 200 BBC dev articles joined, 90,000 tokens, have about 11,000) and a table sized by tokens would
/// take megabytes.
const TYPES_UP_FRONT: usize = 8_192;

/// How many word types ahead `build` asks for a type's slot in the lexicon's table of words.
const LOOKUP_AHEAD: usize = 8;

/// Whether `text` has any uppercase letter, and any lowercase one (one pass, stopping once both are seen).
pub(crate) fn letter_cases(text: &str) -> (bool, bool) {
    let (mut upper, mut lower) = (false, false);
    for c in text.chars() {
        upper |= c.is_uppercase();
        lower |= c.is_lowercase();
        if upper && lower {
            break;
        }
    }
    (upper, lower)
}

/// Computes the features of a document's tokens. `bits` is the log2 of the number of buckets.
pub(crate) fn extract(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    lexicon: &Lexicon,
    bits: u32,
) -> DocumentFeatures {
    build(text, tokens, sentences, lexicon, bits, false).0
}

/// `extract` with the word-level buckets of each token and of its neighbours (`Role`) gathered per word
/// unit in `Groups` and left out of the tokens' own lists: each token's buckets are those of its five
/// groups plus its own. The same buckets as `extract` gives, in another order, so integer sums of their
/// rows are the same; a scorer sums each group once per document.
pub(crate) fn extract_grouped(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    lexicon: &Lexicon,
    bits: u32,
) -> (DocumentFeatures, Groups) {
    let (features, groups) = build(text, tokens, sentences, lexicon, bits, true);
    (features, groups.unwrap_or_default())
}

/// The roles of a word in a token's features, in the order of `Groups::of_token`: the token itself, the
/// previous and next tokens, the second previous and the second next.
pub(crate) const ROLES: usize = 5;
const OWN: usize = 0;
const M1: usize = 1;
const P1: usize = 2;
const M2: usize = 3;
const P2: usize = 4;

/// Word-level buckets gathered by word unit and role (`extract_grouped`). A unit is a word type of the
/// document (every token written as the type is), or a single recased token (a headline word, whose
/// form and shapes are its own), or the padding before or after a sentence. Group `unit * ROLES + role`
/// holds the buckets the unit gives a token in that role: as the token itself its word features (form,
/// lowercase, shapes, affixes, clusters); as a neighbour its lowercase form, and for the nearest
/// neighbours also its form, short shape and clusters.
#[derive(Default)]
pub(crate) struct Groups {
    /// Group `g`'s buckets are `ids[offsets[g]..offsets[g + 1]]`.
    pub ids: Vec<u32>,
    pub offsets: Vec<u32>,
    /// Per token: its group in each role (its own unit's `OWN` group, the previous token's unit's `M1`
    /// group, and so on).
    pub of_token: Vec<[u32; ROLES]>,
}

impl Groups {
    /// Where group `g`'s buckets are in `ids` (empty for a group that does not exist).
    pub fn range(&self, g: usize) -> std::ops::Range<usize> {
        match (self.offsets.get(g), self.offsets.get(g + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
}

/// `extract`, or with `grouped` `extract_grouped`.
fn build(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    lexicon: &Lexicon,
    bits: u32,
    grouped: bool,
) -> (DocumentFeatures, Option<Groups>) {
    let n = tokens.len();
    let typed: Vec<Cow<str>> = tokens.iter().map(|t| ascii_marks(word(text, t))).collect();
    let words: Vec<&str> = typed.iter().map(|w| &**w).collect();

    // Sentence flags, and the document's casing evidence outside ALL-CAPS sentences.
    let mut caps_sentence = vec![false; n];
    let mut first = vec![false; n];
    for s in sentences {
        let range = s.tokens.start.min(n)..s.tokens.end.min(n);
        if range.is_empty() {
            continue;
        }
        first[range.start] = true;
        if is_headline(&words[range.clone()]) {
            caps_sentence[range].iter_mut().for_each(|c| *c = true);
        }
    }
    // Word types: each distinct token string once per document, with its lowercase, hashes, affixes and
    // lexicon entry (most tokens repeat a word seen before).
    let mut shape_buffer = String::with_capacity(16);
    let mut type_ids: FxHashMap<&str, u32> =
        FxHashMap::with_capacity_and_hasher(n.min(TYPES_UP_FRONT), Default::default());
    let mut types: Vec<WordType> = Vec::new();
    let mut type_of: Vec<u32> = Vec::with_capacity(n);
    for &w in &words {
        let id = *type_ids.entry(w).or_insert_with(|| {
            types.push(WordType::new(w, &mut shape_buffer));
            (types.len() - 1) as u32
        });
        type_of.push(id);
    }
    // The lexicon lookups of all types in one loop, each type's slot asked for `LOOKUP_AHEAD` types before
    // it is looked up (the table of words is a few megabytes: most lookups wait for memory).
    for k in 0..types.len() {
        if let Some(ahead) = types.get(k + LOOKUP_AHEAD) {
            lexicon.prefetch_word(ahead.lower_hash);
        }
        let ty = &mut types[k];
        let (mut entry, alone) = lexicon.word(&ty.lower, ty.lower_hash);
        // Word clusters of words only: GloVe puts punctuation and numbers into mixed clusters (";" with
        // "(", ")" and small numbers), which says little about them that their form does not, and
        // misleads about their neighbours.
        if !ty.has_letters {
            entry.clusters = [NO_CLUSTER; N_CLUSTERINGS];
        }
        ty.lexicon = entry;
        ty.alone = alone;
    }
    let type_at = |i: usize| &types[type_of[i] as usize];
    // The lowercase forms: types written alike in lowercase ("The", "the") share one.
    let mut lower_ids: FxHashMap<&str, u32> = FxHashMap::with_capacity_and_hasher(types.len(), Default::default());
    let lower_of: Vec<u32> = types
        .iter()
        .map(|ty| {
            let next = lower_ids.len() as u32;
            *lower_ids.entry(&*ty.lower).or_insert(next)
        })
        .collect();
    // Casing evidence from words inside ordinary sentences: how often each word is written in lowercase,
    // and its most frequent other form (a type; the first to reach the highest count).
    let mut n_lower = vec![0u32; lower_ids.len()];
    let mut form_counts = vec![0u32; types.len()];
    let mut best_form: Vec<Option<(u32, u32)>> = vec![None; lower_ids.len()];
    for i in 0..n {
        let t = type_of[i] as usize;
        let ty = &types[t];
        if caps_sentence[i] || first[i] || !ty.has_letters {
            continue;
        }
        let lower = lower_of[t] as usize;
        if ty.text == &*ty.lower {
            n_lower[lower] += 1;
        } else {
            form_counts[t] += 1;
            let count = form_counts[t];
            let best = best_form[lower].get_or_insert((t as u32, 0));
            if count > best.1 {
                *best = (t as u32, count);
            }
        }
    }

    let mut longest_phrase = vec![0u8; n];
    // Units: the types, then each recased token (a headline word: its form and shapes recased), then the
    // padding before and after a sentence. Each token's unit, and its values beyond its word's, in
    // token order (pushed rather than written over a list of defaults).
    let type_info = |ty: &WordType| WordInfo {
        form: ty.form,
        lower: ty.lower_hash,
        shape: ty.shape,
        short_shape: ty.short_shape,
        prefixes: ty.prefixes,
        suffixes: ty.suffixes,
        clusters: ty.lexicon.clusters,
    };
    let mut units: Vec<WordInfo> = types.iter().map(type_info).collect();
    let mut unit_of: Vec<u32> = Vec::with_capacity(n);
    let mut marks: Vec<TokenMarks> = Vec::with_capacity(n);
    for i in 0..n {
        let ty = type_at(i);
        let lower = &*ty.lower;
        let lower_id = lower_of[type_of[i] as usize] as usize;
        let lower_count = n_lower[lower_id];
        let best = best_form[lower_id].map(|(t, count)| (types[t as usize].text, count));
        let mut capitalized = ty.capitalized;
        let mut recased = false;
        // A word of an ALL CAPS sentence is a unit of its own, its form and shapes recased.
        if caps_sentence[i] && ty.has_letters {
            let recased_form: Cow<str> = match best {
                Some((f, c)) if c >= lower_count => Cow::Borrowed(f),
                _ if lower_count > 0 => Cow::Borrowed(lower),
                // Unseen elsewhere: read a Title Case headline word like an ALL CAPS one.
                _ => Cow::Owned(words[i].to_uppercase()),
            };
            recased = lower_count > 0 || best.is_some();
            let (shape, short_shape) = shapes(&recased_form, &mut shape_buffer);
            capitalized = is_capitalized(&recased_form);
            unit_of.push(units.len() as u32);
            units.push(WordInfo { form: hash_str(&recased_form), shape, short_shape, ..type_info(ty) });
        } else {
            unit_of.push(type_of[i]);
        }
        let seen_lower = capitalized && lower_count > 0 && !first[i];
        let seen_capitalized = first[i] && best.is_some();
        longest_phrase[i] = ty.lexicon.longest_phrase;
        marks.push(TokenMarks {
            gazetteer: [0; N_GAZ],
            seen_lower,
            seen_capitalized,
            first_in_sentence: first[i],
            caps_sentence: caps_sentence[i],
            recased,
        });
    }

    // Gazetteer matches: longest phrase per kind starting at each capitalized token, within a sentence.
    if lexicon.has_phrases() {
        for s in sentences {
            let range = s.tokens.start.min(n)..s.tokens.end.min(n);
            let mut covered = [range.start; N_GAZ];
            for i in range.clone() {
                let mut h = phrase_hash(std::iter::empty());
                let mut found = [0usize; N_GAZ];
                for len in 1..=(longest_phrase[i] as usize).min(MAX_PHRASE) {
                    let j = i + len - 1;
                    if j >= range.end {
                        break;
                    }
                    h = combine(h, types[type_of[j] as usize].lower_hash);
                    let bits = if len == 1 { type_at(i).alone } else { lexicon.phrase(h) };
                    for (k, &kind) in GAZ_KINDS.iter().enumerate() {
                        if bits & kind != 0 {
                            found[k] = len;
                        }
                    }
                }
                for k in 0..N_GAZ {
                    if found[k] > 0 && i >= covered[k] {
                        marks[i].gazetteer[k] = 1;
                        for inside in &mut marks[i + 1..i + found[k]] {
                            inside.gazetteer[k] = 2;
                        }
                        covered[k] = i + found[k];
                    }
                }
            }
        }
    }

    // Dense ids of the lowercase hashes (per type, then per token), for `label_features`' tallies.
    let mut lower_hash_ids: FxHashMap<u64, u32> = FxHashMap::with_capacity_and_hasher(types.len(), Default::default());
    let type_lower_ids: Vec<u32> = types
        .iter()
        .map(|ty| {
            let next = lower_hash_ids.len() as u32;
            *lower_hash_ids.entry(ty.lower_hash).or_insert(next)
        })
        .collect();
    let lower_id = type_of.iter().map(|&t| type_lower_ids[t as usize]).collect();
    let mask = (1u64 << bits) - 1;
    let bucket = |template: u64, value: u64| -> u32 { (mix(value ^ template.wrapping_mul(K)) & mask) as u32 };
    let mut out = DocumentFeatures {
        ids: Vec::with_capacity(n * if grouped { 16 } else { 48 }),
        offsets: Vec::with_capacity(n + 1),
        lower: type_of.iter().map(|&t| types[t as usize].lower_hash).collect(),
        lower_id,
        n_lowers: lower_hash_ids.len(),
        has_letters: type_of.iter().map(|&t| types[t as usize].has_letters).collect(),
        initial: type_of.iter().map(|&t| types[t as usize].initial).collect(),
        acronym: type_of.iter().map(|&t| types[t as usize].acronym).collect(),
        bounds: Vec::new(),
    };
    out.offsets.push(0);
    let (pad_unit, pad_r_unit) = (units.len() as u32, units.len() as u32 + 1);
    units.push(WordInfo { lower: PAD_LEFT, form: PAD_LEFT, short_shape: PAD_LEFT, ..WordInfo::default() });
    units.push(WordInfo { lower: PAD_RIGHT, form: PAD_RIGHT, short_shape: PAD_RIGHT, ..WordInfo::default() });
    let no_marks = TokenMarks::default();
    // The sentence of each token (a token outside every sentence stands alone).
    let mut bounds: Vec<(usize, usize)> = (0..n).map(|i| (i, i + 1)).collect();
    for s in sentences {
        let range = s.tokens.start.min(n)..s.tokens.end.min(n);
        for i in range.clone() {
            bounds[i] = (range.start, range.end);
        }
    }
    out.bounds = bounds.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
    let cap_shape = hash_str("Xx");
    // The document's casing: 0 mixed, 1 no capitals at all, 2 no lowercase letters at all.
    let (has_upper, has_lower) = letter_cases(text);
    let doc_case: u64 = if !has_upper && has_lower {
        1
    } else if has_upper && !has_lower {
        2
    } else {
        0
    };
    // The word-level buckets of each type, for the tokens written as the type is (all but recased words).
    let intrinsic = |c: &WordInfo, ids: &mut Vec<u32>| {
        ids.push(bucket(t::BIAS, 0));
        ids.push(bucket(t::FORM, c.form));
        ids.push(bucket(t::LOWER, c.lower));
        ids.push(bucket(t::SHAPE, c.shape));
        ids.push(bucket(t::SHORT, c.short_shape));
        for k in 0..4 {
            if c.prefixes[k] != 0 {
                ids.push(bucket(t::PREFIX + k as u64, c.prefixes[k]));
            }
            if c.suffixes[k] != 0 {
                ids.push(bucket(t::SUFFIX + k as u64, c.suffixes[k]));
            }
        }
        for k in 0..N_CLUSTERINGS {
            if c.clusters[k] != NO_CLUSTER {
                ids.push(bucket(t::CLUSTER + k as u64, c.clusters[k] as u64 + 1));
            }
        }
        if c.clusters[1] != NO_CLUSTER {
            ids.push(bucket(t::CLUSTER_SHAPE, combine(c.clusters[1] as u64, c.short_shape)));
        } else {
            ids.push(bucket(t::CLUSTER_SHAPE, combine(0xFFFF, c.short_shape)));
        }
        ids.push(bucket(t::DOC_CASE, combine(doc_case, c.short_shape)));
    };
    // A token's neighbours in `role` (`M1`, `P1`, `M2`, `P2`): the buckets that depend on that word alone.
    let neighbour = |role: usize, w: &WordInfo, ids: &mut Vec<u32>| match role {
        M1 | P1 => {
            let (lower, form, short, cluster) = if role == M1 {
                (t::LOWER_M1, t::FORM_M1, t::SHORT_M1, t::CLUSTER_M1)
            } else {
                (t::LOWER_P1, t::FORM_P1, t::SHORT_P1, t::CLUSTER_P1)
            };
            ids.push(bucket(lower, w.lower));
            ids.push(bucket(form, w.form));
            ids.push(bucket(short, w.short_shape));
            for k in 0..N_CLUSTERINGS {
                if w.clusters[k] != NO_CLUSTER {
                    ids.push(bucket(cluster + k as u64, w.clusters[k] as u64 + 1));
                }
            }
        }
        M2 | P2 => {
            let (lower, cluster) = if role == M2 { (t::LOWER_M2, t::CLUSTER_M2) } else { (t::LOWER_P2, t::CLUSTER_P2) };
            ids.push(bucket(lower, w.lower));
            if w.clusters[1] != NO_CLUSTER {
                ids.push(bucket(cluster, w.clusters[1] as u64 + 1));
            }
        }
        _ => {}
    };
    // The word-level buckets of each type (the tokens written as the type is: all but recased words);
    // a grouped extraction has them in `Groups` instead.
    let mut type_buckets = Vec::new();
    let mut type_offsets = vec![0u32];
    if !grouped {
        type_buckets.reserve(types.len() * 20);
        type_offsets.reserve(types.len());
        for unit in &units[..types.len()] {
            intrinsic(unit, &mut type_buckets);
            type_offsets.push(type_buckets.len() as u32);
        }
    }
    let is_recased = |i: usize| unit_of[i] != type_of[i];
    // The unit `d` tokens away from token `i`, whose sentence is tokens `start..end`: the padding beyond it.
    let unit_at = |i: usize, (start, end): (usize, usize), d: isize| -> u32 {
        let j = i as isize + d;
        if j < start as isize {
            pad_unit
        } else if j >= end as isize {
            pad_r_unit
        } else {
            unit_of[j as usize]
        }
    };
    for (i, &(start, end)) in bounds.iter().enumerate() {
        let range = start..end;
        let get = |d: isize| -> &WordInfo { &units[unit_at(i, (start, end), d) as usize] };
        let marks_at = |d: isize| -> &TokenMarks {
            let j = i as isize + d;
            if j >= range.start as isize && j < range.end as isize {
                &marks[j as usize]
            } else {
                &no_marks
            }
        };
        let (m2, m1, c, p1, p2) = (get(-2), get(-1), get(0), get(1), get(2));
        let (m1_marks, c_marks, p1_marks) = (marks_at(-1), marks_at(0), marks_at(1));
        let ids = &mut out.ids;
        if !grouped {
            if !is_recased(i) {
                let t = type_of[i] as usize;
                let (a, b) = (type_offsets[t] as usize, type_offsets[t + 1] as usize);
                ids.extend_from_slice(&type_buckets[a..b]);
            } else {
                intrinsic(c, ids);
            }
            ids.push(bucket(t::LOWER_M1, m1.lower));
            ids.push(bucket(t::LOWER_P1, p1.lower));
            ids.push(bucket(t::LOWER_M2, m2.lower));
            ids.push(bucket(t::LOWER_P2, p2.lower));
            ids.push(bucket(t::FORM_M1, m1.form));
            ids.push(bucket(t::FORM_P1, p1.form));
            ids.push(bucket(t::SHORT_M1, m1.short_shape));
            ids.push(bucket(t::SHORT_P1, p1.short_shape));
        }
        ids.push(bucket(t::BIGRAM_L, combine(m1.lower, c.lower)));
        ids.push(bucket(t::BIGRAM_R, combine(c.lower, p1.lower)));
        ids.push(bucket(t::SHAPE3, combine(combine(m1.short_shape, c.short_shape), p1.short_shape)));
        if !grouped {
            for k in 0..N_CLUSTERINGS {
                let kk = k as u64;
                if m1.clusters[k] != NO_CLUSTER {
                    ids.push(bucket(t::CLUSTER_M1 + kk, m1.clusters[k] as u64 + 1));
                }
                if p1.clusters[k] != NO_CLUSTER {
                    ids.push(bucket(t::CLUSTER_P1 + kk, p1.clusters[k] as u64 + 1));
                }
            }
            if m2.clusters[1] != NO_CLUSTER {
                ids.push(bucket(t::CLUSTER_M2, m2.clusters[1] as u64 + 1));
            }
            if p2.clusters[1] != NO_CLUSTER {
                ids.push(bucket(t::CLUSTER_P2, p2.clusters[1] as u64 + 1));
            }
        }
        ids.push(bucket(t::LEFT2, combine(m2.lower, m1.lower)));
        ids.push(bucket(t::RIGHT2, combine(p1.lower, p2.lower)));
        ids.push(bucket(t::PREV_SHAPE, combine(m1.lower, c.short_shape)));
        ids.push(bucket(t::SHAPE_NEXT, combine(c.short_shape, p1.lower)));
        for k in 0..N_GAZ {
            // Kinds 0–3 have consecutive template ids; later kinds got theirs when they were added.
            let (gaz, gaz_m1, gaz_p1) = if k < 4 {
                (t::GAZ + k as u64, t::GAZ_M1 + k as u64, t::GAZ_P1 + k as u64)
            } else {
                t::GAZ_MORE[k - 4]
            };
            if c_marks.gazetteer[k] != 0 {
                ids.push(bucket(gaz, c_marks.gazetteer[k] as u64 * 2 + (c.short_shape == cap_shape) as u64));
            }
            if m1_marks.gazetteer[k] != 0 {
                ids.push(bucket(gaz_m1, m1_marks.gazetteer[k] as u64));
            }
            if p1_marks.gazetteer[k] != 0 {
                ids.push(bucket(gaz_p1, p1_marks.gazetteer[k] as u64));
            }
        }
        if c_marks.first_in_sentence {
            ids.push(bucket(t::FIRST, c.short_shape));
        }
        if c_marks.caps_sentence {
            ids.push(bucket(t::CAPS, c.short_shape));
            if c_marks.recased {
                ids.push(bucket(t::RECASED, c.short_shape));
            }
        }
        if c_marks.seen_lower {
            ids.push(bucket(t::SEEN_LOWER, 1));
        }
        if c_marks.seen_capitalized {
            ids.push(bucket(t::SEEN_CAP, 1));
        }
        out.offsets.push(ids.len() as u32);
    }
    if !grouped {
        return (out, None);
    }

    let mut groups = Groups {
        ids: Vec::with_capacity(units.len() * 36),
        offsets: Vec::with_capacity(units.len() * ROLES + 1),
        of_token: Vec::with_capacity(n),
    };
    groups.offsets.push(0);
    for (u, unit) in units.iter().enumerate() {
        for role in 0..ROLES {
            // The padding is never a token itself, nor after a sentence's end as its start (and the
            // reverse): those groups stay empty.
            let used = match u as u32 {
                p if p == pad_unit => role == M1 || role == M2,
                p if p == pad_r_unit => role == P1 || role == P2,
                _ => true,
            };
            if used {
                if role == OWN {
                    intrinsic(unit, &mut groups.ids);
                } else {
                    neighbour(role, unit, &mut groups.ids);
                }
            }
            groups.offsets.push(groups.ids.len() as u32);
        }
    }
    for (i, &sentence) in bounds.iter().enumerate() {
        let group = |d: isize, role: usize| unit_at(i, sentence, d) * ROLES as u32 + role as u32;
        groups.of_token.push([group(0, OWN), group(-1, M1), group(1, P1), group(-2, M2), group(2, P2)]);
    }
    (out, Some(groups))
}

mod t2 {
    pub const LABEL: u64 = 101;
    pub const LABEL_M1: u64 = 102;
    pub const LABEL_P1: u64 = 103;
    pub const DOC_HAS: u64 = 104;
    pub const DOC_MAJORITY: u64 = 105;
    pub const DOC_LABEL: u64 = 106;
    pub const LABEL_M2_WORD: u64 = 107;
    pub const LABEL_P2_WORD: u64 = 108;
    pub const DOC_PART: u64 = 109;
    pub const DOC_PART_LABEL: u64 = 110;
    pub const DOC_ACRONYM: u64 = 111;
}

/// `label_features`' mark of a token that is not the first or last word of a longer name.
const NO_PART: u8 = u8::MAX;

/// Second-stage features: the first stage's features plus `label_features`.
pub(crate) fn with_document_labels(base: &DocumentFeatures, labels: &[u8], bits: u32) -> DocumentFeatures {
    let extra = label_features(base, labels, bits);
    let n = extra.offsets.len().saturating_sub(1);
    let mut out = DocumentFeatures {
        ids: Vec::with_capacity(base.ids.len() + extra.ids.len()),
        offsets: Vec::with_capacity(n + 1),
        lower: base.lower.clone(),
        lower_id: base.lower_id.clone(),
        n_lowers: base.n_lowers,
        has_letters: base.has_letters.clone(),
        initial: base.initial.clone(),
        acronym: base.acronym.clone(),
        bounds: base.bounds.clone(),
    };
    out.offsets.push(0);
    for i in 0..n {
        out.ids.extend_from_slice(base.token(i));
        out.ids.extend_from_slice(extra.token(i));
        out.offsets.push(out.ids.len() as u32);
    }
    out
}

/// The features only the second stage has: what the first stage decided for this token, its neighbours
/// (next and second next, with the word between), and the other occurrences of the same word in the
/// document (so repeated mentions agree, and a headline word borrows the reading of its mentions in the
/// body). Only `lower`, `has_letters` and `bounds` of `base` are used; the result has no such columns.
pub(crate) fn label_features(base: &DocumentFeatures, labels: &[u8], bits: u32) -> DocumentFeatures {
    let n =
        base.lower.len().min(labels.len()).min(base.bounds.len()).min(base.has_letters.len()).min(base.lower_id.len());
    let mask = (1u64 << bits) - 1;
    let bucket = |template: u64, value: u64| -> u32 { (mix(value ^ template.wrapping_mul(K)) & mask) as u32 };
    let kind = |l: u8| -> usize {
        if l == 0 {
            0
        } else {
            1 + (l as usize - 1) / 2
        }
    };
    // The buckets of a label (0 to 8, or 99 beyond the sentence) in the three label templates, hashed
    // once per document rather than for every token: indexed by `label_slot`.
    let label_slot = |label: u64| (label as usize).min(N_LABEL_SLOTS - 1);
    let label_buckets = |template: u64| -> [u32; N_LABEL_SLOTS] {
        std::array::from_fn(|k| bucket(template, if k == N_LABEL_SLOTS - 1 { 99 } else { k as u64 }))
    };
    let (label_b, label_m1_b, label_p1_b) =
        (label_buckets(t2::LABEL), label_buckets(t2::LABEL_M1), label_buckets(t2::LABEL_P1));
    let doc_has: [u32; 5] = std::array::from_fn(|k| bucket(t2::DOC_HAS, k as u64));
    // Per word (its dense lowercase id): how many of its occurrences were tagged O, PER, ORG, LOC, MISC.
    let mut counts = vec![[0u32; 5]; base.n_lowers];
    for i in 0..n {
        if base.has_letters[i] {
            if let Some(c) = counts.get_mut(base.lower_id[i] as usize) {
                c[kind(labels[i])] += 1;
            }
        }
    }
    // Of the longer names (two words or more), by type: how often each word is their first or last
    // ("Washington" of "MaliVai Washington": a later "Washington" alone is likely the same person, not
    // the city), and their initials ("National Association of Purchasing Management" → "napm": an
    // acronym elsewhere in the document is likely the same name).
    let mut part = vec![NO_PART; n];
    let mut parts: Vec<Option<[u32; 8]>> = vec![None; base.n_lowers];
    let mut expansions: FxHashMap<u64, u8> = FxHashMap::default();
    let mut initials = String::new();
    for (range, _) in super::decode::chunks(&labels[..n]) {
        if range.len() < 2 {
            continue;
        }
        let k = kind(labels[range.start]) - 1;
        for (i, position) in [(range.start, 0), (range.end - 1, 1)] {
            if base.has_letters[i] {
                part[i] = (k * 2 + position) as u8;
                if let Some(p) = parts.get_mut(base.lower_id[i] as usize) {
                    p.get_or_insert([0; 8])[k * 2 + position] += 1;
                }
            }
        }
        initials.clear();
        initials.extend(range.clone().filter_map(|i| base.initial.get(i).copied()).filter(|&c| c != '\0'));
        if initials.chars().count() >= 2 {
            *expansions.entry(hash_str(&initials)).or_default() |= 1 << k;
        }
    }
    let mut out = DocumentFeatures {
        ids: Vec::with_capacity(n * 10),
        offsets: Vec::with_capacity(n + 1),
        ..DocumentFeatures::default()
    };
    out.offsets.push(0);
    for i in 0..n {
        let (start, end) = base.bounds[i];
        let label_at = |j: isize| -> u64 {
            if j < start as isize || j >= end as isize {
                99
            } else {
                labels[j as usize] as u64
            }
        };
        out.ids.push(label_b[label_slot(label_at(i as isize))]);
        out.ids.push(label_m1_b[label_slot(label_at(i as isize - 1))]);
        out.ids.push(label_p1_b[label_slot(label_at(i as isize + 1))]);
        // The label two tokens away with the word between: names joined by "and", "of", a comma
        // ("the Democratic Party and Democratic Choice", "Bank of England").
        let lower_at = |j: usize| if j >= start as usize && j < end as usize { base.lower[j] } else { PAD_LEFT };
        if i >= 2 {
            out.ids.push(bucket(t2::LABEL_M2_WORD, combine(label_at(i as isize - 2), lower_at(i - 1))));
        }
        out.ids.push(bucket(t2::LABEL_P2_WORD, combine(label_at(i as isize + 2), lower_at(i + 1))));
        if base.has_letters[i] {
            let id = base.lower_id[i] as usize;
            let mut others = counts.get(id).copied().unwrap_or_default();
            others[kind(labels[i])] = others[kind(labels[i])].saturating_sub(1);
            let named: u32 = others[1..].iter().sum();
            for (k, &count) in others.iter().enumerate().skip(1) {
                if count > 0 {
                    out.ids.push(doc_has[k]);
                }
            }
            if named > 0 {
                let best = (1..5).max_by_key(|&k| (others[k], 5 - k)).unwrap_or(1);
                let share = if others[0] == 0 {
                    2
                } else if named >= others[0] {
                    1
                } else {
                    0
                };
                out.ids.push(bucket(t2::DOC_MAJORITY, (best * 4 + share) as u64));
                out.ids.push(bucket(t2::DOC_LABEL, combine(best as u64, labels[i] as u64)));
            }
            if base.acronym.get(i).copied().unwrap_or(false) {
                if let Some(&kinds) = expansions.get(&base.lower[i]) {
                    out.ids.push(bucket(t2::DOC_ACRONYM, kinds as u64));
                }
            }
            if let Some(Some(counts)) = parts.get(id) {
                for (p, &count) in counts.iter().enumerate() {
                    if count > (part[i] == p as u8) as u32 {
                        out.ids.push(bucket(t2::DOC_PART, p as u64));
                        out.ids.push(bucket(t2::DOC_PART_LABEL, combine(p as u64, labels[i] as u64)));
                    }
                }
            }
        }
        out.offsets.push(out.ids.len() as u32);
    }
    out
}

/// `label_features`' label values: the 9 labels, then 99 (beyond the sentence).
const N_LABEL_SLOTS: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;

    /// A grouped extraction gives every token the buckets of the flat one: its own plus its five groups',
    /// the same multiset (their order differs), on text with headline words (recased, so units of their
    /// own), one-word sentences, gazetteer phrases and typographic marks.
    #[test]
    fn grouped_features_are_the_flat_ones() {
        let text = "PRESIDENT OBAMA VISITS NEW YORK\n\nBarack Obama visited New York on Monday. He met the \
                    Mayor of New York City, Bill de Blasio, at City Hall. \u{201c}It\u{2019}s great,\u{201d} Obama \
                    said.\n\nYes.\n\nThe U.S. economy grew 2.3% in the third quarter, the Commerce Department \
                    said; obama and OBAMA appear again. Paris, France and Berlin, Germany.";
        let tokens = crate::tokenize::tokenize(text);
        let sentences = crate::sentences::split(text, &tokens);
        let model = crate::names::Model::from_bytes(crate::names::MODEL_BYTES).expect("the shipped model loads");
        let flat = extract(text, &tokens, &sentences, &model.lexicon, model.bits);
        let (own, groups) = extract_grouped(text, &tokens, &sentences, &model.lexicon, model.bits);
        assert_eq!(groups.of_token.len(), tokens.len());
        assert_eq!(own.lower, flat.lower);
        assert_eq!(own.bounds, flat.bounds);
        for (i, token) in tokens.iter().enumerate() {
            let mut expected = flat.token(i).to_vec();
            let mut got = own.token(i).to_vec();
            for &g in &groups.of_token[i] {
                got.extend_from_slice(&groups.ids[groups.range(g as usize)]);
            }
            expected.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, expected, "buckets of token {i} ({:?})", word(text, token));
        }
    }

    /// The ASCII fast paths give the same hashes as the character-by-character ones, on words of every
    /// length around the cut-offs (shapes of 8 characters, short shapes of 6 runs, affixes of 4).
    #[test]
    fn ascii_shapes_and_affixes_match_the_general_ones() {
        let words = [
            "",
            "a",
            "A",
            "7",
            "-",
            "\0",
            "\0a",
            "ab",
            "Ab",
            "AB",
            "a1",
            "abc",
            "abcd",
            "abcde",
            "U.S.",
            "O'Neil",
            "1,000",
            "12:30",
            "x-ray",
            "McDonald's",
            "aAaAaAaAaA",
            "a1-B2.c3/D4",
            "ALLCAPSWORD",
            "lowercaseword",
            "Mixed123Case",
            "((!))",
            "--",
            "2024-05-01",
            "e-mail",
            "z",
        ];
        let mut buffer = String::new();
        for w in words {
            assert_eq!(ascii_shapes(w.as_bytes()), char_shapes(w, &mut buffer), "shapes of {w:?}");
            assert_eq!(ascii_affixes(w.as_bytes()), char_affixes(w), "affixes of {w:?}");
        }
    }
}
