//! Property tests: for any string, `analyze` returns an analysis whose every span is in bounds, on
//! character boundaries and sorted as documented; offset conversions round-trip; export → import of the
//! importable formats gives back what was exported. Inputs mix the character classes that break offset
//! arithmetic (emoji ZWJ sequences and flags, CJK, right-to-left scripts, combining marks, invisible
//! characters, CR/LF variants) with the words, numbers and quotes that make the rules fire.

use marginalia::export::{self, Format};
use marginalia::import::{self, ImportFormat};
use marginalia::offsets::{byte_of_char, byte_of_utf16, CharBoundaries, OffsetIndex};
use marginalia::{analyze, analyze_each, Analysis, Label, Options, Source, Span};
use proptest::prelude::*;

/// Pieces of text chosen to exercise the rules and the offset arithmetic.
const PIECES: &[&str] = &[
    // words, names, numbers, dates, money
    "the",
    "said",
    "police",
    "in",
    "of",
    "Paris",
    "Angela Merkel",
    "Kazakhstan",
    "BBC",
    "U.S.",
    "Mr.",
    "on Monday",
    "February 28",
    "2019",
    "1990s",
    "$5 million",
    "€3.2bn",
    "45%",
    "12:30",
    "5 km",
    "third",
    "dozens",
    "at least 50",
    "Euro 2016",
    "+1 555 0100",
    "3-2",
    "v1.2.3",
    "WATCH:",
    "Share this",
    // quotes and apostrophes
    "\"",
    "“",
    "”",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "\"Go away,\" he said.",
    "“Nazarbaev, go away”",
    "it's",
    "'s",
    // emoji: plain, ZWJ families and professions, skin tones, flags, keycaps, variation selectors
    "😀",
    "👨‍👩‍👧‍👦",
    "👩🏽‍🚒",
    "🏳️‍🌈",
    "🇰🇿",
    "🇬🇧🇫🇷",
    "1️⃣",
    "❤️",
    "🧑🏿‍🤝‍🧑🏻",
    // CJK, Arabic, Hebrew (with bidi marks), Devanagari, Thai
    "東京",
    "北京市",
    "日本語のテキスト",
    "한국어",
    "القاهرة",
    "محمد قال",
    "ירושלים",
    "\u{200f}שלום\u{200e}",
    "नमस्ते",
    "ภาษาไทย",
    // combining marks, precomposed and decomposed
    "e\u{301}",
    "Zoë",
    "Zoe\u{308}",
    "a\u{20dd}",
    "Z\u{335}\u{31b}\u{353}algo",
    "\u{301}",
    // whitespace and invisible characters
    " ",
    "  ",
    "\u{a0}",
    "\u{202f}",
    "\u{2009}",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{2060}",
    "\u{feff}",
    "\u{ad}",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\r\r\n",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{b}",
    "\u{c}",
    // punctuation and odd characters
    ".",
    ",",
    "!",
    "?",
    ";",
    ":",
    "-",
    "—",
    "–",
    "…",
    "(",
    ")",
    "[",
    "]",
    "/",
    "&",
    "@",
    "#",
    "\u{0}",
    "\u{7f}",
    "\u{fffd}",
    "\u{10ffff}",
    "𝕄𝕒𝕣𝕘𝕚𝕟",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        2 => "[a-z]{1,9}",
        2 => "[A-Z][a-z]{1,9}",
        1 => "[A-Z]{2,6}",
        1 => "[0-9]{1,6}",
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Text made of pieces separated by nothing, a space, or a piece of whitespace.
fn mixed_text() -> impl Strategy<Value = String> {
    proptest::collection::vec((piece(), prop_oneof![Just(""), Just(" "), Just(" "), Just(" "), Just("\n")]), 0..60)
        .prop_map(|parts| parts.into_iter().flat_map(|(p, sep)| [p, sep.to_owned()]).collect())
}

/// Any string: pieces, or arbitrary code points.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => mixed_text(), 1 => any::<String>()]
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Every span of `analysis` is in bounds and on character boundaries, every index points at something,
/// and the entities are sorted as `merge` documents. Returns the first violation.
pub fn check_analysis(analysis: &Analysis) -> Result<(), String> {
    let text = analysis.text.as_str();
    let span_ok = |what: &str, span: Span, non_empty: bool| -> Result<(), String> {
        if span.start > span.end || span.end > text.len() {
            return Err(format!("{what} {span:?} outside 0..{}", text.len()));
        }
        if non_empty && span.start == span.end {
            return Err(format!("{what} {span:?} is empty"));
        }
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Err(format!("{what} {span:?} not on character boundaries"));
        }
        Ok(())
    };
    for (i, t) in analysis.tokens.iter().enumerate() {
        span_ok(&format!("token {i}"), t.span, true)?;
        let word = &text[t.span.start..t.span.end];
        if word.contains(char::is_whitespace) {
            return Err(format!("token {i} {word:?} holds whitespace"));
        }
        if i > 0 && analysis.tokens[i - 1].span.end > t.span.start {
            return Err(format!("tokens {} and {i} overlap or are out of order", i - 1));
        }
    }
    let mut next_token = 0;
    for (i, s) in analysis.sentences.iter().enumerate() {
        span_ok(&format!("sentence {i}"), s.span, false)?;
        if i > 0 && analysis.sentences[i - 1].span.end > s.span.start {
            return Err(format!("sentences {} and {i} overlap or are out of order", i - 1));
        }
        if s.tokens.start < next_token || s.tokens.start > s.tokens.end || s.tokens.end > analysis.tokens.len() {
            return Err(format!("sentence {i} tokens {:?} (of {})", s.tokens, analysis.tokens.len()));
        }
        next_token = s.tokens.end;
        for t in &analysis.tokens[s.tokens.clone()] {
            if !s.span.contains(t.span) {
                return Err(format!("sentence {i} {:?} does not contain its token {:?}", s.span, t.span));
            }
        }
    }
    for (i, e) in analysis.entities.iter().enumerate() {
        span_ok(&format!("entity {i}"), e.span, true)?;
        let words = &text[e.span.start..e.span.end];
        if words.starts_with(char::is_whitespace) || words.ends_with(char::is_whitespace) {
            return Err(format!("entity {i} {words:?} starts or ends with whitespace"));
        }
        let token_edges = |start: bool, at: usize| {
            analysis.tokens.iter().any(|t| if start { t.span.start == at } else { t.span.end == at })
        };
        if !token_edges(true, e.span.start) || !token_edges(false, e.span.end) {
            return Err(format!("entity {i} {words:?} {:?} does not start and end on token edges", e.span));
        }
        if i > 0 {
            let p = &analysis.entities[i - 1];
            let order = p.span.start.cmp(&e.span.start).then(e.span.end.cmp(&p.span.end)).then(p.label.cmp(&e.label));
            if order == std::cmp::Ordering::Greater {
                return Err(format!("entities {} {:?} and {i} {:?} out of order", i - 1, p.span, e.span));
            }
        }
    }
    // Policy rule 6: no two non-QUOTE entities overlap, except names nested in a MONEY or TIME.
    if let Some(i) = marginalia::merge::first_overlap(&analysis.entities) {
        return Err(format!("entity {i} {:?} overlaps an earlier one", analysis.entities[i]));
    }
    for (i, q) in analysis.quotes.iter().enumerate() {
        span_ok(&format!("quote {i}"), q.span, true)?;
        if let Some(speaker) = q.speaker {
            span_ok(&format!("quote {i} speaker"), speaker, true)?;
        }
        if let Some(k) = q.speaker_entity {
            if k >= analysis.entities.len() {
                return Err(format!("quote {i} speaker entity {k} of {}", analysis.entities.len()));
            }
        }
    }
    for (i, &b) in analysis.boilerplate.iter().enumerate() {
        span_ok(&format!("boilerplate {i}"), b, false)?;
    }
    for g in &analysis.groups {
        if let Some(&m) = g.mentions.iter().find(|&&m| m >= analysis.entities.len()) {
            return Err(format!("group {:?} mention {m} of {}", g.canonical, analysis.entities.len()));
        }
    }
    let summary = &analysis.summary;
    let n_sentences = analysis.sentences.len();
    if summary.title.is_some_and(|t| t >= n_sentences) || summary.key_sentences.iter().any(|&k| k >= n_sentences) {
        return Err(format!(
            "summary sentence index past {n_sentences}: {:?} {:?}",
            summary.title, summary.key_sentences
        ));
    }
    for t in &summary.timeline {
        if t.entity >= analysis.entities.len() || t.sentence >= n_sentences {
            return Err(format!("timeline entry {}/{} out of range", t.entity, t.sentence));
        }
    }
    for f in &summary.figures {
        if f.entity >= analysis.entities.len() || f.sentence >= n_sentences {
            return Err(format!("figure {}/{} out of range", f.entity, f.sentence));
        }
    }
    Ok(())
}

/// Byte ↔ code point ↔ UTF-16 conversions agree with counting and round-trip at every boundary; a byte
/// inside a character maps to an offset between its neighbours' and never panics.
pub fn check_offsets(text: &str) -> Result<(), String> {
    let index = OffsetIndex::new(text);
    let boundaries = CharBoundaries::new(text);
    let (mut chars, mut utf16) = (0usize, 0usize);
    let ends = text.char_indices().map(|(b, c)| (b, Some(c))).chain(std::iter::once((text.len(), None)));
    for (b, c) in ends {
        if index.at(b) != (chars, utf16) {
            return Err(format!("byte {b}: index says {:?}, counting says {:?}", index.at(b), (chars, utf16)));
        }
        if byte_of_char(text, chars) != Some(b) || boundaries.byte(chars as u64) != Some(b) {
            return Err(format!("code point {chars} does not map back to byte {b}"));
        }
        if byte_of_utf16(text, utf16) != Some(b) {
            return Err(format!("UTF-16 unit {utf16} does not map back to byte {b}"));
        }
        if let Some(c) = c {
            for inside in b + 1..b + c.len_utf8() {
                let (k, u) = index.at(inside);
                if !(chars..=chars + 1).contains(&k) || !(utf16..=utf16 + c.len_utf16()).contains(&u) {
                    return Err(format!("byte {inside} inside {c:?} maps to {:?}", (k, u)));
                }
            }
            if c.len_utf16() == 2 && byte_of_utf16(text, utf16 + 1).is_some() {
                return Err(format!("UTF-16 unit {} inside a surrogate pair maps to a byte", utf16 + 1));
            }
            chars += 1;
            utf16 += c.len_utf16();
        }
    }
    if byte_of_char(text, chars + 1).is_some() || boundaries.byte(chars as u64 + 1).is_some() {
        return Err("a code point past the end maps to a byte".to_owned());
    }
    if byte_of_utf16(text, utf16 + 1).is_some() {
        return Err("a UTF-16 unit past the end maps to a byte".to_owned());
    }
    Ok(())
}

/// (span, label, source) of every entity: what every importable format keeps.
fn annotations(entities: &[marginalia::Entity]) -> Vec<(Span, Label, Source)> {
    entities.iter().map(|e| (e.span, e.label, e.source)).collect()
}

/// Export → import gives back the text and the entities (native JSON: everything, values and quotes
/// included; W3C: spans, labels, sources and speakers (not mentions nor cues); doccano: spans, labels and
/// sources).
pub fn check_round_trips(analysis: &Analysis) -> Result<(), String> {
    for format in [Format::Json, Format::W3c, Format::Doccano] {
        let file = export::export(analysis, format);
        let imported = import::import(&file).map_err(|e| format!("{format:?} export does not import: {e}"))?;
        let expected_format = match format {
            Format::Json => ImportFormat::Json,
            Format::W3c => ImportFormat::W3c,
            _ => ImportFormat::Doccano,
        };
        if imported.format != expected_format {
            return Err(format!("{format:?} export imports as {:?}", imported.format));
        }
        if imported.text != analysis.text {
            return Err(format!("{format:?}: text changed to {:?}", imported.text));
        }
        let same = match format {
            Format::Json => imported.entities == analysis.entities && imported.quotes == analysis.quotes,
            // W3C links a quote to its speaker only (no mention, no cue).
            Format::W3c => {
                let links = |quotes: &[marginalia::Quote]| -> Vec<(Span, Option<Span>, Option<usize>)> {
                    quotes.iter().map(|q| (q.span, q.speaker, q.speaker_entity)).collect()
                };
                annotations(&imported.entities) == annotations(&analysis.entities)
                    && links(&imported.quotes) == links(&analysis.quotes)
            }
            _ => annotations(&imported.entities) == annotations(&analysis.entities),
        };
        if !same {
            return Err(format!(
                "{format:?}: entities {:?} / quotes {:?} came back as {:?} / {:?}",
                annotations(&analysis.entities),
                analysis.quotes,
                annotations(&imported.entities),
                imported.quotes
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn any_text_analyzes_into_valid_spans(text in any_text()) {
        let analysis = analyze(&text, &Options::default());
        prop_assert_eq!(&analysis.text, &text);
        if let Err(problem) = check_analysis(&analysis) {
            prop_assert!(false, "{}", problem);
        }
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// Texts analyzed together, each with its own options (`analyze_each`), get the analyses `analyze`
    /// gives them one at a time: the same JSON, the same groups and summary.
    #[test]
    fn texts_analyzed_together_are_analyzed_as_alone(
        texts in prop::collection::vec((any_text(), 0usize..5, prop::option::of(1u32..28)), 0..6)
    ) {
        let options: Vec<Options> = texts
            .iter()
            .map(|(_, k, day)| Options {
                summary_sentences: *k,
                anchor_date: day.and_then(|d| format!("2021-02-{d:02}").parse().ok()),
                ..Options::default()
            })
            .collect();
        let items: Vec<(&str, &Options)> = texts.iter().map(|(t, _, _)| t.as_str()).zip(&options).collect();
        let together = analyze_each(&items);
        prop_assert_eq!(together.len(), items.len());
        for (analysis, &(text, options)) in together.iter().zip(&items) {
            let alone = analyze(text, options);
            prop_assert_eq!(export::json::to_string(analysis, None), export::json::to_string(&alone, None));
            prop_assert_eq!(format!("{analysis:?}"), format!("{alone:?}"));
        }
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn offsets_round_trip(text in any_text()) {
        if let Err(problem) = check_offsets(&text) {
            prop_assert!(false, "{}", problem);
        }
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn exports_import_back(text in any_text()) {
        let analysis = analyze(&text, &Options::default());
        if let Err(problem) = check_round_trips(&analysis) {
            prop_assert!(false, "{}", problem);
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Arbitrary imports never panic; whatever imports has spans inside its own text.
    #[test]
    fn any_file_imports_or_fails_cleanly(text in prop_oneof![any_text(), json_like()]) {
        if let Ok(documents) = import::import_all(&text) {
            for d in documents {
                for e in &d.entities {
                    prop_assert!(e.span.start < e.span.end && d.text.get(e.span.start..e.span.end).is_some());
                }
            }
        }
    }
}

/// JSON-shaped strings near the importers' formats, with arbitrary offsets and strings.
fn json_like() -> impl Strategy<Value = String> {
    let n = || prop_oneof![0u64..20, any::<u64>()];
    let label = proptest::sample::select(&["PER", "person", "GPE", "QUOTE", "X", ""][..]);
    (mixed_text(), n(), n(), label, 0usize..4).prop_map(|(text, start, end, label, shape)| {
        let text = serde_json::to_string(&text).unwrap_or_default();
        match shape {
            0 => format!(r#"{{"text": {text}, "label": [[{start}, {end}, "{label}"]]}}"#),
            1 => format!(
                r#"{{"schema": "marginalia/1", "text": {text}, "entities": [{{"start": {start}, "end": {end}, "label": "{label}", "source": "user"}}], "quotes": [{{"entity": {start}, "start": {start}, "end": {end}, "speaker_entity": {end}}}]}}"#
            ),
            2 => format!(
                r#"[{{"type": "Annotation", "body": {{"type": "TextualBody", "value": "{label}"}}, "target": {{"source": {{"value": {text}}}, "selector": [{{"type": "TextQuoteSelector", "exact": {text}}}, {{"type": "TextPositionSelector", "start": {start}, "end": {end}}}]}}}}]"#
            ),
            _ => format!("{{\"text\": {text}, \"entities\": [{{\"start_offset\": {start}, \"end_offset\": {end}, \"label\": \"{label}\"}}]}}\n{{\"text\": {text}}}"),
        }
    })
}
