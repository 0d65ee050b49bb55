//! `marginalia eval-quotes FILE [--errors]`: scores quotations and their speakers against a JSONL file of
//! gold quotes (one object per line: `text`, `quotes` with `start`, `end` in code points, marks included,
//! and `speaker_spans`, code-point ranges of the speaker as written, empty when no source is named).
//!
//! - detection: a predicted quote matches a gold quote when they overlap by at least half of the longer
//!   of the two (one to one, in text order);
//! - attribution, over matched quotes: strict when the predicted speaker mention overlaps a gold speaker
//!   span (or both have none); lenient when, besides, the predicted speaker's entity group holds a
//!   mention overlapping a gold speaker span;
//! - end to end: a gold quote found with its strict speaker right, as precision, recall and F1.
//!
//! `--errors` also prints each attribution mistake (`WRONG`: quote, gold speaker, predicted mention), each
//! gold quote not found (`MISSED`) and each predicted quote matching no gold quote (`EXTRA`). The text is
//! analyzed by the library's `analyze`; this file converts offsets and counts.

use marginalia::offsets::OffsetIndex;
use marginalia::{analyze, Analysis, Options, Span};
use serde_json::Value as Json;

#[derive(Default)]
struct Counts {
    documents: usize,
    gold: usize,
    predicted: usize,
    matched: usize,
    strict: usize,
    lenient: usize,
    /// Matched quotes whose gold names a speaker but the prediction has none.
    no_speaker: usize,
}

/// A code-point range.
type Range = (usize, usize);

fn overlaps(a: Range, b: Range) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Whether two quotes overlap by at least half of the longer one.
fn same_quote(a: Range, b: Range) -> bool {
    let overlap = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let longer = (a.1 - a.0).max(b.1 - b.0);
    longer > 0 && 2 * overlap >= longer
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut path = None;
    let mut errors = false;
    for a in args {
        match a.as_str() {
            "--errors" => errors = true,
            other => path = Some(other),
        }
    }
    let path = path.ok_or("eval-quotes needs a JSONL file")?;
    let contents = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let options = Options::default();
    let mut c = Counts::default();
    for (n, line) in contents.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: Json = serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let text = doc["text"].as_str().ok_or_else(|| format!("{path}:{}: no \"text\"", n + 1))?;
        let gold: Vec<(Range, Vec<Range>)> = doc["quotes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|q| {
                let at = |v: &Json| v.as_u64().unwrap_or(0) as usize;
                let spans =
                    q["speaker_spans"].as_array().into_iter().flatten().map(|s| (at(&s[0]), at(&s[1]))).collect();
                ((at(&q["start"]), at(&q["end"])), spans)
            })
            .collect();
        let analysis = analyze(text, &options);
        score(&analysis, &gold, &mut c, errors.then_some(text));
    }
    print_table(&c);
    Ok(())
}

fn score(analysis: &Analysis, gold: &[(Range, Vec<Range>)], c: &mut Counts, errors: Option<&str>) {
    let index = OffsetIndex::new(&analysis.text);
    let cp = |s: Span| (index.at(s.start).0, index.at(s.end).0);
    c.documents += 1;
    c.gold += gold.len();
    c.predicted += analysis.quotes.len();
    let mut used = vec![false; analysis.quotes.len()];
    for (quote, speakers) in gold {
        let Some(k) = (0..analysis.quotes.len()).find(|&k| !used[k] && same_quote(cp(analysis.quotes[k].span), *quote))
        else {
            if let Some(text) = errors {
                println!("MISSED\t{}", context(text, *quote));
            }
            continue;
        };
        used[k] = true;
        c.matched += 1;
        let q = &analysis.quotes[k];
        let mention = q.mention.map(cp);
        let strict = match mention {
            Some(m) => speakers.iter().any(|&s| overlaps(m, s)),
            None => speakers.is_empty(),
        };
        // The group holding the speaker's entity: any of its mentions overlapping the gold speaker.
        let lenient = strict
            || q.speaker_entity.is_some_and(|e| {
                analysis.groups.iter().filter(|g| g.mentions.contains(&e)).any(|g| {
                    g.mentions.iter().filter_map(|&m| analysis.entities.get(m)).any(|m| {
                        let m = cp(m.span);
                        speakers.iter().any(|&s| overlaps(m, s))
                    })
                })
            });
        c.strict += usize::from(strict);
        c.lenient += usize::from(lenient);
        c.no_speaker += usize::from(mention.is_none() && !speakers.is_empty());
        if let (false, Some(text)) = (strict, errors) {
            let slice = |r: Range| text.chars().skip(r.0).take(r.1 - r.0).collect::<String>();
            let gold_speaker: Vec<String> = speakers.iter().map(|&s| slice(s)).collect();
            let quote_text: String = slice(*quote).chars().take(70).collect();
            let before = slice((quote.0.saturating_sub(100), quote.0));
            let after: String = slice((quote.1, quote.1 + 60));
            println!(
                "WRONG\t{}\tgold={:?}\tgot={:?}\t{} [[{}]] {}",
                if mention.is_none() { "none" } else { "wrong" },
                gold_speaker.join(" | "),
                mention.map(slice).unwrap_or_default(),
                before.replace('\n', " "),
                quote_text.replace('\n', " "),
                after.replace('\n', " ")
            );
        }
    }
    if let Some(text) = errors {
        for (q, _) in analysis.quotes.iter().zip(&used).filter(|(_, &u)| !u) {
            println!("EXTRA\t{}", context(text, cp(q.span)));
        }
    }
}

/// A quote in its context, on one line: `… before [[quote]] after …`.
fn context(text: &str, r: Range) -> String {
    let slice = |r: Range| text.chars().skip(r.0).take(r.1 - r.0).collect::<String>();
    let line = format!("{} [[{}]] {}", slice((r.0.saturating_sub(80), r.0)), slice(r), slice((r.1, r.1 + 50)));
    line.replace('\n', " ")
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn print_table(c: &Counts) {
    let (dp, dr) = (ratio(c.matched, c.predicted), ratio(c.matched, c.gold));
    let (ep, er) = (ratio(c.strict, c.predicted), ratio(c.strict, c.gold));
    out!("{} documents, {} gold quotes, {} predicted, {} matched", c.documents, c.gold, c.predicted, c.matched);
    out!("{:<34} {:>9} {:>9} {:>9}", "", "precision", "recall", "F1");
    out!("{:<34} {:>9.3} {:>9.3} {:>9.3}", "detection", dp, dr, f1(dp, dr));
    out!("{:<34} {:>9.3} {:>9.3} {:>9.3}", "end to end (found, strict speaker)", ep, er, f1(ep, er));
    out!("{:<34} {:>9}", "", "of found");
    out!("{:<34} {:>9.3}   ({} of {})", "attribution, strict", ratio(c.strict, c.matched), c.strict, c.matched);
    out!("{:<34} {:>9.3}   ({} of {})", "attribution, lenient", ratio(c.lenient, c.matched), c.lenient, c.matched);
    out!(
        "{:<34} {:>9.3}   ({} of {})",
        "no speaker where gold has one",
        ratio(c.no_speaker, c.matched),
        c.no_speaker,
        c.matched
    );
}
