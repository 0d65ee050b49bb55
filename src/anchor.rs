//! Finding a quoted passage again: its exact words plus the words around it, near a remembered
//! position. Used to re-anchor imported W3C annotations (`TextQuoteSelector`) and carried-over edits.

use crate::span::Span;

/// A passage as the W3C `TextQuoteSelector` describes it: the exact text and some context.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextQuote<'a> {
    pub exact: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
}

/// The byte span of the occurrence of `quote.exact` in `text` whose surroundings agree with the most
/// characters of `prefix` (read backwards from the passage) and `suffix`; among equals, the one whose
/// start is nearest the byte offset `hint`, then the first. `None` when `exact` is empty or absent.
pub fn find(text: &str, quote: &TextQuote, hint: Option<usize>) -> Option<Span> {
    if quote.exact.is_empty() {
        return None;
    }
    let mut best: Option<(usize, usize, Span)> = None;
    for (start, _) in text.match_indices(quote.exact) {
        let end = start + quote.exact.len();
        let before = text.get(..start).unwrap_or("");
        let after = text.get(end..).unwrap_or("");
        let agree_before = before.chars().rev().zip(quote.prefix.chars().rev()).take_while(|(a, b)| a == b).count();
        let agree_after = after.chars().zip(quote.suffix.chars()).take_while(|(a, b)| a == b).count();
        let score = agree_before + agree_after;
        let distance = hint.map_or(0, |h| start.abs_diff(h));
        let better = match best {
            None => true,
            Some((best_score, best_distance, _)) => {
                score > best_score || (score == best_score && distance < best_distance)
            }
        };
        if better {
            best = Some((score, distance, Span::new(start, end)));
        }
    }
    best.map(|(_, _, span)| span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_then_nearness_decide_between_occurrences() {
        let text = "Paris, Texas and Paris, France; Paris again";
        let quote = |prefix, suffix| TextQuote { exact: "Paris", prefix, suffix };
        assert_eq!(find(text, &quote("", ", France"), None), Some(Span::new(17, 22)));
        assert_eq!(find(text, &quote("; ", ""), None), Some(Span::new(32, 37)));
        assert_eq!(find(text, &quote("", ""), Some(30)), Some(Span::new(32, 37)));
        assert_eq!(find(text, &quote("", ""), None), Some(Span::new(0, 5)));
        assert_eq!(find(text, &TextQuote { exact: "Lyon", ..TextQuote::default() }, None), None);
        assert_eq!(find(text, &TextQuote::default(), None), None);
    }
}
