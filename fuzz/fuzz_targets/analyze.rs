//! Fuzz target: `analyze` on arbitrary UTF-8 never panics, and its spans are in bounds and on character
//! boundaries. (The exporters have their own target, `export`, so that this one runs at full speed.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use marginalia::{analyze, Options, Span};

fuzz_target!(|text: &str| {
    let analysis = analyze(text, &Options::default());
    let ok = |s: Span| s.start <= s.end && text.get(s.start..s.end).is_some();
    assert!(analysis.tokens.iter().all(|t| ok(t.span) && !t.span.is_empty()));
    assert!(analysis.sentences.iter().all(|s| ok(s.span) && s.tokens.end <= analysis.tokens.len()));
    assert!(analysis.entities.iter().all(|e| ok(e.span) && !e.span.is_empty()));
    assert!(analysis.entities.windows(2).all(|w| (w[0].span.start, std::cmp::Reverse(w[0].span.end))
        <= (w[1].span.start, std::cmp::Reverse(w[1].span.end))));
    assert!(analysis.quotes.iter().all(|q| ok(q.span) && q.speaker.is_none_or(ok)
        && q.speaker_entity.is_none_or(|i| i < analysis.entities.len())));
    assert!(analysis.boilerplate.iter().all(|&b| ok(b)));
});
