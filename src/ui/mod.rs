//! The web page (Yew): an input area, the annotated text, an edit bar and the sidebar. It renders an
//! `Analysis` produced by the core and never analyzes text itself: `state::reduce` asks the core.

mod annotated;
mod browser;
mod editbar;
mod files;
mod sidebar;
pub mod state;
pub mod storage;
mod theme;
pub mod worker;

use std::rc::Rc;

use yew::prelude::*;

use crate::{analyze, export, Analysis, Options};
pub use annotated::{chunks, AnnotatedText, AnnotatedTextProps, ChunkRange};
pub use sidebar::{Sidebar, SidebarProps};
use state::{ScrollTarget, State, UiAction};

/// The bundled sample article.
pub const SAMPLE: &str = include_str!("../../static/sample.txt");

/// Whether an opened or dropped file is a web page: by its name, or by how its text starts.
fn is_page(name: &str, contents: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.ends_with(".html") || name.ends_with(".htm") || crate::extract::looks_like_html(contents)
}

/// An analysis shared between components; two are equal when they are the same allocation.
#[derive(Clone)]
pub struct SharedAnalysis(pub Rc<Analysis>);

impl PartialEq for SharedAnalysis {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl SharedAnalysis {
    pub fn new(text: &str) -> SharedAnalysis {
        SharedAnalysis(Rc::new(analyze(text, &Options::default())))
    }
}

/// The annotations JSON the page downloads: byte-identical to `marginalia annotate` on the same text.
pub fn download_json(analysis: &Analysis) -> String {
    let mut json = export::json::to_string(analysis, None);
    json.push('\n');
    json
}

/// The page's state behind Yew's reducer hook.
#[derive(Clone, PartialEq)]
struct Page(State);

impl Reducible for Page {
    type Action = UiAction;
    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        Rc::new(Page(state::reduce(&self.0, action, true)))
    }
}

#[component]
pub fn App() -> Html {
    let page = use_reducer(|| Page(State::default()));
    let doc_id = use_state(new_doc_id);
    let restored = use_mut_ref(|| false);
    let state = &page.0;

    // Autosave on every change of text, edits or settings.
    {
        let page = page.clone();
        let key = (Rc::as_ptr(&state.doc) as usize, state.text.clone(), state.options.clone(), (*doc_id).clone());
        let restored = restored.clone();
        use_effect_with(key, move |(_, text, options, id)| {
            // An empty document has nothing worth saving; one over the page's limit is not analyzed and
            // would not fit in the browser's storage either (its message says so).
            if *restored.borrow() && !text.trim().is_empty() && text.len() <= state::MAX_TEXT_BYTES {
                let saved = storage::Saved::new(id, text, page.0.edits_to_save(), options, js_now());
                if let Err(message) = storage::save(&saved) {
                    if page.0.notice.as_deref() != Some(message.as_str()) {
                        page.dispatch(UiAction::Notice(Some(message)));
                    }
                }
            }
        });
    }

    // Scroll to what an action pointed at.
    use_effect_with(state.scroll_serial, {
        let target = state.scroll_target;
        move |_| {
            if let Some(target) = target {
                browser::scroll_to(match target {
                    ScrollTarget::Entity(i) => format!("[data-testid=annotated-text] mark[data-entity=\"{i}\"]"),
                    ScrollTarget::Sentence(i) => format!("[data-testid=annotated-text] [data-sentence=\"{i}\"]"),
                });
            }
        }
    });

    // The analysis worker, for long texts. Without one (it failed to start), everything runs here.
    let worker = use_mut_ref(|| Option::<Rc<dyn Fn(&str, &Options) -> Result<(), String>>>::None);

    // The last text sent to the worker. One edit of the text area can fire many input events with the
    // same value (inserting many lines can fire one per line, each with the whole text); each would be
    // analyzed again and, arriving, would clear the selection.
    let last_posted = use_mut_ref(String::new);
    let dispatch = {
        let page = page.clone();
        let worker = worker.clone();
        let last_posted = last_posted.clone();
        Callback::from(move |action: UiAction| {
            // A text from elsewhere (a saved or imported document, a new one): the next paste is new.
            if matches!(action, UiAction::Restore { .. } | UiAction::Import(_)) {
                last_posted.borrow_mut().clear();
            }
            // A long saved document is analyzed in the worker; its edits wait in the state.
            if let UiAction::Restore { text, edits, options } = &action {
                let post = worker.borrow().clone();
                if let Some(post) = post {
                    if for_worker(text) && post(text, options).is_ok() {
                        last_posted.replace(text.clone());
                        let (text, edits, options) = (text.clone(), edits.clone(), options.clone());
                        page.dispatch(UiAction::RestoreQueued { text, edits, options });
                        return;
                    }
                }
            }
            // A new reference date means a new analysis: for a long text, in the worker.
            if let UiAction::SetAnchorDate(date) = &action {
                let text = &page.0.doc.machine().text;
                let post = worker.borrow().clone();
                if let (Some(post), Some(anchor)) = (post, state::requested_anchor(date)) {
                    let options = Options { anchor_date: anchor, ..page.0.options.clone() };
                    if for_worker(text) && post(text, &options).is_ok() {
                        page.dispatch(UiAction::SetAnchorDateQueued(anchor));
                        return;
                    }
                }
            }
            page.dispatch(action)
        })
    };
    {
        let worker = worker.clone();
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            #[cfg(target_arch = "wasm32")]
            {
                let on_done = dispatch.reform(|finished: worker::Finished| match finished {
                    Ok((prepared, ms)) => UiAction::Analyzed(prepared, ms),
                    Err(message) => UiAction::Notice(Some(message)),
                });
                if let Some(handle) = worker::AnalysisWorker::start(on_done) {
                    let handle = Rc::new(handle);
                    *worker.borrow_mut() =
                        Some(Rc::new(move |text: &str, options: &Options| handle.post(text, options)));
                }
            }
            let _ = (&worker, &dispatch);
        });
    }
    // Restore the last document once, on the first render in the browser (after the worker has started,
    // so that a long one is analyzed there).
    {
        let dispatch = dispatch.clone();
        let doc_id = doc_id.clone();
        let restored = restored.clone();
        use_effect_with((), move |_| {
            *restored.borrow_mut() = true;
            match storage::list() {
                Ok((entries, warning)) => {
                    if let Some(entry) = entries.first() {
                        match storage::load(&entry.id) {
                            Ok(saved) => {
                                doc_id.set(saved.id.clone());
                                let options = saved.options();
                                dispatch.emit(UiAction::Restore { text: saved.text, edits: saved.edits, options });
                            }
                            Err(message) => dispatch.emit(UiAction::Notice(Some(message))),
                        }
                    }
                    if warning.is_some() {
                        dispatch.emit(UiAction::Notice(warning));
                    }
                }
                Err(message) => dispatch.emit(UiAction::Notice(Some(message))),
            }
        });
    }

    // New text: short texts are analyzed at once, long ones in the worker.
    let set_text = {
        let dispatch = dispatch.clone();
        let worker = worker.clone();
        let options = state.options.clone();
        Callback::from(move |text: String| {
            let post = worker.borrow().clone();
            match post {
                Some(post) if for_worker(&text) => {
                    if *last_posted.borrow() == text {
                        return;
                    }
                    match post(&text, &options) {
                        Ok(()) => {
                            last_posted.replace(text.clone());
                            dispatch.emit(UiAction::SetTextQueued(text))
                        }
                        Err(_) => dispatch.emit(UiAction::SetText(text)),
                    }
                }
                _ => {
                    last_posted.borrow_mut().clear();
                    dispatch.emit(UiAction::SetText(text))
                }
            }
        })
    };
    let on_input = set_text.clone();
    let on_sample = set_text.reform(|_: MouseEvent| SAMPLE.to_owned());
    let on_file = {
        let dispatch = dispatch.clone();
        let set_text = set_text.clone();
        Callback::from(move |(name, bytes): (String, Vec<u8>)| match String::from_utf8(bytes) {
            // A saved page: its article, read as a paste of it is.
            Ok(contents) if is_page(&name, &contents) => {
                let article = crate::extract::extract(&contents).text;
                if article.trim().is_empty() {
                    dispatch.emit(UiAction::Notice(Some(format!(
                        "No article text was found in “{name}”. Your current text is unchanged."
                    ))));
                } else {
                    dispatch.emit(UiAction::Notice(None));
                    set_text.emit(article);
                }
            }
            Ok(contents) => {
                dispatch.emit(UiAction::Notice(None));
                set_text.emit(contents);
            }
            Err(_) => dispatch.emit(UiAction::Notice(Some(format!(
                "“{name}” is not UTF-8 text, so it was not opened. Your current text is unchanged."
            )))),
        })
    };
    let on_error = dispatch.reform(|message: String| UiAction::Notice(Some(message)));
    let on_new = {
        let dispatch = dispatch.clone();
        let doc_id = doc_id.clone();
        Callback::from(move |_: MouseEvent| {
            doc_id.set(new_doc_id());
            dispatch.emit(UiAction::Restore {
                text: String::new(),
                edits: Default::default(),
                options: Options::default(),
            });
        })
    };
    let on_open_saved = {
        let dispatch = dispatch.clone();
        let doc_id = doc_id.clone();
        Callback::from(move |id: String| match storage::load(&id) {
            Ok(saved) => {
                doc_id.set(saved.id.clone());
                let options = saved.options();
                dispatch.emit(UiAction::Restore { text: saved.text, edits: saved.edits, options });
            }
            Err(message) => dispatch.emit(UiAction::Notice(Some(message))),
        })
    };

    let analysis = {
        let doc = state.doc.clone();
        (*use_memo(Rc::as_ptr(&state.doc) as usize, move |_| SharedAnalysis(Rc::new(doc.analysis().clone())))).clone()
    };
    let empty = state.text.trim().is_empty();
    let on_keydown = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(action) = editbar::history_key(&e) {
                e.prevent_default();
                dispatch.emit(action);
            }
        })
    };
    html! {
        <div class="app" onkeydown={on_keydown}>
            <header class="topbar">
                <h1>{ "Marginalia" }</h1>
                <p class="tagline">{ "Paste a news article to see who, what, where and when. Nothing leaves your browser." }</p>
                <div class="actions">
                    <button data-testid="sample-article" onclick={on_sample}>{ "Sample article" }</button>
                    <button data-testid="new-document" onclick={on_new}>{ "New" }</button>
                    <browser::OpenFile on_file={on_file.clone()} on_error={on_error.clone()} />
                    <files::SavedDocuments current={(*doc_id).clone()} on_open={on_open_saved} on_error={on_error.clone()} />
                    <files::ImportButton current_text={state.text.clone()} on_import={dispatch.reform(|doc| UiAction::Import(Box::new(doc)))} on_error={on_error.clone()} />
                    <files::Downloads analysis={analysis.clone()} disabled={empty} on_error={on_error.clone()} />
                    <theme::ThemeMenu />
                </div>
            </header>
            if state.is_stale() && !state.text.trim().is_empty() && state.text.len() <= state::MAX_TEXT_BYTES {
                <div class="progress" role="status" data-testid="progress">
                    <span class="spinner" />{ format!("Analyzing {} characters…", state.text.chars().count()) }
                </div>
            }
            if let Some(message) = &state.notice {
                <div class="notice" role="alert" data-testid="notice">
                    { message }
                    <button class="dismiss" aria-label="Dismiss" onclick={dispatch.reform(|_: MouseEvent| UiAction::Notice(None))}>{ "×" }</button>
                </div>
            }
            <main class="workspace">
                <section class="document">
                    <browser::ArticleInput value={state.text.clone()} on_input={on_input} on_file={on_file} on_error={on_error} />
                    <editbar::EditBar state={state.clone()} dispatch={dispatch.clone()} />
                    <AnnotatedText analysis={analysis.clone()} focused={state.focused} flash={state.flash} analysis_ms={state.last_analysis_ms} in_worker={state.analyzed_in_worker}
                        selected={state.selected_group.and_then(|g| state.analysis().groups.get(g)).map(|g| g.mentions.clone()).unwrap_or_default()}
                        on_focus={dispatch.reform(UiAction::Focus)} on_key={editbar::key_handler(state, &dispatch)} />
                </section>
                <Sidebar analysis={analysis} selected_group={state.selected_group} summary_sentences={state.options.summary_sentences}
                    anchor_date={state.options.anchor_date.map(|date| date.to_string()).unwrap_or_default()} dispatch={dispatch} />
            </main>
        </div>
    }
}

/// Whether a text is analyzed in the worker: long enough to make the page wait, and not over the page's
/// limit (such a text is not analyzed at all).
fn for_worker(text: &str) -> bool {
    (worker::WORKER_BYTES..=state::MAX_TEXT_BYTES).contains(&text.len())
}

fn new_doc_id() -> String {
    format!("{:x}", js_now() as u64)
}

#[cfg(target_arch = "wasm32")]
fn js_now() -> f64 {
    js_sys::Date::now()
}

#[cfg(not(target_arch = "wasm32"))]
fn js_now() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_millis() as f64)
}

/// Tests that run in headless Chromium (`cargo test --target wasm32-unknown-unknown --features web --lib`).
#[cfg(all(test, target_arch = "wasm32"))]
mod wasm_tests {
    use std::time::Duration;

    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    async fn settle() {
        yew::platform::time::sleep(Duration::from_millis(30)).await;
    }

    #[wasm_bindgen_test]
    async fn sample_button_fills_the_page_with_highlights() {
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        yew::Renderer::<App>::with_root(root.clone()).render();
        settle().await;
        let button = root.query_selector("[data-testid=sample-article]").unwrap().unwrap();
        button.dyn_into::<web_sys::HtmlElement>().unwrap().click();
        settle().await;

        let marks = root.query_selector_all("[data-testid=annotated-text] mark[data-label]").unwrap();
        let expected = analyze(SAMPLE, &Options::default()).entities.len();
        assert_eq!(marks.length() as usize, expected);
        let annotated = root.query_selector("[data-testid=annotated-text]").unwrap().unwrap();
        assert_eq!(annotated.text_content().unwrap_or_default(), SAMPLE);
    }
}
