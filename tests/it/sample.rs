//! The sample article (`static/sample.txt`, with its gold in `tests/fixtures/sample/`) through the whole pipeline.

use marginalia::{analyze, Options};

pub fn sample_text() -> Option<String> {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/sample.txt")).ok()
}

#[test]
fn every_span_is_in_bounds_and_on_char_boundaries() {
    let text = sample_text().expect("static/sample.txt is bundled");
    let analysis = analyze(&text, &Options::default());
    assert!(!analysis.entities.is_empty());
    assert!(analysis.sentences.len() > 10);
    for e in &analysis.entities {
        assert!(e.span.start < e.span.end && e.span.end <= text.len());
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
    }
}
