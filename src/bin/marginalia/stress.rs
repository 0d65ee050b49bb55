//! `marginalia stress [--scale F]`: big and odd inputs, timed stage by stage. Prints numbers, asserts
//! nothing (a panic would still show). The inputs are generated here, deterministically: a 10 MB
//! article (the bundled sample repeated), one 1 MB line without spaces (letters; letters, digits and
//! punctuation), a text with about 100,000 entities, 1 MB of random bytes decoded lossily, 1 MB of
//! quotation marks, of emoji ZWJ sequences, and of line breaks. `--scale 0.1` makes every input ten
//! times smaller. Times that grow faster than the input show as a rising µs/KB column. Last, edits on
//! the two biggest documents: open, apply a label to every occurrence of a name, remove it everywhere, undo.

use std::hint::black_box;
use std::time::{Duration, Instant};

use marginalia::export::{self, json, Format};
use marginalia::{boilerplate, import, merge, names, numbers, pipeline, quotes, sentences, tokenize};
use marginalia::{Analysis, Options};

const SAMPLE: &str = include_str!("../../../static/sample.txt");

pub fn run(args: &[String]) -> Result<(), String> {
    let scale = match args.iter().position(|a| a == "--scale") {
        Some(i) => args
            .get(i + 1)
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|s| *s > 0.0)
            .ok_or("--scale needs a number > 0")?,
        None => 1.0,
    };
    let mb = (1_000_000.0 * scale) as usize;
    let start = Instant::now();
    names::model().ok_or("the shipped names model does not load")?;
    out!("model load: {:.1} ms", ms(start.elapsed()));
    let inputs: Vec<(&str, String)> = vec![
        ("10 MB article", repeat_to(SAMPLE, 10 * mb)),
        ("1 MB line, letters only", repeat_to("abcdefghijklmnopqrstuvwxyz", mb)),
        ("1 MB line, no spaces", repeat_to("Paris,2019-02-28;$5m/45%(BBC)\"said\"Merkel.", mb)),
        (
            "~100k entities",
            repeat_to(
                "Angela Merkel met Emmanuel Macron in Paris on 5 May 2019 for $5 million, 45% more. ",
                100_000 / 6 * 84 * mb / 1_000_000,
            ),
        ),
        ("1 MB random bytes, lossy", garbage(mb)),
        ("1 MB quotation marks", repeat_to("\"“'‘«„ ", mb)),
        ("1 MB emoji ZWJ sequences", repeat_to("👨‍👩‍👧‍👦🏳️‍🌈🇰🇿 ", mb)),
        ("1 MB line breaks", repeat_to("\r\n\r\n\n\r", mb)),
    ];
    out!(
        "{:<26} {:>9} {:>7} {:>7} | {:>8} {:>8} {:>8} {:>8} {:>7} {:>7} {:>8} {:>7} {:>8} | {:>8} {:>6} | {:>7} {:>8} {:>7} | {:>7}",
        "input", "bytes", "tokens", "entities", "tokenize", "sentence", "names", "numbers", "quotes", "merge", "speakers",
        "boiler", "summary", "analyze", "µs/KB", "json", "exports", "import", "slowest export"
    );
    for (name, text) in &inputs {
        row(name, text);
    }
    out!("(times in ms, single thread; `exports` is every format; `import` reads the json back)");
    for (name, surface) in [("10 MB article", "Nazarbaev"), ("~100k entities", "Merkel")] {
        let Some((_, text)) = inputs.iter().find(|(n, _)| *n == name) else { continue };
        edits(name, text, surface);
    }
    Ok(())
}

/// Editing a big document: open it, mark every occurrence of a name, remove them everywhere, undo.
fn edits(name: &str, text: &str, surface: &str) {
    use marginalia::edit::{Action, Document};
    use marginalia::Label;
    let analysis = marginalia::analyze(text, &Options::default());
    let t = Instant::now();
    let mut document = Document::new(analysis);
    let open = t.elapsed();
    let t = Instant::now();
    let applied = document.apply(Action::ApplyToAll { surface: surface.to_owned(), label: Label::Org });
    let apply_all = t.elapsed();
    let marks = document.edits().added.len();
    let t = Instant::now();
    let removed = document.apply(Action::RemoveEverywhere { surface: surface.to_owned() });
    let remove_everywhere = t.elapsed();
    let t = Instant::now();
    let undone = document.apply(Action::Undo);
    let undo = t.elapsed();
    out!(
        "edits on {name}: open {:.1} ms; apply to all {surface:?} ({marks} marks{}) {:.1} ms; remove everywhere{} {:.1} ms; undo{} {:.1} ms",
        ms(open),
        if applied.is_ok() { "" } else { ", failed" },
        ms(apply_all),
        if removed.is_ok() { "" } else { " (failed)" },
        ms(remove_everywhere),
        if undone.is_ok() { "" } else { " (failed)" },
        ms(undo),
    );
}

fn row(name: &str, text: &str) {
    let options = Options::default();
    let t = Instant::now();
    let tokens = tokenize::tokenize(text);
    let tokenize_time = t.elapsed();
    let t = Instant::now();
    let sentences = sentences::split(text, &tokens);
    let sentences_time = t.elapsed();
    let t = Instant::now();
    let name_entities = names::tag(text, &tokens, &sentences);
    let names_time = t.elapsed();
    let t = Instant::now();
    let rule_entities = numbers::find(text, &tokens, &sentences, options.anchor_date);
    let numbers_time = t.elapsed();
    let t = Instant::now();
    let (quote_entities, found_quotes) = quotes::find(text, &tokens);
    let quotes_time = t.elapsed();
    let t = Instant::now();
    let entities = merge::merge(name_entities, rule_entities, quote_entities);
    let merge_time = t.elapsed();
    let t = Instant::now();
    let found_quotes = quotes::attach_speakers(text, &tokens, &sentences, &entities, found_quotes);
    let speakers_time = t.elapsed();
    let t = Instant::now();
    let boilerplate = boilerplate::find(text, &sentences);
    let boilerplate_time = t.elapsed();
    let mut analysis = Analysis {
        text: text.to_owned(),
        tokens,
        sentences,
        entities,
        quotes: found_quotes,
        boilerplate,
        ..Analysis::default()
    };
    let t = Instant::now();
    pipeline::summarize(&mut analysis, &options);
    let summary_time = t.elapsed();
    let t = Instant::now();
    let whole = black_box(marginalia::analyze(text, &options));
    let analyze_time = t.elapsed();
    let t = Instant::now();
    let file = json::to_string(&whole, None);
    let json_time = t.elapsed();
    let t = Instant::now();
    let mut slowest = (Duration::ZERO, "");
    let mut each = Vec::new();
    for format in Format::ALL {
        let t = Instant::now();
        black_box(export::export_files(&whole, format));
        slowest = slowest.max((t.elapsed(), format.name()));
        each.push(format!("{} {:.1}", format.name(), ms(t.elapsed())));
    }
    if std::env::var_os("STRESS_FORMATS").is_some() {
        eprintln!("  {}", each.join(", "));
    }
    let exports_time = t.elapsed();
    let t = Instant::now();
    let imported = import::import(&file);
    let import_time = t.elapsed();
    let imported = match imported {
        Ok(d) if d.entities == whole.entities => "",
        Ok(_) => " (import differs!)",
        Err(_) => " (import failed!)",
    };
    out!(
        "{:<26} {:>9} {:>7} {:>7} | {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>7.1} {:>7.1} {:>8.1} {:>7.1} {:>8.1} | {:>8.1} {:>6.0} | {:>7.1} {:>8.1} {:>7.1} | {:>7.1} {}{imported}",
        name,
        text.len(),
        whole.tokens.len(),
        whole.entities.len(),
        ms(tokenize_time),
        ms(sentences_time),
        ms(names_time),
        ms(numbers_time),
        ms(quotes_time),
        ms(merge_time),
        ms(speakers_time),
        ms(boilerplate_time),
        ms(summary_time),
        ms(analyze_time),
        analyze_time.as_secs_f64() * 1e6 / (text.len().max(1) as f64 / 1000.0),
        ms(json_time),
        ms(exports_time),
        ms(import_time),
        ms(slowest.0),
        slowest.1,
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `unit` repeated up to about `len` bytes.
fn repeat_to(unit: &str, len: usize) -> String {
    unit.repeat((len / unit.len()).max(1))
}

/// `len` pseudo-random bytes (xorshift64), decoded as UTF-8 with replacement characters.
fn garbage(len: usize) -> String {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let bytes: Vec<u8> = (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}
