//! Boilerplate: lines of a pasted web page that are page furniture rather than article text
//! (player notices, share prompts, "Read more" links, image credits, "With reporting by …" credit lines).
//! They are flagged, never removed.
//!
//! Two kinds of spans:
//! - whole lines (without their line break) that are furniture: a line that starts with a furniture
//!   phrase ("Your browser doesn’t support HTML5", "Share this", "With reporting by Reuters"), a line
//!   that is only a share or print button label ("Share", "Tweet", "Print"), or a short photo credit line
//!   ("Photo: Jane Doe/Reuters", "John Smith/Getty Images");
//! - a media label at the start of a caption ("WATCH:", "LISTEN:", "VIDEO:"): only the label is
//!   furniture, the caption after it describes the story and stays article text.
//!
//! Matching ignores case and treats `’` as `'`; nothing is allocated per line.

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
    "share", "tweet", "email", "print", "copy link", "comments", "advertisement", "listen", "play", "skip ad",
    "close", "facebook", "twitter", "whatsapp", "linkedin",
];

/// Labels at the start of a caption; only the label is furniture.
const MEDIA_LABELS: &[&str] = &["watch:", "listen:", "video:", "audio:", "photos:", "gallery:"];

/// Picture agencies that close a credit line ("Jane Doe/Reuters").
const AGENCIES: &[&str] = &[
    "reuters", "getty images", "afp", "ap", "epa", "epa-efe", "shutterstock", "alamy", "pa", "pa images",
    "anadolu", "tass", "xinhua", "ap photo", "afp via getty images", "bloomberg",
];

/// Spans of boilerplate lines and media labels, in text order.
pub fn find(text: &str) -> Vec<Span> {
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

/// "Jane Doe/Reuters", "Photo by John Smith/AFP via Getty Images": a short line ending in "/Agency".
fn is_credit(line: &str) -> bool {
    if line.len() > 80 || line.ends_with(['.', '!', '?']) {
        return false;
    }
    let Some((_, agency)) = line.rsplit_once('/') else { return false };
    AGENCIES.iter().any(|a| equals_folded(agency.trim(), a))
}

/// Case-insensitive comparison with `’` read as `'`, for ASCII patterns.
fn fold(c: char) -> char {
    if c == '’' {
        '\''
    } else {
        c.to_ascii_lowercase()
    }
}

fn starts_with_folded(text: &str, pattern: &str) -> bool {
    let mut chars = text.chars();
    pattern.chars().all(|p| chars.next().is_some_and(|c| fold(c) == p))
}

fn equals_folded(text: &str, pattern: &str) -> bool {
    text.chars().count() == pattern.chars().count() && starts_with_folded(text, pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|s| &text[s.start..s.end]).collect()
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
}
