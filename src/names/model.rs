//! The names model: quantized feature weights, label transitions and lexicons, with its binary format.
//!
//! Format (little-endian): magic `MRGNAMES`, `u32` format version, `u32` label count, `u32` hash bits,
//! `u32` stage count (1 or 2), then per stage: 127 `f32` weight levels (an `i8` weight `c` stands for
//! `sign(c) × levels[|c| - 1]`), `(labels + 1) × labels` `f32` transition scores (last row: sentence
//! start), the non-zero weight rows (`u32` row count, `u32` byte length of the LEB128 bucket deltas, the
//! deltas, `rows × labels` `i8` weights); then the lexicon (`u32` entry count, `u32` byte length of the entries'
//! text joined by `\n`, the text, the cluster columns as `u16`, the gazetteer bits as `u8`). Every length
//! is checked before slicing: a truncated or foreign file is an error, never a panic.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::decode::{chunks, masked, viterbi_into, Masked, N_LABELS};
use super::features::{extract, extract_grouped, label_features, letter_cases, with_document_labels, DocumentFeatures};
use super::hash::hash_str;
use super::lexicon::{
    front_coded, front_decoded_lines, prefetch, Entries, Lexicon, PhraseEntries, BLOCK, GAZ_CAPITAL, GAZ_COUNTRY,
    GAZ_FIRST, GAZ_LAST, GAZ_LOC, GAZ_ORG, N_CLUSTERINGS,
};
use crate::analysis::{Entity, Label, Sentence, Source, Token};
use crate::span::Span;
use crate::words::{lowercased, title_case_headline};

const MAGIC: &[u8; 8] = b"MRGNAMES";
/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 6;

/// How many times the second stage runs. It learns from the first stage's labels of the whole document;
/// a second pass over its own, better labels (the other mentions of a word, the longer names it is part
/// of) corrects more: validation F1 +0.11 on average over eight training seeds, at about an eighth of
/// the names stage's time.
const SECOND_STAGE_PASSES: usize = 2;
const N_LEVELS: usize = 127;
const MAX_BITS: u32 = 24;

/// Why model bytes could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModelError {
    /// The bytes do not start with the model magic.
    NotAModel,
    /// A model of another format version.
    Version(u32),
    /// The bytes end before the named section does.
    Truncated(&'static str),
    /// A value out of range, named.
    Invalid(&'static str),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not a names model (bad magic)"),
            ModelError::Version(v) => write!(f, "names model format {v}, this build reads {FORMAT_VERSION}"),
            ModelError::Truncated(what) => write!(f, "names model truncated in {what}"),
            ModelError::Invalid(what) => write!(f, "names model has an invalid {what}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// A trained names tagger: one or two stages of weights (the second sees the first one's labels of the
/// whole document) over one lexicon.
#[derive(Debug)]
pub struct Model {
    pub(crate) bits: u32,
    pub(crate) stages: Vec<Stage>,
    pub(crate) lexicon: Lexicon,
    /// Both stages' rows side by side, for two-stage models: built (not stored) by `prepare_for_long_texts`,
    /// which runs once the model has tagged `TABLES_AFTER_TOKENS` tokens. Until then each stage scores
    /// from its codes as stored; the sums are the same integers.
    joint: OnceLock<Option<Joint>>,
    /// Tokens tagged before `prepare_for_long_texts` ran.
    tagged: AtomicUsize,
    /// Whether `tag` runs the clean-up rules that add conventions of their own rather than mend the
    /// tagger's spans or retype its names by the training file's evidence: titles in quotes, names the
    /// tagger missed (platforms, websites, "US", time zones), online services, credit lines. Also the
    /// rules written after the shipped model was trained (teams by their verbs, media by their last
    /// word, events of recent years and places of events, names with numbers, organizations by their
    /// spelling, leaders' ranks), which its pseudo-labels did not pass through: with them there, the
    /// model would no longer reproduce. Always on but for self-training (`without_conventions`,
    /// `marginalia pseudo-label --no-conventions`).
    conventions: bool,
}

impl Clone for Model {
    fn clone(&self) -> Model {
        Model {
            bits: self.bits,
            stages: self.stages.clone(),
            lexicon: self.lexicon.clone(),
            joint: self.joint.clone(),
            tagged: AtomicUsize::new(self.tagged.load(Ordering::Relaxed)),
            conventions: self.conventions,
        }
    }
}

/// Tokens tagged before the joint rows and the lexicon's table of words are built: a short text (the
/// sample article has 555 tokens) never waits for them, and a long text or a batch soon has them.
const TABLES_AFTER_TOKENS: usize = 20_000;

/// The rows of a two-stage model's buckets with both stages' weights side by side. The second stage sees
/// every first-stage feature too, so one lookup per feature scores both: the second stage's sum is kept
/// and only its own (label) features are added once the first stage has decided. Integer sums, so the
/// scores are exactly those of the stages looked up one by one.
///
/// Fetching rows (about 40 per token, from a table of a few megabytes) is a large part of the tagger's
/// time, mostly waiting for memory. So a document's buckets are first turned into row positions
/// (`row_of`: no branch on whether a bucket has a row, an absent bucket reads row 0, which is all zeros),
/// and the sums then ask for each row well before adding it (`add`).
#[derive(Clone, Debug)]
struct Joint {
    /// Per 64 buckets: which have a row, and the position of the first of them in `heads` and `tails`.
    blocks: Vec<Block>,
    /// Row 0 is zeros (every absent bucket); then the stored rows in bucket order: a row's first
    /// `HEAD` weights here, the rest at the same position in `tails`.
    heads: Vec<Head>,
    tails: Vec<[i16; TAIL]>,
}

/// How many of a joint row's `2 * N_LABELS` weights are in its `Head`; the other `TAIL` are in
/// `Joint::tails`. Rows of 36 bytes laid end to end start anywhere in a 64-byte cache line and half of
/// them cross into the next line, which is a second wait for memory; a head of 32 bytes aligned to 32
/// never does, and the tails (4 bytes a row, a few hundred kilobytes) stay in cache. Padding whole rows
/// to 64 bytes instead would nearly double the table. Measured on `bench-names`: the tagger 6% faster.
const HEAD: usize = 16;
const TAIL: usize = 2 * N_LABELS - HEAD;

/// The first `HEAD` weights of a joint row, aligned so that it lies within one cache line.
#[derive(Clone, Copy, Debug)]
#[repr(C, align(32))]
struct Head([i16; HEAD]);

/// 64 buckets of a `Joint`: the bitset word and its running popcount side by side, one memory access.
#[derive(Clone, Copy, Debug)]
struct Block {
    nonzero: u64,
    first_row: u64,
}

impl Joint {
    fn new(first: &Stage, second: &Stage) -> Joint {
        let words = first.nonzero.len().max(second.nonzero.len());
        let n_rows = 1 + first.codes.len() / N_LABELS + second.codes.len() / N_LABELS;
        let mut blocks = Vec::with_capacity(words);
        let (mut heads, mut tails) = (Vec::with_capacity(n_rows), Vec::with_capacity(n_rows));
        heads.push(Head([0; HEAD]));
        tails.push([0; TAIL]);
        // Each stage's stored rows are in bucket order: walk both bitsets, taking a stage's next row where
        // its bit is set.
        let (mut first_rows, mut second_rows) =
            (first.codes.chunks_exact(N_LABELS), second.codes.chunks_exact(N_LABELS));
        for w in 0..words {
            let a = first.nonzero.get(w).copied().unwrap_or(0);
            let b = second.nonzero.get(w).copied().unwrap_or(0);
            let either = a | b;
            blocks.push(Block { nonzero: either, first_row: heads.len() as u64 });
            let mut bits = either;
            while bits != 0 {
                let bit = bits & bits.wrapping_neg();
                bits &= bits - 1;
                let mut row = [0i16; 2 * N_LABELS];
                if a & bit != 0 {
                    if let Some(r) = first_rows.next() {
                        row[..N_LABELS].copy_from_slice(&first.fixed_row(r));
                    }
                }
                if b & bit != 0 {
                    if let Some(r) = second_rows.next() {
                        row[N_LABELS..].copy_from_slice(&second.fixed_row(r));
                    }
                }
                heads.push(Head(std::array::from_fn(|l| row[l])));
                tails.push(std::array::from_fn(|l| row[HEAD + l]));
            }
        }
        Joint { blocks, heads, tails }
    }

    /// The row of a bucket: its position in `heads` and `tails`, 0 (zeros) when it has none or is out of range.
    #[inline]
    fn row_of(&self, id: u32) -> u32 {
        let id = id as usize;
        let Some(block) = self.blocks.get(id / 64) else { return 0 };
        let bit = 1u64 << (id % 64);
        let present = block.first_row + (block.nonzero & (bit - 1)).count_ones() as u64;
        // Selected without a branch (a conditional move): see the type's comment.
        (if block.nonzero & bit != 0 { present } else { 0 }) as u32
    }

    /// Buckets turned into their rows (`row_of` of each), in place: a document's buckets take about 50
    /// bytes a token, and the tagger needs only their rows once it has them.
    fn to_rows(&self, ids: &mut [u32]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("popcnt") {
            // SAFETY: the processor has the instruction the function is compiled for (checked just above).
            return unsafe { self.to_rows_popcnt(ids) };
        }
        ids.iter_mut().for_each(|id| *id = self.row_of(*id));
    }

    /// `to_rows` compiled with the `popcnt` instruction, which the x86-64 baseline does not assume (every
    /// x86-64 processor of the last 15 years has it); without it a count of bits takes a dozen instructions.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "popcnt")]
    unsafe fn to_rows_popcnt(&self, ids: &mut [u32]) {
        ids.iter_mut().for_each(|id| *id = self.row_of(*id));
    }

    /// `acc` plus both stages' rows `rows[range]`. Asks for the row `PREFETCH_AHEAD` positions further on
    /// while adding this one, so that many rows are on their way from memory at once.
    #[inline]
    fn add(&self, rows: &[u32], range: Range<usize>, mut acc: [i32; 2 * N_LABELS]) -> [i32; 2 * N_LABELS] {
        for k in range {
            if let Some(&ahead) = rows.get(k + PREFETCH_AHEAD) {
                if let (Some(head), Some(tail)) = (self.heads.get(ahead as usize), self.tails.get(ahead as usize)) {
                    prefetch(head);
                    prefetch(tail);
                }
            }
            let Some(&r) = rows.get(k) else { continue };
            if let (Some(Head(head)), Some(tail)) = (self.heads.get(r as usize), self.tails.get(r as usize)) {
                for l in 0..HEAD {
                    acc[l] += head[l] as i32;
                }
                for l in 0..TAIL {
                    acc[HEAD + l] += tail[l] as i32;
                }
            }
        }
        acc
    }
}

/// How far ahead (in rows) `Joint::add` asks for a row: far enough for a fetch to arrive in time, near
/// enough for it to stay in cache until used. Measured on `bench-names`: 40 to 64 do best, 12 clearly worse.
const PREFETCH_AHEAD: usize = 48;

/// A joint sum's two halves: the first stage's and the second's.
fn halves(sum: [i32; 2 * N_LABELS]) -> [[i32; N_LABELS]; 2] {
    [std::array::from_fn(|l| sum[l]), std::array::from_fn(|l| sum[N_LABELS + l])]
}

/// One perceptron's weights. Only non-zero rows are kept: a bitset over the buckets says which, and its
/// running popcount (`rank`) gives a row's position. The compact rows (about 1 MB) stay in cache far
/// better than a dense table.
#[derive(Clone, Debug)]
pub(crate) struct Stage {
    /// Magnitudes the weight codes `1..=127` stand for, increasing.
    levels: Vec<f32>,
    /// One bit per bucket: set when its row is stored.
    nonzero: Vec<u64>,
    /// Number of set bits in `nonzero` before each word.
    rank: Vec<u32>,
    /// Stored rows' weight codes (`i8` as bytes), `N_LABELS` per row, in bucket order: the shipped
    /// model's are borrowed from the bytes built into the program.
    codes: Cow<'static, [u8]>,
    /// The fixed-point value (a multiple of `unit`) of each code byte.
    fixed_of: [i16; 256],
    unit: f32,
    /// `(N_LABELS + 1) × N_LABELS`; the last row scores the first label of a sentence.
    transitions: Vec<f32>,
    /// `transitions` as Viterbi takes them (`decode::masked`).
    masked: Option<Masked>,
}

impl Stage {
    /// Quantizes float weights (`(1 << bits) × N_LABELS`) to `i8` codes: magnitudes up to `prune` become
    /// zero, the others the nearest of 127 levels spaced geometrically from the largest magnitude down
    /// to 1/4096 of it (about 3.4% relative error).
    pub(crate) fn quantize(weights: &[f32], prune: f32, transitions: Vec<f32>) -> Stage {
        let top = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let top = if top > 0.0 { top } else { 1.0 };
        let ratio = 4096f64.powf(1.0 / (N_LEVELS - 1) as f64);
        let levels: Vec<f32> =
            (0..N_LEVELS).map(|k| (top as f64 / ratio.powi((N_LEVELS - 1 - k) as i32)) as f32).collect();
        let prune = prune.max(levels[0] / 2.0);
        let code = |w: f32| -> i8 {
            let m = w.abs();
            if m <= prune {
                return 0;
            }
            let i = levels.partition_point(|&l| l < m).min(N_LEVELS - 1);
            let i = if i > 0 && (m - levels[i - 1]) < (levels[i] - m) { i - 1 } else { i };
            let c = (i + 1) as i8;
            if w < 0.0 {
                -c
            } else {
                c
            }
        };
        let n_buckets = weights.len() / N_LABELS;
        let mut nonzero = vec![0u64; n_buckets.div_ceil(64)];
        let mut codes = Vec::new();
        for r in 0..n_buckets {
            let row: Vec<u8> = weights[r * N_LABELS..(r + 1) * N_LABELS].iter().map(|&w| code(w) as u8).collect();
            if row.iter().any(|&c| c != 0) {
                nonzero[r / 64] |= 1 << (r % 64);
                codes.extend(row);
            }
        }
        Stage::new(levels, nonzero, Cow::Owned(codes), transitions)
    }

    /// A stage of the rows whose bits `nonzero` sets; `codes` holds `N_LABELS` per row.
    fn new(levels: Vec<f32>, nonzero: Vec<u64>, codes: Cow<'static, [u8]>, transitions: Vec<f32>) -> Stage {
        let top = levels.iter().fold(0f32, |m, l| m.max(l.abs()));
        let unit = if top > 0.0 { top / 32_000.0 } else { 1.0 };
        let table = table(&levels);
        let fixed_of: [i16; 256] = std::array::from_fn(|c| (table[c] / unit).round() as i16);
        let mut rank = Vec::with_capacity(nonzero.len());
        let mut count = 0u32;
        for word in &nonzero {
            rank.push(count);
            count += word.count_ones();
        }
        let masked = masked(&transitions);
        Stage { levels, nonzero, rank, codes, fixed_of, unit, transitions, masked }
    }

    /// Where the stored row of a bucket starts in `codes`.
    fn row(&self, id: usize) -> Option<usize> {
        let (word, before) = (*self.nonzero.get(id / 64)?, *self.rank.get(id / 64)?);
        let bit = 1u64 << (id % 64);
        if word & bit == 0 {
            return None;
        }
        let row = (before + (word & (bit - 1)).count_ones()) as usize * N_LABELS;
        (row + N_LABELS <= self.codes.len()).then_some(row)
    }

    /// The fixed-point values of the codes of the row starting at `row`.
    #[inline]
    fn fixed_row(&self, row: &[u8]) -> [i16; N_LABELS] {
        std::array::from_fn(|l| self.fixed_of[row[l] as usize])
    }

    /// Adds the rows of `ids` to a fixed-point sum.
    #[inline]
    fn add(&self, ids: &[u32], acc: &mut [i32; N_LABELS]) {
        for &id in ids {
            if let Some(row) = self.row(id as usize) {
                let w = self.fixed_row(&self.codes[row..row + N_LABELS]);
                for l in 0..N_LABELS {
                    acc[l] += w[l] as i32;
                }
            }
        }
    }

    /// The best label of every token, sentence by sentence, from this stage's fixed-point sums (its half
    /// of the joint rows' sums).
    fn decode_sums(&self, sums: &[[i32; N_LABELS]], sentences: &[Sentence]) -> Vec<u8> {
        let mut labels = vec![0u8; sums.len()];
        self.decode_sums_into(sums, sentences, &mut labels, |_| true);
        labels
    }

    /// `decode_sums` of the sentences whose token range `redo` accepts, into `labels` (of `sums`' length);
    /// the labels of the other sentences are left as they are.
    fn decode_sums_into(
        &self,
        sums: &[[i32; N_LABELS]],
        sentences: &[Sentence],
        labels: &mut [u8],
        redo: impl Fn(Range<usize>) -> bool,
    ) {
        let n_tokens = sums.len().min(labels.len());
        let mut emissions: Vec<[f32; N_LABELS]> = Vec::new();
        let mut back = Vec::new();
        for s in sentences {
            let range = s.tokens.start.min(n_tokens)..s.tokens.end.min(n_tokens);
            if !redo(range.clone()) {
                continue;
            }
            emissions.clear();
            emissions.extend(sums[range.clone()].iter().map(|acc| acc.map(|a| a as f32 * self.unit)));
            if let Some(masked) = &self.masked {
                viterbi_into(&emissions, masked, &mut back, &mut labels[range]);
            }
        }
    }

    /// The best label of every token, sentence by sentence.
    pub(crate) fn decode(&self, features: &DocumentFeatures, n_tokens: usize, sentences: &[Sentence]) -> Vec<u8> {
        let mut labels = vec![0u8; n_tokens];
        let mut emissions: Vec<[f32; N_LABELS]> = Vec::new();
        let mut back = Vec::new();
        for s in sentences {
            let range = s.tokens.start.min(n_tokens)..s.tokens.end.min(n_tokens);
            emissions.clear();
            emissions.extend(range.clone().map(|i| self.emission(features.token(i))));
            if let Some(masked) = &self.masked {
                viterbi_into(&emissions, masked, &mut back, &mut labels[range]);
            }
        }
        labels
    }

    #[inline]
    fn emission(&self, ids: &[u32]) -> [f32; N_LABELS] {
        let mut acc = [0i32; N_LABELS];
        self.add(ids, &mut acc);
        acc.map(|a| a as f32 * self.unit)
    }

    fn write(&self, out: &mut Vec<u8>) {
        for l in &self.levels {
            out.extend_from_slice(&l.to_le_bytes());
        }
        for t in &self.transitions {
            out.extend_from_slice(&t.to_le_bytes());
        }
        let rows: Vec<usize> =
            (0..self.nonzero.len() * 64).filter(|&r| self.nonzero[r / 64] & (1 << (r % 64)) != 0).collect();
        let mut deltas = Vec::new();
        let mut previous = 0usize;
        for &r in &rows {
            let mut d = (r - previous) as u32;
            previous = r;
            loop {
                let byte = (d & 0x7F) as u8;
                d >>= 7;
                if d == 0 {
                    deltas.push(byte);
                    break;
                }
                deltas.push(byte | 0x80);
            }
        }
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        out.extend_from_slice(&(deltas.len() as u32).to_le_bytes());
        out.extend_from_slice(&deltas);
        out.extend_from_slice(&self.codes);
    }

    fn read<'b>(
        r: &mut Reader<'b>,
        bits: u32,
        keep: &impl Fn(&'b [u8]) -> Cow<'static, [u8]>,
    ) -> Result<Stage, ModelError> {
        let mut levels = Vec::with_capacity(N_LEVELS);
        for _ in 0..N_LEVELS {
            let l = r.f32("levels")?;
            if !l.is_finite() {
                return Err(ModelError::Invalid("weight level"));
            }
            levels.push(l);
        }
        let mut transitions = Vec::with_capacity((N_LABELS + 1) * N_LABELS);
        for _ in 0..(N_LABELS + 1) * N_LABELS {
            let t = r.f32("transitions")?;
            if t.is_nan() {
                return Err(ModelError::Invalid("transition score"));
            }
            transitions.push(t);
        }
        let n_buckets = 1usize << bits;
        let n_rows = r.u32("weights")? as usize;
        let delta_len = r.u32("weights")? as usize;
        let deltas = r.take(delta_len, "weights")?;
        let codes = r.take(n_rows.checked_mul(N_LABELS).ok_or(ModelError::Invalid("row count"))?, "weights")?;
        let mut nonzero = vec![0u64; n_buckets.div_ceil(64)];
        let (mut row, mut d, mut shift, mut count) = (0usize, 0usize, 0u32, 0usize);
        for &byte in deltas {
            if shift > 28 {
                return Err(ModelError::Invalid("row index"));
            }
            d |= ((byte & 0x7F) as usize) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                if d == 0 && count > 0 {
                    return Err(ModelError::Invalid("row index (repeated)"));
                }
                row += d;
                if row >= n_buckets || count >= n_rows {
                    return Err(ModelError::Invalid("row index"));
                }
                nonzero[row / 64] |= 1 << (row % 64);
                count += 1;
                d = 0;
                shift = 0;
            }
        }
        if count != n_rows || shift != 0 {
            return Err(ModelError::Invalid("row count"));
        }
        Ok(Stage::new(levels, nonzero, keep(codes), transitions))
    }
}

impl Model {
    pub(crate) fn from_stages(bits: u32, stages: Vec<Stage>, lexicon: Lexicon) -> Model {
        Model { bits, stages, lexicon, joint: OnceLock::new(), tagged: AtomicUsize::new(0), conventions: true }
    }

    /// Builds now what the model otherwise builds once it has tagged a few thousand tokens (the joint
    /// rows, the lexicon's table of words): for a thread about to analyze long texts.
    pub fn prepare_for_long_texts(&self) {
        self.prepare_joint_rows();
        self.lexicon.prepare_words_table();
    }

    /// The joint rows of `prepare_for_long_texts` alone.
    pub fn prepare_joint_rows(&self) {
        self.joint_rows();
    }

    /// The joint rows of a two-stage model, built if need be.
    fn joint_rows(&self) -> Option<&Joint> {
        self.joint
            .get_or_init(|| match self.stages.as_slice() {
                [first, second] => Some(Joint::new(first, second)),
                _ => None,
            })
            .as_ref()
    }

    /// The joint rows for tagging a document of `n_tokens`, with the lexicon's table of words: both built
    /// once `TABLES_AFTER_TOKENS` have been tagged, counting this document.
    fn joint_for(&self, n_tokens: usize) -> Option<&Joint> {
        if let Some(joint) = self.joint.get() {
            return joint.as_ref();
        }
        if self.tagged.fetch_add(n_tokens, Ordering::Relaxed) + n_tokens >= TABLES_AFTER_TOKENS {
            self.prepare_for_long_texts();
            return self.joint_rows();
        }
        None
    }

    /// Tags one document (the pipeline's tokens and sentences of `text`).
    pub fn tag(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Entity> {
        self.names_of_labels(text, tokens, sentences, &self.labels(text, tokens, sentences))
    }

    /// The names of a document whose tokens have the BIO `labels` (`labels`): the tagger's chunks after
    /// the clean-up rules. Public so that `bench-names` can time the rules alone.
    pub fn names_of_labels(&self, text: &str, tokens: &[Token], sentences: &[Sentence], labels: &[u8]) -> Vec<Entity> {
        // In a text with capital letters, a name does not end in a word written all in lowercase ("the
        // ruling Otan party"): that word is the tagger's overreach, not part of the name.
        let (has_upper, has_lower) = letter_cases(text);
        let mixed_case = has_upper && has_lower;
        // Each token's sentence (its token range), for `without_article` and `with_abbreviation_period`.
        let mut sentence_of = vec![0..0; tokens.len()];
        for sentence in sentences {
            for of in sentence_of.get_mut(sentence.tokens.clone()).into_iter().flatten() {
                *of = sentence.tokens.clone();
            }
        }
        let names: Vec<(Range<usize>, Label)> = chunks(labels)
            .into_iter()
            .filter_map(|(range, label)| {
                let range = without_instrument_codes(text, tokens, range)?;
                let range = without_loose_marks(text, tokens, range)?;
                let range = if mixed_case { without_lowercase_end(text, tokens, range)? } else { range };
                let range = without_shares_of(text, tokens, range)?;
                let range = without_title(text, tokens, range)?;
                let range = without_article(text, tokens, &sentence_of, range)?;
                let range = with_abbreviation_period(text, tokens, &sentence_of, range);
                Some((without_title_at_end(text, tokens, range)?, label))
            })
            .collect();
        let names = without_roles(text, tokens, names);
        let is_common = |w: &str| lowercased(w, |lower| self.lexicon.word(lower, hash_str(lower)).0.common);
        let names = joined_across_of(text, tokens, names, is_common);
        let names = joined_after_institutions(text, tokens, &sentence_of, names, self.conventions);
        let names = if mixed_case && self.conventions {
            joined_across_and(text, tokens, &sentence_of, names, is_common)
        } else {
            names
        };
        let names = if mixed_case && self.conventions {
            fields_joined_across_and(text, tokens, &sentence_of, names, is_common)
        } else {
            names
        };
        let names = if mixed_case && self.conventions {
            bodies_before_their_names(text, tokens, &sentence_of, names)
        } else {
            names
        };
        let names = if mixed_case { with_codes(text, tokens, &sentence_of, names, is_common) } else { names };
        let names = recent_conventions(text, tokens, &sentence_of, names, is_common);
        let names =
            if self.conventions { with_missed_names(text, tokens, &sentence_of, names, is_common) } else { names };
        let names =
            if mixed_case && self.conventions { titles_of_works(text, tokens, &sentence_of, names) } else { names };
        // Whether a name's words, lowercased, are an entry of one of the lexicon's lists.
        // The lexicon's lists that hold a name's words as one entry (`GAZ_ORG`, `GAZ_LOC`, …).
        let gazetteers = |range: Range<usize>| {
            if range.len() == 1 {
                return lowercased(word_at(text, tokens, range.start), |w| self.lexicon.word(w, hash_str(w)).1);
            }
            let lower: Vec<String> = range.map(|i| word_at(text, tokens, i).to_lowercase()).collect();
            self.lexicon.phrase_of(&lower)
        };
        let listed = |range: Range<usize>, list: u8| gazetteers(range) & list != 0;
        let is_company = |range: Range<usize>| listed(range, GAZ_ORG);
        let names = companies_are_organizations(text, tokens, names, is_company);
        let names = people_after_roles(text, tokens, names);
        let names = surnames_are_people(text, tokens, names, self.conventions);
        let names = typed_by_last_word(text, tokens, names);
        let names = if self.conventions { after_self_training(text, tokens, names) } else { names };
        let names =
            if self.conventions { companies_before_legal_forms(text, tokens, &sentence_of, names) } else { names };
        let names = if self.conventions { units_are_organizations(text, tokens, names) } else { names };
        let names = if self.conventions { datelines_are_places(text, tokens, names) } else { names };
        let names = if mixed_case && self.conventions { people_after_titles(text, tokens, names) } else { names };
        let names = if self.conventions { without_judges_titles(text, tokens, names) } else { names };
        let names =
            if mixed_case && self.conventions { apart_at_acronyms_possessives(text, tokens, names) } else { names };
        let names = if mixed_case && self.conventions {
            joined_by_ampersands(text, tokens, &sentence_of, names)
        } else {
            names
        };
        let is_country = |range: Range<usize>| listed(range, GAZ_COUNTRY);
        let is_place = |range: Range<usize>| listed(range, GAZ_LOC | GAZ_COUNTRY | GAZ_CAPITAL);
        let names = if mixed_case { places_before_acronyms(text, tokens, names, is_place) } else { names };
        let names = if mixed_case && self.conventions { diseases(text, tokens, names, is_place) } else { names };
        let names = if mixed_case && self.conventions { publications(text, tokens, names, is_place) } else { names };
        let names = if mixed_case && self.conventions { planets(text, tokens, &sentence_of, names) } else { names };
        let names = if mixed_case && self.conventions { storms(text, tokens, names) } else { names };
        let names = if mixed_case && self.conventions { names_with_state(text, tokens, names) } else { names };
        let names = if mixed_case && self.conventions { stations_with_numbers(text, tokens, names) } else { names };
        let names =
            if mixed_case && self.conventions { without_portfolios(text, tokens, names, is_common) } else { names };
        let names = if self.conventions { listed_companies(text, tokens, names, gazetteers) } else { names };
        let names = if mixed_case { products_with_numbers(text, tokens, names, self.conventions) } else { names };
        let names = companies_by_their_shares(text, tokens, names);
        let names = if mixed_case { teams_by_their_place(text, tokens, names, is_country) } else { names };
        let names =
            if mixed_case && self.conventions { teams_before_players(text, tokens, names, is_country) } else { names };
        let names = if mixed_case && self.conventions { places_of_agreements(text, tokens, names) } else { names };
        let names = if mixed_case && self.conventions { teams_by_their_verbs(text, tokens, names) } else { names };
        let names = if mixed_case && self.conventions { teams_by_their_places(text, tokens, names) } else { names };
        let names = if mixed_case && self.conventions { agencies_of_credit_lines(text, tokens, names) } else { names };
        let names = if mixed_case && self.conventions {
            let names = without_common_acronyms(text, tokens, without_rank_marks(text, tokens, names));
            let names = leagues_of_causes(text, tokens, laws_by_their_acronyms(text, tokens, names));
            let names = possessors_of_people(text, tokens, names, is_country);
            let names = ranked_teams(text, tokens, names, is_country);
            let names = organizations_after_their_kind(text, tokens, names, is_country);
            let names = publications_of_today(text, tokens, &sentence_of, names);
            teams_with_numbers(text, tokens, names)
        } else {
            names
        };
        let names = with_armed_groups(text, tokens, names);
        let names = with_stock_indices(text, tokens, names);
        let names = if self.conventions { without_times_of_day(text, tokens, names) } else { names };
        let names = if self.conventions { without_ampersand_words(text, tokens, names) } else { names };
        let names = if mixed_case && self.conventions {
            products_with_their_words(text, tokens, &sentence_of, names)
        } else {
            names
        };
        let names = if mixed_case && self.conventions {
            with_first_names(text, tokens, &sentence_of, names, is_common, is_place)
        } else {
            names
        };
        let names = if mixed_case && self.conventions {
            without_lowercase_start(text, tokens, names, is_common)
        } else {
            names
        };
        let names = if self.conventions { without_party_codes(text, tokens, names) } else { names };
        let names = if mixed_case && self.conventions { people_in_credit_lines(text, tokens, names) } else { names };
        let names =
            if mixed_case && self.conventions { with_apostrophe_first_names(text, tokens, names) } else { names };
        let names = if mixed_case && self.conventions { one_type_per_document(text, tokens, names) } else { names };
        let names =
            if mixed_case && self.conventions { with_other_mentions(text, tokens, names, is_common) } else { names };
        let entities = names
            .into_iter()
            .filter_map(|(range, label)| {
                // Again after the rules, which may have found a name in a code (".FTSE").
                entity_of(tokens, without_instrument_codes(text, tokens, range)?, label)
            })
            .collect();
        if self.conventions {
            with_credit_lines(text, entities)
        } else {
            entities
        }
    }

    /// How many feature buckets the tagger reads for a document (its grouped extraction, the word-level
    /// groups counted once). Public so that `bench-names` can time the features' extraction alone.
    pub fn feature_buckets(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> usize {
        let (features, groups) = extract_grouped(text, tokens, sentences, &self.lexicon, self.bits);
        features.ids.len() + groups.ids.len()
    }

    /// This model with `tag` leaving out the clean-up rules that add conventions of their own (see the
    /// field `conventions`), for pseudo-labels that teach a new model only what the training file backs.
    pub fn without_conventions(mut self) -> Model {
        self.conventions = false;
        self
    }

    /// The tagger's names alone, without the clean-up rules of `tag` (for self-training experiments):
    /// its chunks, less marks standing apart at either end.
    pub fn tag_without_rules(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Entity> {
        let labels = self.labels(text, tokens, sentences);
        chunks(&labels)
            .into_iter()
            .filter_map(|(range, label)| entity_of(tokens, without_loose_marks(text, tokens, range)?, label))
            .collect()
    }

    /// The BIO label of every token after the last stage. A later stage runs `SECOND_STAGE_PASSES` times,
    /// each pass reading the document's labels from the one before.
    pub fn labels(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<u8> {
        if let (Some(joint), [first, second]) = (self.joint_for(tokens.len()), self.stages.as_slice()) {
            let (mut features, mut groups) = extract_grouped(text, tokens, sentences, &self.lexicon, self.bits);
            let n = tokens.len().min(features.offsets.len().saturating_sub(1)).min(groups.of_token.len());
            let token_range = |offsets: &[u32], i: usize| match (offsets.get(i), offsets.get(i + 1)) {
                (Some(&start), Some(&end)) => start as usize..end as usize,
                _ => 0..0,
            };
            // Word-level buckets, the token's own and its neighbours', are summed once per group (a word
            // type in one role, `Groups`), then each token adds its five groups' sums and its own rows.
            // Every needed bucket's row first, in one pass over the small bitset, so that the sums below
            // only fetch rows (and can ask for them ahead). From here on `ids` hold rows.
            joint.to_rows(&mut groups.ids);
            let group_sums: Vec<[i32; 2 * N_LABELS]> =
                (0..groups.len()).map(|g| joint.add(&groups.ids, groups.range(g), [0; 2 * N_LABELS])).collect();
            joint.to_rows(&mut features.ids);
            // Each token's sums as the two stages' halves: the first stage's are dropped once it has decoded.
            let (mut first_sums, mut sums) = (Vec::with_capacity(n), Vec::with_capacity(n));
            for i in 0..n {
                let mut acc = [0; 2 * N_LABELS];
                for &g in &groups.of_token[i] {
                    if let Some(sum) = group_sums.get(g as usize) {
                        for l in 0..2 * N_LABELS {
                            acc[l] += sum[l];
                        }
                    }
                }
                let [own, second_half] = halves(joint.add(&features.ids, token_range(&features.offsets, i), acc));
                first_sums.push(own);
                sums.push(second_half);
            }
            // What the passes below do not need goes now: a long document's groups and buckets take
            // megabytes.
            drop((group_sums, groups));
            (features.ids, features.offsets) = (Vec::new(), Vec::new());
            let mut labels = first.decode_sums(&first_sums, sentences);
            drop(first_sums);
            // The second stage's own features. Its sums are the second half of the joint rows, so the same
            // rows serve (their first half is not needed). A pass is a function of the labels it reads: once
            // one gives back the labels it was given, every later pass would too.
            let plus = |rows: &[u32], range: Range<usize>, sum: &[i32; N_LABELS]| {
                halves(joint.add(
                    rows,
                    range,
                    std::array::from_fn(|l| if l < N_LABELS { 0 } else { sum[l - N_LABELS] }),
                ))[1]
            };
            let mut before: Option<(DocumentFeatures, Vec<[i32; N_LABELS]>)> = None;
            for _ in 0..SECOND_STAGE_PASSES {
                let mut extra = label_features(&features, &labels, self.bits);
                joint.to_rows(&mut extra.ids);
                let (with_labels, next) = match before {
                    None => {
                        let with_labels: Vec<_> = sums
                            .iter()
                            .enumerate()
                            .map(|(i, sum)| plus(&extra.ids, token_range(&extra.offsets, i), sum))
                            .collect();
                        let next = second.decode_sums(&with_labels, sentences);
                        (with_labels, next)
                    }
                    // A later pass: a token whose own rows are those of the pass before has the same sum,
                    // and a sentence of such tokens the same labels, which `labels` holds (the pass before
                    // gave them). Only the other tokens are summed, and their sentences decoded, again: a
                    // few in a hundred.
                    Some((previous, mut with_labels)) => {
                        let mut changed = vec![false; with_labels.len()];
                        for (i, (sum, changed)) in with_labels.iter_mut().zip(&mut changed).enumerate() {
                            let rows = extra.token(i);
                            if rows != previous.token(i) {
                                *changed = true;
                                if let Some(base) = sums.get(i) {
                                    *sum = plus(rows, 0..rows.len(), base);
                                }
                            }
                        }
                        let mut next = labels.clone();
                        second.decode_sums_into(&with_labels, sentences, &mut next, |range| {
                            changed.get(range).is_some_and(|c| c.contains(&true))
                        });
                        (with_labels, next)
                    }
                };
                if next == labels {
                    break;
                }
                labels = next;
                before = Some((extra, with_labels));
            }
            return labels;
        }
        let features = extract(text, tokens, sentences, &self.lexicon, self.bits);
        let mut labels = vec![0u8; tokens.len()];
        for (k, stage) in self.stages.iter().enumerate() {
            if k == 0 {
                labels = stage.decode(&features, tokens.len(), sentences);
                continue;
            }
            for _ in 0..SECOND_STAGE_PASSES {
                let next = stage.decode(&with_document_labels(&features, &labels, self.bits), tokens.len(), sentences);
                if next == labels {
                    break;
                }
                labels = next;
            }
        }
        labels
    }

    /// The model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.stages.len() as u32).to_le_bytes());
        for stage in &self.stages {
            stage.write(&mut out);
        }
        let entries = &self.lexicon.entries;
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        out.extend_from_slice(&(entries.text_len as u32).to_le_bytes());
        out.extend_from_slice(&(entries.coded.len() as u32).to_le_bytes());
        out.extend_from_slice(&entries.coded);
        out.extend_from_slice(&entries.blocks);
        out.extend_from_slice(&entries.clusters);
        out.extend_from_slice(&entries.gazetteers);
        let phrases = &self.lexicon.phrase_entries;
        let (coded, _) = front_coded(&phrases.text, phrases.gazetteers.len());
        out.extend_from_slice(&(phrases.gazetteers.len() as u32).to_le_bytes());
        out.extend_from_slice(&(phrases.text.len() as u32).to_le_bytes());
        out.extend_from_slice(&(coded.len() as u32).to_le_bytes());
        out.extend_from_slice(&coded);
        out.extend_from_slice(&phrases.gazetteers);
        out
    }

    /// Reads a model file. Errors (never panics) on a truncated, foreign or other-version file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        Model::read(bytes, |b| Cow::Owned(b.to_vec()), true)
    }

    /// `from_bytes` of a file that lives as long as the program (built into it): the weights and the
    /// lexicon's columns and texts are then borrowed, not copied, and its texts are not decoded.
    pub fn from_static_bytes(bytes: &'static [u8]) -> Result<Model, ModelError> {
        Model::read(bytes, Cow::Borrowed, false)
    }

    /// `from_bytes`, keeping the weights and the lexicon's columns with `keep`; `check_texts`: decode the
    /// lexicon's texts to check them (a file not built into the program).
    fn read<'b>(
        bytes: &'b [u8],
        keep: impl Fn(&'b [u8]) -> Cow<'static, [u8]>,
        check_texts: bool,
    ) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(MAGIC.len(), "header").map_err(|_| ModelError::NotAModel)? != MAGIC {
            return Err(ModelError::NotAModel);
        }
        let version = r.u32("header")?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Version(version));
        }
        if r.u32("header")? as usize != N_LABELS {
            return Err(ModelError::Invalid("label count"));
        }
        let bits = r.u32("header")?;
        if !(8..=MAX_BITS).contains(&bits) {
            return Err(ModelError::Invalid("hash size"));
        }
        let n_stages = r.u32("header")? as usize;
        if !(1..=2).contains(&n_stages) {
            return Err(ModelError::Invalid("stage count"));
        }
        let mut stages = Vec::with_capacity(n_stages);
        for _ in 0..n_stages {
            stages.push(Stage::read(&mut r, bits, &keep)?);
        }
        let n_entries = r.u32("lexicon")? as usize;
        let text_len = r.u32("lexicon")? as usize;
        let coded_len = r.u32("lexicon")? as usize;
        let coded = r.take(coded_len, "lexicon")?;
        let blocks = r.take(4 * n_entries.div_ceil(BLOCK), "lexicon")?;
        let columns = r.take(
            n_entries.checked_mul(2 * N_CLUSTERINGS).ok_or(ModelError::Invalid("lexicon entry count"))?,
            "lexicon",
        )?;
        let gazetteers = r.take(n_entries, "lexicon")?;
        let n_phrases = r.u32("lexicon phrases")? as usize;
        let phrases_len = r.u32("lexicon phrases")? as usize;
        let phrases_coded_len = r.u32("lexicon phrases")? as usize;
        let phrases = front_decoded_lines(r.take(phrases_coded_len, "lexicon phrases")?, n_phrases, phrases_len)
            .ok_or(ModelError::Invalid("lexicon phrases"))?;
        let phrase_gazetteers = r.take(n_phrases, "lexicon phrases")?;
        if r.pos != bytes.len() {
            return Err(ModelError::Invalid("length (trailing bytes)"));
        }
        // A file from elsewhere has its texts decoded and checked now; the shipped model's are checked by a
        // test. Either way they are decoded again, one at a time, only if the words table is built
        // (`Lexicon::prepare_words_table`).
        if check_texts {
            let decoded = front_decoded_lines(coded, n_entries, text_len).ok_or(ModelError::Invalid("lexicon text"))?;
            let stored = blocks.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            if !decoded.increasing || !decoded.blocks.iter().copied().eq(stored) {
                return Err(ModelError::Invalid("lexicon order"));
            }
        }
        let entries = Entries::stored(keep(coded), keep(blocks), text_len, keep(columns), keep(gazetteers));
        let phrase_entries = PhraseEntries { text: phrases.text, gazetteers: keep(phrase_gazetteers) };
        let lexicon = Lexicon::from_parts(entries, phrase_entries).ok_or(ModelError::Invalid("lexicon blocks"))?;
        Ok(Model::from_stages(bits, stages, lexicon))
    }
}

/// The value of every code byte: `c` in `1..=127` is `levels[c - 1]`, `-c` its negation, 0 (and -128) zero.
fn table(levels: &[f32]) -> [f32; 256] {
    let mut table = [0f32; 256];
    for (k, &l) in levels.iter().take(N_LEVELS).enumerate() {
        let c = (k + 1) as i8;
        table[c as u8 as usize] = l;
        table[(-c) as u8 as usize] = -l;
    }
    table
}

/// Bounds-checked reading of the model bytes.
struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'b [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated(what))?;
        let slice = self.bytes.get(self.pos..end).ok_or(ModelError::Truncated(what))?;
        self.pos = end;
        Ok(slice)
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, ModelError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self, what: &'static str) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32(what)?))
    }
}

/// A name's token range without the words at its end that have lowercase letters and no capital (words
/// of scripts without case, such as Chinese, are left alone), and stand apart from the token before
/// them; `None` when nothing else is left.
fn without_lowercase_end(text: &str, tokens: &[Token], mut range: Range<usize>) -> Option<Range<usize>> {
    let lowercase = |i: usize| {
        let w = word_at(text, tokens, i);
        w.chars().any(char::is_lowercase) && !w.chars().any(char::is_uppercase)
    };
    // Only whole words: "-led" of "U.S.-led" is glued to the capital letters before it.
    while range.end > range.start && lowercase(range.end - 1) && apart(tokens, range.end - 1) {
        range.end -= 1;
    }
    (range.end > range.start).then_some(range)
}

/// Courtesy titles and abbreviated ranks, lowercased: CoNLL names leave them out ("Mr. Smith" → "Smith").
/// The first four are titles also when written without a period (British style: "Ms Smith").
const TITLES: [&str; 19] = [
    "mr", "mrs", "ms", "dr", "mx", "messrs", "mme", "mlle", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt",
    "sgt", "rev", "hon",
];

/// Whether `w` is written as a title is: a capital letter, then none ("Sen", not "SEN" nor "sen").
fn title_case(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && !w.chars().skip(1).any(char::is_uppercase)
}

/// Whether `w` is a courtesy title or an abbreviated rank (`TITLES`), in any case.
fn is_title(w: &str) -> bool {
    TITLES.iter().any(|t| w.eq_ignore_ascii_case(t))
}

/// Whether `w` ends as adjectives and nationalities do ("-ic", "-an", "-ish", "-ese", "-ch": "Olympic",
/// "Russian", "French").
fn adjective_ending(w: &str) -> bool {
    ["ic", "an", "ish", "ese", "ch"].iter().any(|end| w.ends_with(end))
}

/// Whether `w` is an ASCII capital followed by ASCII lowercase letters only, none at all included ("Senate",
/// "A"; not "McCain", "UK" or "État").
fn ascii_title_case(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_uppercase()) && w.bytes().skip(1).all(|b| b.is_ascii_lowercase())
}

/// Whether `w` is a capitalized word in ASCII: a capital, then two lowercase letters or more ("Gennifer",
/// "Developer"; not "GM", "Mo" or "McCain").
fn capitalized_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.as_str().len() >= 2
        && chars.all(|c| c.is_ascii_lowercase())
}

/// Whether `w` is a year in digits, 1900 to 2099.
fn year(w: &str) -> bool {
    w.len() == 4 && (1900..2100).contains(&w.parse::<u32>().unwrap_or(0))
}

/// A name's token range without a courtesy title or abbreviated rank at its start ("Ms. Smith" →
/// "Smith"); `None` when the name is only that ("Ms.").
fn without_title(text: &str, tokens: &[Token], mut range: Range<usize>) -> Option<Range<usize>> {
    let first = word_at(text, tokens, range.start);
    let Some(at) = TITLES.iter().position(|t| first.eq_ignore_ascii_case(t)) else { return Some(range) };
    let period = word_at(text, tokens, range.start + 1) == "." && !apart(tokens, range.start + 1);
    if !(period || at < 4) || !title_case(first) {
        return Some(range);
    }
    range.start += 1 + period as usize;
    (range.end > range.start).then_some(range)
}

/// A name's token range without the market words and preposition the tagger sometimes takes in at its
/// start: "Shares of Apple Inc" → "Apple Inc" (the training file never begins a name with "Shares of",
/// "Shares in", "Stake in" or "Stocks of": O 10 times of 10, six of them before a name). `None` when
/// nothing is left after them.
fn without_shares_of(text: &str, tokens: &[Token], mut range: Range<usize>) -> Option<Range<usize>> {
    let first = word_at(text, tokens, range.start);
    let preposition = word_at(text, tokens, range.start + 1);
    if ["Shares", "Share", "Stake", "Stocks"].contains(&first) && ["of", "in"].contains(&preposition) && range.len() > 2
    {
        range.start += 2;
    }
    (range.end > range.start).then_some(range)
}

/// Whether token `i` begins a Reuters Instrument Code, the machine code of a stock or an index that
/// market reports write after its name, and the length of the code in tokens: an index's code, a period
/// set off before it and glued to capitals and digits (".SPX", ".DJI", ".N225", ".STOXX"), or a stock's,
/// its ticker and a period and the exchange's one or two capitals ("AAPL.O", "BA.N", "VOWG_p.DE"). Like
/// the codes in parentheses, which the tagger leaves out, they are no names; the 1996 text has none.
fn instrument_code_at(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let w = word_at(text, tokens, i);
    if w == "." {
        let code = word_at(text, tokens, i + 1);
        let index = (2..=15).contains(&code.len())
            && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && code.bytes().any(|b| b.is_ascii_uppercase())
            && (apart(tokens, i) || word_at(text, tokens, i.wrapping_sub(1)) == "(")
            && !apart(tokens, i + 1);
        return index.then_some(2);
    }
    // The cheap test first: this runs on every token of every name. An exchange's code is one or two
    // letters after the last period.
    let b = w.as_bytes();
    if b.len() < 4 || (b[b.len() - 2] != b'.' && b[b.len() - 3] != b'.') {
        return None;
    }
    let (ticker, exchange) = w.rsplit_once('.')?;
    let stock = (1..=2).contains(&exchange.len())
        && exchange.bytes().all(|b| b.is_ascii_uppercase())
        && (2..=10).contains(&ticker.len())
        && ticker.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
        && ticker.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && ticker.bytes().filter(|b| b.is_ascii_uppercase() || b.is_ascii_digit()).count() >= 2;
    stock.then_some(1)
}

/// A name's token range without a Reuters Instrument Code (`instrument_code_at`) or what follows it:
/// "Nikkei .N225" → "Nikkei", "Zoom Video Communications Inc ZM.O" → "Zoom Video Communications Inc";
/// a name that begins with one keeps what follows it, and `None` when nothing is left (".SPX").
fn without_instrument_codes(text: &str, tokens: &[Token], mut range: Range<usize>) -> Option<Range<usize>> {
    // The period of an index's code may stand just before the name's first token.
    if let Some(n) = range.start.checked_sub(1).and_then(|i| instrument_code_at(text, tokens, i)) {
        range.start = (range.start - 1 + n).min(range.end);
    }
    let mut i = range.start;
    while i < range.end {
        if let Some(n) = instrument_code_at(text, tokens, i) {
            if i == range.start {
                range.start = (i + n).min(range.end);
            } else {
                range.end = i;
                break;
            }
            i += n;
        } else {
            i += 1;
        }
    }
    (range.end > range.start).then_some(range)
}

/// Words that come before an abbreviated rank as part of it ("Staff Sgt.", "Rear Adm."), lowercased.
const RANK_MODIFIERS: [&str; 5] = ["first", "master", "rear", "staff", "vice"];

/// A name's token range without courtesy titles or abbreviated ranks (`TITLES`, with their period) at its
/// end, nor the words of a rank before them: "Texas Sen." → "Texas" (before "Ted Cruz"), "Air Force
/// Staff Sgt." → "Air Force". Such a title stands before a person's name, never at the end of one: in the
/// training file none of 25 capitalized titles before a capitalized word ends a name, while AP-style
/// news writes "Florida Gov. Rick Scott" and the tagger takes the state and the title as one name.
/// `None` when nothing else is left ("Staff Sgt.").
fn without_title_at_end(text: &str, tokens: &[Token], mut range: Range<usize>) -> Option<Range<usize>> {
    let written_title = |w: &str| is_title(w) && title_case(w);
    let glued_period = |i: usize| word_at(text, tokens, i) == "." && !apart(tokens, i);
    loop {
        let last = range.end.checked_sub(1).filter(|&l| l >= range.start)?;
        let (title, period) =
            if glued_period(last) && last > range.start { (last - 1, true) } else { (last, glued_period(last + 1)) };
        if !period || !written_title(word_at(text, tokens, title)) {
            break;
        }
        range.end = title;
        while range.end > range.start
            && RANK_MODIFIERS.iter().any(|m| word_at(text, tokens, range.end - 1).eq_ignore_ascii_case(m))
        {
            range.end -= 1;
        }
    }
    (range.end > range.start).then_some(range)
}

/// A name's token range without a "the" at its start: written in lowercase it is never part of a name,
/// and capitalized at a sentence's start it is not either in 97% of CoNLL-2003's training sentences
/// ("The Commerce Department said" → "Commerce Department"; "The Netherlands" is the exception).
/// `sentence_of[i]`: token `i`'s sentence. `None` when nothing else is left.
fn without_article(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    mut range: Range<usize>,
) -> Option<Range<usize>> {
    let first = word_at(text, tokens, range.start);
    if first == "the" || (first == "The" && sentence_of.get(range.start).is_some_and(|s| s.start == range.start)) {
        range.start += 1;
    }
    (range.end > range.start).then_some(range)
}

/// A name's token range with the period glued to its last word when that period does not end the
/// sentence: it is the word's own, an abbreviation's ("Mercantile Bancorp Inc., a bank", "John Smith
/// Jr. said"). At the sentence's end (closing quotes and brackets aside) the period is the sentence's,
/// and is taken off a name the tagger gave it, unless the word is an abbreviation that keeps its period
/// there too ("… shares of Acme Corp."). `sentence_of[i]` is token `i`'s sentence.
fn with_abbreviation_period(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    range: Range<usize>,
) -> Range<usize> {
    let closing = |i: usize| word_at(text, tokens, i).chars().all(|c| "\"'”’»)]}".contains(c));
    let ends_sentence = |period: usize| sentence_of.get(period).is_none_or(|s| (period + 1..s.end).all(closing));
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphabetic() || c == '.');
    let glued_period = |i: usize| word_at(text, tokens, i) == "." && !apart(tokens, i);
    if let Some(last) = range.end.checked_sub(1).filter(|&l| l > range.start) {
        let word = word_at(text, tokens, last - 1);
        let abbreviation = word.contains('.') || ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a));
        if glued_period(last) && ends_sentence(last) && is_word(word) && !abbreviation {
            return range.start..last;
        }
    }
    let next = range.end;
    let last_word = word_at(text, tokens, next.saturating_sub(1));
    if glued_period(next) && is_word(last_word) && !ends_sentence(next) {
        range.start..next + 1
    } else {
        range
    }
}

/// Words that name a kind of body and open its name before "for" or "of" ("Centers for Disease Control",
/// "Bank of England"), besides `INSTITUTIONS` (`is_body_word`).
const MORE_BODY_WORDS: [&str; 22] = [
    "Academy",
    "Administration",
    "Alliance",
    "Bank",
    "Centers",
    "Centres",
    "Chamber",
    "Coalition",
    "College",
    "Conference",
    "Court",
    "Directorate",
    "Forum",
    "Institutes",
    "League",
    "Ministry",
    "Movement",
    "Party",
    "School",
    "Secretariat",
    "Service",
    "University",
];

/// Whether `w` names a kind of body that opens its name before "for" or "of".
fn is_body_word(w: &str) -> bool {
    INSTITUTIONS.contains(&w) || MORE_BODY_WORDS.contains(&w)
}

/// A body's word (`is_body_word`) the tagger left out right before "for" or "of" and the organization or
/// place it found after it ("Centers" + "for" + ORG "Disease Control and Prevention", "Bank" + "of" + LOC
/// "England") opens the organization's name (ORG), with the capitalized words the tagger left out before
/// it in its sentence and a nationality's or an organization's name right before those ("Turkish Cultural
/// Center of New York"). In the training file such a word before "for", "of" or "on" and a name is inside the name
/// 81 times (ORG, or MISC for "Conference on Disarmament"), after other words of it 38 of them ("Royal
/// College of Physicians", "Bosnian Association for Refugees"), and outside it never. Not across "on",
/// which more often says where a body is than names it ("High School on Long Island").
fn bodies_before_their_names(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let body_before = |start: usize| {
        let body = start.checked_sub(2)?;
        (matches!(word(start - 1), "for" | "of")
            && apart(tokens, start - 1)
            && apart(tokens, start)
            && is_body_word(word(body)))
        .then_some(body)
    };
    if !names
        .iter()
        .any(|(range, label)| matches!(label, Label::Org | Label::Loc) && body_before(range.start).is_some())
    {
        return names;
    }
    // Not an article that opens the sentence ("The Centers for Disease Control").
    let capitalized = |i: usize| {
        word(i).starts_with(|c: char| c.is_uppercase())
            && !matches!(word(i), "The" | "A" | "An")
            && apart(tokens, i + 1)
    };
    let mut out: Vec<(Range<usize>, Label)> = Vec::with_capacity(names.len());
    for (range, label) in names {
        let free = out.last().map_or(0, |(r, _)| r.end);
        let sentence_start = sentence_of.get(range.start).map_or(range.start, |s| s.start);
        match body_before(range.start) {
            Some(body) if body >= free && body >= sentence_start && matches!(label, Label::Org | Label::Loc) => {
                let mut start = body;
                while start > free.max(sentence_start) && capitalized(start - 1) {
                    start -= 1;
                }
                // A nationality's or an organization's name right before: the first words of this one.
                if let Some((last, Label::Misc | Label::Org)) = out.last() {
                    if last.end == start && last.start >= sentence_start {
                        start = last.start;
                        out.pop();
                    }
                }
                out.push((start..range.end, Label::Org));
            }
            _ => out.push((range, label)),
        }
    }
    out
}

/// Abbreviations that end names and keep their period at a sentence's end.
const ABBREVIATIONS: [&str; 12] = ["inc", "corp", "co", "ltd", "bros", "jr", "sr", "st", "mt", "ft", "plc", "cos"];

/// Names with an organization made of common words joined to the place or organization after its "of"
/// ("Democratic Choice" + "of" + "Kazakhstan", "Central Bank" + "of" + "Nigeria"): one organization.
/// An organization named in dictionary words alone is a kind of body, and such names go on past "of"
/// (in CoNLL-2003's training data, a capitalized run of dictionary words inside or as an organization
/// that meets "of" and a capitalized word continues past it 66 times out of 70); a proper name before
/// "of" is more often a name of its own ("Benfica of Portugal"). `is_common` tells a dictionary word.
fn joined_across_of(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_common: impl Fn(&str) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let body = |range: &Range<usize>| {
        range.clone().all(|i| {
            let w = word_at(text, tokens, i);
            w.chars().next().is_some_and(char::is_uppercase) && is_common(w)
        })
    };
    let mut out: Vec<(Range<usize>, Label)> = Vec::with_capacity(names.len());
    for (range, label) in names {
        if let Some((before, before_label)) = out.last_mut() {
            let of = before.end;
            if *before_label == Label::Org
                && matches!(label, Label::Loc | Label::Org)
                && range.start == of + 1
                && word_at(text, tokens, of) == "of"
                && body(before)
            {
                before.end = range.end;
                continue;
            }
        }
        out.push((range, label));
    }
    out
}

/// Last words of bodies' names that take two fields joined by "and" ("Food and Drug Administration",
/// "Customs and Border Protection", "Health and Human Services"), with `INSTITUTIONS`.
const AFTER_AND: [&str; 6] = ["Administration", "Enforcement", "Prevention", "Protection", "Service", "Services"];

/// Bodies named in one word, which stand before "and" as names of their own ("Treasury and Federal Reserve
/// Board"), not as a field of the body after it.
const ONE_WORD_BODIES: [&str; 12] = [
    "Army",
    "Cabinet",
    "Congress",
    "Government",
    "House",
    "Navy",
    "Parliament",
    "Pentagon",
    "Police",
    "Senate",
    "Treasury",
    "Court",
];

/// A body's name with two fields joined by "and", which the tagger cut at the "and" ("U.S.
/// Cybersecurity" + "Infrastructure Security Agency", "Centers for Medicare" + "Medicaid Services") or
/// began after it ("Drug Administration"), is one organization: in the training file, an ORG ending
/// right before "and" and capitalized words ending in a body's word (`INSTITUTIONS`, `AFTER_AND`) are one
/// ORG 13 times ("Securities and Exchange Commission", "U.S. Department of Health and Human Services")
/// and two names never. The words before the "and" end in a capitalized dictionary word that is not a
/// body of its own (`ONE_WORD_BODIES`, a body's word: "Commerce Department and Justice Department" stay
/// two): an ORG or MISC of at most four words in the sentence, or that word alone where no name holds it
/// and it does not open the sentence ("NATO and European Union", "Britain and European Union", "He and
/// House Judiciary Committee" stay apart). The name after "and" has four words at most.
fn joined_across_and(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
    is_common: impl Fn(&str) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let body_end = |w: &str| INSTITUTIONS.contains(&w) || AFTER_AND.contains(&w);
    let after_and = |(range, label): &(Range<usize>, Label)| {
        *label == Label::Org
            && range.start >= 2
            && word(range.start - 1) == "and"
            && apart(tokens, range.start - 1)
            && apart(tokens, range.start)
            && range.len() <= 4
            && body_end(word(range.end - 1))
    };
    if !names.iter().any(after_and) {
        return names;
    }
    let field = |i: usize| {
        let w = word(i);
        ascii_title_case(w)
            && !body_end(w)
            && !ONE_WORD_BODIES.contains(&w)
            && !COMPANY_WORDS.contains(&w)
            && is_common(w)
    };
    let same_sentence = |a: usize, b: usize| same_sentence(sentence_of, a, b);
    let mut out: Vec<(Range<usize>, Label)> = Vec::with_capacity(names.len());
    for name in names {
        if after_and(&name) {
            let (range, _) = &name;
            let and = range.start - 1;
            let last = and - 1;
            if field(last) && same_sentence(last, range.start) {
                match out.last() {
                    Some((before, label))
                        if before.end == and
                            && matches!(label, Label::Org | Label::Misc)
                            && before.len() <= 4
                            && same_sentence(before.start, last) =>
                    {
                        let start = before.start;
                        out.pop();
                        out.push((start..range.end, Label::Org));
                        continue;
                    }
                    Some((before, _)) if before.end > last => {}
                    _ if sentence_of.get(last).is_some_and(|s| s.start < last)
                        && !word(last - 1).starts_with(|c: char| c.is_uppercase()) =>
                    {
                        out.push((last..range.end, Label::Org));
                        continue;
                    }
                    _ => {}
                }
            }
        }
        out.push(name);
    }
    out
}

/// A body's name past its "of" or "for" goes on across "and" with a second field in capitalized
/// dictionary words ("National Institute of Allergy" + "and" + MISC "Infectious Diseases", "Ministry of
/// Petroleum and Minerals"), which the tagger typed MISC or left out: one organization. In the training
/// file an ORG with "of" or "for" in it goes on across "and" and a capitalized word 14 times ("U.S.
/// Department of Health and Human Services", "Bureau of Alcohol, Tobacco and Firearms") and stops there 3
/// times, each before another organization's name ("Council of Europe and NATO"), which this leaves
/// apart: the words before "and" and after it are dictionary words (`is_common`, or their singulars), at
/// most three after it, in one sentence, and the words after it are a MISC name or no name at all.
fn fields_joined_across_and(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
    is_common: impl Fn(&str) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let field = |i: usize| {
        let w = word(i);
        ascii_title_case(w)
            && !INSTITUTIONS.contains(&w)
            // The dictionary lists singulars: "Diseases" is a field as "Disease" is.
            && (is_common(w) || w.strip_suffix('s').is_some_and(&is_common))
    };
    // An ORG with "of" or "for" past its first word, ending in a field right before a free-standing "and".
    let body_before_and = |(range, label): &(Range<usize>, Label)| {
        *label == Label::Org
            && range.len() >= 3
            && (range.start + 1..range.end - 1).any(|i| matches!(word(i), "of" | "for"))
            && field(range.end - 1)
            && word(range.end) == "and"
            && apart(tokens, range.end)
            && apart(tokens, range.end + 1)
    };
    if !names.iter().any(body_before_and) {
        return names;
    }
    let same_sentence = |a: usize, b: usize| same_sentence(sentence_of, a, b);
    let mut out: Vec<(Range<usize>, Label)> = Vec::with_capacity(names.len());
    let mut names = names.into_iter().peekable();
    while let Some((range, label)) = names.next() {
        if !body_before_and(&(range.clone(), label)) {
            out.push((range, label));
            continue;
        }
        let first = range.end + 1;
        // The second field: a MISC name of fields right after "and", or fields no name holds.
        let next_start = names.peek().map_or(usize::MAX, |(r, _)| r.start);
        let end = match names.peek() {
            Some((next, Label::Misc)) if next.start == first && next.len() <= 3 && next.clone().all(field) => next.end,
            _ => {
                let mut end = first;
                while end < next_start && end - first < 3 && field(end) && apart(tokens, end) {
                    end += 1;
                }
                // Fields followed by more capitalized words are a name of their own.
                if word(end).starts_with(|c: char| c.is_uppercase()) && end < next_start {
                    first
                } else {
                    end
                }
            }
        };
        if end > first && same_sentence(range.start, end - 1) {
            if names.peek().is_some_and(|(next, _)| next.start == first) {
                names.next();
            }
            out.push((range.start..end, Label::Org));
        } else {
            out.push((range, label));
        }
    }
    out
}

/// The last words of names of bodies that go on with "of", "for" or "on" and what the body is of or for.
const INSTITUTIONS: [&str; 20] = [
    "Agency",
    "Association",
    "Authority",
    "Board",
    "Bureau",
    "Center",
    "Centre",
    "Commission",
    "Committee",
    "Council",
    "Department",
    "Federation",
    "Foundation",
    "Fund",
    "Institute",
    "Office",
    "Organisation",
    "Organization",
    "Society",
    "Union",
];

/// Days and months, which end a body's name rather than continue it ("the Council on Friday").
const CALENDAR: [&str; 19] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Today",
];

/// Names of bodies that the tagger cut at their "of", "for" or "on" ("Commission" on Presidential
/// Debates, "Roper Center" for "Public Opinion Research"): a name ending in an institution's word
/// (`INSTITUTIONS`) followed by one of those and by capitalized words, within the sentence, is one
/// organization over them, taking in any name inside. In CoNLL-2003's training data such a name goes
/// on past the word 40 times out of 46; the six stop at a day ("on Wednesday") or at a person's role
/// ("of Prime Minister"), where these names stop too. An "and" (or "&", or a plural's apostrophe:
/// "Veterans' Affairs") continues the name only when the capitalized word after it is not a name of its
/// own ("Security and Cooperation", not "Council of Europe and NATO"). `sentence_of[i]`: token `i`'s
/// sentence. With `plurals` (the full pipeline only, as the pseudo-labels of self-training were made
/// without it), "Centers", "Centres" and "Institutes" count as institutions' words too: the 1996 text
/// has no "Centers for Disease Control and Prevention", which the tagger cuts after "Centers".
fn joined_after_institutions(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
    plurals: bool,
) -> Vec<(Range<usize>, Label)> {
    let starts: FxHashSet<usize> = names.iter().map(|(r, _)| r.start).collect();
    let capitalized = |i: usize| {
        let w = word_at(text, tokens, i);
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
            && !CALENDAR.contains(&w)
            && !is_role(w)
    };
    let mut out: Vec<(Range<usize>, Label)> = Vec::with_capacity(names.len());
    let mut k = 0;
    while let Some((range, label)) = names.get(k) {
        let (mut range, mut label) = (range.clone(), *label);
        k += 1;
        let last = range.end.saturating_sub(1);
        let joiner = word_at(text, tokens, range.end);
        let end_of_sentence = sentence_of.get(last).map_or(range.end, |s| s.end);
        if matches!(label, Label::Org | Label::Loc)
            && (INSTITUTIONS.contains(&word_at(text, tokens, last))
                || (plurals && matches!(word_at(text, tokens, last), "Centers" | "Centres" | "Institutes")))
            && matches!(joiner, "of" | "for" | "on")
        {
            let mut end = range.end + 1;
            while end < end_of_sentence {
                if capitalized(end) {
                    end += 1;
                } else if matches!(word_at(text, tokens, end), "and" | "&" | "'")
                    && end + 1 < end_of_sentence
                    && capitalized(end + 1)
                    && !starts.contains(&(end + 1))
                {
                    end += 2;
                } else {
                    break;
                }
            }
            // Names inside are taken in; one reaching past the run leaves the name as it was, as does a
            // role right after the run, whose words the run took ("of Prime Minister").
            let later = &names[k..];
            let inside = later.iter().take_while(|(next, _)| next.start < end).count();
            let fits = end > range.end + 1
                && !(end < end_of_sentence && is_role(word_at(text, tokens, end)))
                && later[..inside].iter().all(|(next, _)| next.end <= end);
            if fits {
                k += inside;
                range.end = end;
                label = Label::Org;
            }
        }
        out.push((range, label));
    }
    out
}

/// A code of three parts or more joined by hyphens, the first three capitals or more, the last digits, and a
/// lowercase letter among them ("SARS-CoV-2"; not "COVID-19", which has none, nor "Pac-12").
fn virus_code(w: &str) -> bool {
    // The cheap test first (this runs on every capitalized word outside a name): a digit last.
    if !w.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let first = w.split('-').next().unwrap_or("");
    let last = w.rsplit('-').next().unwrap_or("");
    w.split('-').count() >= 3
        && first.len() >= 3
        && first.bytes().all(|b| b.is_ascii_uppercase())
        && last.bytes().all(|b| b.is_ascii_digit())
        && w.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
        && w.bytes().any(|b| b.is_ascii_lowercase())
}

/// A model code as `with_codes` reads one: a code (`is_code`) with at least two digits, whose letters are
/// not a dictionary word ("UNDER-21", `is_common`) nor an age group's "U" ("U-21").
fn model_code(w: &str, is_common: impl Fn(&str) -> bool) -> bool {
    let letters: &str = &w[..w.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(w.len())];
    is_code(w)
        && w.bytes().filter(u8::is_ascii_digit).count() >= 2
        && !(letters.len() >= 3 && is_common(letters))
        && !letters.eq_ignore_ascii_case("u")
}

/// Names with digits, which the 1996 training text hardly has (its names are followed by scores: "England
/// 326"). A code is a word with a capital letter first and at least two digits, not an ordinal, whose
/// letters are not a dictionary word ("UNDER-21", `is_common`) nor an age group's "U" ("U-21"); codes of
/// one digit are ratings, quarters and halves ("AA1", "Q2", "H1"). An organization followed by a code is
/// one other name, a product ("Airbus A320neo"; "Boeing 787" is not: a code has a capital letter; after
/// another name the code would join a nationality: "Russian T-72"). A code standing alone, not after a
/// slash or hyphen, without lowercase letters or a period, is an other name when it has three letters or
/// more or a hyphen after its letters ("COVID-19", "CAC-40", "F-35"; not tanker rates such as "W145" nor
/// flight numbers such as "BA286", which are no names); so is a group of nations ("G7", "G20"). Only in
/// text with lowercase letters (`Model::tag`).
fn with_codes(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
    is_common: impl Fn(&str) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let code = |i: usize| model_code(word_at(text, tokens, i), &is_common);
    let standalone = |i: usize| {
        // The cheap tests first (this runs on every token outside a name): a code begins with a capital
        // letter (`is_code`, and a group's "G") and has a digit.
        if !edge_bytes(text, tokens, i).0.is_ascii_uppercase() {
            return false;
        }
        let w = word_at(text, tokens, i);
        if !w.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        let letters = w.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(w.len());
        let group = w.strip_prefix('G').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
        let hyphen = w[letters..].starts_with('-');
        (group || (code(i) && (letters >= 3 || hyphen)))
            && !w.contains('.')
            && !w.chars().any(char::is_lowercase)
            && apart(tokens, i)
            && apart(tokens, i + 1)
            && !(i > 0 && matches!(word_at(text, tokens, i - 1), "/" | "-" | "&"))
    };
    let mut out = Vec::with_capacity(names.len());
    let mut next = 0;
    for (mut range, mut label) in names {
        out.extend((next..range.start).filter(|&i| standalone(i)).map(|i| (i..i + 1, Label::Misc)));
        let j = range.end;
        if label == Label::Org
            && j < tokens.len()
            && apart(tokens, j)
            && sentence_of.get(j) == sentence_of.get(range.start)
            && code(j)
        {
            range.end = j + 1;
            label = Label::Misc;
        }
        next = range.end;
        out.push((range, label));
    }
    out.extend((next..tokens.len()).filter(|&i| standalone(i)).map(|i| (i..i + 1, Label::Misc)));
    out
}

/// Online platforms that 1996 text did not have, written as they name themselves: each is an
/// organization (the company that runs it), also where it is the place something was posted ("on
/// Twitter"), which the 1996 model reads as a place or a person.
const PLATFORMS: &[&str] = &[
    "Facebook",
    "Instagram",
    "Twitter",
    "YouTube",
    "TikTok",
    "WhatsApp",
    "Snapchat",
    "LinkedIn",
    "Reddit",
    "Zoom",
    "Telegram",
    "WeChat",
    "Weibo",
    "Twitch",
    "Spotify",
    "Netflix",
    "Pinterest",
    "Tumblr",
    "Parler",
];

/// Online services and apps named as their companies are ("Google said", "an Uber driver"), which the
/// 1996 model reads as people or places ("Google" PER 27 times and ORG 13 in 1,478 unlabelled CNN, BBC
/// and PolNeAR articles; "Tinder" LOC 9 times of 9), and the market-data service that wire copy since
/// 2018 cites in every earnings report ("IBES data from Refinitiv", which the tagger leaves out). Like
/// `PLATFORMS`, each is an organization; unlike them, only in the full pipeline (`Model::conventions`),
/// not in the pseudo-labels the shipped model was trained on.
const SERVICES: &[&str] = &["Google", "Yahoo", "Skype", "Tinder", "Uber", "Lyft", "Airbnb", "Refinitiv"];

/// Whether `w` is a platform's or a service's name (`PLATFORMS`, `SERVICES`).
fn platform_or_service(w: &str) -> bool {
    PLATFORMS.contains(&w) || SERVICES.contains(&w)
}

/// Holidays and feasts, which the 1996 model, not having seen them, may read as places ("Ramadan in
/// Cairo"): a name that is one of them is an other name (as CoNLL-2003 tags "... Day" names).
const HOLIDAYS: &[&str] = &[
    "Christmas",
    "Christmas Day",
    "Christmas Eve",
    "Easter",
    "Good Friday",
    "Thanksgiving",
    "Ramadan",
    "Eid",
    "Eid al-Fitr",
    "Eid al-Adha",
    "Hanukkah",
    "Diwali",
    "Passover",
    "Yom Kippur",
    "Rosh Hashanah",
    "Halloween",
    "Kwanzaa",
    "Boxing Day",
    "Memorial Day",
    "Labor Day",
    "Veterans Day",
];

/// Conventions of recent news the 1996 training text does not show: a platform's name is an
/// organization (`PLATFORMS`), a holiday's an other name (`HOLIDAYS`); a name glued after "@" or "#" is a handle or a hashtag, no name; and a
/// place right before an organization named by a dictionary word, in the same sentence, is part of it
/// ("U.S." + "Senate" → "U.S. Senate", as CoNLL-2003's training file mostly tags such names; `is_common`
/// tells a dictionary word).
fn recent_conventions(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
    is_common: impl Fn(&str) -> bool,
) -> Vec<(Range<usize>, Label)> {
    // A body named by a dictionary word ("Senate", "Treasury", "Supreme Court"), not an acronym or a
    // company ("Chicago PMI", "India RBI" are a place and an organization).
    let body = |i: usize| {
        let w = word_at(text, tokens, i);
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase) && is_common(w)
    };
    let names = names.into_iter().filter_map(|(range, mut label)| {
        let glued_after = |marks: &[&str]| {
            range.start > 0 && !apart(tokens, range.start) && marks.contains(&word_at(text, tokens, range.start - 1))
        };
        if glued_after(&["@", "#"]) {
            return None;
        }
        if range.len() == 1 && PLATFORMS.contains(&word_at(text, tokens, range.start)) {
            label = Label::Org;
        }
        if HOLIDAYS.contains(&name_text(text, tokens, &range)) {
            label = Label::Misc;
        }
        Some((range, label))
    });
    joined_after_places(names, Label::Org, |place, body_name| {
        body(body_name.start) && sentence_of.get(place.start) == sentence_of.get(body_name.start)
    })
}

/// `names` (in text order) with each name of type `label` that follows a place (LOC) at once, and that
/// `joins(place, name)` accepts, joined to the place as one name of type `label`.
fn joined_after_places(
    names: impl IntoIterator<Item = (Range<usize>, Label)>,
    label: Label,
    joins: impl Fn(&Range<usize>, &Range<usize>) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let names = names.into_iter();
    let mut out: Vec<(Range<usize>, Label)> = Vec::with_capacity(names.size_hint().0);
    for (range, name_label) in names {
        if let Some((before, before_label)) = out.last_mut() {
            if *before_label == Label::Loc && name_label == label && before.end == range.start && joins(before, &range)
            {
                before.end = range.end;
                *before_label = label;
                continue;
            }
        }
        out.push((range, name_label));
    }
    out
}

/// A name that is a listed company's (`is_company`, the lexicon's `GAZ_ORG` list) is an organization
/// when the tagger typed it an other name ("Boeing", "Airbus", as the 1996 text mostly shows them in
/// "Boeing 747") or, written in two words or more, a person ("Lockheed Martin", "Northrop Grumman"). Not
/// a one-word person (people share names with companies: "Ford"), not a place ("Hartford"), and not a
/// name with a model number after it ("Boeing 777" is a product).
fn companies_are_organizations(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_company: impl Fn(Range<usize>) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let numbered = |i: usize| apart(tokens, i) && word_at(text, tokens, i).starts_with(|c: char| c.is_ascii_digit());
    names
        .into_iter()
        .map(|(range, label)| {
            let retype = match label {
                Label::Misc => !numbered(range.end),
                Label::Per => range.len() > 1,
                _ => false,
            };
            if retype && is_company(range.clone()) {
                (range, Label::Org)
            } else {
                (range, label)
            }
        })
        .collect()
}

/// A one-word name mentioned alone at least three times in a document has one type: the type the tagger
/// gave it most often, when that type has more than twice the mentions of all the others together. In
/// the training file, such names have one type in 1,150 documents of 1,164; the others are a place and
/// its team ("Chicago", "Boston", "Milan": LOC and ORG), which this leaves alone.
fn one_type_per_document(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let (counts, index) = one_word_tallies(text, tokens, &names);
    let majority = |w: &str| {
        let c = &counts[*index.get(w)?].1;
        let total: usize = c.iter().sum();
        let (best, &n) = c.iter().enumerate().max_by_key(|(_, n)| **n)?;
        (total >= 3 && n * 3 > total * 2 && n < total).then_some(LABELS[best])
    };
    names
        .into_iter()
        .map(|(range, label)| {
            if range.len() != 1 {
                return (range, label);
            }
            match majority(word_at(text, tokens, range.start)) {
                Some(best) if !matches!((best, label), (Label::Loc, Label::Org) | (Label::Org, Label::Loc)) => {
                    (range, best)
                }
                _ => (range, label),
            }
        })
        .collect()
}

/// Mentions of a one-word name that the tagger left out elsewhere in the document ("Disney timed the
/// release" where "Shares of Disney" is ORG): a token written exactly as a word the tagger found as a
/// name on its own, outside every name, is that name too, with the type most of the word's mentions
/// have (ties to the first). In the training file, a capitalized word that is a one-word name somewhere
/// in a document is inside a name at 13,542 of its 13,545 other places. The tagger's own one-word names
/// are not all right, though, and a wrong one would spread: a word spreads only when the tagger found it
/// as a name at least a third as often as it left it out, a dictionary word (`is_common`) twice or more
/// and at least as often ("Real" of Real Madrid 3 times of 5; not "Girls" once of 12, nor "Dead" once of
/// 8, nor a "From" that opened a sentence, which spread to dozens of places in 2,015 unlabelled articles
/// without this), and never a day, a month or a word with an apostrophe ("I'm").
fn with_other_mentions(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_common: impl Fn(&str) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let (counts, index) = one_word_tallies(text, tokens, &names);
    let spreading = |w: &str| {
        w.starts_with(|c: char| c.is_uppercase())
            && w.chars().nth(1).is_some()
            && !w.contains(['\'', '\u{2019}'])
            && !CALENDAR.contains(&w)
    };
    if !counts.iter().any(|(w, _)| spreading(w)) {
        return names;
    }
    // The places outside every name where each word stands, in one pass over the tokens.
    let mut left_out: Vec<Vec<usize>> = vec![Vec::new(); counts.len()];
    for i in capitalized_outside(text, tokens, &names) {
        if let Some(&k) = index.get(word_at(text, tokens, i)) {
            left_out[k].push(i);
        }
    }
    let mut found = Vec::new();
    for ((w, c), places) in counts.iter().zip(&left_out) {
        if places.is_empty() || !spreading(w) {
            continue;
        }
        let named: usize = c.iter().sum();
        let spreads = if is_common(w) { named >= 2 && places.len() <= named } else { places.len() <= 3 * named };
        if spreads {
            let best = (0..4).fold(0, |b, k| if c[k] > c[b] { k } else { b });
            found.extend(places.iter().map(|&i| (i..i + 1, LABELS[best])));
        }
    }
    if found.is_empty() {
        return names;
    }
    let mut out = names;
    out.extend(found);
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// Each word the tagger found as a one-word name, in the order first found, with how many times it typed
/// it each way (`LABELS` order).
type Tallies<'t> = Vec<(&'t str, [usize; 4])>;

/// The `Tallies` of `names`, and where each word's tally is.
fn one_word_tallies<'t>(
    text: &'t str,
    tokens: &[Token],
    names: &[(Range<usize>, Label)],
) -> (Tallies<'t>, FxHashMap<&'t str, usize>) {
    let mut counts: Vec<(&str, [usize; 4])> = Vec::new();
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    for (range, label) in names {
        if range.len() != 1 {
            continue;
        }
        let w = word_at(text, tokens, range.start);
        let k = *index.entry(w).or_insert_with(|| {
            counts.push((w, [0; 4]));
            counts.len() - 1
        });
        counts[k].1[LABELS.iter().position(|l| l == label).unwrap_or(3)] += 1;
    }
    (counts, index)
}

/// The four types in the order the tallies of `one_word_tallies` keep.
const LABELS: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

/// A listed company's name (the lexicon's `GAZ_ORG`) that the tagger typed as a place or a person, where
/// `gazetteers` gives the lexicon's lists that hold a name:
/// - typed LOC and no listed place's name: "Amazon" and "Walmart", the stores and the companies, were LOC
///   35 and 6 times in 2,015 unlabelled CNN, BBC and PolNeAR articles ("on Amazon", "Amazon's warehouse").
///   In the training file such names are ORG 102 times, PER 19, MISC 12 and LOC 5: the river "Amazon" 3
///   times, twice after "the", and a road, "M3". A name after "the" stays a place ("the Amazon");
/// - typed PER in one word that is no listed first name or surname either ("Alphabet's Google"): in the
///   training file such one-word names are ORG 62 times, MISC 11, LOC 5 and PER never.
fn listed_companies(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    gazetteers: impl Fn(Range<usize>) -> u8,
) -> Vec<(Range<usize>, Label)> {
    let places = GAZ_LOC | GAZ_COUNTRY | GAZ_CAPITAL;
    names
        .into_iter()
        .map(|(range, label)| {
            let organization = match label {
                Label::Loc => {
                    let after_the =
                        range.start > 0 && word_at(text, tokens, range.start - 1).eq_ignore_ascii_case("the");
                    !after_the && {
                        let bits = gazetteers(range.clone());
                        bits & GAZ_ORG != 0 && bits & places == 0
                    }
                }
                Label::Per if range.len() == 1 => {
                    let bits = gazetteers(range.clone());
                    bits & GAZ_ORG != 0 && bits & (places | GAZ_FIRST | GAZ_LAST) == 0
                }
                _ => false,
            };
            (range, if organization { Label::Org } else { label })
        })
        .collect()
}

/// A name typed ORG that is a person's named in full elsewhere in the document (a PER name of two words or
/// more), or in one word that person's surname (its last word, "Jr." and the like aside), is that person:
/// "Erich Nowsch Jr. faces charges … Nowsch's attorney". Places are left alone (towns share names with
/// people). A one-word ORG right before "administration" is a person too, a leader ("the Obama
/// administration"; not a country's code, "the US administration"), as in the training file's "Clinton
/// administration" (PER 4 times; the other names there a place and a party adjective, never an ORG).
/// With `conventions` (the full pipeline), a platform's or service's name (`PLATFORMS`, `SERVICES`) is no
/// one's surname: "Wilayat Twitter" does not make "Twitter" a person.
fn surnames_are_people(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    conventions: bool,
) -> Vec<(Range<usize>, Label)> {
    const SUFFIXES: [&str; 6] = ["Jr", "Sr", "II", "III", "IV", "."];
    let text_of = |range: &Range<usize>| name_text(text, tokens, range);
    let full_names: FxHashSet<&str> = names
        .iter()
        .filter(|(range, label)| *label == Label::Per && range.len() > 1)
        .map(|(range, _)| text_of(range))
        .collect();
    let surnames: FxHashSet<&str> = names
        .iter()
        .filter(|(range, label)| *label == Label::Per && range.len() > 1)
        .filter_map(|(range, _)| {
            (range.start + 1..range.end).rev().map(|i| word_at(text, tokens, i)).find(|w| !SUFFIXES.contains(w))
        })
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    names
        .into_iter()
        .map(|(range, label)| {
            // A platform's name stays the organization it is ("Twitter", though a name such as "Wilayat
            // Twitter" ends in it).
            let person = if range.len() == 1 {
                let word = word_at(text, tokens, range.start);
                (surnames.contains(word) && !(conventions && platform_or_service(word)))
                    || (word_at(text, tokens, range.end) == "administration"
                        && word.chars().skip(1).any(char::is_lowercase))
            } else {
                full_names.contains(text_of(&range))
            };
            if label == Label::Org && person {
                (range, Label::Per)
            } else {
                (range, label)
            }
        })
        .collect()
}

/// Nouns of a person's role that, written in lowercase right before a name, make it a person's: in
/// CoNLL-2003's training file the name after each of them is PER every time (155 names in all: "coach"
/// 19, "striker" 20, "spokesman" 29, …).
const PERSON_ROLES: [&str; 17] = [
    "actor",
    "actress",
    "batsman",
    "bowler",
    "captain",
    "coach",
    "defender",
    "goalkeeper",
    "golfer",
    "lawmaker",
    "midfielder",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "sprinter",
    "striker",
    "winger",
];

/// Words for what a person does, in office or at work, that CoNLL-2003's training names never begin or
/// end with (`PERSON_ROLES`, and these), capitalized or not: "President Clinton" is "President" and PER
/// "Clinton" there.
const OFFICES: [&str; 13] = [
    "ambassador",
    "analyst",
    "ceo",
    "chairman",
    "chairwoman",
    "chancellor",
    "director",
    "governor",
    "manager",
    "minister",
    "president",
    "secretary",
    "senator",
];

/// Whether a word, in any case, is a person's role or office (`PERSON_ROLES`, `OFFICES`).
fn is_role(word: &str) -> bool {
    lowercased(word, |word| PERSON_ROLES.contains(&word) || OFFICES.contains(&word))
}

/// Names without a person's role or office at their start or end (`PERSON_ROLES`, `OFFICES`): the tagger,
/// meeting a capitalized role it never saw inside a name, sometimes takes it in ("Spokeswoman Sandy
/// Angers", "Apple Computer CEO"). What follows a role is a person's name (a capitalized word after a
/// capitalized role begins a PER 252 times in 258 in the training file): the role is taken off the start
/// of a person's name, and off a name of two or three capitalized words, which is then PER; off the end
/// of any name but a MISC. A role the tagger took as a name of its own right before a person's name is
/// dropped.
fn without_roles(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let is_role = |i: usize| is_role(word_at(text, tokens, i));
    let capitalized = |i: usize| {
        let word = word_at(text, tokens, i);
        word.chars().next().is_some_and(char::is_uppercase) && word.chars().all(char::is_alphabetic)
    };
    let names: Vec<(Range<usize>, Label)> = names
        .into_iter()
        .map(|(mut range, mut label)| {
            // Titles of works end in anything ("The Night Manager"): not a MISC's last word.
            if range.len() > 1 && label != Label::Misc && is_role(range.end - 1) {
                range.end -= 1;
            }
            // A role before a single word is kept unless the name is a person's: "Captain America".
            let rest = range.start + 1..range.end;
            if is_role(range.start)
                && !rest.is_empty()
                && (label == Label::Per || ((2..=3).contains(&rest.len()) && rest.clone().all(capitalized)))
            {
                range = rest;
                label = Label::Per;
            }
            (range, label)
        })
        .collect();
    // A role alone right before a person's name is not a name ("Senator" of "Senator Ted Cruz").
    let person_at = |i: usize| names.iter().any(|(r, l)| r.start == i && *l == Label::Per);
    names.iter().filter(|(r, _)| !(r.len() == 1 && is_role(r.start) && person_at(r.end))).cloned().collect()
}

/// A portfolio's word right before "Secretary" or "Minister" is part of the title, not an organization
/// ("Health Secretary Matt Hancock", "Defense Secretary", which the tagger types ORG when the document
/// names a body with the word: "National Health Service"): a one-word ORG written in title case that is a
/// dictionary word (`is_common`) is dropped there. In the training file a capitalized word right before
/// "Minister" or "Secretary" is outside every name 116 times ("Foreign Minister", "Health Minister",
/// "Agriculture Secretary") and an ORG 4 times. Not an acronym ("NATO Secretary"), nor a place ("U.S.
/// Secretary of State").
fn without_portfolios(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_common: impl Fn(&str) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    names
        .into_iter()
        .filter(|(range, label)| {
            let portfolio = *label == Label::Org
                && range.len() == 1
                && matches!(word(range.end), "Secretary" | "Minister")
                && apart(tokens, range.end)
                && ascii_title_case(word(range.start))
                && is_common(word(range.start));
            !portfolio
        })
        .collect()
}

/// A one-word name typed MISC right before a number of two to four digits takes the number in: a product
/// or a numbered thing ("Boeing 777", "Windows 95", "Chapter 11"), as the training file's such MISC do 23
/// times in 37; the others are adjectives ("Olympic 100 metres", "French 1997 budget"), so not after a
/// word ending as adjectives and nationalities do ("-ic", "-an", "-ish", "-ese", "-ch"), nor before a year
/// (1900–2099), nor before a decimal point or a thousands separator.
///
/// With `makers` (the full pipeline only, `Model::conventions`) a maker's one-word name typed ORG is the
/// product too, when such a number and then a word in lowercase follow it in running prose ("a Boeing 777
/// jet", "PlayStation 5 consoles", "a Falcon 9 rocket"): the training file's names before a number and a
/// lowercase word are MISC with the number 17 times ("Airbus 310 which", "Tupolev 154 flight", "Windows 95
/// sales"); its ORG before a number are teams and makers in results tables ("Durham 326", "Yamaha 317"),
/// where a figure, a unit or a count follows ("McLaren 37 laps"), so not before such words (`NOT_PRODUCTS`).
/// A model's suffix in capitals after the number is the product's too ("the Boeing 737 MAX jet"), and with
/// such a suffix the product after its maker's possessive is an other name of its own ("Boeing's 737 MAX",
/// also after the maker's legal form: "Boeing Co's 737 MAX").
/// The number may be in Roman numerals ("the Sputnik V vaccine").
fn products_with_numbers(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    makers: bool,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let number = |i: usize| {
        let w = word(i);
        (2..=4).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_digit())
            && !year(w)
            && !(matches!(word(i + 1), "." | ",") && word(i + 2).bytes().next().is_some_and(|b| b.is_ascii_digit()))
    };
    let named = Ranges::new(names.iter().map(|(r, _)| r.clone()));
    let free = |i: usize| !named.overlap(&(i..i + 1));
    // A maker's product: a number of one to four digits, perhaps a model's suffix in capitals ("737 MAX"),
    // then a word in lowercase that is not a unit, a count or a word that links the number to what follows
    // (after a suffix also a mark or the text's end). The product's end, if there is one.
    let product = |i: usize| -> Option<usize> {
        let w = word(i);
        let digits = (1..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()) && !year(w);
        // Or a number in Roman numerals ("Sputnik V", "Apollo XI"), without a suffix after it; not the
        // pronoun "I" ("on Facebook I saw").
        let roman = (1..=4).contains(&w.len()) && w != "I" && w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'));
        if !(digits || roman) || !apart(tokens, i + 1) {
            return None;
        }
        // Not a radio band or a time of day ("990 AM", "9 PM", "10 GMT").
        let suffix = digits
            && (2..=4).contains(&word(i + 1).len())
            && word(i + 1).bytes().all(|b| b.is_ascii_uppercase())
            && !matches!(word(i + 1), "AM" | "FM" | "PM")
            && !REGIONAL_TIMES.contains(&word(i + 1))
            && !TIME_ZONES.contains(&word(i + 1));
        let end = if suffix { i + 2 } else { i + 1 };
        let next = word(end);
        let figure = NOT_PRODUCTS.contains(&next)
            || (matches!(next, "and" | "or") && word(end + 1).starts_with(|c: char| c.is_ascii_digit()));
        let lowercase = !next.is_empty() && next.bytes().all(|b| b.is_ascii_lowercase()) && !figure;
        let mark = next.is_empty() || matches!(next, "." | "," | ";" | ":" | ")");
        (lowercase && (!suffix || apart(tokens, end)) || suffix && mark).then_some(end)
    };
    let mut out = names.clone();
    // Products written after their maker's possessive ("Boeing's 737 MAX"): with a suffix only.
    let mut possessed: Vec<(Range<usize>, Label)> = Vec::new();
    for (range, label) in out.iter_mut() {
        let first = word(range.start);
        let misc = *label == Label::Misc
            && first.chars().skip(1).all(|c| c.is_ascii_lowercase())
            && !adjective_ending(first)
            && number(range.end);
        let maker = makers && *label == Label::Org && first.chars().any(|c| c.is_ascii_lowercase());
        if !first.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        // The maker's possessive may follow its legal form, as wire copy writes it ("Boeing Co's 737 MAX").
        let with_form = range.len() == 2 && LEGAL_FORMS.contains(&word(range.start + 1));
        if (range.len() == 1 || with_form)
            && maker
            && matches!(word(range.end), "'s" | "’s")
            && apart(tokens, range.end + 1)
        {
            let at = range.end + 1;
            if let Some(end) = product(at).filter(|&end| end == at + 2 && free(at) && free(at + 1)) {
                possessed.push((at..end, Label::Misc));
            }
            continue;
        }
        if range.len() != 1 || !apart(tokens, range.end) || !free(range.end) {
            continue;
        }
        let end = if misc {
            Some(range.end + 1)
        } else if maker {
            product(range.end)
        } else {
            None
        };
        if let Some(end) = end.filter(|&end| (range.end + 1..=range.end + 2).all(|i| i >= end || free(i))) {
            range.end = end;
            *label = Label::Misc;
        }
    }
    if !possessed.is_empty() {
        out.extend(possessed);
        out.sort_by_key(|(r, _)| r.start);
    }
    out
}

/// Words after a name and a number that make the number a figure, not a model's: units, counts and words
/// that link it to what follows ("McLaren 37 laps", "Chelsea 2 points", "Acme 10 percent"). "and" and "or"
/// are left out of it only before another number ("Sussex 389 and 112").
const NOT_PRODUCTS: [&str; 38] = [
    "a", "at", "by", "for", "from", "in", "of", "on", "per", "than", "the", "to", "with", "vs", "percent", "pct",
    "points", "pts", "million", "billion", "trillion", "thousand", "hundred", "dozen", "laps", "runs", "goals",
    "votes", "shares", "years", "months", "weeks", "days", "hours", "minutes", "seconds", "people", "times",
];

/// An organization's name that is a place and an acronym after it ("Chicago PMI", "India RBI", "London
/// LIFFE") is the place and the organization, as the training file tags them: such pairs are LOC + ORG 6
/// times, and never one ORG where the place has lowercase letters (its joined names of this shape are
/// headlines in capitals, "JERUSALEM POST", or acronyms of two letters, "Paris SG", "Algeria TV"). The
/// acronym has three to five capital letters and is not a club's initials, which follow its place as part
/// of its name ("Sunderland AFC", "Cardiff AAC", "Surrey CCC"); `is_place` tells a place's words (the
/// lexicon's places, countries and capitals).
fn places_before_acronyms(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_place: impl Fn(Range<usize>) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let acronym = |i: usize| {
        let w = word_at(text, tokens, i);
        (3..=5).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_uppercase())
            && !["FC", "AC", "SC", "CC"].iter().any(|club| w.ends_with(club))
    };
    let mut out = Vec::with_capacity(names.len());
    for (range, label) in names {
        let last = range.end - 1;
        let head = range.start..last;
        if label == Label::Org
            && range.len() >= 2
            && acronym(last)
            && apart(tokens, last)
            && head.clone().any(|i| word_at(text, tokens, i).chars().any(char::is_lowercase))
            && is_place(head.clone())
        {
            out.push((head, Label::Loc));
            out.push((last..range.end, Label::Org));
        } else {
            out.push((range, label));
        }
    }
    out
}

/// How a share price moved ("Acme shares rose").
const PRICE_MOVES: [&str; 24] = [
    "added", "advanced", "climbed", "closed", "declined", "dipped", "dropped", "eased", "edged", "ended", "fell",
    "firmed", "gained", "jumped", "lost", "plunged", "rallied", "rose", "slid", "slipped", "soared", "surged",
    "tumbled", "were",
];

/// A name typed PER whose shares are spoken of ("Ted Baker shares fell", "shares of Ted Baker", "a stake in
/// Ted Baker") is a company named after its founder: in the training file the names in these places are
/// ORG 18 times, nationalities (MISC) 6, a country once, and never a person. Not "Smith's shares" (a
/// person's holding).
fn companies_by_their_shares(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let traded = |range: &Range<usize>| {
        (matches!(word(range.end), "shares" | "stock") && PRICE_MOVES.contains(&word(range.end + 1)))
            || (range.start > 1 && {
                let (holding, of) = (word(range.start - 2).to_ascii_lowercase(), word(range.start - 1));
                matches!((holding.as_str(), of), ("shares", "of" | "in") | ("stake", "in"))
            })
    };
    names
        .into_iter()
        .map(|(range, label)| {
            let company = label == Label::Per && traded(&range);
            (range, if company { Label::Org } else { label })
        })
        .collect()
}

/// Verbs of a game's result with the winner before them and the loser after ("Oklahoma beat Texas").
const RESULT_VERBS: [&str; 17] = [
    "beat",
    "beats",
    "blanked",
    "crushed",
    "defeated",
    "defeats",
    "downed",
    "edged",
    "hammered",
    "outlasted",
    "routed",
    "stunned",
    "thrashed",
    "topped",
    "trounced",
    "upset",
    "whipped",
];

/// Two words of a game's result before the other side ("lost to", "a win over").
const RESULT_PAIRS: [(&str, &str); 7] = [
    ("lost", "to"),
    ("loses", "to"),
    ("loss", "to"),
    ("drew", "with"),
    ("win", "over"),
    ("victory", "over"),
    ("wins", "over"),
];

/// Countries a tagger's country list leaves out that field sides of their own.
const HOME_NATIONS: [&str; 6] = ["Britain", "England", "Great Britain", "Northern Ireland", "Scotland", "Wales"];

/// A place's name on either side of a game's result ("Oklahoma beat Texas", "lost to Chelsea", "a win
/// over Boston") is a team (ORG) named by its place, unless it is a country, whose national side the
/// training file tags LOC. There, of the names right beside such words, 63 are ORG, none of them a
/// country (clubs named by their city, "Barcelona", "Groningen", "Baltimore", among them), 24 LOC
/// countries and 10 other LOC: home nations and former countries ("England", "Yugoslavia"), and three
/// cities. `is_country`: the name is in the lexicon's list of countries.
fn teams_by_their_place(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_country: impl Fn(Range<usize>) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let before_result =
        |end: usize| RESULT_VERBS.contains(&word(end)) || RESULT_PAIRS.contains(&(word(end), word(end + 1)));
    names
        .into_iter()
        .map(|(range, label)| {
            let team = label == Label::Loc
                && (before_result(range.end) || after_result(text, tokens, range.start))
                && !HOME_NATIONS.iter().any(|n| n.eq_ignore_ascii_case(name_text(text, tokens, &range)))
                && !is_country(range.clone());
            (range, if team { Label::Org } else { label })
        })
        .collect()
}

/// Whether a game's result ends right before token `start`, the other side's name ("beat", "lost to").
fn after_result(text: &str, tokens: &[Token], start: usize) -> bool {
    let word = |i: usize| word_at(text, tokens, i);
    start > 0
        && (RESULT_VERBS.contains(&word(start - 1))
            || (start > 1 && RESULT_PAIRS.contains(&(word(start - 2), word(start - 1)))))
}

/// Whether the name over `range` is a country's, whose national side the training file tags LOC: in
/// the lexicon's list of countries (`is_country`), a home nation (`HOME_NATIONS`) or a short name of the
/// United States (`US_NAMES`), which the list leaves out.
fn national_side(
    text: &str,
    tokens: &[Token],
    range: &Range<usize>,
    is_country: impl Fn(Range<usize>) -> bool,
) -> bool {
    let name = name_text(text, tokens, range);
    HOME_NATIONS.iter().chain(&US_NAMES).any(|n| n.eq_ignore_ascii_case(name)) || is_country(range.clone())
}

/// A player's or a coach's role on a team, after the team's name ("Alabama quarterback Mac Jones",
/// "Leeds manager Howard Wilkinson").
const SPORTS_ROLES: [&str; 26] = [
    "batsman",
    "bowler",
    "captain",
    "catcher",
    "coach",
    "cornerback",
    "defender",
    "fullback",
    "goalkeeper",
    "guard",
    "infielder",
    "keeper",
    "kicker",
    "linebacker",
    "manager",
    "midfielder",
    "outfielder",
    "pitcher",
    "quarterback",
    "receiver",
    "shortstop",
    "skipper",
    "striker",
    "tailback",
    "winger",
    "wideout",
];

/// Words that name an agreement after the place it was made ("Paris Agreement", "Kyoto Protocol", "Minsk
/// Accords").
const AGREEMENTS: [&str; 6] = ["Accord", "Accords", "Agreement", "Agreements", "Protocol", "Treaty"];

/// A place's name right before an agreement's word that no name holds (`AGREEMENTS`: the tagger found
/// LOC "Paris" of "the Paris Agreement's goals") is one other name (MISC) with it, as the training file
/// tags "Lusaka Agreement" and its other agreements and treaties ("Comprehensive Test Ban Treaty", "Net
/// Book Agreement"); not before another capitalized word ("Paris Agreement Secretariat"), nor after a
/// hyphen or a slash.
fn places_of_agreements(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let joins = |k: usize| {
        let (range, label) = &names[k];
        let after = range.end;
        *label == Label::Loc
            && AGREEMENTS.contains(&word(after))
            && apart(tokens, after)
            && names.get(k + 1).is_none_or(|(next, _)| next.start > after)
            && !(apart(tokens, after + 1) && word(after + 1).starts_with(|c: char| c.is_uppercase()))
    };
    if !(0..names.len()).any(joins) {
        return names;
    }
    let joined: Vec<bool> = (0..names.len()).map(joins).collect();
    names
        .into_iter()
        .zip(joined)
        .map(|((range, label), joined)| if joined { (range.start..range.end + 1, Label::Misc) } else { (range, label) })
        .collect()
}

/// Diseases and viruses named after a person or a place, which the 1996 text has few of:
/// - a name typed ORG or MISC before a possessive and "disease" or "syndrome" is the person the disease
///   is named after (PER: "Alzheimer's disease", typed ORG as in "Alzheimer's Association"), as the
///   training file tags "Crohn's disease" and "Lou Gehrig's disease" 4 times of 4; not a place ("Inner
///   Mongolia's disease prevention centre");
/// - a one-word name right before "virus" or "fever" that is no listed place (`is_place`: "Wuhan", "Texas"
///   stay places) is the disease (MISC: "Zika virus", typed ORG or LOC), as the training file tags the
///   diseases it names ("AIDS virus", "BSE", "HIV"); the word's other one-word mentions in the document
///   with it ("Zika has spread").
fn diseases(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_place: impl Fn(Range<usize>) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let eponym = |range: &Range<usize>| {
        range.len() <= 2
            && matches!(word(range.end), "'s" | "\u{2019}s")
            && matches!(word(range.end + 1), "disease" | "syndrome")
    };
    let virus = |(range, label): &(Range<usize>, Label)| {
        *label != Label::Misc
            && range.len() == 1
            && matches!(word(range.end), "virus" | "fever")
            && apart(tokens, range.end)
            && !is_place(range.clone())
    };
    let named_after = |(range, label): &(Range<usize>, Label)| {
        matches!(label, Label::Org | Label::Misc) && eponym(range) && !is_place(range.clone())
    };
    let viruses: FxHashSet<&str> = names.iter().filter(|name| virus(name)).map(|(r, _)| word(r.start)).collect();
    if viruses.is_empty() && !names.iter().any(named_after) {
        return names;
    }
    names
        .into_iter()
        .map(|name| {
            let (range, label) = &name;
            if named_after(&name) {
                (range.clone(), Label::Per)
            } else if range.len() == 1 && *label != Label::Per && viruses.contains(word(range.start)) {
                (range.clone(), Label::Misc)
            } else {
                name
            }
        })
        .collect()
}

/// A name of title words right before "newspaper", "magazine" or "tabloid" that does not end as a
/// nationality does ("-an", "-ish", "-i": "Israeli", "Kuwaiti") and is no listed place is the publication
/// (ORG: "Rolling Stone magazine", "Forbes magazine", typed MISC or PER), and so are the
/// name's other mentions in the document ("The Guardian added"): in the training file the names before
/// such words are ORG 20 times ("Daily Telegraph newspaper", "New Scientist magazine"), the others
/// nationalities (MISC 8: "British newspaper") and places (LOC 5: "Sarajevo daily").
fn publications(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_place: impl Fn(Range<usize>) -> bool,
) -> Vec<(Range<usize>, Label)> {
    // Words of a title: a capital, then lowercase letters ("Rolling Stone"; not "UK", "Israeli-run").
    let title_word = |i: usize| {
        let w = word_at(text, tokens, i);
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.as_str().len() >= 2 && chars.all(char::is_lowercase)
    };
    let publication = |(range, label): &(Range<usize>, Label)| {
        let last = word_at(text, tokens, range.end - 1);
        *label != Label::Org
            && matches!(word_at(text, tokens, range.end), "newspaper" | "magazine" | "tabloid")
            && range.clone().all(title_word)
            && !adjective_ending(last)
            && !last.ends_with('i')
            && !is_place(range.clone())
    };
    let titles: FxHashSet<&str> =
        names.iter().filter(|name| publication(name)).map(|(r, _)| name_text(text, tokens, r)).collect();
    if titles.is_empty() {
        return names;
    }
    names
        .into_iter()
        .map(|(range, label)| {
            let retyped = label != Label::Per && titles.contains(name_text(text, tokens, &range));
            (range, if retyped { Label::Org } else { label })
        })
        .collect()
}

/// Words before a storm's name ("Hurricane Katrina", "Typhoons Haiyan and Hagupit", "Storm Ciara").
const STORM_WORDS: [&str; 8] =
    ["Cyclone", "Cyclones", "Hurricane", "Hurricanes", "Storm", "Storms", "Typhoon", "Typhoons"];

/// A storm's name is MISC without the word before it, as the training file tags "Hurricane Edouard" and
/// "Hurricane Dolly" (3 times of 3: "Hurricane" outside the name), where the tagger read it as a
/// person's ("Katrina", "Pam", "Mitch") or took the word in ("Hurricane Sandy" LOC, "Super Typhoon
/// Haiyan" PER): a one-word name right after a storm's word (`STORM_WORDS`), or a name of such a word and
/// one word after it (not "Storm": "Storm Reid" is a person), with the names listed after a plural
/// ("Hurricanes Katrina, Rita and Isaac") and the storm's other one-word mentions in the document ("Mitch
/// killed 10,000 people"). Not a body named after storms ("National Hurricane Center", "Storm Prediction
/// Center": longer names).
fn storms(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let storm_word = |i: usize| STORM_WORDS.contains(&word(i));
    // The storm's name of a name: its one word, without a storm's word the name begins with.
    let storm_of = |range: &Range<usize>| -> Option<usize> {
        if range.len() == 1 && range.start > 0 && storm_word(range.start - 1) {
            return Some(range.start);
        }
        let first = if word(range.start) == "Super" { range.start + 1 } else { range.start };
        (range.end == first + 2 && storm_word(first) && word(first) != "Storm").then_some(first + 1)
    };
    let mut found: FxHashSet<&str> = FxHashSet::default();
    let mut listed: Vec<bool> = vec![false; names.len()];
    for (k, (range, _)) in names.iter().enumerate() {
        if let Some(at) = storm_of(range) {
            found.insert(word(at));
            listed[k] = true;
            // Names listed after a plural: "Hurricanes Katrina, Rita and Isaac".
            if word(at - 1).ends_with('s') && range.len() == 1 {
                let mut end = range.end;
                for (j, (next, _)) in names.iter().enumerate().skip(k + 1) {
                    if next.len() == 1 && next.start == end + 1 && matches!(word(end), "," | "and") {
                        found.insert(word(next.start));
                        listed[j] = true;
                        end = next.end;
                    } else {
                        break;
                    }
                }
            }
        }
    }
    if found.is_empty() {
        return names;
    }
    names
        .into_iter()
        .zip(listed)
        .map(|((range, label), listed)| {
            if listed {
                let at = storm_of(&range).unwrap_or(range.start);
                (at..at + 1, Label::Misc)
            } else if range.len() == 1 && found.contains(word(range.start)) {
                (range, Label::Misc)
            } else {
                (range, label)
            }
        })
        .collect()
}

/// The planets of the solar system. Not the Sun and the Moon, which name newspapers too ("The Sun").
const PLANETS: [&str; 9] = ["Earth", "Jupiter", "Mars", "Mercury", "Neptune", "Pluto", "Saturn", "Uranus", "Venus"];

/// Words that say a sentence is about space travel or astronomy (`planets`).
const SPACE_WORDS: [&str; 32] = [
    "NASA",
    "asteroid",
    "asteroids",
    "astronaut",
    "astronauts",
    "astronomer",
    "astronomers",
    "comet",
    "cosmonaut",
    "cosmonauts",
    "lander",
    "Martian",
    "meteorite",
    "moon",
    "moons",
    "orbit",
    "orbited",
    "orbiter",
    "orbiting",
    "orbits",
    "planet",
    "planetary",
    "planets",
    "probe",
    "probes",
    "rover",
    "rovers",
    "solar",
    "space",
    "spacecraft",
    "spaceship",
    "telescope",
];

/// A planet's name (`PLANETS`) in a sentence about space (`SPACE_WORDS`: "NASA's rover landed on Mars",
/// "the probe will orbit Jupiter") is the planet, a place (LOC, as ACE's "celestial" locations and
/// OntoNotes' LOC have it), and so are its other one-word mentions in the document: the tagger, which
/// never saw a planet in the 1996 text (there "Earth" is only in "Earth First", an organization), typed
/// them ORG ("Mars", "Earth", "Jupiter") or PER ("Venus", "Mercury"), or left them out. Outside such a
/// document a planet's name is left as the tagger read it: a company ("Mars"), a person ("Bruno Mars",
/// "Venus Williams": not one word anyway) or a record label ("Mercury").
fn planets(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    // The cheap test first: every planet's name begins with one of these capitals.
    let planet_at = |i: usize| {
        matches!(edge_bytes(text, tokens, i).0, b'E' | b'J' | b'M' | b'N' | b'P' | b'S' | b'U' | b'V')
            && PLANETS.contains(&word(i))
    };
    let about_space = |i: usize| sentence_of.get(i).is_some_and(|s| s.clone().any(|j| SPACE_WORDS.contains(&word(j))));
    let found: FxHashSet<&str> = (0..tokens.len()).filter(|&i| planet_at(i) && about_space(i)).map(word).collect();
    if found.is_empty() {
        return names;
    }
    let missed: Vec<(Range<usize>, Label)> = capitalized_outside(text, tokens, &names)
        .filter(|&i| found.contains(word(i)) && apart(tokens, i) && apart(tokens, i + 1))
        .map(|i| (i..i + 1, Label::Loc))
        .collect();
    let mut out: Vec<(Range<usize>, Label)> = names
        .into_iter()
        .map(|(range, label)| {
            let planet = range.len() == 1 && found.contains(word(range.start));
            (range, if planet { Label::Loc } else { label })
        })
        .chain(missed)
        .collect();
    out.sort_by_key(|(range, _)| range.start);
    out
}

/// A broadcaster's name that ends in "Radio", "Channel", "TV" or "Television" takes in the number right
/// after it ("BBC Radio 4", "Channel 4", found as ORG "BBC Radio" and "Channel"): the station's or the
/// channel's name, as the training file's "Europe 1" (ORG) and its other names ending in a number
/// ("Diario 16", ORG twice; "Windows 95", MISC 11 times) are. A number of one to three digits standing
/// apart, not before a mark that makes it a figure ("4%", "4.5", "4,000") or a time ("10:30").
fn stations_with_numbers(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let number = |i: usize| {
        let w = word(i);
        (1..=3).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_digit())
            && apart(tokens, i)
            && (apart(tokens, i + 1) || !matches!(word(i + 1), "%" | "." | "," | ":"))
    };
    let free = |i: usize| !names.iter().any(|(r, _)| r.contains(&i));
    names
        .iter()
        .map(|(range, label)| {
            let last = if range.is_empty() { "" } else { word(range.end - 1) };
            let station = *label == Label::Org
                && matches!(last, "Radio" | "Channel" | "TV" | "Television")
                && number(range.end)
                && free(range.end);
            (if station { range.start..range.end + 1 } else { range.clone() }, *label)
        })
        .collect()
}

/// The nicknames of American states that name the state with "State" after them ("the Granite State",
/// New Hampshire; "the Sunshine State", Florida), each word of the nickname in turn.
const STATE_NICKNAMES: &[&[&str]] = &[
    &["Badger"],
    &["Bay"],
    &["Beehive"],
    &["Bluegrass"],
    &["Buckeye"],
    &["Centennial"],
    &["Constitution"],
    &["Cornhusker"],
    &["Empire"],
    &["Evergreen"],
    &["Garden"],
    &["Gem"],
    &["Granite"],
    &["Grand", "Canyon"],
    &["Green", "Mountain"],
    &["Hawkeye"],
    &["Hoosier"],
    &["Keystone"],
    &["Lone", "Star"],
    &["Magnolia"],
    &["Mountain"],
    &["Old", "Dominion"],
    &["Palmetto"],
    &["Peach"],
    &["Pelican"],
    &["Pine", "Tree"],
    &["Prairie"],
    &["Silver"],
    &["Show", "Me"],
    &["Sooner"],
    &["Sunshine"],
    &["Tar", "Heel"],
    &["Treasure"],
    &["Volunteer"],
    &["Wolverine"],
];

/// The American states whose names are one word, but Washington (see `names_with_state`).
const ONE_WORD_STATES: [&str; 39] = [
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Wisconsin",
    "Wyoming",
];

/// Names with "State" after a state's nickname or a place:
/// - a nickname of `STATE_NICKNAMES` and "State" name the state (LOC: "won by a wide margin in the
///   Granite State", found as ORG 8 times in 2,098 unlabelled articles; the training file's one, "Empire
///   State", is LOC), not before another capitalized word ("Golden State Warriors", a team);
/// - an American state's one-word name (`ONE_WORD_STATES`) that the tagger typed LOC and ended right
///   before "State", with no capitalized word after it, is cut from a university's or its team's name
///   (ORG: "beat Iowa State 27-21", found as "Iowa"); not "Washington State", which names the state as
///   often, nor another country's state ("Borno State", "Rakhine State": places); so is the whole
///   name typed LOC, one of these states or a two-word one (`UNIVERSITY_STATES`) or "Penn" and "State"
///   ("Kansas State upset them", "at Penn State"; in 2,098 unlabelled articles 4 such names, all
///   universities or their teams; "Washington State" and "New York State", the states, stay LOC).
fn names_with_state(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    // The cheap test first: this runs on every token.
    let state_at = |i: usize| edge_bytes(text, tokens, i).0 == b'S' && word(i) == "State" && apart(tokens, i);
    let ends_there = |i: usize| !word(i + 1).starts_with(char::is_uppercase) || !apart(tokens, i + 1);
    let mut found: Vec<(Range<usize>, Label)> = Vec::new();
    for i in 1..tokens.len() {
        if !state_at(i) || !ends_there(i) {
            continue;
        }
        let nickname = STATE_NICKNAMES
            .iter()
            .find(|words| i >= words.len() && words.iter().enumerate().all(|(k, w)| word(i - words.len() + k) == *w));
        if let Some(words) = nickname {
            found.push((i - words.len()..i + 1, Label::Loc));
            continue;
        }
        let cut = names.iter().any(|(r, l)| r.end == i && r.len() == 1 && *l == Label::Loc)
            && !names.iter().any(|(r, _)| r.contains(&i))
            && ONE_WORD_STATES.contains(&word(i - 1));
        if cut {
            found.push((i - 1..i + 1, Label::Org));
            continue;
        }
        // The whole university's name typed LOC ("Kansas State", "Penn State", "South Carolina State").
        let whole = names.iter().find(|(r, l)| {
            *l == Label::Loc
                && r.end == i + 1
                && match r.len() {
                    2 => ONE_WORD_STATES.contains(&word(r.start)) || word(r.start) == "Penn",
                    3 => UNIVERSITY_STATES.contains(&(word(r.start), word(r.start + 1))),
                    _ => false,
                }
        });
        if let Some((r, _)) = whole {
            found.push((r.clone(), Label::Org));
        }
    }
    replaced_by_names(names, found)
}

/// American states named in two words whose universities are named "… State" ("South Carolina State");
/// not "New York", whose "New York State" is the state.
const UNIVERSITY_STATES: [(&str, &str); 6] = [
    ("New", "Mexico"),
    ("North", "Carolina"),
    ("North", "Dakota"),
    ("South", "Carolina"),
    ("South", "Dakota"),
    ("West", "Virginia"),
];

/// Short names of the United States, which the lexicon's list of countries leaves out.
const US_NAMES: [&str; 5] = ["America", "U.S.", "U.S.A.", "US", "USA"];

/// A place's name right before a player's or a coach's role (`SPORTS_ROLES`) is the team named by its
/// place (ORG), unless it is a country, whose national side the training file tags LOC: there, of the
/// names right before such a word, 44 are ORG ("Florida manager", "Seattle shortstop", "Milan coach",
/// "Lancashire batsman") and 15 LOC, every one a country or a home nation ("England captain", "Sri
/// Lanka captain"). `is_country`: the name is in the lexicon's list of countries, which leaves out the
/// short names of the United States (`US_NAMES`: "former U.S. midfielder").
fn teams_before_players(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_country: impl Fn(Range<usize>) -> bool,
) -> Vec<(Range<usize>, Label)> {
    names
        .into_iter()
        .map(|(range, label)| {
            let team = label == Label::Loc
                && SPORTS_ROLES.contains(&word_at(text, tokens, range.end))
                && !national_side(text, tokens, &range, &is_country);
            (range, if team { Label::Org } else { label })
        })
        .collect()
}

/// A one-word name typed PER as the subject of a plural verb ("were", "are", "have") is a team or a body
/// (ORG): "Chelsea were quick to condemn", "But Chelsea have a good team", as British usage writes a
/// club. One person's name takes "was", "is" and "has". The name must open a clause: first in its
/// sentence or line, after an opening mark, or after a conjunction that opens one ("but", "because",
/// "that"); after a preposition or a title the verb's subject is another word ("critics of Putin
/// have", "Mr. Bush are"), after "and" the name closes a list ("Dole and Gingrich were"), and "if Perot
/// were" is a wish. A family's plural ("The Roosevelts are") is left alone. In the training file a name
/// of one word in such a place is LOC (national sides) 9 times, ORG 6 and PER never. The word's other
/// one-word mentions typed PER in the document are the team too ("Chelsea fans"), unless a person's
/// name in full has it ("Chelsea Clinton").
fn teams_by_their_verbs(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    const OPENERS: [&str; 16] = [
        "but", "because", "that", "when", "while", "as", "so", "then", "still", "though", "although", "after",
        "before", "since", "until", "if",
    ];
    let word = |i: usize| word_at(text, tokens, i);
    let line_start = |i: usize| starts_line(text, tokens, i);
    let opens_clause = |i: usize| {
        if line_start(i) {
            return true;
        }
        let before = word(i - 1);
        let abbreviation = |w: &str| w.contains('.') || (w.len() <= 3 && w.starts_with(|c: char| c.is_uppercase()));
        matches!(before, "\"" | "\u{201c}" | "\u{201d}" | "(" | "[" | ":" | ";" | "\u{2014}" | "\u{2013}" | "!" | "?")
            || (before == "." && !(i >= 2 && abbreviation(word(i - 2))))
            || OPENERS.contains(&before.to_lowercase().as_str())
    };
    let subject_of_plural = |range: &Range<usize>| {
        let verb = word(range.end);
        range.len() == 1
            && matches!(verb, "were" | "are" | "have")
            && !word(range.start).ends_with('s')
            && opens_clause(range.start)
            && !(verb == "were" && range.start > 0 && word(range.start - 1).eq_ignore_ascii_case("if"))
    };
    let mut teams: Vec<&str> = names
        .iter()
        .filter(|(range, label)| *label == Label::Per && subject_of_plural(range))
        .map(|(range, _)| word(range.start))
        .collect();
    // A person's name in full with the word in it ("Chelsea Clinton") leaves the word a person's.
    teams.retain(|team| {
        !names
            .iter()
            .any(|(range, label)| *label == Label::Per && range.len() > 1 && range.clone().any(|i| word(i) == *team))
    });
    if teams.is_empty() {
        return names;
    }
    names
        .into_iter()
        .map(|(range, label)| {
            let team = label == Label::Per && range.len() == 1 && teams.contains(&word(range.start));
            (range, if team { Label::Org } else { label })
        })
        .collect()
}

/// The agency of a credit line: a line of its own that is a dash and a few capitalized words, the way
/// wire stories from partners end ("-- Field Level Media"), is one ORG over the words, whatever the
/// tagger found there, unless it found a person (a signed piece: "— Jane Smith"). A leading "The" stays
/// out, as everywhere.
fn agencies_of_credit_lines(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let line_break_between = |from: usize, to: usize| text.get(from..to).is_some_and(|gap| gap.contains('\n'));
    let ends_line = |i: usize| match tokens.get(i).zip(tokens.get(i + 1)) {
        Some((at, after)) => line_break_between(at.span.end, after.span.start),
        None => true,
    };
    let mut agencies: Vec<Range<usize>> = Vec::new();
    for i in 0..tokens.len() {
        // The cheap test first: this runs on every token ('-', or the first byte of a dash).
        if !matches!(edge_bytes(text, tokens, i).0, b'-' | 0xE2) {
            continue;
        }
        // The dash: "—", "–", or hyphens ("--", which the tokenizer may cut into "-" "-").
        let mut start = i;
        while matches!(word(start), "-" | "--" | "\u{2014}" | "\u{2013}") && (start == i || !apart(tokens, start)) {
            start += 1;
        }
        if start == i || !starts_line(text, tokens, i) || (start == i + 1 && word(i) == "-") {
            continue;
        }
        if word(start) == "The" {
            start += 1;
        }
        let Some(end) = (start..tokens.len().min(start + 5)).find(|&j| ends_line(j)).map(|j| j + 1) else { continue };
        let capitalized = |j: usize| {
            let w = word(j);
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(|c| c.is_alphanumeric() || c == '.')
        };
        let inside = start..end;
        if inside.is_empty()
            || !inside.clone().all(|j| capitalized(j) || matches!(word(j), "of" | "&"))
            || names.iter().any(|(r, l)| *l == Label::Per && overlap(r, &inside))
        {
            continue;
        }
        agencies.push(inside);
    }
    replaced_by(names, agencies, Label::Org)
}

/// A picture's credit line that joins the photographer and the agency with a hyphen, as the pictures
/// of sports stories carry ("Mandatory Credit: Kim Klement-USA TODAY Sports"): the tokenizer keeps
/// "Klement-USA" one word, so the tagger found a person "Kim Klement-USA" and the dates rules a day
/// "TODAY". After "Credit:", up to the line's end, the words before the last hyphen, when a capital
/// follows it, are a person (two to four capitalized words: "Gary A. Vasquez"), the words after it an
/// organization (one to five words, each beginning with a capital or a digit), in place of the names the
/// tagger found there. A credit of another shape is left to the tagger ("Credit: Reuters").
fn with_credit_lines(text: &str, names: Vec<Entity>) -> Vec<Entity> {
    let mut found: Vec<(Span, Label)> = Vec::new();
    const KEY: &str = "Credit:";
    for at in memchr::memmem::find_iter(text.as_bytes(), KEY) {
        let start = at + KEY.len();
        let line = &text[start..text[start..].find('\n').map_or(text.len(), |n| start + n)];
        let line = line.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
        let Some(hyphen) = line.rfind('-').filter(|&h| line[h + 1..].starts_with(char::is_uppercase)) else {
            continue;
        };
        let (person, agency) = (&line[..hyphen], &line[hyphen + 1..]);
        let capitalized = |w: &str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        let person_words = person.split_whitespace().count();
        if !(2..=4).contains(&person_words)
            || !person.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
            || !(1..=5).contains(&agency.split_whitespace().count())
            || !agency.split_whitespace().all(capitalized)
            || person.ends_with(char::is_whitespace)
        {
            continue;
        }
        let person_start = start + (person.len() - person.trim_start().len());
        found.push((Span::new(person_start, start + hyphen), Label::Per));
        found.push((Span::new(start + hyphen + 1, start + line.len()), Label::Org));
    }
    if found.is_empty() {
        return names;
    }
    let mut out: Vec<Entity> =
        names.into_iter().filter(|name| !found.iter().any(|(span, _)| span.overlaps(name.span))).collect();
    out.extend(found.into_iter().map(|(span, label)| Entity::new(span, label, Source::Model)));
    out.sort_by_key(|name| name.span.start);
    out
}

/// Last words of the names of events, prizes, wars and laws, which CoNLL-2003 tags MISC ("Nobel Prize",
/// "Australian Open", "World Cup", "Cold War", "Clean Air Act": 183 of the 189 such names of two words or
/// more in the training file, the others a racehorse "Mind Games" and an ORG "Democrat National
/// Convention"; "Day" is left out, a surname as often: "Jason Day").
const EVENTS: [&str; 17] = [
    "Act",
    "Agreement",
    "Award",
    "Awards",
    "Championship",
    "Championships",
    "Convention",
    "Cup",
    "Festival",
    "Games",
    "Marathon",
    "Olympics",
    "Open",
    "Prize",
    "Tour",
    "Trophy",
    "War",
];

/// Last words of the names of places by their kind: streets and squares, bridges, waters, islands, valleys
/// and venues. The training file tags such names LOC 51 times in 54 ("Downing Street", "Atlantic Ocean",
/// "Wembley Stadium"); not "Park" (a surname as often: "Inbee Park"), nor "Centre" or "Hospital", whose
/// names recent news writes for the institution.
const PLACES: [&str; 16] = [
    "Arena",
    "Avenue",
    "Bay",
    "Beach",
    "Bridge",
    "Island",
    "Islands",
    "Mountains",
    "Ocean",
    "River",
    "Road",
    "Sea",
    "Square",
    "Stadium",
    "Street",
    "Valley",
];

/// Names typed by their last word, when they have two words or more:
/// - ending in an event's, prize's, war's or law's word (`EVENTS`), MISC whatever the tagger typed: "Boston
///   Marathon" (LOC), "Academy Award" (ORG or PER), "Hit & Run Tour" (ORG), a bill's "… Act" (ORG);
/// - ending in a place's kind (`PLACES`) and typed ORG or PER, LOC: "Gillette Stadium", "Allianz Arena"
///   (named for companies), "Tahrir Square", "Rabin Square" (for people). A MISC is left alone (a title:
///   "Primates of Park Avenue").
///
/// And a name of any length typed ORG or PER right before its kind of place in lowercase
/// (`before_its_kind`: "the Bolan area of Lashkar Gah city") is LOC.
fn typed_by_last_word(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    names
        .into_iter()
        .map(|(range, label)| {
            let last = if range.len() > 1 { word_at(text, tokens, range.end - 1) } else { "" };
            let label = if EVENTS.contains(&last) {
                Label::Misc
            } else if (PLACES.contains(&last) || before_its_kind(text, tokens, range.end))
                && matches!(label, Label::Org | Label::Per)
            {
                Label::Loc
            } else {
                label
            };
            (range, label)
        })
        .collect()
}

/// Days named after 1996, sale days and the primaries' "Super Tuesday" (the tagger cuts it to an ORG
/// "Super"): other names (MISC), as the training file tags named days.
const NAMED_DAYS: [(&str, &str); 4] =
    [("Black", "Friday"), ("Cyber", "Monday"), ("Prime", "Day"), ("Super", "Tuesday")];

/// The first letters of `NAMED_DAYS`' first words, for `events_of_now`'s first test of a token.
const NAMED_DAYS_INITIALS: &[u8] = b"BCPS";

/// Names of events of recent years, other names (MISC) as the training file tags events and named days
/// ("EMU", "Euro 96"), which the 1996 model reads as places or people: a country's leaving a union
/// written as one word ending in "xit" ("Brexit" LOC, PER or untagged by turns; "Grexit"; with a prefix,
/// "pro-Brexit"), days named since (`NAMED_DAYS`: "Black Friday" LOC), and operations ("Operation Warp
/// Speed", which the tagger cut to "Operation Warp"; "Operation Desert Storm" ORG), as the training file
/// tags "Operation Provide Comfort". A longer name that holds them stays as it is ("Brexit Party"), and
/// "Operation" after a capitalized word is a word of another name ("Special Operation Forces").
fn events_of_now(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let exit = |w: &str| {
        let stem = w.rsplit('-').next().unwrap_or(w);
        stem.len() >= 5 && stem.ends_with("xit") && ascii_title_case(stem)
    };
    let title_case = |w: &str| w.len() > 1 && ascii_title_case(w);
    let mut spans: Vec<Range<usize>> = Vec::new();
    for i in 0..tokens.len() {
        // The cheap test first: this runs on every token. An exit ends in "t", "Operation" begins with
        // "O".
        let (first, last) = edge_bytes(text, tokens, i);
        if last != b't' && first != b'O' && !NAMED_DAYS_INITIALS.contains(&first) {
            continue;
        }
        let w = word(i);
        if !w.ends_with("xit") && w != "Operation" && !NAMED_DAYS.iter().any(|(day, _)| w == *day) {
            continue;
        }
        let span = if exit(w) {
            i..i + 1
        } else if NAMED_DAYS.contains(&(w, word(i + 1))) {
            i..i + 2
        } else if w == "Operation" && !(i > 0 && title_case(word(i - 1))) && title_case(word(i + 1)) {
            // An operation's name: its title-case words, up to three ("Operation Warp Speed").
            let end =
                (i + 1..(i + 4).min(tokens.len())).take_while(|&j| title_case(word(j)) && apart(tokens, j)).last();
            i..end.map_or(i + 1, |e| e + 1)
        } else {
            continue;
        };
        let held = names.iter().any(|(r, _)| overlap(r, &span) && (r.start < span.start || r.end > span.end));
        if !held && spans.last().is_none_or(|last| last.end <= span.start) {
            spans.push(span);
        }
    }
    replaced_by(names, spans, Label::Misc)
}

/// A place right before an event named after it, which the tagger cut in two ("Tokyo" + "Olympics",
/// "Bahrain" + "Grand Prix"), is one other name (MISC) with it: in the training file names ending in
/// "Open", "Games" or "Prix" are MISC whole 73 times, whatever word they begin with ("Atlanta Games",
/// "U.S. Open", "Belgian Grand Prix"), and a place and the event apart once. The event is a MISC ending
/// in a gathering's word (a games', a race's, a cup's or a festival's), one space after the place; a
/// law stays apart from its place ("U.S." + "Refugee Act").
fn places_of_events(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    const GATHERINGS: [&str; 11] = [
        "Championship",
        "Championships",
        "Cup",
        "Festival",
        "Games",
        "Marathon",
        "Olympics",
        "Open",
        "Prix",
        "Tour",
        "Trophy",
    ];
    let event = |range: &Range<usize>| GATHERINGS.contains(&word_at(text, tokens, range.end - 1));
    let one_space = |end: usize| {
        tokens
            .get(end.wrapping_sub(1))
            .zip(tokens.get(end))
            .is_some_and(|(a, b)| text.get(a.span.end..b.span.start) == Some(" "))
    };
    joined_after_places(names, Label::Misc, |_, event_name| one_space(event_name.start) && event(event_name))
}

/// Capitalized words on both sides of an ampersand are one name, which the tagger sometimes cuts in two
/// people ("and Johnson & Johnson expects": PER "Johnson", PER "Johnson"): in the training file a
/// capitalized word on each side of "&" is in one name 23 times of 23, ORG 22 ("Duff & Phelps", "Goldman
/// Sachs & Co"), LOC once ("Public Park & Rec"). The names next to the "&" (or the word itself where the
/// tagger found none), each of three words at most, become one ORG; one LOC where both were places
/// ("Trinidad & Tobago"). Not where the "&" is inside a name already, a word is no name's and in
/// lowercase, a side is a person named in full or a title follows the "&" ("Rudy Giuliani & Sen.").
fn joined_by_ampersands(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let capitalized =
        |i: usize| word(i).starts_with(|c: char| c.is_uppercase()) && word(i).chars().any(char::is_lowercase);
    let ampersands: Vec<usize> = (1..tokens.len().saturating_sub(1))
        .filter(|&i| {
            edge_bytes(text, tokens, i).0 == b'&' && word(i) == "&" && apart(tokens, i) && apart(tokens, i + 1)
        })
        .collect();
    if ampersands.is_empty() {
        return names;
    }
    // Two people named in full are two ("Rudy Giuliani & Sen. Ted Cruz").
    let person = |name: Option<&(Range<usize>, Label)>| name.is_some_and(|(r, l)| *l == Label::Per && r.len() >= 2);
    let mut joined: Vec<(Range<usize>, Label)> = Vec::new();
    for &i in &ampersands {
        if names.iter().any(|(r, _)| r.start < i && i < r.end) || sentence_of.get(i - 1) != sentence_of.get(i + 1) {
            continue;
        }
        let left = names.iter().find(|(r, _)| r.end == i);
        let right = names.iter().find(|(r, _)| r.start == i + 1);
        if left.is_none() && right.is_none() {
            continue;
        }
        let start = left.map_or(i - 1, |(r, _)| r.start);
        let end = right.map_or(i + 2, |(r, _)| r.end);
        let title = is_title(word(i + 1)) || is_role(word(i + 1));
        let fits = (left.is_some() || capitalized(i - 1))
            && (right.is_some() || capitalized(i + 1))
            && i - start <= 3
            && end - i - 1 <= 3
            && !person(left)
            && !person(right)
            && !title;
        if fits {
            let places = left.is_some_and(|(_, l)| *l == Label::Loc) && right.is_some_and(|(_, l)| *l == Label::Loc);
            joined.push((start..end, if places { Label::Loc } else { Label::Org }));
        }
    }
    replaced_by_names(names, joined)
}

/// A name that holds an acronym's possessive ("CDC's Advisory Committee on Immunization Practices") is two
/// names, the acronym's and the one after the "'s", each with the name's type: in the training file no name
/// holds an "'s" after an acronym (outside headlines in capitals), and the name after one is a name of its
/// own 5 times of 5 ("NATO 's Partnership for Peace", "MOF 's Kubo"). Companies named with a possessive
/// ("Moody's Investors Service", "McDonald's") have lowercase letters before it and stay whole.
fn apart_at_acronyms_possessives(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let acronym = |i: usize| word(i).len() >= 2 && word(i).bytes().all(|b| b.is_ascii_uppercase());
    let possessive_at = |range: &Range<usize>| {
        (range.start + 1..range.end.saturating_sub(1)).find(|&k| matches!(word(k), "'s" | "’s") && acronym(k - 1))
    };
    if !names.iter().any(|(r, _)| possessive_at(r).is_some()) {
        return names;
    }
    let mut out = Vec::with_capacity(names.len() + 1);
    for (range, label) in names {
        match possessive_at(&range) {
            Some(k) => {
                out.push((range.start..k, label));
                out.push((k + 1..range.end, label));
            }
            None => out.push((range, label)),
        }
    }
    out
}

/// A court's name does not take in the title of the judge named right after it: "Supreme Court Justice Amy
/// Coney Barrett" is the ORG "Supreme Court" and the person, not ORG "Supreme Court Justice" (the title,
/// as "Judge" or "Chief Justice", is no name). Only before a person's name; "Department of Justice" stays.
fn without_judges_titles(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let person_at = |i: usize| names.iter().any(|(r, l)| r.start == i && *l == Label::Per);
    names
        .iter()
        .map(|(range, label)| {
            let mut range = range.clone();
            if *label == Label::Org
                && range.len() >= 3
                && matches!(word(range.end - 1), "Justice" | "Judge" | "Justices" | "Judges")
                && person_at(range.end)
            {
                range.end -= 1;
                if matches!(word(range.end - 1), "Chief" | "Associate" | "Magistrate" | "District") {
                    range.end -= 1;
                }
            }
            (range, *label)
        })
        .collect()
}

/// A legislature's name does not take in the rank of the leader named after it: "Senate Majority
/// Leader Mitch McConnell" is the ORG "Senate", the rank "Majority Leader" and the person (the tagger
/// took in "Majority" or "Minority" 36 times in 2,015 unlabelled articles), and "Senate Democratic
/// leader" is the ORG "Senate" and the party's adjective (MISC, as the training file tags "Democratic"
/// alone). Only before "Leader" or "Whip", in any case. Nor does a body's name take in "Chair" or
/// "Chairperson" after it, as it takes no "Chairman" (`OFFICES`): "Federal Reserve Chair Janet Yellen" is
/// the ORG "Federal Reserve" (the tagger took "Chair" in 6 times in 2,098 unlabelled articles: "DNC
/// Chair", "Democratic National Committee Chair").
fn without_leaders_ranks(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let mut out = Vec::with_capacity(names.len());
    for (range, label) in names {
        let chair = label == Label::Org
            && range.len() >= 2
            && matches!(word_at(text, tokens, range.end - 1), "Chair" | "Chairperson");
        if chair {
            out.push((range.start..range.end - 1, label));
            continue;
        }
        let rank =
            ["leader", "leaders", "whip"].iter().any(|r| word_at(text, tokens, range.end).eq_ignore_ascii_case(r));
        if label != Label::Org || range.len() < 2 || !rank {
            out.push((range, label));
            continue;
        }
        let last = range.end - 1;
        match word_at(text, tokens, last) {
            "Majority" | "Minority" => out.push((range.start..last, label)),
            "Democratic" | "Republican" => {
                out.push((range.start..last, label));
                out.push((last..range.end, Label::Misc));
            }
            _ => out.push((range, label)),
        }
    }
    out
}

/// A one-word name written in camel case, a capital letter inside it after lowercase ones ("BioNTech",
/// "WalletHub", "SeaWorld"), that the tagger typed PER is ORG: in the training file such names are ORG
/// 18 times and MISC 4 ("EgyptAir", "VeriSign", "CeBIT"), PER never. Not a surname with a particle
/// written close ("McConnell", "DeSantis", "VanderSloot", "AbdulSalam").
fn camel_case_organizations(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    names
        .into_iter()
        .map(|(range, label)| {
            let organization =
                label == Label::Per && range.len() == 1 && upper_camel(word_at(text, tokens, range.start)).is_some();
            (range, if organization { Label::Org } else { label })
        })
        .collect()
}

/// The first words of surnames and given names written with a second capital ("McDonald", "DeSantis",
/// "LaGuardia"): such a word is a person's or a place's name, not an upper-camel company's.
const NAME_PARTICLES: [&str; 20] = [
    "Abdul", "Abu", "Al", "Ben", "Bin", "Da", "De", "Del", "Di", "Du", "El", "Fitz", "La", "Le", "Mac", "Mc", "St",
    "Van", "Vander", "Von",
];

/// A word in upper camel case: an ASCII capital, lowercase letters, then ASCII letters that begin with a
/// capital ("SurveyMonkey", "HuffPost", "SiriusXM"), its first part not one of `NAME_PARTICLES`. The
/// length of the lowercase run after the first capital, for callers that ask more of it.
fn upper_camel(w: &str) -> Option<usize> {
    let bytes = w.as_bytes();
    let lower_run = bytes.iter().skip(1).take_while(|b| b.is_ascii_lowercase()).count();
    let rest = bytes.get(1 + lower_run..).unwrap_or(&[]);
    (bytes.first().is_some_and(u8::is_ascii_uppercase)
        && lower_run > 0
        && rest.first().is_some_and(u8::is_ascii_uppercase)
        && rest.iter().all(u8::is_ascii_alphabetic)
        && !w.get(..1 + lower_run).is_some_and(|head| NAME_PARTICLES.contains(&head)))
    .then_some(lower_run)
}

/// Organizations written together with another, which the tagger leaves out beside it: a capitalized
/// word glued to an organization by a slash ("Pfizer/BioNTech", where the tagger found only "Pfizer"), and
/// a word of capitalized parts joined by hyphens ("Pfizer-BioNTech"), are an organization when the
/// document names the word, or one of the parts, as an organization on its own. Two organizations
/// written with a slash stay two ("CNN/ORC"); a word whose parts are no organizations stays as it is
/// ("Israeli-Palestinian").
fn joined_organizations(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let capitalized = |w: &str| w.starts_with(|c: char| c.is_uppercase()) && w.chars().any(char::is_lowercase);
    let organizations: FxHashSet<&str> =
        names.iter().filter(|(r, l)| *l == Label::Org && r.len() == 1).map(|(r, _)| word(r.start)).collect();
    if organizations.is_empty() {
        return names;
    }
    let mut found: Vec<Range<usize>> = Vec::new();
    // Both kinds begin with a capital letter.
    for i in capitalized_outside(text, tokens, &names) {
        let w = word(i);
        if !(w.contains('-') || (i > 1 && word(i - 1) == "/")) {
            continue;
        }
        let after_slash = i > 1
            && word(i - 1) == "/"
            && !apart(tokens, i)
            && !apart(tokens, i - 1)
            && names.iter().any(|(r, l)| *l == Label::Org && r.end == i - 1)
            && organizations.contains(w);
        let mut parts = w.split('-');
        let hyphenated = w.contains('-') && parts.clone().all(capitalized) && parts.any(|p| organizations.contains(p));
        if after_slash || hyphenated {
            found.push(i..i + 1);
        }
    }
    replaced_by(names, found, Label::Org)
}

/// Words that, capitalized before a number, name a numbered provision of a law or a ballot measure:
/// "Section 230", "Article 50", "Proposition 22", "Title IX", "Chapter 11" (the training file's "Chapter 11"
/// and "Proposition 215" are MISC).
const PROVISIONS: [&str; 5] = ["Article", "Chapter", "Proposition", "Section", "Title"];

/// The first letters of `PROVISIONS` and of `CONFERENCES`' first words, for `names_with_numbers`' first
/// test of a token.
const NUMBERED_NAMES_INITIALS: &[u8] = b"ABCMPST";

/// College sports conferences named with a number or a direction, which the 1996 text does not have:
/// each is an organization, with "Conference" after it when written so.
const CONFERENCES: [&[&str]; 7] = [
    &["Big", "12"],
    &["Big", "Ten"],
    &["Big", "East"],
    &["Big", "Sky"],
    &["Big", "West"],
    &["Pac-12"],
    &["Mountain", "West"],
];

/// Names with numbers of recent news that the tagger leaves out or cuts: a numbered provision
/// (`PROVISIONS` and a number in digits or Roman numerals: "Section 230") is MISC, a college sports
/// conference (`CONFERENCES`: "Big 12", "Pac-12", "Big Ten Conference") ORG, over whatever the tagger found
/// inside, unless a longer name holds it ("Big 12 Championship").
fn names_with_numbers(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let number = |w: &str| {
        (1..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
            || (1..=5).contains(&w.len()) && w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
    };
    let mut provisions: Vec<Range<usize>> = Vec::new();
    let mut conferences: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // The cheap test first: this runs on every token.
        if !NUMBERED_NAMES_INITIALS.contains(&edge_bytes(text, tokens, i).0) {
            i += 1;
            continue;
        }
        let w = word(i);
        let held = |span: &Range<usize>| {
            names.iter().any(|(r, _)| overlap(r, span) && (r.start < span.start || r.end > span.end))
        };
        if PROVISIONS.contains(&w) && apart(tokens, i + 1) && number(word(i + 1)) {
            let span = i..i + 2;
            if !held(&span) {
                provisions.push(span);
            }
            i += 2;
            continue;
        }
        let conference = |words: &&&[&str]| {
            words.first() == Some(&w) && words.iter().enumerate().skip(1).all(|(k, x)| word(i + k) == *x)
        };
        if let Some(words) = CONFERENCES.iter().find(conference) {
            let end = i + words.len() + usize::from(word(i + words.len()) == "Conference");
            let span = i..end;
            if !held(&span) {
                conferences.push(span);
            }
            i = end;
            continue;
        }
        i += 1;
    }
    replaced_by(replaced_by(names, provisions, Label::Misc), conferences, Label::Org)
}

/// The rules written after the shipped model was trained that retype or join the names found, in turn
/// (the full pipeline only: `Model::conventions`).
fn after_self_training(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let names = organizations_by_their_last_word(text, tokens, names);
    let names = events_of_now(text, tokens, names);
    let names = places_of_events(text, tokens, names);
    let names = without_leaders_ranks(text, tokens, names);
    let names = names_with_numbers(text, tokens, names);
    let names = camel_case_organizations(text, tokens, names);
    let names = joined_organizations(text, tokens, names);
    let names = companies_apart(text, tokens, names);
    defined_acronyms(text, tokens, names)
}

/// Words that end a company's name: its legal form ("Inc", "Plc", "AG") or "Corporation".
const LEGAL_FORMS: [&str; 14] =
    ["AG", "Co", "Corp", "Corporation", "Inc", "LLC", "Limited", "Ltd", "NV", "PLC", "Plc", "SA", "SE", "plc"];

/// A legal form the tagger found alone, or at the start of an organization's name, after the capitalized
/// words of the company's name that it left out or typed otherwise ("German partner BioNTech SE": ORG "SE")
/// takes those words in: in the training file a legal form right after a capitalized word is in one ORG
/// with it 196 times of 196. The words are taken back to the sentence's start, a word in lowercase or a
/// mark, at most four; a name that ends right before the legal form is taken in whole. Not a role's words
/// ("Principal Deputy Assistant AG", an attorney general).
fn companies_before_legal_forms(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    // Not a role's words: "Deputy Assistant AG" is an attorney general.
    let capitalized = |i: usize| {
        let w = word(i);
        w.starts_with(|c: char| c.is_uppercase())
            && !LEGAL_FORMS.contains(&w)
            && !is_role(w)
            && !matches!(w, "Assistant" | "Deputy" | "Acting" | "Principal" | "Former")
    };
    let alone = |range: &Range<usize>, label: Label| {
        label == Label::Org && LEGAL_FORMS.contains(&word(range.start)) && range.start > 0 && apart(tokens, range.start)
    };
    if !names.iter().any(|(r, l)| alone(r, *l) && capitalized(r.start - 1)) {
        return names;
    }
    let mut out: Vec<(Range<usize>, Label)> = Vec::with_capacity(names.len());
    for (range, label) in names {
        if !alone(&range, label) {
            out.push((range, label));
            continue;
        }
        let sentence_start = sentence_of.get(range.start).map_or(range.start, |s| s.start);
        let mut start = range.start;
        // A name right before: taken in whole.
        if let Some((last, _)) = out.last() {
            if last.end == range.start && last.start >= sentence_start && (last.start..last.end).all(capitalized) {
                start = last.start;
                out.pop();
            }
        }
        if start == range.start {
            let free = out.last().map_or(0, |(r, _)| r.end).max(sentence_start);
            while start > free && range.start - start < 4 && capitalized(start - 1) && apart(tokens, start) {
                start -= 1;
            }
        }
        out.push((start..range.end, Label::Org));
    }
    out
}

/// Two companies the tagger joined into one name across "and" ("Oracle Corp and Walmart Inc") are two
/// names: in the training file a legal form right before "and" and a capitalized word ends the name 8
/// times of 9 ("Chevron Corp and Texaco Inc"; the other, "First Alliance Corporation and Subsidiaries",
/// a body and its subsidiaries, stays one).
fn companies_apart(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let joint = |i: usize| {
        word(i) == "and"
            && (LEGAL_FORMS.contains(&word(i - 1))
                || (word(i - 1) == "." && !apart(tokens, i - 1) && LEGAL_FORMS.contains(&word(i - 2))))
            && word(i + 1).starts_with(|c: char| c.is_uppercase())
            && !matches!(word(i + 1), "Subsidiaries" | "Affiliates")
    };
    if !names.iter().any(|(r, l)| *l == Label::Org && (r.start + 2..r.end.saturating_sub(1)).any(joint)) {
        return names;
    }
    let mut out = Vec::with_capacity(names.len() + 1);
    for (range, label) in names {
        let mut start = range.start;
        if label == Label::Org {
            for i in range.start + 2..range.end.saturating_sub(1) {
                if joint(i) {
                    out.push((start..i, label));
                    start = i + 1;
                }
            }
        }
        out.push((start..range.end, label));
    }
    out
}

/// Words that may stand inside a name an acronym abbreviates without giving it a letter ("Organisation
/// for Security and Cooperation in Europe (OSCE)").
const ACRONYM_GLUE: [&str; 12] = ["of", "for", "and", "the", "in", "on", "to", "at", "&", "de", "des", "du"];

/// Acronyms defined in parentheses after the name they abbreviate ("the Centers for Disease Control and
/// Prevention (CDC)"). In the training file, when an acronym's letters are the initials of the
/// capitalized words right before it, the name is one whole name 59 times of 59 and the acronym has its
/// type every time (ORG 52, MISC 7); so do the acronym's other mentions in the document, 98 times of 98.
/// The tagger cuts such names ("Disease Control and Prevention", "Committee on Foreign Investment" + LOC
/// "United States" for "CFIUS") and types the acronym apart (MISC "CFIUS", or nothing for "WHO"): the
/// name is made whole, over the names it overlaps, and the acronym and its mentions standing alone get its
/// type; a name of the tagger's that begins before the words keeps its part before them. The name's
/// words are found from the acronym's last letter back, each letter the initial of a
/// capitalized word (`ACRONYM_GLUE` words give none), with one capitalized word at the end allowed to give
/// none (the "Prevention" of "CDC"). Its type is that of a name that holds it all; else ORG or MISC, which
/// of the two the tagger gave more often to the words of the names inside it, with one vote more for the
/// type of the acronym's mentions alone (ties go to the name over its last word, then its first:
/// "Justice" ORG + "Trafficking Act" MISC, the acronym ORG, is a law).
/// Places inside do not count ("Committee on Foreign Investment in the United States"); with no ORG or
/// MISC of the tagger's in it, nothing changes ("Optimised Deprival Value (ODV)").
fn defined_acronyms(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let mut defined: Vec<(Range<usize>, &str, Label)> = Vec::new();
    let mut parts: Vec<(Range<usize>, Label)> = Vec::new();
    for i in 1..tokens.len().saturating_sub(2) {
        // The cheap test first: this runs on every token.
        if edge_bytes(text, tokens, i).0 != b'(' || word(i) != "(" || word(i + 2) != ")" {
            continue;
        }
        let acronym = word(i + 1);
        if !(2..=8).contains(&acronym.len()) || !acronym.bytes().all(|b| b.is_ascii_uppercase()) {
            continue;
        }
        let letters = acronym.as_bytes();
        let (mut left, mut skipped, mut start) = (letters.len(), false, None);
        for j in (0..i).rev() {
            let w = word(j);
            let first = w.as_bytes().first().copied().unwrap_or(0);
            if !first.is_ascii_uppercase() {
                if ACRONYM_GLUE.contains(&w) && start.is_none() {
                    continue;
                }
                break;
            }
            if letters[left - 1] == first {
                left -= 1;
                if left == 0 {
                    start = Some(j);
                    break;
                }
            } else if left == letters.len() && !skipped {
                skipped = true;
            } else {
                break;
            }
        }
        let Some(start) = start else { continue };
        let long = start..i;
        let inside: Vec<&(Range<usize>, Label)> = names.iter().filter(|(r, _)| overlap(r, &long)).collect();
        let label = match inside.iter().find(|(r, _)| r.start <= long.start && r.end >= long.end) {
            Some((_, label)) => *label,
            None => {
                // Votes: a word of a name inside one each; the acronym's mentions typed alone, one.
                let votes = |label: Label| {
                    inside.iter().filter(|(_, l)| *l == label).map(|(r, _)| r.len()).sum::<usize>()
                        + usize::from(
                            names.iter().any(|(r, l)| *l == label && r.len() == 1 && word(r.start) == acronym),
                        )
                };
                let (org, misc) = (votes(Label::Org), votes(Label::Misc));
                let at = |k: usize| inside.iter().find(|(r, _)| r.contains(&k)).map(|(_, l)| *l);
                match (org.cmp(&misc), at(long.end - 1), at(long.start)) {
                    _ if org + misc == 0 => continue,
                    (std::cmp::Ordering::Greater, _, _) => Label::Org,
                    (std::cmp::Ordering::Less, _, _) => Label::Misc,
                    (_, Some(last @ (Label::Org | Label::Misc)), _) => last,
                    (_, _, Some(first @ (Label::Org | Label::Misc))) => first,
                    _ => Label::Org,
                }
            }
        };
        // A name of the tagger's that begins before the words keeps its part before them ("U.S." of "U.S.
        // West Texas" before "Intermediate (WTI)"), but an organization's part stays in an organization's
        // name: "U.S." of "U.S. Cybersecurity" + "and Infrastructure Security Agency (CISA)", as the
        // training file writes "U.S." and an organization's name after it as one ORG 30 times of 33.
        let container = inside.iter().find(|(r, _)| r.start <= long.start && r.end >= long.end);
        let before = inside.iter().find(|(r, _)| r.start < long.start);
        let mut whole = container.map_or(long.clone(), |(r, _)| r.clone());
        match before {
            Some((r, Label::Org)) if container.is_none() && label == Label::Org => whole = r.start..long.end,
            _ if container.is_none() => {
                parts.extend(before.map(|(r, l)| (r.start..long.start, *l)));
            }
            _ => {}
        }
        defined.push((whole, acronym, label));
    }
    if defined.is_empty() {
        return names;
    }
    // The acronym's mentions that stand alone: untagged, or a name of that one word. Each acronym's label
    // is its first definition's. A mention is held by a name of two tokens or more over it (a range of
    // one token that overlaps it is the mention itself); the mentions found before it are other tokens.
    let mut labels: FxHashMap<&str, Label> = FxHashMap::default();
    for (_, acronym, label) in &defined {
        labels.entry(acronym).or_insert(*label);
    }
    let longer = Ranges::new(
        names.iter().map(|(r, _)| r).chain(defined.iter().map(|(r, _, _)| r)).filter(|r| r.len() >= 2).cloned(),
    );
    let mut found: Vec<(Range<usize>, Label)> = defined.iter().map(|(r, _, l)| (r.clone(), *l)).collect();
    for i in 0..tokens.len() {
        let first = edge_bytes(text, tokens, i).0;
        if !first.is_ascii_uppercase() {
            continue;
        }
        let Some(&label) = labels.get(word(i)) else { continue };
        let alone = i..i + 1;
        if !longer.overlap(&alone) {
            found.push((alone, label));
        }
    }
    let replaced = Ranges::new(found.iter().map(|(r, _)| r.clone()));
    let mut out: Vec<(Range<usize>, Label)> = names.into_iter().filter(|(r, _)| !replaced.overlap(r)).collect();
    out.extend(found);
    out.extend(parts);
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// Last words of news media's names: "Breitbart News", "Washington Examiner", "China Central
/// Television". Not "Post", "Star" or "Sun", which are people's surnames too ("Marjorie Merriweather Post").
const MEDIA: [&str; 15] = [
    "Broadcasting",
    "Chronicle",
    "Daily",
    "Examiner",
    "Gazette",
    "Herald",
    "Inquirer",
    "Journal",
    "Magazine",
    "News",
    "Radio",
    "Telegraph",
    "Television",
    "Times",
    "TV",
];

/// A wire story's dateline: the place or places that open a line, before the agency's name in parentheses
/// and a dash ("ADELAIDE (Reuters) -", "WASHINGTON/NEW YORK (Reuters) —", "Kabul (AP) -"). Each place is
/// LOC, over whatever the tagger found there ("ADELAIDE": ORG): in the training file the places of its
/// datelines ("ADELAIDE 1996-12-06") are LOC 738 times of 746 (the others "UNITED NATIONS", ORG 3 times
/// and LOC twice, and three errors). Places are words with a capital letter first (and no digit), one
/// to four, separated by "/" or ","; the agency one or two words of two letters or more, a capital first.
fn datelines_are_places(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let line_start = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            let before = text.get(..t.span.start).unwrap_or("");
            let trimmed = before.trim_end_matches([' ', '\t']);
            trimmed.is_empty() || trimmed.ends_with('\n')
        })
    };
    let place_word = |i: usize| {
        let w = word(i);
        w.starts_with(|c: char| c.is_uppercase())
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
            && w != "UNITED"
    };
    // An agency's word: two letters or more (not a club's "(N)" in a results table, "Radnicki (N) - Spartak").
    let agency_word = |i: usize| {
        let w = word(i);
        w.len() >= 2 && w.starts_with(|c: char| c.is_ascii_uppercase()) && w.chars().all(char::is_alphanumeric)
    };
    let mut places: Vec<Range<usize>> = Vec::new();
    for open in 1..tokens.len() {
        if edge_bytes(text, tokens, open).0 != b'(' || word(open) != "(" {
            continue;
        }
        let agency_end = if agency_word(open + 1) && word(open + 2) == ")" {
            open + 2
        } else if agency_word(open + 1) && agency_word(open + 2) && word(open + 3) == ")" {
            open + 3
        } else {
            continue;
        };
        if !matches!(word(agency_end + 1), "-" | "—" | "–") {
            continue;
        }
        // Back from the "(" over places and their separators to the line's start.
        let mut start = open;
        let mut segments: Vec<Range<usize>> = Vec::new();
        let mut end = open;
        while start > 0 && open - start < 12 {
            let i = start - 1;
            if place_word(i) {
                start = i;
            } else if matches!(word(i), "/" | ",") && end > start {
                segments.push(start..end);
                start = i;
                end = i;
            } else {
                break;
            }
        }
        if end > start && line_start(start) && segments.iter().all(|s| s.len() <= 4) && end - start <= 4 {
            segments.push(start..end);
            places.extend(segments.into_iter().filter(|s| !s.is_empty()));
        }
    }
    if places.is_empty() {
        return names;
    }
    places.sort_by_key(|r| r.start);
    replaced_by(names, places, Label::Loc)
}

/// A name typed PER right before "unit", "units" or "subsidiary" is a company's ("Johnson & Johnson's
/// Janssen unit"): in the training file names before those words are ORG 12 times and LOC 3 (a unit's
/// place: "its U.S. unit"), never PER.
fn units_are_organizations(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    names
        .into_iter()
        .map(|(range, label)| {
            let unit = matches!(word_at(text, tokens, range.end), "unit" | "units" | "subsidiary");
            (range, if label == Label::Per && unit { Label::Org } else { label })
        })
        .collect()
}

/// Last words of companies' names (not "Bank", which ends places too: "West Bank"; nor "Games", "Trust" or
/// "Exchange", which end events and other names as often; nor "Steel" or "Power", which end people's:
/// "Samantha Power", PER twice in the training file; nor "Innovation", which ends institutes' names: "Wood
/// Innovation and Design Center").
const COMPANY_WORDS: [&str; 60] = [
    "Aerospace",
    "Airlines",
    "Airways",
    "Bancorp",
    "Biosciences",
    "Biotech",
    "Books",
    "Bros",
    "Brothers",
    "Capital",
    "Cement",
    "Chemicals",
    "Coffee",
    "Communications",
    "Electronics",
    "Energy",
    "Enterprises",
    "Entertainment",
    "Films",
    "Financial",
    "Foods",
    "Fund",
    "Funds",
    "Group",
    "Holdings",
    "Industries",
    "Innovations",
    "Insurance",
    "Investments",
    "Laboratories",
    "Labs",
    "Logistics",
    "Markets",
    "Media",
    "Mining",
    "Motors",
    "Networks",
    "Partners",
    "Petroleum",
    "Pharmaceuticals",
    "Pictures",
    "Productions",
    "Publishing",
    "Realty",
    "Records",
    "Resources",
    "Robotics",
    "Securities",
    "Semiconductor",
    "Services",
    "Shipping",
    "Software",
    "Solutions",
    "Stores",
    "Studios",
    "Systems",
    "Technologies",
    "Telecom",
    "Therapeutics",
    "Ventures",
];

/// A name of two words or more ending in a news medium's word (`MEDIA`) that the tagger typed PER or LOC
/// is ORG ("tells Breitbart News", PER 11 times in 1,478 unlabelled CNN, BBC and PolNeAR articles): in
/// the training file such names are ORG 21 times of 22, the other a MISC. So is one ending in an
/// institution's word (`INSTITUTIONS`, "University", "College") that the tagger typed PER, a body named
/// after a person ("Clinton Foundation" PER 9 times and ORG 59 in 2,015 unlabelled articles, "Bob Jones
/// University", "Woodrow Wilson Center"): in the training file such names are ORG 167 times, LOC 16
/// (centres and other places), MISC 3, PER never. So is one ending in a company's word (`COMPANY_WORDS`:
/// "Del Rey Books", "Bain Capital", "Warner Brothers") that the tagger typed PER or LOC: in the training
/// file such names are ORG 48 times of 48. A MISC is left alone (a programme: "Breitbart News Daily"; a
/// group in a competition: "Davis Cup World Group").
fn organizations_by_their_last_word(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    names
        .into_iter()
        .map(|(range, label)| {
            let last = if range.len() > 1 { word_at(text, tokens, range.end - 1) } else { "" };
            // A company's word may end in an abbreviation's period ("Warner Bros.").
            let abbreviated = last == "." && range.len() > 2 && !apart(tokens, range.end - 1);
            let company_word = if abbreviated { word_at(text, tokens, range.end - 2) } else { last };
            let media = matches!(label, Label::Per | Label::Loc)
                && (MEDIA.contains(&last) || COMPANY_WORDS.contains(&company_word));
            let body =
                label == Label::Per && (INSTITUTIONS.contains(&last) || matches!(last, "University" | "College"));
            (range, if media || body { Label::Org } else { label })
        })
        .collect()
}

/// Kinds of place written in lowercase after a place's name ("Lashkar Gah city", "Helmand province",
/// "Heathrow airport"). In the training file a name right before one of them is LOC 71 times, MISC 59
/// (nationalities: "the Afghan capital"), PER once, ORG never. Not "state", which recent political news
/// writes after a candidate ("a Trump state").
const PLACE_KINDS: [&str; 13] = [
    "city", "province", "district", "area", "region", "county", "village", "town", "capital", "airport", "port",
    "island", "valley",
];

/// Words that may follow a kind of place when it is the place's ("in Lashkar Gah city, said", "the
/// Bolan area of"), as opposed to a noun it begins ("town hall", "city council", "state department").
const AFTER_A_PLACE: [&str; 14] =
    ["of", "in", "on", "and", "or", "where", "which", "that", "to", "near", "with", "from", "after", "said"];

/// Whether the token at `i` is a kind of place (`PLACE_KINDS`) standing apart, with a mark (not a
/// possessive's "'s": "the U.N. state's record"), the text's end or one of `AFTER_A_PLACE` after it: the
/// name ending right before `i` is a place's.
fn before_its_kind(text: &str, tokens: &[Token], i: usize) -> bool {
    let next = word_at(text, tokens, i + 1);
    let possessive = matches!(next, "'s" | "’s" | "'" | "’");
    PLACE_KINDS.contains(&word_at(text, tokens, i))
        && apart(tokens, i)
        && !possessive
        && (next.is_empty() || !next.starts_with(char::is_alphanumeric) || AFTER_A_PLACE.contains(&next))
}

/// Armed groups of the news since 2001, as the press writes them (with the spellings of "al Qaeda" and
/// "al-Shabaab" in use). The 1996 training file tags such groups ORG (Hamas 7 times, PKK 12, ETA 6,
/// Hizbollah once, out of as many), but never saw these: the tagger reads "ISIS" as an other name, "Boko
/// Haram" and "Al Qaeda" as people, "al-Qaeda" as a place and "Islamic State" as the adjective
/// "Islamic" (in 1,478 CNN, BBC and PolNeAR articles: "ISIS" MISC 650 times and ORG 78, "Boko Haram" PER
/// 107 times and ORG 31). Words as the tokenizer cuts them, separated by spaces.
const ARMED_GROUPS: [&str; 30] = [
    "ISIS",
    "ISIL",
    "Islamic State",
    "Islamic State of Iraq and Syria",
    "Islamic State of Iraq and the Levant",
    "Islamic State in Iraq and Syria",
    "al Qaeda",
    "Al Qaeda",
    "al-Qaeda",
    "Al-Qaeda",
    "al Qaida",
    "al-Qaida",
    "Al-Qaida",
    "al Qaeda in the Arabian Peninsula",
    "Al Qaeda in the Arabian Peninsula",
    "al-Qaeda in the Arabian Peninsula",
    "Al-Qaeda in the Arabian Peninsula",
    "al Qaeda in the Islamic Maghreb",
    "al-Qaeda in the Islamic Maghreb",
    "Boko Haram",
    "al-Shabaab",
    "Al-Shabaab",
    "al Shabaab",
    "Al Shabaab",
    "Hezbollah",
    "Hamas",
    "al-Nusra Front",
    "Nusra Front",
    "Islamic Jihad",
    "Hayat Tahrir al-Sham",
];

/// The first bytes of `ARMED_GROUPS` (a test keeps the two in step).
const ARMED_GROUP_INITIALS: &[u8] = b"ABHINa";

/// Whether a word is the first of one of `ARMED_GROUPS` (a test keeps the two in step): a cheap test that
/// passes over nearly every token before the list is searched.
fn begins_armed_group(word: &str) -> bool {
    matches!(
        word,
        "ISIS"
            | "ISIL"
            | "Islamic"
            | "al"
            | "Al"
            | "al-Qaeda"
            | "Al-Qaeda"
            | "al-Qaida"
            | "Al-Qaida"
            | "Boko"
            | "al-Shabaab"
            | "Al-Shabaab"
            | "Hezbollah"
            | "Hamas"
            | "al-Nusra"
            | "Nusra"
            | "Hayat"
    )
}

/// Armed groups (`ARMED_GROUPS`, the longest that fits) are organizations: the names the tagger found
/// over or inside one give way to it ("Al Qaeda" PER, "Islamic" MISC of "Islamic State"), keeping their
/// words before it, but for an organization that holds it ("Islamic State Hacking Division"). A group
/// glued to other letters is left as the tagger read it ("ISIS-affiliated", "anti-ISIS" are one word).
/// `names` in text order.
fn with_armed_groups(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let matches_at = |i: usize| {
        // The cheap test first: this runs on every token.
        if !ARMED_GROUP_INITIALS.contains(&edge_bytes(text, tokens, i).0) {
            return None;
        }
        let first = word_at(text, tokens, i);
        if !begins_armed_group(first) {
            return None;
        }
        ARMED_GROUPS
            .iter()
            .filter(|group| group.strip_prefix(first).is_some_and(|rest| rest.is_empty() || rest.starts_with(' ')))
            .filter(|group| {
                group
                    .split(' ')
                    .enumerate()
                    .all(|(k, w)| word_at(text, tokens, i + k) == w && (k == 0 || apart(tokens, i + k)))
            })
            .map(|group| group.split(' ').count())
            .max()
    };
    let groups = matches_in_turn(tokens.len(), matches_at);
    if groups.is_empty() {
        return names;
    }
    let holds =
        |(r, l): &(Range<usize>, Label), g: &Range<usize>| *l == Label::Org && r.start <= g.start && g.end <= r.end;
    let held: Vec<bool> = groups.iter().map(|g| names.iter().any(|n| holds(n, g))).collect();
    // A name that begins before a group keeps its words before it ("Yemen-based" of "Yemen-based al Qaeda").
    let mut out: Vec<(Range<usize>, Label)> = names
        .into_iter()
        .filter_map(|(range, label)| {
            let Some(g) = groups.iter().zip(&held).find(|(g, &h)| !h && overlap(&range, g)).map(|(g, _)| g) else {
                return Some((range, label));
            };
            (range.start < g.start).then_some((range.start..g.start, label))
        })
        .collect();
    out.extend(groups.into_iter().zip(held).filter(|(_, h)| !h).map(|(g, _)| (g, Label::Org)));
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// Stock-market indices, as written in the text (an index's number is part of its name, as in the training
/// file's "FTSE 100"); "S&P" and "Standard & Poor's" alone are the rating agency, an ORG there every
/// time. The longest that fits is taken.
const STOCK_INDICES: [&str; 31] = [
    "ASX 200",
    "CAC 40",
    "DAX",
    "DJIA",
    "Dow",
    "Dow Jones",
    "Dow Jones Industrial Average",
    "Dow Jones Industrials",
    "Euro Stoxx 50",
    "FTSE",
    "FTSE 100",
    "FTSE 250",
    "Hang Seng",
    "IBEX 35",
    "Kospi",
    "Nasdaq",
    "Nasdaq 100",
    "Nasdaq Composite",
    "Nikkei",
    "Nikkei 225",
    "Russell 2000",
    "S&P 100",
    "S&P 500",
    "S&P/ASX 200",
    "S&P/TSX",
    "Sensex",
    "Standard & Poor's 500",
    "Standard and Poor's 500",
    "Stoxx 600",
    "Stoxx Europe 600",
    "Topix",
];

/// Whether a token is the first of one of `STOCK_INDICES` as the tokenizer cuts them ("S" of "S&P 500"; a
/// test keeps the two in step): a cheap test that passes over nearly every token before the list is searched.
fn begins_stock_index(word: &str) -> bool {
    matches!(
        word,
        "ASX"
            | "CAC"
            | "DAX"
            | "DJIA"
            | "Dow"
            | "Euro"
            | "FTSE"
            | "Hang"
            | "IBEX"
            | "Kospi"
            | "Nasdaq"
            | "Nikkei"
            | "Russell"
            | "S"
            | "S&P"
            | "Sensex"
            | "Standard"
            | "Stoxx"
            | "Topix"
    )
}

/// Stock-market indices (`STOCK_INDICES`) are MISC, as the training file tags every one of them ("Nasdaq" 7
/// times, "Dow Jones", "Nikkei", "FTSE 100", "DAX", "Hang Seng"); the names the tagger found over or inside
/// one give way to it (the listed company "Nasdaq", "Standard & Poor" of "Standard & Poor's 500"). Not
/// before a capitalized word, which makes it another name ("Dow Chemical", "Nasdaq OMX", "Hang Seng Bank",
/// "Nikkei Asian Review"), nor before "&" ("Dow Jones & Co."), nor glued to letters around it; a name the
/// tagger found that holds the index and more is kept. `names` in text order.
fn with_stock_indices(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    // Token `i` ends where `end` is: the index's last token.
    let token_ending = |from: usize, end: usize| (from..tokens.len()).take(8).find(|&j| tokens[j].span.end == end);
    let capitalized = |j: usize| word_at(text, tokens, j).chars().next().is_some_and(char::is_uppercase);
    // The longest index written at token `i` (its last token), then whether it stands as a name of its own.
    let index_at = |i: usize| -> Option<usize> {
        // The cheap test first: this runs on every token.
        if !edge_bytes(text, tokens, i).0.is_ascii_uppercase() {
            return None;
        }
        let first = word_at(text, tokens, i);
        if !begins_stock_index(first) {
            return None;
        }
        let start = tokens[i].span.start;
        let rest = text.get(start..)?;
        let (end, last) = STOCK_INDICES
            .iter()
            .filter(|index| index.strip_prefix(first).is_some_and(|r| !r.starts_with(char::is_alphanumeric)))
            .filter_map(|index| {
                // The apostrophe as written, straight or curly.
                let mut written = rest.char_indices();
                for c in index.chars() {
                    let (_, w) = written.next()?;
                    if w != c && !(c == '\'' && w == '’') {
                        return None;
                    }
                }
                let end = start + written.next().map_or(rest.len(), |(at, _)| at);
                Some((end, token_ending(i, end)?))
            })
            .max()?;
        let glued = text[end..].chars().next().is_some_and(char::is_alphanumeric)
            || (i > 0 && !apart(tokens, i) && word_at(text, tokens, i - 1).chars().all(char::is_alphanumeric));
        // Another name goes on after it ("Dow Chemical", "Nasdaq 100 Index"), or a company's "& Co.".
        let next = word_at(text, tokens, last + 1);
        let goes_on = last + 1 < tokens.len() && (next == "&" || (apart(tokens, last + 1) && capitalized(last + 1)));
        (!glued && !goes_on).then_some(last + 1 - i)
    };
    let mut indices = matches_in_turn(tokens.len(), index_at);
    if indices.is_empty() {
        return names;
    }
    // A name the tagger found that holds an index and more stays ("Nasdaq Composite Index").
    indices.retain(|g| !names.iter().any(|(r, _)| r.start <= g.start && g.end <= r.end && r.len() > g.len()));
    replaced_by(names, indices, Label::Misc)
}

/// Kinds of works whose titles follow them in quotes ("the hit film "Independence Day"", "Starz's series
/// "Survivor's Remorse"", "an episode of "Shark Tank"").
const WORKS: [&str; 26] = [
    "album",
    "albums",
    "ballad",
    "book",
    "books",
    "broadcast",
    "documentary",
    "drama",
    "episode",
    "film",
    "films",
    "memoir",
    "movie",
    "movies",
    "musical",
    "novel",
    "opera",
    "play",
    "podcast",
    "programme",
    "sequel",
    "series",
    "show",
    "sitcom",
    "single",
    "song",
];

/// The words a title in title case leaves in lowercase.
const SMALL_TITLE_WORDS: [&str; 14] =
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"];

/// Titles of works in quotes after the kind of work (`WORKS`, or "episode of" and the like), written in
/// title case: one other name (MISC) over the quoted words, replacing the names the tagger found inside
/// ("Independence Day" + "2", LOC "Shark Tank"). The training file's titles in quotes are MISC ("the hit
/// film "Independence Day"", "his films "Crossfire""). A comma or period before the closing quote is
/// the sentence's, not the title's (but for an abbreviation's: "A.D."). `sentence_of[i]`: token `i`'s
/// sentence.
///
/// Without the kind of work before it, quoted words in title case where the tagger found no name are
/// one MISC too (`quoted_title`).
fn titles_of_works(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let opening = |w: &str| matches!(w, "\"" | "\u{201c}" | "\u{2018}");
    let closing = |w: &str| matches!(w, "\"" | "\u{201d}" | "\u{2019}");
    let title_word = |w: &str| {
        w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || SMALL_TITLE_WORDS.contains(&w)
            || matches!(w, "'s" | "\u{2019}s" | "&" | "-" | ":" | "!" | "?" | ".")
    };
    let kind_of_work = |i: usize| {
        let before = word_at(text, tokens, i);
        WORKS.contains(&before) || (before == "of" && i > 0 && WORKS.contains(&word_at(text, tokens, i - 1)))
    };
    let mut titles: Vec<Range<usize>> = Vec::new();
    for i in 0..tokens.len() {
        let Some(sentence) = sentence_of.get(i) else { break };
        // The cheap test first: this runs on every token ('"', or the first byte of a curly quote).
        if !matches!(edge_bytes(text, tokens, i).0, b'"' | 0xE2) || !opening(word_at(text, tokens, i)) {
            continue;
        }
        let Some(close) = (i + 2..sentence.end.min(i + 12)).find(|&j| closing(word_at(text, tokens, j))) else {
            continue;
        };
        let mut end = close;
        let abbreviation = |j: usize| j > 0 && word_at(text, tokens, j - 1).contains('.') && !apart(tokens, j);
        if word_at(text, tokens, end - 1) == "," || (word_at(text, tokens, end - 1) == "." && !abbreviation(end - 1)) {
            end -= 1;
        }
        let inside = i + 1..end;
        let first = word_at(text, tokens, i + 1);
        if inside.is_empty()
            || !first.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || !inside.clone().all(|j| title_word(word_at(text, tokens, j)))
        {
            continue;
        }
        if (i > 0 && kind_of_work(i - 1)) || quoted_title(text, tokens, i, &inside, &names) {
            titles.push(inside);
        }
    }
    replaced_by(names, titles, Label::Misc)
}

/// Quoted words in title case (`inside`, the opening quote at `open`) without the kind of work before
/// them, where the tagger found no name or an ORG over exactly those words, are a title ("Run All Night"
/// opened in second place): in the training file 41 of 42 title-case phrases in quotes are a name (20
/// MISC, the others typed ORG, PER or LOC, as a tagger finds them), the other a book's subtitle. In news
/// since then such quotes are also headlines and posts written with every word capitalized ("Waving The
/// Flag Of Surrender"), shouted words and markup attributes, so the phrase must be two words or more with
/// a lowercase letter, keep the small words of a title in lowercase between its first and last words, end
/// in a word (not "Why?", "Related:", nor a possessive's "'s"), and its quote must open after a space or a
/// bracket (not `author="Name"`).
fn quoted_title(
    text: &str,
    tokens: &[Token],
    open: usize,
    inside: &Range<usize>,
    names: &[(Range<usize>, Label)],
) -> bool {
    let words = || inside.clone().map(|j| word_at(text, tokens, j));
    let last = words().next_back().unwrap_or("");
    inside.len() > 1
        && (apart(tokens, open) || matches!(word_at(text, tokens, open.wrapping_sub(1)), "(" | "["))
        && words().any(|w| w.chars().any(char::is_lowercase))
        && !words().skip(1).take(inside.len().saturating_sub(2)).any(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && SMALL_TITLE_WORDS.contains(&w.to_lowercase().as_str())
        })
        && last.chars().next().is_some_and(char::is_alphanumeric)
        && names.iter().filter(|(r, _)| overlap(r, inside)).all(|(r, label)| {
            // The tagger's ORG over exactly the quoted words is a title as often as not ("Downton
            // Abbey", "Game of Thrones"), unless it ends as a body's name does ("… Foundation").
            *label == Label::Org && r == inside && !INSTITUTIONS.contains(&last) && !BODIES.contains(&last)
        })
}

/// Last words of organizations' names beside `INSTITUTIONS` that a title in quotes rarely ends in.
const BODIES: [&str; 20] = [
    "Airlines",
    "Army",
    "Bank",
    "Church",
    "Club",
    "College",
    "Company",
    "Corp",
    "Court",
    "Group",
    "Holdings",
    "Inc",
    "Marines",
    "Ministry",
    "Partners",
    "Party",
    "Police",
    "Team",
    "Trust",
    "University",
];

/// A name right after a courtesy title or an abbreviated rank (`TITLES`, written as a title is: "Rep.",
/// "Sen.", "Dr", "Mrs.") is a person's, whatever the tagger typed it ("Rep. Alexandria Ocasio-Cortez": LOC
/// "Alexandria Ocasio-Cortez", the city's name first): in the training file names after such a title are PER
/// 7 times of 7. Not a name of one word in capitals ("Gen. GM"), nor after a title first in a line of
/// capitals.
fn people_after_titles(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let title_at = |i: usize| title_case(word(i)) && is_title(word(i));
    names
        .into_iter()
        .map(|(range, label)| {
            let before = range.start.wrapping_sub(1);
            let after_title = range.start > 0
                && (title_at(before)
                    || (word(before) == "." && before > 0 && !apart(tokens, before) && title_at(before - 1)));
            let capitals = range.len() == 1 && !word(range.start).chars().any(char::is_lowercase);
            (range, if after_title && !capitals && label != Label::Per { Label::Per } else { label })
        })
        .collect()
}

/// A name typed ORG right after a person's role in lowercase (`PERSON_ROLES`: "Newcastle United striker
/// Papiss Cisse") is a person's; the 1996 sports pages, where unknown capitalized words are mostly teams,
/// pull such names toward ORG.
fn people_after_roles(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    names
        .into_iter()
        .map(|(range, label)| {
            let role = range.start.checked_sub(1).is_some_and(|i| PERSON_ROLES.contains(&word_at(text, tokens, i)));
            (range, if label == Label::Org && role { Label::Per } else { label })
        })
        .collect()
}

/// Names the tagger left out that the 1996 training text never shows, added:
/// - names written in lower camel case: "iPhone", "iTunes", "eBay". One lowercase letter, a capital,
///   then at least two lowercase letters (so not units such as "kWh" or "mAh", nor "mRNA"). Apple-style
///   "i" names are products (other names, with a model code after them: "iPhone 3G"); the others
///   ("eBay", "easyJet") companies;
/// - a platform's or service's name (`PLATFORMS`, `SERVICES`, written as listed), an organization
///   ("revealed via Twitter"); first in its sentence too ("Twitter lit up": 11 such mentions the tagger
///   left out in 2,015 unlabelled articles, every one the platform), but not before a particle that makes
///   it the common word ("Zoom in on the map"); a service's name the tagger typed otherwise is retyped;
/// - the world time's abbreviation (`TIME_ZONES`: "16:08 UTC"), an other name; also retyped when the
///   tagger typed it otherwise;
/// - "US", the country written without periods (British usage), which the 1996 text writes "U.S." and
///   always tags (LOC 309 times in 377), while its "US" is rare next to the pronoun "us": a place, in a
///   sentence with lowercase words (not a headline's "US" in capitals), not the currency's "US$";
/// - "WHO", the World Health Organization, which the 1996 text never names this way and the tagger reads
///   as the pronoun: an organization, in a sentence with lowercase words (all 12 of its mentions in
///   2,015 unlabelled CNN, BBC and PolNeAR articles, none of which the tagger found);
/// - "Fed", the Federal Reserve's short name, which the tagger leaves out before a title in prose ("Fed
///   Chair Jerome Powell said") or first in a sentence ("Fed officials said"), the dictionary's "fed"
///   outweighing it: an organization, as the training file tags it (2 of 2); not "Fed up", "Fed Ex" or a
///   title-case headline's word;
/// - a virus's or a strain's code in mixed case (`virus_code`: "SARS-CoV-2"), an other name as
///   "COVID-19" is (`with_codes` takes codes without lowercase letters);
/// - a word in upper camel case (`upper_camel`: "SurveyMonkey", "HuffPost", "SiriusXM") standing apart
///   from other capitalized words, which the 1996 text has only for people ("McDonald", left alone): an
///   organization where the document uses it as one at least once (before a verb of `ORGANIZATION_VERBS`
///   or a possessive, after "by", "from", "at" or "according to"). Such words the tagger left out are
///   companies, publications and websites about 70 times in 100 in 2,098 unlabelled articles, the rest
///   mostly products ("FaceTime", "BlackBerry", and on 2020 pages "AirPods", "HomeKit"); with the
///   document's evidence, 15 of 15. Not a degree ("PhD"), a hashtag written out ("the hashtag TeamLH")
///   or a value in markup;
/// - a website's name written as its domain (`is_website`: "Boston.com"), which the 1996 text never has:
///   an organization, as the publishers and services it names are; also retyped when the tagger typed
///   it otherwise. Not an address with a path after it ("CNN.com/impact").
///
/// Never a handle or a hashtag. `names` in text order; `sentence_of[i]` is token `i`'s sentence.
fn with_missed_names(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
    is_common: impl Fn(&str) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let is_lower_camel = |w: &str| {
        let mut chars = w.chars();
        let (Some(a), Some(b)) = (chars.next(), chars.next()) else { return false };
        let rest = chars.as_str();
        a.is_lowercase()
            && b.is_uppercase()
            && rest.chars().take_while(|c| c.is_lowercase()).count() >= 2
            && rest.chars().all(char::is_alphanumeric)
    };
    let is_code =
        |w: &str| w.len() <= 4 && w.bytes().any(|b| b.is_ascii_digit()) && w.bytes().all(|b| b.is_ascii_alphanumeric());
    // Upper-camel words the document uses as an organization's name at least once: the subject of a verb
    // of saying or reporting, a possessive, or after "by", "from", "at" or "according to" ("SurveyMonkey
    // found", "according to RealClearPolitics"); a product ("AirPods", "HomeKit") rarely is.
    let word = |i: usize| word_at(text, tokens, i);
    // The word `k` tokens before token `i` ("" before the text).
    let before = |i: usize, k: usize| i.checked_sub(k).map_or("", word);
    let organizations_in_camel: Vec<&str> = (0..tokens.len())
        .filter(|&i| edge_bytes(text, tokens, i).0.is_ascii_uppercase() && upper_camel(word(i)).is_some())
        .filter(|&i| {
            ORGANIZATION_VERBS.contains(&word(i + 1))
                || matches!(word(i + 1), "'s" | "’s")
                || matches!(before(i, 1), "by" | "from" | "at")
                || (before(i, 2), before(i, 1)) == ("according", "to")
        })
        .map(word)
        .collect();
    let mut out = Vec::with_capacity(names.len());
    let mut next_name = names.into_iter().peekable();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((range, _)) = next_name.peek() {
            if range.start <= i {
                i = i.max(range.end);
                out.extend(next_name.next().map(|(range, label)| {
                    let one = (range.len() == 1).then(|| word_at(text, tokens, range.start));
                    let label = match one {
                        Some(w) if TIME_ZONES.contains(&w) => Label::Misc,
                        Some(w) if SERVICES.contains(&w) => Label::Org,
                        Some(_) if website_at(text, tokens, range.start) => Label::Org,
                        _ => label,
                    };
                    (range, label)
                }));
                continue;
            }
        }
        let w = word_at(text, tokens, i);
        let handle = i > 0 && !apart(tokens, i) && matches!(word_at(text, tokens, i - 1), "@" | "#");
        // The cheap test first: a lower-camel word has four bytes or more, its second letter a capital.
        let b = w.as_bytes();
        let maybe_camel = b.len() >= 4 && (b[0] >= 0x80 || b[1] >= 0x80 || b[1].is_ascii_uppercase());
        if maybe_camel
            && is_lower_camel(w)
            && !handle
            && (i + 1 >= tokens.len()
                || apart(tokens, i + 1)
                || !word_at(text, tokens, i + 1).starts_with(char::is_alphanumeric))
        {
            let product = w.starts_with('i');
            let free = next_name.peek().is_none_or(|(r, _)| r.start > i + 1);
            let end = if product && free && apart(tokens, i + 1) && is_code(word_at(text, tokens, i + 1)) {
                i + 2
            } else {
                i + 1
            };
            out.push((i..end, if product { Label::Misc } else { Label::Org }));
            i = end;
            continue;
        }
        // Every name below begins with a capital letter (the cheap test first: this runs on every token
        // outside a name).
        if !w.starts_with(char::is_uppercase) {
            i += 1;
            continue;
        }
        let first_in_sentence = sentence_of.get(i).is_none_or(|s| s.start == i);
        let rest = w.chars().next().map_or("", |c| &w[c.len_utf8()..]);
        let capitalized = rest.len() >= 2 && rest.bytes().all(|b| b.is_ascii_lowercase());
        // The code may stand alone or be an other name of its own already ("Vickers" + MISC "VC-10").
        let code_named = next_name.peek().is_some_and(|(r, l)| *r == (i + 1..i + 2) && *l == Label::Misc);
        if capitalized
            && !first_in_sentence
            && !handle
            && (code_named || next_name.peek().is_none_or(|(r, _)| r.start > i + 1))
            && apart(tokens, i + 1)
            && sentence_of.get(i + 1) == sentence_of.get(i)
            && model_code(word_at(text, tokens, i + 1), &is_common)
            && !is_common(w)
        {
            if code_named {
                next_name.next();
            }
            out.push((i..i + 2, Label::Misc));
            i += 2;
            continue;
        }
        if virus_code(w) && !handle && apart(tokens, i) {
            out.push((i..i + 1, Label::Misc));
            i += 1;
            continue;
        }
        // A company's or a website's name in upper camel case that the tagger left out ("SurveyMonkey data",
        // "reported by BuzzFeed"), used as one somewhere in the document (`organizations_in_camel`, so
        // `upper_camel` holds), standing apart from other capitalized words (not a person's given name
        // such as "JaMarcus", nor part of a title, "Erin Burnett OutFront"); not a degree ("PhD"), a
        // hashtag written out ("the hashtag TeamLH", "(hashtag)StopGunViolence") or a value in markup left
        // in the text (`author="JebBush"`).
        if let Some(lower_run) = organizations_in_camel.contains(&w).then(|| upper_camel(w)).flatten() {
            let capitalized_at =
                |j: usize| sentence_of.get(j) == sentence_of.get(i) && word(j).starts_with(char::is_uppercase);
            // A degree's abbreviation: a single capital at the end after fewer than three lowercase letters.
            let degree = w.len() == lower_run + 2 && lower_run < 3;
            let hashtag = (1..=2).any(|k| before(i, k).eq_ignore_ascii_case("hashtag"));
            let markup = !apart(tokens, i) && matches!(before(i, 1), "\"" | "'") && before(i, 2).ends_with('=');
            if !handle
                && !hashtag
                && !markup
                && !degree
                && (apart(tokens, i) || !before(i, 1).ends_with(|c: char| c.is_alphanumeric() || "/._".contains(c)))
                && (apart(tokens, i + 1) || !word(i + 1).starts_with(char::is_alphanumeric))
                && !(i > 0 && capitalized_at(i - 1))
                && !capitalized_at(i + 1)
            {
                out.push((i..i + 1, Label::Org));
                i += 1;
                continue;
            }
        }
        // First in its sentence too, but before a particle that makes it the common word ("Zoom in on").
        let particle = matches!(word_at(text, tokens, i + 1), "in" | "into" | "on" | "out" | "up" | "of");
        if platform_or_service(w) && !handle && (!first_in_sentence || !particle) {
            out.push((i..i + 1, Label::Org));
        }
        if TIME_ZONES.contains(&w) && !handle {
            out.push((i..i + 1, Label::Misc));
        }
        if website_at(text, tokens, i) && !handle {
            out.push((i..i + 1, Label::Org));
        }
        let dollar = word_at(text, tokens, i + 1) == "$" && !apart(tokens, i + 1);
        let sentence = || sentence_of.get(i).cloned().unwrap_or(i..i + 1);
        if matches!(w, "US" | "WHO")
            && !handle
            && !dollar
            && sentence().any(|j| word_at(text, tokens, j).chars().all(char::is_lowercase))
        {
            out.push((i..i + 1, if w == "US" { Label::Loc } else { Label::Org }));
        }
        // "Fed", not the verb's "Fed up" nor a misspelt "Fed Ex", in prose (not a title-case headline).
        if w == "Fed"
            && !handle
            && !matches!(word_at(text, tokens, i + 1), "up" | "Up" | "Ex")
            && !title_case_headline(text, tokens, sentence())
        {
            out.push((i..i + 1, Label::Org));
        }
        i += 1;
    }
    out.extend(next_name);
    out
}

/// Verbs whose subject, right before them, is often an organization: `with_missed_names` takes an
/// upper-camel word before one as an organization's name.
const ORGANIZATION_VERBS: [&str; 12] =
    ["said", "says", "reported", "reports", "told", "found", "finds", "showed", "shows", "announced", "noted", "wrote"];

/// Top-level (and the British second-level "co.uk") domains of the websites `is_website` knows.
const WEB_DOMAINS: [&str; 9] = ["com", "org", "net", "gov", "edu", "info", "io", "tv", "uk"];

/// A website's name written as its domain: ASCII letters, digits and hyphens in labels joined by periods,
/// a capital letter first, the last label one of `WEB_DOMAINS` ("Boston.com", "MoveOn.org",
/// "Pro-Football-Reference.com", "HealthCare.gov"). Written this way it names the site's publisher or
/// service ("told Deadline.com", "a petition on Change.org"); addresses in lowercase ("www.cnn.com") are
/// left alone.
fn is_website(w: &str) -> bool {
    // The cheap tests first: this runs on every token outside a name.
    if !(w.as_bytes().first().is_some_and(u8::is_ascii_uppercase) && w.contains('.')) {
        return false;
    }
    w.rsplit('.').next().is_some_and(|last| WEB_DOMAINS.contains(&last))
        && w.split('.').all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// Whether token `i` is a website's name (`is_website`) and not an address going on into a path
/// ("CNN.com/impact": a slash right after it).
fn website_at(text: &str, tokens: &[Token], i: usize) -> bool {
    let path = word_at(text, tokens, i + 1) == "/" && !apart(tokens, i + 1);
    is_website(word_at(text, tokens, i)) && !path
}

/// The world time's abbreviations, other names in CoNLL-2003's training file ("GMT", 49 times; "UTC" is
/// its modern name). Regional zones are not: the file leaves "EDT" untagged (4 times).
const TIME_ZONES: [&str; 2] = ["GMT", "UTC"];

/// A lawmaker's party and state written after the name ("Mitch McConnell, R-Ky.", "(D-N.C.)", "D-CA"), which
/// the tagger typed LOC or PER (99 times in 2,015 unlabelled articles), is no name, as the hand-annotated
/// sets decide: the party's letter, a hyphen, and the state's two capitals or its abbreviation with a
/// period. Not "D-Day".
fn without_party_codes(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let party_code = |range: &Range<usize>| {
        let code = name_text(text, tokens, range);
        let Some(state) = code.strip_prefix("D-").or(code.strip_prefix("R-")).or(code.strip_prefix("I-")) else {
            return false;
        };
        let postal = state.len() == 2 && state.bytes().all(|b| b.is_ascii_uppercase());
        let abbreviation = (3..=8).contains(&state.len())
            && state.ends_with('.')
            && state.starts_with(|c: char| c.is_ascii_uppercase())
            && state.bytes().all(|b| b.is_ascii_alphabetic() || b == b'.');
        postal || abbreviation
    };
    if !names.iter().any(|(r, _)| party_code(r)) {
        return names;
    }
    names.into_iter().filter(|(r, _)| !party_code(r)).collect()
}

/// A first name of two capitals joined by an apostrophe ("Ja'Marr", "Le'Veon", "Ke'Bryan"; written so in
/// many American athletes' names, which the 1996 text does not have) right before a person's name that
/// the tagger found without it ("Ja'Marr Chase" → "Chase") is part of the name: a capital, one to three
/// lowercase letters, an apostrophe, a capital and lowercase letters, one space before the name.
fn with_apostrophe_first_names(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let first_name = |w: &str| {
        let Some((head, tail)) = w.split_once(['\'', '\u{2019}']) else { return false };
        let title_case = |part: &str, max: usize| {
            let mut chars = part.chars();
            chars.next().is_some_and(|c| c.is_ascii_uppercase())
                && (1..=max).contains(&chars.clone().count())
                && chars.all(|c| c.is_ascii_lowercase())
        };
        title_case(head, 3) && title_case(tail, 20)
    };
    let mut out = names;
    for k in 0..out.len() {
        let (range, label) = (out[k].0.clone(), out[k].1);
        let Some(before) = range.start.checked_sub(1) else { continue };
        let free = k == 0 || out[k - 1].0.end <= before;
        let one_space = tokens
            .get(before)
            .zip(tokens.get(range.start))
            .is_some_and(|(a, b)| text.get(a.span.end..b.span.start) == Some(" "));
        if label == Label::Per && free && one_space && first_name(word_at(text, tokens, before)) {
            out[k].0.start = before;
        }
    }
    out
}

/// Verbs of a game's result that a team's name opens without the other side after them ("Oklahoma loses
/// twice", "Kansas City won"); `RESULT_VERBS` and `RESULT_PAIRS` take the other side.
const RESULTS_ALONE: [&str; 12] = [
    "clinched", "dropped", "fell", "improved", "lost", "loses", "rallied", "scored", "snapped", "trailed", "won",
    "wins",
];

/// A place's name that is also the first part of a team's name in the document ("Oklahoma" of the
/// "Oklahoma Sooners", ORG; a team's name ends in a capitalized plural), typed LOC right before a verb of
/// a game's result (`RESULTS_ALONE`), is the team: "Oklahoma loses twice" (`teams_by_their_place` reads
/// "Oklahoma beat Texas" and "lost to Texas" in any document). In the training file such a place before
/// a verb is the team (ORG) 6 times of 8 ("Baltimore fell", "Cleveland lost", "Baltimore has won").
fn teams_by_their_places(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let nickname = |w: &str| {
        w.len() > 3
            && w.ends_with('s')
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.bytes().skip(1).all(|b| b.is_ascii_lowercase())
    };
    let teams: Vec<Range<usize>> = names
        .iter()
        .filter(|(r, l)| *l == Label::Org && r.len() >= 2 && nickname(word(r.end - 1)))
        .map(|(r, _)| r.start..r.end - 1)
        .collect();
    if teams.is_empty() {
        return names;
    }
    let same_words = |a: &Range<usize>, b: &Range<usize>| {
        a.len() == b.len() && a.clone().zip(b.clone()).all(|(i, j)| word(i) == word(j))
    };
    names
        .into_iter()
        .map(|(range, label)| {
            let team = label == Label::Loc
                && RESULTS_ALONE.contains(&word(range.end))
                && teams.iter().any(|place| same_words(place, &range));
            (range, if team { Label::Org } else { label })
        })
        .collect()
}

/// Where the number's mark before token `number` starts, when there is one: "No." (the tokens "No" and a
/// period glued to it) or "No", set apart from the number, which begins with a digit ("No. 7", a rank;
/// "No. 15-674", a case).
fn rank_mark_before(text: &str, tokens: &[Token], number: usize) -> Option<usize> {
    let word = |i: usize| word_at(text, tokens, i);
    if number == 0 || !word(number).starts_with(|c: char| c.is_ascii_digit()) || !apart(tokens, number) {
        return None;
    }
    match word(number - 1) {
        "No" => Some(number - 1),
        "." if number >= 2 && word(number - 2) == "No" && !apart(tokens, number - 1) => Some(number - 2),
        _ => None,
    }
}

/// A name does not end in the mark of the number after it: "No." before "7" is a rank or a number's
/// mark, not a name or its last word ("World No. 4 Andy Murray" gave MISC "World No.", "beat No. 3 Iowa"
/// ORG "No."; in the training file "No 1" is outside every name). The mark is taken off; a name left
/// empty or with only "World" is dropped.
fn without_rank_marks(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    names
        .into_iter()
        .filter_map(|(mut range, label)| {
            if let Some(mark) = rank_mark_before(text, tokens, range.end).filter(|&m| m >= range.start) {
                range.end = mark;
                if range.is_empty() || (range.len() == 1 && word_at(text, tokens, range.start) == "World") {
                    return None;
                }
            }
            Some((range, label))
        })
        .collect()
}

/// Whether `w` is a game's score in digits ("52-46", "7-6"), each side of one to three digits.
fn score(w: &str) -> bool {
    w.split_once('-').is_some_and(|(a, b)| {
        [a, b].iter().all(|n| (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// A place's name typed LOC after a team's rank ("No. 7 Florida"), with a game's result before the rank
/// ("beat No. 3 Iowa") or a score right after the name ("No. 7 Florida 52-46"), is the team (ORG), as
/// `teams_by_their_place` reads a result beside the name itself; not a country, whose national side the
/// training file tags LOC. Ranks of other things stay ("the No. 1 U.S. beach").
fn ranked_teams(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_country: impl Fn(Range<usize>) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    retyped(names, Label::Org, |range, label| {
        let rank = range.start.checked_sub(1).and_then(|number| {
            let digits = word(number).bytes().all(|b| b.is_ascii_digit());
            rank_mark_before(text, tokens, number).filter(|_| digits)
        });
        label == Label::Loc
            && rank.is_some_and(|mark| after_result(text, tokens, mark) || score(word(range.end)))
            && !national_side(text, tokens, range, &is_country)
    })
}

/// Acronyms of common nouns, singular and plural, which are no names: the tagger, reading capitals as a
/// name, typed them ORG ("a stolen SUV" 16 times, "super PAC" and "the PAC" 128, "sign NDAs" 4 in 2,098
/// unlabelled articles; "after the IPO"). Not "PC" ("PC (USA)", a church), "TV" or "CPI" (the training
/// file's "CPI" is MISC 4 times of 6).
const COMMON_ACRONYMS: [&str; 22] = [
    "ATM", "ATMs", "DNA", "EPS", "ETF", "ETFs", "GDP", "GPS", "ICU", "ICUs", "IPO", "IPOs", "NDA", "NDAs", "PAC",
    "PACs", "PPE", "SPAC", "SPACs", "SUV", "SUVs", "VPN",
];

/// A one-word name that is a common noun's acronym (`COMMON_ACRONYMS`) is dropped; a longer name that
/// holds one stays ("Keep the Promise PAC"). A "PAC" the tagger found alone after a committee's name
/// ("Conservative Solutions" + "PAC") is dropped too: joined to the name before it, it made as many wrong
/// names as right ones ("Super PAC", "Republican PAC", "pro-Newt Gingrich PAC"). The training file has
/// none of them but "IPO", once, an ORG in a headline ("IPO FILING - Transkaryotic"), and "GDP" and "EPS"
/// outside names 24 times of 24.
fn without_common_acronyms(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    names
        .into_iter()
        .filter(|(range, _)| !(range.len() == 1 && COMMON_ACRONYMS.contains(&word_at(text, tokens, range.start))))
        .collect()
}

/// Acronyms of laws, treaties and programmes of recent news ("the ACA", "DACA recipients", "the TPP"):
/// other names (MISC), as the training file tags treaties and laws and as the same set of words written
/// out is ("Affordable Care Act"); the tagger, reading capitals, typed them ORG (in 2,098 unlabelled
/// articles "ACA" 15 times, "TPP" 14, "DACA" 7, "TTIP" 2, "NAFTA" once). Not "PPP", a party's in
/// Pakistan's news.
const LAW_ACRONYMS: [&str; 8] = ["ACA", "DACA", "DAPA", "JCPOA", "NAFTA", "TPP", "TTIP", "USMCA"];

/// A one-word name that is a law's, a treaty's or a programme's acronym (`LAW_ACRONYMS`) is MISC,
/// whatever the tagger typed it.
fn laws_by_their_acronyms(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    retyped(names, Label::Misc, |range, _| {
        range.len() == 1 && LAW_ACRONYMS.contains(&word_at(text, tokens, range.start))
    })
}

/// Words of sports leagues' names ("Premier League", "Major League Baseball", "Indian Super League"),
/// which the training file tags MISC ("National League" 10 times, "Major League Baseball" 9).
const SPORTS_LEAGUE_WORDS: [&str; 30] = [
    "American",
    "Arena",
    "Atlantic",
    "Baseball",
    "Basketball",
    "Big",
    "Champions",
    "Championship",
    "Cricket",
    "Diamond",
    "Europa",
    "Football",
    "Hockey",
    "Horizon",
    "Ivy",
    "Little",
    "Major",
    "Minor",
    "National",
    "Nations",
    "Netball",
    "Pacific",
    "Premier",
    "Professional",
    "Rugby",
    "Soccer",
    "Summit",
    "Super",
    "Volleyball",
    "Youth",
];

/// A name ending in "League" that the tagger typed MISC, as it types sports leagues, is an organization
/// (ORG) when no word of it is a sports league's (`SPORTS_LEAGUE_WORDS`, also after a hyphen:
/// "non-Champions League"): "Arab League", "Anti-Defamation
/// League", Italy's "Northern League". The training file tags such leagues ORG ("Awami League" 2,
/// "Northern League", "Pakistan Muslim League", "National Abortion Rights Action League"), and its sports
/// leagues MISC, every one with a word of the list.
fn leagues_of_causes(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    retyped(names, Label::Org, |range, label| {
        label == Label::Misc
            && range.len() >= 2
            && word(range.end - 1) == "League"
            && !range.clone().any(|i| word(i).rsplit('-').next().is_some_and(|w| SPORTS_LEAGUE_WORDS.contains(&w)))
    })
}

/// A one-word name typed PER before a possessive and a person's name in full ("Gonzaga's Drew Timme",
/// "Bloomberg's Lisa Lerer", "Chelsea's Timo Werner") is the person's team, employer or country, not a
/// person: in the training file such a word is LOC 39 times ("Britain's Damon Hill") and ORG 12
/// ("Everton's Duncan Ferguson"), never PER; the LOC are countries but for a few cities of teams, which
/// are ORG as often ("Boston's Roger Clemens"). It is LOC when it is a country (`is_country`, or one of
/// `HOME_NATIONS`), else ORG; not after a capitalized word, whose name it ends ("Trader Joe's", "Led
/// Zeppelin's"). A title the tagger typed PER after its author's name is the rule's mistake
/// ("Schweizer's Clinton Cash": 2 of its 11 changes in 2,098 unlabelled articles).
fn possessors_of_people(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_country: impl Fn(Range<usize>) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let after_capital = |i: usize| i > 0 && word(i - 1).starts_with(char::is_uppercase);
    let possessive = |(r, l): &&(Range<usize>, Label)| {
        *l == Label::Per && r.len() == 1 && matches!(word(r.end), "'s" | "’s") && !after_capital(r.start)
    };
    if !names.iter().any(|name| possessive(&name)) {
        return names;
    }
    // Where the people's names of two words or more begin (a set: a long text has thousands of names).
    let people: FxHashSet<usize> =
        names.iter().filter(|(r, l)| r.len() >= 2 && *l == Label::Per).map(|(r, _)| r.start).collect();
    let possessors: FxHashSet<usize> =
        names.iter().filter(possessive).filter(|(r, _)| people.contains(&(r.end + 1))).map(|(r, _)| r.start).collect();
    if possessors.is_empty() {
        return names;
    }
    names
        .into_iter()
        .map(|(range, label)| {
            if range.len() == 1 && possessors.contains(&range.start) {
                let country = is_country(range.clone()) || HOME_NATIONS.contains(&word(range.start));
                let label = if country { Label::Loc } else { Label::Org };
                (range, label)
            } else {
                (range, label)
            }
        })
        .collect()
}

/// A name right before "Today", which mid-sentence is written in lowercase, is a publication's or a
/// programme's name with it (ORG: "told USA Today", "Westlaw Today reported", "the Kremlin's Russia
/// Today"): in 2,098 unlabelled articles the tagger cut all 16 such names before "Today" (ORG "USA" 7
/// times, LOC "USA" 6, LOC "Russia" 3 of them); the training file's "Today" opens sentences only. Not
/// in a headline in title case, nor across a sentence's end ("Ukraine. Today"), nor a name of more than
/// three words.
fn publications_of_today(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let today = |range: &Range<usize>| {
        range.len() <= 3
            && word_at(text, tokens, range.end) == "Today"
            && apart(tokens, range.end)
            && sentence_of
                .get(range.end)
                .is_some_and(|s| s.start <= range.start && !title_case_headline(text, tokens, s.clone()))
    };
    names
        .into_iter()
        .map(|(range, label)| if today(&range) { (range.start..range.end + 1, Label::Org) } else { (range, label) })
        .collect()
}

/// A team's name ending in a nickname of digits and letters ("76ers", "49ers"), which the tagger cuts
/// before it ("Philadelphia 76ers" found as ORG "Philadelphia"): the place's name typed ORG or LOC right
/// before such a word takes it in, as ORG.
fn teams_with_numbers(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    let nickname = |i: usize| {
        let w = word_at(text, tokens, i);
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        apart(tokens, i)
            && (1..=3).contains(&digits)
            && w.len() > digits + 1
            && w.ends_with('s')
            && w.bytes().skip(digits).all(|b| b.is_ascii_lowercase())
    };
    names
        .into_iter()
        .map(|(range, label)| {
            if matches!(label, Label::Org | Label::Loc) && nickname(range.end) {
                (range.start..range.end + 1, Label::Org)
            } else {
                (range, label)
            }
        })
        .collect()
}

/// Kinds of companies and news organizations written before their names ("British fashion retailer Ted
/// Baker", "law firm Perkins Coie", "radio station Dozhd", "news agency Xinhua"). Not words also written
/// before people ("maker", "publisher", "developer", "insurer", "manufacturer", "owner", "rival", "giant",
/// "broadcaster", "network"), nor "carrier", also a ship's ("the aircraft carrier Carl Vinson", MISC), nor
/// "channel", also a verb.
const ORGANIZATION_KINDS: [&str; 28] = [
    "affiliate",
    "agency",
    "airline",
    "automaker",
    "bank",
    "brewer",
    "carmaker",
    "chain",
    "chipmaker",
    "company",
    "conglomerate",
    "daily",
    "distributor",
    "firm",
    "grocer",
    "lender",
    "miner",
    "newspaper",
    "outfit",
    "retailer",
    "start-up",
    "startup",
    "station",
    "subsidiary",
    "supermarket",
    "tabloid",
    "website",
    "weekly",
];

/// A name right after a company's or a news organization's kind in lowercase (`ORGANIZATION_KINDS`) is
/// the organization (ORG), whatever the tagger typed it: in the training file a capitalized word after
/// such a word begins an ORG 62 times of 63 (the other a place in a paper's name, "daily Iran News"); in
/// 2,098 unlabelled articles the tagger typed 13 such names PER ("law firm Mayer Brown", "cosmetics
/// company Yves Rocher", "radio station Dozhd", "website Mumsnet") and 2 MISC ("security firm iDefence"),
/// all organizations. Not a country ("the bank Russia's central bank owns").
fn organizations_after_their_kind(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_country: impl Fn(Range<usize>) -> bool,
) -> Vec<(Range<usize>, Label)> {
    retyped(names, Label::Org, |range, _| {
        range.start > 0
            && ORGANIZATION_KINDS.contains(&word_at(text, tokens, range.start - 1))
            && apart(tokens, range.start)
            && !is_country(range.clone())
    })
}

/// Regional time zones' abbreviations, and the marks of a time of day written before them. Not "CT", "MT"
/// and "PT", which are also states' codes ("Billings, MT").
const REGIONAL_TIMES: [&str; 17] = [
    "ET", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "CEST", "a.m", "p.m", "a.m.", "p.m.",
    ".",
];

/// A name made only of a regional time zone's abbreviation, with or without the "a.m." or "p.m." before it
/// ("9 p.m. ET", which the tagger made an ORG "p.m. ET" 24 times in 2,015 unlabelled articles), is no
/// name: the training file leaves "EDT" untagged, 4 times of 4 (the world time's "GMT" is MISC,
/// `TIME_ZONES`).
fn without_times_of_day(text: &str, tokens: &[Token], names: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    names
        .into_iter()
        .filter(|(range, _)| !range.clone().all(|i| REGIONAL_TIMES.contains(&word_at(text, tokens, i))))
        .collect()
}

/// A person's name of one word typed PER, right after a capitalized word that the tagger left out, takes
/// that word in as the first name ("will Gennifer Flowers actually be there": PER "Flowers"): in the
/// training file a capitalized word that is no dictionary word, right before a person's last name and not
/// first in its sentence, is part of the name 2,600 times of 2,612 (the others a day, a title, "Sheikh",
/// a nationality). Not a dictionary word (`is_common`) or one inflected ("Says", "Hurricanes", "Electing",
/// `inflected_common`), a day or a month, a title, a listed place (`is_place`), a word ending as
/// nationalities do, a word first in its sentence, or in a headline in title case ("Trump Slams Hillary").
/// Right after a courtesy title or a rank (`TITLES`: "Sen. Rand Paul", where the tagger found "Paul"), a
/// dictionary word is a first name too: in the training file a title's two capitalized words after it
/// are one PER 11 times of 11 ("Dr. Jack Kevorkian", "Lt. Italo Pineda").
fn with_first_names(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
    is_common: impl Fn(&str) -> bool,
    is_place: impl Fn(Range<usize>) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    // Right after a courtesy title ("Sen. Rand Paul"), a first name may be a dictionary word too.
    let after_title = |i: usize| {
        let title = if word(i.wrapping_sub(1)) == "." { i.wrapping_sub(2) } else { i.wrapping_sub(1) };
        title < i && title_case(word(title)) && is_title(word(title))
    };
    let first_name = |i: usize| {
        let w = word(i);
        capitalized_word(w)
            && sentence_of.get(i).is_some_and(|s| s.start < i)
            && apart(tokens, i + 1)
            && !CALENDAR.contains(&w)
            && !adjective_ending(w)
            && !is_title(w)
            && (after_title(i) || !lowercased(w, |lower| inflected_common(lower, &is_common)))
            && !is_place(i..i + 1)
            && !sentence_of.get(i).is_some_and(|s| title_case_headline(text, tokens, s.clone()))
    };
    let mut out: Vec<(Range<usize>, Label)> = Vec::with_capacity(names.len());
    for (range, label) in names {
        let before = range.start.wrapping_sub(1);
        let free = out.last().is_none_or(|(r, _)| r.end <= before);
        if label == Label::Per && range.len() == 1 && range.start > 0 && free && first_name(before) {
            out.push((before..range.end, label));
        } else {
            out.push((range, label));
        }
    }
    out
}

/// Whether `lower` is a dictionary word or one with an inflection's ending: "-s", "-es", "-ed", "-ing"
/// (with a doubled consonant or a final "e" restored: "planned", "closing"). The dictionary lists base forms.
fn inflected_common(lower: &str, is_common: impl Fn(&str) -> bool) -> bool {
    if is_common(lower) {
        return true;
    }
    let base_of = |stem: &str| {
        let b = stem.as_bytes();
        let doubled = b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2];
        is_common(stem)
            || (doubled && is_common(&stem[..stem.len() - 1]))
            || (stem.len() >= 2 && is_common(&format!("{stem}e")))
    };
    ["s", "es", "ed", "ing"]
        .iter()
        .any(|end| lower.strip_suffix(end).is_some_and(|stem| stem.len() >= 2 && base_of(stem)))
}

/// An Apple-style product's name ("iPhone", "iTunes": an "i", a capital, then lowercase letters) typed
/// MISC and followed in its sentence by words with a capital letter that are no other name's start but an
/// organization's or another name's, or no name at all, is one product or programme with them: "iPhone
/// Developer Program", "iPod Touch", "iTunes Apps Stores" (which the tagger cut into MISC "iTunes" and ORG
/// "Apps Stores"). Up to three such words, not in a longer run of them, and not a day or a month ("on his
/// iPhone Tuesday"). The 1996 text has no such names; the hand-annotated sets have seven, all MISC whole.
fn products_with_their_words(
    text: &str,
    tokens: &[Token],
    sentence_of: &[Range<usize>],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let apple_style = |w: &str| {
        let mut chars = w.chars();
        chars.next() == Some('i')
            && chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.as_str().len() >= 2
            && chars.all(|c| c.is_ascii_lowercase())
    };
    let title_word = |i: usize| capitalized_word(word(i)) && !CALENDAR.contains(&word(i));
    if !names.iter().any(|(r, l)| *l == Label::Misc && r.len() == 1 && apple_style(word(r.start))) {
        return names;
    }
    let mut out: Vec<(Range<usize>, Label)> = Vec::with_capacity(names.len());
    let mut k = 0;
    while k < names.len() {
        let (range, label) = names[k].clone();
        k += 1;
        if !(label == Label::Misc && range.len() == 1 && apple_style(word(range.start))) {
            out.push((range, label));
            continue;
        }
        let sentence = sentence_of.get(range.start).cloned().unwrap_or(range.clone());
        let mut end = range.end;
        let mut taken = k;
        while end < sentence.end && end < range.end + 3 && apart(tokens, end) && title_word(end) {
            match names.get(taken) {
                // A name that begins here is taken in whole when it is an organization's or another name
                // of such words, ending within the three.
                Some((next, l)) if next.start == end => {
                    let fits = matches!(l, Label::Org | Label::Misc)
                        && next.end <= range.end + 3
                        && next.clone().all(|i| title_word(i) && (i == next.start || apart(tokens, i)));
                    if !fits {
                        break;
                    }
                    end = next.end;
                    taken += 1;
                }
                Some((next, _)) if next.start < end => break,
                _ => end += 1,
            }
        }
        // A longer run of capitalized words is something else (a title, a headline).
        let longer = end == range.end + 3 && end < sentence.end && apart(tokens, end) && title_word(end);
        if longer {
            end = range.end;
        } else {
            k = taken;
        }
        out.push((range.start..end, Label::Misc));
    }
    out
}

/// Particles of people's and places' names written in lowercase that are also dictionary words ("van
/// Gogh", "ten Hag", "bin Salman"), which a name may begin with.
const LOWERCASE_PARTICLES: [&str; 16] = [
    "abu", "bin", "das", "del", "della", "den", "der", "des", "dos", "ibn", "san", "serie", "ten", "ter", "van", "von",
];

/// The work a wire story's credit line names its people for ("(Reporting by …; Editing by …)").
const CREDITED_WORK: [&str; 9] =
    ["compiled", "compiling", "edited", "editing", "reported", "reporting", "writing", "written", "graphics"];

/// Words that make a credit's name a desk or a service rather than a person ("Reuters TV", "Newsroom").
const CREDITED_DESKS: [&str; 8] = ["Bureau", "Desk", "Newsroom", "Reuters", "Staff", "Team", "Television", "TV"];

/// The people of a wire story's credit line ("(Reporting by Noah Browning in London and Florence Tan in
/// Singapore; Editing by Arun Koyyur, Maju Samuel and Shounak Dasgupta)"): after a credited work and "by"
/// at a line's start, an opening parenthesis or a semicolon, each of the list's names (two to four
/// capitalized words or initials, with particles: "Frank Jack Daniel", "Rosalba O'Brien") is a person,
/// in place of what the tagger made of it (LOC "Florence Tan", ORG "Maju Samuel", nothing for "Guy
/// Faulconbridge", whose first name is a dictionary word). Each name ends at ";", ",", "and", "in" (the
/// place after it is left to the tagger), a closing parenthesis or the line's end; a list that goes on
/// otherwise ("Reporting by the Wall Street Journal") is left alone, and so is a name with a desk's word
/// in it (`CREDITED_DESKS`: "Reuters TV"). The training file of 1996 has no credit lines; every name in
/// one of this form is a journalist's.
fn people_in_credit_lines(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let line_start = |i: usize| starts_line(text, tokens, i);
    let opens = |i: usize| line_start(i) || matches!(word(i - 1), "(" | ";");
    let name_word = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase) && !CREDITED_DESKS.contains(&w)
    };
    let initial = |w: &str| w.len() <= 2 && w.starts_with(|c: char| c.is_ascii_uppercase());
    let mut people: Vec<(Range<usize>, Label)> = Vec::new();
    // From each "by" back to the work and the line's start.
    let mut by = 1;
    while by + 1 < tokens.len() {
        if edge_bytes(text, tokens, by) != (b'b', b'y') || word(by) != "by" {
            by += 1;
            continue;
        }
        let i = by - 1;
        let w = word(i);
        // "Additional reporting by".
        let additional = w.eq_ignore_ascii_case("reporting") && i > 0 && word(i - 1).eq_ignore_ascii_case("additional");
        let opened = if additional { opens(i - 1) } else { opens(i) };
        if !(opened && CREDITED_WORK.iter().any(|c| w.eq_ignore_ascii_case(c))) {
            by += 1;
            continue;
        }
        let mut j = by + 1;
        let mut found = Vec::new();
        loop {
            // One name: capitalized words and initials (a period glued to an initial), particles inside.
            let start = j;
            let mut words = 0;
            while j < tokens.len() && !(j > start && line_start(j)) {
                let w = word(j);
                if name_word(w) || (initial(w) && j > start) {
                    words += 1;
                } else {
                    let glued_period = w == "." && !apart(tokens, j) && initial(word(j - 1));
                    let particle = LOWERCASE_PARTICLES.contains(&w)
                        && (name_word(word(j + 1)) || LOWERCASE_PARTICLES.contains(&word(j + 1)));
                    if !(j > start && (glued_period || particle)) {
                        break;
                    }
                }
                j += 1;
            }
            if !(2..=4).contains(&words) {
                break;
            }
            let end = j;
            let next = word(j);
            let ends_line = j >= tokens.len() || line_start(j);
            if !(ends_line || matches!(next, ";" | "," | "and" | "in" | ")")) {
                break;
            }
            found.push(start..end);
            if ends_line || matches!(next, ";" | ")") {
                break;
            }
            j += 1;
            if next == "in" {
                // The place: left to the tagger; then the list goes on or ends.
                while j < tokens.len() && !line_start(j) && name_word(word(j)) {
                    j += 1;
                }
                if j >= tokens.len() || line_start(j) || !matches!(word(j), "," | "and") {
                    break;
                }
                j += 1;
            }
            if word(j) == "and" {
                j += 1;
            }
        }
        people.extend(found.into_iter().map(|r| (r, Label::Per)));
        by = j.max(by + 1);
    }
    if people.is_empty() {
        return names;
    }
    replaced_by_names(names, people)
}

/// A name of two words or more in mixed-case text does not begin with a dictionary word in lowercase
/// before a capitalized one ("state Department of Revenue Services", "hardline Jobbik", "to sue Donald
/// Trump"): the training file's names begin with a lowercase word 19 times, particles ("de Klerk", "van
/// Gogh"), "serie A" and the lowercase headline "interior ministry", never a dictionary word before a
/// capital. Such words are cut off; `is_common` tells a dictionary word, `LOWERCASE_PARTICLES` the
/// particles that are dictionary words too.
fn without_lowercase_start(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
    is_common: impl Fn(&str) -> bool,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let lowercase_word = |i: usize| {
        let w = word(i);
        w.len() >= 3
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && word(i + 1).starts_with(|c: char| c.is_uppercase())
            && !LOWERCASE_PARTICLES.contains(&w)
            && is_common(w)
    };
    names
        .into_iter()
        .map(|(mut range, label)| {
            while range.len() >= 2 && lowercase_word(range.start) {
                range.start += 1;
            }
            (range, label)
        })
        .collect()
}

/// Common words abbreviated with an ampersand: "Q&A" (questions and answers), "M&A" (mergers and
/// acquisitions), "R&D" (research and development), "P&L" (profit and loss).
const AMPERSAND_WORDS: [(&str, &str); 4] = [("Q", "A"), ("M", "A"), ("R", "D"), ("P", "L")];

/// The training file writes companies with an ampersand ("S&P", "T&N", "H&R", all ORG) but has no common
/// word so written, and the tagger reads "Q&A" and "M&A" as names too ("a Q&A with reporters": ORG "Q&A",
/// "The Baptist Q&A": ORG "Baptist Q&"). Such a word (`AMPERSAND_WORDS`, the three tokens written close) is
/// no name: a name that begins with it begins after it, one that takes it in ends before it. And a name of
/// marks alone (an "&" typed MISC) is none.
fn without_ampersand_words(
    text: &str,
    tokens: &[Token],
    names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| word_at(text, tokens, i);
    let ampersand_word = |i: usize| {
        word(i + 1) == "&"
            && !apart(tokens, i + 1)
            && !apart(tokens, i + 2)
            && AMPERSAND_WORDS.iter().any(|&(a, b)| word(i) == a && word(i + 2) == b)
    };
    names
        .into_iter()
        .filter_map(|(mut range, label)| {
            if !range.clone().any(|i| word(i).chars().any(char::is_alphanumeric)) {
                return None;
            }
            if let Some(at) = (range.start.saturating_sub(2)..range.end).find(|&i| ampersand_word(i)) {
                if at <= range.start {
                    range.start = at + 3;
                } else {
                    range.end = at;
                }
            }
            (range.start < range.end).then_some((range, label))
        })
        .collect()
}

/// A model code: a capital letter first, a digit in it, and no ordinal ("A320neo", "F-35", "G20"; not
/// "4TH" or "21st").
fn is_code(w: &str) -> bool {
    let b = w.as_bytes();
    let ordinal = b.len() > 2
        && b[b.len() - 3].is_ascii_digit()
        && [b"ST", b"ND", b"RD", b"TH"].iter().any(|s| b[b.len() - 2..].eq_ignore_ascii_case(*s));
    w.starts_with(|c: char| c.is_ascii_uppercase()) && w.bytes().any(|b| b.is_ascii_digit()) && !ordinal
}

/// The text of token `i` ("" past the end).
fn word_at<'t>(text: &'t str, tokens: &[Token], i: usize) -> &'t str {
    tokens.get(i).and_then(|t| text.get(t.span.start..t.span.end)).unwrap_or("")
}

/// The tokens outside every one of `names` (in text order) that begin with a capital letter, an ASCII one
/// or a byte of a letter beyond ASCII, in order. For the rules that look at every token: the first byte is
/// tested before anything else, and one cursor walks the names alongside.
fn capitalized_outside<'a>(
    text: &'a str,
    tokens: &'a [Token],
    names: &'a [(Range<usize>, Label)],
) -> impl Iterator<Item = usize> + 'a {
    let mut covering = names.iter().peekable();
    (0..tokens.len()).filter(move |&i| {
        let first = edge_bytes(text, tokens, i).0;
        if !(first.is_ascii_uppercase() || first >= 0x80) {
            return false;
        }
        while covering.next_if(|(r, _)| r.end <= i).is_some() {}
        covering.peek().is_none_or(|(r, _)| r.start > i)
    })
}

/// Whether tokens `a` and `b` are in one sentence (`sentence_of[i]`: token `i`'s sentence; false past the
/// end).
fn same_sentence(sentence_of: &[Range<usize>], a: usize, b: usize) -> bool {
    sentence_of.get(a).zip(sentence_of.get(b)).is_some_and(|(x, y)| x == y)
}

/// The first and last bytes of token `i` (0 past the end): the rules that look at every token test them
/// before they cut the token's text.
fn edge_bytes(text: &str, tokens: &[Token], i: usize) -> (u8, u8) {
    let bytes = text.as_bytes();
    tokens.get(i).map_or((0, 0), |t| {
        (bytes.get(t.span.start).copied().unwrap_or(0), bytes.get(t.span.end.wrapping_sub(1)).copied().unwrap_or(0))
    })
}

/// The token ranges of matches read from left to right over `n` tokens: `match_at(i)` is the length of
/// the match starting at token `i`, if any; the next match is looked for after its end.
fn matches_in_turn(n: usize, match_at: impl Fn(usize) -> Option<usize>) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < n {
        match match_at(i) {
            Some(len) => {
                found.push(i..i + len.max(1));
                i += len.max(1);
            }
            None => i += 1,
        }
    }
    found
}

/// Whether two token ranges share a token.
fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Token ranges, asked whether any of them `overlap`s a range: the ranges sorted by start with the running
/// greatest end, so that a range overlaps one of them exactly when the greatest end among those starting
/// before its end lies beyond its start (a binary search). Rules ask this of every name or many tokens of
/// a text; a scan of all the ranges for each would grow with the square of a long text's length.
struct Ranges {
    starts: Vec<usize>,
    /// `max_ends[k]`: the greatest end of the first `k + 1` ranges in `starts`' order.
    max_ends: Vec<usize>,
}

impl Ranges {
    fn new(ranges: impl IntoIterator<Item = Range<usize>>) -> Ranges {
        let mut sorted: Vec<(usize, usize)> = ranges.into_iter().map(|r| (r.start, r.end)).collect();
        sorted.sort_unstable();
        let (mut starts, mut max_ends) = (Vec::with_capacity(sorted.len()), Vec::with_capacity(sorted.len()));
        let mut greatest = 0;
        for (start, end) in sorted {
            greatest = greatest.max(end);
            starts.push(start);
            max_ends.push(greatest);
        }
        Ranges { starts, max_ends }
    }

    /// Whether one of the ranges shares a token with `range`.
    fn overlap(&self, range: &Range<usize>) -> bool {
        let before_end = self.starts.partition_point(|&start| start < range.end);
        before_end.checked_sub(1).and_then(|k| self.max_ends.get(k)).is_some_and(|&end| end > range.start)
    }
}

/// The text of tokens `range` ("" when out of bounds).
fn name_text<'a>(text: &'a str, tokens: &[Token], range: &Range<usize>) -> &'a str {
    match (tokens.get(range.start), range.end.checked_sub(1).and_then(|l| tokens.get(l))) {
        (Some(first), Some(last)) => text.get(first.span.start..last.span.end).unwrap_or(""),
        _ => "",
    }
}

/// The entity over tokens `range` (`None` when out of bounds or empty).
fn entity_of(tokens: &[Token], range: Range<usize>, label: Label) -> Option<Entity> {
    let (first, last) = (tokens.get(range.start)?, tokens.get(range.end.checked_sub(1)?)?);
    Some(Entity::new(Span::new(first.span.start, last.span.end), label, Source::Model))
}

/// `names` with the type `to` for each name for which `retype(range, label)` holds, the others as they are.
fn retyped(
    names: Vec<(Range<usize>, Label)>,
    to: Label,
    retype: impl Fn(&Range<usize>, Label) -> bool,
) -> Vec<(Range<usize>, Label)> {
    names
        .into_iter()
        .map(|(range, label)| {
            let label = if retype(&range, label) { to } else { label };
            (range, label)
        })
        .collect()
}

/// `names` with `spans` (`label`) in place of every name that overlaps one of them, by start; `names`
/// as they are when there is none (most documents).
fn replaced_by(
    names: Vec<(Range<usize>, Label)>,
    spans: Vec<Range<usize>>,
    label: Label,
) -> Vec<(Range<usize>, Label)> {
    replaced_by_names(names, spans.into_iter().map(|s| (s, label)).collect())
}

/// `replaced_by`, each new name with its own type.
fn replaced_by_names(names: Vec<(Range<usize>, Label)>, new: Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)> {
    if new.is_empty() {
        return names;
    }
    let replaced = Ranges::new(new.iter().map(|(s, _)| s.clone()));
    let mut out: Vec<(Range<usize>, Label)> = names.into_iter().filter(|(range, _)| !replaced.overlap(range)).collect();
    out.extend(new);
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// Whether token `i` opens a line: the first token, or a line break between it and the token before.
fn starts_line(text: &str, tokens: &[Token], i: usize) -> bool {
    i == 0
        || tokens
            .get(i - 1)
            .zip(tokens.get(i))
            .is_none_or(|(a, b)| text.get(a.span.end..b.span.start).is_none_or(|gap| gap.contains('\n')))
}

/// Whether token `i` is set off by white space from the token before it (or is the first).
fn apart(tokens: &[Token], i: usize) -> bool {
    i == 0 || tokens.get(i - 1).zip(tokens.get(i)).is_some_and(|(a, b)| a.span.end < b.span.start)
}

/// A name's token range without a period, comma, colon or semicolon that stands apart from the word
/// before it at either end: a name may end in an abbreviation's period ("Inc."), but not in a mark set
/// off by a space ("Homegate Hospitality Inc ." in space-separated text), nor begin with one.
/// `None` when nothing but such marks is left.
fn without_loose_marks(text: &str, tokens: &[Token], mut range: Range<usize>) -> Option<Range<usize>> {
    let is_mark = |i: usize| matches!(word_at(text, tokens, i), "." | "," | ";" | ":");
    while range.end > range.start + 1 && is_mark(range.end - 1) && apart(tokens, range.end - 1) {
        range.end -= 1;
    }
    while range.end > range.start + 1 && is_mark(range.start) {
        range.start += 1;
    }
    (!(range.end == range.start + 1 && is_mark(range.start))).then_some(range)
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use super::{
        agencies_of_credit_lines, apart_at_acronyms_possessives, begins_armed_group, begins_stock_index,
        bodies_before_their_names, camel_case_organizations, companies_apart, companies_before_legal_forms,
        companies_by_their_shares, datelines_are_places, defined_acronyms, diseases, events_of_now,
        fields_joined_across_and, is_website, joined_across_and, joined_across_of, joined_after_institutions,
        joined_by_ampersands, joined_organizations, laws_by_their_acronyms, leagues_of_causes, listed_companies,
        name_text, names_with_numbers, one_type_per_document, organizations_after_their_kind,
        organizations_by_their_last_word, overlap, people_after_roles, people_after_titles, people_in_credit_lines,
        places_before_acronyms, places_of_agreements, places_of_events, planets, possessors_of_people,
        products_with_numbers, products_with_their_words, publications, publications_of_today, ranked_teams,
        stations_with_numbers, storms, surnames_are_people, teams_before_players, teams_by_their_place,
        teams_by_their_places, teams_by_their_verbs, teams_with_numbers, titles_of_works, typed_by_last_word,
        units_are_organizations, with_abbreviation_period, with_apostrophe_first_names, with_armed_groups, with_codes,
        with_credit_lines, with_first_names, with_missed_names, with_other_mentions, with_stock_indices,
        without_ampersand_words, without_article, without_common_acronyms, without_instrument_codes,
        without_judges_titles, without_leaders_ranks, without_loose_marks, without_lowercase_end,
        without_lowercase_start, without_party_codes, without_portfolios, without_rank_marks, without_roles,
        without_shares_of, without_times_of_day, without_title, without_title_at_end, word_at, ARMED_GROUPS,
        ARMED_GROUP_INITIALS, CONFERENCES, NAMED_DAYS, NAMED_DAYS_INITIALS, NUMBERED_NAMES_INITIALS, PROVISIONS,
        STOCK_INDICES,
    };
    use crate::analysis::{Entity, Label, Source, Token};
    use crate::names::lexicon::{GAZ_LAST, GAZ_LOC, GAZ_ORG};
    use crate::span::Span;
    use crate::tokenize::tokenize;

    /// A trimming function of `Model::tag`.
    type Trim = fn(&str, &[Token], Range<usize>) -> Option<Range<usize>>;

    /// The text of a name after a trimming function, for a text whose tokens are all taken as one name.
    fn trimmed(text: &str, trim: Trim) -> Option<String> {
        let tokens = tokenize(text);
        let range = trim(text, &tokens, 0..tokens.len())?;
        Some(name_text(text, &tokens, &range).to_owned())
    }

    /// The text of the name at token range `name` of `text` (one sentence) after `rule`, which gets the
    /// tokens and each one's sentence.
    fn after_rule(
        text: &str,
        name: Range<usize>,
        rule: impl Fn(&[Token], &[Range<usize>], Range<usize>) -> Option<Range<usize>>,
    ) -> Option<String> {
        let tokens = tokenize(text);
        let sentence_of = vec![0..tokens.len(); tokens.len()];
        let range = rule(&tokens, &sentence_of, name)?;
        Some(name_text(text, &tokens, &range).to_owned())
    }

    /// A name as `names_after` gives it: its text and type.
    fn named(text: &str, label: Label) -> (String, Label) {
        (text.to_owned(), label)
    }

    /// An organization's name as `names_after` gives it.
    fn org(text: &str) -> (String, Label) {
        named(text, Label::Org)
    }

    /// An other name as `names_after` gives it.
    fn misc(text: &str) -> (String, Label) {
        named(text, Label::Misc)
    }

    /// A person's name as `names_after` gives it.
    fn per(text: &str) -> (String, Label) {
        named(text, Label::Per)
    }

    /// A place's name as `names_after` gives it.
    fn loc(text: &str) -> (String, Label) {
        named(text, Label::Loc)
    }

    /// The names of `text` (one sentence) after `rule`, which gets the tokens, each one's sentence and the
    /// names (token ranges), as (text, label).
    /// A clean-up rule that reads the text, its tokens and the names.
    type Rule = fn(&str, &[Token], Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)>;

    /// `names_after` for a `Rule`.
    fn after(rule: Rule, text: &str, names: Vec<(Range<usize>, Label)>) -> Vec<(String, Label)> {
        names_after(text, names, |tokens, _, names| rule(text, tokens, names))
    }

    /// `with_missed_names` on `text` and its `names`, with no dictionary words.
    fn missed_names(text: &str, names: Vec<(Range<usize>, Label)>) -> Vec<(String, Label)> {
        names_after(text, names, |tokens, sentence_of, names| {
            with_missed_names(text, tokens, sentence_of, names, |_| false)
        })
    }

    fn names_after(
        text: &str,
        names: Vec<(Range<usize>, Label)>,
        rule: impl Fn(&[Token], &[Range<usize>], Vec<(Range<usize>, Label)>) -> Vec<(Range<usize>, Label)>,
    ) -> Vec<(String, Label)> {
        let tokens = tokenize(text);
        let sentence_of = vec![0..tokens.len(); tokens.len()];
        rule(&tokens, &sentence_of, names)
            .into_iter()
            .map(|(r, l)| (name_text(text, &tokens, &r).to_owned(), l))
            .collect()
    }

    #[test]
    fn ranges_overlap_as_a_scan_of_them_does() {
        // Ranges of every shape over a few tokens (empty, reversed, nested, overlapping, repeated), from a
        // fixed pseudo-random sequence; each set asked about every range over the same tokens.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n) as usize
        };
        let questions: Vec<Range<usize>> = (0..12).flat_map(|a| (0..12).map(move |b| a..b)).collect();
        for size in 0..40 {
            let ranges: Vec<Range<usize>> = (0..size).map(|_| next(10)..next(12)).collect();
            let index = super::Ranges::new(ranges.iter().cloned());
            for q in &questions {
                assert_eq!(index.overlap(q), ranges.iter().any(|r| overlap(r, q)), "{q:?} in {ranges:?}");
            }
        }
    }

    #[test]
    fn surnames_of_people_named_in_full_are_people() {
        let text = "Erich Nowsch Jr. was charged . Nowsch 's lawyer met Ford officials and Nowsch in Nowsch , Erich Nowsch Jr.";
        let tokens = tokenize(text);
        let at = |w: &str, nth: usize| {
            tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| &text[t.span.start..t.span.end] == w)
                .nth(nth)
                .map(|(i, _)| i)
                .unwrap()
        };
        let names = vec![
            (0..4, Label::Per),
            (at("Nowsch", 1)..at("Nowsch", 1) + 1, Label::Org),
            (at("Ford", 0)..at("Ford", 0) + 1, Label::Org),
            (at("Nowsch", 2)..at("Nowsch", 2) + 1, Label::Per),
            (at("Nowsch", 3)..at("Nowsch", 3) + 1, Label::Loc),
            (at("Erich", 1)..at("Erich", 1) + 4, Label::Org),
        ];
        let labels: Vec<Label> = surnames_are_people(text, &tokens, names, true).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, [Label::Per, Label::Per, Label::Org, Label::Per, Label::Loc, Label::Per]);
        // A leader's name before "administration", not a body's before other words.
        let text = "the Obama administration and the Obama foundation and the US administration";
        let tokens = tokenize(text);
        let names = vec![(1..2, Label::Org), (5..6, Label::Org), (9..10, Label::Org)];
        let labels: Vec<Label> = surnames_are_people(text, &tokens, names, true).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, [Label::Per, Label::Org, Label::Org]);
        // A platform is no one's surname.
        let text = "Wilayat Twitter posted it . Twitter said";
        let tokens = tokenize(text);
        let names = vec![(0..2, Label::Per), (5..6, Label::Org)];
        let labels: Vec<Label> = surnames_are_people(text, &tokens, names, true).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, [Label::Per, Label::Org]);
    }

    #[test]
    fn names_after_a_persons_role_are_people() {
        let text = "Rovers striker Tomas Brandt , coach Vance and the Rovers";
        let tokens = tokenize(text);
        let names = vec![(0..1, Label::Org), (2..4, Label::Org), (6..7, Label::Org), (9..10, Label::Org)];
        let labels: Vec<Label> = people_after_roles(text, &tokens, names).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, [Label::Org, Label::Per, Label::Per, Label::Org]);
    }

    #[test]
    fn roles_and_offices_leave_names() {
        let found = |text: &str, names| names_after(text, names, |tokens, _, names| without_roles(text, tokens, names));
        // Off a person's name, and off two or three capitalized words, which are a person's then.
        assert_eq!(found("Senator Marco Rubio", vec![(0..3, Label::Per)]), [named("Marco Rubio", Label::Per)]);
        assert_eq!(found("Spokeswoman Sandy Angers", vec![(0..3, Label::Org)]), [named("Sandy Angers", Label::Per)]);
        // Off the end of an organization or a place, not of a MISC (a title: "The Night Manager").
        assert_eq!(found("Lufthansa CEO", vec![(0..2, Label::Org)]), [named("Lufthansa", Label::Org)]);
        assert_eq!(found("the Florida Senator", vec![(1..3, Label::Loc)]), [named("Florida", Label::Loc)]);
        assert_eq!(found("Night Manager", vec![(0..2, Label::Misc)]), [named("Night Manager", Label::Misc)]);
        // Kept before one word of a name that is not a person's ("Captain America"), and on its own.
        assert_eq!(found("Captain America", vec![(0..2, Label::Misc)]), [named("Captain America", Label::Misc)]);
        assert_eq!(found("President", vec![(0..1, Label::Per)]), [named("President", Label::Per)]);
        // A role alone right before a person's name is dropped, not before anything else.
        assert_eq!(
            found("Senator Ted Cruz and Senator", vec![(0..1, Label::Org), (1..3, Label::Per), (4..5, Label::Org)]),
            [named("Ted Cruz", Label::Per), named("Senator", Label::Org)]
        );
    }

    #[test]
    fn bodies_go_on_past_for_on_and_of() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, sentence_of, names| {
                joined_after_institutions(text, tokens, sentence_of, names, true)
            })
        };
        // Over capitalized words and names inside, as one organization.
        assert_eq!(
            found("the Commission on Presidential Debates said", vec![(1..2, Label::Org)]),
            [org("Commission on Presidential Debates")]
        );
        assert_eq!(
            found("the Roper Center for Public Opinion Research .", vec![(1..3, Label::Loc), (4..7, Label::Org)]),
            [org("Roper Center for Public Opinion Research")]
        );
        assert_eq!(
            found("the Center for Missing & Exploited Children", vec![(1..2, Label::Org)]),
            [org("Center for Missing & Exploited Children")]
        );
        // A plural institution's word only with conventions.
        let text = "the U.S. Centers for Disease Control and Prevention said";
        let names = || vec![(1..4, Label::Org), (5..9, Label::Org)];
        assert_eq!(found(text, names()), [org("U.S. Centers for Disease Control and Prevention")]);
        assert_eq!(
            names_after(text, names(), |tokens, sentence_of, names| {
                joined_after_institutions(text, tokens, sentence_of, names, false)
            }),
            [org("U.S. Centers"), org("Disease Control and Prevention")]
        );
        // Not over a day, a role, a name of its own after "and", nor a name reaching past the words.
        assert_eq!(found("the Council on Friday asked", vec![(1..2, Label::Org)]), [org("Council")]);
        assert_eq!(
            found("the Council of Europe and NATO", vec![(1..2, Label::Org), (5..6, Label::Org)]),
            [org("Council of Europe"), org("NATO")]
        );
        assert_eq!(
            found("the Union of Prime Minister Sheikh Hasina", vec![(1..2, Label::Org), (5..7, Label::Per)]),
            [org("Union"), ("Sheikh Hasina".to_owned(), Label::Per)]
        );
        assert_eq!(
            found("Smith Foundation for all", vec![(0..2, Label::Per)]),
            [("Smith Foundation".to_owned(), Label::Per)]
        );
    }

    #[test]
    fn titles_of_works_are_other_names() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, sentence_of, names| titles_of_works(text, tokens, sentence_of, names))
        };
        assert_eq!(
            found("the film \"Independence Day 2\" opens", vec![(3..5, Label::Misc)]),
            [misc("Independence Day 2")]
        );
        assert_eq!(
            found("an episode of \u{201c}Shark Tank.\u{201d} Fox said", vec![(4..6, Label::Loc), (8..9, Label::Org)]),
            [misc("Shark Tank"), ("Fox".to_owned(), Label::Org)]
        );
        assert_eq!(found("the series \"A.D.\" in Morocco", vec![]), [misc("A.D.")]);
        // Without the kind of work: two words or more where the tagger found nothing inside.
        assert_eq!(found("\"Run All Night,\" opened second", vec![]), [misc("Run All Night")]);
        assert_eq!(found("he said \"Yes We Can\"", vec![]), [misc("Yes We Can")]);
        assert_eq!(found("praised \"Keep the Lights On\"", vec![]), [misc("Keep the Lights On")]);
        assert_eq!(found("(\u{201c}Lord of the Rings\u{201d}) fell", vec![]), [misc("Lord of the Rings")]);
        assert_eq!(found("told \"Fox News Sunday\"", vec![(2..4, Label::Org)]), [("Fox News".to_owned(), Label::Org)]);
        // The tagger's ORG over exactly the quoted words, unless they end as a body's name.
        assert_eq!(found("stars of \"Downton Abbey\"", vec![(3..5, Label::Org)]), [misc("Downton Abbey")]);
        assert_eq!(
            found("the \"Blue Man Group\"", vec![(2..5, Label::Org)]),
            [("Blue Man Group".to_owned(), Label::Org)]
        );
        for text in [
            "\"Chappie,\" fell",
            "\"Yes,\" he said",
            "\"MAKING THEM SMALLER\"",
            "\"Waving The Flag Of Surrender\"",
            "\"Where and When?\"",
            "\"Modern Family's\" star",
            "author=\"John Smith\"",
        ] {
            assert_eq!(found(text, vec![]), [], "{text}");
        }
        // Not over words in lowercase.
        assert_eq!(found("the film \"a quiet place\"", vec![]), []);
        assert_eq!(found("he said \"We Can do it\"", vec![]), []);
    }

    #[test]
    fn events_prizes_wars_and_laws_are_other_names() {
        let text = "the Boston Marathon , an Academy Award , the Affordable Care Act , Jason Day and Open";
        let tokens = tokenize(text);
        let names = vec![
            (1..3, Label::Loc),
            (5..7, Label::Per),
            (9..12, Label::Org),
            (13..15, Label::Per),
            (16..17, Label::Org),
        ];
        let labels: Vec<Label> = typed_by_last_word(text, &tokens, names).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, [Label::Misc, Label::Misc, Label::Misc, Label::Per, Label::Org]);
    }

    #[test]
    fn places_are_known_by_their_kind() {
        let text = "at Gillette Stadium , in Tahrir Square , Inbee Park , the book Primates of Park Avenue";
        let tokens = tokenize(text);
        let names = vec![(1..3, Label::Org), (5..7, Label::Per), (8..10, Label::Per), (13..17, Label::Misc)];
        let labels: Vec<Label> = typed_by_last_word(text, &tokens, names).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, [Label::Loc, Label::Loc, Label::Per, Label::Misc]);
    }

    #[test]
    fn places_before_their_kind_are_places() {
        let found = |text: &str, names| after(typed_by_last_word, text, names);
        let loc = |s: &str| (s.to_owned(), Label::Loc);
        assert_eq!(
            found("in the Bolan area of Lashkar Gah city, said", vec![(2..3, Label::Misc), (5..7, Label::Org)]),
            [("Bolan".to_owned(), Label::Misc), loc("Lashkar Gah")]
        );
        assert_eq!(found("stormed Tafawa Balewa town in a convoy", vec![(1..3, Label::Per)]), [loc("Tafawa Balewa")]);
        // Not before a noun the kind begins, a possessive, or when written together.
        for (text, name) in [
            ("a Sanders town hall", 1..2),
            ("the Brooks city council", 1..2),
            ("every Acme town's school", 1..2),
            ("Ashford area-wide", 0..1),
        ] {
            let tokens = tokenize(text);
            let kept = names_after(text, vec![(name.clone(), Label::Per)], |tokens, _, names| {
                typed_by_last_word(text, tokens, names)
            });
            assert_eq!(kept[0].1, Label::Per, "{text} ({} tokens)", tokens.len());
        }
    }

    #[test]
    fn websites_are_organizations() {
        let found = missed_names;
        assert_eq!(
            found("He told Deadline.com and a petition on MoveOn.org grew", vec![]),
            [org("Deadline.com"), org("MoveOn.org")]
        );
        // Retyped when the tagger typed it otherwise; hyphens and a British domain.
        assert_eq!(
            found("Pro-Football-Reference.com and Telegraph.co.uk say", vec![(0..1, Label::Per)]),
            [org("Pro-Football-Reference.com"), org("Telegraph.co.uk")]
        );
        // Not an address with a path, a lowercase address, a handle, or other periods.
        assert_eq!(found("go to CNN.com/impact or www.cnn.com, @Boston.com, U.K. and St.Louis.", vec![]), []);
        // "WHO", the organization, in a sentence with lowercase words; not in a headline in capitals.
        assert_eq!(found("WHO official Marie Kieny said", vec![(2..4, Label::Per)]), [org("WHO"), per("Marie Kieny")]);
        assert_eq!(found("WHO WARNS OF VIRUS", vec![]), []);
        // "Fed", the Federal Reserve, in prose; not "Fed up", "Fed Ex" or a headline in title case.
        assert_eq!(
            found("stocks rose after Fed Chair Jerome Powell spoke", vec![(5..7, Label::Per)]),
            [org("Fed"), per("Jerome Powell")]
        );
        assert_eq!(found("voters were Fed up and a Fed Ex truck came", vec![]), []);
        assert_eq!(found("Trump Slams Fed Over Rates", vec![]), []);
        for w in ["Boston.com", "HealthCare.gov", "A1.io"] {
            assert!(is_website(w), "{w}");
        }
        for w in ["boston.com", "Boston.", ".com", "Boston..com", "Boston.com.", "U.K.", "Boston.comx", "Bos_ton.com"] {
            assert!(!is_website(w), "{w}");
        }
    }

    #[test]
    fn first_letters_cover_their_lists() {
        let initial = |w: &str| w.as_bytes()[0];
        for (day, _) in NAMED_DAYS {
            assert!(NAMED_DAYS_INITIALS.contains(&initial(day)), "{day}");
        }
        for w in PROVISIONS.iter().chain(CONFERENCES.iter().map(|words| &words[0])) {
            assert!(NUMBERED_NAMES_INITIALS.contains(&initial(w)), "{w}");
        }
    }

    #[test]
    fn stations_take_their_numbers() {
        let found = |text: &str, names| after(stations_with_numbers, text, names);
        assert_eq!(
            found(
                "He told BBC Radio 4 's Today and Channel 10 Israel",
                vec![(2..4, Label::Org), (8..9, Label::Org), (10..11, Label::Loc)]
            ),
            [org("BBC Radio 4"), org("Channel 10"), loc("Israel")]
        );
        // Not a figure, a time, a number glued to it, another type's name, or a number in another name.
        for text in ["Radio 4% rose", "Channel 10:30 news", "TV 4.5 rating", "Radio 4x sale"] {
            assert_eq!(found(text, vec![(0..1, Label::Org)]), [org(text.split(' ').next().unwrap_or(""))], "{text}");
        }
        assert_eq!(found("Channel 4 aired", vec![(0..1, Label::Misc)]), [named("Channel", Label::Misc)]);
        assert_eq!(
            found("Radio 5 Live", vec![(0..1, Label::Org), (1..3, Label::Misc)]),
            [org("Radio"), named("5 Live", Label::Misc)]
        );
    }

    #[test]
    fn names_with_state() {
        let found = |text: &str, names| after(super::names_with_state, text, names);
        // A state's nickname is the state; a state's name cut before "State" is a university's team.
        assert_eq!(
            found(
                "He won the Granite State and the Green Mountain State, and Iowa State beat them",
                vec![(3..5, Label::Org), (7..10, Label::Org), (12..13, Label::Loc)]
            ),
            [named("Granite State", Label::Loc), named("Green Mountain State", Label::Loc), org("Iowa State")]
        );
        // Not before another capitalized word, nor Washington's, another country's state, or a name that
        // already holds "State".
        assert_eq!(
            found(
                "Empire State Building , Washington State , Borno State and Ohio State",
                vec![(4..5, Label::Loc), (7..8, Label::Loc), (10..12, Label::Org)]
            ),
            [loc("Washington"), loc("Borno"), org("Ohio State")]
        );
        // A university's whole name typed LOC; not the states named with "State".
        assert_eq!(
            found(
                "Kansas State upset them at Penn State and South Carolina State , not Washington State or New York State",
                vec![(0..2, Label::Loc), (5..7, Label::Loc), (8..11, Label::Loc), (13..15, Label::Loc), (16..19, Label::Loc)]
            ),
            [org("Kansas State"), org("Penn State"), org("South Carolina State"), loc("Washington State"), loc("New York State")]
        );
    }

    #[test]
    fn portfolios_before_secretaries_are_no_names() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, _, names| without_portfolios(text, tokens, names, |w| w != "Ashford"))
        };
        assert_eq!(
            found(
                "Health Secretary Matt Hancock and Defence Minister Ben Wallace",
                vec![(0..1, Label::Org), (2..4, Label::Per), (5..6, Label::Org), (7..9, Label::Per)]
            ),
            [per("Matt Hancock"), per("Ben Wallace")]
        );
        // Not an acronym, a place, a name of two words, or a word that is no dictionary word.
        assert_eq!(
            found(
                "NATO Secretary , Britain Secretary , Home Office Minister , Ashford Minister",
                vec![(0..1, Label::Org), (3..4, Label::Loc), (6..8, Label::Org), (10..11, Label::Org)]
            ),
            [org("NATO"), loc("Britain"), org("Home Office"), org("Ashford")]
        );
    }

    #[test]
    fn upper_camel_words_left_out_are_organizations() {
        let found = missed_names;
        // Every mention, where the document uses the word as an organization's name once.
        assert_eq!(
            found(
                "Consider this: SurveyMonkey data showed it, as reported by BuzzFeed. SurveyMonkey found more.",
                vec![]
            ),
            [org("SurveyMonkey"), org("BuzzFeed"), org("SurveyMonkey")]
        );
        assert_eq!(
            found("on his SiriusXM program, SpaceX said. [SiriusXM's channel]", vec![]),
            [org("SiriusXM"), org("SpaceX"), org("SiriusXM")]
        );
        // Not where it never is (a product: "the new AirPods", "works with HomeKit").
        assert_eq!(found("The new AirPods work with HomeKit and FaceTime.", vec![]), []);
        // Not beside another capitalized word (a given name, a title's word), not a name's particle
        // ("McDonald"), a degree, a handle, a hashtag written out or a value in markup.
        assert_eq!(
            found(
                "JaMarcus Russell said on Erin Burnett OutFront said: a PhD said, McDonald said and DeSantis \
                 said, @HuffPost said #TeamLH said, the hashtag TeamLH, author=\"JebBush\" wrote",
                vec![]
            ),
            []
        );
    }

    #[test]
    fn media_and_institutions_are_organizations() {
        let found = |text: &str, names| after(organizations_by_their_last_word, text, names);
        assert_eq!(
            found(
                "Carson tells Breitbart News and the Washington Examiner",
                vec![(2..4, Label::Per), (6..8, Label::Loc)]
            ),
            [named("Breitbart News", Label::Org), named("Washington Examiner", Label::Org)]
        );
        // A body named after a person.
        assert_eq!(
            found("the Clinton Foundation and Bob Jones University", vec![(1..3, Label::Per), (4..7, Label::Per)]),
            [named("Clinton Foundation", Label::Org), named("Bob Jones University", Label::Org)]
        );
        // A company by its last word; not a group in a competition (MISC).
        assert_eq!(
            found(
                "Del Rey Books , Bain Capital , Davis Cup World Group , Warner Bros. said",
                vec![(0..3, Label::Per), (4..6, Label::Loc), (7..11, Label::Misc), (12..15, Label::Per)]
            ),
            [org("Del Rey Books"), org("Bain Capital"), misc("Davis Cup World Group"), org("Warner Bros.")]
        );
        // Not one word, a programme (MISC), or a surname that is a medium's word elsewhere.
        assert_eq!(
            found(
                "News of Breitbart News Daily and Marjorie Post",
                vec![(0..1, Label::Per), (2..5, Label::Misc), (6..8, Label::Per)]
            ),
            [named("News", Label::Per), named("Breitbart News Daily", Label::Misc), named("Marjorie Post", Label::Per)]
        );
    }

    #[test]
    fn events_of_recent_years_are_other_names() {
        let found = |text: &str, names| after(events_of_now, text, names);
        // Added where the tagger left them out, retyped where it typed them otherwise.
        assert_eq!(
            found(
                "Brexit talks on Black Friday and a pro-Brexit Grexit on Super Tuesday",
                vec![(3..4, Label::Loc), (11..12, Label::Org)]
            ),
            [misc("Brexit"), misc("Black Friday"), misc("pro-Brexit"), misc("Grexit"), misc("Super Tuesday")]
        );
        // An operation's title-case words, over the tagger's cut; not after a capitalized word.
        assert_eq!(
            found("Operation Warp Speed and Special Operation Forces", vec![(0..2, Label::Misc)]),
            [misc("Operation Warp Speed")]
        );
        // A longer name that holds one stays; lowercase words and other endings are none.
        assert_eq!(
            found("the Brexit Party and exit polls on a Friday in Exit", vec![(1..3, Label::Org)]),
            [("Brexit Party".to_owned(), Label::Org)]
        );
    }

    #[test]
    fn provisions_and_conferences_are_names_with_numbers() {
        let found = |text: &str, names| after(names_with_numbers, text, names);
        assert_eq!(
            found("Section 230 and Title IX , the Pac-12 and the Big 12 Conference", vec![(10..11, Label::Loc)]),
            [
                named("Section 230", Label::Misc),
                named("Title IX", Label::Misc),
                named("Pac-12", Label::Org),
                named("Big 12 Conference", Label::Org)
            ]
        );
        // Not lowercase, not without a number, not inside a longer name.
        assert_eq!(
            found("section 8 , Title of 2 , the Big 12 Championship", vec![(8..11, Label::Misc)]),
            [named("Big 12 Championship", Label::Misc)]
        );
    }

    #[test]
    fn acronyms_defined_in_parentheses() {
        let found = |text: &str, names| after(defined_acronyms, text, names);
        // The name made whole (a last word that gives no letter, "Prevention"), the acronym and its other
        // mention typed as it.
        assert_eq!(
            found("the Centers for Disease Control and Prevention ( CDC ) said . CDC staff", vec![(3..7, Label::Org)]),
            [org("Centers for Disease Control and Prevention"), org("CDC"), org("CDC")]
        );
        // A place inside does not vote; the acronym's own MISC is outvoted by the ORG's words.
        assert_eq!(
            found(
                "the Committee on Foreign Investment in the United States ( CFIUS )",
                vec![(1..5, Label::Org), (7..9, Label::Loc), (10..11, Label::Misc)]
            ),
            [org("Committee on Foreign Investment in the United States"), org("CFIUS")]
        );
        // A name that begins before the words keeps its part before them.
        assert_eq!(
            found("U.S. West Texas Intermediate ( WTI ) crude", vec![(0..4, Label::Loc), (6..7, Label::Org)]),
            [named("U.S.", Label::Loc), org("West Texas Intermediate"), org("WTI")]
        );
        // But an organization's part before an organization's words stays in its name.
        assert_eq!(
            found(
                "the U.S. Cybersecurity and Infrastructure Security Agency ( CISA ) warned",
                vec![(1..4, Label::Org), (5..8, Label::Org)]
            ),
            [org("U.S. Cybersecurity and Infrastructure Security Agency"), org("CISA")]
        );
        // A tie goes to the name over the last word: a law.
        assert_eq!(
            found(
                "The Justice for Victims of Trafficking Act ( JVTA ) passed ; JVTA",
                vec![(1..2, Label::Org), (5..7, Label::Misc), (8..9, Label::Org), (12..13, Label::Org)]
            ),
            [misc("Justice for Victims of Trafficking Act"), misc("JVTA"), misc("JVTA")]
        );
        // A name that holds it all gives its type; not a name the letters do not spell, nor words the
        // tagger found no name in, nor a mention inside a longer name.
        assert_eq!(
            found(
                "the U.S. Food and Drug Administration ( FDA ) ; the Bank of England ( ECB ) ; Optimised Deprival \
                 Value ( ODV ) ; FDA Commissioner",
                vec![(1..7, Label::Org), (12..15, Label::Org), (26..28, Label::Per)]
            ),
            [
                org("U.S. Food and Drug Administration"),
                org("FDA"),
                org("Bank of England"),
                named("FDA Commissioner", Label::Per)
            ]
        );
    }

    #[test]
    fn bodies_go_on_past_and_to_their_last_word() {
        let is_common = |w: &str| {
            ["food", "customs", "immigration", "health", "ways", "defense", "he", "energy"]
                .contains(&&*w.to_lowercase())
        };
        let found = |text: &str, names| {
            names_after(text, names, |tokens, _, names| {
                let sentence_of = vec![0..tokens.len(); tokens.len()];
                joined_across_and(text, tokens, &sentence_of, names, is_common)
            })
        };
        // A name before "and", or a dictionary word that no name holds, joins the body's name after it.
        assert_eq!(
            found("the U.S. Customs and Border Protection said", vec![(1..4, Label::Loc), (5..7, Label::Org)]),
            [named("U.S. Customs", Label::Loc), org("Border Protection")]
        );
        assert_eq!(
            found("the U.S. Customs and Border Protection said", vec![(1..4, Label::Org), (5..7, Label::Org)]),
            [org("U.S. Customs and Border Protection")]
        );
        assert_eq!(
            found("the House Ways and Means Committee voted", vec![(1..3, Label::Org), (4..6, Label::Org)]),
            [org("House Ways and Means Committee")]
        );
        assert_eq!(
            found("the Food and Drug Administration said", vec![(3..5, Label::Org)]),
            [org("Food and Drug Administration")]
        );
        // Not a name of its own, a body of one word, a body's word, a word opening the sentence, a word
        // after another capitalized word, nor a name after "and" that does not end in a body's word.
        assert_eq!(
            found("NATO and European Union officials", vec![(0..1, Label::Org), (2..4, Label::Org)]),
            [org("NATO"), org("European Union")]
        );
        assert_eq!(
            found("the Treasury and Federal Reserve Board", vec![(1..2, Label::Org), (3..6, Label::Org)]),
            [org("Treasury"), org("Federal Reserve Board")]
        );
        assert_eq!(
            found("the Commerce Department and Justice Department", vec![(1..3, Label::Org), (4..6, Label::Org)]),
            [org("Commerce Department"), org("Justice Department")]
        );
        assert_eq!(
            found("He and House Judiciary Committee", vec![(2..5, Label::Org)]),
            [org("House Judiciary Committee")]
        );
        assert_eq!(found("Big Energy and Trade Council", vec![(3..5, Label::Org)]), [org("Trade Council")]);
        assert_eq!(
            found("the Defense and Apple Inc", vec![(1..2, Label::Org), (3..5, Label::Org)]),
            [org("Defense"), org("Apple Inc")]
        );
    }

    #[test]
    fn people_of_credit_lines() {
        let found = |text: &str, names| after(people_in_credit_lines, text, names);
        // Each name of the list a person, the place after "in" left as the tagger read it.
        assert_eq!(
            found(
                "Oil fell .\n( Additional reporting by Noah Browning in London and Florence Tan in Singapore ; \
                 Editing by Arun Koyyur , Maju Samuel and Guy Faulconbridge )",
                vec![
                    (7..9, Label::Per),
                    (10..11, Label::Loc),
                    (12..14, Label::Loc),
                    (15..16, Label::Loc),
                    (22..24, Label::Org)
                ]
            ),
            [
                per("Noah Browning"),
                loc("London"),
                per("Florence Tan"),
                loc("Singapore"),
                per("Arun Koyyur"),
                per("Maju Samuel"),
                per("Guy Faulconbridge")
            ]
        );
        // Initials and particles inside a name; a line without parentheses.
        assert_eq!(
            found("Writing by Frank J. Daniel and Ursula von der Leyen\nNext", vec![]),
            [per("Frank J. Daniel"), per("Ursula von der Leyen")]
        );
        // Not in prose, nor a desk's name, nor a list that goes on otherwise, nor one word alone.
        assert_eq!(
            found("a note compiled by Piper Jaffray Inc for clients", vec![(4..7, Label::Org)]),
            [org("Piper Jaffray Inc")]
        );
        assert_eq!(
            found("( Reporting by Reuters TV ; Editing by Guy Faulconbridge )", vec![]),
            [per("Guy Faulconbridge")]
        );
        assert_eq!(found("( Reporting by Jane Doe of Reuters )", vec![]), []);
        assert_eq!(found("( Editing by Guy )", vec![]), []);
    }

    #[test]
    fn diseases_by_their_words() {
        let found = |text: &'static str, names| {
            names_after(text, names, |tokens, _, names| {
                diseases(text, tokens, names, |r: Range<usize>| word_at(text, tokens, r.start) == "Wuhan")
            })
        };
        assert_eq!(
            found(
                "the Zika virus and Zika cases ; Alzheimer 's disease and the Alzheimer 's Association ; Wuhan virus",
                vec![
                    (1..2, Label::Org),
                    (4..5, Label::Loc),
                    (7..8, Label::Org),
                    (12..13, Label::Org),
                    (16..17, Label::Loc)
                ]
            ),
            [misc("Zika"), misc("Zika"), per("Alzheimer"), org("Alzheimer"), loc("Wuhan")]
        );
    }

    #[test]
    fn publications_by_their_kind() {
        let found = |text: &'static str, names| {
            names_after(text, names, |tokens, _, names| {
                publications(text, tokens, names, |r: Range<usize>| word_at(text, tokens, r.start) == "Sarajevo")
            })
        };
        assert_eq!(
            found(
                "Rolling Stone magazine said ; Rolling Stone added ; an Israeli newspaper ; the Sarajevo daily , a Sarajevo newspaper ; UK tabloid",
                vec![
                    (0..2, Label::Misc),
                    (5..7, Label::Misc),
                    (10..11, Label::Misc),
                    (14..15, Label::Loc),
                    (18..19, Label::Loc),
                    (21..22, Label::Loc)
                ]
            ),
            [org("Rolling Stone"), org("Rolling Stone"), misc("Israeli"), loc("Sarajevo"), loc("Sarajevo"), loc("UK")]
        );
    }

    #[test]
    fn bodies_open_their_names_before_for_and_of() {
        let found = |text: &'static str, names| {
            names_after(text, names, |tokens, sentence_of, names| {
                bodies_before_their_names(text, tokens, sentence_of, names)
            })
        };
        assert_eq!(
            found(
                "The Centers for Disease Control said ; the Bank of England ; Turkish Cultural Center of New York ; High School on Long Island ; Smith of Reuters",
                vec![(3..5, Label::Org), (10..11, Label::Loc), (12..13, Label::Misc), (16..18, Label::Loc), (22..24, Label::Loc), (25..26, Label::Per), (27..28, Label::Org)]
            ),
            [
                org("Centers for Disease Control"),
                org("Bank of England"),
                org("Turkish Cultural Center of New York"),
                loc("Long Island"),
                per("Smith"),
                org("Reuters")
            ]
        );
    }

    #[test]
    fn fields_of_bodies_join_across_and() {
        let found = |text: &'static str, names| {
            names_after(text, names, |tokens, sentence_of, names| {
                let is_common = |w: &str| {
                    matches!(w.to_lowercase().as_str(), "allergy" | "infectious" | "disease" | "management" | "budget")
                };
                fields_joined_across_and(text, tokens, sentence_of, names, is_common)
            })
        };
        assert_eq!(
            found(
                "National Institute of Allergy and Infectious Diseases ; Office of Management and Budget said ; Council of Europe and NATO ; Office of Management and Budget Director",
                vec![(0..4, Label::Org), (5..7, Label::Misc), (8..11, Label::Org), (15..18, Label::Org), (19..20, Label::Org), (21..24, Label::Org)]
            ),
            [
                org("National Institute of Allergy and Infectious Diseases"),
                org("Office of Management and Budget"),
                org("Council of Europe"),
                org("NATO"),
                org("Office of Management")
            ]
        );
    }

    #[test]
    fn storms_are_other_names() {
        let found = |text: &str, names| after(storms, text, names);
        assert_eq!(
            found(
                "after Hurricane Mitch . Mitch killed ; Super Typhoon Haiyan hit ; Hurricanes Katrina , Rita and Isaac ; the National Hurricane Center ; Storm Reid",
                vec![
                    (2..3, Label::Per),
                    (4..5, Label::Per),
                    (7..10, Label::Per),
                    (13..14, Label::Per),
                    (15..16, Label::Per),
                    (17..18, Label::Loc),
                    (20..23, Label::Org),
                    (24..26, Label::Per)
                ]
            ),
            [
                misc("Mitch"),
                misc("Mitch"),
                misc("Haiyan"),
                misc("Katrina"),
                misc("Rita"),
                misc("Isaac"),
                org("National Hurricane Center"),
                per("Storm Reid")
            ]
        );
    }

    #[test]
    fn planets_in_sentences_about_space() {
        let found = |text: &'static str, names| {
            names_after(text, names, |tokens, sentence_of, names| planets(text, tokens, sentence_of, names))
        };
        // In a document about space: every one-word mention, found by the tagger or not.
        assert_eq!(
            found(
                "NASA 's rover landed on Mars ; Venus , Mercury and Earth ; Mars Inc ; Earth Day",
                vec![
                    (0..1, Label::Org),
                    (5..6, Label::Org),
                    (7..8, Label::Per),
                    (13..15, Label::Org),
                    (16..18, Label::Misc)
                ]
            ),
            [org("NASA"), loc("Mars"), loc("Venus"), loc("Mercury"), loc("Earth"), org("Mars Inc"), misc("Earth Day")]
        );
        // Elsewhere, as the tagger read them.
        assert_eq!(
            found(
                "Mars said sales rose ; Venus won in Paris",
                vec![(0..1, Label::Org), (5..6, Label::Per), (8..9, Label::Loc)]
            ),
            [org("Mars"), per("Venus"), loc("Paris")]
        );
    }

    #[test]
    fn places_of_agreements_are_other_names() {
        let found = |text: &str, names| after(places_of_agreements, text, names);
        assert_eq!(
            found(
                "the Paris Agreement 's goals ; the Abuja Accord , in January ; Paris Agreement Secretariat ; Paris agreed",
                vec![(1..2, Label::Loc), (7..8, Label::Loc), (13..14, Label::Loc), (17..18, Label::Loc)]
            ),
            [misc("Paris Agreement"), misc("Abuja Accord"), loc("Paris"), loc("Paris")]
        );
    }

    #[test]
    fn places_before_players_roles_are_teams() {
        let is_country = |text: &'static str| {
            move |tokens: &[Token], r: Range<usize>| ["Sri Lanka", "Scotland"].contains(&name_text(text, tokens, &r))
        };
        let found = |text: &'static str, names| {
            names_after(text, names, |tokens, _, names| {
                let country = is_country(text);
                teams_before_players(text, tokens, names, |r| country(tokens, r))
            })
        };
        assert_eq!(
            found(
                "Alabama quarterback Mac Jones ; Swansea goalkeeper Lukasz Fabianski ; Alabama voters",
                vec![
                    (0..1, Label::Loc),
                    (2..4, Label::Per),
                    (5..6, Label::Loc),
                    (7..9, Label::Per),
                    (10..11, Label::Loc)
                ]
            ),
            [org("Alabama"), per("Mac Jones"), org("Swansea"), per("Lukasz Fabianski"), loc("Alabama")]
        );
        // A country's side, a home nation's and the United States' are places.
        assert_eq!(
            found(
                "Sri Lanka captain ; England striker ; the former U.S. midfielder",
                vec![(0..2, Label::Loc), (4..5, Label::Loc), (9..11, Label::Loc)]
            ),
            [loc("Sri Lanka"), loc("England"), loc("U.S.")]
        );
    }

    #[test]
    fn companies_joined_across_and_are_two() {
        let found = |text: &str, names| after(companies_apart, text, names);
        assert_eq!(
            found(
                "Oracle Corp and Walmart Inc said ; Podesta Group Inc. and Mercury LLC ; First Alliance Corporation \
                 and Subsidiaries ; Ford and General Motors",
                vec![(0..5, Label::Org), (7..14, Label::Org), (15..20, Label::Org), (21..25, Label::Org)]
            ),
            [
                org("Oracle Corp"),
                org("Walmart Inc"),
                org("Podesta Group Inc."),
                org("Mercury LLC"),
                org("First Alliance Corporation and Subsidiaries"),
                org("Ford and General Motors")
            ]
        );
    }

    #[test]
    fn listed_companies_typed_as_places_or_people_are_organizations() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, _, names| {
                listed_companies(text, tokens, names, |r| match name_text(text, tokens, &r) {
                    "Amazon" | "Alphabet" => GAZ_ORG,
                    "Hartford" => GAZ_ORG | GAZ_LOC,
                    "Ford" => GAZ_ORG | GAZ_LAST,
                    _ => 0,
                })
            })
        };
        assert_eq!(
            found(
                "on Amazon , in the Amazon , in Hartford , Alphabet 's Ford , Amazon Smith",
                vec![
                    (1..2, Label::Loc),
                    (5..6, Label::Loc),
                    (8..9, Label::Loc),
                    (10..11, Label::Per),
                    (12..13, Label::Per),
                    (14..16, Label::Per)
                ]
            ),
            [
                org("Amazon"),
                named("Amazon", Label::Loc),
                named("Hartford", Label::Loc),
                org("Alphabet"),
                named("Ford", Label::Per),
                named("Amazon Smith", Label::Per)
            ]
        );
    }

    #[test]
    fn one_word_names_have_one_type_in_a_document() {
        let found = |text: &str, names| after(one_type_per_document, text, names);
        let per = |i: usize| (i..i + 1, Label::Per);
        // Three of four mentions PER: the fourth follows; a name of two words is left alone.
        assert_eq!(
            found(
                "Trump , Trump , Trump , Trump , Donald Trump",
                vec![per(0), per(2), (4..5, Label::Misc), per(6), (8..10, Label::Misc)]
            ),
            [
                named("Trump", Label::Per),
                named("Trump", Label::Per),
                named("Trump", Label::Per),
                named("Trump", Label::Per),
                misc("Donald Trump")
            ]
        );
        // Not a place and its team, not two of three, not in two mentions.
        let names = vec![
            (0..1, Label::Org),
            (2..3, Label::Org),
            (4..5, Label::Org),
            (6..7, Label::Loc),
            (8..9, Label::Per),
            (10..11, Label::Per),
            (12..13, Label::Org),
            (14..15, Label::Per),
            (16..17, Label::Misc),
        ];
        assert_eq!(
            found("Chicago , Chicago , Chicago , Chicago ; Kim , Kim , Kim ; Lee , Lee", names.clone())
                .into_iter()
                .map(|(_, l)| l)
                .collect::<Vec<_>>(),
            names.into_iter().map(|(_, l)| l).collect::<Vec<_>>()
        );
    }

    #[test]
    fn other_mentions_of_a_one_word_name() {
        let found = |text: &str, names, common: &[&str]| {
            names_after(text, names, |tokens, _, names| {
                with_other_mentions(text, tokens, names, |w| common.contains(&w.to_lowercase().as_str()))
            })
        };
        // A word left out where the tagger found it alone elsewhere, with that name's type; not inside
        // another name, not written otherwise.
        assert_eq!(
            found(
                "Disney said . Shares of Disney rose ; Disney World and DISNEY",
                vec![(5..6, Label::Org), (8..10, Label::Loc)],
                &[]
            ),
            [org("Disney"), org("Disney"), named("Disney World", Label::Loc)]
        );
        // A dictionary word only when found twice and at least as often as left out; a word found once
        // but left out more than three times as often, a day and a word with an apostrophe never.
        assert_eq!(
            found(
                "Real won . Real lost . Real drew . Girls , Girls , Girls , Girls , Girls . Monday , Monday . I'm , I'm",
                vec![
                    (0..1, Label::Org),
                    (3..4, Label::Org),
                    (9..10, Label::Loc),
                    (19..20, Label::Per),
                    (23..24, Label::Org),
                ],
                &["real"]
            ),
            [
                org("Real"),
                org("Real"),
                org("Real"),
                named("Girls", Label::Loc),
                named("Monday", Label::Per),
                org("I'm")
            ]
        );
    }

    #[test]
    fn party_and_state_codes_are_no_names() {
        let found = |text: &str, names| after(without_party_codes, text, names);
        let text = "McConnell , R-Ky. , Pelosi ( D-CA ) , Sanders , I-Vt. ; D-Day , D-Calif";
        let tokens = tokenize(text);
        let all: Vec<(Range<usize>, Label)> = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| text[t.span.start..t.span.end].starts_with(char::is_uppercase))
            .map(|(i, _)| (i..i + 1, Label::Loc))
            .collect();
        // A period glued to a code is a token of its own: the code's name takes it in.
        let with_periods: Vec<(Range<usize>, Label)> = all
            .into_iter()
            .map(|(r, l)| match tokens.get(r.end) {
                Some(t) if &text[t.span.start..t.span.end] == "." && t.span.start == tokens[r.start].span.end => {
                    (r.start..r.end + 1, l)
                }
                _ => (r, l),
            })
            .collect();
        let names: Vec<String> = found(text, with_periods).into_iter().map(|(t, _)| t).collect();
        assert_eq!(names, ["McConnell", "Pelosi", "Sanders", "D-Day", "D-Calif"]);
    }

    #[test]
    fn first_names_joined_by_an_apostrophe() {
        let found = |text: &str, names| after(with_apostrophe_first_names, text, names);
        assert_eq!(
            found(
                "Ja'Marr Chase , Le’Veon Bell , D'Andre Swift , Ja'Marr Hobbs , O'Neil Jones , It's Smith",
                vec![
                    (1..2, Label::Per),
                    (4..5, Label::Per),
                    (6..8, Label::Per),
                    (10..11, Label::Org),
                    (13..14, Label::Per),
                    (17..18, Label::Per)
                ]
            ),
            [
                named("Ja'Marr Chase", Label::Per),
                named("Le’Veon Bell", Label::Per),
                named("D'Andre Swift", Label::Per),
                org("Hobbs"),
                named("Jones", Label::Per),
                named("Smith", Label::Per)
            ]
        );
    }

    #[test]
    fn places_of_teams_before_results_are_teams() {
        let found = |text: &str, names| after(teams_by_their_places, text, names);
        assert_eq!(
            found(
                "the Oklahoma Sooners ; Oklahoma loses twice in Oklahoma ; Texas won ; Kansas City beat Denver",
                vec![
                    (1..3, Label::Org),
                    (4..5, Label::Loc),
                    (8..9, Label::Loc),
                    (10..11, Label::Loc),
                    (13..15, Label::Loc),
                    (16..17, Label::Loc)
                ]
            ),
            [
                org("Oklahoma Sooners"),
                org("Oklahoma"),
                named("Oklahoma", Label::Loc),
                named("Texas", Label::Loc),
                named("Kansas City", Label::Loc),
                named("Denver", Label::Loc)
            ]
        );
    }

    #[test]
    fn regional_time_zones_are_no_names() {
        let text = "9 p.m. ET on Fox , 10 a.m. EST , Billings , MT , at 16:08 GMT";
        let tokens = tokenize(text);
        // The token range from the token starting at `from` to the one ending at `to` (byte offsets).
        let span = |from: &str, to: &str| {
            let (start, end) = (text.find(from).unwrap(), text.find(to).unwrap() + to.len());
            let first = tokens.iter().position(|t| t.span.start == start).unwrap();
            let last = tokens.iter().position(|t| t.span.end == end).unwrap();
            first..last + 1
        };
        let names = vec![
            (span("p.m.", "ET"), Label::Org),
            (span("Fox", "Fox"), Label::Org),
            (span("a.m.", "EST"), Label::Loc),
            (span("Billings", "Billings"), Label::Loc),
            (span("MT", "MT"), Label::Loc),
            (span("GMT", "GMT"), Label::Misc),
        ];
        let found: Vec<(String, Label)> = without_times_of_day(text, &tokens, names)
            .into_iter()
            .map(|(r, l)| (name_text(text, &tokens, &r).to_owned(), l))
            .collect();
        assert_eq!(found, [org("Fox"), named("Billings", Label::Loc), named("MT", Label::Loc), misc("GMT")]);
    }

    #[test]
    fn names_begin_after_lowercase_dictionary_words() {
        let common = |w: &str| matches!(w, "state" | "sue" | "van");
        let found = |text: &str, names| {
            names_after(text, names, |tokens, _, names| without_lowercase_start(text, tokens, names, common))
        };
        // A dictionary word; not a particle, a word not in the dictionary, a word before a lowercase one, a
        // name of one word.
        assert_eq!(
            found(
                "the state Department of Revenue , to sue Donald Trump , van Gogh , nee Smith , state police , state",
                vec![
                    (1..5, Label::Org),
                    (7..10, Label::Per),
                    (11..13, Label::Per),
                    (14..16, Label::Per),
                    (17..19, Label::Org),
                    (20..21, Label::Org)
                ]
            ),
            [
                org("Department of Revenue"),
                per("Donald Trump"),
                per("van Gogh"),
                per("nee Smith"),
                org("state police"),
                org("state")
            ]
        );
    }

    #[test]
    fn ampersands_join_names() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, sentence_of, names| {
                joined_by_ampersands(text, tokens, sentence_of, names)
            })
        };
        assert_eq!(
            found(
                "and Johnson & Johnson expects ; Procter & Gamble ; Trinidad & Tobago ; the Duff & Phelps Group",
                vec![
                    (1..2, Label::Per),
                    (3..4, Label::Per),
                    (6..7, Label::Org),
                    (10..11, Label::Loc),
                    (12..13, Label::Loc),
                    (15..16, Label::Org)
                ]
            ),
            [org("Johnson & Johnson"), org("Procter & Gamble"), loc("Trinidad & Tobago"), org("Duff & Phelps")]
        );
        // Not inside a name, nor beside a word in lowercase, nor glued ("AT&T").
        assert_eq!(
            found(
                "Smith & sons ; Marks & Spencer Group ; AT&T ; Rudy Giuliani & Sen Cruz",
                vec![
                    (0..1, Label::Per),
                    (4..8, Label::Org),
                    (9..12, Label::Org),
                    (13..15, Label::Per),
                    (17..18, Label::Per)
                ]
            ),
            [per("Smith"), org("Marks & Spencer Group"), org("AT&T"), per("Rudy Giuliani"), per("Cruz")]
        );
    }

    #[test]
    fn acronyms_possessives_part_names() {
        let found = |text: &str, names| after(apart_at_acronyms_possessives, text, names);
        assert_eq!(
            found(
                "the CDC's Advisory Committee on Immunization Practices , Moody's Investors Service , CDC's",
                vec![(1..8, Label::Org), (9..13, Label::Org), (14..16, Label::Org)]
            ),
            [
                org("CDC"),
                org("Advisory Committee on Immunization Practices"),
                org("Moody's Investors Service"),
                org("CDC's")
            ]
        );
    }

    #[test]
    fn courts_leave_judges_titles_out() {
        let found = |text: &str, names| after(without_judges_titles, text, names);
        assert_eq!(
            found(
                "Supreme Court Justice Amy Barrett , Supreme Court Chief Justice John Roberts , the Department of Justice",
                vec![(0..3, Label::Org), (3..5, Label::Per), (6..10, Label::Org), (10..12, Label::Per), (14..17, Label::Org)]
            ),
            [
                org("Supreme Court"),
                per("Amy Barrett"),
                org("Supreme Court"),
                per("John Roberts"),
                org("Department of Justice")
            ]
        );
    }

    #[test]
    fn names_after_titles_are_people() {
        let found = |text: &str, names| after(people_after_titles, text, names);
        assert_eq!(
            found(
                "Rep. Alexandria Ocasio-Cortez , Dr Acme Smith , Gen. GM , the Paris",
                vec![(2..4, Label::Loc), (6..8, Label::Org), (11..12, Label::Org), (14..15, Label::Loc)]
            ),
            [per("Alexandria Ocasio-Cortez"), per("Acme Smith"), org("GM"), loc("Paris")]
        );
    }

    #[test]
    fn datelines_name_places() {
        let found = |text: &str, names| after(datelines_are_places, text, names);
        assert_eq!(
            found(
                "ADELAIDE (Reuters) - Australia won .\nWASHINGTON/NEW YORK (Reuters) — Stocks fell .",
                vec![(0..1, Label::Org), (2..3, Label::Org), (5..6, Label::Loc)]
            ),
            [loc("ADELAIDE"), org("Reuters"), loc("Australia"), loc("WASHINGTON"), loc("NEW YORK")]
        );
        // Not inside a line, not without the dash, not before a letter in parentheses (a results table).
        assert_eq!(
            found(
                "He met Smith (Reuters) - then . \nSmith (Reuters) said\nRadnicki (N) - Spartak",
                vec![(2..3, Label::Per), (9..10, Label::Per), (14..15, Label::Org)]
            ),
            [per("Smith"), per("Smith"), org("Radnicki")]
        );
    }

    #[test]
    fn names_of_units_are_organizations() {
        let found = |text: &str, names| after(units_are_organizations, text, names);
        assert_eq!(
            found(
                "its Janssen unit , its US unit , Janssen said",
                vec![(1..2, Label::Per), (5..6, Label::Loc), (8..9, Label::Per)]
            ),
            [named("Janssen", Label::Org), named("US", Label::Loc), named("Janssen", Label::Per)]
        );
    }

    #[test]
    fn legal_forms_take_the_companies_names_before_them() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, sentence_of, names| {
                companies_before_legal_forms(text, tokens, sentence_of, names)
            })
        };
        // Left out, typed otherwise, or the legal form at the start of a longer ORG.
        assert_eq!(
            found(
                "partner BioNTech SE said ; the Acme Widget Co , Zeta MISC AG and Omega Inc Group",
                vec![
                    (2..3, Label::Org),
                    (8..9, Label::Org),
                    (10..12, Label::Misc),
                    (12..13, Label::Org),
                    (15..17, Label::Org)
                ]
            ),
            [org("BioNTech SE"), org("Acme Widget Co"), org("Zeta MISC AG"), org("Omega Inc Group")]
        );
        // Not after a word in lowercase, nor past the sentence's start, nor a legal form glued to a word.
        assert_eq!(
            found(
                "the SE region ; BioNTech . SE said ; Deputy Assistant AG",
                vec![(1..2, Label::Org), (6..7, Label::Org), (11..12, Label::Org)]
            ),
            [org("SE"), org("SE"), org("AG")]
        );
    }

    #[test]
    fn people_take_the_first_names_left_out() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, sentence_of, names| {
                with_first_names(text, tokens, sentence_of, names, |w| w == "will", |r| r.start == 17)
            })
        };
        assert_eq!(found("and will Gennifer Flowers be there", vec![(3..4, Label::Per)]), [per("Gennifer Flowers")]);
        // After a title, a dictionary word too ("Sen. Rand Paul"), also with the title's period apart.
        assert_eq!(
            found(
                "and then Sen . Will Flowers said so , and Dr Will Flowers said so too",
                vec![(5..6, Label::Per), (12..13, Label::Per)]
            ),
            [per("Will Flowers"), per("Will Flowers")]
        );
        // Not a dictionary word, a day, a title, a nationality's word, a listed place, the sentence's first
        // word, a word in another name, a name of two words.
        assert_eq!(
            found(
                "Gennifer Flowers , will Flowers , on Monday Flowers , Dr Flowers , Russian Flowers , in Paris Flowers , Acme Flowers , Gennifer Mae Flowers",
                vec![
                    (1..2, Label::Per),
                    (4..5, Label::Per),
                    (8..9, Label::Per),
                    (11..12, Label::Per),
                    (14..15, Label::Per),
                    (18..19, Label::Per),
                    (20..21, Label::Org),
                    (21..22, Label::Per),
                    (24..26, Label::Per)
                ]
            ),
            [
                per("Flowers"),
                per("Flowers"),
                per("Flowers"),
                per("Flowers"),
                per("Flowers"),
                per("Flowers"),
                org("Acme"),
                per("Flowers"),
                per("Mae Flowers")
            ]
        );
    }

    #[test]
    fn apple_style_products_take_their_words() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, sentence_of, names| {
                products_with_their_words(text, tokens, sentence_of, names)
            })
        };
        assert_eq!(
            found(
                "the iPhone Developer Program , the iTunes Apps Stores , an iPod Touch",
                vec![(1..2, Label::Misc), (6..7, Label::Misc), (7..9, Label::Org), (11..12, Label::Misc)]
            ),
            [misc("iPhone Developer Program"), misc("iTunes Apps Stores"), misc("iPod Touch")]
        );
        // Not a day, a person's name, a word in capitals, more than three words, an ORG that goes on.
        assert_eq!(
            found(
                "his iPhone Tuesday , an iPad Steve Jobs , an iPod SDK , the iPhone One Two Three Four",
                vec![
                    (1..2, Label::Misc),
                    (5..6, Label::Misc),
                    (6..8, Label::Per),
                    (10..11, Label::Misc),
                    (14..15, Label::Misc)
                ]
            ),
            [misc("iPhone"), misc("iPad"), per("Steve Jobs"), misc("iPod"), misc("iPhone")]
        );
    }

    #[test]
    fn common_words_with_an_ampersand_are_no_names() {
        let found = |text: &str, names| after(without_ampersand_words, text, names);
        // "Q&A" alone, a name that ends with it, one that begins with it, an ampersand alone; not a company.
        assert_eq!(
            found(
                "a Q&A , The Baptist Q&A , Q&A Twitter , a & b , AT&T and S&P",
                vec![
                    (1..4, Label::Org),
                    (6..10, Label::Org),
                    (11..15, Label::Org),
                    (17..18, Label::Misc),
                    (20..23, Label::Org),
                    (24..27, Label::Org)
                ]
            ),
            [org("Baptist"), org("Twitter"), org("AT&T"), org("S&P")]
        );
    }

    #[test]
    fn credit_lines_name_the_photographer_and_the_agency() {
        let text = "Fans cheer. Mandatory Credit: Kim Klement-USA TODAY Sports\nCredit: Reuters\nCredit: the Smith-Jones family";
        let at = |w: &str| text.find(w).map(|s| Span::new(s, s + w.len())).unwrap();
        let names = vec![
            Entity::new(at("Kim Klement-USA"), Label::Per, Source::Model),
            Entity::new(at("Reuters"), Label::Org, Source::Model),
        ];
        let found: Vec<(&str, Label)> =
            with_credit_lines(text, names).iter().map(|e| (&text[e.span.start..e.span.end], e.label)).collect();
        assert_eq!(found, [("Kim Klement", Label::Per), ("USA TODAY Sports", Label::Org), ("Reuters", Label::Org)]);
    }

    #[test]
    fn organizations_by_their_spelling() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, _, names| {
                joined_organizations(text, tokens, camel_case_organizations(text, tokens, names))
            })
        };
        // Camel case typed PER; a word after a slash and a hyphenated word that the document names as an
        // organization elsewhere.
        assert_eq!(
            found(
                "Pfizer/BioNTech and Pfizer-BioNTech shots , BioNTech said",
                vec![(0..1, Label::Org), (7..8, Label::Per)]
            ),
            [
                named("Pfizer", Label::Org),
                named("BioNTech", Label::Org),
                named("Pfizer-BioNTech", Label::Org),
                named("BioNTech", Label::Org)
            ]
        );
        // Surnames with particles stay people; places apart; words whose parts are no organizations.
        assert_eq!(
            found(
                "McConnell and DeSantis in US/UK talks , Israeli-Palestinian",
                vec![(0..1, Label::Per), (2..3, Label::Per), (4..5, Label::Loc), (6..7, Label::Loc)]
            ),
            [
                named("McConnell", Label::Per),
                named("DeSantis", Label::Per),
                named("US", Label::Loc),
                named("UK", Label::Loc)
            ]
        );
    }

    #[test]
    fn places_of_events_are_one_name() {
        let found = |text: &str, names| after(places_of_events, text, names);
        assert_eq!(
            found(
                "the Tokyo Olympics and the Abu Dhabi Grand Prix",
                vec![(1..2, Label::Loc), (2..3, Label::Misc), (5..6, Label::Loc), (6..9, Label::Misc)]
            ),
            [named("Tokyo Olympics", Label::Misc), named("Abu Dhabi Grand Prix", Label::Misc)]
        );
        // A law stays apart from its place; so does an event that does not follow the place at once.
        assert_eq!(
            found(
                "U.S. Refugee Act , Spain , Davis Cup",
                vec![(0..2, Label::Loc), (2..4, Label::Misc), (5..6, Label::Loc), (7..9, Label::Misc)]
            ),
            [
                named("U.S.", Label::Loc),
                named("Refugee Act", Label::Misc),
                named("Spain", Label::Loc),
                named("Davis Cup", Label::Misc)
            ]
        );
    }

    #[test]
    fn legislatures_without_their_leaders_ranks() {
        let found = |text: &str, names| after(without_leaders_ranks, text, names);
        assert_eq!(
            found(
                "Senate Majority Leader Mitch McConnell and Senate Democratic leader Chuck Schumer",
                vec![(0..2, Label::Org), (3..5, Label::Per), (6..8, Label::Org), (9..11, Label::Per)]
            ),
            [
                named("Senate", Label::Org),
                named("Mitch McConnell", Label::Per),
                named("Senate", Label::Org),
                named("Democratic", Label::Misc),
                named("Chuck Schumer", Label::Per)
            ]
        );
        // Not before other words, nor a name of one word.
        assert_eq!(
            found("the Senate Majority PAC and Majority Leader", vec![(1..4, Label::Org), (5..6, Label::Org)]),
            [named("Senate Majority PAC", Label::Org), named("Majority", Label::Org)]
        );
        // A body's name without "Chair"; not a person's ("Madame Chair") or a name of "Chair" alone.
        assert_eq!(
            found(
                "Federal Reserve Chair Janet Yellen , Madame Chair , Chair",
                vec![(0..3, Label::Org), (3..5, Label::Per), (6..8, Label::Per), (9..10, Label::Org)]
            ),
            [org("Federal Reserve"), per("Janet Yellen"), per("Madame Chair"), org("Chair")]
        );
    }

    #[test]
    fn services_are_organizations() {
        let found = missed_names;
        // Retyped where the tagger typed them otherwise, added where it left them out.
        assert_eq!(
            found("Google said an Uber driver met him on Tinder", vec![(0..1, Label::Per), (3..4, Label::Loc)]),
            [org("Google"), org("Uber"), org("Tinder")]
        );
        // First in a sentence too, not a handle; a longer name stays.
        assert_eq!(
            found("Lyft drivers and @Uber and Google Maps", vec![(6..8, Label::Misc)]),
            [org("Lyft"), ("Google Maps".to_owned(), Label::Misc)]
        );
        // Not first in a sentence before a particle that makes it the common word.
        assert_eq!(found("Zoom in on the map", vec![]), [] as [(String, Label); 0]);
    }

    #[test]
    fn armed_groups_are_organizations() {
        let found = |text: &str, names| after(with_armed_groups, text, names);
        assert_eq!(
            found("ISIS and Boko Haram", vec![(0..1, Label::Misc), (2..4, Label::Per)]),
            [org("ISIS"), org("Boko Haram")]
        );
        // The longest name, over the tagger's pieces; the words before it kept.
        assert_eq!(
            found("the Yemen-based al Qaeda in the Arabian Peninsula", vec![(1..4, Label::Misc), (6..8, Label::Loc)]),
            [("Yemen-based".to_owned(), Label::Misc), org("al Qaeda in the Arabian Peninsula")]
        );
        assert_eq!(found("the Islamic State group", vec![(1..2, Label::Misc)]), [org("Islamic State")]);
        // An organization holding one stays; glued words and lowercase are no group.
        assert_eq!(
            found("Islamic State Hacking Division", vec![(0..4, Label::Org)]),
            [org("Islamic State Hacking Division")]
        );
        assert_eq!(found("anti-ISIS forces and an Islamic state", vec![]), []);
        for group in ARMED_GROUPS {
            assert!(begins_armed_group(group.split(' ').next().unwrap_or("")), "{group}");
            assert!(ARMED_GROUP_INITIALS.contains(&group.as_bytes()[0]), "{group}");
        }
    }

    #[test]
    fn stock_indices_are_misc() {
        let found = |text: &str, names| after(with_stock_indices, text, names);
        // Over the tagger's pieces and types, with the index's number, a curly apostrophe or none found.
        assert_eq!(
            found("the Standard & Poor’s 500 index and the Nasdaq fell", vec![(1..4, Label::Org), (9..10, Label::Org)]),
            [misc("Standard & Poor’s 500"), misc("Nasdaq")]
        );
        assert_eq!(
            found("The S&P 500 and FTSE 100 rose; DJIA", vec![]),
            [misc("S&P 500"), misc("FTSE 100"), misc("DJIA")]
        );
        assert_eq!(
            found("the Dow Jones Industrial Average fell", vec![(1..3, Label::Org)]),
            [misc("Dow Jones Industrial Average")]
        );
        // The agency alone, a name going on, a company's "& Co.", a name holding one and glued words stay.
        assert_eq!(found("S&P said", vec![(0..3, Label::Org)]), [org("S&P")]);
        assert_eq!(found("Dow Chemical and Nasdaq OMX", vec![(0..2, Label::Org)]), [org("Dow Chemical")]);
        assert_eq!(found("Dow Jones & Co. said", vec![(0..5, Label::Org)]), [org("Dow Jones & Co.")]);
        assert_eq!(
            found("the Nasdaq 100 Index rose", vec![(1..4, Label::Misc)]),
            [("Nasdaq 100 Index".to_owned(), Label::Misc)]
        );
        assert_eq!(found("Nasdaq-listed DAXes and xDAX", vec![]), []);
        for index in STOCK_INDICES {
            let tokens = tokenize(index);
            assert!(begins_stock_index(word_at(index, &tokens, 0)), "{index}");
        }
    }

    #[test]
    fn codes_are_names() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, sentence_of, names| {
                with_codes(text, tokens, sentence_of, names, |w| w.eq_ignore_ascii_case("under"))
            })
        };
        assert_eq!(
            found(
                "COVID-19 and the G20 , F-35 , IMKB-100 ; not W145 , BA286 , AA1 , Q2 , 4TH , UNDER-21 , U-21 , F / A-18",
                vec![]
            ),
            [misc("COVID-19"), misc("G20"), misc("F-35"), misc("IMKB-100")]
        );
        assert_eq!(found("Acme X200 drones", vec![(0..1, Label::Org)]), [misc("Acme X200")]);
        assert_eq!(found("Russian T-72 tanks", vec![(0..1, Label::Misc)]), [misc("Russian"), misc("T-72")]);
        assert_eq!(found("— ’s G Gé 1ST", vec![]), []);
    }

    #[test]
    fn missed_words_before_a_model_code_are_products() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, sentence_of, names| {
                with_missed_names(text, tokens, sentence_of, names, |w| w.eq_ignore_ascii_case("model"))
            })
        };
        assert_eq!(
            found("its Skyrunner X200 drone and an Airbus A320neo", vec![]),
            [misc("Skyrunner X200"), misc("Airbus A320neo")]
        );
        assert_eq!(found("the Vickers VC-10 aircraft", vec![(2..3, Label::Misc)]), [misc("Vickers VC-10")]);
        // A virus's code in mixed case; not one of two parts or without a capital first part.
        assert_eq!(found("the SARS-CoV-2 virus , Pac-12 , Sars-CoV-2", vec![]), [misc("SARS-CoV-2")]);
        // Not first in the sentence, not a dictionary word, not a code of one digit, not a word in capitals,
        // not when the code is part of a longer name already.
        assert_eq!(
            found(
                "Skyrunner X200 flew ; its Model X200 , Skyrunner X2 , NASA X200 , Acme F-35 Lightning",
                vec![(15..17, Label::Misc)]
            ),
            [misc("F-35 Lightning")]
        );
    }

    #[test]
    fn instrument_codes_and_shares_leave_names() {
        for (name, kept) in [
            ("Nikkei .N225", Some("Nikkei")),
            ("Zoom Video Communications Inc ZM.O", Some("Zoom Video Communications Inc")),
            (".SPX", None),
            ("BA.N", None),
            ("VOWG_p.DE Volkswagen", Some("Volkswagen")),
            // Not an abbreviation, a website, a glued period or a ticker of one capital.
            ("U.S. Steel", Some("U.S. Steel")),
            ("U.N", Some("U.N")),
            ("Boston.com", Some("Boston.com")),
            ("St.Louis", Some("St.Louis")),
            ("Acme Co.KG", Some("Acme Co.KG")),
            ("Acme.SPX", Some("Acme.SPX")),
        ] {
            assert_eq!(trimmed(name, without_instrument_codes).as_deref(), kept, "{name}");
        }
        for (name, kept) in [
            ("Shares of Apple Inc", Some("Apple Inc")),
            ("Stake in Acme", Some("Acme")),
            ("Shares of", Some("Shares of")),
            ("Bank of England", Some("Bank of England")),
            ("shares of Acme", Some("shares of Acme")),
        ] {
            assert_eq!(trimmed(name, without_shares_of).as_deref(), kept, "{name}");
        }
    }

    #[test]
    fn loose_marks_leave_names() {
        for (name, kept) in [
            ("Homegate Hospitality Inc .", Some("Homegate Hospitality Inc")),
            ("Mercantile Bancorp Inc.", Some("Mercantile Bancorp Inc.")),
            (", London Newsroom", Some("London Newsroom")),
            ("Nur-Sultan ;", Some("Nur-Sultan")),
            ("Rad ( B )", Some("Rad ( B )")),
            (".", None),
        ] {
            assert_eq!(trimmed(name, without_loose_marks).as_deref(), kept, "{name}");
        }
    }

    #[test]
    fn places_before_acronyms_are_places() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, _, names| {
                places_before_acronyms(text, tokens, names, |r| r.len() == 1 && tokens[r.start].span.start == 0)
            })
        };
        assert_eq!(
            found("Chicago PMI rose", vec![(0..2, Label::Org)]),
            [named("Chicago", Label::Loc), named("PMI", Label::Org)]
        );
        // Not an acronym of two letters nor a club's initials, not a place in capitals, not a word that is no place, not PER.
        for (text, label) in
            [("Paris SG", Label::Org), ("Paris AFC", Label::Org), ("PARIS PMI", Label::Org), ("Paris PMI", Label::Per)]
        {
            assert_eq!(found(text, vec![(0..2, label)]), [named(text, label)]);
        }
        assert_eq!(found("and Acme PMI", vec![(1..3, Label::Org)]), [named("Acme PMI", Label::Org)]);
    }

    #[test]
    fn products_take_their_numbers() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, _, names| products_with_numbers(text, tokens, names, false))
        };
        assert_eq!(
            found("a Boeing 777 and Windows 95", vec![(1..2, Label::Misc), (4..5, Label::Misc)]),
            [misc("Boeing 777"), misc("Windows 95")]
        );
        // Not adjectives, years, decimals, other types, or a number that is part of another name.
        assert_eq!(
            found(
                "Olympic 100 metres , French 1997 budget , Acme 12.5 , Airbus 310",
                vec![(0..1, Label::Misc), (4..5, Label::Misc), (8..9, Label::Misc), (11..12, Label::Org)]
            ),
            [misc("Olympic"), misc("French"), misc("Acme"), ("Airbus".to_owned(), Label::Org)]
        );
        // A maker's name typed ORG, in the full pipeline: before a number and a word in lowercase.
        let makers = |text: &str, names| {
            names_after(text, names, |tokens, _, names| products_with_numbers(text, tokens, names, true))
        };
        assert_eq!(
            makers(
                "a Boeing 777 jet , PlayStation 5 consoles , Boeing 757 and its crew",
                vec![(1..2, Label::Org), (5..6, Label::Org), (9..10, Label::Org)]
            ),
            [misc("Boeing 777"), misc("PlayStation 5"), misc("Boeing 757")]
        );
        // A model's suffix in capitals; after the maker's possessive, the product alone.
        assert_eq!(
            makers(
                "the Boeing 737 MAX jet , Boeing 737 MAX . Boeing 's 737 MAX after , Boeing 's 737 jets , NewsTalk 990 AM radio , the Sputnik V vaccine",
                vec![(1..2, Label::Org), (6..7, Label::Org), (10..11, Label::Org), (16..17, Label::Org), (21..22, Label::Org), (27..28, Label::Org)]
            ),
            [misc("Boeing 737 MAX"), misc("Boeing 737 MAX"), org("Boeing"), misc("737 MAX"), org("Boeing"), org("NewsTalk"), misc("Sputnik V")]
        );
        // After the maker's legal form too; not a product of more words than a maker's and its form.
        assert_eq!(
            makers(
                "Boeing Co 's 737 MAX flew ; Acme Books Co 's 737 MAX",
                vec![(0..2, Label::Org), (7..10, Label::Org)]
            ),
            [org("Boeing Co"), misc("737 MAX"), org("Acme Books Co")]
        );
        // Not before a unit or a count, a capitalized word, another number, a year, a word in capitals, or
        // in the pseudo-labels' pipeline.
        assert_eq!(
            makers(
                "McLaren 37 laps , Sussex 389 and 112 , Acme 10 Corp , Acme 2020 sales , IBM 360 mainframe",
                vec![
                    (0..1, Label::Org),
                    (4..5, Label::Org),
                    (9..10, Label::Org),
                    (13..14, Label::Org),
                    (17..18, Label::Org)
                ]
            ),
            [org("McLaren"), org("Sussex"), org("Acme"), org("Acme"), org("IBM")]
        );
        assert_eq!(found("a Boeing 777 jet", vec![(1..2, Label::Org)]), [org("Boeing")]);
    }

    #[test]
    fn names_whose_shares_trade_are_companies() {
        let found = |text: &str, names| after(companies_by_their_shares, text, names);
        assert_eq!(
            found("Ted Baker shares fell as shares of Jo Malone rose", vec![(0..2, Label::Per), (7..9, Label::Per)]),
            [named("Ted Baker", Label::Org), named("Jo Malone", Label::Org)]
        );
        // Not a person who shares something, nor a person's holding.
        assert_eq!(
            found("Jeb Bush shares views and Smith 's shares rose", vec![(0..2, Label::Per), (5..6, Label::Per)]),
            [named("Jeb Bush", Label::Per), named("Smith", Label::Per)]
        );
    }

    #[test]
    fn names_end_before_numbers_marks() {
        let found = |text: &str, names| after(without_rank_marks, text, names);
        assert_eq!(
            found(
                "World No. 4 Andy Murray beat No. 3 Iowa",
                vec![(0..3, Label::Misc), (4..6, Label::Per), (7..9, Label::Org), (10..11, Label::Loc)]
            ),
            [per("Andy Murray"), loc("Iowa")]
        );
        // The rest of a longer name stays; a name that only begins with "No" is not cut, nor is one before
        // a word.
        assert_eq!(found("Federal mine No. 2", vec![(0..4, Label::Org)]), [org("Federal mine")]);
        assert_eq!(found("No Child Left Behind 2", vec![(0..4, Label::Misc)]), [misc("No Child Left Behind")]);
        assert_eq!(found("Dr. No . Later", vec![(0..3, Label::Misc)]), [misc("Dr. No")]);
    }

    #[test]
    fn ranked_places_in_results_are_teams() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, _, names| {
                ranked_teams(text, tokens, names, |r: Range<usize>| word_at(text, tokens, r.start) == "Japan")
            })
        };
        assert_eq!(
            found(
                "Alabama beat No. 7 Florida 52-46 after No. 3 Iowa 99-88 , then beat No. 2 Japan and saw the No. 1 Miami beach",
                vec![
                    (0..1, Label::Org),
                    (5..6, Label::Loc),
                    (11..12, Label::Loc),
                    (19..20, Label::Loc),
                    (26..27, Label::Loc)
                ]
            ),
            [org("Alabama"), org("Florida"), org("Iowa"), loc("Japan"), loc("Miami")]
        );
        // Not without the rank, nor after a number that is not one.
        assert_eq!(
            found("beat 7 Florida 52-46 and No. 7.5 Iowa 9-8", vec![(2..3, Label::Loc), (8..9, Label::Loc)]),
            [loc("Florida"), loc("Iowa")]
        );
    }

    #[test]
    fn names_after_a_company_kind_are_companies() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, _, names| {
                organizations_after_their_kind(text, tokens, names, |r: Range<usize>| {
                    word_at(text, tokens, r.start) == "Russia"
                })
            })
        };
        assert_eq!(
            found(
                "fashion retailer Ted Baker and law firm Mayer Brown sued the bank Russia and the aircraft carrier Enterprise",
                vec![(2..4, Label::Per), (7..9, Label::Per), (12..13, Label::Loc), (17..18, Label::Loc)]
            ),
            [org("Ted Baker"), org("Mayer Brown"), loc("Russia"), loc("Enterprise")]
        );
        assert_eq!(found("security firm iDefence", vec![(2..3, Label::Misc)]), [org("iDefence")]);
        assert_eq!(
            found("television station Dozhd and broadcaster Pam Shriver", vec![(2..3, Label::Per), (5..7, Label::Per)]),
            [org("Dozhd"), per("Pam Shriver")]
        );
    }

    #[test]
    fn acronyms_of_common_nouns_are_no_names() {
        let found = |text: &str, names| after(without_common_acronyms, text, names);
        assert_eq!(
            found(
                "a stolen SUV , a super PAC and the IPO , Keep the Promise PAC and PC ( USA )",
                vec![
                    (2..3, Label::Org),
                    (6..7, Label::Org),
                    (9..10, Label::Org),
                    (11..15, Label::Org),
                    (16..17, Label::Org)
                ]
            ),
            [org("Keep the Promise PAC"), org("PC")]
        );
    }

    #[test]
    fn acronyms_of_laws_are_other_names() {
        let found = |text: &str, names| after(laws_by_their_acronyms, text, names);
        assert_eq!(
            found(
                "repealing the ACA , DACA recipients and the TPP , not the PPP or ACA Ltd",
                vec![
                    (2..3, Label::Org),
                    (4..5, Label::Per),
                    (8..9, Label::Org),
                    (12..13, Label::Org),
                    (14..16, Label::Org)
                ]
            ),
            [misc("ACA"), misc("DACA"), misc("TPP"), org("PPP"), org("ACA Ltd")]
        );
    }

    #[test]
    fn leagues_of_causes_are_organizations() {
        let found = |text: &str, names| after(leagues_of_causes, text, names);
        assert_eq!(
            found(
                "the Arab League , the Anti-Defamation League , the Premier League , a non-Champions League game",
                vec![(1..3, Label::Misc), (5..7, Label::Misc), (9..11, Label::Misc), (13..15, Label::Misc)]
            ),
            [org("Arab League"), org("Anti-Defamation League"), misc("Premier League"), misc("non-Champions League")]
        );
        // A name of another type, or "League" alone, stays.
        assert_eq!(found("the League said", vec![(1..2, Label::Misc)]), [misc("League")]);
    }

    #[test]
    fn possessors_of_people_are_not_people() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, _, names| {
                possessors_of_people(text, tokens, names, |r: Range<usize>| word_at(text, tokens, r.start) == "Kenya")
            })
        };
        assert_eq!(
            found(
                "Gonzaga 's Drew Timme , Kenya 's Eliud Kipchoge , Wales 's Gareth Bale",
                vec![
                    (0..1, Label::Per),
                    (2..4, Label::Per),
                    (5..6, Label::Per),
                    (7..9, Label::Per),
                    (10..11, Label::Per),
                    (12..14, Label::Per)
                ]
            ),
            [org("Gonzaga"), per("Drew Timme"), loc("Kenya"), per("Eliud Kipchoge"), loc("Wales"), per("Gareth Bale")]
        );
        // Not before one word, nor after a capitalized word whose name it ends.
        assert_eq!(
            found(
                "Smith 's Jones and Trader Joe 's Charles Shaw",
                vec![(0..1, Label::Per), (2..3, Label::Per), (5..6, Label::Per), (7..9, Label::Per)]
            ),
            [per("Smith"), per("Jones"), per("Joe"), per("Charles Shaw")]
        );
    }

    #[test]
    fn names_before_today_are_publications() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, sentence_of, names| {
                publications_of_today(text, tokens, sentence_of, names)
            })
        };
        assert_eq!(
            found(
                "she told USA Today and Westlaw Today reported it , as in Ukraine . Today it rains",
                vec![(2..3, Label::Loc), (5..6, Label::Per), (12..13, Label::Loc)]
            ),
            [org("USA Today"), org("Westlaw Today"), loc("Ukraine")]
        );
        // Not in a headline in title case.
        assert_eq!(
            found("Obama Visits Kenya Today", vec![(0..1, Label::Per), (2..3, Label::Loc)]),
            [per("Obama"), loc("Kenya")]
        );
    }

    #[test]
    fn teams_take_their_numbered_nicknames() {
        let found = |text: &str, names| after(teams_with_numbers, text, names);
        assert_eq!(
            found(
                "the Philadelphia 76ers beat the San Francisco 49ers and Smith 3s",
                vec![(1..2, Label::Org), (5..7, Label::Loc), (9..10, Label::Per)]
            ),
            [org("Philadelphia 76ers"), org("San Francisco 49ers"), per("Smith")]
        );
        // Not after a person's name (above), nor a decade's plural of four digits.
        assert_eq!(found("Texas 1990s", vec![(0..1, Label::Loc)]), [loc("Texas")]);
    }

    #[test]
    fn places_beside_a_result_are_teams() {
        let found = |text: &str, names| {
            names_after(text, names, |tokens, _, names| {
                teams_by_their_place(text, tokens, names, |r: Range<usize>| {
                    r.len() == 1 && word_at(text, tokens, r.start) == "Brazil"
                })
            })
        };
        assert_eq!(
            found(
                "Oklahoma beat Texas and lost to Iowa State",
                vec![(0..1, Label::Loc), (2..3, Label::Loc), (6..8, Label::Loc)]
            ),
            [named("Oklahoma", Label::Org), named("Texas", Label::Org), named("Iowa State", Label::Org)]
        );
        // Not a country's side, nor a place elsewhere, nor a name of another type.
        assert_eq!(
            found(
                "Brazil beat Scotland in Texas as Smith beat",
                vec![(0..1, Label::Loc), (2..3, Label::Loc), (4..5, Label::Loc), (6..7, Label::Per)]
            ),
            [
                named("Brazil", Label::Loc),
                named("Scotland", Label::Loc),
                named("Texas", Label::Loc),
                named("Smith", Label::Per)
            ]
        );
    }

    #[test]
    fn subjects_of_a_plural_verb_are_teams() {
        // Each name: its word and which occurrence of it, typed PER by the tagger.
        let labels = |text: &str, words: &[(&str, usize)]| -> Vec<Label> {
            let tokens = tokenize(text);
            let names = words
                .iter()
                .map(|&(w, nth)| {
                    let words = w.split(' ').collect::<Vec<_>>();
                    let start = (0..tokens.len())
                        .filter(|&i| words.iter().enumerate().all(|(k, x)| word_at(text, &tokens, i + k) == *x))
                        .nth(nth)
                        .unwrap();
                    (start..start + words.len(), Label::Per)
                })
                .collect();
            teams_by_their_verbs(text, &tokens, names).into_iter().map(|(_, l)| l).collect()
        };
        // The subject of "were", and the same word elsewhere in the document.
        assert_eq!(
            labels("But Chelsea were beaten .\nChelsea fans sang", &[("Chelsea", 0), ("Chelsea", 1)]),
            [Label::Org, Label::Org]
        );
        // Not after a preposition or a title, not closing a list, not a wish, not a family.
        let text = "Critics of Putin have spoken . Mr. Bush are there . Dole and Gingrich were there . If Perot were here . The Roosevelts are";
        assert_eq!(
            labels(text, &[("Putin", 0), ("Bush", 0), ("Dole", 0), ("Gingrich", 0), ("Perot", 0), ("Roosevelts", 0)]),
            [Label::Per; 6]
        );
        // A person named in full with the word keeps it a person's.
        assert_eq!(
            labels("Chelsea Clinton spoke . Chelsea were quick", &[("Chelsea Clinton", 0), ("Chelsea", 1)]),
            [Label::Per, Label::Per]
        );
    }

    #[test]
    fn agencies_of_credit_lines_are_organizations() {
        let found = |text: &str, names| after(agencies_of_credit_lines, text, names);
        assert_eq!(
            found("The Sooners won.\n-- Field Level Media", vec![(1..2, Label::Org), (7..8, Label::Loc)]),
            [named("Sooners", Label::Org), named("Field Level Media", Label::Org)]
        );
        assert_eq!(found("Won.\n\u{2014} The Associated Press\n", vec![]), [named("Associated Press", Label::Org)]);
        // Not a signed piece, nor a dash inside a line, nor a line of other words.
        assert_eq!(found("Won.\n-- Jane Smith", vec![(4..6, Label::Per)]), [named("Jane Smith", Label::Per)]);
        assert_eq!(found("They won -- Field Level Media", vec![]), []);
        assert_eq!(found("Won.\n-- Old hands, new rules", vec![]), []);
    }

    #[test]
    fn titles_do_not_end_names() {
        let trimmed_end = |text: &str| trimmed(text, without_title_at_end);
        assert_eq!(trimmed_end("Texas Sen.").as_deref(), Some("Texas"));
        assert_eq!(trimmed_end("Texas Sen").as_deref(), Some("Texas Sen"));
        assert_eq!(trimmed_end("Iowa Lt. Gov.").as_deref(), Some("Iowa"));
        assert_eq!(trimmed_end("Air Force Staff Sgt.").as_deref(), Some("Air Force"));
        assert_eq!(trimmed_end("Staff Sgt."), None);
        assert_eq!(trimmed_end("John Smith Jr.").as_deref(), Some("John Smith Jr."));
        assert_eq!(trimmed_end("Acme GOV.").as_deref(), Some("Acme GOV."));
    }

    #[test]
    fn titles_do_not_begin_names() {
        for (name, kept) in [
            ("Ms. Smith", Some("Smith")),
            ("Mr Brown", Some("Brown")),
            ("Dr. Jane Goodall", Some("Jane Goodall")),
            ("Ms.", None),
            ("Sen. Bob Dole", Some("Bob Dole")),
            ("Gen Electric", Some("Gen Electric")),
            ("Drummond", Some("Drummond")),
            ("MS Word", Some("MS Word")),
        ] {
            assert_eq!(trimmed(name, without_title).as_deref(), kept, "{name}");
        }
    }

    #[test]
    fn articles_leave_names() {
        // (text, tokens of the name, the name after the rule or None); the text is one sentence.
        for (text, name, kept) in [
            ("The Commerce Department said", 0..3, Some("Commerce Department")),
            ("He met the Party of Regions", 2..6, Some("Party of Regions")),
            ("He met The Oval groundsman", 2..4, Some("The Oval")),
            ("The said", 0..1, None),
        ] {
            let got =
                after_rule(text, name, |tokens, sentence_of, range| without_article(text, tokens, sentence_of, range));
            assert_eq!(got.as_deref(), kept, "{text}");
        }
    }

    #[test]
    fn abbreviation_periods_stay_with_names() {
        // (text, tokens of the name, the name after the rule); the whole text is one sentence.
        for (text, name, kept) in [
            ("Mercantile Bancorp Inc. , a bank", 0..3, "Mercantile Bancorp Inc."),
            ("John Smith Jr. said", 0..3, "John Smith Jr."),
            ("They met in Washington.", 3..4, "Washington"),
            ("Homegate Inc . said", 0..2, "Homegate Inc"),
            ("U.S. officials", 0..1, "U.S."),
            ("I did not push Tomas Brandt.\"", 4..7, "Tomas Brandt"),
            ("They bought shares of Acme Corp.", 4..7, "Acme Corp."),
            ("They bought shares of Acme Corp.", 4..6, "Acme Corp"),
        ] {
            let got = after_rule(text, name, |tokens, sentence_of, range| {
                Some(with_abbreviation_period(text, tokens, sentence_of, range))
            });
            assert_eq!(got.as_deref(), Some(kept), "{text}");
        }
    }

    #[test]
    fn lowercase_words_do_not_end_names() {
        for (name, kept) in [
            ("Nur Otan party", Some("Nur Otan")),
            ("Damascus radio", Some("Damascus")),
            ("U.S.-led", Some("U.S.-led")),
            ("Mo.-based", Some("Mo.-based")),
            ("Bank of England", Some("Bank of England")),
            ("party", None),
            ("Li 李鹏", Some("Li 李鹏")),
        ] {
            assert_eq!(trimmed(name, without_lowercase_end).as_deref(), kept, "{name}");
        }
    }

    #[test]
    fn bodies_named_in_common_words_go_on_past_of() {
        let common =
            |w: &str| ["democratic", "choice", "central", "bank", "city", "the"].contains(&w.to_lowercase().as_str());
        // (text, the names as (token range, label), the names after the rule as text and label)
        for (text, names, after) in [
            (
                "Democratic Choice of Kazakhstan",
                vec![(0..2, Label::Org), (3..4, Label::Loc)],
                vec![("Democratic Choice of Kazakhstan", Label::Org)],
            ),
            (
                "Central Bank of Nigeria",
                vec![(0..2, Label::Org), (3..4, Label::Org)],
                vec![("Central Bank of Nigeria", Label::Org)],
            ),
            (
                "Benfica of Portugal",
                vec![(0..1, Label::Org), (2..3, Label::Loc)],
                vec![("Benfica", Label::Org), ("Portugal", Label::Loc)],
            ),
            (
                "Central Bank in Nigeria",
                vec![(0..2, Label::Org), (3..4, Label::Loc)],
                vec![("Central Bank", Label::Org), ("Nigeria", Label::Loc)],
            ),
            (
                "City of John Smith",
                vec![(0..1, Label::Org), (2..4, Label::Per)],
                vec![("City", Label::Org), ("John Smith", Label::Per)],
            ),
            (
                "Democratic Choice of the Kazakhstan",
                vec![(0..2, Label::Org), (4..5, Label::Loc)],
                vec![("Democratic Choice", Label::Org), ("Kazakhstan", Label::Loc)],
            ),
            (
                "Choice of Kazakhstan",
                vec![(0..1, Label::Misc), (2..3, Label::Loc)],
                vec![("Choice", Label::Misc), ("Kazakhstan", Label::Loc)],
            ),
            (
                "central bank of Nigeria",
                vec![(0..2, Label::Org), (3..4, Label::Loc)],
                vec![("central bank", Label::Org), ("Nigeria", Label::Loc)],
            ),
        ] {
            let tokens = tokenize(text);
            let got: Vec<(&str, Label)> = joined_across_of(text, &tokens, names, common)
                .into_iter()
                .map(|(r, label)| (name_text(text, &tokens, &r), label))
                .collect();
            assert_eq!(got, after, "{text}");
        }
    }
}
