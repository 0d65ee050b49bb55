//! The page's state as plain Rust data: the document (machine analysis plus a person's edits), what is
//! selected in the sidebar, and the message shown to the person. `UiAction`s are applied by `reduce`,
//! which is unit-tested natively without a browser.

use std::rc::Rc;

use crate::edit::{self, Document, Edits, Prepared};
use crate::numbers::Ymd;
use crate::{analyze, Analysis, Options};

/// Everything the page shows that is not a browser concern.
#[derive(Clone)]
pub struct State {
    /// The text in the input area.
    pub text: String,
    /// The analyzed document. Its text equals `text` once analysis has caught up.
    pub doc: Rc<Document>,
    pub options: Options,
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
    /// The saved edits of a restored document whose analysis is still in the worker: they are applied
    /// when it arrives, and saved meanwhile in the document's place.
    pub pending_edits: Option<Edits>,
    /// The speaker's words of the quote revealed last, flashed in the text; cleared by the next action.
    pub flash: Option<crate::span::Span>,
}

/// Where the page scrolls after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScrollTarget {
    Entity(usize),
    Sentence(usize),
}

impl Default for State {
    fn default() -> State {
        State {
            text: String::new(),
            doc: Rc::new(Document::new(Analysis::default())),
            options: Options::default(),
            selected_group: None,
            mention_cursor: 0,
            focused: None,
            notice: None,
            scroll_serial: 0,
            scroll_target: None,
            last_analysis_ms: 0.0,
            analyzed_in_worker: false,
            flash: None,
            pending_edits: None,
        }
    }
}

impl PartialEq for State {
    fn eq(&self, other: &State) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.text == other.text
            && self.options == other.options
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
    /// The person typed, pasted, dropped or opened text.
    SetText(String),
    /// Like `SetText`, for a text whose analysis was sent to the worker.
    SetTextQueued(String),
    /// A fresh analysis of `machine.text`, prepared by the worker, arrived (with the milliseconds it
    /// took); applied only if that is still the current text.
    Analyzed(Rc<Prepared>, f64),
    /// A saved document: its text and the person's edits.
    Restore {
        text: String,
        edits: Edits,
        options: Options,
    },
    /// Like `Restore`, for a text whose analysis was sent to the worker: the edits wait for it.
    RestoreQueued {
        text: String,
        edits: Edits,
        options: Options,
    },
    /// An imported document.
    Import(Box<Document>),
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
    /// A valid reference date whose re-analysis was sent to the worker (a long text): the options change
    /// now, the analysis arrives as `Analyzed`.
    SetAnchorDateQueued(Option<Ymd>),
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
        self.pending_edits.as_ref().unwrap_or(self.doc.edits())
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

    /// Applies a fresh analysis to the document, carrying the person's edits over (or, for a restored
    /// document, applying its saved edits).
    fn take_analysis(&mut self, fresh: Analysis) {
        match self.pending_edits.take() {
            Some(edits) => self.take_restored(fresh, edits),
            None => self.take_with(|doc| doc.reanalyze(fresh)),
        }
    }

    /// Like `take_analysis`, for an analysis the worker prepared (its unedited view made there).
    fn take_prepared(&mut self, fresh: Prepared) {
        match self.pending_edits.take() {
            Some(edits) => self.take_restored(fresh.machine, edits),
            None => self.take_with(|doc| doc.reanalyze_prepared(fresh)),
        }
    }

    /// A saved document's analysis with its saved edits (those that do not fit the text are left out,
    /// with a message).
    fn take_restored(&mut self, machine: Analysis, edits: Edits) {
        let (doc, dropped) = Document::with_edits(machine, edits);
        if dropped > 0 {
            self.notice = Some(format!("{dropped} saved edits did not fit the saved text and were left out."));
        }
        self.doc = Rc::new(doc.with_options(self.options.clone()));
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
}

/// Analysis done synchronously, on the calling thread (the page may instead run it in a worker and send
/// `UiAction::Analyzed`), with the time it took in milliseconds.
pub fn analyze_now(text: &str, options: &Options) -> Analysis {
    analyze(text, options)
}

fn analyze_timed(text: &str, options: &Options) -> (Analysis, f64) {
    let started = now_ms();
    let analysis = analyze(text, options);
    (analysis, now_ms() - started)
}

#[cfg(target_arch = "wasm32")]
fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

#[cfg(not(target_arch = "wasm32"))]
fn now_ms() -> f64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

enum Kind {
    Queued,
    Other,
}

/// The longest text the page analyzes (bytes). Longer ones stay in the input area with a message: their
/// analysis would take more memory and time than a page should ask for.
pub const MAX_TEXT_BYTES: usize = 4 << 20;

/// Texts longer than this get a note that highlighting continues while the person reads.
const LONG_TEXT_BYTES: usize = 1 << 20;

/// Applies `action` to `state`. `analyze_inline` says whether `SetText` analyzes at once (tests, short
/// texts) or leaves it to a worker.
pub fn reduce(state: &State, action: UiAction, analyze_inline: bool) -> State {
    let mut next = state.clone();
    next.flash = None;
    let action_kind = if matches!(action, UiAction::SetTextQueued(_)) { Kind::Queued } else { Kind::Other };
    match action {
        UiAction::SetText(text) | UiAction::SetTextQueued(text) => {
            let queued = matches!(action_kind, Kind::Queued);
            next.text = text;
            if next.text.len() > MAX_TEXT_BYTES {
                // Kept in the input area, not analyzed: nothing is lost, and the page stays usable.
                next.notice = Some(format!(
                    "This text is {:.1} MB; the page analyzes texts of up to {} MB. It stays in the input area; shorten it, or use the command-line tool (marginalia annotate) for longer texts.",
                    next.text.len() as f64 / 1048576.0,
                    MAX_TEXT_BYTES >> 20
                ));
                return next;
            }
            if analyze_inline && !queued {
                let (fresh, ms) = analyze_timed(&next.text, &next.options);
                next.last_analysis_ms = ms;
                next.analyzed_in_worker = false;
                next.take_analysis(fresh);
            }
            if next.text.len() > LONG_TEXT_BYTES && next.notice.is_none() {
                next.notice = Some(format!(
                    "A long text ({:.1} MB): highlights are drawn a part at a time, from the top, while you read.",
                    next.text.len() as f64 / 1048576.0
                ));
            }
        }
        UiAction::Analyzed(fresh, ms) => {
            if fresh.machine.text == next.text {
                next.last_analysis_ms = ms;
                next.analyzed_in_worker = true;
                next.take_prepared(Rc::try_unwrap(fresh).unwrap_or_else(|shared| (*shared).clone()));
            }
        }
        UiAction::Restore { text, edits, options } => {
            next.options = options;
            let machine = analyze_now(&text, &next.options);
            next.text = text;
            next.pending_edits = None;
            next.take_restored(machine, edits);
        }
        UiAction::RestoreQueued { text, edits, options } => {
            // Nothing of the document shown before stays on screen, or takes edits, while this one is
            // analyzed.
            next.options = options;
            next.text = text;
            next.doc = Rc::new(Document::new(Analysis::default()));
            next.pending_edits = Some(edits);
            next.clear_selection();
        }
        UiAction::Import(doc) => {
            next.pending_edits = None;
            next.text = doc.analysis().text.clone();
            next.doc = Rc::new(*doc);
            next.clear_selection();
            next.notice = None;
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
        }
        UiAction::SelectGroup(g) => {
            let Some(mentions) = next.analysis().groups.get(g).map(|group| group.mentions.clone()) else { return next };
            let n = mentions.len().max(1);
            next.mention_cursor = if next.selected_group == Some(g) { (next.mention_cursor + 1) % n } else { 0 };
            next.selected_group = Some(g);
            if let Some(&entity) = mentions.get(next.mention_cursor) {
                next.focused = Some(entity);
                next.scroll_to(ScrollTarget::Entity(entity));
            }
        }
        UiAction::Focus(entity) => {
            next.focused = entity.filter(|&e| e < next.analysis().entities.len());
            next.selected_group = next.focused.and_then(|e| next.group_of(e));
            if let (Some(g), Some(e)) = (next.selected_group, next.focused) {
                next.mention_cursor = next.analysis().groups[g].mentions.iter().position(|&m| m == e).unwrap_or(0);
            }
        }
        UiAction::MoveFocus(step) => {
            let n = next.analysis().entities.len() as isize;
            if n > 0 {
                let current = next.focused.map_or(if step > 0 { -1 } else { 0 }, |f| f as isize);
                let target = (current + step).rem_euclid(n) as usize;
                next = reduce(&next, UiAction::Focus(Some(target)), analyze_inline);
                next.scroll_to(ScrollTarget::Entity(target));
            }
        }
        UiAction::Reveal(entity) => {
            if entity < next.analysis().entities.len() {
                next = reduce(&next, UiAction::Focus(Some(entity)), analyze_inline);
                next.scroll_to(ScrollTarget::Entity(entity));
            }
        }
        UiAction::RevealQuote(q) => {
            let found = next.analysis().quotes.get(q).map(|quote| {
                let entity = crate::export::entity_index_of_quote(next.analysis(), quote);
                (entity, quote.mention.or(quote.speaker))
            });
            if let Some((entity, speaker)) = found {
                if let Some(entity) = entity {
                    next = reduce(&next, UiAction::Reveal(entity), analyze_inline);
                }
                next.flash = speaker;
            }
        }
        UiAction::ScrollToSentence(s) => next.scroll_to(ScrollTarget::Sentence(s)),
        UiAction::SetSummarySentences(k) => {
            next.options.summary_sentences = k.clamp(1, 20);
            next.doc = Rc::new((*next.doc).clone().with_options(next.options.clone()));
        }
        UiAction::SetAnchorDate(date) => match requested_anchor(&date) {
            Some(anchor) => {
                next.options.anchor_date = anchor;
                let (fresh, ms) = analyze_timed(&next.doc.machine().text, &next.options);
                next.last_analysis_ms = ms;
                let mut doc = (*next.doc).clone().with_options(next.options.clone());
                doc.reanalyze(fresh);
                next.doc = Rc::new(doc);
                next.notice = None;
            }
            None => {
                next.notice =
                    Some(format!("“{date}” is not a date of the form YYYY-MM-DD; the reference date is unchanged."))
            }
        },
        UiAction::SetAnchorDateQueued(anchor) => {
            next.options.anchor_date = anchor;
            next.doc = Rc::new((*next.doc).clone().with_options(next.options.clone()));
            next.notice = None;
        }
        UiAction::Notice(notice) => next.notice = notice,
    }
    next
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
    use crate::{Label, Source};

    fn typed(text: &str) -> State {
        reduce(&State::default(), UiAction::SetText(text.to_owned()), true)
    }

    #[test]
    fn typing_analyzes_and_edits_survive_reanalysis() {
        let state = typed("Prices rose 5% in 2019.");
        assert!(state.analysis().entities.iter().any(|e| e.label == Label::Percent));
        let state =
            reduce(&state, UiAction::Edit(Action::Add { span: crate::Span::new(0, 6), label: Label::Misc }), true);
        assert!(state.analysis().entities.iter().any(|e| e.span == crate::Span::new(0, 6) && e.label == Label::Misc));
        let undone = reduce(&state, UiAction::Edit(Action::Undo), true);
        assert!(!undone.analysis().entities.iter().any(|e| e.span == crate::Span::new(0, 6)));
        let state = reduce(&state, UiAction::SetText("Prices rose 5% in 2019. Then fell.".into()), true);
        assert!(state.analysis().entities.iter().any(|e| e.span == crate::Span::new(0, 6) && e.label == Label::Misc));
    }

    #[test]
    fn revealing_a_quote_focuses_it_and_flashes_its_speaker_until_the_next_action() {
        let state = typed("\"We will not sign,\" she said. Anna Berg left.");
        let quote = state.analysis().quotes.first().cloned().expect("one quote");
        let after = reduce(&state, UiAction::RevealQuote(0), true);
        let focused = after.focused.and_then(|f| after.analysis().entities.get(f)).map(|e| e.span);
        assert_eq!(focused, Some(quote.span));
        let flashed = after.flash.map(|s| after.analysis().slice(s).to_owned());
        assert_eq!(flashed.as_deref(), Some("she"));
        assert_eq!(reduce(&after, UiAction::Focus(None), true).flash, None);
        // A quote that is not there changes nothing.
        assert_eq!(reduce(&state, UiAction::RevealQuote(9), true).flash, None);
    }

    #[test]
    fn a_failed_edit_leaves_the_document_and_says_why() {
        let state = typed("Prices rose 5% in 2019.");
        let after = reduce(&state, UiAction::Edit(Action::Remove { target: Target::Index(99) }), true);
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
        let first = reduce(&state, UiAction::SelectGroup(g), true);
        assert_eq!(first.focused, Some(mentions[0]));
        assert_eq!(first.scroll_target, Some(ScrollTarget::Entity(mentions[0])));
        let second = reduce(&first, UiAction::SelectGroup(g), true);
        assert_eq!(second.focused, Some(mentions[1]));
        assert!(second.scroll_serial > first.scroll_serial);
        // Focusing a mention selects its group.
        let focused = reduce(&state, UiAction::Focus(Some(mentions[1])), true);
        assert_eq!((focused.selected_group, focused.mention_cursor), (Some(g), 1));
    }

    #[test]
    fn the_number_of_key_sentences_follows_the_setting() {
        let text = "One fact here. Two facts here. Three facts here. Four facts here. Five facts here.";
        let state = typed(text);
        assert_eq!(state.analysis().summary.key_sentences.len(), 3);
        let more = reduce(&state, UiAction::SetSummarySentences(4), true);
        assert_eq!(more.analysis().summary.key_sentences.len(), 4);
        let edited =
            reduce(&more, UiAction::Edit(Action::Add { span: crate::Span::new(0, 3), label: Label::Cardinal }), true);
        assert_eq!(edited.analysis().summary.key_sentences.len(), 4);
    }

    #[test]
    fn a_reference_date_sent_to_the_worker_applies_when_its_analysis_arrives() {
        let text = "Talks resumed last Monday and will end later this year.";
        let state = typed(text);
        let values = |s: &State| s.analysis().entities.iter().filter_map(|e| e.value.clone()).count();
        let queued = reduce(&state, UiAction::SetAnchorDateQueued(Ymd::new(2021, 3, 3)), false);
        assert_eq!(queued.options.anchor_date, Ymd::new(2021, 3, 3));
        assert_eq!(values(&queued), values(&state), "nothing is analyzed until the worker answers");
        let fresh = Rc::new(Prepared::new(analyze(text, &queued.options), &queued.options));
        let arrived = reduce(&queued, UiAction::Analyzed(fresh, 1.0), false);
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
        let anchored = reduce(&state, UiAction::SetAnchorDate("2021-03-03".into()), true);
        assert_eq!(anchored.options.anchor_date, Ymd::new(2021, 3, 3));
        assert!(values(&anchored) > before, "relative dates get values");
        let refused = reduce(&anchored, UiAction::SetAnchorDate("March".into()), true);
        assert_eq!(refused.options.anchor_date, Ymd::new(2021, 3, 3));
        assert!(refused.notice.as_deref().unwrap_or_default().contains("YYYY-MM-DD"));
        let cleared = reduce(&anchored, UiAction::SetAnchorDate(String::new()), true);
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
            UiAction::RestoreQueued { text: text.into(), edits: edits.clone(), options: options.clone() },
            false,
        );
        assert_eq!((queued.text.as_str(), &queued.options), (text, &options));
        assert!(queued.is_stale() && queued.analysis().entities.is_empty(), "the story shown before is gone");
        assert_eq!(queued.edits_to_save(), &edits, "the saved edits are what gets saved meanwhile");
        // An analysis of another text does not take them; the restored text's does.
        let prepared = |t: &str| Rc::new(Prepared::new(analyze(t, &options), &options));
        let other = reduce(&queued, UiAction::Analyzed(prepared("Another story about Rome."), 1.0), false);
        assert_eq!(other.pending_edits.as_ref(), Some(&edits));
        let arrived = reduce(&queued, UiAction::Analyzed(prepared(text), 1.0), false);
        assert!(!arrived.is_stale() && arrived.pending_edits.is_none());
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
            UiAction::RestoreQueued {
                text: text.into(),
                edits: Edits { added: vec![far], removed: Vec::new() },
                options: options.clone(),
            },
            false,
        );
        let arrived = reduce(&broken, UiAction::Analyzed(prepared(text), 1.0), false);
        assert!(arrived.doc.edits().added.is_empty());
        assert!(arrived.notice.as_deref().unwrap_or_default().contains("1 saved edits"));
    }

    #[test]
    fn a_text_over_the_limit_is_kept_but_not_analyzed() {
        let state = typed("Anna Berg visited Paris in 2019.");
        let huge = "word ".repeat(MAX_TEXT_BYTES / 5 + 10);
        let after = reduce(&state, UiAction::SetText(huge.clone()), true);
        assert_eq!(after.text, huge);
        assert!(Rc::ptr_eq(&after.doc, &state.doc), "the last analysis stays");
        assert!(after.notice.as_deref().unwrap_or_default().contains("MB"));
    }

    #[test]
    fn moving_focus_wraps_around() {
        let state = typed("In 2019, 5% and 7% fell.");
        let n = state.analysis().entities.len();
        assert!(n >= 2);
        let back = reduce(&state, UiAction::MoveFocus(-1), true);
        assert_eq!(back.focused, Some(n - 1));
        let forward = reduce(&back, UiAction::MoveFocus(1), true);
        assert_eq!(forward.focused, Some(0));
    }

    #[test]
    fn analysis_of_an_old_text_is_ignored() {
        let state = reduce(&State::default(), UiAction::SetText("In 2019.".into()), false);
        assert!(state.is_stale());
        let prepared = |text: &str| Rc::new(Prepared::new(analyze(text, &Options::default()), &Options::default()));
        let old = prepared("In 2018.");
        assert!(reduce(&state, UiAction::Analyzed(old, 1.0), false).is_stale());
        let fresh = prepared("In 2019.");
        assert!(!reduce(&state, UiAction::Analyzed(fresh, 1.0), false).is_stale());
        let queued = reduce(&State::default(), UiAction::SetTextQueued("In 2020.".into()), true);
        assert!(queued.is_stale(), "a queued text waits for its analysis");
    }
}
