//! `eval-conll --typographic`: a copy of a CoNLL document as typeset text would write it, with curly
//! quotes and apostrophes and em dashes in place of the straight ASCII marks. It is rewritten token by
//! token, so the document's text and its gold spans stay consistent.

use marginalia::conll::{Document, TaggedToken};

/// `document` with typographic marks: a `"` token opens (“) or closes (”) a quotation, alternately within
/// its sentence; a `'` token alone opens a single quotation (‘) after an opening bracket, a dash, a colon,
/// a comma or at the sentence's start when a word follows, and is an apostrophe or closing quote (’)
/// otherwise; every `'` inside a longer token is an apostrophe ("’s", "n’t", "O’Neill", "’96"); `--` is
/// an em dash, ```` ``` and `''` are curly double quotes.
pub fn typographic(document: &Document) -> Document {
    let sentences = document
        .sentences
        .iter()
        .map(|sentence| {
            let mut open = false;
            (0..sentence.len())
                .map(|i| {
                    let word = sentence[i].word.as_str();
                    let word = match word {
                        "\"" => {
                            open = !open;
                            if open { "“" } else { "”" }.to_owned()
                        }
                        "``" => "“".to_owned(),
                        "''" => "”".to_owned(),
                        "--" => "—".to_owned(),
                        "'" => {
                            let after_opening = i == 0
                                || matches!(sentence[i - 1].word.as_str(), "(" | "[" | "--" | "-" | ":" | "," | "\"");
                            let word_follows = sentence
                                .get(i + 1)
                                .is_some_and(|t| t.word.chars().next().is_some_and(char::is_alphanumeric));
                            if after_opening && word_follows { "‘" } else { "’" }.to_owned()
                        }
                        _ => word.replace('\'', "’"),
                    };
                    TaggedToken { word, tag: sentence[i].tag.clone() }
                })
                .collect()
        })
        .collect();
    Document { sentences }
}
