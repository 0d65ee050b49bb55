//! `marginalia bench-names FILE`: tokens per second of the names stage alone, single thread, with the
//! tokenizer measured in the same run as a baseline. A CoNLL-2003 file is read as its documents' texts;
//! any other file is one text. Prints numbers; asserts nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use marginalia::{conll, names, sentences, tokenize};

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
    println!("model load: {:.1} ms; file {} bytes", ms(start.elapsed()), names::MODEL_BYTES.len());
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
    let total = (n_tokens * rounds) as f64;
    println!("{} documents, {n_tokens} tokens, {rounds} rounds", texts.len());
    println!("tokenizer alone: {:>12.0} tokens/s", total / tokenizer.as_secs_f64());
    println!("names stage:     {:>12.0} tokens/s", total / tagger.as_secs_f64());
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
