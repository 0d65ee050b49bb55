//! Files in and out: the saved-documents menu (localStorage), importing annotation files, and
//! downloading the annotations in every export format.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::state::SharedAnalysis;
use super::{browser, storage};
use crate::export::{self, Format};
use crate::extract::Metadata;
use crate::import::{self, Imported};
use crate::Analysis;

/// The annotations JSON the page downloads: byte-identical to `marginalia annotate` on the same text,
/// and, for the article of a web page (with its `metadata`), to `marginalia annotate page.html`.
pub fn download_json(analysis: &Analysis, metadata: Option<&Metadata>) -> String {
    let mut json = export::json::to_string_with_metadata(analysis, None, metadata);
    json.push('\n');
    json
}

#[derive(Properties, PartialEq)]
pub struct SavedDocumentsProps {
    pub current: String,
    pub on_open: Callback<String>,
    pub on_error: Callback<String>,
}

/// A menu of saved documents (title and date), each with Open and Delete.
#[component]
pub fn SavedDocuments(props: &SavedDocumentsProps) -> Html {
    let open = use_state(|| false);
    let entries = use_state(Vec::<storage::Entry>::new);
    let toggle = {
        let open = open.clone();
        let entries = entries.clone();
        let on_error = props.on_error.clone();
        Callback::from(move |_: MouseEvent| {
            if !*open {
                match storage::list() {
                    Ok((list, warning)) => {
                        entries.set(list);
                        if let Some(w) = warning {
                            on_error.emit(w);
                        }
                    }
                    Err(message) => on_error.emit(message),
                }
            }
            open.set(!*open);
        })
    };
    html! {
        <div class="menu">
            <button data-testid="saved-documents" aria-expanded={open.to_string()} onclick={toggle}>{ "Saved…" }</button>
            if *open {
                <ul class="menu-list" data-testid="saved-list">
                    if entries.is_empty() { <li class="hint">{ "No saved documents yet." }</li> }
                    { for entries.iter().map(|entry| {
                        let id = entry.id.clone();
                        let on_open = { let open = open.clone(); let cb = props.on_open.clone(); let id = id.clone(); Callback::from(move |_: MouseEvent| { open.set(false); cb.emit(id.clone()) }) };
                        let on_delete = {
                            let entries = entries.clone();
                            let on_error = props.on_error.clone();
                            let id = id.clone();
                            Callback::from(move |_: MouseEvent| match storage::delete(&id) {
                                Ok(()) => entries.set(entries.iter().filter(|e| e.id != id).cloned().collect()),
                                Err(message) => on_error.emit(message),
                            })
                        };
                        html! {
                            <li class={classes!((entry.id == props.current).then_some("current"))} data-testid="saved-entry">
                                <button class="link" onclick={on_open}>{ &entry.title }</button>
                                <span class="date">{ date_label(entry.saved_at) }</span>
                                <button class="small" aria-label={format!("Delete {}", entry.title)} data-testid="delete-saved" onclick={on_delete}>{ "Delete" }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}

fn date_label(ms: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
        String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{ms}")
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportButtonProps {
    /// The current text, onto which W3C annotations without their own text are anchored.
    pub current_text: String,
    /// The file's text and annotations (the page analyzes the text with its own options).
    pub on_import: Callback<Imported>,
    pub on_error: Callback<String>,
}

/// Opens an annotations file (native JSON, W3C Web Annotation, doccano JSONL). A bad file gives a
/// message naming what is wrong, and the current document stays as it is.
#[component]
pub fn ImportButton(props: &ImportButtonProps) -> Html {
    let on_file = {
        let on_import = props.on_import.clone();
        let on_error = props.on_error.clone();
        let current_text = props.current_text.clone();
        Callback::from(move |(name, bytes): (String, Vec<u8>)| {
            let Ok(contents) = String::from_utf8(bytes) else {
                on_error
                    .emit(format!("“{name}” is not UTF-8 text, so it was not imported. Your document is unchanged."));
                return;
            };
            match read_import(&contents, &current_text) {
                Ok(doc) => on_import.emit(doc),
                Err(e) => on_error.emit(format!("“{name}” could not be imported: {e}. Your document is unchanged.")),
            }
        })
    };
    let onchange = {
        let on_error = props.on_error.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                browser::read_file(file, on_file.clone(), on_error.clone());
            }
            input.set_value("");
        })
    };
    html! {
        <label class="button" data-testid="import">
            { "Import…" }
            <input type="file" accept=".json,.jsonld,.jsonl,application/json" class="visually-hidden" data-testid="import-input" {onchange} />
        </label>
    }
}

/// The text and annotations of an imported file.
pub fn read_import(contents: &str, current_text: &str) -> Result<Imported, String> {
    match import::import(contents) {
        Ok(imported) => Ok(imported),
        // W3C annotations that carry no text of their own are anchored onto the current text.
        Err(first) => import::import_w3c_onto(contents, current_text).map_err(|_| first.to_string()),
    }
}

#[derive(Properties, PartialEq)]
pub struct DownloadsProps {
    pub analysis: SharedAnalysis,
    /// The metadata of the web page the text came from, written as the JSON's `metadata`.
    #[prop_or_default]
    pub metadata: Option<Metadata>,
    pub disabled: bool,
    pub on_error: Callback<String>,
}

/// "Download annotations" (the native JSON) plus a format menu for every other export.
#[component]
pub fn Downloads(props: &DownloadsProps) -> Html {
    let format = use_state(|| Format::W3c);
    let on_json = {
        let analysis = props.analysis.clone();
        let metadata = props.metadata.clone();
        let on_error = props.on_error.clone();
        Callback::from(move |_: MouseEvent| {
            let json = download_json(&analysis.0, metadata.as_ref());
            if let Err(message) = browser::download("annotations.json", "application/json", &json) {
                on_error.emit(message);
            }
        })
    };
    let on_select = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
                if let Some(f) = Format::parse(&select.value()) {
                    format.set(f);
                }
            }
        })
    };
    let on_export = {
        let analysis = props.analysis.clone();
        let on_error = props.on_error.clone();
        let format = *format;
        Callback::from(move |_: MouseEvent| {
            for file in export::export_files(&analysis.0, format) {
                let name = file.name.map_or_else(|| format!("annotations{}", file.suffix), str::to_owned);
                if let Err(message) = browser::download(&name, file.media_type, &file.content) {
                    on_error.emit(message);
                }
            }
        })
    };
    html! {
        <div class="downloads">
            <button data-testid="download-json" onclick={on_json} disabled={props.disabled}>{ "Download annotations" }</button>
            <select data-testid="export-format" aria-label="Export format" onchange={on_select}>
                { for Format::ALL.into_iter().filter(|f| *f != Format::Json).map(|f| html! {
                    <option value={f.name()} selected={f == *format}>{ f.description() }</option>
                }) }
            </select>
            <button data-testid="export" onclick={on_export} disabled={props.disabled}>{ "Export" }</button>
        </div>
    }
}
