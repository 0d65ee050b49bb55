//! Numbers and dates: rule-based recognition of DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL and
//! ORDINAL spans, with normalized values.
//!
//! First version: digits, percent signs, currency symbols, years and month-day dates.

use crate::analysis::{Entity, Label, Sentence, Source, Token, Value};
use crate::span::Span;

const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
];

pub fn find(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Entity> {
    let _ = sentences;
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let w = word(text, tokens[i]);
        let next = tokens.get(i + 1).map(|t| word(text, *t));
        if let Some(m) = MONTHS.iter().position(|m| *m == w) {
            if let Some(day) = next.and_then(|n| n.parse::<u32>().ok()).filter(|d| (1..=31).contains(d)) {
                let iso = format!("--{:02}-{:02}", m + 1, day);
                let span = Span::new(tokens[i].span.start, tokens[i + 1].span.end);
                out.push(Entity { span, label: Label::Date, source: Source::Rule, value: Some(Value::Date { iso }) });
                i += 2;
                continue;
            }
        }
        if let Some(n) = parse_number(w) {
            let span = tokens[i].span;
            if next == Some("%") || next == Some("percent") {
                let span = span.cover(tokens[i + 1].span);
                out.push(Entity { span, label: Label::Percent, source: Source::Rule, value: Some(Value::Percent { value: n }) });
                i += 2;
                continue;
            }
            let currency = i.checked_sub(1).map(|p| word(text, tokens[p])).and_then(|p| match p {
                "$" => Some("USD"),
                "€" => Some("EUR"),
                "£" => Some("GBP"),
                _ => None,
            });
            if let Some(currency) = currency {
                let span = tokens[i - 1].span.cover(span);
                out.push(Entity { span, label: Label::Money, source: Source::Rule, value: Some(Value::Money { amount: n, currency: currency.into() }) });
            } else if w.len() == 4 && (1800.0..2100.0).contains(&n) && !w.contains(['.', ',']) {
                out.push(Entity { span, label: Label::Date, source: Source::Rule, value: Some(Value::Date { iso: w.to_owned() }) });
            } else {
                let value = Value::Number { value: n, max: None, approximate: false, qualifier: None };
                out.push(Entity { span, label: Label::Cardinal, source: Source::Rule, value: Some(value) });
            }
        }
        i += 1;
    }
    out
}

fn word(text: &str, t: Token) -> &str {
    &text[t.span.start..t.span.end]
}

fn parse_number(w: &str) -> Option<f64> {
    if !w.starts_with(|c: char| c.is_ascii_digit()) || !w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return None;
    }
    w.replace(',', "").parse().ok()
}
