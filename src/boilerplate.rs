//! Boilerplate: lines of a pasted web page that are page furniture rather than article text
//! (player notices, "WATCH:" captions, share prompts, credit lines). They are flagged, never removed.

use crate::span::Span;

/// Line starts (lowercased) that mark a whole line as furniture.
const LINE_STARTS: &[&str] = &[
    "your browser doesn",
    "your browser does not",
    "watch:",
    "watch |",
    "read more",
    "share this",
    "share on",
    "click here",
    "sign up for",
    "subscribe to",
    "advertisement",
    "image copyright",
    "image caption",
    "media caption",
    "photo:",
    "photograph:",
    "getty images",
    "with reporting by",
    "additional reporting by",
    "reporting by",
    "related:",
    "see also:",
];

/// Spans of the boilerplate lines (without their line break), in text order.
pub fn find(text: &str) -> Vec<Span> {
    let mut found = Vec::new();
    let mut start = 0usize;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        let lead = body.len() - trimmed.len();
        let lower: String = trimmed.chars().take(40).flat_map(char::to_lowercase).collect();
        let lower = lower.replace('’', "'");
        if !trimmed.is_empty() && LINE_STARTS.iter().any(|p| lower.starts_with(&p.replace('’', "'"))) {
            found.push(Span::new(start + lead, start + body.trim_end().len()));
        }
        start += line.len();
    }
    found
}
