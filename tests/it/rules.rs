//! The rule-based recognizers: the example table (`tests/fixtures/rules/examples.json`) and the sample
//! article's gold annotation (`tests/fixtures/sample/kazakhstan-rallies.gold.json`).
//!
//! The table is run against the rule stages alone (numbers, quotes, boilerplate), so that it does not
//! depend on the names model; quote speakers are checked through the whole pipeline. Each row is
//! `{"text", "anchor"?, "expect": [{"text", "label", "value"?, "speaker"?}], "boilerplate"?}`: `expect`
//! lists every DATE TIME MONEY PERCENT QUANTITY CARDINAL ORDINAL QUOTE span of the text, in order (an
//! empty list is a negative example); a `value` key, when present, must equal the normalized value
//! (`null`: no value); `timex`, when present, the TIMEX3 reading of a DATE or TIME, `{"type", "value"}`
//! (`null`: none, as for ages); `speaker` is the quote's speaker text (`null`: none).

use marginalia::export::json::{TimexJson, ValueJson};
use marginalia::offsets::OffsetIndex;
use marginalia::{analyze, boilerplate, numbers, quotes, sentences, tokenize, Label, Options};
use serde_json::Value as Json;

fn options(anchor: Option<&str>) -> Options {
    let anchor_date = anchor.map(|a| a.parse::<numbers::Ymd>().expect("anchor is YYYY-MM-DD"));
    Options { anchor_date, ..Options::default() }
}

/// Runs one table row; returns the differences found, as readable lines.
fn check(row: &Json) -> Vec<String> {
    let text = row["text"].as_str().expect("every row has a text");
    let options = options(row["anchor"].as_str());
    let tokens = tokenize::tokenize(text);
    let sentences = sentences::split(text, &tokens);
    let mut found: Vec<(usize, String, &str, Json, Json)> =
        numbers::find(text, &tokens, &sentences, options.anchor_date)
            .into_iter()
            .map(|e| {
                let value = e
                    .value
                    .as_ref()
                    .map_or(Json::Null, |v| serde_json::to_value(ValueJson::from(v)).unwrap_or(Json::Null));
                let timex = e
                    .timex
                    .as_ref()
                    .map_or(Json::Null, |t| serde_json::to_value(TimexJson::from(t)).unwrap_or(Json::Null));
                (e.span.start, text[e.span.start..e.span.end].to_owned(), e.label.as_str(), value, timex)
            })
            .collect();
    let (quote_entities, _) = quotes::find(text, &tokens);
    for q in &quote_entities {
        found.push((q.span.start, text[q.span.start..q.span.end].to_owned(), "QUOTE", Json::Null, Json::Null));
    }
    found.sort_by_key(|f| f.0);
    let mut problems = Vec::new();
    let expected = row["expect"].as_array().cloned().unwrap_or_default();
    let got: Vec<(String, &str)> = found.iter().map(|f| (f.1.clone(), f.2)).collect();
    let want: Vec<(String, &str)> = expected
        .iter()
        .map(|e| (e["text"].as_str().unwrap_or("").to_owned(), e["label"].as_str().unwrap_or("")))
        .collect();
    for label in want.iter().map(|w| w.1) {
        assert!(Label::parse(label).is_some_and(|l| !l.is_name()), "bad label {label} in row {text:?}");
    }
    if got != want {
        problems.push(format!("spans: expected {want:?}, found {got:?}"));
        return problems;
    }
    let analysis = expected.iter().any(|e| e.get("speaker").is_some()).then(|| analyze(text, &options));
    for (e, f) in expected.iter().zip(&found) {
        if let Some(value) = e.get("value") {
            if !same_json(value, &f.3) {
                problems.push(format!("value of {:?}: expected {value}, found {}", f.1, f.3));
            }
        }
        if let Some(timex) = e.get("timex") {
            if timex != &f.4 {
                problems.push(format!("timex of {:?}: expected {timex}, found {}", f.1, f.4));
            }
        }
        if let (Some(speaker), Some(analysis)) = (e.get("speaker"), &analysis) {
            let quote = analysis.quotes.iter().find(|q| analysis.slice(q.span) == f.1);
            let actual = quote.and_then(|q| q.speaker).map(|s| analysis.slice(s));
            if speaker.as_str() != actual {
                problems.push(format!("speaker of {:?}: expected {speaker}, found {actual:?}", f.1));
            }
        }
    }
    if let Some(lines) = row.get("boilerplate").and_then(Json::as_array) {
        let want: Vec<&str> = lines.iter().filter_map(Json::as_str).collect();
        let got: Vec<&str> = boilerplate::find(text, &sentences).iter().map(|s| &text[s.start..s.end]).collect();
        if got != want {
            problems.push(format!("boilerplate: expected {want:?}, found {got:?}"));
        }
    }
    problems
}

/// JSON equality with numbers compared as `f64` (the table writes `50`, values serialize `50.0`), to
/// within a relative 1e-9.
fn same_json(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN));
            (x - y).abs() <= 1e-9 * x.abs().max(1.0)
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        (Json::Array(x), Json::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_json(v, w)),
        _ => a == b,
    }
}

#[test]
fn example_table() {
    let table: Json = serde_json::from_str(include_str!("../fixtures/rules/examples.json")).expect("the table is JSON");
    let rows = table.as_array().expect("the table is an array of rows");
    let mut failures = Vec::new();
    for row in rows {
        let problems = check(row);
        if !problems.is_empty() {
            failures.push(format!("{:?}\n    {}", row["text"].as_str().unwrap_or(""), problems.join("\n    ")));
        }
    }
    println!("rules table: {}/{} rows pass", rows.len() - failures.len(), rows.len());
    assert!(rows.len() >= 200, "the table has {} rows", rows.len());
    assert!(failures.is_empty(), "{} of {} rows fail:\n{}", failures.len(), rows.len(), failures.join("\n"));
}

/// Code-point spans of the gold entities with `label`.
fn gold_spans(gold: &Json, label: &str) -> Vec<(u64, u64)> {
    let mut spans: Vec<(u64, u64)> = gold["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["label"] == label)
        .map(|e| (e["start"].as_u64().unwrap_or(0), e["end"].as_u64().unwrap_or(0)))
        .collect();
    spans.sort_unstable();
    spans
}

#[test]
fn sample_article_gold() {
    let (text, gold) = crate::sample_with_gold();
    let analysis = analyze(&text, &Options::default());
    let index = OffsetIndex::new(&text);
    let code_points = |s: marginalia::Span| (index.at(s.start).0 as u64, index.at(s.end).0 as u64);
    for label in [Label::Date, Label::Cardinal, Label::Quote] {
        let mut found: Vec<(u64, u64)> =
            analysis.entities.iter().filter(|e| e.label == label).map(|e| code_points(e.span)).collect();
        found.sort_unstable();
        assert_eq!(found, gold_spans(&gold, label.as_str()), "{} spans", label.as_str());
    }
    let pairs = gold["quotes_speakers"].as_array().expect("gold has quotes_speakers");
    assert_eq!(pairs.len(), analysis.quotes.len());
    for pair in pairs {
        let quote = analysis.quotes.iter().find(|q| analysis.slice(q.span) == pair["quote"].as_str().unwrap_or(""));
        let quote = quote.unwrap_or_else(|| panic!("quote {} not found", pair["quote"]));
        assert_eq!(quote.speaker.map(|s| analysis.slice(s)), pair["speaker"].as_str(), "speaker of {}", pair["quote"]);
    }
    // Boilerplate: the whole lines flagged are exactly the lines the gold lists (media labels such as
    // "WATCH:" are flagged as labels, not lines).
    let gold_lines: Vec<&str> =
        gold["boilerplate_lines"].as_array().into_iter().flatten().filter_map(Json::as_str).collect();
    let mut expected = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim();
        if gold_lines.contains(&content) {
            let lead = line.len() - line.trim_start().len();
            expected.push((start + lead, start + lead + content.len()));
        }
        start += line.len();
    }
    let whole_lines: Vec<(usize, usize)> = analysis
        .boilerplate
        .iter()
        .filter(|s| {
            let line_start = text[..s.start].rfind('\n').map_or(0, |p| p + 1);
            let line_end = text[s.end..].find('\n').map_or(text.len(), |p| s.end + p);
            text[line_start..s.start].trim().is_empty() && text[s.end..line_end].trim().is_empty()
        })
        .map(|s| (s.start, s.end))
        .collect();
    assert_eq!(whole_lines, expected, "boilerplate lines");
    assert!(!expected.is_empty());
}

/// Any text made of tricky pieces (numbers, calendar words, quotation marks, currency signs, emoji, line
/// breaks) analyzes without panicking, and every rule span is in bounds and on character boundaries.
#[test]
fn arbitrary_texts_give_spans_in_bounds() {
    const PIECES: &[&str] = &[
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "«",
        "»",
        " ",
        "  ",
        "\n",
        "\n\n",
        ",",
        ".",
        ":",
        "/",
        "-",
        "–",
        "$",
        "€",
        "£",
        "US",
        "$",
        "%",
        "0",
        "1",
        "12",
        "2016",
        "1990s",
        "’90s",
        "3:16",
        "6:30",
        "p.m.",
        "pm",
        "63-7",
        "555-1234",
        "+44",
        "1.5m",
        "3.2",
        "2,000",
        "million",
        "billion",
        "dozens",
        "several",
        "hundred",
        "a",
        "the",
        "at",
        "least",
        "almost",
        "two",
        "twenty-five",
        "five-year",
        "45-year-old",
        "years",
        "ago",
        "later",
        "this",
        "year",
        "month",
        "Monday",
        "February",
        "May",
        "28",
        "28th",
        "of",
        "mid-",
        "early",
        "said",
        "Smith",
        "he",
        "told",
        "according",
        "to",
        "miles",
        "an",
        "hour",
        "km",
        "tonnes",
        "percent",
        "per",
        "cent",
        "rubles",
        "tenge",
        "third",
        "89th",
        "Q3",
        "noon",
        "midnight",
        "shortly",
        "after",
        "local",
        "time",
        "GMT",
        "WATCH:",
        "Read more",
        "Share",
        "😀",
        "é",
        "\u{301}",
        "Feb",
        "2021-02-29",
        "31/12/2021",
        "between",
        "and",
        "half",
        "percentage",
        "point",
        "the",
        "Windows",
        "10",
    ];
    let anchors =
        [None, Some((2021, 3, 3)), Some((1, 1, 1)), Some((9999, 12, 31)), Some((2021, 2, 31)), Some((-5, 0, 0))];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..3000 {
        let len = (next() % 40) as usize;
        let text: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let anchor_date = anchors[round % anchors.len()].and_then(|(y, m, d)| numbers::Ymd::new(y, m, d));
        let options = Options { anchor_date, ..Options::default() };
        let analysis = analyze(&text, &options);
        let ok = |s: marginalia::Span| {
            s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
        };
        for e in &analysis.entities {
            assert!(ok(e.span) && !e.span.is_empty(), "{:?} in {text:?}", e);
        }
        for q in &analysis.quotes {
            assert!(ok(q.span) && q.speaker.is_none_or(ok), "{q:?} in {text:?}");
            assert!(q.speaker_entity.is_none_or(|i| i < analysis.entities.len()));
        }
        assert!(analysis.boilerplate.iter().all(|&s| ok(s)), "boilerplate in {text:?}");
    }
}

/// The CLI's `--anchor` (and a JSONL line's `"anchor"`) resolves relative dates; a bad date is an error.
#[test]
fn cli_anchor_resolves_relative_dates() {
    let run = |args: &[&str], input: &str| {
        let (out, _, ok) = crate::run_cli(args, input);
        (out, ok)
    };
    let last_year = |out: &str| -> Option<String> {
        let json: Json = serde_json::from_str(out.lines().next().unwrap_or("")).ok()?;
        let entity = json["entities"].as_array()?.iter().find(|e| e["text"] == "last year")?.clone();
        entity["value"]["iso"].as_str().map(str::to_owned)
    };
    let (out, ok) = run(&["annotate", "--anchor", "2021-03-03"], "Sales rose last year.");
    assert!(ok);
    assert_eq!(last_year(&out).as_deref(), Some("2020"));
    let (out, ok) = run(&["annotate"], "Sales rose last year.");
    assert!(ok);
    assert_eq!(last_year(&out), None);
    let (_, ok) = run(&["annotate", "--anchor", "2021-02-30"], "Sales rose last year.");
    assert!(!ok);
    let (out, ok) =
        run(&["annotate", "--jsonl"], "{\"id\": 1, \"text\": \"Sales rose last year.\", \"anchor\": \"2015-06-01\"}\n");
    assert!(ok);
    assert_eq!(last_year(&out).as_deref(), Some("2014"));
}
