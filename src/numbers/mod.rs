//! Numbers and dates: rule-based recognition of DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL and
//! ORDINAL spans (OntoNotes 5 conventions), with normalized values.
//!
//! The rules match tokens, not characters: each sentence is scanned left to right and, at each token,
//! `dates::at` (calendar dates, relative dates, clock times) and then `figures::at` (qualified amounts
//! followed by a currency, percent sign, unit or time unit, else counts, years and ordinals) try to match;
//! the first match is taken and the scan resumes after it. Nothing is allocated per token but its text and
//! key, taken once for the whole text (`TokenTexts`).
//!
//! Relative dates ("later this year", "two weeks ago", "Monday") resolve against an anchor date: the
//! article's dateline when one is found (`dateline`), else the `anchor_date` given (`Options::anchor_date`), else they keep no
//! value. Values are never guessed.
//!
//! Hand-written token rules rather than `regex` or a date-parsing crate: date crates (`dateparser`,
//! `chrono-english`) parse a whole string that is known to be a date, not spans in running text, and
//! a token-level scanner needs no compiled automata (whose Unicode tables would add to the page's wasm
//! size) and allocates nothing per token.
//!
//! Deliberate negatives: numbers inside names ("Windows 10", "Euro 2016": a number right after a
//! capitalized word that does not open the sentence), phone numbers and other digit groups separated by
//! spaces, scores ("63-7", a hyphenated pair that is not an increasing range), version strings ("HTML5",
//! "1.2.3") and digits glued to letters.

mod calendar;
mod dates;
mod figures;
mod lexicon;
mod timex;

use crate::analysis::{Entity, Label, Sentence, Source, Timex, Token, Value};
use crate::span::Span;

pub use calendar::{NotADate, Ymd};

/// DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL and ORDINAL entities of `text`, in text order.
pub fn find(text: &str, tokens: &[Token], sentences: &[Sentence], anchor_date: Option<Ymd>) -> Vec<Entity> {
    // Every rule compares lowercase words: the text is lowercased once, and a token's key is its slice.
    let lower = text.to_ascii_lowercase();
    let texts = TokenTexts::new(text, &lower, tokens);
    let anchor = dateline_of(&texts, tokens, sentences).or(anchor_date);
    let quarters = reports_quarters(text, tokens);
    let mut out = Vec::new();
    for sentence in sentences {
        let mut words = Words::new(&texts, tokens, sentence.tokens.clone(), anchor);
        words.quarters = quarters;
        let mut i = words.lo;
        while i < words.hi {
            match match_at(&words, i) {
                Some(found) if found.end > i => {
                    let timex = match found.label {
                        Label::Date | Label::Time => found.timex.clone().or_else(|| timex::derive(&words, &found)),
                        _ => None,
                    };
                    out.push(Entity {
                        span: words.span(found.start, found.end),
                        label: found.label,
                        source: Source::Rule,
                        value: found.value,
                        timex,
                    });
                    i = found.end;
                }
                _ => i += 1,
            }
        }
    }
    out
}

/// Whether the text speaks of business quarters: "quarter" after an ordinal or "fiscal", or a
/// hyphenated "third-quarter".
fn reports_quarters(text: &str, tokens: &[Token]) -> bool {
    let word = |t: &Token| text.get(t.span.start..t.span.end).unwrap_or("");
    let hyphenated = |w: &str| w.len() > 8 && w.get(w.len() - 8..).is_some_and(|s| s.eq_ignore_ascii_case("-quarter"));
    tokens.first().is_some_and(|t| hyphenated(word(t)))
        || tokens.windows(2).any(|pair| {
            let (before, w) = (word(&pair[0]), word(&pair[1]));
            hyphenated(w)
                || (w.eq_ignore_ascii_case("quarter")
                    && ["first", "second", "third", "fourth", "fiscal", "latest"]
                        .iter()
                        .any(|o| before.eq_ignore_ascii_case(o)))
        })
}

/// The article's dateline date: the first full date (day, month and year) in the first lines of the
/// text, on a short line ("March 1, 2021", "Published 1 March 2021") or before a dateline dash
/// ("ALMATY, March 1, 2021 (Reuters) -").
pub fn dateline(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Option<Ymd> {
    // The first six sentences' bytes and tokens (all that `dateline_of` reads).
    let (bytes, in_head) =
        sentences.iter().take(6).fold((0, 0), |(bytes, n), s| (bytes.max(s.span.end), n.max(s.tokens.end)));
    let head = text.get(..bytes).unwrap_or(text);
    let in_head = in_head.min(tokens.len());
    dateline_of(&TokenTexts::new(head, &head.to_ascii_lowercase(), &tokens[..in_head]), tokens, sentences)
}

/// `dateline`, given the texts of the tokens (`TokenTexts`).
fn dateline_of(texts: &TokenTexts, tokens: &[Token], sentences: &[Sentence]) -> Option<Ymd> {
    for sentence in sentences.iter().take(6) {
        if sentence.span.start > 1200 {
            break;
        }
        let words = Words::new(texts, tokens, sentence.tokens.clone(), None);
        for i in words.lo..words.hi.min(words.lo + 24) {
            let Some(found) = dates::full_date_at(&words, i) else { continue };
            // A date the sentence speaks of ("since July 24, 2003", "from March 12", "debentures due
            // Oct. 15", "the Aug. 7, 1998, bombings") is not the article's own.
            let prev = words.key(i.wrapping_sub(1));
            if i > words.lo
                && matches!(
                    prev.as_str(),
                    "since" | "from" | "due" | "the" | "until" | "till" | "before" | "after" | "of" | "than"
                )
            {
                continue;
            }
            // A short sentence is a dateline only when the date opens it ("March 3, 2021", "By Ann
            // Lee, March 3, 2021"), not when it ends a short report ("He flew on May 26, 1980.").
            let short = sentence.span.len() <= 120 && i < words.lo + 8;
            let dash =
                (found.1..(found.1 + 4).min(words.hi)).any(|j| matches!(words.get(j), "-" | "—" | "–" | "(" | "|"));
            if short || dash {
                return Some(found.0);
            }
        }
    }
    None
}

/// One match: tokens `start..end`, with its label and value.
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub value: Option<Value>,
    /// The TIMEX3 reading when the rule knows it; else `timex::derive` reads it from the label and value.
    pub timex: Option<Timex>,
}

fn match_at(words: &Words, i: usize) -> Option<Found> {
    if !could_start(words, i) {
        return None;
    }
    dates::at(words, i).or_else(|| timex::at(words, i, dates::at)).or_else(|| figures::at(words, i))
}

/// A cheap test that rejects most tokens before any rule runs: only digits, currency signs and codes,
/// apostrophes (decades), calendar names and the words in `lexicon::starts_match` can open a match.
fn could_start(words: &Words, i: usize) -> bool {
    let word = words.get(i);
    let Some(first) = word.chars().next() else { return false };
    if first.is_ascii_digit() || first == '\'' || first == '’' || lexicon::currency_symbol(word).is_some() {
        return true;
    }
    if !first.is_alphabetic() {
        return false;
    }
    if first.is_uppercase()
        && (lexicon::month(word).is_some()
            || lexicon::weekday(word).is_some()
            || lexicon::currency_code(word).is_some()
            || lexicon::dollar_prefix(word).is_some()
            || word.starts_with('Q')
            || matches!(
                word,
                "Christmas"
                    | "Valentine"
                    | "Halloween"
                    | "Independence"
                    | "Boxing"
                    | "Thanksgiving"
                    | "Labor"
                    | "Labour"
                    | "Memorial"
                    | "Easter"
            )
            || (word == "New" && words.get(i + 1) == "Year")
            || (word == "Good" && words.get(i + 1) == "Friday"))
    {
        return true;
    }
    let key = words.key(i);
    let k = key.as_str();
    if matches!(k, "the" | "a" | "an") {
        // The commonest words: they open a match only before a word that could ("the 1990s", "a
        // dozen", "the past week", "a year ago", "the end of", "an estimated").
        let next = words.key(i + 1);
        let n = next.as_str();
        return (i + 1 < words.hi && !matches!(n, "the" | "a" | "an") && could_start(words, i + 1))
            || lexicon::time_unit(n).is_some()
            || timex::after_the(n)
            || lexicon::fraction(n).is_some()
            || matches!(n, "end" | "beginning" | "start" | "middle" | "estimated" | "first" | "final" | "century")
            || matches!(
                n,
                "twenties" | "thirties" | "forties" | "fifties" | "sixties" | "seventies" | "eighties" | "nineties"
            );
    }
    match lexicon::split_hyphen(k) {
        // "five-year", "mid-2020", "twenty-first", "two-thirds"
        Some((head, _)) => {
            matches!(head, "mid" | "late" | "early")
                || lexicon::number_word(head).is_some()
                || lexicon::starts_match(k)
                || timex::starts(k)
        }
        None => lexicon::starts_match(k) || timex::starts(k),
    }
}

/// The tokens of one sentence, with helpers that never panic: out-of-range tokens read as "".
pub(crate) struct Words<'a> {
    texts: &'a TokenTexts<'a>,
    tokens: &'a [Token],
    /// First token of the sentence.
    pub lo: usize,
    /// One past its last token.
    pub hi: usize,
    pub anchor: Option<Ymd>,
    /// Whether the sentence is a title-case headline (every word capitalized), once a rule asks
    /// (`Words::headline`).
    headline: std::cell::OnceCell<bool>,
    /// The text reports by quarters ("the third quarter", "fourth-quarter"): "a year earlier" there is
    /// the same quarter a year before.
    pub quarters: bool,
}

/// Each token's text and its key (`Words::get`, `Words::key`), taken once for a whole text: the rules ask
/// for them many times a token.
pub(crate) struct TokenTexts<'a> {
    texts: Vec<&'a str>,
    keys: Vec<&'a str>,
}

impl<'a> TokenTexts<'a> {
    /// The texts of `tokens` in `text`, and their keys in `lower` (`text` with ASCII letters lowercased):
    /// "" for a token outside the text, and for a key that is not short ASCII.
    fn new(text: &'a str, lower: &'a str, tokens: &[Token]) -> TokenTexts<'a> {
        let texts = tokens.iter().map(|t| text.get(t.span.start..t.span.end).unwrap_or("")).collect();
        let keys = tokens
            .iter()
            .map(|t| match lower.get(t.span.start..t.span.end) {
                Some(w) if w.len() <= KEY_LEN && w.is_ascii() => w,
                _ => "",
            })
            .collect();
        TokenTexts { texts, keys }
    }
}

/// A short ASCII word in lowercase: its slice of the lowercased text. Longer or non-ASCII words read as "".
#[derive(Clone, Copy)]
pub(crate) struct Key<'a>(&'a str);

impl<'a> Key<'a> {
    pub fn as_str(&self) -> &'a str {
        self.0
    }
}

/// The longest word `Words::key` reads.
const KEY_LEN: usize = 24;

impl<'a> Words<'a> {
    /// The words of `tokens[range]`, whose texts and keys are `texts`.
    pub fn new(
        texts: &'a TokenTexts<'a>,
        tokens: &'a [Token],
        range: std::ops::Range<usize>,
        anchor: Option<Ymd>,
    ) -> Words<'a> {
        let hi = range.end.min(tokens.len());
        let lo = range.start.min(hi);
        Words { texts, tokens, lo, hi, anchor, headline: std::cell::OnceCell::new(), quarters: false }
    }

    /// Whether the sentence is a title-case headline (every word capitalized).
    pub fn headline(&self) -> bool {
        *self.headline.get_or_init(|| {
            let range = self.lo..self.hi;
            let words = self.texts.texts.get(range).unwrap_or(&[]);
            crate::words::title_case_words(words.iter().copied())
        })
    }

    /// The text of token `i`, or "" outside the sentence.
    pub fn get(&self, i: usize) -> &'a str {
        if i < self.lo || i >= self.hi {
            return "";
        }
        self.texts.texts.get(i).copied().unwrap_or("")
    }

    /// Token `i` in lowercase ASCII ("" when it is not short ASCII).
    pub fn key(&self, i: usize) -> Key<'a> {
        if i < self.lo || i >= self.hi {
            return Key("");
        }
        Key(self.texts.keys.get(i).copied().unwrap_or(""))
    }

    /// Token `i` equals `s`, ignoring ASCII case.
    pub fn is(&self, i: usize, s: &str) -> bool {
        self.get(i).eq_ignore_ascii_case(s)
    }

    /// Tokens `i..i + seq.len()` equal `seq`, ignoring ASCII case.
    pub fn seq(&self, i: usize, seq: &[&str]) -> bool {
        seq.iter().enumerate().all(|(k, s)| self.is(i + k, s))
    }

    /// Token `i` ends exactly where token `i + 1` starts.
    pub fn glued(&self, i: usize) -> bool {
        i + 1 < self.hi
            && self.tokens.get(i).zip(self.tokens.get(i + 1)).is_some_and(|(a, b)| a.span.end == b.span.start)
    }

    /// The span of tokens `start..end` (`end` exclusive, at least one token).
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.tokens.get(start).map_or(0, |t| t.span.start);
        let e = self.tokens.get(end.saturating_sub(1).max(start)).map_or(s, |t| t.span.end);
        Span::new(s, e.max(s))
    }

    /// Token `i` starts with an uppercase letter.
    pub fn capitalized(&self, i: usize) -> bool {
        self.get(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Token `i` starts with a lowercase letter.
    pub fn lowercase(&self, i: usize) -> bool {
        self.get(i).chars().next().is_some_and(char::is_lowercase)
    }
}

/// A plain numeral: "50", "2,000", "4.5", "1,000,000". Not "1.2.3", "0958" or "12,34".
pub(crate) fn parse_numeral(w: &str) -> Option<f64> {
    let bytes = w.as_bytes();
    if bytes.is_empty()
        || !bytes[0].is_ascii_digit()
        || !bytes.iter().all(|b| b.is_ascii_digit() || *b == b',' || *b == b'.')
    {
        return None;
    }
    let (int, frac) = match w.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (w, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let head = groups.next().unwrap_or("");
        if head.is_empty() || head.len() > 3 || !groups.all(|g| g.len() == 3) {
            return None;
        }
    } else if int.len() > 1 && int.starts_with('0') && frac.is_none() {
        return None;
    }
    // Parse without the group commas, from a stack buffer (no allocation).
    let mut buf = [0u8; 32];
    let mut len = 0;
    for b in bytes.iter().filter(|b| **b != b',') {
        *buf.get_mut(len)? = *b;
        len += 1;
    }
    std::str::from_utf8(buf.get(..len)?).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(parse_numeral("2,000"), Some(2000.0));
        assert_eq!(parse_numeral("4.5"), Some(4.5));
        assert_eq!(parse_numeral("0.25"), Some(0.25));
        assert_eq!(parse_numeral("1,000,000"), Some(1e6));
        assert_eq!(parse_numeral("1.2.3"), None);
        assert_eq!(parse_numeral("0958"), None);
        assert_eq!(parse_numeral("12,34"), None);
        assert_eq!(parse_numeral("HTML5"), None);
        assert_eq!(parse_numeral(""), None);
    }
}
