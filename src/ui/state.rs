//! The page's state as plain Rust data: the document (machine analysis plus a person's edits), what is
//! selected in the sidebar, and the message shown to the person. `UiAction`s are applied by `reduce`,
//! which is unit-tested natively without a browser. `reduce` never analyzes: when an action needs a new
//! analysis it says so, returning an `AnalysisRequest` (this text, these options), and the page carries
//! it out in one place (`worker::Analyzer::run`), which answers with `Analyzed` or `AnalyzedHere`.

use std::rc::Rc;

use crate::edit::{self, Document, Edits, Prepared};
use crate::extract::Metadata;
use crate::import::Imported;
use crate::numbers::Ymd;
use crate::{Analysis, Options};

/// Everything the page shows that is not a browser concern.
#[derive(Clone)]
pub struct State {
    /// The saved document this is (its key in the browser's storage).
    pub doc_id: String,
    /// The text in the input area.
    pub text: String,
    /// The analyzed document. Its text equals `text` once analysis has caught up.
    pub doc: Rc<Document>,
    /// The person's options: the reference date here is theirs alone (`None` when they set none); the
    /// analysis requests carry `effective_options`, where a web page's publication date fills it in.
    pub options: Options,
    /// What the web page the text came from says about its article (title, date, authors, site, URL),
    /// when the text came from a pasted or opened page; `None` for typed or plain text.
    pub metadata: Option<Metadata>,
    /// The entity group selected in the sidebar, and which of its mentions is current.
    pub selected_group: Option<usize>,
    pub mention_cursor: usize,
    /// The highlight the person clicked or moved to (index into `doc.analysis().entities`).
    pub focused: Option<usize>,
    /// A message for the person (errors, warnings), if any.
    pub notice: Option<String>,
    /// Bumped when the page should scroll to `scroll_target`.
    pub scroll_serial: u64,
    pub scroll_target: Option<ScrollTarget>,
    /// How long the last analysis took, in milliseconds (shown to benchmarks as a data attribute).
    pub last_analysis_ms: f64,
    /// Whether the shown analysis came from the worker.
    pub analyzed_in_worker: bool,
    /// What waits for the analysis of a restored or imported text: applied when it arrives.
    pub pending: Option<Pending>,
    /// The speaker's words of the quote revealed last, flashed in the text; cleared by the next action.
    pub flash: Option<crate::span::Span>,
}

/// What a text waiting for its analysis brings along.
#[derive(Clone, Debug)]
pub enum Pending {
    /// A saved document's edits (saved meanwhile in the document's place).
    Edits(Edits),
    /// An imported file: its entities and quotes replace the machine's.
    Import(Box<Imported>),
}

/// Where the page scrolls after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScrollTarget {
    Entity(usize),
    Sentence(usize),
}

/// What `reduce` asks of the page: analyze `text` with `options`.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysisRequest {
    pub text: String,
    pub options: Options,
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
        SharedAnalysis(Rc::new(crate::analyze(text, &Options::default())))
    }
}

impl Default for State {
    fn default() -> State {
        State {
            doc_id: String::new(),
            text: String::new(),
            doc: Rc::new(Document::new(Analysis::default())),
            options: Options::default(),
            metadata: None,
            selected_group: None,
            mention_cursor: 0,
            focused: None,
            notice: None,
            scroll_serial: 0,
            scroll_target: None,
            last_analysis_ms: 0.0,
            analyzed_in_worker: false,
            flash: None,
            pending: None,
        }
    }
}

impl PartialEq for State {
    fn eq(&self, other: &State) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.doc_id == other.doc_id
            && self.text == other.text
            && self.options == other.options
            && self.metadata == other.metadata
            && self.selected_group == other.selected_group
            && self.mention_cursor == other.mention_cursor
            && self.focused == other.focused
            && self.notice == other.notice
            && self.scroll_serial == other.scroll_serial
    }
}

/// What happens on the page.
#[derive(Clone, Debug)]
pub enum UiAction {
    /// The person typed or pasted text.
    SetText(String),
    /// The article of a pasted web page put into the text (`text` is the whole new text), with the
    /// spans of it the extractor found to be furniture (captions, related links, bylines).
    /// Its `metadata` becomes the document's when the paste replaced the whole text or the document has
    /// none.
    PasteArticle {
        text: String,
        furniture: Vec<crate::Span>,
        metadata: Metadata,
    },
    /// A file the person opened or dropped: its name and bytes (a web page is read for its article).
    OpenFile {
        name: String,
        bytes: Vec<u8>,
    },
    /// The analysis of a text, made and prepared on the page's thread (with the milliseconds it took);
    /// applied only if that is still the current text.
    AnalyzedHere(Box<Prepared>, f64),
    /// A fresh analysis of `machine.text`, prepared by the worker, arrived (with the milliseconds it
    /// took); applied only if that is still the current text.
    Analyzed(Rc<Prepared>, f64),
    /// A saved document (or, with an empty text, a new one): its id, text, the person's edits, the
    /// options it was analyzed with and the metadata of the web page it came from.
    Restore {
        id: String,
        text: String,
        edits: Edits,
        options: Options,
        metadata: Option<Metadata>,
    },
    /// An imported annotations file: analyzed with the page's options, its annotations kept.
    Import(Box<Imported>),
    Edit(edit::Action),
    /// A click on a sidebar row: select the group, or step to its next mention when already selected.
    SelectGroup(usize),
    /// A click on a highlight (or moving to one by keyboard).
    Focus(Option<usize>),
    /// Focus a highlight and scroll to it (a click on a quote, date or figure in the sidebar).
    Reveal(usize),
    /// Reveal a quote (index into the analysis's quotes) and flash its speaker's words.
    RevealQuote(usize),
    /// Move the focus to the next (+1) or previous (-1) highlight.
    MoveFocus(isize),
    ScrollToSentence(usize),
    SetSummarySentences(usize),
    /// The date relative dates resolve against when the text has no dateline (`YYYY-MM-DD`, or empty for
    /// none). A malformed date is refused with a message.
    SetAnchorDate(String),
    Notice(Option<String>),
}

impl State {
    pub fn analysis(&self) -> &Analysis {
        self.doc.analysis()
    }

    /// The group an entity belongs to.
    pub fn group_of(&self, entity: usize) -> Option<usize> {
        self.analysis().groups.iter().position(|g| g.mentions.contains(&entity))
    }

    /// The edits to save: the document's, or those of a restored document still being analyzed.
    pub fn edits_to_save(&self) -> &Edits {
        match &self.pending {
            Some(Pending::Edits(edits)) => edits,
            _ => self.doc.edits(),
        }
    }

    /// The web page's publication date, when the text came from a page that gives one.
    pub fn page_date(&self) -> Option<Ymd> {
        self.metadata.as_ref().and_then(Metadata::published_date)
    }

    /// The options analyses are made with: the person's, with the page's publication date as the
    /// reference date when they set none (as `marginalia annotate page.html` does).
    pub fn effective_options(&self) -> Options {
        Options { anchor_date: self.options.anchor_date.or_else(|| self.page_date()), ..self.options.clone() }
    }

    /// True while the shown analysis is of an older text than the input's.
    pub fn is_stale(&self) -> bool {
        self.analysis().text != self.text
    }

    fn scroll_to(&mut self, target: ScrollTarget) {
        self.scroll_target = Some(target);
        self.scroll_serial += 1;
    }

    fn clear_selection(&mut self) {
        self.selected_group = None;
        self.mention_cursor = 0;
        self.focused = None;
    }

    /// Takes a fresh analysis of the current text into the document: the person's edits carried over,
    /// or what waited for it (a restored document's edits, an imported file's annotations) applied.
    fn take(&mut self, fresh: Box<Prepared>) {
        match self.pending.take() {
            Some(Pending::Edits(edits)) => self.take_restored(fresh.machine, edits),
            Some(Pending::Import(imported)) => {
                match Document::from_imported(fresh.machine, *imported) {
                    Some(doc) => self.doc = Rc::new(doc.with_options(self.effective_options())),
                    None => self.notice = Some("The imported text does not match its annotations.".into()),
                }
                self.clear_selection();
            }
            None => self.take_with(|doc| doc.reanalyze_prepared(*fresh)),
        }
    }

    /// A saved document's analysis with its saved edits (those that do not fit the text are left out,
    /// with a message).
    fn take_restored(&mut self, machine: Analysis, edits: Edits) {
        let (doc, dropped) = Document::with_edits(machine, edits);
        if dropped > 0 {
            self.notice = Some(format!("{dropped} saved edits did not fit the saved text and were left out."));
        }
        self.doc = Rc::new(doc.with_options(self.effective_options()));
        self.clear_selection();
    }

    fn take_with(&mut self, reanalyze: impl FnOnce(&mut Document) -> edit::Carried) {
        let mut doc = (*self.doc).clone();
        let carried = reanalyze(&mut doc);
        if !carried.lost.is_empty() {
            self.notice = Some(format!(
                "{} of your edits no longer match the changed text and were set aside: {}.",
                carried.lost.len(),
                carried.lost.iter().map(|w| format!("“{w}”")).collect::<Vec<_>>().join(", ")
            ));
        }
        self.doc = Rc::new(doc);
        self.clear_selection();
    }

    /// Shows `text` in place of the document, nothing of the one before kept, until its analysis arrives
    /// with `pending`.
    fn replace(&mut self, text: String, pending: Pending) -> Option<AnalysisRequest> {
        self.text = text;
        self.doc = Rc::new(Document::new(Analysis::default()));
        self.pending = Some(pending);
        self.clear_selection();
        self.request()
    }

    /// An analysis of the current text with the effective options, unless the text is over the page's limit.
    fn request(&self) -> Option<AnalysisRequest> {
        (self.text.len() <= MAX_TEXT_BYTES)
            .then(|| AnalysisRequest { text: self.text.clone(), options: self.effective_options() })
    }

    /// `set_text` of a web page's article, with the furniture spans `furniture` of the new text added to
    /// the document's, and the page's `metadata` kept when it replaced the whole text or the document had
    /// none (an article pasted into another one's text leaves that one's metadata).
    fn set_text_with(
        &mut self,
        text: String,
        furniture: Vec<crate::Span>,
        metadata: Metadata,
    ) -> Option<AnalysisRequest> {
        let before = self.effective_options();
        let replaced = replaces_whole(&self.text, &text);
        let request = self.set_text(text);
        if replaced || self.metadata.is_none() {
            self.metadata = (!metadata.is_empty()).then_some(metadata);
        }
        self.options.furniture.extend(furniture);
        self.options.furniture.sort();
        self.options.furniture.dedup();
        if request.is_some() || self.effective_options() != before {
            self.request()
        } else {
            None
        }
    }

    /// A new text from the person: analyzed unless unchanged (a text area can report the same value
    /// many times) or over the page's limit (kept, with a message).
    fn set_text(&mut self, text: String) -> Option<AnalysisRequest> {
        if text == self.text {
            return None;
        }
        self.options.furniture = shift_spans(&self.text, &text, &self.options.furniture);
        if replaces_whole(&self.text, &text) {
            // Another text in place of the page's article (select all and paste, the sample, a cleared
            // text area): what the page said about its article no longer applies.
            self.metadata = None;
        }
        self.text = text;
        if self.text.len() > MAX_TEXT_BYTES {
            // Kept in the input area, not analyzed: nothing is lost, and the page stays usable.
            self.notice = Some(format!(
                "This text is {:.1} MB; the page analyzes texts of up to {} MB. It stays in the input area; shorten it, or use the command-line tool (marginalia annotate) for longer texts.",
                self.text.len() as f64 / 1048576.0,
                MAX_TEXT_BYTES >> 20
            ));
            return None;
        }
        if self.text.len() > LONG_TEXT_BYTES && self.notice.is_none() {
            self.notice = Some(format!(
                "A long text ({:.1} MB): highlights are drawn a part at a time, from the top, while you read.",
                self.text.len() as f64 / 1048576.0
            ));
        }
        self.request()
    }
}

/// The longest text the page analyzes (bytes). Longer ones stay in the input area with a message: their
/// analysis would take more memory and time than a page should ask for.
pub const MAX_TEXT_BYTES: usize = 4 << 20;

/// Texts longer than this get a note that highlighting continues while the person reads.
const LONG_TEXT_BYTES: usize = 1 << 20;

/// `spans` of `old` where they are in `new`: the text between the two's common start and common end
/// changed; a span before it stays, one after it moves with it, one around it stretches, and one
/// reaching into it is dropped.
pub fn shift_spans(old: &str, new: &str, spans: &[crate::Span]) -> Vec<crate::Span> {
    if spans.is_empty() {
        return Vec::new();
    }
    let mut start = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let max_suffix = old.len().min(new.len()) - start;
    let mut suffix = old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
    let at = |pos: usize| {
        if pos <= start {
            Some(pos)
        } else if pos >= old_end {
            Some(pos - old_end + new_end)
        } else {
            None
        }
    };
    spans
        .iter()
        .filter_map(|s| Some(crate::Span::new(at(s.start)?, at(s.end)?)))
        .filter(|s| s.start < s.end && new.get(s.start..s.end).is_some())
        .collect()
}

/// Whether `new` replaces the whole of `old` rather than editing it: less than a quarter of `old` is
/// left at the start and end of `new` (a select-all paste keeps at most a few characters that happen
/// to be the same; typing, deleting a paragraph or pasting into the text keep most of it).
pub fn replaces_whole(old: &str, new: &str) -> bool {
    if old.is_empty() || new.is_empty() {
        return true;
    }
    let start = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - start;
    let suffix = old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    (start + suffix) * 4 < old.len()
}

/// Whether an opened or dropped file is a web page: by its name, or by how its text starts.
fn is_page(name: &str, contents: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.ends_with(".html") || name.ends_with(".htm") || crate::extract::looks_like_html(contents)
}

/// Applies `action` to `state`; the request, when there is one, is the analysis the new state waits for.
pub fn reduce(state: &State, action: UiAction) -> (State, Option<AnalysisRequest>) {
    let mut next = state.clone();
    next.flash = None;
    let request = match action {
        UiAction::SetText(text) => next.set_text(text),
        UiAction::PasteArticle { text, furniture, metadata } => next.set_text_with(text, furniture, metadata),
        UiAction::OpenFile { name, bytes } => match String::from_utf8(bytes) {
            // A saved page: its article, read as a paste of it is.
            Ok(contents) if is_page(&name, &contents) => {
                let extracted = crate::extract::extract(&contents);
                let article = extracted.text;
                if article.trim().is_empty() {
                    next.notice =
                        Some(format!("No article text was found in “{name}”. Your current text is unchanged."));
                    None
                } else {
                    // A file replaces the document: nothing of the text before, or its furniture, stays.
                    next.notice = None;
                    next.text.clear();
                    next.options.furniture.clear();
                    next.metadata = None;
                    next.set_text_with(article, extracted.furniture, extracted.metadata)
                }
            }
            Ok(contents) => {
                next.notice = None;
                next.text.clear();
                next.options.furniture.clear();
                next.metadata = None;
                next.set_text(contents)
            }
            Err(_) => {
                next.notice =
                    Some(format!("“{name}” is not UTF-8 text, so it was not opened. Your current text is unchanged."));
                None
            }
        },
        UiAction::AnalyzedHere(fresh, ms) => {
            if fresh.machine.text == next.text {
                next.last_analysis_ms = ms;
                next.analyzed_in_worker = false;
                next.take(fresh);
            }
            None
        }
        UiAction::Analyzed(fresh, ms) => {
            if fresh.machine.text == next.text {
                next.last_analysis_ms = ms;
                next.analyzed_in_worker = true;
                next.take(Box::new(Rc::try_unwrap(fresh).unwrap_or_else(|shared| (*shared).clone())));
            }
            None
        }
        UiAction::Restore { id, text, edits, options, metadata } => {
            next.doc_id = id;
            next.options = options;
            next.metadata = metadata.filter(|m| !m.is_empty());
            next.replace(text, Pending::Edits(edits))
        }
        UiAction::Import(imported) => {
            next.notice = None;
            let text = imported.text.clone();
            // An annotations file is not a web page: nothing of a page read before applies to it.
            next.metadata = None;
            next.options.furniture.clear();
            next.replace(text, Pending::Import(imported))
        }
        UiAction::Edit(edit_action) => {
            let mut doc = (*next.doc).clone();
            match doc.apply(edit_action) {
                Ok(()) => {
                    let n = doc.analysis().entities.len();
                    next.doc = Rc::new(doc);
                    next.selected_group = None;
                    next.focused = next.focused.filter(|&f| f < n);
                    next.notice = None;
                }
                Err(e) => next.notice = Some(format!("Not changed: {e}.")),
            }
            None
        }
        UiAction::SelectGroup(g) => {
            if let Some(mentions) = next.analysis().groups.get(g).map(|group| group.mentions.clone()) {
                let n = mentions.len().max(1);
                next.mention_cursor = if next.selected_group == Some(g) { (next.mention_cursor + 1) % n } else { 0 };
                next.selected_group = Some(g);
                if let Some(&entity) = mentions.get(next.mention_cursor) {
                    next.focused = Some(entity);
                    next.scroll_to(ScrollTarget::Entity(entity));
                }
            }
            None
        }
        UiAction::Focus(entity) => {
            next.focused = entity.filter(|&e| e < next.analysis().entities.len());
            next.selected_group = next.focused.and_then(|e| next.group_of(e));
            if let (Some(g), Some(e)) = (next.selected_group, next.focused) {
                next.mention_cursor = next.analysis().groups[g].mentions.iter().position(|&m| m == e).unwrap_or(0);
            }
            None
        }
        UiAction::MoveFocus(step) => {
            let n = next.analysis().entities.len() as isize;
            if n > 0 {
                let current = next.focused.map_or(if step > 0 { -1 } else { 0 }, |f| f as isize);
                let target = (current + step).rem_euclid(n) as usize;
                next = reduce(&next, UiAction::Focus(Some(target))).0;
                next.scroll_to(ScrollTarget::Entity(target));
            }
            None
        }
        UiAction::Reveal(entity) => {
            if entity < next.analysis().entities.len() {
                next = reduce(&next, UiAction::Focus(Some(entity))).0;
                next.scroll_to(ScrollTarget::Entity(entity));
            }
            None
        }
        UiAction::RevealQuote(q) => {
            let found = next.analysis().quotes.get(q).map(|quote| {
                let entity = crate::export::entity_index_of_quote(next.analysis(), quote);
                (entity, quote.mention.or(quote.speaker))
            });
            if let Some((entity, speaker)) = found {
                if let Some(entity) = entity {
                    next = reduce(&next, UiAction::Reveal(entity)).0;
                }
                next.flash = speaker;
            }
            None
        }
        UiAction::ScrollToSentence(s) => {
            next.scroll_to(ScrollTarget::Sentence(s));
            None
        }
        UiAction::SetSummarySentences(k) => {
            next.options.summary_sentences = k.clamp(1, 20);
            next.doc = Rc::new((*next.doc).clone().with_options(next.effective_options()));
            None
        }
        UiAction::SetAnchorDate(date) => match requested_anchor(&date) {
            // The options change now; the analysis made with them replaces the document's when it arrives.
            Some(anchor) => {
                next.options.anchor_date = anchor;
                next.doc = Rc::new((*next.doc).clone().with_options(next.effective_options()));
                next.notice = None;
                next.request()
            }
            None => {
                next.notice =
                    Some(format!("“{date}” is not a date of the form YYYY-MM-DD; the reference date is unchanged."));
                None
            }
        },
        UiAction::Notice(notice) => {
            next.notice = notice;
            None
        }
    };
    (next, request)
}

/// The reference date a `SetAnchorDate` asks for: `Some(None)` to clear it, `None` when malformed.
pub fn requested_anchor(date: &str) -> Option<Option<Ymd>> {
    if date.trim().is_empty() {
        Some(None)
    } else {
        date.parse::<Ymd>().ok().map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Action, Target};
    use crate::{analyze, Label, Source};

    /// `reduce`, with the analysis it asks for made at once, as the page does for short texts.
    fn run(state: &State, action: UiAction) -> State {
        match reduce(state, action) {
            (next, Some(request)) => {
                let fresh = crate::analyze(&request.text, &request.options);
                let prepared = Prepared::new(fresh, &request.options);
                let (arrived, again) = reduce(&next, UiAction::AnalyzedHere(Box::new(prepared), 1.0));
                assert_eq!(again, None, "an arriving analysis asks for nothing more");
                arrived
            }
            (next, None) => next,
        }
    }

    fn typed(text: &str) -> State {
        run(&State::default(), UiAction::SetText(text.to_owned()))
    }

    #[test]
    fn typing_analyzes_and_edits_survive_reanalysis() {
        let state = typed("Prices rose 5% in 2019.");
        assert!(state.analysis().entities.iter().any(|e| e.label == Label::Percent));
        let state = run(&state, UiAction::Edit(Action::Add { span: crate::Span::new(0, 6), label: Label::Misc }));
        assert!(state.analysis().entities.iter().any(|e| e.span == crate::Span::new(0, 6) && e.label == Label::Misc));
        let undone = run(&state, UiAction::Edit(Action::Undo));
        assert!(!undone.analysis().entities.iter().any(|e| e.span == crate::Span::new(0, 6)));
        let state = run(&state, UiAction::SetText("Prices rose 5% in 2019. Then fell.".into()));
        assert!(state.analysis().entities.iter().any(|e| e.span == crate::Span::new(0, 6) && e.label == Label::Misc));
    }

    #[test]
    fn revealing_a_quote_focuses_it_and_flashes_its_speaker_until_the_next_action() {
        let state = typed("\"We will not sign,\" she said. Anna Berg left.");
        let quote = state.analysis().quotes.first().cloned().expect("one quote");
        let after = run(&state, UiAction::RevealQuote(0));
        let focused = after.focused.and_then(|f| after.analysis().entities.get(f)).map(|e| e.span);
        assert_eq!(focused, Some(quote.span));
        let flashed = after.flash.map(|s| after.analysis().slice(s).to_owned());
        assert_eq!(flashed.as_deref(), Some("she"));
        assert_eq!(run(&after, UiAction::Focus(None)).flash, None);
        // A quote that is not there changes nothing.
        assert_eq!(run(&state, UiAction::RevealQuote(9)).flash, None);
    }

    #[test]
    fn a_failed_edit_leaves_the_document_and_says_why() {
        let state = typed("Prices rose 5% in 2019.");
        let after = run(&state, UiAction::Edit(Action::Remove { target: Target::Index(99) }));
        assert!(Rc::ptr_eq(&state.doc, &after.doc));
        assert!(after.notice.as_deref().unwrap_or_default().starts_with("Not changed"));
    }

    #[test]
    fn selecting_a_group_steps_through_its_mentions() {
        let state = typed("In 2019 and 2020 Anna Berg met Berg. Then Berg left.");
        let Some(g) = state.analysis().groups.iter().position(|g| g.mentions.len() >= 2) else {
            panic!("a group with two mentions: {:?}", state.analysis().groups)
        };
        let mentions = state.analysis().groups[g].mentions.clone();
        let first = run(&state, UiAction::SelectGroup(g));
        assert_eq!(first.focused, Some(mentions[0]));
        assert_eq!(first.scroll_target, Some(ScrollTarget::Entity(mentions[0])));
        let second = run(&first, UiAction::SelectGroup(g));
        assert_eq!(second.focused, Some(mentions[1]));
        assert!(second.scroll_serial > first.scroll_serial);
        // Focusing a mention selects its group.
        let focused = run(&state, UiAction::Focus(Some(mentions[1])));
        assert_eq!((focused.selected_group, focused.mention_cursor), (Some(g), 1));
    }

    #[test]
    fn the_number_of_key_sentences_follows_the_setting() {
        let text = "One fact here. Two facts here. Three facts here. Four facts here. Five facts here.";
        let state = typed(text);
        assert_eq!(state.analysis().summary.key_sentences.len(), 3);
        let more = run(&state, UiAction::SetSummarySentences(4));
        assert_eq!(more.analysis().summary.key_sentences.len(), 4);
        let edited = run(&more, UiAction::Edit(Action::Add { span: crate::Span::new(0, 3), label: Label::Cardinal }));
        assert_eq!(edited.analysis().summary.key_sentences.len(), 4);
    }

    #[test]
    fn a_reference_date_sent_to_the_worker_applies_when_its_analysis_arrives() {
        let text = "Talks resumed last Monday and will end later this year.";
        let state = typed(text);
        let values = |s: &State| s.analysis().entities.iter().filter_map(|e| e.value.clone()).count();
        let queued = reduce(&state, UiAction::SetAnchorDate("2021-03-03".into())).0;
        assert_eq!(queued.options.anchor_date, Ymd::new(2021, 3, 3));
        assert_eq!(values(&queued), values(&state), "nothing is analyzed until the worker answers");
        let fresh = Rc::new(Prepared::new(analyze(text, &queued.options), &queued.options));
        let arrived = reduce(&queued, UiAction::Analyzed(fresh, 1.0)).0;
        assert!(values(&arrived) > values(&state), "relative dates get values");
        assert_eq!(requested_anchor(""), Some(None));
        assert_eq!(requested_anchor("2021-03-03"), Some(Ymd::new(2021, 3, 3)));
        assert_eq!(requested_anchor("March"), None);
    }

    #[test]
    fn a_reference_date_resolves_relative_dates_and_a_bad_one_is_refused() {
        let state = typed("Talks resumed last Monday and will end later this year.");
        let values = |s: &State| s.analysis().entities.iter().filter_map(|e| e.value.clone()).count();
        let before = values(&state);
        let anchored = run(&state, UiAction::SetAnchorDate("2021-03-03".into()));
        assert_eq!(anchored.options.anchor_date, Ymd::new(2021, 3, 3));
        assert!(values(&anchored) > before, "relative dates get values");
        let refused = run(&anchored, UiAction::SetAnchorDate("March".into()));
        assert_eq!(refused.options.anchor_date, Ymd::new(2021, 3, 3));
        assert!(refused.notice.as_deref().unwrap_or_default().contains("YYYY-MM-DD"));
        let cleared = run(&anchored, UiAction::SetAnchorDate(String::new()));
        assert_eq!(values(&cleared), before);
    }

    #[test]
    fn a_restored_document_analyzed_in_the_worker_gets_its_edits_when_the_analysis_arrives() {
        let text = "Anna Berg visited the committee in Paris.";
        let start = text.find("committee").unwrap_or(0);
        let mark = edit::Mark { span: crate::Span::new(start, start + "committee".len()), label: Label::Org };
        let edits = Edits { added: vec![mark], removed: Vec::new() };
        let options = Options { summary_sentences: 2, ..Options::default() };
        let shown = typed("Another story about Rome.");
        let queued = reduce(
            &shown,
            UiAction::Restore {
                id: "1".into(),
                text: text.into(),
                edits: edits.clone(),
                options: options.clone(),
                metadata: None,
            },
        )
        .0;
        assert_eq!((queued.text.as_str(), &queued.options), (text, &options));
        assert!(queued.is_stale() && queued.analysis().entities.is_empty(), "the story shown before is gone");
        assert_eq!(queued.edits_to_save(), &edits, "the saved edits are what gets saved meanwhile");
        // An analysis of another text does not take them; the restored text's does.
        let prepared = |t: &str| Rc::new(Prepared::new(analyze(t, &options), &options));
        let other = reduce(&queued, UiAction::Analyzed(prepared("Another story about Rome."), 1.0)).0;
        assert!(matches!(&other.pending, Some(Pending::Edits(e)) if e == &edits));
        let arrived = reduce(&queued, UiAction::Analyzed(prepared(text), 1.0)).0;
        assert!(!arrived.is_stale() && arrived.pending.is_none());
        assert_eq!(arrived.doc.edits(), &edits);
        assert!(arrived
            .analysis()
            .entities
            .iter()
            .any(|e| e.span == mark.span && e.label == Label::Org && e.source == Source::User));
        // Edits that do not fit the text are left out, with a message.
        let far = edit::Mark { span: crate::Span::new(500, 510), label: Label::Per };
        let broken = reduce(
            &shown,
            UiAction::Restore {
                id: "1".into(),
                text: text.into(),
                edits: Edits { added: vec![far], removed: Vec::new() },
                options: options.clone(),
                metadata: None,
            },
        )
        .0;
        let arrived = reduce(&broken, UiAction::Analyzed(prepared(text), 1.0)).0;
        assert!(arrived.doc.edits().added.is_empty());
        assert!(arrived.notice.as_deref().unwrap_or_default().contains("1 saved edits"));
    }

    #[test]
    fn a_text_over_the_limit_is_kept_but_not_analyzed() {
        let state = typed("Anna Berg visited Paris in 2019.");
        let huge = "word ".repeat(MAX_TEXT_BYTES / 5 + 10);
        let after = run(&state, UiAction::SetText(huge.clone()));
        assert_eq!(after.text, huge);
        assert!(Rc::ptr_eq(&after.doc, &state.doc), "the last analysis stays");
        assert!(after.notice.as_deref().unwrap_or_default().contains("MB"));
    }

    #[test]
    fn moving_focus_wraps_around() {
        let state = typed("In 2019, 5% and 7% fell.");
        let n = state.analysis().entities.len();
        assert!(n >= 2);
        let back = run(&state, UiAction::MoveFocus(-1));
        assert_eq!(back.focused, Some(n - 1));
        let forward = run(&back, UiAction::MoveFocus(1));
        assert_eq!(forward.focused, Some(0));
    }

    #[test]
    fn analysis_of_an_old_text_is_ignored() {
        let state = reduce(&State::default(), UiAction::SetText("In 2019.".into())).0;
        assert!(state.is_stale());
        let prepared = |text: &str| Rc::new(Prepared::new(analyze(text, &Options::default()), &Options::default()));
        let old = prepared("In 2018.");
        assert!(reduce(&state, UiAction::Analyzed(old, 1.0)).0.is_stale());
        let fresh = prepared("In 2019.");
        assert!(!reduce(&state, UiAction::Analyzed(fresh, 1.0)).0.is_stale());
        let (same, request) = reduce(&state, UiAction::SetText("In 2019.".into()));
        assert!(request.is_none() && same.is_stale(), "an unchanged text is not analyzed again");
    }

    #[test]
    fn an_imported_document_is_analyzed_with_the_pages_options() {
        let text = "One fact here. Two facts here. Three facts here. Four facts here. Five facts here.";
        let state = run(&typed("Anything."), UiAction::SetSummarySentences(4));
        let file = crate::export::json::to_string(&crate::analyze(text, &Options::default()), None);
        let imported = crate::import::import(&file).expect("our own file imports");
        let (waiting, request) = reduce(&state, UiAction::Import(Box::new(imported.clone())));
        assert!(waiting.is_stale() && waiting.analysis().entities.is_empty());
        assert_eq!(request.map(|r| r.options.summary_sentences), Some(4));
        let after = run(&state, UiAction::Import(Box::new(imported)));
        assert_eq!(after.text, text);
        assert_eq!(after.analysis().summary.key_sentences.len(), 4);
    }

    #[test]
    fn furniture_spans_follow_the_text_and_keep_out_of_key_sentences() {
        let old = "Title\n\nA caption here.\n\nBody one. Body two.";
        let caption = crate::Span::new(7, 22);
        assert_eq!(&old[7..22], "A caption here.");
        let moved = shift_spans(old, &format!("New {old}"), &[caption]);
        assert_eq!(moved, [crate::Span::new(11, 26)]);
        let stretched = shift_spans(old, &old.replace("caption", "long caption"), &[caption]);
        assert_eq!(stretched, [crate::Span::new(7, 27)]);
        assert_eq!(shift_spans(old, &old.replace("Title\n\nA cap", "X"), &[caption]), []);
        let text = "Floods hit the bay.\n\nBoats at the wall. Photo: Ben Stone\n\nRain closed the harbour on Tuesday. The council met.";
        let start = text.find("Boats").unwrap_or(0);
        let end = text.find("\n\nRain").unwrap_or(0);
        let state = run(
            &State::default(),
            UiAction::PasteArticle {
                text: text.into(),
                furniture: vec![crate::Span::new(start, end)],
                metadata: Metadata::default(),
            },
        );
        assert!(state.analysis().boilerplate.contains(&crate::Span::new(start, end)));
        let in_caption = |s: &usize| {
            state.analysis().sentences[*s].span.start >= start && state.analysis().sentences[*s].span.end <= end
        };
        assert!(!state.analysis().summary.key_sentences.iter().any(in_caption));
        // Typed before it, the caption moves and stays furniture.
        let typed = run(&state, UiAction::SetText(format!("Update: {text}")));
        assert_eq!(typed.options.furniture, [crate::Span::new(start + 8, end + 8)]);
        assert!(typed.analysis().boilerplate.contains(&crate::Span::new(start + 8, end + 8)));
    }

    /// A made-up saved page: its date, its authors in JSON-LD, "yesterday" in the body.
    const PAGE: &str = r#"<!doctype html><html><head><title>Kestrel Post: Ferry returns</title>
<meta property="article:published_time" content="2021-03-05T09:00:00Z"><meta property="og:site_name" content="Kestrel Post">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry returns","author":[{"@type":"Person","name":"Ada Quill"}]}</script>
</head><body><article><h1>Ferry returns to Kestrel Bay</h1>
<p>The ferry to Kestrel Bay sailed again yesterday after a month in dock, the harbour office said.</p>
<p>Passengers queued from dawn, and the first crossing was full within an hour of the ticket office opening.</p>
</article></body></html>"#;

    fn opened(state: &State) -> State {
        run(state, UiAction::OpenFile { name: "ferry.html".into(), bytes: PAGE.as_bytes().to_vec() })
    }

    fn yesterday(state: &State) -> Option<String> {
        let analysis = state.analysis();
        let at = analysis.text.find("yesterday")?;
        let entity = analysis.entities.iter().find(|e| e.span.start == at && e.label == Label::Date)?;
        match &entity.value {
            Some(crate::analysis::Value::Date { iso }) => Some(iso.clone()),
            _ => None,
        }
    }

    #[test]
    fn an_opened_page_keeps_its_metadata_and_dates_its_relative_dates() {
        let state = opened(&typed("Something typed before."));
        let metadata = state.metadata.clone().expect("the page's metadata");
        assert_eq!(metadata.authors, ["Ada Quill"]);
        assert_eq!(state.page_date(), Ymd::new(2021, 3, 5));
        assert_eq!(state.options.anchor_date, None, "the person's own choice stays unset");
        // The analysis is the one `marginalia annotate page.html` makes.
        let (cli, cli_metadata) = crate::pipeline::analyze_page(PAGE, &Options::default());
        assert_eq!(cli_metadata, metadata);
        let json = |a: &Analysis| crate::export::json::to_string_with_metadata(a, None, Some(&metadata));
        assert_eq!(json(state.analysis()), json(&cli));
        assert_eq!(yesterday(&state).as_deref(), Some("2021-03-04"), "yesterday is the day before the page's date");
        // An explicit reference date wins over the page's.
        let chosen = run(&state, UiAction::SetAnchorDate("2022-01-10".into()));
        let (other, _) =
            crate::pipeline::analyze_page(PAGE, &Options { anchor_date: Ymd::new(2022, 1, 10), ..Options::default() });
        assert_eq!(json(chosen.analysis()), json(&other));
        assert_ne!(json(chosen.analysis()), json(state.analysis()));
        // Cleared again, the page's date is back.
        let cleared = run(&chosen, UiAction::SetAnchorDate(String::new()));
        assert_eq!(json(cleared.analysis()), json(&cli));
        // Edits to the text keep the metadata; another text in its place drops it.
        let edited = run(&state, UiAction::SetText(format!("{} More.", state.text)));
        assert_eq!(edited.metadata.as_ref(), Some(&metadata));
        assert_eq!(edited.effective_options().anchor_date, Ymd::new(2021, 3, 5));
        let replaced = run(&state, UiAction::SetText("The ferry sailed yesterday.".into()));
        assert_eq!((replaced.metadata.clone(), replaced.effective_options().anchor_date), (None, None));
        assert_eq!(run(&state, UiAction::SetText(String::new())).metadata, None);
        let plain = run(&state, UiAction::OpenFile { name: "a.txt".into(), bytes: b"Plain words.".to_vec() });
        assert_eq!(plain.metadata, None);
        let new = run(
            &state,
            UiAction::Restore {
                id: "2".into(),
                text: String::new(),
                edits: Edits::default(),
                options: Options::default(),
                metadata: None,
            },
        );
        assert_eq!(new.metadata, None);
    }

    #[test]
    fn a_pasted_page_brings_its_metadata_unless_pasted_into_another_pages_text() {
        let extracted = crate::extract::extract(PAGE);
        let paste = |text: String| UiAction::PasteArticle {
            text,
            furniture: extracted.furniture.clone(),
            metadata: extracted.metadata.clone(),
        };
        let pasted = run(&typed("Old words here."), paste(extracted.text.clone()));
        assert_eq!(pasted.metadata.as_ref(), Some(&extracted.metadata));
        assert_eq!(yesterday(&pasted).as_deref(), Some("2021-03-04"));
        // Pasted into the text of a page whose metadata is kept, that page's stays.
        let first = Metadata { title: Some("First".into()), ..Metadata::default() };
        let kept = State { metadata: Some(first.clone()), ..pasted.clone() };
        let inserted = run(&kept, paste(format!("{}\n\n{}", kept.text, extracted.text)));
        assert_eq!(inserted.metadata, Some(first));
        // A restored page document brings its metadata back.
        let restored = run(
            &State::default(),
            UiAction::Restore {
                id: "1".into(),
                text: pasted.text.clone(),
                edits: Edits::default(),
                options: Options::default(),
                metadata: pasted.metadata.clone(),
            },
        );
        assert_eq!(restored.metadata, pasted.metadata);
        assert_eq!(yesterday(&restored), yesterday(&pasted));
    }

    #[test]
    fn a_whole_replacement_is_told_from_an_edit() {
        let old = "The ferry sailed again yesterday after a month in dock.";
        assert!(!replaces_whole(old, &format!("{old} More.")));
        assert!(!replaces_whole(old, &old.replace("again ", "")));
        assert!(replaces_whole(old, "The council met on Tuesday to talk about the budget."));
        assert!(replaces_whole(old, ""));
        assert!(replaces_whole("", "Anything."));
    }
}
