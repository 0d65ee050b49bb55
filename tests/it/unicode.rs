//! The Unicode torture fixture (`tests/fixtures/unicode/torture.txt`: ZWJ emoji sequences, flags, CJK,
//! Arabic and Hebrew with direction marks, combining marks, NBSP and other odd spaces, zero-width
//! characters, tabs, CRLF and lone CR): analyzed, its analysis checked like the property tests, and every
//! offset of every export format checked against the text by counting code points and UTF-16 units
//! directly (independently of `offsets`).

use marginalia::export::{self, Format};
use marginalia::{analyze, Analysis, Options, Span};
use serde_json::Value as Json;

use crate::properties::{check_analysis, check_offsets, check_round_trips};

fn torture() -> Analysis {
    let text = include_str!("../fixtures/unicode/torture.txt");
    analyze(text, &Options::default())
}

/// Code points of the text, for slicing by code-point offsets.
struct Chars(Vec<char>);

impl Chars {
    fn slice(&self, start: u64, end: u64) -> String {
        let (start, end) = (start as usize, end as usize);
        assert!(start <= end && end <= self.0.len(), "code points {start}..{end} outside 0..{}", self.0.len());
        self.0[start..end].iter().collect()
    }
}

/// The text's UTF-16 units `start..end`, decoded.
fn utf16_slice(text: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let (start, end) = (start as usize, end as usize);
    assert!(start <= end && end <= units.len(), "UTF-16 units {start}..{end} outside 0..{}", units.len());
    String::from_utf16(&units[start..end]).unwrap_or_else(|_| panic!("UTF-16 {start}..{end} splits a surrogate pair"))
}

fn n(json: &Json, field: &str) -> u64 {
    json[field].as_u64().unwrap_or_else(|| panic!("no number {field:?} in {json}"))
}

/// (code points, UTF-16 units) before byte `b`, by counting.
fn counted(text: &str, b: usize) -> (u64, u64) {
    (text[..b].chars().count() as u64, text[..b].encode_utf16().count() as u64)
}

/// A `start`/`end`/`start_utf16`/`end_utf16` range of the native JSON against the byte span it stands for.
fn check_range(text: &str, range: &Json, span: Span, what: &str) {
    let (start, start_utf16) = counted(text, span.start);
    let (end, end_utf16) = counted(text, span.end);
    assert_eq!((n(range, "start"), n(range, "end")), (start, end), "{what}: code points");
    if range.get("start_utf16").is_some() {
        assert_eq!((n(range, "start_utf16"), n(range, "end_utf16")), (start_utf16, end_utf16), "{what}: UTF-16");
        assert_eq!(utf16_slice(text, start_utf16, end_utf16), text[span.start..span.end], "{what}: UTF-16 slice");
    }
}

#[test]
fn torture_text_analyzes_into_valid_spans() {
    let analysis = torture();
    check_analysis(&analysis).unwrap();
    check_offsets(&analysis.text).unwrap();
    check_round_trips(&analysis).unwrap();
    // The fixture must exercise what it is for: entities after characters that take several bytes and
    // several UTF-16 units, so the three offset units disagree.
    let text = analysis.text.as_str();
    let diverging = analysis
        .entities
        .iter()
        .filter(|e| {
            let (chars, utf16) = counted(text, e.span.start);
            chars as usize != e.span.start && chars != utf16
        })
        .count();
    assert!(diverging >= 10, "only {diverging} entities where bytes, code points and UTF-16 differ");
    assert!(analysis.sentences.len() >= 10, "{} sentences", analysis.sentences.len());
}

#[test]
fn native_json_offsets_match_the_text() {
    let analysis = torture();
    let text = analysis.text.as_str();
    let chars = Chars(text.chars().collect());
    let json: Json = serde_json::from_str(&export::export(&analysis, Format::Json)).unwrap();
    assert_eq!(json["text"], text);
    let entities = json["entities"].as_array().unwrap();
    assert_eq!(entities.len(), analysis.entities.len());
    for (i, (out, entity)) in entities.iter().zip(&analysis.entities).enumerate() {
        check_range(text, out, entity.span, &format!("entity {i}"));
        assert_eq!(chars.slice(n(out, "start"), n(out, "end")), out["text"].as_str().unwrap(), "entity {i} text");
    }
    let sentences = json["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), analysis.sentences.len());
    for (i, (out, sentence)) in sentences.iter().zip(&analysis.sentences).enumerate() {
        check_range(text, out, sentence.span, &format!("sentence {i}"));
    }
    let boilerplate = json["boilerplate"].as_array().unwrap();
    assert_eq!(boilerplate.len(), analysis.boilerplate.len());
    for (i, (out, &span)) in boilerplate.iter().zip(&analysis.boilerplate).enumerate() {
        check_range(text, out, span, &format!("boilerplate {i}"));
    }
    let quotes = json["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), analysis.quotes.len());
    assert!(!quotes.is_empty(), "the fixture has quotes");
    for (i, (out, quote)) in quotes.iter().zip(&analysis.quotes).enumerate() {
        check_range(text, out, quote.span, &format!("quote {i}"));
        if let Some(e) = out["entity"].as_u64() {
            assert_eq!(
                (n(&entities[e as usize], "start"), n(&entities[e as usize], "end")),
                (n(out, "start"), n(out, "end"))
            );
        }
        if let Some(speaker) = quote.speaker {
            check_range(text, &out["speaker"], speaker, &format!("quote {i} speaker"));
            let range = &out["speaker"];
            assert_eq!(chars.slice(n(range, "start"), n(range, "end")), out["speaker_text"].as_str().unwrap());
        }
    }
}

#[test]
fn w3c_offsets_and_quotes_match_the_text() {
    let analysis = torture();
    let text = analysis.text.as_str();
    let chars = Chars(text.chars().collect());
    let json: Json = serde_json::from_str(&export::export(&analysis, Format::W3c)).unwrap();
    assert_eq!(json["document"]["value"], text);
    let tagging: Vec<&Json> =
        json["first"]["items"].as_array().unwrap().iter().filter(|a| a["motivation"] == "tagging").collect();
    assert_eq!(tagging.len(), analysis.entities.len());
    for (i, (annotation, entity)) in tagging.iter().zip(&analysis.entities).enumerate() {
        let selectors = annotation["target"]["selector"].as_array().unwrap();
        let quote = selectors.iter().find(|s| s["type"] == "TextQuoteSelector").unwrap();
        let position = selectors.iter().find(|s| s["type"] == "TextPositionSelector").unwrap();
        check_range(text, position, entity.span, &format!("annotation {i}"));
        let (start, end) = (n(position, "start"), n(position, "end"));
        assert_eq!(chars.slice(start, end), quote["exact"].as_str().unwrap(), "annotation {i} exact");
        let prefix = quote["prefix"].as_str().unwrap();
        let suffix = quote["suffix"].as_str().unwrap();
        let before = prefix.chars().count() as u64;
        assert_eq!(chars.slice(start - before, start), prefix, "annotation {i} prefix");
        assert_eq!(chars.slice(end, end + suffix.chars().count() as u64), suffix, "annotation {i} suffix");
    }
}

#[test]
fn brat_offsets_match_the_text_file() {
    let analysis = torture();
    let files = export::export_files(&analysis, Format::Brat);
    let txt = &files[1].content;
    assert_eq!(txt, &analysis.text, "the .txt is the text byte for byte");
    let chars = Chars(txt.chars().collect());
    let mut entity_lines = 0;
    for line in files[0].content.lines().filter(|l| l.starts_with('T')) {
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        let [_, kind_offsets, words] = fields[..] else { panic!("T line {line:?}") };
        let (_, offsets) = kind_offsets.split_once(' ').unwrap();
        let fragments: Vec<String> = offsets
            .split(';')
            .map(|f| {
                let (s, e) = f.split_once(' ').unwrap();
                let fragment = chars.slice(s.parse().unwrap(), e.parse().unwrap());
                assert!(!fragment.contains(['\n', '\r']), "fragment {f} of {line:?} crosses a line break");
                fragment
            })
            .collect();
        assert_eq!(fragments.join(" "), words, "{line:?}");
        entity_lines += 1;
    }
    assert!(entity_lines >= analysis.entities.len());
}

#[test]
fn doccano_label_studio_spacy_csv_offsets_match_the_text() {
    let analysis = torture();
    let text = analysis.text.as_str();
    let chars = Chars(text.chars().collect());
    let surfaces: Vec<&str> = analysis.entities.iter().map(|e| analysis.slice(e.span)).collect();

    let doccano: Json = serde_json::from_str(&export::export(&analysis, Format::Doccano)).unwrap();
    let labels = doccano["label"].as_array().unwrap();
    let found: Vec<String> =
        labels.iter().map(|l| chars.slice(l[0].as_u64().unwrap(), l[1].as_u64().unwrap())).collect();
    assert_eq!(found, surfaces, "doccano");

    let studio: Json = serde_json::from_str(&export::export(&analysis, Format::LabelStudio)).unwrap();
    // The document as shown: the person's annotation once they edited, else the machine's prediction.
    let edited = studio[0]["annotations"].as_array().is_some_and(|a| !a.is_empty());
    let shown = if edited { &studio[0]["annotations"][0] } else { &studio[0]["predictions"][0] };
    let regions: Vec<&Json> = shown["result"].as_array().unwrap().iter().filter(|r| r["type"] == "labels").collect();
    let found: Vec<String> =
        regions.iter().map(|r| chars.slice(n(&r["value"], "start"), n(&r["value"], "end"))).collect();
    assert_eq!(found, surfaces, "label studio offsets");
    let texts: Vec<&str> = regions.iter().map(|r| r["value"]["text"].as_str().unwrap()).collect();
    assert_eq!(texts, surfaces, "label studio texts");

    let spacy: Json = serde_json::from_str(&export::export(&analysis, Format::Spacy)).unwrap();
    let found: Vec<String> =
        spacy["spans"]["sc"].as_array().unwrap().iter().map(|e| chars.slice(n(e, "start"), n(e, "end"))).collect();
    assert_eq!(found, surfaces, "spacy");
    for e in spacy["ents"].as_array().unwrap() {
        assert!(surfaces.contains(&chars.slice(n(e, "start"), n(e, "end")).as_str()), "spacy ents: {e}");
    }

    let rows = parse_csv(&export::export(&analysis, Format::Csv));
    assert_eq!(rows[0], ["label", "text", "start", "end", "sentence", "source", "group"]);
    let found: Vec<String> =
        rows[1..].iter().map(|r| chars.slice(r[2].parse().unwrap(), r[3].parse().unwrap())).collect();
    assert_eq!(found, surfaces, "csv offsets");
    let texts: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(texts, surfaces, "csv texts");
}

#[test]
fn conll_words_are_the_tokens() {
    let analysis = torture();
    let documents = marginalia::conll::parse(&export::export(&analysis, Format::Conll));
    assert_eq!(documents.len(), 1);
    let words: Vec<String> = documents[0].sentences.iter().flatten().map(|t| t.word.clone()).collect();
    let tokens: Vec<String> = analysis
        .tokens
        .iter()
        .map(|t| analysis.slice(t.span).chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect())
        .collect();
    assert_eq!(words, tokens);
}

/// RFC 4180 records (quoted fields with doubled quotes, CRLF between records).
fn parse_csv(csv: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted, mut chars) = (Vec::new(), String::new(), false, csv.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}
