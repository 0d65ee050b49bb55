//! The summary: key sentences (extractive), keywords, word count and reading time, the timeline of
//! dates and times, and the figures, for the sidebar and the annotations JSON.
//!
//! Key sentences are scored from:
//! - graph centrality, twice: TextRank (word-overlap similarity, PageRank) and PageRank over the cosine
//!   similarity of term counts (continuous LexRank without IDF), both from one pass over the sentence
//!   pairs. Texts of up to `Weights::full_graph_limit` candidate sentences get the full graph (unless
//!   their sentences are very long); longer ones a window of neighbouring sentences, so a
//!   100,000-word text costs O(sentences × window), not O(sentences²);
//! - a position prior (news puts the point first);
//! - centroid similarity: cosine between the sentence's content words and the whole text's;
//! - entity salience: the salience of the entity groups the sentence mentions;
//! - a length factor (fragments and run-ons are rarely what a reader wants first); when few sentences
//!   are asked of many (a digest), a sentence needs about as many content words as the text's average
//!   sentence, more the fewer are asked, to count fully.
//!
//! The headline, boilerplate lines, captions, headings and bylines are never key sentences. Sentences are
//! then picked greedily with a redundancy penalty (maximal marginal relevance) and returned in article
//! order. `lead` and `textrank` are the two classic baselines, kept here so that `marginalia
//! eval-summary` measures all three on the same sentences.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use crate::analysis::{Analysis, Group, Label, Value};
pub use crate::analysis::{Figure, Summary, TimelineEntry};
use crate::span::Span;
use crate::words::lowercased;

mod scorer;
pub mod train;

pub use scorer::{Feature, Scorer, BASE_FEATURES, FEATURES, FEATURE_COUNT};

/// Average adult silent reading speed for non-fiction.
pub const WORDS_PER_MINUTE: usize = 230;

/// How many keywords the summary lists.
pub const KEYWORDS: usize = 8;

/// How candidate sentences are found and how their features are computed: the graph, the short- and
/// long-sentence factors. How the features are weighed is the `Scorer`'s part. `Default` is what
/// `analyze` uses; the fields are public so the measurement command can compare settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    /// Scale of the position feature `1 / (1 + j / position_scale)`, `j` the rank among candidates.
    pub position_scale: f64,
    /// Texts with at most this many candidate sentences get the full graph (every pair of sentences),
    /// unless their sentences are so long that it would cost more than `FULL_GRAPH_WORK`.
    pub full_graph_limit: f64,
    /// Beyond `full_graph_limit`, sentences further apart than this share no edge in the graphs (keeps
    /// the cost linear on very long texts); also the reach of the redundancy check.
    pub graph_window: f64,
    /// Sentences with fewer content words are scaled down linearly.
    pub min_words: f64,
    /// A digest (few sentences asked of many) raises `min_words` to
    /// `digest_length × (1 − share / digest_share) × the candidates' mean content words` when that is
    /// more, `share = k / candidates` below `digest_share`: the fewer the sentences, the more each must
    /// say, measured against the text's own sentences.
    pub digest_length: f64,
    pub digest_share: f64,
    /// Sentences with more words than this are scaled down.
    pub max_words: f64,
}

impl Default for Weights {
    /// The digest threshold was measured on the even half of the BBC dev set (`marginalia eval-summary
    /// --half even`): it lifts every k below the reference's count and leaves the reference's count
    /// alone. `digest_length` 1.5 puts the threshold for 3 of 20 sentences just under the text's
    /// average sentence; more would make sentences of ordinary length lose to run-ons.
    fn default() -> Weights {
        Weights {
            position_scale: 4.0,
            full_graph_limit: 400.0,
            graph_window: 30.0,
            min_words: 3.0,
            digest_length: 1.5,
            digest_share: 0.35,
            max_words: 200.0,
        }
    }
}

/// The summary of `analysis`: `k` key sentences, scored with the help of the entity `groups`.
pub fn summarize(analysis: &Analysis, groups: &[Group], title: Option<usize>, k: usize) -> Summary {
    let words = Words::new(analysis);
    let key_sentences = key_sentences(analysis, &words, groups, title, k, &Weights::default(), Scorer::shipped());
    let word_count = words.word_count;
    Summary {
        title,
        keywords: keywords(analysis, &words, title, &key_sentences),
        key_sentences,
        word_count,
        reading_minutes: word_count.div_ceil(WORDS_PER_MINUTE),
        timeline: timeline(analysis),
        figures: figures(analysis),
    }
}

/// Sentence index of the headline: the first sentence when it is a whole line of at most 25 tokens that
/// does not end like a sentence (`.`, `:`, `;`, a quote's closing mark after a period) and more text
/// follows.
pub fn title(analysis: &Analysis) -> Option<usize> {
    let first = analysis.sentences.first()?;
    if analysis.sentences.len() < 2 || first.tokens.len() > 25 || !is_whole_line(&analysis.text, first.span) {
        return None;
    }
    let text = analysis.slice(first.span).trim_end();
    let ends_like_prose = text.ends_with(['.', ':', ';', ',']) || text.ends_with(".\"") || text.ends_with(".”");
    (!ends_like_prose && text.chars().any(char::is_alphabetic)).then_some(0)
}

/// The first `k` candidate sentences (the headline skipped), in order.
pub fn lead(analysis: &Analysis, title: Option<usize>, k: usize) -> Vec<usize> {
    (0..analysis.sentences.len()).filter(|&i| Some(i) != title).take(k).collect()
}

/// TextRank (Mihalcea and Tarau, 2004) over all sentences but the headline: word-overlap similarity
/// `|{w : w ∈ a and w ∈ b}| / (ln|a| + ln|b|)`, `|a|` the number of words of `a` (content words, as
/// in the usual implementations), PageRank with damping 0.85 over the full graph, the `k` best in
/// article order. Quadratic in the number of sentences: a measurement baseline, not used by `analyze`.
pub fn textrank(analysis: &Analysis, title: Option<usize>, k: usize) -> Vec<usize> {
    let words = Words::new(analysis);
    let ids: Vec<usize> = (0..analysis.sentences.len()).filter(|&i| Some(i) != title).collect();
    let bags: Vec<&[u32]> = ids.iter().map(|&i| words.distinct(i)).collect();
    let lengths: Vec<usize> = ids.iter().map(|&i| words.content_len(i)).collect();
    let rank = pagerank(&bags, &lengths);
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| rank[b].total_cmp(&rank[a]).then(a.cmp(&b)));
    let mut picked: Vec<usize> = order.into_iter().take(k).map(|j| ids[j]).collect();
    picked.sort_unstable();
    picked
}

/// TextRank scores of sentences given as sorted term-id sets and their lengths in words, with
/// word-overlap similarity, over the full graph (every pair of sentences).
fn pagerank(bags: &[&[u32]], lengths: &[usize]) -> Vec<f64> {
    let similarity = overlap_similarity(bags, lengths);
    let mut pairs = Vec::new();
    for a in 0..bags.len() {
        for b in a + 1..bags.len() {
            let w = similarity(a, b);
            if w > 0.0 {
                pairs.push((a as u32, b as u32, [w as f32]));
            }
        }
    }
    let [rank] = pagerank_of(bags.len(), &pairs);
    rank
}

/// TextRank's similarity: shared words over the sum of the log lengths (0 for one-word sentences).
fn overlap_similarity<'a>(bags: &'a [&'a [u32]], lengths: &[usize]) -> impl Fn(usize, usize) -> f64 + 'a {
    let log_lengths: Vec<f64> = lengths.iter().map(|&n| log_length(n)).collect();
    move |a, b| {
        if log_lengths[a] == 0.0 || log_lengths[b] == 0.0 {
            return 0.0;
        }
        sorted_overlap(bags[a], bags[b]) as f64 / (log_lengths[a] + log_lengths[b])
    }
}

/// The log length in TextRank's similarity; 0 (no edge) for sentences of fewer than two words.
fn log_length(words: usize) -> f64 {
    if words < 2 {
        0.0
    } else {
        (words as f64).ln()
    }
}

/// The two similarity graphs of our scorer, as one list of sentence pairs `(a, b, [overlap, cosine])`
/// with a < b: TextRank's word overlap and the cosine of term counts, both from one merge of the two
/// sentences' sorted (term, count) lists. Pairs at most `window` apart (`usize::MAX`: all pairs).
fn similarity_pairs(counts: &[&[(u32, u32)]], window: usize) -> Vec<(u32, u32, [f32; 2])> {
    // Our lengths are distinct words (the baseline counts every word, as the paper does): on the BBC
    // dev set the two are within a tenth of a point, distinct words slightly ahead.
    let log_lengths: Vec<f64> = counts.iter().map(|c| log_length(c.len())).collect();
    let norms: Vec<f64> =
        counts.iter().map(|c| c.iter().map(|&(_, n)| f64::from(n).powi(2)).sum::<f64>().sqrt()).collect();
    let n = counts.len();
    // Sentence `a`'s counts spread over a dense table by term (term ids are dense: `Words`), count + 1
    // (0: absent), so each pair reads only `b`'s list rather than merging two, with no branch that
    // depends on the words (a term `a` lacks adds 0 to the dot product, which leaves it as it is). The
    // dot product of counts is summed as an integer, which a float sum of the same small integers equals
    // to the bit (every partial sum is exact below 2^53), without a float addition's latency per term.
    let terms = counts.iter().flat_map(|c| c.iter().map(|&(t, _)| t as usize + 1)).max().unwrap_or(0);
    let mut dense = vec![0u64; terms];
    let mut pairs = Vec::new();
    for a in 0..n {
        if norms[a] == 0.0 {
            continue;
        }
        for &(t, c) in counts[a] {
            dense[t as usize] = u64::from(c) + 1;
        }
        for b in a + 1..n.min(a.saturating_add(window).saturating_add(1)) {
            let (mut shared, mut dot) = (0usize, 0u64);
            for &(t, c) in counts[b] {
                let here = dense[t as usize];
                shared += usize::from(here != 0);
                dot += here.saturating_sub(1) * u64::from(c);
            }
            let dot = dot as f64;
            if shared == 0 {
                continue;
            }
            let overlap = if log_lengths[a] == 0.0 || log_lengths[b] == 0.0 {
                0.0
            } else {
                shared as f64 / (log_lengths[a] + log_lengths[b])
            };
            pairs.push((a as u32, b as u32, [overlap as f32, (dot / (norms[a] * norms[b])) as f32]));
        }
        for &(t, _) in counts[a] {
            dense[t as usize] = 0;
        }
    }
    pairs
}

/// Weighted PageRank (damping 0.85) over `n` nodes joined by the symmetric edges `pairs`, for each of
/// the `G` weights of a pair at once (zero: no edge): one pass over the pairs per iteration serves
/// every graph, which matters on long texts where the pair list does not fit in cache.
fn pagerank_of<const G: usize>(n: usize, pairs: &[(u32, u32, [f32; G])]) -> [Vec<f64>; G] {
    // Each node passes 0.85 of its rank along its edges in proportion to their weights.
    let mut out_weight = vec![[0.0f64; G]; n];
    for &(a, b, w) in pairs {
        for g in 0..G {
            out_weight[a as usize][g] += f64::from(w[g]);
            out_weight[b as usize][g] += f64::from(w[g]);
        }
    }
    let share_of: Vec<[f64; G]> = out_weight.iter().map(|w| w.map(|w| if w > 0.0 { 0.85 / w } else { 0.0 })).collect();
    let mut rank = vec![[1.0f64; G]; n];
    let mut next = vec![[0.0f64; G]; n];
    let mut share = vec![[0.0f64; G]; n];
    for _ in 0..PAGERANK_ITERATIONS {
        next.iter_mut().for_each(|r| *r = [0.15; G]);
        for ((s, r), f) in share.iter_mut().zip(&rank).zip(&share_of) {
            for g in 0..G {
                s[g] = r[g] * f[g];
            }
        }
        for &(a, b, w) in pairs {
            let (a, b) = (a as usize, b as usize);
            for g in 0..G {
                next[b][g] += share[a][g] * f64::from(w[g]);
                next[a][g] += share[b][g] * f64::from(w[g]);
            }
        }
        let change =
            rank.iter().zip(&next).flat_map(|(r, x)| (0..G).map(move |g| (r[g] - x[g]).abs())).fold(0.0, f64::max);
        std::mem::swap(&mut rank, &mut next);
        if change < PAGERANK_TOLERANCE {
            break;
        }
    }
    std::array::from_fn(|g| rank.iter().map(|r| r[g]).collect())
}

/// Most merge steps (candidates × their distinct words) the full graph may cost: about ten
/// milliseconds. Prose of `full_graph_limit` sentences (about 12 distinct content words each, 2 million
/// steps) stays under it; 400 sentences of 250 words (100,000 words of run-ons, 40 million) get the
/// window.
const FULL_GRAPH_WORK: usize = 4_000_000;

/// At most this many power iterations; they stop earlier once no score moves by `PAGERANK_TOLERANCE`.
const PAGERANK_ITERATIONS: usize = 30;
const PAGERANK_TOLERANCE: f64 = 1e-4;

/// Our key sentences with explicit weights and scorer, for measurement. `analyze` uses
/// `Weights::default()` and `Scorer::shipped()`.
pub fn key_sentences_with(
    analysis: &Analysis,
    groups: &[Group],
    title: Option<usize>,
    k: usize,
    weights: &Weights,
    scorer: &Scorer,
) -> Vec<usize> {
    key_sentences(analysis, &Words::new(analysis), groups, title, k, weights, scorer)
}

fn key_sentences(
    analysis: &Analysis,
    words: &Words,
    groups: &[Group],
    title: Option<usize>,
    k: usize,
    weights: &Weights,
    scorer: &Scorer,
) -> Vec<usize> {
    if k == 0 || analysis.sentences.is_empty() {
        return Vec::new();
    }
    let candidates = Candidates::new(analysis, words, groups, title, k, weights);
    let scores = candidates.scores(scorer);
    candidates.pick(words, &scores, k, candidates.redundancy(scorer))
}

/// The candidate sentences of one text (every sentence that may be a key sentence) with their features
/// (`scorer::FEATURES`) and length factors: everything the choice needs that does not depend on the
/// scorer's weights, so training can score many weightings of one text cheaply.
pub(crate) struct Candidates {
    /// Sentence indices, in article order.
    pub ids: Vec<usize>,
    pub features: Vec<[f64; FEATURE_COUNT]>,
    /// Multiplies the weighted sum: fragments and run-ons are rarely what a reader wants first.
    pub length: Vec<f64>,
    /// Neighbours within this many candidates are compared for redundancy (`usize::MAX`: all).
    pub window: usize,
    /// 1 for a text without paragraph breaks among its candidates, else 0.
    pub flat: f64,
}

impl Candidates {
    pub(crate) fn new(
        analysis: &Analysis,
        words: &Words,
        groups: &[Group],
        title: Option<usize>,
        k: usize,
        weights: &Weights,
    ) -> Candidates {
        let n = analysis.sentences.len();
        let excluded = excluded_sentences(analysis, title);
        let ids: Vec<usize> = (0..n).filter(|&i| !excluded[i]).collect();

        // Centroid of the candidate sentences' content words.
        let mut centroid = vec![0.0f64; words.surface.len()];
        for &i in &ids {
            for &t in words.terms(i) {
                centroid[t as usize] += 1.0;
            }
        }
        let centroid_norm = centroid.iter().map(|c| c * c).sum::<f64>().sqrt().max(1e-9);
        let centrality: Vec<f64> = ids
            .iter()
            .map(|&i| {
                let bag = words.distinct(i);
                if bag.is_empty() {
                    return 0.0;
                }
                let dot: f64 = bag.iter().map(|&t| centroid[t as usize]).sum();
                dot / ((bag.len() as f64).sqrt() * centroid_norm)
            })
            .collect();

        // The full graph costs about (candidates × their distinct words) steps of merging word lists.
        let terms: usize = ids.iter().map(|&i| words.distinct(i).len()).sum();
        let full = ids.len() as f64 <= weights.full_graph_limit && ids.len().saturating_mul(terms) <= FULL_GRAPH_WORK;
        let window = if full { usize::MAX } else { weights.graph_window.max(1.0) as usize };
        let counts: Vec<&[(u32, u32)]> = ids.iter().map(|&i| words.counts(i)).collect();
        let pairs = similarity_pairs(&counts, window);
        let [graph, cosine_graph] = pagerank_of(ids.len(), &pairs);

        // Per sentence: summed salience of the entity groups it mentions (each group once), and how
        // many figures it holds.
        let group_of = crate::groups::group_of_entities(groups, analysis.entities.len());
        let mut entity_score = vec![0.0f64; n];
        let mut figures = vec![0usize; n];
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for (e, entity) in analysis.entities.iter().enumerate() {
            let Some(s) = analysis.sentence_at(entity.span.start) else { continue };
            if matches!(entity.label, Label::Money | Label::Percent | Label::Quantity | Label::Cardinal) {
                figures[s] += 1;
            }
            let Some(g) = group_of[e] else { continue };
            if !seen.contains(&(s, g)) {
                seen.push((s, g));
                entity_score[s] += groups[g].salience;
            }
            if seen.len() > 64 {
                seen.drain(..32);
            }
        }
        let quoted = quoted_bytes(analysis);
        let title_terms = title.map_or(&[][..], |t| words.distinct(t));

        let max_centrality = centrality.iter().copied().fold(0.0, f64::max).max(1e-9);
        let max_graph = graph.iter().copied().fold(0.0, f64::max).max(1e-9);
        let max_cosine_graph = cosine_graph.iter().copied().fold(0.0, f64::max).max(1e-9);
        let max_entity = ids.iter().map(|&i| entity_score[i]).fold(0.0, f64::max).max(1e-9);
        // The short-sentence threshold, raised for a digest (see `Weights::digest_length`).
        let mean_content = ids.iter().map(|&i| words.content_len(i)).sum::<usize>() as f64 / ids.len().max(1) as f64;
        let share = k as f64 / ids.len().max(1) as f64;
        let digest = (1.0 - share / weights.digest_share.max(1e-9)).clamp(0.0, 1.0);
        let min_words = weights.min_words.max(weights.digest_length * digest * mean_content);
        let last = ids.len().saturating_sub(1).max(1) as f64;
        // A flat text has no paragraph breaks among its candidates (one block, as some pages and
        // corpora flatten an article): there, order is the only structure left.
        let line_starts: Vec<bool> =
            ids.iter().map(|&i| starts_line(&analysis.text, analysis.sentences[i].span)).collect();
        let paragraphed = line_starts.iter().skip(1).any(|&s| s);
        let flat = if paragraphed { 0.0 } else { 1.0 };
        let mut features = Vec::with_capacity(ids.len());
        let mut length = Vec::with_capacity(ids.len());
        for (j, &i) in ids.iter().enumerate() {
            let span = analysis.sentences[i].span;
            let text = analysis.slice(span);
            let mut f = [0.0; FEATURE_COUNT];
            f[Feature::Position as usize] = 1.0 / (1.0 + j as f64 / weights.position_scale.max(1e-9));
            f[Feature::First as usize] = f64::from(u8::from(j == 0));
            f[Feature::Second as usize] = f64::from(u8::from(j == 1));
            f[Feature::Third as usize] = f64::from(u8::from(j == 2));
            f[Feature::Relative as usize] = j as f64 / last;
            f[Feature::LineStart as usize] = f64::from(u8::from(line_starts[j]));
            f[Feature::Centroid as usize] = centrality[j] / max_centrality;
            f[Feature::Graph as usize] = graph[j] / max_graph;
            f[Feature::CosineGraph as usize] = cosine_graph[j] / max_cosine_graph;
            f[Feature::Entities as usize] = entity_score[i] / max_entity;
            f[Feature::OpensWithQuote as usize] = f64::from(u8::from(text.starts_with(['"', '“', '\'', '‘'])));
            f[Feature::Quoted as usize] = quoted.get(i).copied().unwrap_or(0) as f64 / text.len().max(1) as f64;
            f[Feature::Figures as usize] = figures[i].min(3) as f64 / 3.0;
            f[Feature::Headline as usize] = if title_terms.is_empty() {
                0.0
            } else {
                sorted_overlap(title_terms, words.distinct(i)) as f64 / title_terms.len() as f64
            };
            f[Feature::Words as usize] = ((1 + words.len(i)) as f64).ln() / 4.0;
            f[Feature::FourthOrFifth as usize] = f64::from(u8::from(j == 3 || j == 4));
            let early = f64::from(u8::from(j < 5));
            f[Feature::EarlyCentroid as usize] = early * f[Feature::Centroid as usize];
            f[Feature::EarlyGraph as usize] = early * f[Feature::Graph as usize];
            for b in 0..BASE_FEATURES {
                f[BASE_FEATURES + b] = flat * f[b];
                f[b] *= 1.0 - flat;
            }
            features.push(f);
            length.push(length_factor(words.content_len(i), words.len(i), min_words, weights));
        }
        Candidates { ids, features, length, window, flat }
    }

    /// Each candidate's score under `scorer`.
    pub(crate) fn scores(&self, scorer: &Scorer) -> Vec<f64> {
        self.features.iter().zip(&self.length).map(|(f, l)| scorer.weigh(f) * l).collect()
    }

    /// The scorer's redundancy penalty for this text.
    pub(crate) fn redundancy(&self, scorer: &Scorer) -> f64 {
        scorer.redundancy + self.flat * scorer.flat_redundancy
    }

    /// The `k` best candidates by `scores`, in article order, each after the first penalized by
    /// `redundancy ×` its greatest similarity to those already picked (maximal marginal relevance,
    /// O(k · candidates) for the choice itself).
    pub(crate) fn pick(&self, words: &Words, scores: &[f64], k: usize, redundancy: f64) -> Vec<usize> {
        let n = self.ids.len();
        let k = k.min(n);
        let mut picked: Vec<usize> = Vec::with_capacity(k);
        let mut taken = vec![false; n];
        let mut max_similarity = vec![0.0f64; n];
        for _ in 0..k {
            let best = (0..n).filter(|&j| !taken[j]).max_by(|&a, &b| {
                let sa = scores[a] - redundancy * max_similarity[a];
                let sb = scores[b] - redundancy * max_similarity[b];
                sa.total_cmp(&sb).then(b.cmp(&a))
            });
            let Some(best) = best else { break };
            taken[best] = true;
            picked.push(self.ids[best]);
            // Redundancy is checked against the sentences the graphs join (all of them when the graph
            // is full, else neighbours within the window), which keeps a large `k` on a long text
            // linear; repeats in news are mostly close to each other.
            let chosen = words.distinct(self.ids[best]);
            let nearby = best.saturating_sub(self.window)..n.min(best.saturating_add(self.window).saturating_add(1));
            for j in nearby {
                if !taken[j] {
                    let sim = cosine(chosen, words.distinct(self.ids[j]));
                    if sim > max_similarity[j] {
                        max_similarity[j] = sim;
                    }
                }
            }
        }
        picked.sort_unstable();
        picked
    }
}

/// Per sentence: bytes inside quotations.
fn quoted_bytes(analysis: &Analysis) -> Vec<usize> {
    let mut quoted = vec![0usize; analysis.sentences.len()];
    for quote in &analysis.quotes {
        let first = analysis.sentences.partition_point(|s| s.span.end <= quote.span.start);
        for (s, sentence) in analysis.sentences.iter().enumerate().skip(first) {
            if sentence.span.start >= quote.span.end {
                break;
            }
            let start = sentence.span.start.max(quote.span.start);
            let end = sentence.span.end.min(quote.span.end);
            quoted[s] += end.saturating_sub(start);
        }
    }
    quoted
}

/// True when only white space stands between the start of `span`'s line and `span`.
fn starts_line(text: &str, span: Span) -> bool {
    let before = text.get(..span.start).unwrap_or("");
    let before = before.trim_end_matches(|c: char| c.is_whitespace() && !matches!(c, '\n' | '\r'));
    before.is_empty() || before.ends_with(['\n', '\r'])
}

/// Sentences that are never key sentences: the headline, boilerplate, captions and headings (whole lines
/// without closing punctuation), bylines ("By …" lines).
fn excluded_sentences(analysis: &Analysis, title: Option<usize>) -> Vec<bool> {
    let mut boilerplate = analysis.boilerplate.iter().peekable();
    analysis
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            while boilerplate.peek().is_some_and(|b| b.end <= s.span.start) {
                boilerplate.next();
            }
            if Some(i) == title || boilerplate.peek().is_some_and(|b| b.overlaps(s.span)) {
                return true;
            }
            let text = analysis.slice(s.span).trim();
            if !is_whole_line(&analysis.text, s.span) {
                return false;
            }
            let closed = text.ends_with(['.', '!', '?', '"', '”', '\'', '’', ')', '…']);
            let byline = text.starts_with("By ") && s.tokens.len() <= 10;
            (!closed && s.tokens.len() <= HEADING_MAX_TOKENS) || byline
        })
        .collect()
}

fn length_factor(content_words: usize, words: usize, min_words: f64, weights: &Weights) -> f64 {
    let short = (content_words as f64 / min_words.max(1.0)).min(1.0);
    let long = if words as f64 > weights.max_words { weights.max_words / words as f64 } else { 1.0 };
    short * long
}

/// True when `span` is alone on its line (only white space around it up to the line breaks). Looks at
/// the neighbouring characters only, so it costs O(1) per sentence however long the line.
fn is_whole_line(text: &str, span: Span) -> bool {
    let not_break = |c: char| c.is_whitespace() && !matches!(c, '\n' | '\r');
    let after = text.get(span.end..).unwrap_or("").trim_start_matches(not_break);
    starts_line(text, span) && (after.is_empty() || after.starts_with(['\n', '\r']))
}

fn cosine(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    sorted_overlap(a, b) as f64 / ((a.len() * b.len()) as f64).sqrt()
}

/// Size of the intersection of two sorted, deduplicated lists.
fn sorted_overlap(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// At most this many word forms are made room for before a text's tokens are read (`Words::new`).
const FORMS_UP_FRONT: usize = 4096;

/// Content words of every sentence as term ids, computed once: each distinct word form is lowercased
/// once, so the cost is one hash lookup per token. Terms are lowercase words, not stems: on the BBC dev
/// set stemming lowered both TextRank and ours by about half a ROUGE point, and it is the costliest step.
pub(crate) struct Words {
    /// Per token: the term id of a content word, or `None` (stop word, punctuation, number).
    token_terms: Vec<Option<u32>>,
    /// Per sentence: tokens that count as words.
    sentence_words: Vec<usize>,
    /// Lowercase form per term id (shared with the lookup of terms by form: one allocation a term).
    surface: Vec<Arc<str>>,
    /// Per sentence, one list after the other (sentence `s`'s are `[at[s]..at[s + 1]]` of each): its
    /// terms in order, `terms`; the same sorted without repeats, `distinct`, each with its count in the
    /// sentence, `counts`. One list each rather than three per sentence: a document of a thousand
    /// sentences made three thousand small allocations.
    terms: Vec<u32>,
    terms_at: Vec<usize>,
    distinct: Vec<u32>,
    counts: Vec<(u32, u32)>,
    distinct_at: Vec<usize>,
    word_count: usize,
}

impl Words {
    pub(crate) fn new(analysis: &Analysis) -> Words {
        // Sized up front, as a short text has about half as many forms as tokens (no regrowing); a long
        // one has far fewer.
        let room = (analysis.tokens.len() / 2).min(FORMS_UP_FRONT);
        let mut form_ids: HashMap<&str, Option<u32>> = HashMap::with_capacity_and_hasher(room, Default::default());
        let mut term_ids: HashMap<Arc<str>, u32> = HashMap::with_capacity_and_hasher(room, Default::default());
        let mut surface: Vec<Arc<str>> = Vec::with_capacity(room);
        let mut token_terms = Vec::with_capacity(analysis.tokens.len());
        let mut is_word: Vec<bool> = Vec::with_capacity(analysis.tokens.len());
        let mut word_count = 0;
        for token in &analysis.tokens {
            let form = analysis.slice(token.span);
            let word = form.chars().any(char::is_alphanumeric);
            word_count += usize::from(word);
            is_word.push(word);
            // A short ASCII form is lowercased on the stack; a term allocates once, when it is new.
            let id = *form_ids.entry(form).or_insert_with(|| {
                lowercased(form, |lower| {
                    let replaced;
                    let lower = if !form.is_ascii() && lower.contains('’') {
                        replaced = lower.replace('’', "'");
                        replaced.as_str()
                    } else {
                        lower
                    };
                    if lower.chars().count() < 2 || !lower.chars().any(char::is_alphabetic) || is_stop_word(lower) {
                        return None;
                    }
                    if lower.chars().any(|c| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '.')) {
                        return None;
                    }
                    if let Some(&id) = term_ids.get(lower) {
                        return Some(id);
                    }
                    let id = surface.len() as u32;
                    let term: Arc<str> = lower.into();
                    term_ids.insert(term.clone(), id);
                    surface.push(term);
                    Some(id)
                })
            });
            token_terms.push(id);
        }
        let n_sentences = analysis.sentences.len();
        let (mut terms, mut terms_at) = (Vec::new(), Vec::with_capacity(n_sentences + 1));
        let (mut distinct, mut counts, mut distinct_at) = (Vec::new(), Vec::new(), Vec::with_capacity(n_sentences + 1));
        let mut sorted: Vec<u32> = Vec::new();
        terms_at.push(0);
        distinct_at.push(0);
        for s in &analysis.sentences {
            let start = terms.len();
            terms.extend(token_terms.get(s.tokens.clone()).unwrap_or(&[]).iter().flatten().copied());
            terms_at.push(terms.len());
            sorted.clear();
            sorted.extend_from_slice(&terms[start..]);
            sorted.sort_unstable();
            let first = counts.len();
            for &t in &sorted {
                match counts[first..].last_mut() {
                    Some((last, n)) if *last == t => *n += 1,
                    _ => {
                        counts.push((t, 1));
                        distinct.push(t);
                    }
                }
            }
            distinct_at.push(distinct.len());
        }
        let sentence_words = analysis
            .sentences
            .iter()
            .map(|s| is_word.get(s.tokens.clone()).unwrap_or(&[]).iter().filter(|&&w| w).count())
            .collect();
        Words { token_terms, sentence_words, surface, terms, terms_at, distinct, counts, distinct_at, word_count }
    }

    /// Sentence `sentence`'s part of a list kept one sentence after the other, with `at` its starts.
    fn part<'a, T>(list: &'a [T], at: &[usize], sentence: usize) -> &'a [T] {
        match (at.get(sentence), at.get(sentence + 1)) {
            (Some(&start), Some(&end)) => list.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn terms(&self, sentence: usize) -> &[u32] {
        Words::part(&self.terms, &self.terms_at, sentence)
    }

    fn distinct(&self, sentence: usize) -> &[u32] {
        Words::part(&self.distinct, &self.distinct_at, sentence)
    }

    fn counts(&self, sentence: usize) -> &[(u32, u32)] {
        Words::part(&self.counts, &self.distinct_at, sentence)
    }

    fn content_len(&self, sentence: usize) -> usize {
        self.terms(sentence).len()
    }

    /// Words (not punctuation) in a sentence.
    fn len(&self, sentence: usize) -> usize {
        self.sentence_words.get(sentence).copied().unwrap_or(0)
    }
}

/// Common words that are not keywords and carry no topic (hand-written list of English function words
/// and reporting verbs).
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "its",
    "itself",
    "just",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "really",
    "s",
    "'s",
    "said",
    "same",
    "say",
    "says",
    "see",
    "seen",
    "shall",
    "she",
    "should",
    "shouldn't",
    "since",
    "so",
    "some",
    "still",
    "such",
    "take",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "told",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "wasn't",
    "we",
    "well",
    "were",
    "weren't",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "wouldn't",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "mr",
    "mrs",
    "ms",
    "get",
    "got",
    "going",
    "way",
    "two",
    "three",
    "four",
    "five",
    "first",
    "last",
    "year",
    "years",
    "week",
    "day",
    "time",
    "people",
    "back",
    "around",
    "another",
    "several",
    "according",
    "set",
    "put",
    "go",
    "come",
    "came",
    "went",
    "want",
    "know",
    "think",
    "added",
    "there's",
    "it's",
    "that's",
    "he's",
    "she's",
    "we're",
    "they're",
    "i'm",
    "you're",
    "we've",
    "they've",
    "i've",
    "let",
    "lot",
    "able",
];

fn is_stop_word(lower: &str) -> bool {
    // A set built once: looking each new word form up in the list one entry after another was a
    // measurable part of the summary on short documents.
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect()).contains(lower)
}

/// Keywords: content words outside name entities, scored by frequency, with a bonus for appearing in
/// the headline and in key sentences; words seen once and not in the headline are left out.
fn keywords(analysis: &Analysis, words: &Words, title: Option<usize>, key_sentences: &[usize]) -> Vec<String> {
    let mut inside_name = vec![false; analysis.tokens.len()];
    let mut t = 0;
    for entity in analysis.entities.iter().filter(|e| e.label.is_name()) {
        while t < analysis.tokens.len() && analysis.tokens[t].span.end <= entity.span.start {
            t += 1;
        }
        let mut u = t;
        while u < analysis.tokens.len() && analysis.tokens[u].span.start < entity.span.end {
            inside_name[u] = true;
            u += 1;
        }
    }
    // Per term: (score, first token, count).
    let mut stats: HashMap<u32, (f64, usize, usize)> = HashMap::default();
    for (s, sentence) in analysis.sentences.iter().enumerate() {
        let bonus = if Some(s) == title {
            2.0
        } else if key_sentences.binary_search(&s).is_ok() {
            0.5
        } else {
            0.0
        };
        for t in sentence.tokens.clone() {
            let (Some(Some(id)), Some(false)) = (words.token_terms.get(t), inside_name.get(t)) else { continue };
            let form = analysis.tokens.get(t).map_or("", |tok| analysis.slice(tok.span));
            if form.chars().count() < 3 {
                continue;
            }
            let entry = stats.entry(*id).or_insert((0.0, t, 0));
            entry.0 += 1.0 + bonus;
            entry.2 += 1;
        }
    }
    let mut ranked: Vec<(u32, (f64, usize, usize))> =
        stats.into_iter().filter(|(_, (score, _, count))| *count >= 2 || *score >= 3.0).collect();
    ranked.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    ranked
        .into_iter()
        .take(KEYWORDS)
        .filter_map(|(id, _)| words.surface.get(id as usize).map(|s| s.to_string()))
        .collect()
}

/// DATE and TIME entities sorted by value: dated values (ISO text starting with a year) in ISO order,
/// then dates without a year (`--MM-DD`), then bare times of day in clock order, then durations and
/// unresolved ones in text order.
fn timeline(analysis: &Analysis) -> Vec<TimelineEntry> {
    let mut entries: Vec<(u8, String, TimelineEntry)> = analysis
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.label, Label::Date | Label::Time))
        .filter_map(|(i, e)| {
            let sentence = analysis.sentence_at(e.span.start)?;
            let value = match &e.value {
                Some(Value::Date { iso }) | Some(Value::Time { iso }) => Some(iso.clone()),
                _ => None,
            };
            let (class, key) = match &value {
                Some(iso) if iso.len() >= 4 && iso.as_bytes()[..4].iter().all(u8::is_ascii_digit) => (0, iso.clone()),
                Some(iso) if iso.starts_with("--") => (1, iso.clone()),
                Some(iso) if iso.as_bytes().first().is_some_and(u8::is_ascii_digit) && iso.contains(':') => {
                    (2, iso.clone())
                }
                _ => (3, String::new()),
            };
            Some((class, key, TimelineEntry { entity: i, sentence, value }))
        })
        .collect();
    // Stable: equal keys keep text order.
    entries.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    entries.into_iter().map(|(_, _, entry)| entry).collect()
}

fn figures(analysis: &Analysis) -> Vec<Figure> {
    analysis
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.label, Label::Money | Label::Percent | Label::Quantity | Label::Cardinal))
        .filter_map(|(i, e)| Some(Figure { entity: i, sentence: analysis.sentence_at(e.span.start)? }))
        .collect()
}

/// A whole line without closing punctuation is a heading or caption only up to this many tokens; a
/// longer one is a paragraph that lost its final stop (or a list), and stays a candidate.
const HEADING_MAX_TOKENS: usize = 40;
