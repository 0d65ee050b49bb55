//! The editing reducer: sessions of actions from `tests/fixtures/edit/cases.txt`, each step checked
//! against what the document shows, plus saving and restoring edits and quotes' speakers.

use marginalia::edit::{Action, Change, Document, Edge, EditError, Edits, Target};
use marginalia::{Analysis, Entity, Label, Quote, Source, Span};

/// The byte span of `words[@n]` in `text`.
fn find(text: &str, words: &str) -> Span {
    let (words, n) = match words.rsplit_once('@') {
        Some((w, n)) if n.parse::<usize>().is_ok() => (w, n.parse().unwrap()),
        _ => (words, 1),
    };
    let start = text.match_indices(words).nth(n - 1).unwrap_or_else(|| panic!("{words:?} #{n} not in {text:?}")).0;
    Span::new(start, start + words.len())
}

/// An analysis of `text` with the given machine entities (`LABEL words | ...`).
fn machine(text: &str, entities: &str) -> Analysis {
    let tokens = marginalia::tokenize::tokenize(text);
    let sentences = marginalia::sentences::split(text, &tokens);
    let mut list: Vec<Entity> = entities
        .split(" | ")
        .filter(|e| !e.trim().is_empty())
        .map(|e| {
            let (label, words) = e.split_once(' ').unwrap();
            let label = Label::parse(label).unwrap();
            let source = if label.is_name() { Source::Model } else { Source::Rule };
            Entity::new(find(text, words), label, source)
        })
        .collect();
    marginalia::merge::sort(&mut list);
    Analysis { text: text.to_owned(), tokens, sentences, entities: list, ..Analysis::default() }
}

/// `LABEL source words | ...` of what the document shows, with `@n` where the words occur earlier.
fn shown(document: &Document) -> String {
    let analysis = document.analysis();
    let items: Vec<String> = analysis
        .entities
        .iter()
        .map(|e| {
            let words = analysis.slice(e.span);
            let n = analysis.text.match_indices(words).position(|(s, _)| s == e.span.start).unwrap() + 1;
            let at = if n > 1 { format!("@{n}") } else { String::new() };
            format!("{} {} {words}{at}", e.label.as_str(), e.source.as_str())
        })
        .collect();
    if items.is_empty() {
        "(none)".to_owned()
    } else {
        items.join(" | ")
    }
}

fn action(text: &str, line: &str) -> Action {
    let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
    let labelled = || {
        let (label, words) = rest.split_once(' ').unwrap();
        (Label::parse(label).unwrap(), words)
    };
    let target = |words: &str| match words.strip_prefix('#') {
        Some(i) => Target::Index(i.parse().unwrap()),
        None => Target::Span(find(text, words)),
    };
    let resize = |edge, change| Action::Resize { target: target(rest), edge, change };
    match verb {
        "add" => {
            let (label, words) = labelled();
            Action::Add { span: find(text, words), label }
        }
        "remove" => Action::Remove { target: target(rest) },
        "retag" => {
            let (label, words) = labelled();
            Action::Retag { target: target(words), label }
        }
        "grow-left" => resize(Edge::Left, Change::Grow),
        "grow-right" => resize(Edge::Right, Change::Grow),
        "shrink-left" => resize(Edge::Left, Change::Shrink),
        "shrink-right" => resize(Edge::Right, Change::Shrink),
        "apply-all" => {
            let (label, words) = labelled();
            Action::ApplyToAll { surface: words.to_owned(), label }
        }
        "remove-everywhere" => Action::RemoveEverywhere { surface: rest.to_owned() },
        "undo" => Action::Undo,
        "redo" => Action::Redo,
        other => panic!("unknown action {other:?}"),
    }
}

#[test]
fn editing_sessions() {
    let table = include_str!("../fixtures/edit/cases.txt");
    let mut checks = 0;
    for case in table.split("\n### ").skip(1) {
        let mut lines = case.lines();
        let name = lines.next().unwrap();
        let text = lines.next().and_then(|l| l.strip_prefix("text: ")).unwrap_or_else(|| panic!("{name}: text"));
        let entities =
            lines.next().and_then(|l| l.strip_prefix("machine: ")).unwrap_or_else(|| panic!("{name}: machine"));
        let mut document = Document::new(machine(text, entities));
        let mut last: Option<Result<(), EditError>> = None;
        let mut lost = Vec::new();
        for line in lines.filter(|l| !l.trim().is_empty()) {
            let here = format!("{name}: {line}");
            if let Some(step) = line.strip_prefix("> ") {
                if let Some(fresh) = step.strip_prefix("reanalyze ") {
                    let carried = document.reanalyze(machine(&document.analysis().text.clone(), fresh));
                    assert!(carried.lost.is_empty(), "{here}");
                    last = None;
                } else if let Some(rest) = step.strip_prefix("retext ") {
                    let (new_text, fresh) = rest.split_once(" || ").unwrap();
                    lost = document.reanalyze(machine(new_text, fresh)).lost;
                    last = None;
                } else {
                    let text = document.analysis().text.clone();
                    let result = document.apply(action(&text, step));
                    if let Some(Err(e)) = &last {
                        panic!("{name}: unexpected error {e:?} before {line}");
                    }
                    last = Some(result);
                }
            } else if let Some(message) = line.strip_prefix("! ") {
                match last.take() {
                    Some(Err(e)) => assert_eq!(e.to_string(), message, "{here}"),
                    other => panic!("{here}: expected an error, got {other:?}"),
                }
                checks += 1;
            } else if let Some(expected) = line.strip_prefix("= ") {
                if let Some(Err(e)) = &last {
                    panic!("{here}: unexpected error {e:?}");
                }
                assert_eq!(shown(&document), expected, "{here}");
                checks += 1;
            } else if let Some(expected) = line.strip_prefix("lost: ") {
                assert_eq!(lost.join(", "), expected, "{here}");
                checks += 1;
            } else {
                panic!("{here}: unknown line");
            }
        }
        if let Some(Err(e)) = last {
            panic!("{name}: unexpected error {e:?} at the end");
        }
    }
    let expected_checks =
        table.lines().filter(|l| l.starts_with("= ") || l.starts_with("! ") || l.starts_with("lost: ")).count();
    assert_eq!(checks, expected_checks);
}

#[test]
fn selections_without_words_are_refused() {
    let mut document = Document::new(machine("Paris  and Lyon", "LOC Paris"));
    for span in [Span::new(5, 7), Span::new(3, 99), Span::new(4, 2), Span::new(15, 15)] {
        assert_eq!(document.apply(Action::Add { span, label: Label::Loc }), Err(EditError::BadSpan), "{span:?}");
    }
    assert!(!document.can_undo());
    let mut emoji = Document::new(machine("😀 Ann", ""));
    assert_eq!(emoji.apply(Action::Add { span: Span::new(1, 3), label: Label::Misc }), Err(EditError::BadSpan));
    assert_eq!(emoji.apply(Action::Add { span: Span::new(0, 4), label: Label::Misc }), Ok(()));
}

#[test]
fn saved_edits_restore_the_same_view_and_bad_ones_are_dropped() {
    let text = "Kim met Lee in Seoul.";
    let mut document = Document::new(machine(text, "PER Kim | PER Lee | LOC Seoul"));
    document.apply(Action::Retag { target: Target::Index(1), label: Label::Org }).unwrap();
    document.apply(Action::RemoveEverywhere { surface: "Seoul".to_owned() }).unwrap();
    let saved = serde_json::to_string(document.edits()).unwrap();
    let restored: Edits = serde_json::from_str(&saved).unwrap();
    let (again, dropped) = Document::with_edits(machine(text, "PER Kim | PER Lee | LOC Seoul"), restored.clone());
    assert_eq!(dropped, 0);
    assert_eq!(shown(&again), shown(&document));
    // The same edits on a shorter text: the spans past its end are dropped, not applied.
    let (short, dropped) = Document::with_edits(machine("Kim met", "PER Kim"), restored);
    assert_eq!(dropped, 2);
    assert_eq!(shown(&short), "PER model Kim");
}

#[test]
fn quotes_follow_their_entities_and_keep_speakers() {
    let text = "“We won,” said Adams.";
    let mut analysis = machine(text, "QUOTE “We won,” | PER Adams");
    let quote = find(text, "“We won,”");
    analysis.quotes =
        vec![Quote { span: quote, speaker: Some(find(text, "Adams")), speaker_entity: Some(1), ..Quote::default() }];
    let mut document = Document::new(analysis);
    assert_eq!(document.analysis().quotes[0].speaker_entity, Some(1));
    document.apply(Action::Add { span: find(text, "We"), label: Label::Misc }).unwrap();
    assert_eq!(document.analysis().quotes[0].speaker_entity, Some(2), "indices follow the new entity list");
    document.apply(Action::Retag { target: Target::Span(find(text, "Adams")), label: Label::Loc }).unwrap();
    assert_eq!(document.analysis().quotes[0].speaker_entity, None, "a place is not a speaker");
    document.apply(Action::Remove { target: Target::Span(quote) }).unwrap();
    assert!(document.analysis().quotes.is_empty());
    document.apply(Action::Undo).unwrap();
    document.apply(Action::Undo).unwrap();
    assert_eq!(document.analysis().quotes[0].speaker, Some(find(text, "Adams")));
    assert_eq!(document.entity_at(find(text, "We").start), Some(1), "the innermost entity");
}

#[test]
fn an_imported_file_becomes_machine_suggestions_and_edits() {
    let analysis = crate::export::fixture_analysis("article");
    let file = marginalia::export::export(&analysis, marginalia::export::Format::Json);
    let imported = marginalia::import::import(&file).unwrap();
    let base = Analysis { entities: Vec::new(), quotes: Vec::new(), ..analysis.clone() };
    let document = Document::from_imported(base, imported).unwrap();
    let view = document.analysis();
    let simple = |a: &Analysis| a.entities.iter().map(|e| (e.span, e.label, e.source)).collect::<Vec<_>>();
    assert_eq!(simple(view), simple(&analysis));
    assert_eq!(view.quotes, analysis.quotes);
    assert_eq!(document.edits().added.len(), analysis.entities.iter().filter(|e| e.source == Source::User).count());
}

/// A small deterministic generator (xorshift64) for the random sessions below.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

#[test]
fn random_sessions_keep_spans_valid_and_undo_to_the_start() {
    let analysis = crate::export::fixture_analysis("article");
    let start = shown(&Document::new(analysis.clone()));
    let surfaces = ["Merkel", "Paris", "Cafe\u{301}", "2019", "we will", "", "😀", "zzz"];
    for seed in 1..=20u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let mut document = Document::new(analysis.clone());
        let n = analysis.text.len() + 4;
        let mut applied = 0;
        for _ in 0..150 {
            let n_entities = document.analysis().entities.len() + 1;
            let target = if rng.below(2) == 0 {
                Target::Index(rng.below(n_entities))
            } else {
                let a = rng.below(n);
                Target::Span(Span::new(a, a + rng.below(12)))
            };
            let label = Label::ALL[rng.below(Label::ALL.len())];
            let surface = surfaces[rng.below(surfaces.len())].to_owned();
            let a = rng.below(n);
            let action = match rng.below(9) {
                0 => Action::Add { span: Span::new(a, a + rng.below(20)), label },
                1 => Action::Remove { target },
                2 => Action::Retag { target, label },
                3 => Action::Resize {
                    target,
                    edge: if rng.below(2) == 0 { Edge::Left } else { Edge::Right },
                    change: if rng.below(2) == 0 { Change::Grow } else { Change::Shrink },
                },
                4 => Action::ApplyToAll { surface, label },
                5 => Action::RemoveEverywhere { surface },
                6 | 7 => Action::Undo,
                _ => Action::Redo,
            };
            let is_undo_redo = matches!(action, Action::Undo | Action::Redo);
            if document.apply(action).is_ok() && !is_undo_redo {
                applied += 1;
            }
            let view = document.analysis();
            for e in &view.entities {
                assert!(e.span.start < e.span.end && view.text.get(e.span.start..e.span.end).is_some(), "seed {seed}");
            }
            for q in &view.quotes {
                assert!(q.speaker_entity.is_none_or(|i| i < view.entities.len()), "seed {seed}");
            }
        }
        assert!(applied > 10, "seed {seed}: only {applied} edits applied");
        while document.can_undo() {
            document.apply(Action::Undo).unwrap();
        }
        assert_eq!(shown(&document), start, "seed {seed}");
    }
}

#[test]
fn groups_follow_the_edits() {
    let text = "Angela Merkel met Macron. Merkel left.";
    let mut document = Document::new(machine(text, "PER Angela Merkel | PER Merkel@2"));
    let canonical =
        |d: &Document| d.analysis().groups.iter().map(|g| (g.canonical.clone(), g.count())).collect::<Vec<_>>();
    assert!(canonical(&document).contains(&("Angela Merkel".to_owned(), 2)), "{:?}", canonical(&document));
    document.apply(Action::Add { span: find(text, "Macron"), label: Label::Per }).unwrap();
    assert!(canonical(&document).iter().any(|(c, _)| c == "Macron"), "{:?}", canonical(&document));
    document.apply(Action::RemoveEverywhere { surface: "Merkel".to_owned() }).unwrap();
    assert!(canonical(&document).contains(&("Angela Merkel".to_owned(), 1)), "{:?}", canonical(&document));
}

/// A prepared analysis (its unedited view made where the analysis ran) gives the document a plain one
/// gives: with edits and without, of the same text and of a changed one, whatever the summary length.
#[test]
fn a_prepared_analysis_gives_the_same_document_as_a_plain_one() {
    use marginalia::edit::Prepared;
    use marginalia::{analyze, Options};
    let json = |d: &Document| marginalia::export::json::to_string(d.analysis(), None);
    let sidebar = |d: &Document| serde_json::to_string(&(&d.analysis().groups, &d.analysis().summary)).unwrap();
    let old = "Angela Merkel met Emmanuel Macron in Paris on Monday. \"We agree,\" Merkel said. Prices rose 5%.";
    let new = "Angela Merkel met Emmanuel Macron in Berlin on Tuesday. \"We agree,\" Merkel said. Prices rose 7%.";
    for k in [1, 3] {
        let options = Options { summary_sentences: k, ..Options::default() };
        let start = Document::new(analyze(old, &options)).with_options(options.clone());
        let mut edited = start.clone();
        edited.apply(Action::Add { span: find(old, "Prices"), label: Label::Misc }).unwrap();
        for (name, document) in [("no edits", start), ("an edit", edited)] {
            for text in [old, new] {
                // The worker made its view with the page's options or with another summary length.
                for made_with in [options.clone(), Options { summary_sentences: k + 1, ..options.clone() }] {
                    let (mut plain, mut prepared) = (document.clone(), document.clone());
                    let carried = plain.reanalyze(analyze(text, &made_with));
                    let carried_prepared =
                        prepared.reanalyze_prepared(Prepared::new(analyze(text, &made_with), &made_with));
                    assert_eq!(carried, carried_prepared, "{name}, k={k}");
                    assert_eq!(json(&prepared), json(&plain), "{name}, k={k}, {text}");
                    assert_eq!(sidebar(&prepared), sidebar(&plain), "{name}, k={k}, {text}");
                    assert_eq!(prepared.edits(), plain.edits());
                    assert_eq!(
                        prepared.analysis().summary.key_sentences.len(),
                        k.min(3),
                        "the document's own summary length"
                    );
                }
            }
        }
    }
}

/// The view `Prepared::new` makes (the machine's groups and summary kept where its entities and quotations
/// are the view's) is the one composed from scratch, on the sample article and on the names patterns'
/// texts, for several summary lengths.
#[test]
fn a_prepared_view_is_the_composed_one() {
    use marginalia::edit::Prepared;
    use marginalia::{analyze, Options};
    let root = env!("CARGO_MANIFEST_DIR");
    let sample = std::fs::read_to_string(format!("{root}/static/sample.txt")).unwrap();
    let patterns: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/tests/fixtures/names/patterns.json")).unwrap())
            .unwrap();
    let mut texts = vec![sample];
    texts.extend(patterns.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap().to_owned()));
    assert!(texts.len() > 10);
    let json = |a: &Analysis| marginalia::export::json::to_string(a, None);
    for k in [1, 3, 5] {
        let options = Options { summary_sentences: k, ..Options::default() };
        for text in &texts {
            let prepared = Prepared::new(analyze(text, &options), &options);
            let composed = Document::new(analyze(text, &options)).with_options(options.clone());
            assert_eq!(json(&prepared.view), json(composed.analysis()), "k={k}: {text}");
        }
    }
}
