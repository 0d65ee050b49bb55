//! `marginalia eval-summary FILE [--k N|--k ref] [--weights name=value,...] [--half even|odd]`: scores
//! key sentences against reference summaries (one JSON object per line with `text` and `summary`, one
//! reference sentence per line) with ROUGE-1, ROUGE-2 and ROUGE-L F1, for Lead-k, TextRank and ours.
//! `--half` keeps the even or odd documents (0-based, in file order): tune on one, report the other.
//! This file does I/O and argument handling only; sentence choice and ROUGE live in the library.

use marginalia::rouge::{Rouge, Scores};
use marginalia::summary::{self, Scorer, Weights};
use marginalia::{analyze, groups, Analysis, Options};

/// How many sentences each method picks.
#[derive(Clone, Copy)]
enum K {
    Fixed(usize),
    /// As many as the reference has.
    Reference,
}

impl K {
    fn name(self) -> String {
        match self {
            K::Fixed(n) => format!("k = {n}"),
            K::Reference => "k = reference sentence count".to_owned(),
        }
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut path = None;
    let mut ks = vec![K::Fixed(3), K::Reference];
    let mut weights = Weights::default();
    let mut scorer = Scorer::shipped().clone();
    let mut half: Option<usize> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--k" => {
                let value = args.get(i + 1).ok_or("--k needs a number or \"ref\"")?;
                ks = vec![match value.as_str() {
                    "ref" => K::Reference,
                    n => K::Fixed(n.parse().map_err(|_| format!("--k: expected a number or \"ref\", got {n:?}"))?),
                }];
                i += 1;
            }
            "--weights" => {
                let value = args.get(i + 1).ok_or("--weights needs name=value,...")?;
                parse_weights(&mut weights, &mut scorer, value)?;
                i += 1;
            }
            "--half" => {
                half = Some(parse_half(args.get(i + 1))?);
                i += 1;
            }
            "--model" => {
                let file = args.get(i + 1).ok_or("--model needs a file")?;
                let json = std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))?;
                scorer = Scorer::from_json(&json).map_err(|e| format!("{file}: {e}"))?;
                i += 1;
            }
            other => path = Some(other.to_owned()),
        }
        i += 1;
    }
    let path = path.ok_or("eval-summary needs a JSONL file with \"text\" and \"summary\" fields")?;
    let documents = read_documents(&path, half)?;

    let rouge = Rouge::new();
    out!("{} documents from {path}", documents.len());
    for k in ks {
        let mut totals = [Totals::default(), Totals::default(), Totals::default()];
        for (text, reference) in &documents {
            let reference_sentences = reference.lines().filter(|l| !l.trim().is_empty()).count();
            let k_n = match k {
                K::Fixed(n) => n,
                K::Reference => reference_sentences,
            };
            let options = Options { summary_sentences: k_n, ..Options::default() };
            let analysis = analyze(text, &options);
            let title = summary::title(&analysis);
            let ours = if weights == Weights::default() && &scorer == Scorer::shipped() {
                analysis.summary.key_sentences.clone()
            } else {
                let groups = groups::find(&analysis, title);
                summary::key_sentences_with(&analysis, &groups, title, k_n, &weights, &scorer)
            };
            let picks = [summary::lead(&analysis, title, k_n), summary::textrank(&analysis, title, k_n), ours];
            for (total, picked) in totals.iter_mut().zip(picks) {
                total.add(rouge.score(&joined(&analysis, &picked), reference));
            }
        }
        out!("\n{}", k.name());
        out!("{:<10} {:>8} {:>8} {:>8}", "method", "ROUGE-1", "ROUGE-2", "ROUGE-L");
        for (name, total) in ["Lead", "TextRank", "ours"].iter().zip(&totals) {
            let [r1, r2, rl] = total.mean();
            out!("{name:<10} {:>8.2} {:>8.2} {:>8.2}", 100.0 * r1, 100.0 * r2, 100.0 * rl);
        }
    }
    Ok(())
}

/// The `(text, summary)` pairs of a JSONL file, only the even (`Some(0)`) or odd (`Some(1)`) ones when
/// asked (0-based, in file order).
pub fn read_documents(path: &str, half: Option<usize>) -> Result<Vec<(String, String)>, String> {
    let contents = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut documents = Vec::new();
    for (n, line) in contents.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let field = |name: &str| {
            value
                .get(name)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
                .ok_or(format!("line {}: missing \"{name}\"", n + 1))
        };
        documents.push((field("text")?, field("summary")?));
    }
    if let Some(half) = half {
        documents = documents.into_iter().enumerate().filter(|(d, _)| d % 2 == half).map(|(_, doc)| doc).collect();
    }
    Ok(documents)
}

/// `--half even|odd` as `Some(0)` / `Some(1)`.
pub fn parse_half(value: Option<&String>) -> Result<usize, String> {
    match value.map(String::as_str) {
        Some("even") => Ok(0),
        Some("odd") => Ok(1),
        _ => Err("--half needs \"even\" or \"odd\"".to_owned()),
    }
}

/// The picked sentences, one per line, as the candidate summary.
fn joined(analysis: &Analysis, picked: &[usize]) -> String {
    picked
        .iter()
        .filter_map(|&i| analysis.sentences.get(i))
        .map(|s| analysis.slice(s.span))
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Default)]
struct Totals {
    sums: [f64; 3],
    n: usize,
}

impl Totals {
    fn add(&mut self, scores: Scores) {
        self.sums[0] += scores.rouge1.f1;
        self.sums[1] += scores.rouge2.f1;
        self.sums[2] += scores.rouge_l.f1;
        self.n += 1;
    }

    fn mean(&self) -> [f64; 3] {
        let n = self.n.max(1) as f64;
        self.sums.map(|s| s / n)
    }
}

fn parse_weights(weights: &mut Weights, scorer: &mut Scorer, spec: &str) -> Result<(), String> {
    for pair in spec.split(',').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').ok_or(format!("--weights: expected name=value, got {pair:?}"))?;
        let value: f64 = value.parse().map_err(|_| format!("--weights: {name} needs a number"))?;
        let slot = match name {
            "position_scale" => &mut weights.position_scale,
            "graph_window" => &mut weights.graph_window,
            "full_graph_limit" => &mut weights.full_graph_limit,
            "min_words" => &mut weights.min_words,
            "digest_length" => &mut weights.digest_length,
            "digest_share" => &mut weights.digest_share,
            "max_words" => &mut weights.max_words,
            _ if scorer.set(name, value) => continue,
            _ => return Err(format!("--weights: unknown weight {name:?}")),
        };
        *slot = value;
    }
    Ok(())
}
