//! Analysis off the main thread for long texts. The worker (`static/worker.js`) loads the page's own
//! wasm module, so the model is downloaded once; it runs `analyze` and sends the `Analysis` back as
//! JSON bytes (self-describing, as the entities' tagged values need), which the page decodes and applies
//! like any other analysis.

use std::rc::Rc;

use crate::{analyze, Analysis, Options};

/// Texts at least this long (bytes) are analyzed in the worker; shorter ones at once, on the main thread,
/// where they take a few milliseconds.
pub const WORKER_BYTES: usize = 50_000;

/// Analyzes `text` and encodes the result for the trip back to the page.
pub fn analyze_to_bytes(text: &str, options: &Options) -> Vec<u8> {
    serde_json::to_vec(&analyze(text, options)).unwrap_or_default()
}

/// The options as the worker receives them: the summary length, and the reference date as
/// `YYYY-MM-DD` (none when the page has none; a malformed one is ignored).
pub fn options_from_message(summary_sentences: usize, anchor: Option<&str>) -> Options {
    Options { summary_sentences, anchor_date: anchor.and_then(crate::numbers::parse_anchor) }
}

/// The reference date of `options` as `options_from_message` reads it.
pub fn anchor_for_message(options: &Options) -> Option<String> {
    options.anchor_date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

/// Decodes what `analyze_to_bytes` encoded.
pub fn analysis_from_bytes(bytes: &[u8]) -> Result<Analysis, String> {
    serde_json::from_slice(bytes).map_err(|e| format!("the analysis could not be read back ({e})"))
}

/// A finished analysis from the worker, with the time it took there (milliseconds).
pub type Finished = Result<(Rc<Analysis>, f64), String>;

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use yew::Callback;

    use super::{anchor_for_message, analysis_from_bytes, Finished};
    use crate::Options;

    /// The page's handle on its analysis worker.
    pub struct AnalysisWorker {
        worker: web_sys::Worker,
        _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    }

    impl AnalysisWorker {
        /// Starts the worker; `on_done` receives every finished analysis or error.
        pub fn start(on_done: Callback<Finished>) -> Option<AnalysisWorker> {
            let options = web_sys::WorkerOptions::new();
            options.set_type(web_sys::WorkerType::Module);
            let worker = web_sys::Worker::new_with_options("./worker.js", &options).ok()?;
            let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let data = event.data();
                let get = |key: &str| js_sys::Reflect::get(&data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
                if let Some(error) = get("error").as_string() {
                    on_done.emit(Err(format!("Analysis failed: {error}")));
                    return;
                }
                let Ok(bytes) = get("bytes").dyn_into::<js_sys::Uint8Array>() else { return };
                let ms = get("ms").as_f64().unwrap_or(0.0);
                on_done.emit(analysis_from_bytes(&bytes.to_vec()).map(|a| (Rc::new(a), ms)));
            });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            Some(AnalysisWorker { worker, _on_message: on_message })
        }

        /// Asks for an analysis of `text`.
        pub fn post(&self, text: &str, options: &Options) -> Result<(), String> {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"text".into(), &JsValue::from_str(text));
            let k = options.summary_sentences as f64;
            let _ = js_sys::Reflect::set(&message, &"summarySentences".into(), &JsValue::from_f64(k));
            if let Some(anchor) = anchor_for_message(options) {
                let _ = js_sys::Reflect::set(&message, &"anchor".into(), &JsValue::from_str(&anchor));
            }
            self.worker.post_message(&message).map_err(|_| "The text could not be sent for analysis.".to_owned())
        }
    }

    impl Drop for AnalysisWorker {
        fn drop(&mut self) {
            self.worker.terminate();
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::AnalysisWorker;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_analysis_survives_the_trip_through_bytes() {
        let text = "Anna Berg said \"prices rose 5%\" in Paris on March 3, 2025.\nSecond line 😀.";
        let bytes = analyze_to_bytes(text, &Options { summary_sentences: 2, ..Options::default() });
        let back = analysis_from_bytes(&bytes).unwrap();
        let direct = analyze(text, &Options { summary_sentences: 2, ..Options::default() });
        assert_eq!(crate::export::json::to_string(&back, None), crate::export::json::to_string(&direct, None));
        assert_eq!(back.tokens, direct.tokens);
        assert!(analysis_from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }

    #[test]
    fn the_reference_date_survives_the_trip_to_the_worker() {
        let options = Options { summary_sentences: 4, anchor_date: Some((2021, 3, 5)) };
        let anchor = anchor_for_message(&options);
        assert_eq!(anchor.as_deref(), Some("2021-03-05"));
        assert_eq!(options_from_message(4, anchor.as_deref()), options);
        assert_eq!(options_from_message(3, None), Options::default());
        assert_eq!(options_from_message(3, Some("March 5")), Options::default());
        let text = "Talks resumed last Monday and will end later this year.";
        let bytes = analyze_to_bytes(text, &options);
        let back = analysis_from_bytes(&bytes).unwrap();
        let json = |a: &Analysis| crate::export::json::to_string(a, None);
        assert_eq!(json(&back), json(&analyze(text, &options)));
        assert_ne!(json(&back), json(&analyze(text, &Options { summary_sentences: 4, ..Options::default() })));
    }
}
