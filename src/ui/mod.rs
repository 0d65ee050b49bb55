//! The web page (Yew): an input area, the annotated text and the sidebar. It renders an `Analysis`
//! produced by the core and never analyzes text itself.

mod annotated;
mod browser;
mod sidebar;

use std::rc::Rc;

use yew::prelude::*;

use crate::{analyze, export, Analysis, Options};

pub use annotated::{AnnotatedText, AnnotatedTextProps};
pub use sidebar::{Sidebar, SidebarProps};

/// The bundled sample article.
pub const SAMPLE: &str = include_str!("../../static/sample.txt");

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

#[component]
pub fn App() -> Html {
    let text = use_state(String::new);
    let notice = use_state(|| Option::<String>::None);
    let analysis = {
        let text = (*text).clone();
        use_memo(text, |text| SharedAnalysis::new(text))
    };

    let on_input = {
        let text = text.clone();
        let notice = notice.clone();
        Callback::from(move |value: String| {
            notice.set(None);
            text.set(value);
        })
    };
    let on_sample = {
        let text = text.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            notice.set(None);
            text.set(SAMPLE.to_owned());
        })
    };
    let on_file = {
        let text = text.clone();
        let notice = notice.clone();
        Callback::from(move |(name, bytes): (String, Vec<u8>)| match String::from_utf8(bytes) {
            Ok(contents) => {
                notice.set(None);
                text.set(contents);
            }
            Err(_) => notice.set(Some(format!(
                "“{name}” is not UTF-8 text, so it was not opened. Your current text is unchanged."
            ))),
        })
    };
    let on_file_error = {
        let notice = notice.clone();
        Callback::from(move |message: String| notice.set(Some(message)))
    };
    let on_download = {
        let analysis = analysis.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            if let Err(message) = browser::download("annotations.json", "application/json", &download_json(&analysis.0)) {
                notice.set(Some(message));
            }
        })
    };

    let empty = text.trim().is_empty();
    html! {
        <div class="app">
            <header class="topbar">
                <h1>{ "Marginalia" }</h1>
                <p class="tagline">{ "Paste a news article to see who, what, where and when. Nothing leaves your browser." }</p>
                <div class="actions">
                    <button data-testid="sample-article" onclick={on_sample}>{ "Sample article" }</button>
                    <browser::OpenFile on_file={on_file.clone()} on_error={on_file_error.clone()} />
                    <button data-testid="download-json" onclick={on_download} disabled={empty}>{ "Download annotations" }</button>
                </div>
            </header>
            if let Some(message) = &*notice {
                <div class="notice" role="alert" data-testid="notice">{ message }</div>
            }
            <main class="workspace">
                <section class="document">
                    <browser::ArticleInput value={(*text).clone()} on_input={on_input} on_file={on_file} on_error={on_file_error} />
                    <AnnotatedText analysis={(*analysis).clone()} />
                </section>
                <Sidebar analysis={(*analysis).clone()} />
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
        assert!(root.query_selector("[data-testid=annotated-text] .empty-state").unwrap().is_some());

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
