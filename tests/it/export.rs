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
        entity.value = fields.get(3).map(|v| Value::from(serde_json::from_str::<export::json::ValueJson>(v).unwrap()));
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
        panic!(
            "{} differs from the export (first difference on line {line}); UPDATE_GOLDEN=1 rewrites it",
            path.display()
        );
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
    // --output writes the brat files: the .ann, the .txt and annotation.conf beside them.
    let base = dir.join("article");
    let (_, err, ok) = crate::run_cli(
        &["export", "--import", "--format", "brat", "--output", base.to_str().unwrap(), native.to_str().unwrap()],
        "",
    );
    assert!(ok, "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("article.ann")).unwrap(), export::export(&analysis, Format::Brat));
    assert_eq!(std::fs::read_to_string(dir.join("article.txt")).unwrap(), analysis.text);
    assert_eq!(std::fs::read_to_string(dir.join("annotation.conf")).unwrap(), export::brat::annotation_conf());
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
                Format::Json
                | Format::W3c
                | Format::LabelStudio
                | Format::Spacy
                | Format::SpacyTraining
                | Format::Doccano => {
                    assert!(serde_json::from_str::<serde_json::Value>(content).is_ok(), "{format:?} of {text:?}");
                }
                Format::Brat => assert_eq!(files.len(), 3),
                Format::Conll => assert!(content.starts_with("-DOCSTART- -X- -X- O\n")),
                Format::ConllSpacy => assert!(content.starts_with("-DOCSTART- -X- O O\n")),
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

#[test]
fn w3c_page_has_an_id_and_the_context_defines_the_embedded_document() {
    let analysis = fixture_analysis("article");
    let value: serde_json::Value = serde_json::from_str(&export::export(&analysis, Format::W3c)).unwrap();
    let page_id = value["first"]["id"].as_str().unwrap_or_default();
    assert!(page_id.starts_with("urn:marginalia:text:") && page_id != value["id"], "{page_id}");
    // The Web Annotation context first, then the one term it lacks.
    assert_eq!(value["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(value["@context"][1]["document"], "urn:marginalia:vocab:document");
    assert_eq!(value["document"]["value"], analysis.text.as_str());
}

#[test]
fn label_studio_puts_machine_output_in_predictions_and_edits_in_annotations() {
    let mut analysis = fixture_analysis("article");
    let parse = |analysis: &Analysis| -> serde_json::Value {
        serde_json::from_str(&export::export(analysis, Format::LabelStudio)).unwrap()
    };
    // Nobody edited: suggestions only, no annotation.
    analysis.entities.retain(|e| e.source != Source::User);
    let machine_count = analysis.entities.len();
    let task = &parse(&analysis)[0];
    assert_eq!(task["annotations"].as_array().map(Vec::len), Some(0), "{task}");
    assert_eq!(task["predictions"][0]["model_version"], concat!("marginalia-", env!("CARGO_PKG_VERSION")));
    let regions = |v: &serde_json::Value| v.as_array().unwrap().iter().filter(|r| r["type"] == "labels").count();
    assert_eq!(regions(&task["predictions"][0]["result"]), machine_count);
    // A person's mark: the annotation holds the document as they left it; predictions stay the machine's.
    analysis.entities.push(Entity::new(Span::new(0, 3), Label::Misc, Source::User));
    let task = &parse(&analysis)[0];
    assert_eq!(regions(&task["predictions"][0]["result"]), machine_count);
    assert_eq!(regions(&task["annotations"][0]["result"]), machine_count + 1);
    assert!(task["annotations"][0]["result"].as_array().unwrap().iter().any(|r| r["origin"] == "manual"));
}

#[test]
fn conll_has_a_document_line_for_each_reader() {
    let analysis = fixture_analysis("article");
    let plain = export::export(&analysis, Format::Conll);
    let spacy = export::export(&analysis, Format::ConllSpacy);
    assert_eq!(plain.lines().next(), Some("-DOCSTART- -X- -X- O"));
    assert_eq!(spacy.lines().next(), Some("-DOCSTART- -X- O O"));
    // Everything after the document line is the same.
    assert_eq!(plain.split_once('\n').map(|p| p.1), spacy.split_once('\n').map(|p| p.1));
}

#[test]
fn spacy_ents_do_not_overlap_and_every_entity_is_in_the_span_group() {
    let analysis = marginalia::analyze(
        "\"Germany paid 25,000 Swiss francs,\" Angela Merkel said in Berlin on Monday.",
        &marginalia::Options::default(),
    );
    let value: serde_json::Value = serde_json::from_str(&export::export(&analysis, Format::Spacy)).unwrap();
    let ents = value["ents"].as_array().unwrap();
    let spans = value["spans"]["sc"].as_array().unwrap();
    assert_eq!(spans.len(), analysis.entities.len());
    assert!(spans.iter().any(|s| s["label"] == "QUOTE") && ents.iter().all(|e| e["label"] != "QUOTE"), "{value}");
    for pair in ents.windows(2) {
        assert!(pair[0]["end"].as_u64() <= pair[1]["start"].as_u64(), "overlap: {pair:?}");
    }
    // The money amount keeps the place name nested in it only in the span group.
    assert!(ents.iter().any(|e| e["label"] == "MONEY"), "{ents:?}");
    assert!(spans.iter().any(|s| s["label"] == "MISC"), "{spans:?}");
    assert!(ents.iter().all(|e| e["label"] != "MISC"), "{ents:?}");
}

#[test]
fn spacy_training_tokens_spell_the_text_and_tag_the_flat_layer() {
    for text in ["Angela Merkel visited Paris.\n\n  It rained   in Berlin on 3 May.", "", "  ", "Tokyo 😀 東京\r\n"]
    {
        let analysis = marginalia::analyze(text, &marginalia::Options::default());
        let value: serde_json::Value = serde_json::from_str(&export::export(&analysis, Format::SpacyTraining)).unwrap();
        let paragraph = &value[0]["paragraphs"][0];
        assert_eq!(paragraph["raw"], text);
        let tokens: Vec<&serde_json::Value> =
            paragraph["sentences"].as_array().unwrap().iter().flat_map(|s| s["tokens"].as_array().unwrap()).collect();
        let spelled: String =
            tokens.iter().map(|t| format!("{}{}", t["orth"].as_str().unwrap(), t["space"].as_str().unwrap())).collect();
        assert_eq!(spelled, text);
        let tags: Vec<&str> = tokens.iter().map(|t| t["ner"].as_str().unwrap()).collect();
        let starts = tags.iter().filter(|t| t.starts_with("B-") || t.starts_with("U-")).count();
        assert_eq!(starts, marginalia::export::spacy::flat_layer(&analysis).len(), "{text:?}: {tags:?}");
        // BILUO: every B- is closed by an L- of the same label, with only I- between.
        let mut open: Option<&str> = None;
        for tag in &tags {
            match (tag.split_once('-'), open) {
                (Some(("B", l)), None) => open = Some(l),
                (Some(("I", l)), Some(o)) => assert_eq!(l, o),
                (Some(("L", l)), Some(o)) => {
                    assert_eq!(l, o);
                    open = None;
                }
                (Some(("U", _)), None) | (None, None) => {}
                _ => panic!("{text:?}: bad BILUO sequence {tags:?}"),
            }
        }
        assert!(open.is_none(), "{tags:?}");
    }
}

/// Loads the spaCy exports with spaCy itself, when `MARGINALIA_INTEROP=1` and a Python with spaCy is
/// named by `MARGINALIA_PYTHON` (default `python3`): `doc.ents` and a span group from `spacy`, and
/// `spacy convert -c json` of `spacy-training` into a DocBin with the same entities.
#[test]
fn spacy_reads_the_exports() {
    if std::env::var_os("MARGINALIA_INTEROP").is_none() {
        println!("skipped: set MARGINALIA_INTEROP=1 (and MARGINALIA_PYTHON) to load the exports with spaCy");
        return;
    }
    let analysis = fixture_analysis("article");
    let dir = std::env::temp_dir().join(format!("marginalia-spacy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("doc.spacy.json"), export::export(&analysis, Format::Spacy)).unwrap();
    std::fs::write(dir.join("doc.json"), export::export(&analysis, Format::SpacyTraining)).unwrap();
    let python = std::env::var("MARGINALIA_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop/spacy_reads.py");
    let out = std::process::Command::new(python).arg(script).arg(&dir).output().expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success());
    let flat = marginalia::export::spacy::flat_layer(&analysis).len();
    assert!(stdout.contains(&format!("ents {flat}")) && stdout.contains(&format!("docbin ents {flat}")), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A relation line of a brat `annotation.conf`: `(type, arg1 types, arg2 types, overlap kinds)`.
type BratRelation = (String, Vec<String>, Vec<String>, Vec<String>);

/// The sections of a brat `annotation.conf`: entity types, and relation lines.
fn brat_conf(conf: &str) -> (Vec<String>, Vec<BratRelation>) {
    let (mut section, mut entities, mut relations) = ("", Vec::new(), Vec::new());
    for line in conf.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if line.starts_with('[') {
            section = line;
            continue;
        }
        match section {
            "[entities]" => entities.push(line.to_owned()),
            "[relations]" => {
                let (kind, args) = line.split_once('\t').expect("a relation line is type TAB arguments");
                let mut parts = [Vec::new(), Vec::new(), Vec::new()];
                for arg in args.split(", ") {
                    let (role, types) = arg.split_once(':').expect("an argument is role:types");
                    let slot = match role {
                        "Arg1" => 0,
                        "Arg2" => 1,
                        "<OVL-TYPE>" => 2,
                        other => panic!("unknown argument role {other}"),
                    };
                    parts[slot] = types.split('|').map(str::to_owned).collect();
                }
                let [a, b, o] = parts;
                relations.push((kind.to_owned(), a, b, o));
            }
            _ => {}
        }
    }
    (entities, relations)
}

/// What brat's verifier checks of an `.ann` against `annotation.conf`, for an article whose names nest in
/// a quote and an amount: every text-bound type is declared, every `Speaker` relation's arguments have
/// allowed types, and every pair of overlapping text-bound annotations is allowed by an `<OVERLAP>` rule
/// (brat's "QUOTE cannot contain PER" without one).
#[test]
fn brat_annotation_conf_accepts_every_export() {
    let text = "Anna Berg, the mayor of Leeds, spoke on Monday.\n\n\"We met Tom Jones in Paris and paid \
                25,000 Swiss francs,\" Berg said.\n";
    let analysis = marginalia::analyze(text, &marginalia::Options::default());
    let (entities, relations) = brat_conf(&export::brat::annotation_conf());
    let allows = |types: &[String], t: &str| types.iter().any(|x| x == t || x == "<ENTITY>" || x == "<ANY>");
    let ann = export::export(&analysis, Format::Brat);
    let mut spans: std::collections::HashMap<String, (String, usize, usize)> = Default::default();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (kind, offsets) = fields[1].split_once(' ').unwrap();
        assert!(entities.iter().any(|e| e == kind), "{kind} is not declared in annotation.conf");
        let numbers: Vec<usize> = offsets.split([' ', ';']).map(|n| n.parse().unwrap()).collect();
        spans.insert(fields[0].to_owned(), (kind.to_owned(), numbers[0], *numbers.last().unwrap()));
    }
    for line in ann.lines().filter(|l| l.starts_with('R')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let mut words = fields[1].split(' ');
        let kind = words.next().unwrap();
        let arg = |w: Option<&str>| spans[w.unwrap().split_once(':').unwrap().1].0.clone();
        let (a, b) = (arg(words.next()), arg(words.next()));
        assert!(
            relations.iter().any(|(k, x, y, _)| k == kind && allows(x, &a) && allows(y, &b)),
            "{kind} {a} -> {b} is not allowed by annotation.conf"
        );
    }
    let overlap = relations.iter().find(|(k, ..)| k == "<OVERLAP>").expect("an <OVERLAP> rule");
    let all: Vec<_> = spans.values().collect();
    let mut nested = 0;
    for (i, x) in all.iter().enumerate() {
        for y in &all[i + 1..] {
            if x.1 < y.2 && y.1 < x.2 {
                nested += 1;
                assert!(allows(&overlap.1, &x.0) && allows(&overlap.2, &y.0), "{} overlapping {}", x.0, y.0);
                assert!(overlap.3.iter().any(|o| o == "<ANY>" || o == "contain" || o == "equal"));
            }
        }
    }
    assert!(nested > 0, "the fixture has nested entities, so the overlap rule is exercised");
}

/// The checks of the W3C Web Annotation test suite (web-platform-tests `annotation-model`, its
/// `definitions/collections.json` and `annotations.json`) that apply to the export, MUST and SHOULD: the
/// collection's context, id, type, label, total and first page; the page's id, type, `partOf`,
/// `startIndex` and items; each annotation's id, type, motivation, target and body, and the selectors.
#[test]
fn w3c_export_meets_the_test_suite_checks() {
    let text = "Anna Berg met Tom Jones in Paris on Monday.\n\n\"It went well,\" Berg said.\n";
    let analysis = marginalia::analyze(text, &marginalia::Options::default());
    let value: serde_json::Value = serde_json::from_str(&export::export(&analysis, Format::W3c)).unwrap();
    let is_uri = |v: &serde_json::Value| v.as_str().is_some_and(|s| s.contains(':') && !s.contains(' '));
    assert!(value["@context"].as_array().unwrap().contains(&"http://www.w3.org/ns/anno.jsonld".into()));
    assert!(is_uri(&value["id"]), "collection id");
    assert_eq!(value["type"], "AnnotationCollection");
    assert!(value["label"].is_string(), "collection label (SHOULD)");
    let total = value["total"].as_u64().expect("total is a non-negative integer");
    let page = &value["first"];
    assert!(total > 0 && page.is_object(), "first is required when total > 0");
    assert_eq!(page["type"], "AnnotationPage");
    assert!(is_uri(&page["id"]), "page id");
    assert_eq!(page["partOf"], value["id"], "the page is part of the collection (SHOULD)");
    assert_eq!(value["last"], page["id"]);
    assert_eq!(page["startIndex"], 0);
    let items = page["items"].as_array().expect("items");
    assert_eq!(items.len() as u64, total);
    let motivations = [
        "assessing",
        "bookmarking",
        "classifying",
        "commenting",
        "describing",
        "editing",
        "highlighting",
        "identifying",
        "linking",
        "moderating",
        "questioning",
        "replying",
        "tagging",
    ];
    let mut ids = std::collections::HashSet::new();
    for item in items {
        assert!(is_uri(&item["id"]) && ids.insert(item["id"].as_str().unwrap()), "unique annotation id");
        assert_eq!(item["type"], "Annotation");
        assert!(motivations.contains(&item["motivation"].as_str().unwrap()), "{item}");
        let target = &item["target"];
        assert!(is_uri(target) || is_uri(&target["source"]), "target is a URI or has a source: {item}");
        for selector in target["selector"].as_array().into_iter().flatten() {
            match selector["type"].as_str().unwrap() {
                "TextPositionSelector" => {
                    let (start, end) = (selector["start"].as_u64().unwrap(), selector["end"].as_u64().unwrap());
                    assert!(start <= end, "{selector}");
                }
                "TextQuoteSelector" => assert!(selector["exact"].is_string(), "{selector}"),
                other => panic!("unexpected selector {other}"),
            }
        }
        let body = &item["body"];
        match body["type"].as_str() {
            Some("TextualBody") => assert!(body["value"].is_string(), "{body}"),
            Some("SpecificResource") => assert!(is_uri(&body["source"]), "{body}"),
            Some(other) => panic!("unexpected body type {other}"),
            None => assert!(is_uri(body), "a body is an object or a URI: {body}"),
        }
        for agent in ["creator", "generator"] {
            if let Some(a) = item.get(agent) {
                assert!(
                    is_uri(&a["id"]) && ["Person", "Software", "Organization"].contains(&a["type"].as_str().unwrap())
                );
            }
        }
    }
}
