//! Training the names model: an averaged structured perceptron with Viterbi decoding (loss-augmented:
//! see `TrainOptions::margin`), over the pipeline's own tokens (CoNLL gold spans are projected onto
//! them). Deterministic: the example order comes from a seeded generator. No I/O: callers pass parsed
//! documents and a built lexicon.

use std::ops::Range;

use super::decode::{allowed, begin, chunks, inside, viterbi, N_LABELS, TYPES};
use super::features::{extract, with_document_labels, DocumentFeatures};
use super::lexicon::Lexicon;
use super::model::{Model, Stage};
use crate::analysis::{Label, Sentence, Token};
use crate::conll::{Document, Score};
use crate::span::Span;
use crate::{sentences, tokenize};

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training documents; the pass that scores best on validation is kept.
    pub epochs: usize,
    /// log2 of the number of feature buckets.
    pub bits: u32,
    /// Seed of the example order.
    pub seed: u64,
    /// Averaged weights of at most this magnitude are dropped from the shipped model.
    pub prune: f32,
    /// The margin of the updates: while training, every wrong label of a token scores this much more
    /// than its weights say, so the perceptron goes on learning until the gold path wins by about this
    /// much per token (loss-augmented decoding; 0 is the plain perceptron).
    pub margin: f32,
    /// Whether to train the document-level second stage.
    pub second_stage: bool,
    /// Whether to add lowercased and uppercased copies of half the training documents.
    pub case_copies: bool,
    /// How much an update from an extra document (`train_with_extra`: labelled by a model, not by hand)
    /// counts against one from a training document.
    pub extra_weight: f32,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 12,
            bits: 18,
            seed: 4,
            prune: 1.5,
            margin: 80.0,
            second_stage: true,
            case_copies: true,
            extra_weight: 1.0,
        }
    }
}

/// One document ready for training or scoring (its features are kept alongside, per stage).
struct Example {
    sentences: Vec<Range<usize>>,
    pipeline_sentences: Vec<Sentence>,
    gold: Vec<u8>,
    tokens: Vec<Token>,
    gold_spans: Vec<(Span, Label)>,
    /// How much its updates count (`TrainOptions::extra_weight` for extra documents, else 1).
    weight: f32,
}

fn prepare(document: &Document, lexicon: &Lexicon, bits: u32) -> (Example, DocumentFeatures) {
    let (text, _) = document.text();
    let gold_spans = document.gold_entities();
    let tokens = tokenize::tokenize(&text);
    let pipeline_sentences = sentences::split(&text, &tokens);
    let gold = project(&tokens, &gold_spans);
    let features = extract(&text, &tokens, &pipeline_sentences, lexicon, bits);
    let sentences = pipeline_sentences.iter().map(|s| s.tokens.clone()).collect();
    (Example { sentences, pipeline_sentences, gold, tokens, gold_spans, weight: 1.0 }, features)
}

/// BIO labels of tokens from gold spans: a token belongs to a span when it starts inside it.
pub(crate) fn project(tokens: &[Token], gold: &[(Span, Label)]) -> Vec<u8> {
    let mut labels = vec![0u8; tokens.len()];
    for &(span, label) in gold {
        let Some(kind) = TYPES.iter().position(|&t| t == label) else { continue };
        let mut first = true;
        for (i, t) in tokens.iter().enumerate() {
            if t.span.start >= span.start && t.span.start < span.end {
                labels[i] = if first { begin(kind) } else { inside(kind) };
                first = false;
            }
        }
    }
    labels
}

/// A small deterministic generator (SplitMix64) for the example order.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

struct Weights {
    w: Vec<f32>,
    u: Vec<f64>,
    t: Vec<f32>,
    tu: Vec<f64>,
    c: f64,
}

impl Weights {
    fn update(&mut self, index: usize, delta: f32) {
        self.w[index] += delta;
        self.u[index] += self.c * delta as f64;
    }

    fn update_transition(&mut self, index: usize, delta: f32) {
        self.t[index] += delta;
        self.tu[index] += self.c * delta as f64;
    }

    fn averaged(&self) -> (Vec<f32>, Vec<f32>) {
        let c = self.c.max(1.0);
        let avg = |w: &[f32], u: &[f64]| w.iter().zip(u).map(|(&w, &u)| (w as f64 - u / c) as f32).collect();
        (avg(&self.w, &self.u), avg(&self.t, &self.tu))
    }
}

fn emissions(weights: &[f32], features: &DocumentFeatures, range: Range<usize>) -> Vec<[f32; N_LABELS]> {
    range
        .map(|i| {
            let mut e = [0f32; N_LABELS];
            for &id in features.token(i) {
                let row = &weights[id as usize * N_LABELS..id as usize * N_LABELS + N_LABELS];
                for l in 0..N_LABELS {
                    e[l] += row[l];
                }
            }
            e
        })
        .collect()
}

fn decode_float(ex: &Example, features: &DocumentFeatures, weights: &[f32], transitions: &[f32]) -> Vec<u8> {
    let mut labels = vec![0u8; ex.tokens.len()];
    for range in &ex.sentences {
        let path = viterbi(&emissions(weights, features, range.clone()), transitions);
        labels[range.clone()].copy_from_slice(&path);
    }
    labels
}

fn score_float(examples: &[Example], features: &[DocumentFeatures], weights: &[f32], transitions: &[f32]) -> Score {
    let mut score = Score::default();
    for (ex, f) in examples.iter().zip(features) {
        score.add(&spans(&ex.tokens, &decode_float(ex, f, weights, transitions)), &ex.gold_spans);
    }
    score
}

fn spans(tokens: &[Token], labels: &[u8]) -> Vec<(Span, Label)> {
    chunks(labels).into_iter().map(|(r, l)| (tokens[r.start].span.cover(tokens[r.end - 1].span), l)).collect()
}

/// Scores a model's names (without the rest of the pipeline) on CoNLL documents.
pub fn evaluate(model: &Model, documents: &[Document]) -> Score {
    let mut score = Score::default();
    for document in documents {
        let (text, _) = document.text();
        let tokens = tokenize::tokenize(&text);
        let sentences = sentences::split(&text, &tokens);
        let predicted: Vec<_> = model.tag(&text, &tokens, &sentences).into_iter().map(|e| (e.span, e.label)).collect();
        score.add(&predicted, &document.gold_entities());
    }
    score
}

/// What one perceptron run returns: the best epoch's averaged weights and transitions.
struct Trained {
    f1: f64,
    epoch: usize,
    weights: Vec<f32>,
    transitions: Vec<f32>,
}

/// How one perceptron run goes: passes over the data, example order, update margin
/// (`TrainOptions::margin`).
#[derive(Clone, Copy)]
struct Run {
    epochs: usize,
    seed: u64,
    margin: f32,
}

/// Trains one stage for `run.epochs` passes over the sentences of the training documents and their
/// features (restricted to `subset` when given), keeping the epoch that scores best on `valid` (the last
/// one when `valid` is empty).
fn perceptron(
    (examples, features): (&[Example], &[DocumentFeatures]),
    subset: Option<&[usize]>,
    valid: (&[Example], &[DocumentFeatures]),
    bits: u32,
    run: Run,
    log: &mut dyn FnMut(&str),
) -> Trained {
    let Run { epochs, seed, margin } = run;
    let n_weights = (1usize << bits) * N_LABELS;
    let n_trans = (N_LABELS + 1) * N_LABELS;
    let mut weights = Weights {
        w: vec![0.0; n_weights],
        u: vec![0.0; n_weights],
        t: vec![0.0; n_trans],
        tu: vec![0.0; n_trans],
        c: 1.0,
    };
    let documents: Vec<usize> = match subset {
        Some(s) => s.to_vec(),
        None => (0..examples.len()).collect(),
    };
    let mut order: Vec<(usize, usize)> =
        documents.iter().flat_map(|&d| (0..examples[d].sentences.len()).map(move |s| (d, s))).collect();
    let mut rng = SplitMix(seed);
    let mut best: Option<Trained> = None;
    for epoch in 1..=epochs.max(1) {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut mistakes = 0usize;
        for &(d, s) in &order {
            let (ex, f) = (&examples[d], &features[d]);
            let range = ex.sentences[s].clone();
            let gold = &ex.gold[range.clone()];
            let mut scores = emissions(&weights.w, f, range.clone());
            for (token, &g) in scores.iter_mut().zip(gold) {
                for (l, score) in token.iter_mut().enumerate() {
                    if l != g as usize {
                        *score += margin;
                    }
                }
            }
            let path = viterbi(&scores, &weights.t);
            let step = ex.weight;
            if path != gold {
                for (k, i) in range.clone().enumerate() {
                    let (g, p) = (gold[k] as usize, path[k] as usize);
                    if g != p {
                        mistakes += 1;
                        for &id in f.token(i) {
                            weights.update(id as usize * N_LABELS + g, step);
                            weights.update(id as usize * N_LABELS + p, -step);
                        }
                    }
                    let gp = if k == 0 { N_LABELS } else { gold[k - 1] as usize };
                    let pp = if k == 0 { N_LABELS } else { path[k - 1] as usize };
                    if (gp, g) != (pp, p) {
                        if gp == N_LABELS || allowed(Some(gp as u8), g as u8) {
                            weights.update_transition(gp * N_LABELS + g, step);
                        }
                        weights.update_transition(pp * N_LABELS + p, -step);
                    }
                }
            }
            weights.c += 1.0;
        }
        let last = epoch == epochs.max(1);
        if valid.0.is_empty() && !last {
            continue;
        }
        let (avg_w, avg_t) = weights.averaged();
        let f1 = if valid.0.is_empty() { 0.0 } else { score_float(valid.0, valid.1, &avg_w, &avg_t).total().f1() };
        log(&format!("epoch {epoch}: {mistakes} token mistakes, valid F1 {:.2}", 100.0 * f1));
        if best.as_ref().is_none_or(|b| f1 > b.f1 || valid.0.is_empty()) {
            best = Some(Trained { f1, epoch, weights: avg_w, transitions: avg_t });
        }
    }
    best.unwrap_or(Trained { f1: 0.0, epoch: 0, weights: vec![0.0; n_weights], transitions: vec![0.0; n_trans] })
}

/// A copy of a document with every word recased by `case`.
fn recased(document: &Document, case: fn(&str) -> String) -> Document {
    let mut copy = document.clone();
    for token in copy.sentences.iter_mut().flatten() {
        token.word = case(&token.word);
    }
    copy
}

/// Number of folds whose held-out first-stage labels train the second stage.
const FOLDS: usize = 5;

/// Trains a model on `train`, keeping the epochs that score best on `valid` (the last ones when `valid`
/// is empty). The first stage learns from token features; the second from those plus the first stage's
/// labels of the whole document, which for training documents come from first stages trained on the
/// other folds (so they are as imperfect as on new text). `log` receives one line per epoch.
pub fn train(
    train: &[Document],
    valid: &[Document],
    lexicon: Lexicon,
    options: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Model {
    train_with_extra(train, &[], valid, lexicon, options, log)
}

/// `train` on the training documents and `extra` ones (labelled by a model: `marginalia pseudo-label`),
/// whose updates count `TrainOptions::extra_weight`. Extra documents are treated as training ones
/// otherwise: recased copies, folds of the second stage.
pub fn train_with_extra(
    train: &[Document],
    extra: &[Document],
    valid: &[Document],
    lexicon: Lexicon,
    options: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Model {
    let bits = options.bits.clamp(8, 24);
    // Every training document's words are looked up: the table of words pays at once.
    lexicon.prepare_words_table();
    // Training documents, then the extra ones, then (optionally) recased copies of some: each remembers
    // its original's index, which decides its fold.
    let originals: Vec<&Document> = train.iter().chain(extra).collect();
    let is_extra = |i: usize| i >= train.len();
    let mut documents: Vec<(usize, Document)> = originals.iter().map(|&d| d.clone()).enumerate().collect();
    if options.case_copies {
        for (i, &d) in originals.iter().enumerate() {
            match i % 4 {
                1 => documents.push((i, recased(d, str::to_lowercase))),
                3 => documents.push((i, recased(d, str::to_uppercase))),
                _ => {}
            }
        }
    }
    let origin: Vec<usize> = documents.iter().map(|(i, _)| *i).collect();
    let (examples, features): (Vec<Example>, Vec<DocumentFeatures>) = documents
        .iter()
        .map(|&(i, ref d)| {
            let (mut example, features) = prepare(d, &lexicon, bits);
            if is_extra(i) {
                example.weight = options.extra_weight;
            }
            (example, features)
        })
        .unzip();
    let (valid_examples, valid_features): (Vec<Example>, Vec<DocumentFeatures>) =
        valid.iter().map(|d| prepare(d, &lexicon, bits)).unzip();

    log("stage 1");
    let run = |epochs: usize, seed: u64| Run { epochs, seed, margin: options.margin };
    let first = perceptron(
        (&examples, &features),
        None,
        (&valid_examples, &valid_features),
        bits,
        run(options.epochs, options.seed),
        log,
    );
    let stage1 = Stage::quantize(&first.weights, options.prune, first.transitions.clone());
    if !options.second_stage {
        return Model::from_stages(bits, vec![stage1], lexicon);
    }

    // Held-out first-stage labels of every training document.
    let mut held_out: Vec<Vec<u8>> = vec![Vec::new(); examples.len()];
    for fold in 0..FOLDS {
        let subset: Vec<usize> = (0..examples.len()).filter(|&d| origin[d] % FOLDS != fold).collect();
        let trained = perceptron(
            (&examples, &features),
            Some(&subset),
            (&[], &[]),
            bits,
            run(first.epoch, options.seed + 1 + fold as u64),
            &mut |_| {},
        );
        let stage = Stage::quantize(&trained.weights, options.prune, trained.transitions);
        for d in (0..examples.len()).filter(|&d| origin[d] % FOLDS == fold) {
            held_out[d] = stage.decode(&features[d], examples[d].tokens.len(), &examples[d].pipeline_sentences);
        }
        log(&format!("fold {} of {FOLDS} labelled", fold + 1));
    }
    let features2: Vec<DocumentFeatures> =
        features.iter().zip(&held_out).map(|(f, labels)| with_document_labels(f, labels, bits)).collect();
    let valid_features2: Vec<DocumentFeatures> = valid_examples
        .iter()
        .zip(&valid_features)
        .map(|(ex, f)| with_document_labels(f, &stage1.decode(f, ex.tokens.len(), &ex.pipeline_sentences), bits))
        .collect();
    log("stage 2");
    let second = perceptron(
        (&examples, &features2),
        None,
        (&valid_examples, &valid_features2),
        bits,
        run(options.epochs, options.seed + 100),
        log,
    );
    let stage2 = Stage::quantize(&second.weights, options.prune, second.transitions);
    Model::from_stages(bits, vec![stage1, stage2], lexicon)
}
