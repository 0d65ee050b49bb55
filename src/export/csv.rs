//! Entities as CSV (RFC 4180: comma-separated, CRLF between records, fields with a comma, quote or
//! line break wrapped in double quotes with inner quotes doubled), one row per entity:
//! `label,text,start,end,sentence,source,group`.
//!
//! `start` and `end` are code points; `sentence` is the 1-based number of the sentence the entity
//! starts in (empty when it starts outside every sentence); `group` is the canonical name of the
//! entity group the mention belongs to (`Analysis::groups`), empty for entities in none. Quoting is written out here rather than taken from a crate: it is the one rule above.

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
                analysis.slice(entity.span).to_owned(),
                index.char_offset(entity.span.start).to_string(),
                index.char_offset(entity.span.end).to_string(),
                sentence,
                entity.source.as_str().to_owned(),
                group_of.get(i).copied().unwrap_or("").to_owned(),
            ]
            .into_iter(),
        );
    }
    out
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
