//! Saved documents in the browser's localStorage: the text, the person's edits and settings, one entry
//! per document plus an index listing them. Every failure (storage disabled, full, corrupted) comes back
//! as a message; the work in memory is never touched by a failed save or load.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use super::state::{State, UiAction, MAX_TEXT_BYTES};
use crate::edit::Edits;

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const INDEX_KEY: &str = "marginalia:index";
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const DOC_PREFIX: &str = "marginalia:doc:";
/// Version of the saved format; entries of another version are reported, not loaded. Fields added
/// since (the reference date, a web page's furniture and metadata) are optional, absent when empty, and
/// skipped by readers that do not know them, so they did not change the version: entries saved before
/// them load, and a page that predates them still opens entries that have them (without them).
const VERSION: u32 = 1;

/// One saved document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    pub id: String,
    pub title: String,
    /// Milliseconds since the Unix epoch.
    pub saved_at: f64,
    pub text: String,
    pub edits: Edits,
    pub summary_sentences: usize,
    /// The reference date (`YYYY-MM-DD`), when one was set; absent in documents saved before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_date: Option<String>,
    /// The furniture of a pasted or opened web page (byte spans of `text`); absent when there is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub furniture: Vec<crate::Span>,
    /// What the web page the text came from says about its article; absent for other texts and in
    /// documents saved before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<crate::extract::Metadata>,
}

/// A row of the saved-documents list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub saved_at: f64,
}

impl Saved {
    pub fn new(
        id: &str,
        text: &str,
        edits: &Edits,
        options: &crate::Options,
        metadata: Option<&crate::extract::Metadata>,
        saved_at: f64,
    ) -> Saved {
        Saved {
            version: VERSION,
            id: id.to_owned(),
            title: title_of(text),
            saved_at,
            text: text.to_owned(),
            edits: edits.clone(),
            summary_sentences: options.summary_sentences,
            anchor_date: options.anchor_date.map(|date| date.to_string()),
            furniture: options.furniture.clone(),
            metadata: metadata.filter(|m| !m.is_empty()).cloned(),
        }
    }

    /// The analysis options the document was saved with (a malformed reference date is dropped).
    pub fn options(&self) -> crate::Options {
        crate::Options {
            summary_sentences: self.summary_sentences,
            anchor_date: self.anchor_date.as_deref().and_then(|date| date.parse().ok()),
            furniture: self.furniture.clone(),
        }
    }
}

/// Saves the document on every change of its text, edits, settings or id. An empty document has
/// nothing worth saving; one over the page's limit is not analyzed and would not fit in the browser's
/// storage either (its message says so). A failure becomes the page's notice.
#[hook]
pub fn use_autosave(state: &State, dispatch: Callback<UiAction>) {
    let key = (
        Rc::as_ptr(&state.doc) as usize,
        state.text.clone(),
        state.options.clone(),
        state.metadata.clone(),
        state.doc_id.clone(),
    );
    let edits = state.edits_to_save().clone();
    let notice = state.notice.clone();
    use_effect_with(key, move |(_, text, options, metadata, id)| {
        if !text.trim().is_empty() && text.len() <= MAX_TEXT_BYTES {
            let long = text.len() >= super::worker::WORKER_BYTES;
            let (text, options, metadata, id) = (text.clone(), options.clone(), metadata.clone(), id.clone());
            let write = move || {
                if let Err(message) = save(&Saved::new(&id, &text, &edits, &options, metadata.as_ref(), now())) {
                    if notice.as_deref() != Some(message.as_str()) {
                        dispatch.emit(UiAction::Notice(Some(message)));
                    }
                }
            };
            // A long text is saved in a task of its own (its JSON and the write take 10–20 ms), not in the
            // one that changed it or took in its analysis; a short one at once.
            if long {
                super::browser::after_paint(write);
            } else {
                write();
            }
        }
    });
}

/// Opens the saved document `id` (a message when it cannot be read).
pub fn open(id: &str, dispatch: &Callback<UiAction>) {
    match load(id) {
        Ok(saved) => {
            let options = saved.options();
            dispatch.emit(UiAction::Restore {
                id: saved.id,
                text: saved.text,
                edits: saved.edits,
                options,
                metadata: saved.metadata,
            });
        }
        Err(message) => dispatch.emit(UiAction::Notice(Some(message))),
    }
}

/// Opens the document saved last, if any.
pub fn restore_last(dispatch: &Callback<UiAction>) {
    match list() {
        Ok((entries, warning)) => {
            if let Some(entry) = entries.first() {
                open(&entry.id, dispatch);
            }
            if warning.is_some() {
                dispatch.emit(UiAction::Notice(warning));
            }
        }
        Err(message) => dispatch.emit(UiAction::Notice(Some(message))),
    }
}

/// A fresh document id (the time, in hexadecimal milliseconds).
pub fn new_doc_id() -> String {
    format!("{:x}", now() as u64)
}

/// Milliseconds since the Unix epoch.
#[cfg(target_arch = "wasm32")]
fn now() -> f64 {
    js_sys::Date::now()
}

#[cfg(not(target_arch = "wasm32"))]
fn now() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_millis() as f64)
}

/// A document's title: its first non-empty line, shortened.
pub fn title_of(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("Untitled");
    let mut title: String = line.chars().take(80).collect();
    if line.chars().count() > 80 {
        title.push('…');
    }
    title
}

/// Parses a saved entry; a corrupted or foreign one gives a message.
pub fn parse_saved(json: &str) -> Result<Saved, String> {
    let saved: Saved = serde_json::from_str(json).map_err(|e| format!("the saved document is damaged ({e})"))?;
    if saved.version != VERSION {
        return Err(format!("the saved document has format version {}, not {VERSION}", saved.version));
    }
    Ok(saved)
}

/// Parses the index; a damaged index gives an empty list and a message.
pub fn parse_index(json: Option<&str>) -> (Vec<Entry>, Option<String>) {
    match json {
        None => (Vec::new(), None),
        Some(json) => match serde_json::from_str::<Vec<Entry>>(json) {
            Ok(mut entries) => {
                entries.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
                (entries, None)
            }
            Err(_) => (Vec::new(), Some("The list of saved documents was damaged and has been reset.".into())),
        },
    }
}

/// The index after saving `saved`: its row first, updated.
pub fn index_with(mut entries: Vec<Entry>, saved: &Saved) -> Vec<Entry> {
    entries.retain(|e| e.id != saved.id);
    entries.insert(0, Entry { id: saved.id.clone(), title: saved.title.clone(), saved_at: saved.saved_at });
    entries
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;

    fn storage() -> Result<web_sys::Storage, String> {
        let unavailable = "Saving is unavailable in this browser (storage is disabled). Your work stays on this page until you close it; download it to keep it.";
        web_sys::window()
            .ok_or_else(|| unavailable.to_owned())?
            .local_storage()
            .map_err(|_| unavailable.to_owned())?
            .ok_or_else(|| unavailable.to_owned())
    }

    pub fn list() -> Result<(Vec<Entry>, Option<String>), String> {
        let storage = storage()?;
        let raw = storage.get_item(INDEX_KEY).map_err(|_| "The saved documents could not be read.".to_owned())?;
        Ok(parse_index(raw.as_deref()))
    }

    pub fn save(saved: &Saved) -> Result<(), String> {
        let storage = storage()?;
        let full = "Storage is full: this document could not be saved. Your work stays on this page; download it or delete old saved documents.";
        let json = serde_json::to_string(saved).map_err(|e| e.to_string())?;
        storage.set_item(&format!("{DOC_PREFIX}{}", saved.id), &json).map_err(|_| full.to_owned())?;
        let (entries, _) = list()?;
        let index = serde_json::to_string(&index_with(entries, saved)).map_err(|e| e.to_string())?;
        storage.set_item(INDEX_KEY, &index).map_err(|_| full.to_owned())
    }

    pub fn load(id: &str) -> Result<Saved, String> {
        let storage = storage()?;
        let raw = storage
            .get_item(&format!("{DOC_PREFIX}{id}"))
            .map_err(|_| "The saved document could not be read.".to_owned())?
            .ok_or_else(|| "That saved document no longer exists.".to_owned())?;
        parse_saved(&raw).map_err(|e| format!("The saved document could not be opened: {e}."))
    }

    pub fn delete(id: &str) -> Result<(), String> {
        let storage = storage()?;
        let _ = storage.remove_item(&format!("{DOC_PREFIX}{id}"));
        let (mut entries, _) = list()?;
        entries.retain(|e| e.id != id);
        let index = serde_json::to_string(&entries).map_err(|e| e.to_string())?;
        storage.set_item(INDEX_KEY, &index).map_err(|_| "The list of saved documents could not be updated.".to_owned())
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::{delete, list, load, save};

/// Outside the browser there is no storage: every call says so (components still render natively).
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::*;
    const NONE: &str = "Saving is unavailable here.";
    pub fn list() -> Result<(Vec<Entry>, Option<String>), String> {
        Err(NONE.into())
    }
    pub fn save(_: &Saved) -> Result<(), String> {
        Err(NONE.into())
    }
    pub fn load(_: &str) -> Result<Saved, String> {
        Err(NONE.into())
    }
    pub fn delete(_: &str) -> Result<(), String> {
        Err(NONE.into())
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::{delete, list, load, save};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_documents_round_trip_and_damage_is_reported() {
        let saved = Saved::new("1", "\n  Title line\nBody", &Edits::default(), &crate::Options::default(), None, 5.0);
        assert_eq!(saved.title, "Title line");
        let json = serde_json::to_string(&saved).unwrap();
        assert_eq!(parse_saved(&json), Ok(saved.clone()));
        assert!(!json.contains("anchor_date") && !json.contains("metadata"), "{json}");
        let options = crate::Options {
            summary_sentences: 5,
            anchor_date: crate::numbers::Ymd::new(2021, 3, 5),
            furniture: vec![crate::Span::new(0, 4)],
        };
        let dated = Saved::new("2", "Body", &Edits::default(), &options, None, 6.0);
        let dated_json = serde_json::to_string(&dated).unwrap();
        assert!(dated_json.contains("\"anchor_date\":\"2021-03-05\""), "{dated_json}");
        assert_eq!(parse_saved(&dated_json).map(|s| s.options()), Ok(options));
        assert_eq!(parse_saved(&json).map(|s| s.options()), Ok(crate::Options::default()));
        assert!(parse_saved("{\"version\": 1").unwrap_err().contains("damaged"));
        let other = json.replace("\"version\":1", "\"version\":9");
        assert!(parse_saved(&other).unwrap_err().contains("version 9"));
        let (entries, warning) = parse_index(Some("not json"));
        assert!(entries.is_empty() && warning.is_some());
        let index = index_with(vec![Entry { id: "1".into(), title: "old".into(), saved_at: 1.0 }], &saved);
        assert_eq!(index.len(), 1);
        assert_eq!(index[0].title, "Title line");
    }

    #[test]
    fn a_web_pages_metadata_is_saved_with_it_and_older_entries_still_load() {
        let metadata = crate::extract::Metadata {
            title: Some("Ferry returns".into()),
            published: Some("2021-03-05T09:00:00Z".into()),
            authors: vec!["Ada Quill".into(), "<img src=x onerror=alert(1)>".into()],
            site_name: Some("Kestrel Post".into()),
            url: None,
        };
        let saved =
            Saved::new("3", "Ferry returns", &Edits::default(), &crate::Options::default(), Some(&metadata), 7.0);
        let json = serde_json::to_string(&saved).unwrap();
        assert!(json.contains("\"metadata\":{\"title\":\"Ferry returns\""), "{json}");
        let back = parse_saved(&json).expect("loads");
        assert_eq!(back.metadata.as_ref(), Some(&metadata));
        // The page's date is not the person's reference date.
        assert_eq!(back.options().anchor_date, None);
        // Empty metadata is not saved.
        let empty = crate::extract::Metadata::default();
        let plain = Saved::new("4", "Text", &Edits::default(), &crate::Options::default(), Some(&empty), 8.0);
        assert_eq!(plain.metadata, None);
        // An entry saved before metadata (and furniture, and the reference date) were kept.
        let old = r#"{"version":1,"id":"9","title":"Old","saved_at":1.0,"text":"Old text","edits":{"added":[],"removed":[]},"summary_sentences":3}"#;
        let loaded = parse_saved(old).expect("an older entry loads");
        assert_eq!((loaded.metadata, loaded.text.as_str()), (None, "Old text"));
    }
}
