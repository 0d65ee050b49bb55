//! Tokenizer: splits text into words, numbers and punctuation marks, close to CoNLL-2003 conventions.
//!
//! Word boundaries come from Unicode's UAX #29 (`unicode-segmentation`). Two adjustments bring them to
//! newswire conventions: words joined by hyphens without spaces stay one token ("Nur-Sultan",
//! "five-year", "1996-08-22"), and a possessive `'s` / `’s` is split off ("Kazakhstan", "’s").

use unicode_segmentation::UnicodeSegmentation;

use crate::analysis::Token;
use crate::span::Span;

/// Tokens of `text`, in order, never empty and never whitespace.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    for (start, word) in text.split_word_bound_indices() {
        if word.chars().all(char::is_whitespace) {
            continue;
        }
        let end = start + word.len();
        // Join `word - word` when nothing separates the three pieces.
        if is_wordlike(word) && tokens.len() >= 2 {
            let n = tokens.len();
            let (prev, hyphen) = (tokens[n - 2].span, tokens[n - 1].span);
            if prev.end == hyphen.start
                && hyphen.end == start
                && is_hyphen(&text[hyphen.start..hyphen.end])
                && is_wordlike(&text[prev.start..prev.end])
            {
                tokens.truncate(n - 2);
                tokens.push(Token { span: Span::new(prev.start, end) });
                continue;
            }
        }
        // A detached possessive, as in CoNLL text ("Britain 's"), is one token.
        if matches!(word, "s" | "S") {
            if let Some(prev) = tokens.last().map(|t| t.span) {
                if prev.end == start && matches!(&text[prev.start..prev.end], "'" | "’") {
                    tokens.pop();
                    tokens.push(Token { span: Span::new(prev.start, end) });
                    continue;
                }
            }
        }
        match possessive_split(word) {
            Some(cut) if cut > 0 => {
                tokens.push(Token { span: Span::new(start, start + cut) });
                tokens.push(Token { span: Span::new(start + cut, end) });
            }
            _ => tokens.push(Token { span: Span::new(start, end) }),
        }
    }
    tokens
}

fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "‐" | "‑")
}

fn is_wordlike(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

/// Byte length of the stem when `word` ends in a possessive `'s` or `’s`.
fn possessive_split(word: &str) -> Option<usize> {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().next_back().is_some_and(char::is_alphanumeric) {
                return Some(stem.len());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.span.start..t.span.end]).collect()
    }

    #[test]
    fn newswire_conventions() {
        assert_eq!(
            words("Kazakhstan’s capital, Nur-Sultan, said $4.5 (U.S.) on 1996-08-22."),
            ["Kazakhstan", "’s", "capital", ",", "Nur-Sultan", ",", "said", "$", "4.5", "(", "U.S", ".", ")", "on", "1996-08-22", "."]
        );
        assert_eq!(words("a - b"), ["a", "-", "b"]);
        assert_eq!(words(""), Vec::<&str>::new());
        assert_eq!(words("'s"), ["'s"]);
    }
}
