//! The names tagger: the shipped model's file format, its validation score, and the sample article.

use marginalia::names::{self, Model, ModelError};
use marginalia::{analyze, conll, Label, Options};

/// Validation F1 (percent, full `analyze`) the shipped model reached, less a small margin.
const VALID_F1_FLOOR: f64 = 93.9;

fn shipped() -> &'static Model {
    names::model().expect("models/names.bin loads")
}

#[test]
fn model_round_trips_through_bytes() {
    let bytes = shipped().to_bytes();
    assert_eq!(bytes, names::MODEL_BYTES, "saving the loaded model reproduces the file");
    let reloaded = Model::from_bytes(&bytes).expect("saved bytes load");
    let text = "Angela Merkel met Reuters reporters in Paris on Monday.";
    let tokens = marginalia::tokenize::tokenize(text);
    let sentences = marginalia::sentences::split(text, &tokens);
    assert_eq!(reloaded.tag(text, &tokens, &sentences), shipped().tag(text, &tokens, &sentences));
    assert!(!reloaded.tag(text, &tokens, &sentences).is_empty());
}

#[test]
fn truncated_or_foreign_bytes_are_errors() {
    let bytes = names::MODEL_BYTES;
    let mut cuts: Vec<usize> = (0..64).collect();
    cuts.extend([bytes.len() / 3, bytes.len() / 2, bytes.len() - 100, bytes.len() - 1]);
    for cut in cuts {
        assert!(Model::from_bytes(&bytes[..cut]).is_err(), "a model cut at {cut} bytes is refused");
    }
    assert_eq!(Model::from_bytes(b"GIF89a not a model at all").unwrap_err(), ModelError::NotAModel);
    let mut other_version = bytes.to_vec();
    other_version[8..12].copy_from_slice(&99u32.to_le_bytes());
    assert_eq!(Model::from_bytes(&other_version).unwrap_err(), ModelError::Version(99));
    let mut trailing = bytes.to_vec();
    trailing.push(0);
    assert!(Model::from_bytes(&trailing).is_err());
}

#[test]
fn validation_f1_does_not_regress() {
    let Some(path) = crate::shared_data("data/conll2003/valid.txt") else { return };
    let contents = std::fs::read_to_string(&path).expect("the validation file reads");
    let mut score = conll::Score::default();
    for document in conll::parse(&contents) {
        let (text, _) = document.text();
        let analysis = analyze(&text, &Options::default());
        let predicted: Vec<_> =
            analysis.entities.iter().filter(|e| e.label.is_name()).map(|e| (e.span, e.label)).collect();
        score.add(&predicted, &document.gold_entities());
    }
    let f1 = 100.0 * score.total().f1();
    println!("{}", score.table());
    assert!(f1 >= VALID_F1_FLOOR, "validation F1 {f1:.2} < {VALID_F1_FLOOR}");
    assert!(score.per_label.get(&Label::Per).is_some_and(|c| c.f1() > 0.9));
}

/// A name as `(start, end, label, text)`.
type Name = (usize, usize, String, String);

/// The sample article's gold names (`tests/fixtures/sample/kazakhstan-rallies.gold.json`, code-point
/// offsets) as byte spans, and the names `analyze` finds, as `(start, end, label, text)`.
fn sample_names() -> Option<(Vec<Name>, Vec<Name>)> {
    let (text, gold) = crate::sample_with_gold();
    let byte_at = |cp: usize| text.char_indices().nth(cp).map_or(text.len(), |(b, _)| b);
    let names = ["PER", "ORG", "LOC", "MISC"];
    let gold: Vec<_> = gold["entities"]
        .as_array()?
        .iter()
        .filter(|e| names.contains(&e["label"].as_str().unwrap_or("")))
        .map(|e| {
            let (s, t) =
                (byte_at(e["start"].as_u64().unwrap_or(0) as usize), byte_at(e["end"].as_u64().unwrap_or(0) as usize));
            (s, t, e["label"].as_str().unwrap_or("").to_owned(), text[s..t].to_owned())
        })
        .collect();
    let analysis = analyze(&text, &Options::default());
    let found = analysis
        .entities
        .iter()
        .filter(|e| e.label.is_name())
        .map(|e| (e.span.start, e.span.end, e.label.as_str().to_owned(), analysis.slice(e.span).to_owned()))
        .collect();
    Some((gold, found))
}

/// Every gold name of the sample exact: boundaries and label, and nothing else found.
#[test]
fn sample_article_names_all_exact() {
    let (gold, found) = sample_names().expect("the sample's gold file has entities");
    let missed: Vec<_> = gold.iter().filter(|g| !found.contains(g)).collect();
    let extra: Vec<_> = found.iter().filter(|f| !gold.contains(f)).collect();
    assert!(missed.is_empty() && extra.is_empty(), "missed {missed:?}\nextra {extra:?}");
}

/// Made-up sentences with the names `analyze` must find in them, exactly and nothing else
/// (`tests/fixtures/names/patterns.json`: typographic marks, credit lines, names with digits).
#[test]
fn pattern_table() {
    let rows: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/names/patterns.json")).expect("the table parses");
    let mut failures = Vec::new();
    for row in rows.as_array().expect("an array of rows") {
        let text = row["text"].as_str().expect("text");
        let expected: Vec<(String, String)> = row["names"]
            .as_array()
            .expect("names")
            .iter()
            .map(|n| (n[0].as_str().unwrap_or("").to_owned(), n[1].as_str().unwrap_or("").to_owned()))
            .collect();
        let analysis = analyze(text, &Options::default());
        let found: Vec<(String, String)> = analysis
            .entities
            .iter()
            .filter(|e| e.label.is_name())
            .map(|e| (e.label.as_str().to_owned(), analysis.slice(e.span).to_owned()))
            .collect();
        if found != expected {
            failures.push(format!("{}: {text}\n  expected {expected:?}\n  found    {found:?}", row["pattern"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
