//! Fuzz target: every importer (native JSON, W3C Web Annotation, doccano JSONL, recognized by
//! `import_all`) on arbitrary bytes read as lossy UTF-8 never panics; what imports has its spans inside
//! its text, and quotes point at existing entities.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marginalia::import;

fuzz_target!(|bytes: &[u8]| {
    let contents = String::from_utf8_lossy(bytes);
    let single = import::import(&contents);
    if let Ok(documents) = import::import_all(&contents) {
        assert_eq!(single.is_ok(), documents.len() == 1);
        for d in &documents {
            for e in &d.entities {
                assert!(e.span.start < e.span.end && d.text.get(e.span.start..e.span.end).is_some());
            }
            for q in &d.quotes {
                assert!(d.text.get(q.span.start..q.span.end).is_some());
                assert!(q.speaker.is_none_or(|s| d.text.get(s.start..s.end).is_some()));
                assert!(q.speaker_entity.is_none_or(|i| i < d.entities.len()));
            }
        }
    }
});
