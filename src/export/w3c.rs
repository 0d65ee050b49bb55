//! W3C Web Annotation JSON-LD: one `tagging` annotation per entity, one `linking` annotation per
//! quote with a known speaker, gathered in an `AnnotationCollection`.
//!
//! Each entity's target carries a `TextQuoteSelector` (exact words plus up to 32 code points of
//! context either side) and a `TextPositionSelector` (code points). The collection embeds the text it
//! annotates under `document` (`{"id", "type": "Text", "format": "text/plain", "value"}`), so the file
//! can be imported on its own; the `@context` adds to the Web Annotation context one term, `document`
//! (`urn:marginalia:vocab:document`), so a JSON-LD processor keeps the text too (`value` is the Web
//! Annotation context's own `rdf:value`). The collection's one page has the id `<document
//! id>#annotations-page-1`; annotation ids are `<document id>#e<i>` and `#q<i>`. Machine
//! suggestions name a `generator` (`urn:marginalia:source:model` or `…:rule`), human edits a `creator`
//! (`urn:marginalia:source:user`).

use serde_json::{json, Value as Json};

use crate::analysis::{Analysis, Source};
use crate::offsets::OffsetIndex;

/// How many code points of context `prefix` and `suffix` keep.
pub const CONTEXT_CHARS: usize = 32;

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The IRI of the `document` term.
pub const DOCUMENT_TERM: &str = "urn:marginalia:vocab:document";

/// The JSON-LD document, pretty-printed.
pub fn to_string(analysis: &Analysis) -> String {
    serde_json::to_string_pretty(&to_json(analysis)).unwrap_or_default() + "\n"
}

/// The annotation collection as a JSON value.
pub fn to_json(analysis: &Analysis) -> Json {
    let text = analysis.text.as_str();
    let index = OffsetIndex::new(text);
    let document_id = document_id(text);
    let mut items: Vec<Json> = Vec::with_capacity(analysis.entities.len() + analysis.quotes.len());
    for (i, entity) in analysis.entities.iter().enumerate() {
        let mut annotation = json!({
            "id": format!("{document_id}#e{i}"),
            "type": "Annotation",
            "motivation": "tagging",
            "body": { "type": "TextualBody", "purpose": "tagging", "value": entity.label.as_str() },
            "target": target(text, &index, &document_id, entity.span),
        });
        let agent = agent(entity.source);
        if entity.source == Source::User {
            annotation["creator"] = agent;
        } else {
            annotation["generator"] = agent;
        }
        items.push(annotation);
    }
    for (i, quote) in analysis.quotes.iter().enumerate() {
        let Some(quote_entity) = super::entity_index_of_quote(analysis, quote) else { continue };
        let body = match (super::speaker_index(analysis, quote), quote.speaker) {
            (Some(speaker), _) => json!(format!("{document_id}#e{speaker}")),
            (None, Some(span)) => target(text, &index, &document_id, span),
            (None, None) => continue,
        };
        items.push(json!({
            "id": format!("{document_id}#q{i}"),
            "type": "Annotation",
            "motivation": "linking",
            "body": body,
            "target": format!("{document_id}#e{quote_entity}"),
        }));
    }
    // One page holding every annotation; it names its collection (`partOf`, a SHOULD of the model), and the
    // collection names it as its first and last page.
    let (collection_id, page_id) = (format!("{document_id}#annotations"), format!("{document_id}#annotations-page-1"));
    json!({
        "@context": [CONTEXT, { "document": DOCUMENT_TERM }],
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "Marginalia annotations",
        "total": items.len(),
        "document": { "id": document_id, "type": "Text", "format": "text/plain", "value": text },
        "first": { "id": page_id, "type": "AnnotationPage", "partOf": collection_id, "startIndex": 0, "items": items },
        "last": page_id,
    })
}

/// The agent for a source: `urn:marginalia:source:<source>`.
fn agent(source: Source) -> Json {
    let kind = if source == Source::User { "Person" } else { "Software" };
    json!({ "id": format!("urn:marginalia:source:{}", source.as_str()), "type": kind })
}

/// A `SpecificResource` on the document with quote and position selectors.
fn target(text: &str, index: &OffsetIndex, document_id: &str, span: crate::Span) -> Json {
    let (start, end) = (index.char_offset(span.start), index.char_offset(span.end));
    let exact = text.get(span.start..span.end).unwrap_or("");
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let prefix_start = before.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(b, _)| b);
    let suffix_end = after.char_indices().nth(CONTEXT_CHARS).map_or(after.len(), |(b, _)| b);
    json!({
        "source": document_id,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": exact,
                "prefix": &before[prefix_start..],
                "suffix": &after[..suffix_end],
            },
            { "type": "TextPositionSelector", "start": start, "end": end },
        ],
    })
}

/// `urn:marginalia:text:<16 hex digits>`: a name for the text derived from its bytes (64-bit FNV-1a,
/// written out here because it is four lines and needs to be stable across versions and platforms).
pub fn document_id(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("urn:marginalia:text:{hash:016x}")
}
