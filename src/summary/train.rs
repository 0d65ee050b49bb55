//! Training the key-sentence scorer (`marginalia train-summary`): coordinate ascent on the mean ROUGE F1
//! (ROUGE-1, ROUGE-2 and ROUGE-L averaged) of the sentences the scorer picks, against reference
//! summaries, over one or more sets of documents weighed equally.
//!
//! Each document is analyzed once; its candidates' features do not depend on the weights, so one
//! weighting of a whole training set costs a dot product per sentence, the choice, and ROUGE. Ascent
//! tries each weight in turn at a step above and below, keeps any change that raises the objective, and
//! halves the step once no weight moves, so the result depends only on the data, its order and the
//! starting point: it is deterministic. Hand-written: the model has 16 numbers and the objective is not
//! differentiable, so a search over it is a few lines, where a solver crate would bring much more.

use crate::groups;
use crate::pipeline::{analyze, Options};
use crate::rouge::{Prf, Rouge};
use rustc_hash::FxHashMap as HashMap;

use super::{title, Candidates, Scorer, Weights, Words, FEATURE_COUNT};

/// How many sentences a training instance asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    Fixed(usize),
    /// As many as the reference summary has lines.
    Reference,
}

/// One document ready for training: its candidates at each asked length, and ROUGE tokens.
pub struct Document {
    words: Words,
    /// ROUGE tokens per sentence as ids (the summary of picked sentences is their concatenation).
    sentence_tokens: Vec<Vec<u32>>,
    reference: Reference,
    instances: Vec<(usize, Candidates)>,
    /// Which set the document belongs to; sets weigh equally in the objective.
    pub set: usize,
}

impl Document {
    /// Analyzes `text` as `analyze` does with `k` key sentences for each asked length.
    pub fn new(text: &str, reference: &str, lengths: &[Length], set: usize, rouge: &Rouge) -> Document {
        let reference_lines = reference.lines().filter(|l| !l.trim().is_empty()).count();
        let mut ks: Vec<usize> = lengths
            .iter()
            .map(|l| match l {
                Length::Fixed(k) => *k,
                Length::Reference => reference_lines,
            })
            .filter(|&k| k > 0)
            .collect();
        ks.dedup();
        let analysis =
            analyze(text, &Options { summary_sentences: ks.first().copied().unwrap_or(3), ..Options::default() });
        let title = title(&analysis);
        let groups = groups::find(&analysis, title);
        let words = Words::new(&analysis);
        let weights = Weights::default();
        let instances =
            ks.iter().map(|&k| (k, Candidates::new(&analysis, &words, &groups, title, k, &weights))).collect();
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut intern = |tokens: Vec<String>| -> Vec<u32> {
            tokens
                .into_iter()
                .map(|t| {
                    let next = ids.len() as u32;
                    *ids.entry(t).or_insert(next)
                })
                .collect()
        };
        let reference = intern(rouge.tokens(reference));
        let sentence_tokens = analysis.sentences.iter().map(|s| intern(rouge.tokens(analysis.slice(s.span)))).collect();
        Document { words, sentence_tokens, reference: Reference::new(reference), instances, set }
    }

    /// Mean over this document's instances of the ROUGE F1 mean of the scorer's picks.
    fn score(&self, scorer: &Scorer) -> f64 {
        let mut total = 0.0;
        for (k, candidates) in &self.instances {
            let picked = candidates.pick(&self.words, &candidates.scores(scorer), *k, candidates.redundancy(scorer));
            let summary: Vec<u32> =
                picked.iter().flat_map(|&i| self.sentence_tokens.get(i).into_iter().flatten()).copied().collect();
            total += self.reference.mean_f1(&summary);
        }
        total / self.instances.len().max(1) as f64
    }
}

/// The objective: the mean, over sets, of each set's mean document score. Documents are scored on two
/// threads, each summing a fixed half, so the result does not depend on the machine.
pub fn objective(documents: &[Document], scorer: &Scorer) -> f64 {
    let sets = documents.iter().map(|d| d.set + 1).max().unwrap_or(0);
    let sum_of = |docs: &[Document]| {
        let mut sums = vec![(0.0, 0usize); sets];
        for d in docs {
            sums[d.set].0 += d.score(scorer);
            sums[d.set].1 += 1;
        }
        sums
    };
    let (a, b) = documents.split_at(documents.len() / 2);
    let (first, second) = std::thread::scope(|scope| {
        let other = scope.spawn(|| sum_of(b));
        let first = sum_of(a);
        (first, other.join().unwrap_or_else(|_| vec![(0.0, 0); sets]))
    });
    let used: Vec<f64> = first
        .iter()
        .zip(&second)
        .filter(|(x, y)| x.1 + y.1 > 0)
        .map(|(x, y)| (x.0 + y.0) / (x.1 + y.1) as f64)
        .collect();
    used.iter().sum::<f64>() / used.len().max(1) as f64
}

/// What `marginalia train-summary` trains by default: the weights of flat texts that position and
/// length decide (which candidate, how central among the first five, how long, whether it opens with a
/// quote) and their redundancy penalty. Training every `flat_` weight (with an earlier, graded measure
/// of flatness) scored higher on the even half of the CNN dev set and no better than Lead-3 on the odd
/// half; with these ten the odd half beats Lead-3 too.
pub const FLAT_PARAMETERS: [&str; 10] = [
    "flat_position",
    "flat_first",
    "flat_second",
    "flat_third",
    "flat_opens_with_quote",
    "flat_words",
    "flat_fourth_or_fifth",
    "flat_early_centroid",
    "flat_early_graph",
    "flat_redundancy",
];

/// Where the ascent starts: for texts with paragraphs, the hand-set combination tuned on the BBC set
/// before training existed (graph centrality first, a small position prior, centroid and entity
/// salience); for flat texts, Lead-k (position alone).
pub fn starting_point() -> Scorer {
    let mut scorer = Scorer { weights: [0.0; FEATURE_COUNT], redundancy: 0.05, flat_redundancy: -0.05 };
    for (name, w) in [
        ("position", 0.1),
        ("centroid", 0.15),
        ("graph", 1.0),
        ("cosine_graph", 0.3),
        ("entities", 0.05),
        ("flat_position", 1.0),
    ] {
        scorer.set(name, w);
    }
    scorer
}

/// Coordinate ascent from `start` over the parameters named in `free` (`Scorer::parameters`); `report`
/// hears each accepted change (parameter, value, objective).
pub fn train(documents: &[Document], start: Scorer, free: &[&str], report: &mut dyn FnMut(&str, f64, f64)) -> Scorer {
    let mut best = start;
    let mut best_score = objective(documents, &best);
    report("start", 0.0, best_score);
    let mut step = 0.4;
    while step >= 0.01 {
        let mut moved = true;
        let mut rounds = 0;
        while moved && rounds < 6 {
            moved = false;
            rounds += 1;
            for name in free {
                let Some(current) = best.get(name) else {
                    continue;
                };
                for delta in [step, -step] {
                    let value = current + delta;
                    // Neither penalty may turn into a bonus for repeating.
                    let floor = if *name == "flat_redundancy" { -best.redundancy } else { 0.0 };
                    if name.ends_with("redundancy") && value < floor {
                        continue;
                    }
                    let mut trial = best.clone();
                    trial.set(name, value);
                    let score = objective(documents, &trial);
                    if score > best_score + 1e-6 {
                        best = trial;
                        best_score = score;
                        moved = true;
                        report(name, value, score);
                        break;
                    }
                }
            }
        }
        step /= 2.0;
    }
    best
}

/// A reference summary as token ids with its sorted unigram and bigram counts: ROUGE-1, ROUGE-2 and
/// ROUGE-L as `rouge` computes them (clipped n-gram matches, longest common subsequence of the whole
/// sequences), on integers, since training scores every document hundreds of times.
struct Reference {
    tokens: Vec<u32>,
    unigrams: Vec<(u64, u32)>,
    bigrams: Vec<(u64, u32)>,
}

impl Reference {
    fn new(tokens: Vec<u32>) -> Reference {
        Reference { unigrams: counts(unigrams(&tokens)), bigrams: counts(bigrams(&tokens)), tokens }
    }

    /// The mean of the ROUGE-1, ROUGE-2 and ROUGE-L F1 of `summary`.
    fn mean_f1(&self, summary: &[u32]) -> f64 {
        let r1 = matches(&counts(unigrams(summary)), &self.unigrams);
        let r2 = matches(&counts(bigrams(summary)), &self.bigrams);
        let f1 = Prf::from_counts(r1, summary.len(), self.tokens.len()).f1;
        let f2 = Prf::from_counts(r2, summary.len().saturating_sub(1), self.tokens.len().saturating_sub(1)).f1;
        let fl = Prf::from_counts(lcs(summary, &self.tokens), summary.len(), self.tokens.len()).f1;
        (f1 + f2 + fl) / 3.0
    }
}

fn unigrams(tokens: &[u32]) -> Vec<u64> {
    tokens.iter().map(|&t| u64::from(t)).collect()
}

fn bigrams(tokens: &[u32]) -> Vec<u64> {
    tokens.windows(2).map(|w| (u64::from(w[0]) << 32) | u64::from(w[1])).collect()
}

/// Sorted (gram, count) pairs.
fn counts(mut grams: Vec<u64>) -> Vec<(u64, u32)> {
    grams.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::new();
    for g in grams {
        match out.last_mut() {
            Some((last, n)) if *last == g => *n += 1,
            _ => out.push((g, 1)),
        }
    }
    out
}

/// Clipped matches between two sorted count lists.
fn matches(a: &[(u64, u32)], b: &[(u64, u32)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += a[i].1.min(b[j].1) as usize;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Length of the longest common subsequence, one row of the table at a time.
fn lcs(a: &[u32], b: &[u32]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rouge::{rouge_l, rouge_n};

    #[test]
    fn integer_rouge_agrees_with_the_measure() {
        let rouge = Rouge::new();
        let reference = "The council approved the budget on Monday. Taxes rise by two percent.";
        let summary = "On Monday the council approved a budget that raises taxes by two percent.";
        let (r, s) = (rouge.tokens(reference), rouge.tokens(summary));
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut intern = |v: &[String]| -> Vec<u32> {
            v.iter()
                .map(|t| {
                    let next = ids.len() as u32;
                    *ids.entry(t.clone()).or_insert(next)
                })
                .collect::<Vec<u32>>()
        };
        let (ri, si) = (intern(&r), intern(&s));
        let expected = (rouge_n(&s, &r, 1).f1 + rouge_n(&s, &r, 2).f1 + rouge_l(&s, &r).f1) / 3.0;
        let got = Reference::new(ri).mean_f1(&si);
        assert!(expected > 0.2 && (got - expected).abs() < 1e-12, "{got} vs {expected}");
    }
}
