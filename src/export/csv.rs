//! Entities as CSV (RFC 4180: comma-separated, CRLF between records, fields with a comma, quote or
//! line break wrapped in double quotes with inner quotes doubled), one row per entity:
//! `label,text,start,end,sentence,source,group`.
//!
//! `start` and `end` are code points; `sentence` is the 1-based number of the sentence the entity
//! starts in (empty when it starts outside every sentence); `group` is the canonical name of the
//! entity group the mention belongs to (`Analysis::groups`), empty for entities in none. Quoting is written out here rather than taken from a crate: it is the one rule above.
//!
//! Spreadsheets run a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula,
//! so a `text` or `group` field that begins with one of them gets a leading `'` (the OWASP advice
//! against CSV injection); spreadsheets hide it, and `start`/`end` still locate the exact text.

use crate::analysis::Analysis;
use crate::offsets::OffsetIndex;

pub const HEADER: [&str; 7] = ["label", "text", "start", "end", "sentence", "source", "group"];

pub fn to_string(analysis: &Analysis) -> String {
    let index = OffsetIndex::new(&analysis.text);
    let mut group_of: Vec<&str> = vec![""; analysis.entities.len()];
    for group in &analysis.groups {
        for &m in &group.mentions {
            if let Some(slot) = group_of.get_mut(m) {
                *slot = &group.canonical;
            }
        }
    }
    let mut out = String::new();
    push_record(&mut out, HEADER.iter().map(|h| h.to_string()));
    for (i, entity) in analysis.entities.iter().enumerate() {
        let sentence = analysis.sentence_at(entity.span.start).map(|s| (s + 1).to_string()).unwrap_or_default();
        push_record(
            &mut out,
            [
                entity.label.as_str().to_owned(),
                inert(analysis.slice(entity.span)),
                index.char_offset(entity.span.start).to_string(),
                index.char_offset(entity.span.end).to_string(),
                sentence,
                entity.source.as_str().to_owned(),
                inert(group_of.get(i).copied().unwrap_or("")),
            ]
            .into_iter(),
        );
    }
    out
}

/// A text field a spreadsheet will not run as a formula.
fn inert(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_owned()
    }
}

fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn formula_starts_are_made_inert() {
        for (field, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-5%", "'-5%"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("Nur-Sultan", "Nur-Sultan"),
            ("", ""),
        ] {
            assert_eq!(inert(field), written);
        }
    }
}
