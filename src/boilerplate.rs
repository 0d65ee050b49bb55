//! Boilerplate: lines of a pasted web page that are page furniture rather than article text
//! (player notices, share prompts, "Read more" links, image credits, "With reporting by …" credit lines).
//! They are flagged, never removed.
//!
//! Three kinds of spans:
//! - whole lines (without their line break) that are furniture: a line that starts with a furniture
//!   phrase ("Your browser doesn’t support HTML5", "Share this", "With reporting by Reuters"), a line
//!   that is only a share or print button label ("Share", "Tweet", "Print"), or a short photo credit line
//!   ("Photo: Jane Doe/Reuters", "John Smith/Getty Images");
//! - a media label at the start of a caption ("WATCH:", "LISTEN:", "VIDEO:"): only the label is
//!   furniture, the caption after it describes the story and stays article text;
//! - furniture run into the prose, as it is when a page is copied as plain text or a corpus flattened
//!   it: a sentence that opens with a furniture phrase or a media label ("Scroll down for video", "READ
//!   MORE: …", "Watch: …", "Sorry we are not currently accepting comments on this article"), a credit
//!   sentence ("CNN's Jane Doe contributed to this report."), a caption sentence that places the people
//!   in a picture ("The minister (left) arrives at the summit"), and, inside a sentence, the
//!   parenthetical that points at a picture ("(pictured)", "(pictured with his wife)") or credits one
//!   ("(Photo: Jane Doe/AFP)", "(Mandatory Credit: …)") or credits the reporting ("(Reporting by Jane
//!   Doe; Editing by John Roe)") or notes a correction or an update ("(This story corrects …)", "(Refiles
//!   to …)", "(Updates with …)"), a wire's standards line ("Our Standards: …"), a photo credit run into a
//!   caption ("Jane Doe/Pool via REUTERS", "REUTERS/Jane Doe") and a wire service's sign-off after a dash
//!   ("-- Field Level Media"). Only the sentence, the parenthetical or the sign-off is flagged; names
//!   inside stay names;
//! - a page header flattened into the first sentences (byline, publication and update stamps).
//!
//! Matching ignores case and treats `’` as `'`; nothing is allocated per line.

use crate::analysis::Sentence;
use crate::span::Span;

/// Line starts that mark a whole line as furniture.
const LINE_STARTS: &[&str] = &[
    "your browser doesn't support",
    "your browser does not support",
    "your browser doesn't have",
    "this video is not available",
    "this video can not be played",
    "this video cannot be played",
    "media playback is unsupported",
    "please enable javascript",
    "to view this video",
    "read more",
    "read also",
    "also read",
    "share this",
    "share on",
    "share via",
    "click here",
    "sign up for",
    "subscribe to",
    "follow us on",
    "advertisement",
    "image copyright",
    "image caption",
    "media caption",
    "image source",
    "photo:",
    "photograph:",
    "photo credit",
    "picture:",
    "image:",
    "credit:",
    "mandatory credit",
    "getty images",
    "with reporting by",
    "additional reporting by",
    "reporting by",
    "writing by",
    "editing by",
    "compiled by",
    "related:",
    "see also:",
    "copyright ©",
    "©",
    "all rights reserved",
];

/// Lines that are only a button label.
const BUTTON_LINES: &[&str] = &[
    "share",
    "tweet",
    "email",
    "print",
    "copy link",
    "comments",
    "advertisement",
    "listen",
    "play",
    "skip ad",
    "close",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
];

/// Labels at the start of a caption; only the label is furniture.
const MEDIA_LABELS: &[&str] = &["watch:", "listen:", "video:", "audio:", "photos:", "gallery:"];

/// Picture agencies that close a credit line ("Jane Doe/Reuters").
const AGENCIES: &[&str] = &[
    "reuters",
    "getty images",
    "afp",
    "ap",
    "epa",
    "epa-efe",
    "shutterstock",
    "alamy",
    "pa",
    "pa images",
    "anadolu",
    "tass",
    "xinhua",
    "ap photo",
    "afp via getty images",
    "bloomberg",
];

/// Sentence starts that mark a sentence run into the prose as furniture (besides `LINE_STARTS` and the
/// media labels).
const SENTENCE_STARTS: &[&str] = &[
    "scroll down for",
    "scroll down to",
    "sorry we are not currently accepting comments",
    "sorry, we are not currently accepting comments",
    "comments are closed",
    "share or comment on this article",
    "share your thoughts",
    "email your story ideas",
    "like us on facebook",
    "follow us on",
    "published:",
    "updated:",
    "last updated at",
    "last updated:",
    "our standards:",
];

/// Phrases that make the whole sentence that holds them furniture.
const SENTENCE_PHRASES: &[&str] = &[
    "contributed to this report",
    "contributed to this story",
    "contributed reporting",
    "scroll down for video",
    "accepting comments on this article",
];

/// A piece of each of `SENTENCE_PHRASES`, as written in lower and in upper case: a sentence that holds
/// none of them is not searched for the phrases at all, which keeps the check to one fast substring
/// search per piece for almost every sentence.
const PHRASE_HINTS: &[&str] = &["ontribut", "ONTRIBUT", "croll down", "CROLL DOWN", "ccepting comm", "CCEPTING COMM"];

/// Words of a parenthetical that places people in a picture: "(left)", "(second right)", "(top left)",
/// "(left to right)", "(l-r)".
const PLACES_IN_PICTURE: &[&str] = &[
    "left",
    "right",
    "centre",
    "center",
    "middle",
    "above",
    "below",
    "top",
    "bottom",
    "inset",
    "far",
    "second",
    "third",
    "front",
    "back",
    "row",
    "to",
    "from",
    "and",
    "l-r",
    "l",
    "r",
    "clockwise",
];

/// Starts of a parenthetical that points at or credits a picture, or credits the story's reporting
/// ("(Reporting by Jane Doe; Editing by John Roe)").
const PICTURE_NOTES: &[&str] = &[
    "pictured",
    "photo:",
    "photo by",
    "picture:",
    "image:",
    "credit:",
    "mandatory credit",
    "this story has been",
    "this story corrects",
    "this story refiles",
    "refiles to",
    "corrects ",
    "updates with",
    "adds comment",
    "adds details",
    "file photo",
    "main picture",
    "main image",
    "reporting by",
    "additional reporting by",
    "writing by",
    "editing by",
    "compiled by",
];

/// Wire services whose name closes a story after a dash ("-- Field Level Media").
const SIGN_OFFS: &[&str] = &["field level media"];

/// Spans of boilerplate lines, media labels and furniture run into the prose, in text order.
pub fn find(text: &str, sentences: &[Sentence]) -> Vec<Span> {
    let mut found = find_lines(text);
    let lines = found.len();
    let mut line = 0;
    for sentence in sentences {
        while line < lines && found[line].end <= sentence.span.start {
            line += 1;
        }
        if line < lines && found[line].overlaps(sentence.span) {
            continue;
        }
        run_in(text, sentence.span, &mut found);
    }
    page_header(text, sentences, &mut found);
    found.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    found
}

/// Furniture inside one sentence that no line-level span covers.
fn run_in(text: &str, span: Span, found: &mut Vec<Span>) {
    let Some(sentence) = text.get(span.start..span.end) else { return };
    let whole = LINE_STARTS.iter().chain(SENTENCE_STARTS).any(|p| starts_with_folded(sentence, p))
        || MEDIA_LABELS.iter().any(|l| starts_with_folded(sentence, l))
        || (PHRASE_HINTS.iter().any(|h| sentence.contains(h))
            && SENTENCE_PHRASES.iter().any(|p| contains_folded(sentence, p)));
    if whole || is_credit(sentence.trim_end_matches(['.', ' '])) {
        found.push(span);
        return;
    }
    if let Some(start) = sign_off(sentence) {
        found.push(Span::new(span.start + start, span.end));
        return;
    }
    let mut parentheticals = Vec::new();
    let mut rest = sentence;
    let mut offset = 0;
    while let Some(open) = rest.find('(') {
        let Some(len) = rest[open..].find(')') else { break };
        let inner = &rest[open + 1..open + len];
        let start = span.start + offset + open;
        let end = start + len + 1;
        if is_place_in_picture(inner) {
            found.push(span);
            return;
        }
        if PICTURE_NOTES.iter().any(|p| starts_with_folded(inner.trim_start(), p)) || is_credit(inner) {
            // The space before the parenthetical goes with it, so the sentence reads on without it.
            let within = &text[span.start..start];
            let before = within.len() - within.trim_end_matches(' ').len();
            parentheticals.push(Span::new(start - before, end));
        }
        offset += open + len + 1;
        rest = &rest[open + len + 1..];
    }
    found.extend(parentheticals);
}

/// A page header flattened into the first sentences: "By . Jane Doe . PUBLISHED: . 10:07 EST, 3 March
/// 2015 . | . UPDATED: . 11:15 EST, 3 March 2015 . The story…". When the text opens with a byline
/// ("By …") or a publication stamp, every sentence up to the story is furniture: short bylines and
/// names in capitals ("Daily Mail Reporter ."), the stamps, their time-of-day lines, and separators.
fn page_header(text: &str, sentences: &[Sentence], found: &mut Vec<Span>) {
    let words = |t: &str| t.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    let stamp = |t: &str| {
        ["published", "updated", "last updated", "|"].iter().any(|p| starts_with_folded(t, p))
            || (t.starts_with(|c: char| c.is_ascii_digit())
                && words(t) <= 8
                && ["EST", "EDT", "GMT", "BST", "UTC", "PST", "CET"].iter().any(|z| t.contains(z)))
    };
    // "By", "By Jane Doe", "By Jane Doe and John Roe for MailOnline": names, not a sentence.
    let byline = |t: &str| {
        t == "By"
            || (t.starts_with("By ")
                && words(t) <= 8
                && t[3..].split_whitespace().all(|w| {
                    w.starts_with(|c: char| c.is_uppercase()) || matches!(w, "and" | "for" | "in" | "," | "|")
                }))
    };
    let capitalized_name = |t: &str| {
        let ws: Vec<&str> = t.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
        !ws.is_empty() && ws.len() <= 5 && ws.iter().all(|w| w.starts_with(|c: char| c.is_uppercase()))
    };
    let body = |s: &Sentence| text.get(s.span.start..s.span.end).unwrap_or("").trim_end_matches(['.', ' ']).trim();
    let Some(first) = sentences.first() else { return };
    if !(byline(body(first)) || stamp(body(first))) {
        return;
    }
    for sentence in sentences.iter().take(20) {
        let t = body(sentence);
        if t.is_empty() || byline(t) || stamp(t) || capitalized_name(t) {
            if !found.iter().any(|f| f.overlaps(sentence.span)) {
                found.push(sentence.span);
            }
        } else {
            break;
        }
    }
}

/// "left", "second right", "top left", "left to right", "l-r": only words that place people in a picture.
fn is_place_in_picture(inner: &str) -> bool {
    let mut words =
        inner.split(|c: char| c.is_whitespace() || c == ',' || c == '.').filter(|w| !w.is_empty()).peekable();
    words.peek().is_some()
        && inner.len() <= 30
        && words.all(|w| PLACES_IN_PICTURE.iter().any(|p| equals_folded(w, p)))
        && !equals_folded(inner.trim(), "to")
        && !equals_folded(inner.trim(), "and")
}

/// Spans of boilerplate lines and media labels, in text order.
fn find_lines(text: &str) -> Vec<Span> {
    let mut found = Vec::new();
    let mut start = 0usize;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        let lead = body.len() - trimmed.len();
        let content = trimmed.trim_end();
        let line_span = Span::new(start + lead, start + lead + content.len());
        if !content.is_empty() {
            if is_furniture_line(content) {
                found.push(line_span);
            } else if let Some(label) = MEDIA_LABELS.iter().find(|l| starts_with_folded(content, l)) {
                found.push(Span::new(line_span.start, line_span.start + label.len()));
            }
        }
        start += line.len();
    }
    found
}

fn is_furniture_line(line: &str) -> bool {
    LINE_STARTS.iter().any(|p| starts_with_folded(line, p))
        || BUTTON_LINES.iter().any(|b| equals_folded(line, b))
        || is_credit(line)
}

/// "Jane Doe/Reuters", "Photo by John Smith/AFP via Getty Images", "Jane Doe/Pool via REUTERS": a short
/// line ending in "/Agency" or "/… via Agency"; or "REUTERS/Jane Doe": an agency in capitals, a slash and
/// a few words.
fn is_credit(line: &str) -> bool {
    if line.len() > 80 || line.ends_with(['.', '!', '?']) {
        return false;
    }
    let Some((_, agency)) = line.rsplit_once('/') else { return false };
    let is_agency = |a: &str| AGENCIES.iter().any(|p| equals_folded(a.trim(), p));
    if is_agency(agency) || agency.rsplit_once(" via ").is_some_and(|(_, a)| is_agency(a)) {
        return true;
    }
    let (first, rest) = line.split_once('/').unwrap_or((line, ""));
    is_agency(first)
        && !first.chars().any(char::is_lowercase)
        && rest.split_whitespace().count() <= 6
        && rest.starts_with(char::is_uppercase)
}

/// Where a sentence's closing sign-off starts: the dash before a wire service's name that ends the
/// sentence ("… won 3-1. -- Field Level Media", "… won 3-1 — Field Level Media"), or the sentence's start
/// when the sign-off is all of it.
fn sign_off(sentence: &str) -> Option<usize> {
    let body = sentence.trim_end_matches(['.', ' ']);
    let name = SIGN_OFFS.iter().find(|s| {
        body.len() >= s.len()
            && body.is_char_boundary(body.len() - s.len())
            && equals_folded(&body[body.len() - s.len()..], s)
    })?;
    let before = body[..body.len() - name.len()].trim_end();
    let dashless = before.trim_end_matches(['-', '\u{2013}', '\u{2014}']);
    if dashless.len() == before.len() {
        return before.is_empty().then_some(0);
    }
    Some(dashless.len())
}

/// Case-insensitive comparison with `’` read as `'`, for ASCII patterns.
fn fold(c: char) -> char {
    if c == '’' {
        '\''
    } else {
        c.to_ascii_lowercase()
    }
}

/// Whether `text` begins with `pattern` (ASCII, lowercase) read through `fold`. Most calls fail at the first
/// character: its first byte, lowercased, is compared before any character is decoded (an ASCII pattern byte
/// can equal a folded character only if the text's first byte is that byte in either case, or the first byte
/// of `’`, which folds to `'`).
fn starts_with_folded(text: &str, pattern: &str) -> bool {
    if let (Some(&t), Some(&p)) = (text.as_bytes().first(), pattern.as_bytes().first()) {
        if t.to_ascii_lowercase() != p && t != 0xE2 {
            return false;
        }
    }
    let mut chars = text.chars();
    pattern.chars().all(|p| chars.next().is_some_and(|c| fold(c) == p))
}

fn contains_folded(text: &str, pattern: &str) -> bool {
    let first = pattern.chars().next().unwrap_or(' ');
    text.char_indices().any(|(i, c)| fold(c) == first && starts_with_folded(&text[i..], pattern))
}

fn equals_folded(text: &str, pattern: &str) -> bool {
    // As many characters as the pattern, each equal to its folded character: walked together, so that a
    // long text is not counted to the end for each pattern.
    let mut chars = text.chars();
    starts_with_folded(text, pattern) && pattern.chars().all(|_| chars.next().is_some()) && chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<&str> {
        let sentences = crate::sentences::split(text, &crate::tokenize::tokenize(text));
        find(text, &sentences).into_iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn lines_and_labels() {
        let text = "Title\n\nYour browser doesn’t support HTML5\n\nWATCH: Police detained protesters.\n  Share  \nJane Doe/Reuters\nThe share price fell.\nWith reporting by Reuters";
        assert_eq!(
            flagged(text),
            ["Your browser doesn’t support HTML5", "WATCH:", "Share", "Jane Doe/Reuters", "With reporting by Reuters"]
        );
        assert!(flagged("").is_empty());
    }

    #[test]
    fn folded_comparisons_agree_with_their_definitions() {
        // The definitions: character by character through `fold`, and as many characters as the pattern.
        let starts = |t: &str, p: &str| {
            let mut chars = t.chars();
            p.chars().all(|p| chars.next().is_some_and(|c| fold(c) == p))
        };
        let equals = |t: &str, p: &str| t.chars().count() == p.chars().count() && starts(t, p);
        let texts = [
            "",
            "S",
            "Share",
            "SHARE",
            "share this",
            "Share this story",
            "’s",
            "’",
            "'s",
            "©",
            "© 2020",
            "Copyright ©",
            "copyright ©",
            "Ünited",
            "éclair",
            "Read more",
            "READ MORE…",
            "credit:",
            "Credit: X",
            "x",
            "\u{2019}Tis",
            "Tweet",
            "tweets",
        ];
        let patterns =
            LINE_STARTS.iter().chain(BUTTON_LINES).chain(SENTENCE_STARTS).chain(MEDIA_LABELS).chain(&["'s", "'"]);
        for p in patterns {
            for t in texts.iter().copied().chain(LINE_STARTS.iter().copied()).chain(BUTTON_LINES.iter().copied()) {
                let upper = t.to_uppercase();
                for t in [t, upper.as_str()] {
                    assert_eq!(starts_with_folded(t, p), starts(t, p), "{t:?} starts with {p:?}");
                    assert_eq!(equals_folded(t, p), equals(t, p), "{t:?} equals {p:?}");
                }
            }
        }
    }
}
