//! Page furniture: the table `tests/fixtures/boilerplate/furniture.json`, one row per kind of furniture
//! (`{"kind", "text", "furniture": [flagged text, …]}`, an empty list for a negative), run through the
//! whole pipeline: the flagged spans must be exactly those, and no key sentence may hold any of them.

use marginalia::{analyze, Options};
use serde_json::Value as Json;

#[test]
fn furniture_table() {
    let table: Json =
        serde_json::from_str(include_str!("../fixtures/boilerplate/furniture.json")).expect("the table is JSON");
    let rows = table.as_array().expect("the table is an array of rows");
    assert!(rows.len() >= 25, "{} rows", rows.len());
    let mut failures = Vec::new();
    for row in rows {
        let kind = row["kind"].as_str().expect("every row has a kind");
        let text = row["text"].as_str().expect("every row has a text");
        let want: Vec<&str> =
            row["furniture"].as_array().expect("furniture is a list").iter().filter_map(Json::as_str).collect();
        let analysis = analyze(text, &Options { summary_sentences: 5, ..Options::default() });
        let got: Vec<&str> = analysis.boilerplate.iter().map(|s| analysis.slice(*s)).collect();
        if got != want {
            failures.push(format!("{kind}: expected {want:?}, found {got:?}"));
        }
        for &k in &analysis.summary.key_sentences {
            let sentence = analysis.sentences[k].span;
            if analysis.boilerplate.iter().any(|b| b.overlaps(sentence)) {
                failures.push(format!("{kind}: key sentence {:?} holds furniture", analysis.slice(sentence)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn names_inside_a_caption_are_still_names() {
    let text = "The summit opened in Brussels. Angela Merkel (left) arrives with Emmanuel Macron on Tuesday.";
    let analysis = analyze(text, &Options::default());
    let caption = analysis.boilerplate.iter().find(|b| analysis.slice(**b).starts_with("Angela Merkel"));
    assert!(caption.is_some(), "the caption is furniture: {:?}", analysis.boilerplate);
    let names: Vec<&str> =
        analysis.entities.iter().filter(|e| e.label.is_name()).map(|e| analysis.slice(e.span)).collect();
    assert!(names.contains(&"Angela Merkel") && names.contains(&"Emmanuel Macron"), "{names:?}");
}
