//! The toolbar: the sample article, a new document, opening a file, saved documents, importing,
//! downloads and the colour theme. On a narrow screen its controls wrap onto more lines.

use yew::prelude::*;

use super::state::{SharedAnalysis, UiAction};
use super::{browser, files, storage, theme};
use crate::extract::Metadata;
use crate::Options;

/// The bundled sample article.
pub const SAMPLE: &str = include_str!("../../static/sample.txt");

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The id of the document shown (marked in the saved-documents menu).
    pub doc_id: String,
    /// The text shown, onto which W3C annotations without their own text are anchored.
    pub text: String,
    pub analysis: SharedAnalysis,
    /// What the web page the text came from says about its article, for the annotations JSON.
    #[prop_or_default]
    pub metadata: Option<Metadata>,
    /// Nothing to download.
    pub empty: bool,
    pub dispatch: Callback<UiAction>,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let dispatch = &props.dispatch;
    let on_sample = dispatch.reform(|_: MouseEvent| UiAction::SetText(SAMPLE.to_owned()));
    let on_new = dispatch.reform(|_: MouseEvent| UiAction::Restore {
        id: storage::new_doc_id(),
        text: String::new(),
        edits: Default::default(),
        options: Options::default(),
        metadata: None,
    });
    let on_file = dispatch.reform(|(name, bytes)| UiAction::OpenFile { name, bytes });
    let on_open_saved = {
        let dispatch = dispatch.clone();
        Callback::from(move |id: String| storage::open(&id, &dispatch))
    };
    let on_import = dispatch.reform(|imported| UiAction::Import(Box::new(imported)));
    let on_error = dispatch.reform(|message: String| UiAction::Notice(Some(message)));
    html! {
        <header class="topbar">
            <h1>{ "Marginalia" }</h1>
            <p class="tagline">{ "Paste a news article to see who, what, where and when. Nothing leaves your browser." }</p>
            <div class="actions" data-testid="toolbar">
                <button data-testid="sample-article" onclick={on_sample}>{ "Sample article" }</button>
                <button data-testid="new-document" onclick={on_new}>{ "New" }</button>
                <browser::OpenFile {on_file} on_error={on_error.clone()} />
                <files::SavedDocuments current={props.doc_id.clone()} on_open={on_open_saved} on_error={on_error.clone()} />
                <files::ImportButton current_text={props.text.clone()} {on_import} on_error={on_error.clone()} />
                <files::Downloads analysis={props.analysis.clone()} metadata={props.metadata.clone()} disabled={props.empty} {on_error} />
                <theme::ThemeMenu />
            </div>
        </header>
    }
}
