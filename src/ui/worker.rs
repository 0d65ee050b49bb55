//! Analysis off the main thread for long texts. The worker (`static/worker.js`) runs the page's own
//! wasm module, which the page posts to it compiled, so the module (and the model in it) is downloaded and
//! compiled once; it runs `analyze`, makes the view a document without edits shows of it
//! (`edit::Prepared`: groups and summary, so the page need not recompute them), and sends both back in
//! postcard's compact binary form, which the page decodes in a few milliseconds (JSON took about 90 ms
//! for a 100,000-word text) and takes into the document without further work.
//!
//! `Analyzer::run` is the one place that carries out the reducer's `AnalysisRequest`s: in the worker for
//! long texts, at once on the page's thread otherwise.
//!
//! Both threads warm up as soon as the page has started (`warm_up`): they load the names model and
//! analyze the sample article `WARM_UP_ROUNDS` times, the worker at once (it has a thread of its own), the page's
//! thread one step at a time when it is idle, so that the page draws and answers first. The browser
//! compiles wasm lazily and optimizes a function only once it has run for a while, and the model takes
//! longer to load than a short article takes to analyze; warmed, the first text a person pastes is
//! analyzed by optimized code with the model already in memory. When the page's thread is done, the
//! document element carries `data-warm` (for `tests/e2e/bench.mjs`).

use std::cell::RefCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::Callback;

use super::state::{self, AnalysisRequest, State, UiAction, MAX_TEXT_BYTES};

use crate::analysis::{Entity, Group, Quote, Sentence, Summary, Token};
use crate::edit::Prepared;
use crate::numbers::Ymd;
use crate::{analyze, Analysis, Options, Span};

/// Texts at least this long (bytes) are analyzed in the worker; shorter ones at once, on the main thread,
/// where they take a few milliseconds.
pub const WORKER_BYTES: usize = 50_000;

/// How many times `warm_up` analyzes the sample article, after loading the model: enough runs for the
/// browser to optimize the analysis's functions (a warmed sample took 2.1–4.2 ms after three rounds,
/// 2.2–2.3 ms after ten, in the same runs; docs/performance.md).
pub const WARM_UP_ROUNDS: usize = 10;

/// One step of the warm-up: step 0 loads the names model, steps 1 to `WARM_UP_ROUNDS` analyze the sample
/// article, steps 1 and 2 first building what the model otherwise builds after a few thousand tokens (its
/// joint rows, then its table of words: `names::prepare_for_long_texts_step`), so that no step is a long
/// task. The page's thread runs them one idle period at a time, the worker all at once as soon as it
/// starts (a text posted meanwhile waits for them).
pub fn warm_up(step: usize) {
    if step == 0 {
        load_model();
        return;
    }
    if step <= 2 {
        crate::names::prepare_for_long_texts_step(step - 1);
    }
    let _ = analyze(super::SAMPLE, &Options::default());
}

/// Loads the names model if it is not loaded yet. On the page's thread the first load's time
/// (milliseconds) is left on the document element as `data-model-ms` (for `tests/e2e/bench.mjs`).
pub fn load_model() {
    #[cfg(target_arch = "wasm32")]
    {
        thread_local!(static LOADED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
        if LOADED.with(|loaded| loaded.replace(true)) {
            return;
        }
        let started = super::browser::now_ms();
        let _ = crate::names::model();
        let ms = super::browser::now_ms() - started;
        let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = root.set_attribute("data-model-ms", &format!("{ms:.1}"));
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = crate::names::model();
}

/// Posts a text and options to the worker.
type Post = Rc<dyn Fn(&str, &Options) -> Result<(), String>>;

/// Where the page's analyses run. Shared by every copy of the page's state; without a worker (before it
/// starts, or when it could not), everything is analyzed on the page's thread.
#[derive(Clone, Default)]
pub struct Analyzer {
    post: Rc<RefCell<Option<Post>>>,
}

impl Analyzer {
    /// Starts the worker; its analyses come back through `on_done` as `UiAction::Analyzed`.
    pub fn start(&self, on_done: Callback<UiAction>) {
        #[cfg(target_arch = "wasm32")]
        {
            let on_done = on_done.reform(|finished: Finished| match finished {
                Ok((prepared, ms)) => UiAction::Analyzed(prepared, ms),
                Err(message) => UiAction::Notice(Some(message)),
            });
            if let Some(handle) = AnalysisWorker::start(on_done) {
                handle.warm_up();
                *self.post.borrow_mut() =
                    Some(Rc::new(move |text: &str, options: &Options| handle.post(text, options)));
            }
            browser::warm_up_when_idle(0);
        }
        let _ = on_done;
    }

    /// Carries out `request` for `state`: a text of `WORKER_BYTES` or more goes to the worker (`state`
    /// waits for its answer); any other is analyzed now, and `state` takes the analysis.
    pub fn run(&self, state: State, request: AnalysisRequest) -> State {
        let post = self.post.borrow().clone();
        if let Some(post) = post {
            if (WORKER_BYTES..=MAX_TEXT_BYTES).contains(&request.text.len())
                && post(&request.text, &request.options).is_ok()
            {
                return state;
            }
        }
        load_model();
        let started = super::browser::now_ms();
        let fresh = analyze(&request.text, &request.options);
        let ms = super::browser::now_ms() - started;
        // Its unedited view as the worker makes it, so that the document takes the analysis's own groups
        // and summary rather than making them again.
        let prepared = Prepared::new(fresh, &request.options);
        state::reduce(&state, UiAction::AnalyzedHere(Box::new(prepared), ms)).0
    }
}

/// Analyzes `text`, prepares its unedited view and encodes both for the trip back.
pub fn analyze_to_bytes(text: &str, options: &Options) -> Vec<u8> {
    let prepared = Prepared::new(analyze(text, options), options);
    postcard::to_allocvec(&Wire::from(prepared)).unwrap_or_default()
}

/// The options as the worker receives them: the summary length, the reference date as `YYYY-MM-DD`
/// (none when the page has none; a malformed one is ignored) and the furniture spans as start, end pairs.
pub fn options_from_message(summary_sentences: usize, anchor: Option<&str>, furniture: &[u32]) -> Options {
    Options {
        summary_sentences,
        anchor_date: anchor.and_then(|date| date.parse().ok()),
        furniture: furniture.chunks_exact(2).map(|pair| Span::new(pair[0] as usize, pair[1] as usize)).collect(),
    }
}

/// The furniture spans of `options` as `options_from_message` reads them.
pub fn furniture_for_message(options: &Options) -> Vec<u32> {
    options.furniture.iter().flat_map(|s| [s.start as u32, s.end as u32]).collect()
}

/// The reference date of `options` as `options_from_message` reads it.
pub fn anchor_for_message(options: &Options) -> Option<String> {
    options.anchor_date.map(|date| date.to_string())
}

/// Decodes what `analyze_to_bytes` encoded.
pub fn prepared_from_bytes(bytes: &[u8]) -> Result<Prepared, String> {
    postcard::from_bytes::<Wire>(bytes)
        .map(Prepared::from)
        .map_err(|e| format!("the analysis could not be read back ({e})"))
}

/// A finished analysis from the worker, with the time it took there (milliseconds).
pub type Finished = Result<(Rc<Prepared>, f64), String>;

/// `Prepared` as it travels: the text, tokens, sentences and boilerplate once (the view shares them
/// with the machine's analysis), then what differs. Without edits the view's layer is most often the
/// machine's own (same names, quotes, groups and summary); it is then not sent again (`view: None`).
#[derive(Serialize, Deserialize)]
struct Wire {
    text: String,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    boilerplate: Vec<Span>,
    machine: Layer,
    view: Option<Layer>,
    summary_sentences: usize,
    anchor_date: Option<Ymd>,
    furniture: Vec<Span>,
}

/// The parts of an analysis the machine's and the view differ in.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
struct Layer {
    entities: Vec<Entity>,
    quotes: Vec<Quote>,
    groups: Vec<Group>,
    summary: Summary,
}

impl Layer {
    /// Takes these parts out of `analysis`.
    fn of(analysis: &mut Analysis) -> Layer {
        Layer {
            entities: std::mem::take(&mut analysis.entities),
            quotes: std::mem::take(&mut analysis.quotes),
            groups: std::mem::take(&mut analysis.groups),
            summary: std::mem::take(&mut analysis.summary),
        }
    }

    /// An analysis of these parts over the shared ones.
    fn into_analysis(
        self,
        text: String,
        tokens: Vec<Token>,
        sentences: Vec<Sentence>,
        boilerplate: Vec<Span>,
    ) -> Analysis {
        Analysis {
            text,
            tokens,
            sentences,
            entities: self.entities,
            quotes: self.quotes,
            boilerplate,
            groups: self.groups,
            summary: self.summary,
        }
    }
}

impl From<Prepared> for Wire {
    fn from(p: Prepared) -> Wire {
        let Prepared { mut machine, mut view, options } = p;
        let (machine_layer, view_layer) = (Layer::of(&mut machine), Layer::of(&mut view));
        let view = (view_layer != machine_layer).then_some(view_layer);
        Wire {
            text: machine.text,
            tokens: machine.tokens,
            sentences: machine.sentences,
            boilerplate: machine.boilerplate,
            machine: machine_layer,
            view,
            summary_sentences: options.summary_sentences,
            anchor_date: options.anchor_date,
            furniture: options.furniture,
        }
    }
}

impl From<Wire> for Prepared {
    fn from(w: Wire) -> Prepared {
        let view = w.view.unwrap_or_else(|| w.machine.clone());
        let view = view.into_analysis(w.text.clone(), w.tokens.clone(), w.sentences.clone(), w.boilerplate.clone());
        let machine = w.machine.into_analysis(w.text, w.tokens, w.sentences, w.boilerplate);
        Prepared {
            machine,
            view,
            options: Options {
                summary_sentences: w.summary_sentences,
                anchor_date: w.anchor_date,
                furniture: w.furniture,
            },
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use yew::Callback;

    use super::{anchor_for_message, furniture_for_message, prepared_from_bytes, Finished};
    use crate::Options;

    /// Runs `warm_up` step `step` and then the next ones, each when the page is next idle; marks the
    /// document element `data-warm` after the last.
    pub fn warm_up_when_idle(step: usize) {
        let Some(window) = web_sys::window() else { return };
        if step > super::WARM_UP_ROUNDS {
            if let Some(root) = window.document().and_then(|d| d.document_element()) {
                let _ = root.set_attribute("data-warm", "");
            }
            return;
        }
        let run = Closure::once_into_js(move || {
            super::warm_up(step);
            warm_up_when_idle(step + 1);
        });
        let _ = window.request_idle_callback(run.unchecked_ref());
    }

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
                let get =
                    |key: &str| js_sys::Reflect::get(&data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
                if let Some(error) = get("error").as_string() {
                    on_done.emit(Err(format!("Analysis failed: {error}")));
                    return;
                }
                let Ok(bytes) = get("bytes").dyn_into::<js_sys::Uint8Array>() else { return };
                let ms = get("ms").as_f64().unwrap_or(0.0);
                // Decoded in this task, taken into the page and drawn in the next: two shorter tasks.
                let finished = prepared_from_bytes(&bytes.to_vec()).map(|p| (Rc::new(p), ms));
                let on_done = on_done.clone();
                crate::ui::browser::after_paint(move || on_done.emit(finished));
            });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            // The page's compiled module first, before any other message: the worker instantiates it
            // rather than downloading and compiling the module again.
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"module".into(), &wasm_bindgen::module());
            let _ = worker.post_message(&message);
            Some(AnalysisWorker { worker, _on_message: on_message })
        }

        /// Has the worker load the model and warm up (`warm_up`).
        pub fn warm_up(&self) {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"warmUp".into(), &JsValue::TRUE);
            let _ = self.worker.post_message(&message);
        }

        /// Asks for an analysis of `text`.
        pub fn post(&self, text: &str, options: &Options) -> Result<(), String> {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"text".into(), &JsValue::from_str(text));
            let k = options.summary_sentences as f64;
            let _ = js_sys::Reflect::set(&message, &"summarySentences".into(), &JsValue::from_f64(k));
            let furniture = js_sys::Uint32Array::from(furniture_for_message(options).as_slice());
            let _ = js_sys::Reflect::set(&message, &"furniture".into(), &furniture);
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
    use crate::analysis::Value;

    #[test]
    fn an_analysis_survives_the_trip_through_bytes() {
        let text = "Anna Berg said \"prices rose 5%\" in Paris on March 3, 2025, about 40 km away.\nSecond line 😀: at least 3 of 10.";
        let options = Options { summary_sentences: 2, ..Options::default() };
        let bytes = analyze_to_bytes(text, &options);
        let back = prepared_from_bytes(&bytes).unwrap();
        let direct = Prepared::new(analyze(text, &options), &options);
        let json = |a: &Analysis| serde_json::to_string(a).unwrap();
        assert!(
            direct.machine.entities.iter().filter(|e| e.value.is_some()).count() >= 4,
            "values of several kinds travel"
        );
        assert_eq!(json(&back.machine), json(&direct.machine));
        assert_eq!(json(&back.view), json(&direct.view));
        assert_eq!(back.options, options);
        assert!(prepared_from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }

    /// The view's layer travels only when it differs from the machine's, and comes back either way.
    #[test]
    fn the_view_travels_only_when_it_differs() {
        let text = "Anna Berg, the mayor of Oslo, said \"we will build\" on Monday. Berg spoke to Reuters.";
        let options = Options::default();
        let prepared = Prepared::new(analyze(text, &options), &options);
        assert_eq!(prepared.view.entities, prepared.machine.entities);
        assert!(Wire::from(prepared.clone()).view.is_none(), "an unedited view is the machine's layer");
        let mut differing = prepared.clone();
        differing.view.entities.pop();
        differing.view.summary = Summary::default();
        assert!(Wire::from(differing.clone()).view.is_some());
        let json = |a: &Analysis| serde_json::to_string(a).unwrap();
        for sent in [prepared, differing] {
            let back = Prepared::from(
                postcard::from_bytes::<Wire>(&postcard::to_allocvec(&Wire::from(sent.clone())).unwrap()).unwrap(),
            );
            assert_eq!(json(&back.machine), json(&sent.machine));
            assert_eq!(json(&back.view), json(&sent.view));
        }
    }

    #[test]
    fn every_kind_of_value_survives_the_trip() {
        let values = [
            Value::Date { iso: "2019-02".into() },
            Value::Time { iso: "10:30".into() },
            Value::Number { value: 3.0, max: Some(5.0), approximate: true, qualifier: Some("at least".into()) },
            Value::Number { value: 7.5, max: None, approximate: false, qualifier: None },
            Value::Money { amount: 2.5e6, currency: "USD".into() },
            Value::Percent { value: 4.5 },
            Value::Quantity { value: 40.0, unit: "km".into() },
            Value::Ordinal { value: 3 },
        ];
        for value in values {
            let back = postcard::from_bytes::<Value>(&postcard::to_allocvec(&value).unwrap()).unwrap();
            assert_eq!(back, value);
        }
    }

    #[test]
    fn the_reference_date_survives_the_trip_to_the_worker() {
        let options =
            Options { summary_sentences: 4, anchor_date: Ymd::new(2021, 3, 5), furniture: vec![Span::new(0, 5)] };
        let anchor = anchor_for_message(&options);
        assert_eq!(anchor.as_deref(), Some("2021-03-05"));
        assert_eq!(options_from_message(4, anchor.as_deref(), &furniture_for_message(&options)), options);
        assert_eq!(options_from_message(3, None, &[]), Options::default());
        assert_eq!(options_from_message(3, Some("March 5"), &[7]), Options::default());
        let text = "Talks resumed last Monday and will end later this year.";
        let options = Options { furniture: Vec::new(), ..options };
        let bytes = analyze_to_bytes(text, &options);
        let back = prepared_from_bytes(&bytes).unwrap().machine;
        let json = |a: &Analysis| crate::export::json::to_string(a, None);
        assert_eq!(json(&back), json(&analyze(text, &options)));
        assert_ne!(json(&back), json(&analyze(text, &Options { summary_sentences: 4, ..Options::default() })));
    }
}
