//! `marginalia eval-names GOLD.jsonl [--data DIR] [--errors] [--train CONLL_TRAIN]`: scores the names
//! (PER, ORG, LOC, MISC) of the whole pipeline against a standoff gold set of news text annotated by hand
//! (`tests/fixtures/names/recent.jsonl`, described in `docs/names-recent.md`).
//!
//! The gold file holds no text: one object a line, `source` (a JSONL file under the data directory, e.g.
//! `quotes/polnear-dev.jsonl`), `id` (a document of that file), `ranges` (the annotated stretches) and
//! `entities` (`[start, end, label]`), all offsets in code points into the document's `text`. Each
//! document is analyzed whole, as a user would; a name of ours counts when it lies entirely inside an
//! annotated range, and scores when its start, end and label equal a gold name's (conlleval's exact
//! match). `--errors` prints each miss and each extra name with its context; `--train` also splits the
//! recall between gold names whose lower-cased text is a name in a CoNLL training file (seen) and the
//! others (unseen). This file does I/O and scoring only.

use std::collections::{BTreeMap, HashMap, HashSet};

use marginalia::conll::{self, Score};
use marginalia::{analyze_with, Label, Options, Span};
use serde_json::Value as Json;

/// One gold document, offsets already in bytes of its text.
struct GoldDoc {
    source: String,
    id: String,
    ranges: Vec<Span>,
    entities: Vec<(Span, Label)>,
}

/// `[start, end]` or `[start, end, label]` code-point offsets of a JSON array.
fn offsets(value: &Json, what: &str) -> Result<(usize, usize), String> {
    let start = value.get(0).and_then(Json::as_u64).ok_or_else(|| format!("{what}: no start offset"))?;
    let end = value.get(1).and_then(Json::as_u64).ok_or_else(|| format!("{what}: no end offset"))?;
    if end <= start {
        return Err(format!("{what}: empty or reversed range {start}..{end}"));
    }
    Ok((start as usize, end as usize))
}

/// Byte offsets of every code point of `text`, and its length in bytes at the end.
fn char_bytes(text: &str) -> Vec<usize> {
    text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect()
}

/// Reads the documents a gold file names, each source file once: `(source, id) -> text`.
fn load_texts(data: &str, gold: &[Json]) -> Result<HashMap<(String, String), String>, String> {
    let mut wanted: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    for doc in gold {
        let source = doc["source"].as_str().unwrap_or_default().to_owned();
        wanted.entry(source).or_default().insert(doc["id"].as_str().unwrap_or_default().to_owned());
    }
    let mut texts = HashMap::new();
    for (source, ids) in wanted {
        let path = format!("{data}/{source}");
        let contents = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
        for (n, line) in contents.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let doc: Json = serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
            let id = doc["id"].as_str().unwrap_or_default();
            if ids.contains(id) {
                let text = doc["text"].as_str().ok_or_else(|| format!("{path}:{}: no \"text\"", n + 1))?;
                texts.insert((source.clone(), id.to_owned()), text.to_owned());
            }
        }
    }
    Ok(texts)
}

/// The gold documents with their texts, offsets turned into bytes.
fn gold_documents(path: &str, data: &str) -> Result<Vec<(GoldDoc, String)>, String> {
    let contents = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut lines = Vec::new();
    for (n, line) in contents.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        lines.push((n + 1, serde_json::from_str::<Json>(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?));
    }
    let jsons: Vec<Json> = lines.iter().map(|(_, j)| j.clone()).collect();
    let mut texts = load_texts(data, &jsons)?;
    let mut out = Vec::new();
    for (n, doc) in lines {
        let at = format!("{path}:{n}");
        let source = doc["source"].as_str().ok_or_else(|| format!("{at}: no \"source\""))?.to_owned();
        let id = doc["id"].as_str().ok_or_else(|| format!("{at}: no \"id\""))?.to_owned();
        let text = texts
            .remove(&(source.clone(), id.clone()))
            .ok_or_else(|| format!("{at}: no document {id:?} in {data}/{source}"))?;
        let bytes = char_bytes(&text);
        let byte = |c: usize| bytes.get(c).copied().ok_or_else(|| format!("{at}: offset {c} is past the text's end"));
        let mut ranges = Vec::new();
        for r in doc["ranges"].as_array().into_iter().flatten() {
            let (start, end) = offsets(r, &at)?;
            ranges.push(Span::new(byte(start)?, byte(end)?));
        }
        let mut entities = Vec::new();
        for e in doc["entities"].as_array().into_iter().flatten() {
            let (start, end) = offsets(e, &at)?;
            let name = e.get(2).and_then(Json::as_str).unwrap_or_default();
            let label = Label::parse(name)
                .filter(|l| l.is_name())
                .ok_or_else(|| format!("{at}: {name:?} is not PER, ORG, LOC or MISC"))?;
            entities.push((Span::new(byte(start)?, byte(end)?), label));
        }
        out.push((GoldDoc { source, id, ranges, entities }, text));
    }
    Ok(out)
}

/// The text around `span` on one line, the name in brackets.
fn context(text: &str, span: Span) -> String {
    let mut start = span.start;
    for _ in 0..40 {
        match text[..start].chars().next_back() {
            Some(c) if c != '\n' => start -= c.len_utf8(),
            _ => break,
        }
    }
    let mut end = span.end;
    for _ in 0..40 {
        match text[end..].chars().next() {
            Some(c) if c != '\n' => end += c.len_utf8(),
            _ => break,
        }
    }
    format!("{}[{}]{}", &text[start..span.start], &text[span.start..span.end], &text[span.end..end])
}

/// The lower-cased names of a CoNLL file.
fn seen_names(path: &str) -> Result<HashSet<String>, String> {
    let contents = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut names = HashSet::new();
    for document in conll::parse(&contents) {
        let (text, _) = document.text();
        for (span, _) in document.gold_entities() {
            names.insert(text[span.start..span.end].to_lowercase());
        }
    }
    Ok(names)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut path = None;
    let mut data = "../shared/data".to_owned();
    let mut train = None;
    let mut errors = false;
    let mut model_path = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--errors" => errors = true,
            "--data" => {
                data = args.get(i + 1).ok_or("--data needs a directory")?.clone();
                i += 1;
            }
            "--model" => {
                model_path = Some(args.get(i + 1).ok_or("--model needs a names model file")?.clone());
                i += 1;
            }
            "--train" => {
                train = Some(args.get(i + 1).ok_or("--train needs a CoNLL file")?.clone());
                i += 1;
            }
            other => path = Some(other.to_owned()),
        }
        i += 1;
    }
    let path = path.ok_or("eval-names needs a JSONL file of gold names (see tests/fixtures/names/recent.jsonl)")?;
    let model = crate::names_model(model_path.as_deref())?;
    let seen = train.as_deref().map(seen_names).transpose()?;
    let documents = gold_documents(&path, &data)?;
    let options = Options::default();
    let mut score = Score::default();
    let mut by_source: BTreeMap<&str, (Score, usize)> = BTreeMap::new();
    // (gold, found) for names seen in training and unseen.
    let (mut seen_counts, mut unseen_counts) = ((0usize, 0usize), (0usize, 0usize));
    let mut sentences = 0;
    for (doc, text) in &documents {
        let analysis = analyze_with(text, &options, Some(model));
        let inside = |span: Span| doc.ranges.iter().any(|r| r.contains(span));
        let annotated = analysis.sentences.iter().filter(|s| inside(s.span)).count();
        sentences += annotated;
        let predicted: Vec<(Span, Label)> = analysis
            .entities
            .iter()
            .filter(|e| e.label.is_name() && inside(e.span))
            .map(|e| (e.span, e.label))
            .collect();
        score.add(&predicted, &doc.entities);
        let source = by_source.entry(doc.source.as_str()).or_default();
        source.0.add(&predicted, &doc.entities);
        source.1 += annotated;
        if let Some(seen) = &seen {
            for gold in &doc.entities {
                let counts = if seen.contains(&text[gold.0.start..gold.0.end].to_lowercase()) {
                    &mut seen_counts
                } else {
                    &mut unseen_counts
                };
                counts.0 += 1;
                counts.1 += usize::from(predicted.contains(gold));
            }
        }
        if errors {
            for &(span, label) in doc.entities.iter().filter(|g| !predicted.contains(g)) {
                let ours: Vec<String> = predicted
                    .iter()
                    .filter(|p| p.0.overlaps(span))
                    .map(|p| format!("{} {:?}", p.1.as_str(), &text[p.0.start..p.0.end]))
                    .collect();
                let ours = if ours.is_empty() { String::new() } else { format!("\t(ours: {})", ours.join(", ")) };
                out!("MISSED\t{}\t{}\t{}{ours}", doc.id, label.as_str(), context(text, span));
            }
            for &(span, label) in predicted.iter().filter(|p| !doc.entities.contains(p)) {
                out!("EXTRA\t{}\t{}\t{}", doc.id, label.as_str(), context(text, span));
            }
        }
    }
    let gold_names: usize = documents.iter().map(|(d, _)| d.entities.len()).sum();
    out!("{} documents, {sentences} sentences annotated, {gold_names} gold names", documents.len());
    written(score.table());
    if by_source.len() > 1 {
        out!("overall F1 by source:");
        for (source, (score, sentences)) in &by_source {
            let total = score.total();
            out!("  {source:<28} {:>6.2}  ({sentences} sentences, {} gold)", 100.0 * total.f1(), total.gold);
        }
    }
    if seen.is_some() {
        let recall = |(gold, found): (usize, usize)| if gold == 0 { 0.0 } else { 100.0 * found as f64 / gold as f64 };
        out!("recall on names seen in training   {:>6.2}  ({} gold)", recall(seen_counts), seen_counts.0);
        out!("recall on names unseen in training {:>6.2}  ({} gold)", recall(unseen_counts), unseen_counts.0);
    }
    Ok(())
}

/// Writes a block of the report (see `out!`).
fn written(block: String) {
    crate::written(std::io::Write::write_all(&mut std::io::stdout().lock(), block.as_bytes()));
}
