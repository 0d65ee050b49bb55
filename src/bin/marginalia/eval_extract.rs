//! `marginalia eval-extract DIR GOLD.json`: article extraction scored as the ScrapingHub
//! article-extraction benchmark scores it.
//!
//! Per page, the predicted body (`Extracted::body`: the extracted paragraphs less the title line and
//! the furniture) and the gold `articleBody` become multisets of 4-gram shingles of lower-cased word
//! tokens (`\w+` runs; a text of fewer than four words is one shingle); true positives are the shared
//! shingles. Per-page precision is tp / (tp + fp) (1 when neither text has a shingle, 0 when only the
//! prediction is empty), recall likewise; both are averaged over pages, and F1 is taken from the two
//! averages. Pages are `DIR/KEY.html.gz` (or `DIR/KEY.html`) for each key of the gold file.
//!
//! It also prints how often the metadata gives a publication date, authors and a title, and how often
//! the canonical URL is the gold `url` (scheme, `www.`, query and trailing slash aside); the time
//! `extract` takes per page (mean, median, max: run a release build); and the ten pages with the lowest
//! F1, each with its precision, recall and a one-line guess at the cause from the two bodies' lengths.

use std::collections::HashMap;
use std::io::Read;
use std::time::Instant;

use marginalia::extract;

pub fn run(args: &[String]) -> Result<(), String> {
    let [dir, gold_path] = args else {
        return Err("eval-extract needs a directory of pages and a ground-truth JSON file".to_owned());
    };
    let gold_text = std::fs::read_to_string(gold_path).map_err(|e| format!("cannot read {gold_path}: {e}"))?;
    let gold: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&gold_text).map_err(|e| format!("{gold_path}: {e}"))?;
    let verbose = std::env::var_os("MARGINALIA_EVAL_VERBOSE").is_some();
    let mut rows = Vec::new();
    let mut times_ms = Vec::new();
    let (mut dated, mut authored, mut titled, mut urls, mut urls_gold) = (0, 0, 0, 0, 0);
    for (key, entry) in &gold {
        let body = entry.get("articleBody").and_then(|b| b.as_str()).unwrap_or("");
        let Some(bytes) = read_page(dir, key)? else {
            continue;
        };
        let html = decode_page(bytes);
        let start = Instant::now();
        let extracted = extract::extract(&html);
        times_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        let predicted = extracted.body();
        let (p, r) = precision_recall(body, &predicted);
        if verbose {
            eprintln!("{key}\t{p:.3}\t{r:.3}");
        }
        let meta = &extracted.metadata;
        dated += usize::from(meta.published.is_some());
        authored += usize::from(!meta.authors.is_empty());
        titled += usize::from(meta.title.is_some());
        if let Some(gold_url) = entry.get("url").and_then(|u| u.as_str()) {
            urls_gold += 1;
            urls += usize::from(meta.url.as_deref().is_some_and(|u| same_url(u, gold_url)));
        }
        let hint = reason(body, &predicted, p, r, extracted.title.is_some());
        rows.push(Row { key: key.clone(), precision: p, recall: r, hint });
    }
    let pages = rows.len();
    if pages == 0 {
        return Err(format!("no page of {gold_path} found in {dir}"));
    }
    let p = rows.iter().map(|r| r.precision).sum::<f64>() / pages as f64;
    let r = rows.iter().map(|r| r.recall).sum::<f64>() / pages as f64;
    out!("pages {pages}");
    out!("precision {p:.3}");
    out!("recall {r:.3}");
    out!("F1 {:.3}", f1(p, r));
    let share = |n: usize| 100.0 * n as f64 / pages as f64;
    out!("metadata: date {dated}/{pages} ({:.0}%), authors {authored}/{pages} ({:.0}%), title {titled}/{pages} ({:.0}%), canonical URL = gold url {urls}/{urls_gold}",
        share(dated), share(authored), share(titled));
    times_ms.sort_by(f64::total_cmp);
    let mean = times_ms.iter().sum::<f64>() / pages as f64;
    let median =
        if pages % 2 == 1 { times_ms[pages / 2] } else { (times_ms[pages / 2 - 1] + times_ms[pages / 2]) / 2.0 };
    out!("extraction time per page: mean {mean:.2} ms, median {median:.2} ms, max {:.2} ms", times_ms[pages - 1]);
    rows.sort_by(|a, b| f1(a.precision, a.recall).total_cmp(&f1(b.precision, b.recall)).then(a.key.cmp(&b.key)));
    out!("lowest F1:");
    for row in rows.iter().take(10) {
        out!(
            "  {}  F1 {:.3}  P {:.3}  R {:.3}  {}",
            row.key.get(..12).unwrap_or(&row.key),
            f1(row.precision, row.recall),
            row.precision,
            row.recall,
            row.hint
        );
    }
    Ok(())
}

struct Row {
    key: String,
    precision: f64,
    recall: f64,
    hint: String,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Whether two URLs name the same page: scheme, a `www.` host prefix, a trailing slash, the query and
/// the fragment aside.
fn same_url(a: &str, b: &str) -> bool {
    let key = |u: &str| {
        let u = u.trim().to_ascii_lowercase();
        let u = u.split(['?', '#']).next().unwrap_or("").to_owned();
        let u = u.split_once("://").map_or(u.as_str(), |(_, rest)| rest).to_owned();
        u.trim_start_matches("www.").trim_end_matches('/').to_owned()
    };
    key(a) == key(b)
}

/// A one-line guess at why a page scores low, from the lengths of the two bodies and the scores.
fn reason(gold: &str, predicted: &str, p: f64, r: f64, has_title: bool) -> String {
    let (g, e) = (gold.split_whitespace().count(), predicted.split_whitespace().count());
    let mut hint = if e == 0 {
        "nothing extracted".to_owned()
    } else if p < 0.5 && r < 0.5 {
        format!("another block taken ({e} words vs {g} gold)")
    } else if (e as f64) < 0.8 * g as f64 {
        format!("body too short: {e} words vs {g} gold (article parts missed)")
    } else if e as f64 > 1.2 * g as f64 {
        format!("body too long: {e} words vs {g} gold (furniture or comments taken)")
    } else if p < r {
        format!("extra text ({e} words vs {g} gold)")
    } else {
        format!("text missed ({e} words vs {g} gold)")
    };
    if !has_title {
        hint.push_str("; title missing");
    }
    hint
}

fn read_page(dir: &str, key: &str) -> Result<Option<Vec<u8>>, String> {
    let gz = format!("{dir}/{key}.html.gz");
    if let Ok(file) = std::fs::File::open(&gz) {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).map_err(|e| format!("cannot gunzip {gz}: {e}"))?;
        return Ok(Some(bytes));
    }
    Ok(std::fs::read(format!("{dir}/{key}.html")).ok())
}

/// A page's bytes as text: UTF-8 when they are, else Windows-1252 (the usual charset of old pages that
/// are not UTF-8, and a superset of Latin-1's printable characters).
pub fn decode_page(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => error.into_bytes().iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// Windows-1252: Latin-1 but for 0x80–0x9F, which hold typographic characters (the five undefined
/// bytes stay their C1 code points).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// Per-page precision and recall of `predicted` against `gold` (see the module doc).
pub fn precision_recall(gold: &str, predicted: &str) -> (f64, f64) {
    let gold = shingles(gold);
    let predicted = shingles(predicted);
    let mut tp = 0usize;
    for (shingle, &n) in &predicted {
        tp += n.min(gold.get(shingle).copied().unwrap_or(0));
    }
    let n_predicted: usize = predicted.values().sum();
    let n_gold: usize = gold.values().sum();
    let ratio = |part: usize, whole: usize| match (part, whole) {
        (_, 0) if n_predicted == 0 && n_gold == 0 => 1.0,
        (_, 0) => 0.0,
        (part, whole) => part as f64 / whole as f64,
    };
    (ratio(tp, n_predicted), ratio(tp, n_gold))
}

fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let lower = text.to_lowercase();
    let tokens: Vec<String> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    let n = 4.min(tokens.len());
    for window in tokens.windows(n) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_scores_by_hand() {
        // Gold has 3 shingles (6 words), the prediction 2 (5 words), 2 shared.
        let (p, r) = precision_recall("One two three four five six", "two three four five six");
        assert!((p - 1.0).abs() < 1e-9 && (r - 2.0 / 3.0).abs() < 1e-9, "{p} {r}");
        // Case and punctuation do not count; an extra shingle lowers precision.
        let (p, r) = precision_recall("a b c d", "A, b. C d e");
        assert!((p - 0.5).abs() < 1e-9 && (r - 1.0).abs() < 1e-9, "{p} {r}");
        assert_eq!(precision_recall("", ""), (1.0, 1.0));
        assert_eq!(precision_recall("a b c d", ""), (0.0, 0.0));
    }

    #[test]
    fn windows_1252_bytes() {
        assert_eq!(decode_page(vec![0x93, b'h', 0xe9, 0x94]), "“hé”");
        assert_eq!(decode_page("déjà".as_bytes().to_vec()), "déjà");
    }
}
