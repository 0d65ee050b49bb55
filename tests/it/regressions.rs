//! Inputs the fuzz targets (`fuzz/`) found failing, each run through the same API as its target, plus
//! the seed corpus run through every target's checks so `cargo test` covers what fuzzing starts from.

use std::path::Path;

use marginalia::edit::{Action, Document};
use marginalia::names::{Model, ModelError};
use marginalia::{analyze, import, Analysis, Label, Options, Span};

use crate::properties::check_analysis;

/// The files of `fuzz/seeds/<target>/`, sorted by name.
fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds").join(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seeds for {target}");
    files
}

#[test]
fn analyze_seeds_give_valid_analyses() {
    for (name, bytes) in seeds("analyze") {
        let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{name} is not UTF-8"));
        let analysis = analyze(&text, &Options::default());
        check_analysis(&analysis).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!analysis.entities.is_empty(), "{name}: no entities");
    }
}

#[test]
fn import_seeds_import() {
    for (name, bytes) in seeds("import") {
        let documents = import::import_all(&String::from_utf8_lossy(&bytes)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(documents.iter().any(|d| !d.entities.is_empty()), "{name}: no entities");
    }
    for (name, bytes) in seeds("import_w3c_onto") {
        let nul = bytes.iter().position(|&b| b == 0).unwrap_or_else(|| panic!("{name}: no NUL"));
        let (file, text) = (String::from_utf8_lossy(&bytes[..nul]), String::from_utf8_lossy(&bytes[nul + 1..]));
        let d = import::import_w3c_onto(&file, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!d.entities.is_empty(), "{name}: no entities");
    }
}

/// A names model small enough to check byte by byte: trained for one pass on four made-up sentences,
/// 2^8 buckets, a two-word lexicon.
fn tiny_model() -> Model {
    use marginalia::names::lexicon::{Entry, GAZ_FIRST, GAZ_LOC, NO_CLUSTER};
    use marginalia::names::train::{train, TrainOptions};
    let conll = "-DOCSTART- -X- -X- O\n\nAnn _ _ B-PER\nLee _ _ I-PER\nvisited _ _ O\nOslo _ _ B-LOC\n. _ _ O\n\n\
                 The _ _ O\nAcme _ _ B-ORG\nboard _ _ O\nmet _ _ O\non _ _ O\nMonday _ _ O\n. _ _ O\n\n\
                 -DOCSTART- -X- -X- O\n\nBob _ _ B-PER\nsaid _ _ O\nOslo _ _ B-LOC\nwon _ _ O\n. _ _ O\n\n\
                 Euro _ _ B-MISC\nfans _ _ O\ncheered _ _ O\n. _ _ O\n\n";
    let documents = marginalia::conll::parse(conll);
    let lexicon = marginalia::names::Lexicon::from_entries(vec![
        Entry { text: "oslo".to_owned(), clusters: [1, 2, NO_CLUSTER, NO_CLUSTER], gazetteers: GAZ_LOC },
        Entry { text: "ann".to_owned(), clusters: [3, 4, 5, 6], gazetteers: GAZ_FIRST },
    ]);
    let options = TrainOptions { epochs: 1, bits: 8, prune: 0.0, ..TrainOptions::default() };
    train(&documents[..1], &documents[1..], lexicon, &options, &mut |_| {})
}

/// Extra documents (labelled by a model) teach with their weight: a name only they show is learned
/// when they count, and with weight 0 their updates are nothing, so a model trained with them tags as
/// one trained without.
#[test]
fn extra_documents_teach_with_their_weight() {
    use marginalia::names::lexicon::Entry;
    use marginalia::names::train::{train_with_extra, TrainOptions};
    let conll = "-DOCSTART- -X- -X- O\n\nAnn _ _ B-PER\nvisited _ _ O\nOslo _ _ B-LOC\n. _ _ O\n\n\
                 -DOCSTART- -X- -X- O\n\nBob _ _ B-PER\nsaw _ _ O\nRome _ _ B-LOC\n. _ _ O\n\n";
    let extra = "-DOCSTART- -X- -X- O\n\nZork _ _ B-ORG\nvisited _ _ O\nZork _ _ B-ORG\n. _ _ O\n\n";
    let (documents, extra) = (marginalia::conll::parse(conll), marginalia::conll::parse(extra));
    let lexicon = || marginalia::names::Lexicon::from_entries(Vec::<Entry>::new());
    let text = "Zork visited Zork .";
    let tokens = marginalia::tokenize::tokenize(text);
    let sentences = marginalia::sentences::split(text, &tokens);
    let labels = |weight: f32, extra: &[marginalia::conll::Document]| {
        let options = TrainOptions { epochs: 3, bits: 8, prune: 0.0, extra_weight: weight, ..TrainOptions::default() };
        let model = train_with_extra(&documents, extra, &[], lexicon(), &options, &mut |_| {});
        model.tag(text, &tokens, &sentences).iter().map(|e| e.label.as_str().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(labels(1.0, &extra), ["ORG", "ORG"]);
    assert!(!labels(0.0, &extra).contains(&"ORG".to_owned()));
    assert_eq!(labels(0.0, &extra), labels(1.0, &[]));
}

/// Every truncation of a model is an error, every single-byte change loads or errors, and a model that
/// loads tags text with spans inside it: never a panic (what fuzz/model checks at random).
#[test]
fn tiny_model_truncations_and_byte_changes_never_panic() {
    let bytes = tiny_model().to_bytes();
    let model = Model::from_bytes(&bytes).expect("the tiny model reloads");
    assert_eq!(model.to_bytes(), bytes);
    for end in 0..bytes.len() {
        assert!(Model::from_bytes(&bytes[..end]).is_err(), "prefix of {end} bytes loads");
    }
    let text = "Ann Lee visited Oslo on Monday. 😀 Euro fans.";
    let tokens = marginalia::tokenize::tokenize(text);
    let sentences = marginalia::sentences::split(text, &tokens);
    let mut loaded = 0;
    for i in 0..bytes.len() {
        let mut changed = bytes.clone();
        changed[i] ^= 0x80;
        if let Ok(model) = Model::from_bytes(&changed) {
            loaded += 1;
            // Tagging is the slow part in a debug build: a sample of the changed models.
            if loaded % 16 == 1 {
                for e in model.tag(text, &tokens, &sentences) {
                    assert!(text.get(e.span.start..e.span.end).is_some(), "byte {i} ^ 0x80: {e:?}");
                }
            }
        }
    }
    assert!(loaded > 0, "no changed model loads: the check above never tagged");
    // `UPDATE_SEEDS=1 cargo test` writes the fuzz seeds of the model target in the current format.
    if std::env::var_os("UPDATE_SEEDS").is_some() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/model");
        std::fs::write(dir.join("tiny.bin"), &bytes).unwrap();
        std::fs::write(dir.join("truncated.bin"), &bytes[..bytes.len() - 5]).unwrap();
    }
}

/// The model seeds (written by the test above) load or fail with an error, never a panic.
#[test]
fn model_seeds_give_a_model_or_an_error() {
    for (name, bytes) in seeds("model") {
        match Model::from_bytes(&bytes) {
            Ok(model) => assert!(Model::from_bytes(&model.to_bytes()).is_ok(), "{name} does not reload"),
            Err(ModelError::Version(_)) => {} // an older format: `UPDATE_SEEDS=1 cargo test` renews them
            Err(e) => assert!(name.starts_with("truncated"), "{name}: {e}"),
        }
    }
}

/// No two non-QUOTE entities of the shown analysis overlap (but for names nested in a figure, merge rule 4),
/// and every span is inside the text.
fn check_view(analysis: &Analysis) {
    let text = analysis.text.as_str();
    for e in &analysis.entities {
        assert!(e.span.start < e.span.end && text.get(e.span.start..e.span.end).is_some(), "{e:?}");
    }
    let overlap = marginalia::merge::first_overlap(&analysis.entities);
    assert!(overlap.is_none(), "entity {overlap:?} overlaps another in {:?}", analysis.entities);
}

/// fuzz/edit: marks on a repeated passage ("}}}" four times) were all re-anchored by their context after
/// an insertion, two of them onto the same place: the view showed the same entity twice.
#[test]
fn edit_marks_on_a_repeated_passage_survive_an_insertion_without_overlapping() {
    let text = "An}}}}}}}}}}}}}";
    let options = Options::default();
    let mut document = Document::new(analyze(text, &options));
    document.apply(Action::ApplyToAll { surface: "}}}".to_owned(), label: Label::Cardinal }).unwrap();
    assert_eq!(document.edits().added.len(), 4);
    let changed = "An}}\r\u{e}}}}}}}}}}}}";
    let carried = document.reanalyze(analyze(changed, &options));
    check_view(document.analysis());
    assert_eq!(document.edits().added.len(), carried.kept, "{carried:?}");
    assert!(carried.kept >= 1 && !carried.lost.is_empty(), "{carried:?}");
}

/// Saved edits whose marks overlap (a corrupted save) load without overlapping entities.
#[test]
fn overlapping_saved_marks_are_dropped_on_load() {
    use marginalia::edit::{Edits, Mark};
    let text = "Ann Lee met Bob Day.";
    let edits = Edits {
        added: vec![
            Mark { span: Span::new(0, 7), label: Label::Per },
            Mark { span: Span::new(4, 7), label: Label::Org },
            Mark { span: Span::new(0, 7), label: Label::Per },
        ],
        removed: Vec::new(),
    };
    let (document, dropped) = Document::with_edits(analyze(text, &Options::default()), edits);
    assert_eq!(dropped, 2);
    check_view(document.analysis());
}
