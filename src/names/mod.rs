//! Names: finds people, organizations, places and other names (CoNLL-2003 `PER ORG LOC MISC`) with a
//! statistical sequence tagger.
//!
//! An averaged structured perceptron scores BIO labels from hashed features of each token and its
//! neighbours (`features`), GloVe word clusters and gazetteers (`lexicon`), and document-level evidence
//! (how a word is cased elsewhere in the text, which also lets ALL-CAPS headlines be read); Viterbi
//! decoding (`decode`) picks each sentence's labels. The trained model ships inside the binary
//! (`models/names.bin`, format in `model`) and is loaded once. `train` regenerates it.

mod decode;
mod features;
mod hash;
pub mod lexicon;
mod model;
pub mod train;

use std::sync::OnceLock;

use crate::analysis::{Entity, Sentence, Token};

pub use lexicon::Lexicon;
pub use model::{Model, ModelError, FORMAT_VERSION};

/// The shipped model file.
pub static MODEL_BYTES: &[u8] = include_bytes!("../../models/names.bin");

/// The shipped model, loaded on first use; `None` when the bytes do not load.
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_static_bytes(MODEL_BYTES).ok()).as_ref()
}

/// Builds the shipped model's joint rows and table of words now rather than after its first few thousand
/// tokens (`Model::prepare_for_long_texts`): for a thread about to analyze long texts.
pub fn prepare_for_long_texts() {
    if let Some(model) = model() {
        model.prepare_for_long_texts();
    }
}

/// `prepare_for_long_texts` in two steps, each a shorter task for a thread that has other work between
/// them (the page's): step 0 the joint rows, step 1 the table of words.
pub fn prepare_for_long_texts_step(step: usize) {
    if let Some(model) = model() {
        match step {
            0 => model.prepare_joint_rows(),
            _ => model.lexicon.prepare_words_table(),
        }
    }
}

/// Names in a document, given the pipeline's tokens and sentences of `text`.
pub fn tag(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Entity> {
    match model() {
        Some(model) => model.tag(text, tokens, sentences),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::lexicon::entry_tokens;
    use super::model;
    use crate::tokenize::tokenize;

    /// The shipped model passes the checks of a file read from elsewhere (`Model::from_bytes` decodes the
    /// lexicon's texts and checks their order and blocks), which loading it from the program skips; every
    /// one of its entries is found by its text in the blocks; its phrases are stored as their tokens.
    #[test]
    fn the_shipped_model_passes_the_checks_its_load_skips() {
        use super::model::Model;
        let checked = Model::from_bytes(super::MODEL_BYTES).expect("the shipped model passes the checks");
        assert_eq!(checked.to_bytes(), super::MODEL_BYTES, "written back byte for byte");
        let lexicon = &model().expect("loads").lexicon;
        let mut n = 0;
        for (k, (text, _, _)) in lexicon.entries.to_vec().iter().enumerate() {
            assert_eq!(lexicon.find(text), Some(k), "{text}");
            n += 1;
        }
        assert_eq!(n, lexicon.entries.len());
        assert!(lexicon.phrase_entries.iter().count() > 10_000);
        // The phrases are stored as their tokens joined by single spaces, one to four of them.
        for (line, _) in lexicon.phrase_entries.iter() {
            let pieces = line.split(' ');
            assert!(pieces.clone().all(|t| !t.is_empty()) && (1..=4).contains(&pieces.count()), "{line:?}");
        }
    }

    /// A freshly loaded model (each stage scored from its codes, words found by their text) tags as one
    /// whose joint rows and table of words are built: the same names, on the sample article and on texts
    /// of the names patterns.
    #[test]
    fn the_model_tags_the_same_before_and_after_its_tables_are_built() {
        use super::model::Model;
        let patterns: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/names/patterns.json")).expect("patterns parse");
        let mut texts: Vec<String> = vec![include_str!("../../static/sample.txt").to_owned()];
        texts.extend(patterns.as_array().into_iter().flatten().filter_map(|p| p["text"].as_str().map(str::to_owned)));
        let prepared = Model::from_static_bytes(super::MODEL_BYTES).expect("the shipped model loads");
        prepared.prepare_for_long_texts();
        let mut found = 0;
        for text in &texts {
            // A new model for each text, so that none of them has tagged enough tokens to build its tables.
            let fresh = Model::from_static_bytes(super::MODEL_BYTES).expect("the shipped model loads");
            let tokens = tokenize(text);
            let sentences = crate::sentences::split(text, &tokens);
            let names = fresh.tag(text, &tokens, &sentences);
            assert_eq!(names, prepared.tag(text, &tokens, &sentences), "{text}");
            found += names.len();
        }
        assert!(found > 50, "only {found} names in {} texts", texts.len());
    }

    // In the parent module because it reads the shipped model: the lexicon itself does not depend on it.
    /// The shortcut for plain entries ("new york") cuts them as the tokenizer does, on the shipped
    /// model's entries and on made-up ones.
    #[test]
    fn plain_entries_are_cut_as_the_tokenizer_cuts_them() {
        fn by_tokenizer(text: &str) -> Vec<&str> {
            tokenize(text).iter().map(|t| &text[t.span.start..t.span.end]).collect()
        }
        let shipped = model().map(|m| &m.lexicon.entries);
        let made_up = [
            "new york",
            "a",
            "x 2",
            "3m co",
            "b  c",
            " d",
            "e ",
            "",
            "o s",
            "st. louis",
            "al-quds",
            "são paulo",
            "ǃkung",
            "a×b",
            "ÿ÷z",
            "ḥamāh 2",
            "ángel 3b",
            "a\u{301}b",
            "über-stadt",
            "ła'ba",
            "saint-denis",
            "x-y-z 4-b",
            "a-",
            "-a",
            "a--b",
            "a- b",
            "a -b",
            "são-paulo",
            "1-2",
            "a‐b",
            "o'brien",
            "d’ivoire-x",
            "o's",
            "o’s-x",
            "a'1",
            "1'a",
            "'a",
            "a'",
            "a''b",
            "l'ab's",
            "ü'ö",
        ];
        let shipped: Vec<String> = shipped.into_iter().flat_map(|e| e.to_vec()).map(|(t, _, _)| t).collect();
        let texts = shipped.iter().map(String::as_str).chain(made_up);
        let mut tokens = Vec::new();
        for text in texts {
            entry_tokens(text, &mut tokens);
            assert_eq!(tokens, by_tokenizer(text), "{text:?}");
        }
    }
}
