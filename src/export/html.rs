//! A self-contained HTML report: the text with entities highlighted (nested `<mark>` elements, human
//! edits outlined) beside lists of entities by type (their groups, most salient first, then ungrouped
//! mentions) and of quotes with their speakers.
//!
//! One file, inline CSS, no scripts, no external resources; every piece of the text is escaped. No
//! offsets: the report has none. Entities that cross each other (not nested) are split into several
//! `<mark>`s, closed and reopened around the inner boundary, so the markup stays well-formed.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::analysis::{Analysis, Entity, Label, Source};

const STYLE: &str = "\
body{margin:0;font:16px/1.6 system-ui,sans-serif;color:#1d1d1f;background:#fafafa}
main{display:flex;gap:2rem;max-width:72rem;margin:0 auto;padding:2rem}
article{flex:3;white-space:pre-wrap;background:#fff;padding:1.5rem;border-radius:6px;box-shadow:0 1px 3px #0002}
aside{flex:2;font-size:14px}
h1{font-size:1.3rem;margin:0 0 1rem}
h2{font-size:1.05rem;margin:1.2rem 0 .4rem}
h3{font-size:.95rem;margin:.8rem 0 .2rem}
ul,ol{margin:0;padding-left:1.2rem}
mark{border-radius:3px;padding:0 1px;color:inherit}
mark.src-user{outline:2px solid #333;outline-offset:-1px}
.count{color:#666;font-weight:normal}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em;vertical-align:baseline}
.l-per{background:#ffd7a8}.l-org{background:#b9e0ff}.l-loc{background:#c7f0c2}.l-misc{background:#ead1ff}
.l-date{background:#fff0a0}.l-time{background:#ffe9c4}.l-money{background:#c8f5e9}.l-percent{background:#d9f2c7}
.l-quantity{background:#e2e2f9}.l-cardinal{background:#e6e6e6}.l-ordinal{background:#f2e1d5}
mark.l-quote{background:#f4f0e6;border-bottom:2px solid #b59b62}
span.l-quote{background:#b59b62}
.src{color:#666;font-size:12px}
@media print{main{display:block}body{background:#fff}}
";

pub fn to_string(analysis: &Analysis) -> String {
    let title = title(&analysis.text);
    let mut out = String::with_capacity(analysis.text.len() * 3 + 4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&format!("Marginalia report: {title}")));
    let _ = write!(out, "<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n");
    out.push_str("<article>");
    highlighted(&mut out, analysis);
    out.push_str("</article>\n<aside>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    sidebar(&mut out, analysis);
    out.push_str("</aside>\n</main>\n</body>\n</html>\n");
    out
}

/// The first non-empty line, cut to 80 characters.
fn title(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("Untitled");
    let mut title: String = line.chars().take(80).collect();
    if line.chars().nth(80).is_some() {
        title.push('…');
    }
    title
}

/// Escapes the five characters that matter in HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn class(label: Label) -> String {
    format!("l-{}", label.as_str().to_ascii_lowercase())
}

fn open_mark(out: &mut String, entity: &Entity) {
    let _ = write!(
        out,
        "<mark class=\"{} src-{}\" title=\"{} · {}\">",
        class(entity.label),
        entity.source.as_str(),
        entity.label.as_str(),
        entity.source.as_str()
    );
}

/// The text with a `<mark>` per entity, nested; crossing entities are split.
fn highlighted(out: &mut String, analysis: &Analysis) {
    let text = analysis.text.as_str();
    let entities: Vec<&Entity> = analysis
        .entities
        .iter()
        .filter(|e| e.span.start < e.span.end && text.get(e.span.start..e.span.end).is_some())
        .collect();
    // Opening order: by start, outer spans first.
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| (entities[i].span.start, std::cmp::Reverse(entities[i].span.end), i));
    let mut boundaries: Vec<usize> = entities.iter().flat_map(|e| [e.span.start, e.span.end]).collect();
    boundaries.push(0);
    boundaries.push(text.len());
    boundaries.sort_unstable();
    boundaries.dedup();
    let mut stack: Vec<usize> = Vec::new();
    // Every entity starts at a boundary, so the ones to open at `pos` are the next in `order` that
    // start there (scanning all of `order` at every boundary would be quadratic).
    let mut next_to_open = 0;
    for pair in boundaries.windows(2) {
        let (pos, next) = (pair[0], pair[1]);
        let active = |i: usize| entities[i].span.start <= pos && pos < entities[i].span.end;
        // Close from the top down to the lowest entity that ended; reopen the ones still running.
        if let Some(lowest) = stack.iter().position(|&i| !active(i)) {
            let reopen: Vec<usize> = stack[lowest..].iter().copied().filter(|&i| active(i)).collect();
            for _ in lowest..stack.len() {
                out.push_str("</mark>");
            }
            stack.truncate(lowest);
            for i in reopen {
                open_mark(out, entities[i]);
                stack.push(i);
            }
        }
        while let Some(&i) = order.get(next_to_open).filter(|&&i| entities[i].span.start <= pos) {
            next_to_open += 1;
            if active(i) && !stack.contains(&i) {
                open_mark(out, entities[i]);
                stack.push(i);
            }
        }
        out.push_str(&escape(text.get(pos..next).unwrap_or("")));
    }
    for _ in &stack {
        out.push_str("</mark>");
    }
}

fn sidebar(out: &mut String, analysis: &Analysis) {
    let names: usize = analysis.entities.iter().filter(|e| e.label != Label::Quote).count();
    let _ = writeln!(out, "<h2>Entities <span class=\"count\">{names}</span></h2>");
    let mut grouped = vec![false; analysis.entities.len()];
    for group in &analysis.groups {
        for &m in &group.mentions {
            if let Some(slot) = grouped.get_mut(m) {
                *slot = true;
            }
        }
    }
    for label in Label::ALL {
        if label == Label::Quote {
            continue;
        }
        // Rows of (words, mentions, of which by a person): the label's groups, most salient first,
        // then the surfaces of its entities in no group, in text order.
        let mut rows: Vec<(&str, usize, usize)> = Vec::new();
        for group in analysis.groups.iter().filter(|g| g.label == label) {
            let mentions: Vec<&Entity> = group.mentions.iter().filter_map(|&m| analysis.entities.get(m)).collect();
            let by_user = mentions.iter().filter(|e| e.source == Source::User).count();
            rows.push((group.canonical.as_str(), mentions.len(), by_user));
        }
        let mut surfaces: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, entity) in analysis.entities.iter().enumerate() {
            if entity.label != label || grouped.get(i).copied().unwrap_or(false) {
                continue;
            }
            let surface = analysis.slice(entity.span);
            let row = *surfaces.entry(surface).or_insert_with(|| {
                rows.push((surface, 0, 0));
                rows.len() - 1
            });
            rows[row].1 += 1;
            if entity.source == Source::User {
                rows[row].2 += 1;
            }
        }
        if rows.is_empty() {
            continue;
        }
        let total: usize = rows.iter().map(|r| r.1).sum();
        let _ = writeln!(
            out,
            "<h3><span class=\"swatch {}\"></span>{} <span class=\"count\">{total}</span></h3>\n<ul>",
            class(label),
            escape(label.description())
        );
        for (words, n, by_user) in rows {
            let _ = write!(out, "<li>{}", escape(words));
            if n > 1 {
                let _ = write!(out, " <span class=\"count\">×{n}</span>");
            }
            if by_user > 0 {
                out.push_str(" <span class=\"src\">(edited)</span>");
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    let quotes: Vec<_> = analysis.quotes.iter().filter(|q| !analysis.slice(q.span).is_empty()).collect();
    if !quotes.is_empty() {
        let _ = writeln!(out, "<h2>Quotes <span class=\"count\">{}</span></h2>\n<ol>", quotes.len());
        for quote in quotes {
            let _ = write!(out, "<li>{}", escape(analysis.slice(quote.span)));
            if let Some(speaker) = quote.speaker {
                let _ = write!(out, " <span class=\"src\">— {}</span>", escape(analysis.slice(speaker)));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    out.push_str(
        "<h2>Key</h2>\n<p class=\"src\">Highlights are the machine's suggestions; outlined ones were \
         added or changed by a person.</p>\n",
    );
}
