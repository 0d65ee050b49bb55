//! Browser glue: the text area (paste, type, drop a file), the "Open file" button, and downloads.
//! Browser APIs are called only from event callbacks, never while rendering (so components also render
//! natively in tests).

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::state::ScrollTarget;

/// Files larger than this are refused with a message rather than freezing the page.
pub const MAX_FILE_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

/// A text area holding a text of this many bytes or more (and not over the page's limit, which is not
/// analyzed) is collapsed: its text is not laid out until it is focused or "Show the text" is pressed.
/// Laying out a text area is one task of the browser's that grows with the text (0.25–0.4 s for a 600 KB
/// text in the traces of docs/performance.md), and the annotated text below shows the same words.
pub const COLLAPSE_BYTES: usize = 100_000;

/// What a person typed or pasted into the page's first text area, index.html's own (the shell, shown while
/// the wasm module loads), before the app took over: its text, and whether it had the focus and where the
/// caret was (UTF-16 offsets).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EarlyInput {
    pub text: String,
    pub focused: bool,
    pub selection: Option<(u32, u32)>,
}

/// Takes the shell of index.html (`#shell`) out of the page and gives what its text area holds; `None`
/// without a shell. Called once, just before the app is mounted, so no keystroke falls between the two.
#[cfg(target_arch = "wasm32")]
pub fn take_shell() -> Option<EarlyInput> {
    let document = web_sys::window()?.document()?;
    let shell = document.get_element_by_id("shell")?;
    let area = shell.query_selector("textarea").ok().flatten().and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok());
    let early = area.map(|area| {
        let focused = document.active_element().is_some_and(|active| &active == area.as_ref() as &web_sys::Element);
        let selection = match (area.selection_start(), area.selection_end()) {
            (Ok(Some(start)), Ok(Some(end))) => Some((start, end)),
            _ => None,
        };
        EarlyInput { text: area.value(), focused, selection }
    });
    shell.remove();
    early
}

/// Gives the app's text area the focus and caret the shell's had (`take_shell`).
pub fn restore_early_focus(early: &EarlyInput) {
    if !early.focused {
        return;
    }
    let area = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-testid=article-input]").ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok());
    if let Some(area) = area {
        let _ = area.focus();
        if let Some((start, end)) = early.selection {
            let _ = area.set_selection_range(start, end);
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ArticleInputProps {
    pub value: String,
    pub on_input: Callback<String>,
    /// The text after a pasted web page's article was put in, with the spans of it that are furniture
    /// and what the page says about its article.
    pub on_paste_article: Callback<(String, Vec<crate::Span>, crate::extract::Metadata)>,
    /// A dropped file's name and bytes.
    pub on_file: Callback<(String, Vec<u8>)>,
    pub on_error: Callback<String>,
}

#[component]
pub fn ArticleInput(props: &ArticleInputProps) -> Html {
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
                on_input.emit(area.value());
            }
        })
    };
    // A paste that carries HTML with article blocks (a copy from a news page) is read as the article
    // in it (`extract`: the title line, the paragraphs, no navigation or comments), put where the
    // selection was. The HTML is parsed inertly and not kept. Other pastes are the browser's own.
    let onpaste = {
        let on_paste_article = props.on_paste_article.clone();
        Callback::from(move |e: Event| {
            let Some(event) = e.dyn_ref::<ClipboardEvent>() else { return };
            let Some(html) = event.clipboard_data().and_then(|d| d.get_data("text/html").ok()) else { return };
            if html.is_empty() || !crate::extract::has_blocks(&html) {
                return;
            }
            let Some(area) = e.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) else { return };
            let extracted = crate::extract::extract(&html);
            if extracted.text.trim().is_empty() {
                return;
            }
            e.prevent_default();
            let start = area.selection_start().ok().flatten().unwrap_or(0);
            let end = area.selection_end().ok().flatten().unwrap_or(start);
            let (text, at) = splice_utf16(&area.value(), start, end, &extracted.text);
            let furniture = extracted.furniture.iter().map(|s| crate::Span::new(s.start + at, s.end + at)).collect();
            on_paste_article.emit((text, furniture, extracted.metadata));
        })
    };
    // A long text collapses the text area (`COLLAPSE_BYTES`) until the person asks to see it; a text that
    // becomes short again forgets that, so the next long paste collapses it again.
    let shown = use_state(|| false);
    let long = (COLLAPSE_BYTES..=super::state::MAX_TEXT_BYTES).contains(&props.value.len());
    use_effect_with(long, {
        let shown = shown.clone();
        move |long| {
            if !*long && *shown {
                shown.set(false);
            }
        }
    });
    let collapsed = long && !*shown;
    let onfocus = {
        let shown = shown.clone();
        Callback::from(move |_: FocusEvent| {
            if collapsed {
                shown.set(true);
            }
        })
    };
    let area_ref = use_node_ref();
    let show_ref = use_node_ref();
    // A collapsed text area cannot be typed in: when it collapses with the caret in it (a paste), the
    // caret moves to "Show the text".
    use_effect_with(collapsed, {
        let (area_ref, show_ref) = (area_ref.clone(), show_ref.clone());
        move |&collapsed| {
            let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
            let area = area_ref.cast::<web_sys::Element>();
            if collapsed && active.is_some() && active == area {
                if let Some(button) = show_ref.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        }
    });
    // "Show the text" puts the caret in the text area, which shows it.
    let show = {
        let area_ref = area_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = area_ref.cast::<HtmlTextAreaElement>() {
                let _ = area.focus();
            }
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let on_file = props.on_file.clone();
        let on_error = props.on_error.clone();
        Callback::from(move |e: DragEvent| {
            let file = e.data_transfer().and_then(|d| d.files()).and_then(|files| files.get(0));
            if let Some(file) = file {
                e.prevent_default();
                read_file(file, on_file.clone(), on_error.clone());
            }
        })
    };
    html! {
        <>
            <textarea class={classes!("article-input", collapsed.then_some("collapsed"))} data-testid="article-input"
                value={props.value.clone()} placeholder="Paste a news article here, or drop a .txt file or a saved .html page"
                aria-label="Article text" spellcheck="false" ref={area_ref} {onfocus} {oninput} {onpaste} {ondragover} {ondrop} />
            if collapsed {
                <p class="collapsed-note" data-testid="collapsed-note">
                    { format!("The text area holds a long text ({} characters), shown annotated below. ", props.value.chars().count()) }
                    <button class="link" data-testid="show-text" ref={show_ref} onclick={show}>{ "Show the text" }</button>
                </p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct OpenFileProps {
    pub on_file: Callback<(String, Vec<u8>)>,
    pub on_error: Callback<String>,
}

/// A button that opens a local text file.
#[component]
pub fn OpenFile(props: &OpenFileProps) -> Html {
    let onchange = {
        let on_file = props.on_file.clone();
        let on_error = props.on_error.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                read_file(file, on_file.clone(), on_error.clone());
            }
            input.set_value("");
        })
    };
    html! {
        <label class="button" data-testid="open-file">
            { "Open file…" }
            <input type="file" accept=".txt,.html,.htm,text/plain,text/html" class="visually-hidden" {onchange} />
        </label>
    }
}

/// `value` with the UTF-16 range `start..end` (a text area's selection) replaced by `insert`, and the
/// byte where `insert` went in; positions past the end or inside a surrogate pair are moved to the
/// nearest character boundary before them.
pub fn splice_utf16(value: &str, start: u32, end: u32, insert: &str) -> (String, usize) {
    let byte_at = |unit: u32| {
        let mut units = 0u32;
        for (byte, c) in value.char_indices() {
            if units + c.len_utf16() as u32 > unit {
                return byte;
            }
            units += c.len_utf16() as u32;
        }
        value.len()
    };
    let (a, b) = (byte_at(start.min(end)), byte_at(start.max(end)));
    (format!("{}{insert}{}", &value[..a], &value[b..]), a)
}

pub fn read_file(file: web_sys::File, on_file: Callback<(String, Vec<u8>)>, on_error: Callback<String>) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES {
        on_error.emit(format!(
            "“{name}” is {:.0} MB; files up to {:.0} MB can be opened. Your current text is unchanged.",
            file.size() / 1048576.0,
            MAX_FILE_BYTES / 1048576.0
        ));
        return;
    }
    let blob = gloo::file::Blob::from(file);
    wasm_bindgen_futures::spawn_local(async move {
        match gloo::file::futures::read_as_bytes(&blob).await {
            Ok(bytes) => on_file.emit((name, bytes)),
            Err(e) => on_error.emit(format!("“{name}” could not be read ({e}). Your current text is unchanged.")),
        }
    });
}

/// Offers `contents` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, contents: &str) -> Result<(), String> {
    let fail = |what: &str| format!("The download could not be prepared ({what}).");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("object URL"))?;
    let document = gloo::utils::document();
    let anchor = document
        .create_element("a")
        .map_err(|_| fail("link"))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| fail("link"))?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The byte span of the text the person selected: in the annotated text (mouse), or in the input area
/// (keyboard selection) when it holds the analyzed text. `None` when nothing is selected.
pub fn selection_span(text: &str) -> Option<crate::Span> {
    use crate::offsets::byte_of_utf16;
    let window = web_sys::window()?;
    let document = window.document()?;
    let container = document.query_selector("[data-testid=annotated-text]").ok()??;
    if let Some(selection) = window.get_selection().ok().flatten() {
        if !selection.is_collapsed() && selection.range_count() > 0 {
            let range = selection.get_range_at(0).ok()?;
            let common = range.common_ancestor_container().ok()?;
            if container.contains(Some(&common)) {
                // The text before the selection, as the DOM reads it, is the article's text before it:
                // labels are drawn by CSS and anchors are empty, so neither adds characters.
                let before = document.create_range().ok()?;
                before.select_node_contents(&container).ok()?;
                before.set_end(&range.start_container().ok()?, range.start_offset().ok()?).ok()?;
                let start = before.to_string().length() as usize;
                let len = range.to_string().length() as usize;
                let span = crate::Span::new(byte_of_utf16(text, start)?, byte_of_utf16(text, start + len)?);
                return (!span.is_empty()).then_some(span);
            }
        }
    }
    let area = document.query_selector("[data-testid=article-input]").ok()??.dyn_into::<HtmlTextAreaElement>().ok()?;
    let (start, end) = (area.selection_start().ok()??, area.selection_end().ok()??);
    if start < end && area.value() == text {
        return Some(crate::Span::new(byte_of_utf16(text, start as usize)?, byte_of_utf16(text, end as usize)?));
    }
    None
}

/// True when a key event comes from a text field, which keeps its own editing keys.
pub fn target_is_text_field(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"))
}

/// Scrolls to what an action pointed at (`State::scroll_target`) each time `serial` changes.
#[hook]
pub fn use_scroll(serial: u64, target: Option<ScrollTarget>) {
    use_effect_with(serial, move |_| {
        if let Some(target) = target {
            let selector = match target {
                ScrollTarget::Entity(i) => format!("[data-testid=annotated-text] mark[data-entity=\"{i}\"]"),
                ScrollTarget::Sentence(i) => format!("[data-testid=annotated-text] [data-sentence=\"{i}\"]"),
            };
            // Once the text's chunks have drawn what pointed here (a chunk's markup is drawn anew when its
            // highlights change, after this effect).
            after_paint(move || scroll_to(selector));
        }
    });
}

/// Scrolls the first element matching `selector` into the middle of the view.
pub fn scroll_to(selector: String) {
    scroll(&selector, web_sys::ScrollLogicalPosition::Center);
}

/// Scrolls the first element matching `selector` into view only as far as needed (inside the sidebar).
pub fn scroll_nearest(selector: String) {
    scroll(&selector, web_sys::ScrollLogicalPosition::Nearest);
}

fn scroll(selector: &str, block: web_sys::ScrollLogicalPosition) {
    let Some(element) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten())
    else {
        return;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(block);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Runs `f` after the browser has had a chance to paint and handle input (a zero-delay timer).
pub fn after_paint(f: impl FnOnce() + 'static) {
    gloo::timers::callback::Timeout::new(0, f).forget();
}

/// Milliseconds from the page's time origin (`performance.now()`); 0 outside a browser.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::splice_utf16;

    #[test]
    fn a_paste_replaces_the_selection_counted_in_utf16_units() {
        let splice = |value, start, end, insert| splice_utf16(value, start, end, insert).0;
        assert_eq!(splice("", 0, 0, "Title\n\nBody"), "Title\n\nBody");
        assert_eq!(splice_utf16("ab", 1, 1, "X"), ("aXb".to_owned(), 1));
        // "😀" is two UTF-16 units: the selection after it starts at unit 2.
        assert_eq!(splice("😀 old text", 3, 6, "new"), "😀 new text");
        assert_eq!(splice("keep", 4, 99, "!"), "keep!");
        assert_eq!(splice("whole", 5, 0, "other"), "other");
    }
}
