//! Small helpers over words that several stages share: a word lowercased without allocating, and whether
//! a sentence is a headline in title case. They read the text the stages give them and find nothing.

use crate::analysis::Token;
use std::ops::Range;

/// `f` of `w` lowercased: on the stack for an ASCII word of up to 64 bytes (almost every word a stage
/// looks up), else in a new string.
pub(crate) fn lowercased<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; 64];
    if w.is_ascii() && w.len() <= buffer.len() {
        let lower = &mut buffer[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        return f(std::str::from_utf8(lower).unwrap_or(""));
    }
    f(&w.to_lowercase())
}

/// Whether the tokens `range` of `text` are a headline in title case: at least three words begin with a
/// capital letter, and fewer than a fifth as many with a lowercase one.
pub(crate) fn title_case_headline(text: &str, tokens: &[Token], range: Range<usize>) -> bool {
    let range = range.start.min(tokens.len())..range.end.min(tokens.len());
    title_case_words(tokens.get(range).unwrap_or(&[]).iter().map(|t| text.get(t.span.start..t.span.end).unwrap_or("")))
}

/// `title_case_headline` of the words themselves.
pub(crate) fn title_case_words<'w>(words: impl Iterator<Item = &'w str>) -> bool {
    let (mut upper, mut lower) = (0, 0);
    for w in words {
        match w.chars().next() {
            Some(c) if c.is_uppercase() => upper += 1,
            Some(c) if c.is_lowercase() => lower += 1,
            _ => {}
        }
    }
    upper >= 3 && lower * 5 < upper
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    #[test]
    fn lowercased_on_the_stack_or_not() {
        assert_eq!(lowercased("AT&T", str::to_owned), "at&t");
        assert_eq!(lowercased("ÉCOLE", str::to_owned), "école");
        assert_eq!(lowercased(&"A".repeat(70), str::len), 70);
    }

    #[test]
    fn title_case_headlines() {
        let headline = |text: &str| {
            let tokens = tokenize(text);
            title_case_headline(text, &tokens, 0..tokens.len())
        };
        assert!(headline("Trump Slams Hillary Over Emails"));
        assert!(!headline("Trump slams Hillary over her emails"));
        assert!(!headline("Trump Slams"));
    }
}
