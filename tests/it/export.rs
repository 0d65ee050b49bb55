//! Export formats: golden files for every format on a fixed annotation of a text with emoji, CJK,
//! combining marks and CRLF (`tests/fixtures/export/`); `UPDATE_GOLDEN=1 cargo test` rewrites them.

use std::path::{Path, PathBuf};

use marginalia::export::{self, Format};
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
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
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
            Quote { span: q.span, speaker, speaker_entity }
        })
        .collect();
    Analysis { text, tokens, sentences, entities, quotes, boilerplate: Vec::new(), ..Analysis::default() }
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
