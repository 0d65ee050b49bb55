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
    word_bounds(text, |segment| {
        for (start, word) in visible_pieces(segment) {
            push_word(text, &mut tokens, start, word);
        }
    });
    tokens
}

/// Calls `f` with the UAX #29 word segments of `text` (start, segment), in order, except that segments
/// of only whitespace may come split differently (they are dropped by `visible_pieces` anyway).
///
/// Hand-written fast path: most of a news text is pieces between ASCII white space of the form
/// `punctuation* letters-and-digits? punctuation*`, all ASCII, without `_`. UAX #29 makes such a piece's
/// letter-and-digit run one segment (WB5, WB8–WB10) and every punctuation mark its own (no letter or
/// digit on its far side for WB6, WB7, WB11, WB12; `_`, the only ASCII `ExtendNumLet`, excluded), and
/// ASCII white space around it is always a boundary (nothing in it is `Extend`/`Format`/`ZWJ`). Those are
/// cut here directly; every other piece (and the white space before it when it starts with a non-ASCII
/// character, which WB4 may attach to that space) goes to `unicode-segmentation`. Rules that look past a
/// piece see white space there, which they treat like the text's start or end. The unit test
/// `fast_path_matches_uax29` compares both on the sample article and on random strings.
fn word_bounds<'t>(text: &'t str, mut f: impl FnMut((usize, &'t str))) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let space_start = i;
        while i < bytes.len() && is_ascii_space(bytes[i]) {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let piece_start = i;
        while i < bytes.len() && !is_ascii_space(bytes[i]) {
            i += 1;
        }
        // Both ends are next to ASCII bytes (or the text's ends), so they are char boundaries.
        let piece = &bytes[piece_start..i];
        let lead = piece.iter().take_while(|&&b| is_plain_mark(b)).count();
        let run = piece[lead..].iter().take_while(|&&b| b.is_ascii_alphanumeric()).count();
        if piece[lead + run..].iter().all(|&b| is_plain_mark(b)) {
            let mut at = piece_start;
            for _ in 0..lead {
                f((at, &text[at..at + 1]));
                at += 1;
            }
            if run > 0 {
                f((at, &text[at..at + run]));
                at += run;
            }
            while at < i {
                f((at, &text[at..at + 1]));
                at += 1;
            }
        } else {
            let from = if piece[0].is_ascii() { piece_start } else { space_start };
            for (start, segment) in text[from..i].split_word_bound_indices() {
                f((from + start, segment));
            }
        }
    }
}

/// ASCII white space: space, tab, line feed, vertical tab, form feed, carriage return.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// An ASCII character that is its own UAX #29 segment next to white space, letters and digits when no
/// letter or digit follows it in the same piece: punctuation, symbols and controls, except `_`.
fn is_plain_mark(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'_' && !is_ascii_space(b)
}

/// Appends one visible piece of a segment, joining hyphenated words and possessives.
fn push_word(text: &str, tokens: &mut Vec<Token>, start: usize, word: &str) {
    {
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
                return;
            }
        }
        // A detached possessive, as in CoNLL text ("Britain 's"), is one token.
        if matches!(word, "s" | "S") {
            if let Some(prev) = tokens.last().map(|t| t.span) {
                if prev.end == start && matches!(&text[prev.start..prev.end], "'" | "’") {
                    tokens.pop();
                    tokens.push(Token { span: Span::new(prev.start, end) });
                    return;
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
            [
                "Kazakhstan",
                "’s",
                "capital",
                ",",
                "Nur-Sultan",
                ",",
                "said",
                "$",
                "4.5",
                "(",
                "U.S",
                ".",
                ")",
                "on",
                "1996-08-22",
                "."
            ]
        );
        assert_eq!(words("a - b"), ["a", "-", "b"]);
        assert_eq!(words(""), Vec::<&str>::new());
        assert_eq!(words("'s"), ["'s"]);
        assert_eq!(
            words("a \u{feff}b \u{301}c\u{202f}d \u{200b} e\u{200d}f"),
            ["a", "b", "\u{301}", "c", "d", "e\u{200d}f"]
        );
    }

    /// `tokenize` as it is without the fast path: every segment from `unicode-segmentation`.
    fn reference(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        for (start, word) in text.split_word_bound_indices().flat_map(visible_pieces) {
            push_word(text, &mut tokens, start, word);
        }
        tokens
    }

    #[test]
    fn fast_path_matches_uax29() {
        let sample = include_str!("../static/sample.txt");
        assert_eq!(tokenize(sample), reference(sample));
        // Random strings over the characters the UAX #29 rules treat specially next to ASCII: letters,
        // digits, mid-word and mid-number marks, `_`, white space of every kind, combining marks,
        // format characters, joiners, curly apostrophes, non-ASCII spaces and letters, flags, emoji.
        let alphabet: Vec<char> = "aZ09.,;:'\"_-$()/ \t\n\r\u{b}\u{c}\u{301}\u{feff}\u{200d}\u{200b}’£\u{a0}\u{2009}\u{202f}\u{3000}éא\u{30a2}\u{1f1eb}\u{1f1f7}\u{1f600}\u{85}"
            .chars()
            .collect();
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 12) as usize;
            let text: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            assert_eq!(tokenize(&text), reference(&text), "{text:?}");
        }
    }
}
