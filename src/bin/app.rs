//! The web page's entry point: mounts the Yew app (`marginalia::ui::App`) on the document body, in place of
//! index.html's shell (`marginalia::ui::mount`). The same
//! module also serves the analysis worker (`static/worker.js`), which calls `analyze_in_worker`; in a
//! worker there is no window, so nothing is mounted.

fn main() {
    #[cfg(target_arch = "wasm32")]
    if web_sys::window().is_some() {
        marginalia::ui::mount();
    }
}

/// Loads the names model in the page's worker and analyzes the sample article a few times
/// (`ui::worker::warm_up`), before the worker takes its first text.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn warm_up_worker() {
    for step in 0..=marginalia::ui::worker::WARM_UP_ROUNDS {
        marginalia::ui::worker::warm_up(step);
    }
}

/// Analyzes `text` for the page's worker and returns the analysis encoded for the trip back.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn analyze_in_worker(text: &str, summary_sentences: u32, anchor: Option<String>, furniture: Vec<u32>) -> Vec<u8> {
    let options =
        marginalia::ui::worker::options_from_message(summary_sentences as usize, anchor.as_deref(), &furniture);
    marginalia::ui::worker::analyze_to_bytes(text, &options)
}
