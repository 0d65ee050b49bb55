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
    for (start, word) in text.split_word_bound_indices().flat_map(visible_pieces) {
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

/// The pieces of one UAX #29 segment between whitespace, without those that are only invisible
/// characters. UAX #29 attaches format characters and combining marks to a preceding space (" \u{feff}",
/// " \u{301}") and joins words across U+202F NARROW NO-BREAK SPACE (an `ExtendNumLet`); a token never
/// holds whitespace, and a zero-width character alone is no token.
fn visible_pieces((start, segment): (usize, &str)) -> impl Iterator<Item = (usize, &str)> {
    let simple = !segment.chars().any(|c| c.is_whitespace() || is_invisible(c));
    let mut rest = if simple { None } else { Some((start, segment)) };
    let mut whole = simple.then_some((start, segment));
    std::iter::from_fn(move || {
        if let Some(piece) = whole.take() {
            return Some(piece);
        }
        loop {
            let (at, s) = rest?;
            let trimmed = s.trim_start_matches(char::is_whitespace);
            let at = at + (s.len() - trimmed.len());
            let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            let (piece, tail) = trimmed.split_at(end);
            rest = (!tail.is_empty()).then_some((at + end, tail));
            if !piece.is_empty() && !piece.chars().all(is_invisible) {
                return Some((at, piece));
            }
        }
    })
}

/// Characters that show nothing: zero-width spaces and joiners, direction marks and isolates, the
/// byte-order mark, the soft hyphen (General Category `Cf` in common use).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}')
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
        assert_eq!(words("a \u{feff}b \u{301}c\u{202f}d \u{200b} e\u{200d}f"), ["a", "b", "\u{301}", "c", "d", "e\u{200d}f"]);
    }
}
