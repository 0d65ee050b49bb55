//! Import: round trips export → import for the importable formats, re-anchoring of W3C annotations,
//! a table of bad files with the exact message each gives (`tests/fixtures/import/errors.txt`), and
//! mangled exports that must give errors, never panics.

use marginalia::export::{self, Format};
use marginalia::import::{self, ImportFormat};
use marginalia::{Analysis, Label, Source, Span};

use crate::export::fixture_analysis;

/// (span, label, source) of every entity, the part every importable format keeps.
fn annotations(entities: &[marginalia::Entity]) -> Vec<(Span, Label, Source)> {
    entities.iter().map(|e| (e.span, e.label, e.source)).collect()
}

fn import_export(analysis: &Analysis, format: Format) -> import::Imported {
    let file = export::export(analysis, format);
    import::import(&file).unwrap_or_else(|e| panic!("{format:?} export does not import: {e}"))
}

#[test]
fn native_json_round_trip_keeps_everything() {
    let analysis = fixture_analysis("article");
    let imported = import_export(&analysis, Format::Json);
    assert_eq!(imported.format, ImportFormat::Json);
    assert_eq!(imported.text, analysis.text);
    assert_eq!(imported.entities, analysis.entities);
    assert_eq!(imported.quotes, analysis.quotes);
}

#[test]
fn w3c_round_trip_keeps_entities_and_speakers() {
    let analysis = fixture_analysis("article");
    let imported = import_export(&analysis, Format::W3c);
    assert_eq!(imported.format, ImportFormat::W3c);
    assert_eq!(imported.text, analysis.text);
    assert_eq!(annotations(&imported.entities), annotations(&analysis.entities));
    assert_eq!(imported.quotes, analysis.quotes);
}

#[test]
fn doccano_round_trip_keeps_entities() {
    let analysis = fixture_analysis("article");
    let imported = import_export(&analysis, Format::Doccano);
    assert_eq!(imported.format, ImportFormat::Doccano);
    assert_eq!(imported.text, analysis.text);
    assert_eq!(annotations(&imported.entities), annotations(&analysis.entities));
}

#[test]
fn conll_export_reads_back_with_the_conll_reader() {
    let analysis = fixture_analysis("article");
    let documents = marginalia::conll::parse(&export::export(&analysis, Format::Conll));
    assert_eq!(documents.len(), 1);
    let (text, _) = documents[0].text();
    let read: Vec<(String, Label)> = documents[0]
        .gold_entities()
        .iter()
        .map(|&(span, label)| (text[span.start..span.end].to_owned(), label))
        .collect();
    // Every entity but QUOTE, its tokens joined by single spaces.
    let expected: Vec<(String, Label)> = analysis
        .entities
        .iter()
        .filter(|e| e.label != Label::Quote)
        .map(|e| {
            let words: Vec<&str> =
                analysis.tokens.iter().filter(|t| t.span.overlaps(e.span)).map(|t| analysis.slice(t.span)).collect();
            (words.join(" "), e.label)
        })
        .collect();
    assert_eq!(read, expected);
    let n_tokens: usize = documents[0].sentences.iter().map(Vec::len).sum();
    assert_eq!(n_tokens, analysis.tokens.len());
}

#[test]
fn w3c_annotations_re_anchor_on_a_changed_text() {
    let analysis = fixture_analysis("article");
    let file = export::export(&analysis, Format::W3c);
    let prefix = "Updated 😀 — Paris, Tokyo:\n";
    let changed = format!("{prefix}{}", analysis.text);
    let imported = import::import_w3c_onto(&file, &changed).unwrap();
    assert_eq!(imported.text, changed);
    let shifted: Vec<(Span, Label)> = analysis
        .entities
        .iter()
        .map(|e| (Span::new(e.span.start + prefix.len(), e.span.end + prefix.len()), e.label))
        .collect();
    let found: Vec<(Span, Label)> = imported.entities.iter().map(|e| (e.span, e.label)).collect();
    assert_eq!(found, shifted);
}

#[test]
fn w3c_positions_in_other_units_are_corrected_by_the_quote() {
    // Positions counted in UTF-16 units (as a JavaScript tool might): the emoji counts two.
    let file = r#"[{"type": "Annotation", "body": {"type": "TextualBody", "value": "PERSON"},
        "target": {"selector": [{"type": "TextQuoteSelector", "exact": "Ann", "prefix": "😀 "},
                                {"type": "TextPositionSelector", "start": 3, "end": 6}]}}]"#;
    let imported = import::import_w3c_onto(file, "😀 Ann and Ann").unwrap();
    assert_eq!(annotations(&imported.entities), vec![(Span::new(5, 8), Label::Per, Source::User)]);
}

#[test]
fn bad_files_give_clear_messages() {
    let table = include_str!("../fixtures/import/errors.txt");
    let mut cases = 0;
    for block in table.split("\n### ").skip(1) {
        let (message, input) = block.split_once('\n').unwrap_or((block, ""));
        let input = input.strip_suffix('\n').unwrap_or(input);
        match import::import(input) {
            Ok(imported) => panic!("{input:?} imported as {imported:?}; expected {message:?}"),
            Err(e) => assert_eq!(e.to_string(), message, "input {input:?}"),
        }
        cases += 1;
    }
    assert!(cases >= 20, "{cases} cases read");
}

/// Every number in `json` replaced, one at a time, by each of `variants`.
fn number_mutations(json: &serde_json::Value, variants: &[serde_json::Value]) -> Vec<serde_json::Value> {
    fn walk(value: &mut serde_json::Value, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        match value {
            serde_json::Value::Number(_) => out.push(path.clone()),
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    path.push(i);
                    walk(item, path, out);
                    path.pop();
                }
            }
            serde_json::Value::Object(map) => {
                for (i, (_, item)) in map.iter_mut().enumerate() {
                    path.push(i);
                    walk(item, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    fn at<'a>(value: &'a mut serde_json::Value, path: &[usize]) -> &'a mut serde_json::Value {
        match path.split_first() {
            None => value,
            Some((&i, rest)) => match value {
                serde_json::Value::Array(items) => at(&mut items[i], rest),
                serde_json::Value::Object(map) => at(map.values_mut().nth(i).unwrap(), rest),
                _ => unreachable!(),
            },
        }
    }
    let mut paths = Vec::new();
    walk(&mut json.clone(), &mut Vec::new(), &mut paths);
    let mut out = Vec::new();
    for path in paths {
        for variant in variants {
            let mut mutated = json.clone();
            *at(&mut mutated, &path) = variant.clone();
            out.push(mutated);
        }
    }
    out
}

#[test]
fn mangled_exports_never_panic() {
    let analysis = fixture_analysis("article");
    let variants: Vec<serde_json::Value> = ["0", "-1", "1.5", "1e300", "18446744073709551615", "7", "null", "\"3\""]
        .iter()
        .map(|v| serde_json::from_str(v).unwrap())
        .collect();
    let mut errors = 0;
    for format in [Format::Json, Format::W3c, Format::Doccano] {
        let file = export::export(&analysis, format);
        // Cut short at many places.
        for (i, _) in file.char_indices().step_by(11) {
            errors += usize::from(import::import(&file[..i]).is_err());
        }
        // Every number changed, one at a time.
        let json: serde_json::Value = serde_json::from_str(file.trim_end()).unwrap();
        for mutated in number_mutations(&json, &variants) {
            if let Ok(imported) = import::import(&mutated.to_string()) {
                for e in &imported.entities {
                    assert!(e.span.start < e.span.end && imported.text.get(e.span.start..e.span.end).is_some());
                }
            }
        }
    }
    assert!(errors > 100);
}
