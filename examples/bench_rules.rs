//! Throughput of the rule stages (numbers and dates, quotes, boilerplate) and of the whole pipeline
//! on the bundled sample article, repeated. Prints tokens per second; run with
//! `cargo run --release --example bench_rules`.

use std::time::Instant;

use marginalia::{analyze, boilerplate, numbers, quotes, sentences, tokenize, Options};

fn main() {
    let sample = include_str!("../static/sample.txt");
    let text = sample.repeat(200);
    let options = Options { anchor_date: Some((2021, 3, 1)), ..Options::default() };
    let tokens = tokenize::tokenize(&text);
    let sentences = sentences::split(&text, &tokens);
    let n = tokens.len() as f64;
    let rounds = 10;

    let start = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        found += numbers::find(&text, &tokens, &sentences, &options).len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!("numbers::find      {:>12.0} tokens/s  ({} entities per round)", n * rounds as f64 / secs, found / rounds);

    let start = Instant::now();
    for _ in 0..rounds {
        let (_, q) = quotes::find(&text, &tokens);
        found = quotes::attach_speakers(&text, &tokens, &sentences, &[], q).len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!("quotes + speakers  {:>12.0} tokens/s  ({found} quotes)", n * rounds as f64 / secs);

    let start = Instant::now();
    for _ in 0..rounds {
        found = boilerplate::find(&text).len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!("boilerplate::find  {:>12.0} tokens/s  ({found} spans)", n * rounds as f64 / secs);

    let start = Instant::now();
    let analysis = analyze(&text, &options);
    let secs = start.elapsed().as_secs_f64();
    println!("analyze (all)      {:>12.0} tokens/s  ({} tokens, {} entities)", n / secs, analysis.tokens.len(), analysis.entities.len());
}
