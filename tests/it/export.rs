//! Export formats: golden files for every format on a fixed annotation of a text with emoji, CJK,
//! combining marks and CRLF (`tests/fixtures/export/`); `UPDATE_GOLDEN=1 cargo test` rewrites them.

use std::path::{Path, PathBuf};

use marginalia::export::{self, Format};
use marginalia::groups::Group;
use marginalia::{Analysis, Entity, Label, Quote, Source, Span, Value};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export")
}

/// `\r`, `\n` and `\u{hex}` escapes of the entity table.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(r) = rest.strip_prefix("\\r") {
            out.push('\r');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("\\n") {
            out.push('\n');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("\\u{") {
            let close = r.find('}').expect("closing brace of \\u{…}");
            out.push(char::from_u32(u32::from_str_radix(&r[..close], 16).unwrap()).unwrap());
            rest = &r[close + 1..];
        } else {
            out.push('\\');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The byte span of `surface[@n]` in `text`.
fn find(text: &str, surface: &str) -> Span {
    let (surface, n) = match surface.rsplit_once('@') {
        Some((s, n)) => (s, n.parse::<usize>().expect("occurrence number")),
        None => (surface, 1),
    };
    let surface = unescape(surface);
    let start = text.match_indices(&surface).nth(n - 1).unwrap_or_else(|| panic!("{surface:?} #{n} not in text")).0;
    Span::new(start, start + surface.len())
}

/// Text plus the fixed entity table, with tokens and sentences from the tokenizer and splitter.
pub fn fixture_analysis(name: &str) -> Analysis {
    let text = std::fs::read_to_string(fixtures().join(format!("{name}.txt"))).unwrap();
    let table = std::fs::read_to_string(fixtures().join(format!("{name}.entities"))).unwrap();
    let tokens = marginalia::tokenize::tokenize(&text);
    let sentences = marginalia::sentences::split(&text, &tokens);
    let mut entities = Vec::new();
    let mut speakers = Vec::new();
    let mut groups = Vec::new();
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields[0] == "group" {
            groups.push((Label::parse(fields[1]).unwrap(), fields[2].parse::<f64>().unwrap(), fields[3], fields[4]));
            continue;
        }
        if fields[0] == "speaker" {
            speakers.push((find(&text, fields[1]), find(&text, fields[2])));
            continue;
        }
        let label = Label::parse(fields[0]).unwrap_or_else(|| panic!("label {}", fields[0]));
        let source = match fields[1] {
            "model" => Source::Model,
            "rule" => Source::Rule,
            "user" => Source::User,
            other => panic!("source {other}"),
        };
        let mut entity = Entity::new(find(&text, fields[2]), label, source);
        entity.value = fields.get(3).map(|v| serde_json::from_str::<Value>(v).unwrap());
        entities.push(entity);
    }
    marginalia::merge::sort(&mut entities);
    let quotes = entities
        .iter()
        .filter(|e| e.label == Label::Quote)
        .map(|q| {
            let speaker = speakers.iter().find(|(quote, _)| *quote == q.span).map(|&(_, s)| s);
            let speaker_entity =
                speaker.and_then(|s| entities.iter().position(|e| e.span == s && e.label != Label::Quote));
            Quote { span: q.span, speaker, speaker_entity, ..Quote::default() }
        })
        .collect();
    let groups = groups
        .into_iter()
        .map(|(label, salience, canonical, mentions)| {
            let mentions = mentions
                .split(", ")
                .map(|m| {
                    let span = find(&text, m);
                    entities.iter().position(|e| e.span == span).unwrap_or_else(|| panic!("group mention {m}"))
                })
                .collect();
            Group { canonical: unescape(canonical), label, mentions, salience }
        })
        .collect();
    Analysis { text, tokens, sentences, entities, quotes, groups, ..Analysis::default() }
}

/// Compares `actual` with the golden file, or rewrites it when `UPDATE_GOLDEN` is set.
pub fn check_golden(name: &str, actual: &str) {
    let path = fixtures().join("golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing golden file {}; run with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0) + 1;
        panic!("{} differs from the export (first difference on line {line}); UPDATE_GOLDEN=1 rewrites it", path.display());
    }
}

#[test]
fn every_format_matches_its_golden_files() {
    let analysis = fixture_analysis("article");
    for format in Format::ALL {
        let files = export::export_files(&analysis, format);
        assert_eq!(files[0].content, export::export(&analysis, format), "{format:?}");
        for file in files {
            check_golden(&format!("article{}", file.suffix), &file.content);
        }
    }
}

#[test]
fn format_names_parse_back() {
    for format in Format::ALL {
        assert_eq!(Format::parse(format.name()), Some(format));
    }
    assert_eq!(Format::parse("docx"), None);
}

#[test]
fn html_report_escapes_the_text_and_has_no_script() {
    let analysis = fixture_analysis("article");
    let html = export::export(&analysis, Format::Html);
    assert!(html.contains("&lt;b&gt;&amp;&lt;/b&gt;"));
    assert!(!html.contains("<b>") && !html.to_ascii_lowercase().contains("<script"));
    assert_eq!(html.matches("<mark ").count(), html.matches("</mark>").count());
}

#[test]
fn crossing_entities_give_well_formed_html() {
    let text = "one two three four".to_owned();
    let entities = vec![
        Entity::new(Span::new(0, 7), Label::Misc, Source::User),
        Entity::new(Span::new(4, 13), Label::Quote, Source::Rule),
    ];
    let analysis = Analysis { text, entities, ..Analysis::default() };
    let html = export::export(&analysis, Format::Html);
    let article = &html[html.find("<article>").unwrap()..html.find("</article>").unwrap()];
    let mut depth = 0i32;
    for piece in article.split('<').skip(1) {
        if piece.starts_with("mark ") {
            depth += 1;
        } else if piece.starts_with("/mark>") {
            depth -= 1;
            assert!(depth >= 0);
        }
    }
    assert_eq!(depth, 0);
    assert_eq!(article.matches("<mark ").count(), 3, "{article}");
}


#[test]
fn cli_exports_every_format_and_converts_imports() {
    let text = "Angela Merkel visited Paris in 2019.";
    for format in Format::ALL {
        let (out, err, ok) = crate::run_cli(&["export", "--format", format.name()], text);
        assert!(ok && !out.trim().is_empty(), "{format:?}: {err}");
    }
    // A native file converted to CoNLL keeps the file's entities, not a new analysis's.
    let analysis = fixture_analysis("article");
    let dir = std::env::temp_dir().join(format!("marginalia-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let native = dir.join("article.json");
    std::fs::write(&native, export::export(&analysis, Format::Json)).unwrap();
    let (out, err, ok) = crate::run_cli(&["export", "--import", "--format", "conll", native.to_str().unwrap()], "");
    assert!(ok, "{err}");
    assert_eq!(out, export::export(&analysis, Format::Conll));
    // --output writes both brat files.
    let base = dir.join("article");
    let (_, err, ok) = crate::run_cli(&["export", "--import", "--format", "brat", "--output", base.to_str().unwrap(), native.to_str().unwrap()], "");
    assert!(ok, "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("article.ann")).unwrap(), export::export(&analysis, Format::Brat));
    assert_eq!(std::fs::read_to_string(dir.join("article.txt")).unwrap(), analysis.text);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_names_what_is_wrong() {
    let (_, err, ok) = crate::run_cli(&["export", "--format", "docx"], "x");
    assert!(!ok && err.contains("unknown format \"docx\"") && err.contains("label-studio"), "{err}");
    let (_, err, ok) = crate::run_cli(&["export", "--import", "--format", "csv"], "{\"schema\": \"marginalia/9\"}");
    assert!(!ok && err.contains("schema \"marginalia/9\" is not supported"), "{err}");
}

#[test]
fn every_format_exports_any_analysis() {
    let sample = crate::sample::sample_text().unwrap_or_default();
    let texts = ["", " ", "\r\n\r\n", "\"", "“unclosed", "a\u{301}\u{301}", "😀😀 😀", "&<>\"'", &sample];
    for text in texts {
        let analysis = marginalia::analyze(text, &marginalia::Options::default());
        for format in Format::ALL {
            let files = export::export_files(&analysis, format);
            let content = &files[0].content;
            match format {
                Format::Json | Format::W3c | Format::LabelStudio | Format::Spacy | Format::Doccano => {
                    assert!(serde_json::from_str::<serde_json::Value>(content).is_ok(), "{format:?} of {text:?}");
                }
                Format::Brat => assert_eq!(files.len(), 2),
                Format::Conll => assert!(content.starts_with("-DOCSTART-")),
                Format::Csv => assert!(content.starts_with("label,text,start,end,sentence,source,group\r\n")),
                _ => assert!(content.starts_with("<!DOCTYPE html>")),
            }
        }
        // The importable formats give back the analysis's entities.
        for format in [Format::Json, Format::W3c, Format::Doccano] {
            let imported = marginalia::import::import(&export::export(&analysis, format));
            let imported = imported.unwrap_or_else(|e| panic!("{format:?} of {text:?}: {e}"));
            let pairs = |entities: &[Entity]| entities.iter().map(|e| (e.span, e.label, e.source)).collect::<Vec<_>>();
            assert_eq!(pairs(&imported.entities), pairs(&analysis.entities), "{format:?} of {text:?}");
        }
    }
}
