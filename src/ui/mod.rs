//! The web page (Yew): a toolbar, an input area, the annotated text, an edit bar and the sidebar. It
//! renders an `Analysis` produced by the core and never analyzes text itself: `state::reduce` says when a
//! text needs analyzing, and `worker::Analyzer::run` has it analyzed.

mod annotated;
mod browser;
mod editbar;
mod files;
mod page_metadata;
mod sidebar;
pub mod state;
pub mod storage;
mod theme;
mod toolbar;
pub mod worker;

use std::rc::Rc;

use yew::prelude::*;

pub use annotated::{chunks, AnalysisStatus, AnalysisStatusProps, AnnotatedText, AnnotatedTextProps, ChunkRange};
pub use files::download_json;
pub use sidebar::{Sidebar, SidebarProps};
pub use state::SharedAnalysis;
use state::{State, UiAction};
pub use toolbar::SAMPLE;

/// The page's state behind Yew's reducer hook, with where its analyses run.
#[derive(Clone)]
struct Page {
    state: State,
    analyzer: worker::Analyzer,
}

impl PartialEq for Page {
    fn eq(&self, other: &Page) -> bool {
        self.state == other.state
    }
}

impl Reducible for Page {
    type Action = UiAction;
    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let (state, request) = state::reduce(&self.state, action);
        let state = match request {
            Some(request) => self.analyzer.run(state, request),
            None => state,
        };
        Rc::new(Page { state, analyzer: self.analyzer.clone() })
    }
}

thread_local! {
    /// What the shell's text area held when the app took over (`mount`), for the app's first state.
    static EARLY_INPUT: std::cell::RefCell<Option<browser::EarlyInput>> = const { std::cell::RefCell::new(None) };
}

/// Mounts the app on the document's body, taking over from the shell of index.html: a text area the page
/// shows at once, before the wasm module has loaded, so that a person can paste at once. What it holds is
/// the app's first text (analyzed for the app's first render when it is short; in the worker when long),
/// in place of the last saved document.
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    let early = browser::take_shell().filter(|early| !early.text.is_empty());
    EARLY_INPUT.with(|cell| *cell.borrow_mut() = early);
    yew::Renderer::<App>::new().render();
}

#[component]
pub fn App() -> Html {
    let early = use_memo((), |_| EARLY_INPUT.with(|cell| cell.borrow_mut().take()));
    let page = use_reducer(|| {
        let page = Page {
            state: State { doc_id: storage::new_doc_id(), ..State::default() },
            analyzer: worker::Analyzer::default(),
        };
        match early.as_ref() {
            // A short text is analyzed now, on the page's thread, so that the first render has it.
            Some(early) if early.text.len() < worker::WORKER_BYTES => {
                (*Rc::new(page).reduce(UiAction::SetText(early.text.clone()))).clone()
            }
            _ => page,
        }
    });
    let dispatch = Callback::from({
        let dispatcher = page.dispatcher();
        move |action| dispatcher.dispatch(action)
    });
    // The worker first, then the shell's text if it is long (analyzed there), else the last saved
    // document if the shell's text area was left empty (a long one is analyzed there too).
    use_effect_with((), {
        let (analyzer, dispatch, early) = (page.analyzer.clone(), dispatch.clone(), early.clone());
        move |_| {
            analyzer.start(dispatch.clone());
            match early.as_ref() {
                Some(early) => {
                    if early.text.len() >= worker::WORKER_BYTES {
                        dispatch.emit(UiAction::SetText(early.text.clone()));
                    }
                    browser::restore_early_focus(early);
                }
                None => storage::restore_last(&dispatch),
            }
        }
    });
    let state = &page.state;
    storage::use_autosave(state, dispatch.clone());
    browser::use_scroll(state.scroll_serial, state.scroll_target);

    let analysis = {
        let doc = state.doc.clone();
        (*use_memo(Rc::as_ptr(&state.doc) as usize, move |_| SharedAnalysis(Rc::new(doc.analysis().clone())))).clone()
    };
    let on_keydown = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(action) = editbar::history_key(&e) {
                e.prevent_default();
                dispatch.emit(action);
            }
        })
    };
    let on_error = dispatch.reform(|message: String| UiAction::Notice(Some(message)));
    let analyzable = !state.text.trim().is_empty() && state.text.len() <= state::MAX_TEXT_BYTES;
    html! {
        <div class="app" onkeydown={on_keydown}>
            <toolbar::Toolbar doc_id={state.doc_id.clone()} text={state.text.clone()} analysis={analysis.clone()} metadata={state.metadata.clone()}
                empty={state.text.trim().is_empty()} dispatch={dispatch.clone()} />
            if state.is_stale() && analyzable {
                // Not a live region: it changes at each keystroke. `AnalysisStatus` announces the result.
                <div class="progress" data-testid="progress">
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
                    if let Some(metadata) = &state.metadata {
                        <page_metadata::PageMetadata metadata={metadata.clone()} />
                    }
                    <browser::ArticleInput value={state.text.clone()} on_input={dispatch.reform(UiAction::SetText)}
                        on_paste_article={dispatch.reform(|(text, furniture, metadata)| UiAction::PasteArticle { text, furniture, metadata })}
                        on_file={dispatch.reform(|(name, bytes)| UiAction::OpenFile { name, bytes })} on_error={on_error} />
                    <editbar::EditBar analysis={analysis.clone()} focused={state.focused} can_undo={state.doc.can_undo()}
                        can_redo={state.doc.can_redo()} dispatch={dispatch.clone()} />
                    <AnnotatedText analysis={analysis.clone()} focused={state.focused} flash={state.flash} analysis_ms={state.last_analysis_ms} in_worker={state.analyzed_in_worker}
                        selected={state.selected_group.and_then(|g| state.analysis().groups.get(g)).map(|g| g.mentions.clone()).unwrap_or_default()}
                        on_focus={dispatch.reform(UiAction::Focus)} on_key={editbar::key_handler(&analysis, state.focused, &dispatch)} />
                    <AnalysisStatus analysis={analysis.clone()} focused={state.focused} />
                </section>
                <Sidebar analysis={analysis} selected_group={state.selected_group} summary_sentences={state.options.summary_sentences}
                    anchor_date={state.options.anchor_date.map(|date| date.to_string()).unwrap_or_default()}
                    page_date={state.page_date().map(|date| date.to_string()).unwrap_or_default()} {dispatch} />
            </main>
        </div>
    }
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
        let expected = crate::analyze(SAMPLE, &crate::Options::default()).entities.len();
        assert_eq!(marks.length() as usize, expected);
        let annotated = root.query_selector("[data-testid=annotated-text]").unwrap().unwrap();
        assert_eq!(annotated.text_content().unwrap_or_default(), SAMPLE);
    }
}
