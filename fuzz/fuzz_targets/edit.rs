//! Fuzz target: `edit::Document::apply` with arbitrary action sequences on the analysis of an arbitrary
//! text, then re-analysis of a changed text. Never panics; the composed view keeps every span inside
//! the text, on character boundaries, and without two overlapping non-QUOTE entities (but for names
//! nested in a figure, merge rule 4).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use marginalia::edit::{Action, Change, Document, Edge, Target};
use marginalia::{analyze, Analysis, Label, Options, Span};

#[derive(Arbitrary, Debug)]
enum Step {
    Add { start: u16, end: u16, label: u8 },
    Remove { target: FuzzTarget },
    Retag { target: FuzzTarget, label: u8 },
    Resize { target: FuzzTarget, left: bool, grow: bool },
    ApplyToAll { start: u16, len: u8, label: u8 },
    ApplyToAllRaw { surface: String, label: u8 },
    RemoveEverywhere { start: u16, len: u8 },
    Undo,
    Redo,
}

#[derive(Arbitrary, Debug)]
enum FuzzTarget {
    Index(u8),
    Span { start: u16, end: u16 },
}

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    steps: Vec<Step>,
    /// Inserted into the text at `insert_at` before re-analysis.
    insert: String,
    insert_at: u16,
}

fn label(k: u8) -> Label {
    Label::ALL[k as usize % Label::ALL.len()]
}

/// A byte offset of `text` from a fuzz number: mostly on char boundaries, sometimes not.
fn offset(text: &str, k: u16) -> usize {
    k as usize % (text.len() + 2)
}

fn surface(text: &str, start: u16, len: u8) -> String {
    let start = offset(text, start);
    text.get(start..(start + len as usize).min(text.len())).unwrap_or("").to_owned()
}

fn target(text: &str, t: &FuzzTarget) -> Target {
    match *t {
        FuzzTarget::Index(i) => Target::Index(i as usize),
        FuzzTarget::Span { start, end } => Target::Span(Span::new(offset(text, start), offset(text, end))),
    }
}

fn check(analysis: &Analysis) {
    let text = analysis.text.as_str();
    for e in &analysis.entities {
        assert!(e.span.start < e.span.end && text.get(e.span.start..e.span.end).is_some(), "{e:?}");
    }
    let overlap = marginalia::merge::first_overlap(&analysis.entities);
    assert!(overlap.is_none(), "{overlap:?} {:?}", analysis.entities);
    for q in &analysis.quotes {
        assert!(text.get(q.span.start..q.span.end).is_some());
        assert!(q.speaker_entity.is_none_or(|i| i < analysis.entities.len()));
    }
}

fuzz_target!(|input: Input| {
    if input.text.len() > 2000 || input.steps.len() > 64 {
        return;
    }
    let options = Options::default();
    let mut document = Document::new(analyze(&input.text, &options));
    let text = input.text.as_str();
    for step in &input.steps {
        let action = match step {
            Step::Add { start, end, label: l } => {
                Action::Add { span: Span::new(offset(text, *start), offset(text, *end)), label: label(*l) }
            }
            Step::Remove { target: t } => Action::Remove { target: target(text, t) },
            Step::Retag { target: t, label: l } => Action::Retag { target: target(text, t), label: label(*l) },
            Step::Resize { target: t, left, grow } => Action::Resize {
                target: target(text, t),
                edge: if *left { Edge::Left } else { Edge::Right },
                change: if *grow { Change::Grow } else { Change::Shrink },
            },
            Step::ApplyToAll { start, len, label: l } => {
                Action::ApplyToAll { surface: surface(text, *start, *len), label: label(*l) }
            }
            Step::ApplyToAllRaw { surface, label: l } => Action::ApplyToAll { surface: surface.clone(), label: label(*l) },
            Step::RemoveEverywhere { start, len } => Action::RemoveEverywhere { surface: surface(text, *start, *len) },
            Step::Undo => Action::Undo,
            Step::Redo => Action::Redo,
        };
        let before = document.analysis().entities.clone();
        if document.apply(action).is_err() {
            assert_eq!(document.analysis().entities, before, "a failed action changed the document");
        }
        check(document.analysis());
    }
    let mut changed = input.text.clone();
    let mut at = offset(text, input.insert_at).min(text.len());
    while !changed.is_char_boundary(at) {
        at -= 1;
    }
    changed.insert_str(at, &input.insert);
    document.reanalyze(analyze(&changed, &options));
    check(document.analysis());
});
