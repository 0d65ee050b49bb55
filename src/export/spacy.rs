//! spaCy exports, offsets in code points (spaCy's `char` offsets are Python string indices).
//!
//! `to_string` (format `spacy`): `{"text", "ents": [...], "spans": {"sc": [...]}, "title": null}`, what
//! displaCy's manual mode and `Doc.char_span` take. `ents` is one layer without overlaps, as spaCy's
//! `Doc.ents` requires: the outermost entity wherever two nest, QUOTE left out (a quotation is not a
//! named entity in OntoNotes, the scheme spaCy's English models follow, and holds names of its own), so
//! `25,000 Swiss francs` stays one MONEY as OntoNotes annotates it. `spans.sc` (the span group spaCy's
//! span categorizer reads by default) holds every entity, QUOTE and nested ones included. Each entry is
//! `{"start", "end", "label", "source"}`; `source` is an extra key spaCy ignores. The offsets are our
//! tokenizer's: where spaCy's tokenizer splits a word differently (`-5%` is one token for spaCy, so
//! `5%` inside it has no token boundary), read them with `doc.char_span(start, end,
//! alignment_mode="expand")`, which widens the span to whole tokens.
//!
//! `training_json` (format `spacy-training`): spaCy's JSON training format, which `python -m spacy
//! convert -c json FILE.json OUT_DIR` turns into a `.spacy` DocBin: one document, one paragraph with the
//! `raw` text, our sentences, our tokens (`orth`, `space`) and BILUO tags of the `ents` layer. White
//! space other than one space between tokens becomes a token of its own (as spaCy's tokenizer makes
//! it), so the tokens spell the text exactly.

use serde_json::{json, Value as Json};

use crate::analysis::{Analysis, Entity, Label};
use crate::offsets::OffsetIndex;

pub fn to_string(analysis: &Analysis) -> String {
    let index = OffsetIndex::new(&analysis.text);
    let entry = |e: &Entity| {
        json!({
            "start": index.char_offset(e.span.start),
            "end": index.char_offset(e.span.end),
            "label": e.label.as_str(),
            "source": e.source.as_str(),
        })
    };
    let ents: Vec<Json> = flat_layer(analysis).into_iter().map(|i| entry(&analysis.entities[i])).collect();
    let spans: Vec<Json> = analysis.entities.iter().map(entry).collect();
    let document = json!({ "text": analysis.text, "ents": ents, "spans": { "sc": spans }, "title": null });
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

/// Indices of the `ents` layer: entities other than QUOTE, in text order, the outermost where two
/// overlap (the entity list is sorted by start, longer first, so the first of two wins).
pub fn flat_layer(analysis: &Analysis) -> Vec<usize> {
    let mut layer = Vec::new();
    let mut end = 0;
    for (i, entity) in analysis.entities.iter().enumerate() {
        if entity.label == Label::Quote || entity.span.is_empty() {
            continue;
        }
        if layer.is_empty() || entity.span.start >= end {
            layer.push(i);
            end = entity.span.end;
        }
    }
    layer
}

/// spaCy's JSON training format (see the module comment).
pub fn training_json(analysis: &Analysis) -> String {
    let text = analysis.text.as_str();
    // Which `ents` entity each of our tokens belongs to.
    let mut owner: Vec<Option<usize>> = vec![None; analysis.tokens.len()];
    for e in flat_layer(analysis) {
        let span = analysis.entities[e].span;
        let first = analysis.tokens.partition_point(|t| t.span.end <= span.start);
        for (token, slot) in analysis.tokens.iter().zip(owner.iter_mut()).skip(first) {
            if token.span.start >= span.end {
                break;
            }
            *slot = Some(e);
        }
    }
    // The token list: (text, owner), white space other than one space between tokens as tokens of
    // its own, inside the entity of its neighbours when both belong to it.
    let mut words: Vec<(&str, Option<usize>, bool)> = Vec::new(); // (orth, owner, followed by a space)
    let mut sentence_starts: Vec<usize> = Vec::new();
    let mut pos = 0;
    let mut sentence = 0;
    for (t, token) in analysis.tokens.iter().enumerate() {
        let gap = text.get(pos..token.span.start).unwrap_or("");
        if gap == " " && !words.is_empty() {
            if let Some(last) = words.last_mut() {
                last.2 = true;
            }
        } else if !gap.is_empty() {
            let inside = match (words.last(), owner[t]) {
                (Some(&(_, Some(a), _)), Some(b)) if a == b => Some(a),
                _ => None,
            };
            words.push((gap, inside, false));
        }
        while analysis.sentences.get(sentence).is_some_and(|s| s.tokens.start <= t) {
            if analysis.sentences[sentence].tokens.start == t {
                sentence_starts.push(words.len());
            }
            sentence += 1;
        }
        words.push((text.get(token.span.start..token.span.end).unwrap_or(""), owner[t], false));
        pos = token.span.end;
    }
    let tail = text.get(pos..).unwrap_or("");
    if !tail.is_empty() {
        words.push((tail, None, false));
    }
    if sentence_starts.first() != Some(&0) {
        sentence_starts.insert(0, 0);
    }
    let label_of = |o: Option<usize>| o.and_then(|e| analysis.entities.get(e)).map(|e| e.label.as_str());
    let tags: Vec<String> = (0..words.len())
        .map(|i| {
            let Some(label) = label_of(words[i].1) else { return "O".to_owned() };
            let same_before = i > 0 && words[i - 1].1 == words[i].1;
            let same_after = i + 1 < words.len() && words[i + 1].1 == words[i].1;
            let prefix = match (same_before, same_after) {
                (false, false) => "U",
                (false, true) => "B",
                (true, true) => "I",
                (true, false) => "L",
            };
            format!("{prefix}-{label}")
        })
        .collect();
    let mut sentences = Vec::new();
    for (k, &start) in sentence_starts.iter().enumerate() {
        let end = sentence_starts.get(k + 1).copied().unwrap_or(words.len());
        let tokens: Vec<Json> = (start..end)
            .map(|i| json!({ "id": i, "orth": words[i].0, "space": if words[i].2 { " " } else { "" }, "ner": tags[i] }))
            .collect();
        if !tokens.is_empty() {
            sentences.push(json!({ "tokens": tokens, "brackets": [] }));
        }
    }
    let document = json!([{
        "id": 0,
        "paragraphs": [{ "raw": text, "sentences": sentences, "cats": [], "links": [] }],
    }]);
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}
