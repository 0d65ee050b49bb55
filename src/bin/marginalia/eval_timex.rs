//! `marginalia eval-timex FILE [--errors]`: scores our DATE and TIME entities as TIMEX3 expressions
//! against a JSONL file of gold timexes, TempEval-3 style. One document a line: `text`, `anchor`
//! (`YYYY-MM-DD`, the reference date `analyze` gets), `timexes` (`start`, `end` in code points, `type`,
//! `value`), optional `body_start` (scoring starts there: a headline before it is not annotated) and
//! `score_end` (scoring stops there: only the first sentences are annotated).
//!
//! A system timex is an entity with a TIMEX3 reading (`Entity::timex`): DATE and TIME entities but ages,
//! and a holiday the names model keeps as MISC (`merge`, rule 2).
//! Strict span: same start and end; relaxed: the spans overlap (each gold and each system timex matched
//! once, in text order). Value F1 (and type F1) is the share of relaxed matches with the same value (type)
//! times the relaxed F1. Per type, a system timex counts under its own type, a gold one under its own.
//! `--errors` prints each miss, spurious timex and wrong value. This file does I/O and scoring only.

use std::collections::BTreeMap;

use marginalia::offsets::OffsetIndex;
use marginalia::{analyze, numbers, Options, TimexType};
use serde_json::Value as Json;

struct Timex {
    start: usize,
    end: usize,
    kind: String,
    value: String,
    text: String,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    gold: usize,
    system: usize,
    strict: usize,
    relaxed: usize,
    value: usize,
    kind: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.system += other.system;
        self.strict += other.strict;
        self.relaxed += other.relaxed;
        self.value += other.value;
        self.kind += other.kind;
    }
}

fn f1(matched: usize, system: usize, gold: usize) -> (f64, f64, f64) {
    let p = if system == 0 { 0.0 } else { matched as f64 / system as f64 };
    let r = if gold == 0 { 0.0 } else { matched as f64 / gold as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (100.0 * p, 100.0 * r, 100.0 * f)
}

/// One-to-one matches of gold and system timexes whose spans overlap, in text order.
fn matches(gold: &[Timex], system: &[Timex]) -> Vec<(usize, usize)> {
    let mut used = vec![false; system.len()];
    let mut out = Vec::new();
    for (g, gt) in gold.iter().enumerate() {
        let overlapping =
            system.iter().enumerate().filter(|(s, st)| !used[*s] && st.start < gt.end && gt.start < st.end);
        // Prefer an exact match, then the first overlap.
        let best = overlapping
            .clone()
            .find(|(_, st)| st.start == gt.start && st.end == gt.end)
            .or_else(|| overlapping.clone().next());
        if let Some((s, _)) = best {
            used[s] = true;
            out.push((g, s));
        }
    }
    out
}

fn score(gold: &[Timex], system: &[Timex], errors: bool, id: &str) -> Counts {
    let pairs = matches(gold, system);
    let mut c = Counts { gold: gold.len(), system: system.len(), relaxed: pairs.len(), ..Counts::default() };
    for &(g, s) in &pairs {
        let (gt, st) = (&gold[g], &system[s]);
        c.strict += usize::from(gt.start == st.start && gt.end == st.end);
        c.value += usize::from(gt.value == st.value);
        c.kind += usize::from(gt.kind == st.kind);
        if errors && (gt.value != st.value || gt.kind != st.kind) {
            println!("VALUE\t{id}\t{:?} {} {}\t{:?} {} {}", gt.text, gt.kind, gt.value, st.text, st.kind, st.value);
        }
    }
    if errors {
        for (g, gt) in gold.iter().enumerate() {
            if !pairs.iter().any(|p| p.0 == g) {
                println!("MISSED\t{id}\t{:?} {} {}", gt.text, gt.kind, gt.value);
            }
        }
        for (s, st) in system.iter().enumerate() {
            if !pairs.iter().any(|p| p.1 == s) {
                println!("SPURIOUS\t{id}\t{:?} {} {}", st.text, st.kind, st.value);
            }
        }
    }
    c
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut path = None;
    let mut errors = false;
    for arg in args {
        match arg.as_str() {
            "--errors" => errors = true,
            other => path = Some(other),
        }
    }
    let path = path.ok_or("eval-timex needs a JSONL file of documents with gold timexes")?;
    let contents = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut total = Counts::default();
    let mut by_type: BTreeMap<String, Counts> = BTreeMap::new();
    let mut n_docs = 0;
    for (n, line) in contents.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let doc: Json = serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let text = doc["text"].as_str().ok_or_else(|| format!("{path}:{}: no \"text\"", n + 1))?;
        let id = doc["id"].as_str().unwrap_or("");
        let anchor = doc["anchor"].as_str().and_then(|a| a.parse::<numbers::Ymd>().ok());
        let body_start = doc["body_start"].as_u64().unwrap_or(0) as usize;
        let score_end = doc["score_end"].as_u64().map_or(usize::MAX, |e| e as usize);
        let options = Options { anchor_date: anchor, ..Options::default() };
        let analysis = analyze(text, &options);
        let index = OffsetIndex::new(text);
        let system: Vec<Timex> = analysis
            .entities
            .iter()
            .filter_map(|e| {
                let t = e.timex.as_ref()?;
                let (start, end) = (index.at(e.span.start).0, index.at(e.span.end).0);
                (start >= body_start && start < score_end).then(|| Timex {
                    start,
                    end,
                    kind: t.kind.as_str().to_owned(),
                    value: t.value.clone(),
                    text: analysis.slice(e.span).to_owned(),
                })
            })
            .collect();
        let gold: Vec<Timex> = doc["timexes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| Timex {
                start: t["start"].as_u64().unwrap_or(0) as usize,
                end: t["end"].as_u64().unwrap_or(0) as usize,
                kind: t["type"].as_str().unwrap_or("").to_owned(),
                value: t["value"].as_str().unwrap_or("").to_owned(),
                text: t["text"].as_str().unwrap_or("").to_owned(),
            })
            .filter(|t| t.start >= body_start && t.start < score_end)
            .collect();
        total.add(score(&gold, &system, errors, id));
        for kind in TimexType::ALL.map(TimexType::as_str) {
            let of = |list: &[Timex]| -> Vec<Timex> {
                list.iter()
                    .filter(|t| t.kind == kind)
                    .map(|t| Timex { text: t.text.clone(), kind: t.kind.clone(), value: t.value.clone(), ..*t })
                    .collect()
            };
            by_type.entry(kind.to_owned()).or_default().add(score(&of(&gold), &of(&system), false, id));
        }
        n_docs += 1;
    }
    out!("{n_docs} documents, {} gold timexes, {} ours", total.gold, total.system);
    out!(
        "{:<9} {:>5} {:>5} | {:>5} {:>5} {:>5} | {:>5} {:>5} {:>5} | {:>6} {:>6} | {:>6} {:>6}",
        "type",
        "gold",
        "ours",
        "P",
        "R",
        "F1",
        "P",
        "R",
        "F1",
        "value",
        "val F1",
        "type",
        "typ F1"
    );
    out!(
        "{:<9} {:>5} {:>5} | {:^17} | {:^17} | {:>6} {:>6} | {:>6} {:>6}",
        "",
        "",
        "",
        "strict span",
        "relaxed span",
        "acc",
        "",
        "acc",
        ""
    );
    let row = |name: &str, c: &Counts, with_type: bool| {
        let (sp, sr, sf) = f1(c.strict, c.system, c.gold);
        let (rp, rr, rf) = f1(c.relaxed, c.system, c.gold);
        let acc = |k: usize| if c.relaxed == 0 { 0.0 } else { 100.0 * k as f64 / c.relaxed as f64 };
        let (type_acc, type_f1) = if with_type {
            (format!("{:6.1}", acc(c.kind)), format!("{:6.1}", acc(c.kind) * rf / 100.0))
        } else {
            ("     -".to_owned(), "     -".to_owned())
        };
        out!(
            "{name:<9} {:>5} {:>5} | {sp:5.1} {sr:5.1} {sf:5.1} | {rp:5.1} {rr:5.1} {rf:5.1} | {:6.1} {:6.1} | {type_acc} {type_f1}",
            c.gold,
            c.system,
            acc(c.value),
            acc(c.value) * rf / 100.0
        );
    };
    for (name, c) in &by_type {
        row(name, c, false);
    }
    row("all", &total, true);
    Ok(())
}
