//! Quote attribution: the table `tests/fixtures/quotes/attribution.json`, run through `analyze`.
//!
//! Each row is `{"pattern", "text", "quotes": [{"quote", "mention", "speaker", "cue"?}]}`: `quotes` lists
//! every quote found in the text, in order (an empty list is a negative example: titles, nicknames,
//! scare quotes); `mention` is the speaker as written (`Quote::mention`), `speaker` the speaker it
//! refers to (`Quote::speaker`: the person's name when the text names them; `null`: none), `cue`, when
//! given, the cue's words.

use marginalia::{analyze, Options};
use serde_json::Value as Json;

/// Runs one row; returns the differences found, as readable lines.
fn check(row: &Json) -> Vec<String> {
    let text = row["text"].as_str().expect("every row has a text");
    let analysis = analyze(text, &Options::default());
    let want = row["quotes"].as_array().expect("every row has a list of quotes");
    let got: Vec<&str> = analysis.quotes.iter().map(|q| analysis.slice(q.span)).collect();
    let want_quotes: Vec<&str> = want.iter().map(|w| w["quote"].as_str().unwrap_or("")).collect();
    if got != want_quotes {
        return vec![format!("quotes: expected {want_quotes:?}, found {got:?}")];
    }
    let mut problems = Vec::new();
    for (q, w) in analysis.quotes.iter().zip(want) {
        let fields = [("mention", q.mention), ("speaker", q.speaker), ("cue", q.cue)];
        for (field, span) in fields {
            let Some(expected) = w.get(field) else { continue };
            let actual = span.map(|s| analysis.slice(s));
            if expected.as_str() != actual {
                problems
                    .push(format!("{field} of {:?}: expected {expected}, found {actual:?}", analysis.slice(q.span)));
            }
        }
        // A speaker entity is the speaker's own span, and a named speaker has one.
        if let Some(e) = q.speaker_entity {
            if analysis.entities.get(e).map(|e| e.span) != q.speaker {
                problems.push(format!("speaker entity of {:?} is not its speaker", analysis.slice(q.span)));
            }
        }
    }
    problems
}

#[test]
fn attribution_table() {
    let table: Json =
        serde_json::from_str(include_str!("../fixtures/quotes/attribution.json")).expect("the table is JSON");
    let rows = table.as_array().expect("the table is an array of rows");
    let mut failures = Vec::new();
    for row in rows {
        let problems = check(row);
        if !problems.is_empty() {
            failures.push(format!(
                "{} {:?}\n    {}",
                row["pattern"],
                row["text"].as_str().unwrap_or(""),
                problems.join("\n    ")
            ));
        }
    }
    println!("attribution table: {}/{} rows pass", rows.len() - failures.len(), rows.len());
    assert!(rows.len() >= 60, "the table has {} rows", rows.len());
    let negatives = rows.iter().filter(|r| r["quotes"].as_array().is_some_and(Vec::is_empty)).count();
    assert!(negatives >= 8, "the table has {negatives} negative rows");
    assert!(failures.is_empty(), "{} of {} rows fail:\n{}", failures.len(), rows.len(), failures.join("\n"));
}
