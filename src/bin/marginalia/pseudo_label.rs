//! `marginalia pseudo-label`: names found by the pipeline in unlabelled news text, written as CoNLL-2003
//! training documents (self-training, see README "Training the names model").
//!
//! Every document of the JSONL files (`{"id", "text"}`) is analyzed with the shipped names model (or
//! `--model`'s: the model the labels come from must be given to reproduce them once it is replaced); with
//! `--second`, also with a second names model, and only the sentences where both find exactly the same
//! names (start, end, label) are kept: agreement of two differently trained models is the confidence
//! filter. Sentences that are page furniture, shorter than `MIN_TOKENS` or with a name that does not
//! start and end on token boundaries are left out. Documents whose id a gold file of `--exclude` names
//! (the hand-annotated sets) are skipped, so that no measurement set is trained on. `--every N` keeps
//! every Nth document of each file (the first, the N+1th, ...). `--raw` takes the tagger's names without
//! the clean-up rules (`names::Model::tag_without_rules`), `--no-conventions` without those that add
//! conventions of their own (`names::Model::without_conventions`). The output is deterministic: documents in
//! file order, the tokens as the pipeline cuts them, BIO tags. This file does I/O only; the analysis is
//! the core's.

use std::collections::HashSet;

use marginalia::{analyze_with, Analysis, Label, Options, Span};
use serde_json::Value as Json;

pub const USAGE: &str =
    "  marginalia pseudo-label [--model NAMES.bin] [--second NAMES.bin] [--raw | --no-conventions] [--exclude GOLD.jsonl]... [--every N] FILE.jsonl...";

/// Sentences shorter than this carry too little context to learn from (headings, bylines).
const MIN_TOKENS: usize = 4;

pub fn run(args: &[String]) -> Result<(), String> {
    let mut model = None;
    let mut second = None;
    let mut excluded: HashSet<String> = HashSet::new();
    let mut every = 1usize;
    let mut raw = false;
    let mut conventions = true;
    let mut files = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--model" => model = Some(args.next().ok_or("--model needs a names model file")?.clone()),
            "--raw" => raw = true,
            "--no-conventions" => conventions = false,
            "--second" => second = Some(args.next().ok_or("--second needs a names model file")?.clone()),
            "--exclude" => {
                let path = args.next().ok_or("--exclude needs a gold JSONL file")?;
                let contents = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
                for line in contents.lines().filter(|l| !l.trim().is_empty()) {
                    let doc: Json = serde_json::from_str(line).map_err(|e| format!("{path}: {e}"))?;
                    excluded.extend(doc["id"].as_str().map(str::to_owned));
                }
            }
            "--every" => {
                every = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--every needs a number above 0")?
            }
            _ if !arg.starts_with("--") => files.push(arg.clone()),
            _ => return Err(format!("unknown option {arg}\n{USAGE}")),
        }
    }
    if files.is_empty() {
        return Err(format!("pseudo-label needs JSONL files\n{USAGE}"));
    }
    let strip = |m: &'static marginalia::names::Model| -> &'static marginalia::names::Model {
        if conventions {
            m
        } else {
            Box::leak(Box::new(m.clone().without_conventions()))
        }
    };
    let model = strip(crate::names_model(model.as_deref())?);
    let second = second.as_deref().map(|p| crate::names_model(Some(p))).transpose()?.map(strip);
    let options = Options::default();
    let (mut documents, mut sentences, mut kept, mut tokens) = (0usize, 0usize, 0usize, 0usize);
    for path in &files {
        let contents = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        let lines = contents.lines().filter(|l| !l.trim().is_empty());
        for (n, line) in lines.enumerate().filter(|(n, _)| n % every == 0) {
            let doc: Json = serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
            if doc["id"].as_str().is_some_and(|id| excluded.contains(id)) {
                continue;
            }
            let Some(text) = doc["text"].as_str() else { continue };
            let with_raw = |model: &marginalia::names::Model| {
                let mut analysis = analyze_with(text, &options, Some(model));
                if raw {
                    analysis.entities = model.tag_without_rules(text, &analysis.tokens, &analysis.sentences);
                }
                analysis
            };
            let analysis = with_raw(model);
            let other = second.map(with_raw);
            let mut lines = Vec::new();
            for s in &analysis.sentences {
                sentences += 1;
                if let Some(block) = sentence_block(&analysis, other.as_ref(), s.span, s.tokens.clone()) {
                    kept += 1;
                    tokens += s.tokens.len();
                    lines.push(block);
                }
            }
            documents += 1;
            if !lines.is_empty() {
                out!("-DOCSTART- -X- -X- O\n");
                for block in lines {
                    out!("{block}");
                }
            }
        }
    }
    eprintln!("{documents} documents, {kept} of {sentences} sentences kept, {tokens} tokens");
    Ok(())
}

/// The names of `analysis` inside `span`.
fn names_in(analysis: &Analysis, span: Span) -> Vec<(Span, Label)> {
    analysis.entities.iter().filter(|e| e.label.is_name() && span.contains(e.span)).map(|e| (e.span, e.label)).collect()
}

/// One sentence as CoNLL lines (`word _ _ TAG`, then a blank line), or `None` when it is left out.
fn sentence_block(
    analysis: &Analysis,
    other: Option<&Analysis>,
    span: Span,
    range: std::ops::Range<usize>,
) -> Option<String> {
    if range.len() < MIN_TOKENS || analysis.boilerplate.iter().any(|b| b.start < span.end && span.start < b.end) {
        return None;
    }
    let names = names_in(analysis, span);
    if other.is_some_and(|other| names_in(other, span) != names) {
        return None;
    }
    let tokens = analysis.tokens.get(range)?;
    let mut tags = vec![String::from("O"); tokens.len()];
    for (name, label) in &names {
        let first = tokens.iter().position(|t| t.span.start == name.start)?;
        let last = tokens.iter().position(|t| t.span.end == name.end)?;
        for (k, tag) in tags.iter_mut().enumerate().take(last + 1).skip(first) {
            *tag = format!("{}-{}", if k == first { "B" } else { "I" }, label.as_str());
        }
    }
    let mut block = String::new();
    for (token, tag) in tokens.iter().zip(&tags) {
        let word = analysis.slice(token.span);
        if word.is_empty() || word.chars().any(char::is_whitespace) {
            return None;
        }
        block.push_str(&format!("{word} _ _ {tag}\n"));
    }
    Some(block)
}
