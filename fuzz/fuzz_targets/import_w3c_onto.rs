//! Fuzz target: `import_w3c_onto` (re-anchoring W3C annotations by their quotes on another text). The
//! input is the file, a NUL byte, then the text; lossy UTF-8. Never panics; spans land inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marginalia::import;

fuzz_target!(|bytes: &[u8]| {
    let (file, text) = match bytes.iter().position(|&b| b == 0) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, &b""[..]),
    };
    let (file, text) = (String::from_utf8_lossy(file), String::from_utf8_lossy(text));
    if let Ok(d) = import::import_w3c_onto(&file, &text) {
        assert_eq!(d.text, text);
        for e in &d.entities {
            assert!(e.span.start < e.span.end && text.get(e.span.start..e.span.end).is_some());
        }
        for q in &d.quotes {
            assert!(q.speaker_entity.is_none_or(|i| i < d.entities.len()));
        }
    }
});
