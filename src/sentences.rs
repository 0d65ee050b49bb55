//! Sentence splitter: groups tokens into sentences.
//!
//! A line break always ends a sentence (pasted articles put paragraphs and headlines on their own lines).
//! Inside a line, `.`, `!`, `?` or `…` ends one when the next token opens a new sentence (capital letter,
//! digit, quotation mark), unless the period closes an abbreviation ("Mr.", "Gen.", an initial, "U.S.").
//! Hand-written rather than UAX #29 sentence bounds, which split after every "Mr.".

use crate::analysis::{Sentence, Token};
use crate::span::Span;

/// Titles and other abbreviations that are usually followed by a capitalized word in the same sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sr", "Jr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Adm", "Cmdr",
    "Sen", "Rep", "Gov", "Pres", "Rev", "Hon", "Fr", "Mt", "Ft", "No", "Nos", "vs", "Vs", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx", "Co", "Corp", "Ltd", "Bros", "Messrs", "Mme",
    "Mlle", "Insp", "Supt", "Gens", "Det", "Pvt", "Ave", "Blvd",
];

pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0usize;
    for i in 0..tokens.len() {
        let end_here = match tokens.get(i + 1) {
            None => true,
            Some(next) => {
                let gap = &text[tokens[i].span.end..next.span.start];
                gap.contains(['\n', '\r', '\u{2028}', '\u{2029}'])
                    || (!gap.is_empty() && ends_sentence(text, tokens, i, first))
            }
        };
        if end_here {
            let span = Span::new(tokens[first].span.start, tokens[i].span.end);
            sentences.push(Sentence { span, tokens: first..i + 1 });
            first = i + 1;
        }
    }
    sentences
}

fn word(text: &str, t: Token) -> &str {
    &text[t.span.start..t.span.end]
}

/// True when a sentence ends after token `i` (which is followed by white space, then token `i + 1`).
fn ends_sentence(text: &str, tokens: &[Token], i: usize, first: usize) -> bool {
    // Walk back over closing quotes and brackets glued to the terminal mark: `said." Then`.
    let mut j = i;
    while j > first && is_closer(word(text, tokens[j])) && tokens[j - 1].span.end == tokens[j].span.start {
        j -= 1;
    }
    let mark = word(text, tokens[j]);
    if !matches!(mark, "." | "!" | "?" | "…" | "..." | "?!" | "!?") && !mark.ends_with(['!', '?']) {
        return false;
    }
    if mark == "." && j > first && tokens[j - 1].span.end == tokens[j].span.start {
        let prev = word(text, tokens[j - 1]);
        // An initial, unless it ends a name joined by an ampersand ("AT&T.", "Texas A&M."; not "S.&P.").
        let joined = j >= first + 3
            && tokens[j - 2].span.end == tokens[j - 1].span.start
            && tokens[j - 3].span.end == tokens[j - 2].span.start
            && word(text, tokens[j - 2]) == "&"
            && word(text, tokens[j - 3]).chars().all(char::is_alphanumeric);
        let single_initial = prev.chars().count() == 1 && prev.chars().all(char::is_uppercase) && !joined;
        if single_initial || prev.contains('.') || ABBREVIATIONS.contains(&prev) {
            return false;
        }
    }
    let next = word(text, tokens[i + 1]);
    // A comma, semicolon or colon continues the sentence ("Mercantile Bancorp Inc. , a bank").
    if matches!(next, "," | ";" | ":") {
        return false;
    }
    next.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '—' | '-')
    }) || !next.chars().next().is_some_and(char::is_alphabetic)
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | ")" | "]" | "»")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, &tokenize(text)).iter().map(|s| &text[s.span.start..s.span.end]).collect()
    }

    #[test]
    fn splits_on_marks_and_lines_but_not_abbreviations() {
        assert_eq!(
            sentences("Mr. Smith met Gen. J. Doe in the U.S. on Monday. \"It went well,\" he said.\nNew line"),
            ["Mr. Smith met Gen. J. Doe in the U.S. on Monday.", "\"It went well,\" he said.", "New line"]
        );
        assert_eq!(sentences("He said \"Stop!\" Then left."), ["He said \"Stop!\"", "Then left."]);
        assert_eq!(sentences("  \n "), Vec::<&str>::new());
        // No sentence starts at a comma, semicolon or colon.
        assert_eq!(
            sentences("Bought by Mercantile Bancorp Inc. , a bank. It rose."),
            ["Bought by Mercantile Bancorp Inc. , a bank.", "It rose."]
        );
        // A capital after an ampersand ends a name, not an initial.
        assert_eq!(sentences("Buyers reached AT&T. Servers failed."), ["Buyers reached AT&T.", "Servers failed."]);
        assert_eq!(sentences("The S.&P. 500 fell."), ["The S.&P. 500 fell."]);
    }
}
