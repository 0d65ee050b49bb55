//! Benchmarks that print numbers and assert nothing.
//!
//! `marginalia bench [--conll PATH] [--bbc PATH] [--repeat N]`: tokens per second of every pipeline stage
//! and of the whole `analyze`, single thread, on a fixed corpus (the CoNLL-2003 validation documents as
//! `conll::Document::text` builds them, plus the BBC dev articles), each also as a ratio to the tokenizer
//! measured in the same run; then documents per second of `annotate --jsonl` on the BBC articles, on one
//! thread and on every core.
//!
//! `marginalia bench-names FILE`: tokens per second of the names stage alone, single thread, with the
//! tokenizer measured in the same run as a baseline, and its parts: the tagger without the clean-up
//! rules, the rules alone, the features' extraction alone. A CoNLL-2003 file is read as its documents'
//! texts; any other file is one text.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use marginalia::analysis::{Entity, Sentence, Token};
use marginalia::export::json;
use marginalia::{
    analyze, analyze_each, boilerplate, conll, groups, merge, names, numbers, quotes, sentences, summary, tokenize,
    Analysis, Options,
};

pub fn run(args: &[String]) -> Result<(), String> {
    let path = args.first().ok_or("bench-names needs a file")?;
    let contents = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let texts: Vec<String> = if contents.starts_with("-DOCSTART-") {
        conll::parse(&contents).iter().map(|d| d.text().0).collect()
    } else {
        vec![contents]
    };
    let start = Instant::now();
    let model = names::model().ok_or("the shipped names model does not load")?;
    out!("model load: {:.1} ms; file {} bytes", ms(start.elapsed()), names::MODEL_BYTES.len());
    // Loading again, timed alone (the first load above also pays for first touches of the binary's pages).
    let mut loads: Vec<Duration> = (0..LOAD_ROUNDS)
        .map(|_| {
            let start = Instant::now();
            black_box(names::Model::from_static_bytes(black_box(names::MODEL_BYTES)).ok());
            start.elapsed()
        })
        .collect();
    loads.sort();
    out!(
        "model load again, {LOAD_ROUNDS} times: fastest {:.1} ms, median {:.1} ms",
        ms(loads[0]),
        ms(loads[LOAD_ROUNDS / 2])
    );
    // What the model builds for long texts (`Model::prepare_for_long_texts`), on fresh copies: the joint
    // rows alone, then the joint rows and the table of words.
    let fastest = |f: &dyn Fn(&names::Model)| -> Duration {
        (0..LOAD_ROUNDS)
            .filter_map(|_| {
                let fresh = names::Model::from_static_bytes(names::MODEL_BYTES).ok()?;
                let start = Instant::now();
                f(black_box(&fresh));
                Some(start.elapsed())
            })
            .min()
            .unwrap_or_default()
    };
    let joint = fastest(&|m| m.prepare_joint_rows());
    let both = fastest(&|m| m.prepare_for_long_texts());
    out!(
        "tables for long texts, fastest of {LOAD_ROUNDS}: {:.1} ms (joint rows {:.1} ms, table of words the rest)",
        ms(both),
        ms(joint)
    );
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| {
            let tokens = tokenize::tokenize(t);
            let sentences = sentences::split(t, &tokens);
            (t.as_str(), tokens, sentences)
        })
        .collect();
    let n_tokens: usize = prepared.iter().map(|p| p.1.len()).sum();
    let rounds = (2_000_000 / n_tokens.max(1)).clamp(1, 50);
    let time = |f: &dyn Fn()| {
        f();
        let start = Instant::now();
        for _ in 0..rounds {
            f();
        }
        start.elapsed()
    };
    let tokenizer = time(&|| {
        for t in &texts {
            black_box(tokenize::tokenize(t));
        }
    });
    let tagger = time(&|| {
        for (text, tokens, sentences) in &prepared {
            black_box(model.tag(text, tokens, sentences));
        }
    });
    // The tagger's own share, without the clean-up rules after it.
    let raw = time(&|| {
        for (text, tokens, sentences) in &prepared {
            black_box(model.tag_without_rules(text, tokens, sentences));
        }
    });
    // The clean-up rules alone, on the labels the tagger gave.
    let labelled: Vec<Vec<u8>> =
        prepared.iter().map(|(text, tokens, sentences)| model.labels(text, tokens, sentences)).collect();
    let rules = time(&|| {
        for ((text, tokens, sentences), labels) in prepared.iter().zip(&labelled) {
            black_box(model.names_of_labels(text, tokens, sentences, labels));
        }
    });
    // The features' extraction alone (the tagger's first step).
    let features = time(&|| {
        for (text, tokens, sentences) in &prepared {
            black_box(model.feature_buckets(text, tokens, sentences));
        }
    });
    let total = (n_tokens * rounds) as f64;
    out!("{} documents, {n_tokens} tokens, {rounds} rounds", texts.len());
    out!("tokenizer alone: {:>12.0} tokens/s", total / tokenizer.as_secs_f64());
    out!("names stage:     {:>12.0} tokens/s", total / tagger.as_secs_f64());
    out!("  without rules: {:>12.0} tokens/s (the tagger alone)", total / raw.as_secs_f64());
    out!("  rules alone:   {:>12.0} tokens/s (the clean-up rules on the tagger's labels)", total / rules.as_secs_f64());
    out!("  features alone:{:>12.0} tokens/s (the tagger's features, extracted)", total / features.as_secs_f64());
    Ok(())
}

/// How many times `bench-names` loads the model again to time it.
const LOAD_ROUNDS: usize = 15;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One document with every stage's input computed once, so each stage can be timed alone.
struct Prepared {
    text: String,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    names: Vec<Entity>,
    rules: Vec<Entity>,
    quote_entities: Vec<Entity>,
    /// The analysis up to merge and speakers, before groups and summary.
    merged: Analysis,
    title: Option<usize>,
    key_sentences: Vec<usize>,
    /// The full analysis, for the export row.
    full: Analysis,
}

fn prepare(text: String, options: &Options) -> Prepared {
    let tokens = tokenize::tokenize(&text);
    let sentences = sentences::split(&text, &tokens);
    let names = names::tag(&text, &tokens, &sentences);
    let rules = numbers::find(&text, &tokens, &sentences, options.anchor_date);
    let (quote_entities, quotes) = quotes::find(&text, &tokens);
    let entities = merge::merge(names.clone(), rules.clone(), quote_entities.clone());
    let attached = quotes::attach_speakers(&text, &tokens, &sentences, &entities, quotes);
    let boilerplate = boilerplate::find(&text, &sentences);
    let merged = Analysis {
        text: text.clone(),
        tokens: tokens.clone(),
        sentences: sentences.clone(),
        entities,
        quotes: attached,
        boilerplate,
        ..Analysis::default()
    };
    let title = summary::title(&merged);
    let full = analyze(&text, options);
    let key_sentences = full.summary.key_sentences.clone();
    Prepared { text, tokens, sentences, names, rules, quote_entities, merged, title, key_sentences, full }
}

/// A stage under measurement: the time of one pass over every document (setup excluded).
type Stage<'a> = (&'static str, Box<dyn Fn(&[Prepared]) -> Duration + 'a>);

/// Times `f` over every document.
fn each(docs: &[Prepared], f: impl Fn(&Prepared)) -> Duration {
    let start = Instant::now();
    for doc in docs {
        f(doc);
    }
    start.elapsed()
}

pub fn stages(args: &[String]) -> Result<(), String> {
    let mut conll_path = None;
    let mut bbc_path = None;
    let mut repeat = 5usize;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).ok_or_else(|| format!("{} needs a value", args[i]))?;
        match args[i].as_str() {
            "--conll" => conll_path = Some(PathBuf::from(value)),
            "--bbc" => bbc_path = Some(PathBuf::from(value)),
            "--repeat" => repeat = value.parse().map_err(|_| format!("--repeat needs a number, not {value:?}"))?,
            other => return Err(format!("bench: unknown argument {other:?}")),
        }
        i += 2;
    }
    let repeat = repeat.max(1);
    let conll_path = conll_path.unwrap_or_else(|| data_file("conll2003/valid.txt"));
    let bbc_path = bbc_path.unwrap_or_else(|| data_file("bbc-summary-dev.jsonl"));
    let conll_text = read(&conll_path)?;
    let bbc_jsonl = read(&bbc_path)?;
    let conll_texts: Vec<String> = conll::parse(&conll_text).iter().map(|d| d.text().0).collect();
    let bbc_texts: Vec<String> = bbc_jsonl
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
        .collect();

    let start = Instant::now();
    names::model().ok_or("the shipped names model does not load")?;
    let model_load = start.elapsed();
    let options = Options::default();
    let (n_conll, n_bbc) = (conll_texts.len(), bbc_texts.len());
    let docs: Vec<Prepared> = conll_texts.into_iter().chain(bbc_texts).map(|t| prepare(t, &options)).collect();
    let n_tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let n_bytes: usize = docs.iter().map(|d| d.text.len()).sum();

    let stages = stage_list(&options);

    let best = measure(&stages, &docs, repeat);

    out!(
        "corpus: {n_conll} CoNLL-2003 documents ({}) + {n_bbc} BBC articles ({}): {n_tokens} tokens, {n_bytes} bytes",
        conll_path.display(),
        bbc_path.display()
    );
    out!("single thread, fastest of {repeat} rounds; names model load {:.1} ms (once)\n", ms(model_load));
    print_table(&stages, &best, n_tokens);

    // One long document: the BBC articles joined (and repeated) up to 100,000 words, to show how each
    // stage scales with length.
    let long = long_document(&docs[n_conll..], 100_000);
    let long_words = long.split_whitespace().count();
    let long_docs = vec![prepare(long, &options)];
    let long_tokens = long_docs[0].tokens.len();
    let long_best = measure(&stages, &long_docs, repeat.min(3));
    out!(
        "\none document of {long_words} words ({long_tokens} tokens), BBC articles joined; fastest of {} rounds\n",
        repeat.min(3)
    );
    print_table(&stages, &long_best, long_tokens);

    // `annotate --jsonl` end to end (parse, analyze, export), output discarded.
    let threads = crate::jsonl::default_threads();
    // Per row: threads, fastest wall time, and the CPU time (all threads) of that round.
    let mut rows = vec![(1, Duration::MAX, None)];
    if threads > 1 {
        rows.push((threads, Duration::MAX, None));
    }
    let mut n_docs = 0;
    for round in 0..=repeat {
        for (n_threads, best, best_cpu) in rows.iter_mut() {
            let cpu_before = process_cpu_time();
            let start = Instant::now();
            n_docs = crate::jsonl::run(bbc_jsonl.as_bytes(), &mut std::io::sink(), *n_threads)?;
            let took = start.elapsed();
            if round > 0 && took < *best {
                *best = took;
                *best_cpu = process_cpu_time().zip(cpu_before).map(|(after, before)| after.saturating_sub(before));
            }
        }
    }
    out!("\n| annotate --jsonl ({n_docs} BBC articles) | documents/s | ms | cores busy (CPU time ÷ wall time) |");
    out!("|---|---:|---:|---:|");
    for (n_threads, took, cpu) in rows {
        let what = if n_threads == 1 { "1 thread".to_owned() } else { format!("{n_threads} threads (every core)") };
        let busy =
            cpu.map_or("–".to_owned(), |cpu| format!("{:.2}", cpu.as_secs_f64() / took.as_secs_f64().max(1e-9)));
        out!("| {what} | {:.0} | {:.1} | {busy} |", n_docs as f64 / took.as_secs_f64().max(1e-9), ms(took));
    }
    Ok(())
}

/// CPU time of this process so far, every thread included (Linux: user and system time from
/// `/proc/self/stat`, in ticks of 1/100 s, the fixed `USER_HZ` of Linux's user interface). `None` elsewhere.
fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start with field 3, the state.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 1..)?.split_whitespace().collect();
    let ticks = |field: usize| fields.get(field - 3).and_then(|f| f.parse::<u64>().ok());
    Some(Duration::from_millis((ticks(14)? + ticks(15)?) * 10))
}

/// `../shared/data/NAME` relative to the current directory, else to the crate's directory.
fn data_file(name: &str) -> PathBuf {
    let relative = Path::new("../shared/data").join(name);
    if relative.exists() {
        return relative;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join(&relative)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// `1234567.8` as `1,234,568`.
fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Times every stage over `docs`, `repeat` rounds after an untimed warm-up round, and keeps each
/// stage's fastest round. Rounds interleave the stages so that a noisy neighbour slows them all alike.
fn measure(stages: &[Stage], docs: &[Prepared], repeat: usize) -> Vec<Duration> {
    let mut best = vec![Duration::MAX; stages.len()];
    for round in 0..=repeat {
        for (k, (_, stage)) in stages.iter().enumerate() {
            let took = stage(docs);
            if round > 0 {
                best[k] = best[k].min(took);
            }
        }
    }
    best
}

/// The Markdown table: tokens/s per stage, as a ratio to the tokenizer (the first stage), time per pass
/// and share of `analyze` (the row `ANALYZE`).
fn print_table(stages: &[Stage], best: &[Duration], n_tokens: usize) {
    out!("| stage | tokens/s | speed ÷ tokenizer | ms per pass | share of analyze |");
    out!("|---|---:|---:|---:|---:|");
    let rate = |d: Duration| n_tokens as f64 / d.as_secs_f64().max(1e-9);
    let reference = rate(best[0]);
    let analyze_time = stages.iter().position(|(name, _)| *name == ANALYZE).and_then(|k| best.get(k)).copied();
    let analyze_time = analyze_time.unwrap_or(Duration::MAX);
    for ((name, _), &took) in stages.iter().zip(best) {
        out!(
            "| {name} | {} | {:.3} | {:.1} | {:.1}% |",
            thousands(rate(took)),
            rate(took) / reference,
            ms(took),
            100.0 * took.as_secs_f64() / analyze_time.as_secs_f64().max(1e-9)
        );
    }
}

/// The texts joined by blank lines, cycling through them until the result has `words` words.
fn long_document(docs: &[Prepared], words: usize) -> String {
    let mut text = String::new();
    let mut count = 0;
    for doc in docs.iter().cycle().take(docs.len().max(1) * 100) {
        if count >= words {
            break;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&doc.text);
        count += doc.text.split_whitespace().count();
    }
    text
}

/// The row of `analyze` itself, the reference of the table's last column.
const ANALYZE: &str = "analyze (all of the above)";

/// Every stage, in pipeline order, then `analyze` (one text at a time, and 32 at a time) and the JSON
/// export.
fn stage_list(options: &Options) -> Vec<Stage<'_>> {
    vec![
        ("tokenize", Box::new(|docs| each(docs, |d| drop(black_box(tokenize::tokenize(&d.text)))))),
        ("sentences", Box::new(|docs| each(docs, |d| drop(black_box(sentences::split(&d.text, &d.tokens)))))),
        ("names", Box::new(|docs| each(docs, |d| drop(black_box(names::tag(&d.text, &d.tokens, &d.sentences)))))),
        (
            "numbers and dates (rules)",
            Box::new(|docs| {
                each(docs, |d| drop(black_box(numbers::find(&d.text, &d.tokens, &d.sentences, options.anchor_date))))
            }),
        ),
        (
            "quotes (find + speakers)",
            Box::new(|docs| {
                each(docs, |d| {
                    let (entities, found) = quotes::find(&d.text, &d.tokens);
                    black_box(entities);
                    let attached = quotes::attach_speakers(&d.text, &d.tokens, &d.sentences, &d.merged.entities, found);
                    black_box(attached);
                })
            }),
        ),
        ("boilerplate", Box::new(|docs| each(docs, |d| drop(black_box(boilerplate::find(&d.text, &d.sentences)))))),
        (
            "merge",
            Box::new(|docs| {
                let inputs: Vec<_> =
                    docs.iter().map(|d| (d.names.clone(), d.rules.clone(), d.quote_entities.clone())).collect();
                let start = Instant::now();
                for (names, rules, quotes) in inputs {
                    black_box(merge::merge(names, rules, quotes));
                }
                start.elapsed()
            }),
        ),
        (
            "groups (find + rank)",
            Box::new(|docs| {
                each(docs, |d| {
                    let mut found = groups::find(&d.merged, d.title);
                    groups::rank(&mut found, &d.merged, &d.key_sentences);
                    black_box(found);
                })
            }),
        ),
        (
            "summary",
            Box::new(|docs| {
                let found: Vec<_> = docs.iter().map(|d| groups::find(&d.merged, d.title)).collect();
                let start = Instant::now();
                for (d, found) in docs.iter().zip(&found) {
                    let title = summary::title(&d.merged);
                    black_box(summary::summarize(&d.merged, found, title, options.summary_sentences));
                }
                start.elapsed()
            }),
        ),
        (ANALYZE, Box::new(|docs| each(docs, |d| drop(black_box(analyze(&d.text, options)))))),
        (
            "analyze, 32 texts at a time (`analyze_each`)",
            Box::new(move |docs| {
                let start = Instant::now();
                for batch in docs.chunks(32) {
                    let items: Vec<(&str, &Options)> = batch.iter().map(|d| (d.text.as_str(), options)).collect();
                    drop(black_box(analyze_each(&items)));
                }
                start.elapsed()
            }),
        ),
        (
            "export JSON (marginalia/1)",
            Box::new(|docs| each(docs, |d| drop(black_box(json::to_string(&d.full, None))))),
        ),
    ]
}
