//! The edit bar and the keyboard: add an entity from a text selection, retag, remove, resize, apply to
//! every occurrence, undo and redo. Every change is an `edit::Action` sent through the page's reducer.

use yew::prelude::*;

use super::browser;
use super::state::{SharedAnalysis, UiAction};
use crate::analysis::{Analysis, Label, Source};
use crate::edit::{Action, Change, Edge, Target};

/// The key that applies each label, in `Label::ALL` order.
pub const LABEL_KEYS: [&str; 12] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", "="];

#[derive(Properties, PartialEq)]
pub struct EditBarProps {
    pub analysis: SharedAnalysis,
    /// The highlight the person clicked or moved to.
    pub focused: Option<usize>,
    pub can_undo: bool,
    pub can_redo: bool,
    pub dispatch: Callback<UiAction>,
}

/// What a label button or key does now: add the selected text, or retag the focused highlight.
fn label_action(analysis: &Analysis, focused: Option<usize>, label: Label) -> Option<Action> {
    if let Some(span) = browser::selection_span(&analysis.text) {
        return Some(Action::Add { span, label });
    }
    focused.map(|i| Action::Retag { target: Target::Index(i), label })
}

#[component]
pub fn EditBar(props: &EditBarProps) -> Html {
    let dispatch = &props.dispatch;
    let analysis = &props.analysis.0;
    let focused = props.focused.and_then(|i| analysis.entities.get(i).map(|e| (i, e)));
    // Keep the text selection when a button is pressed.
    let keep_selection = Callback::from(|e: MouseEvent| e.prevent_default());
    let edit = |action: Action| dispatch.reform(move |_: MouseEvent| UiAction::Edit(action.clone()));
    let label_buttons = Label::ALL.into_iter().zip(LABEL_KEYS).map(|(label, key)| {
        let (analysis, focused) = (props.analysis.clone(), props.focused);
        let dispatch = dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| match label_action(&analysis.0, focused, label) {
            Some(action) => dispatch.emit(UiAction::Edit(action)),
            None => dispatch.emit(UiAction::Notice(Some(
                "Select some words in the text (or click a highlight) first, then choose a type.".into(),
            ))),
        });
        html! {
            <button class={classes!("label-button", format!("ent-{}", label.as_str()))} data-testid={format!("label-{}", label.as_str())}
                title={format!("{} (key {key})", label.description())} onmousedown={keep_selection.clone()} {onclick}>
                { label.as_str() }<kbd>{ key }</kbd>
            </button>
        }
    });
    html! {
        <div class="editbar" data-testid="edit-bar" role="toolbar" aria-label="Edit annotations">
            <div class="labels">{ for label_buttons }</div>
            <div class="history">
                <button data-testid="undo" disabled={!props.can_undo} title="Undo (Ctrl+Z)" onclick={edit(Action::Undo)}>{ "↶ Undo" }</button>
                <button data-testid="redo" disabled={!props.can_redo} title="Redo (Ctrl+Shift+Z)" onclick={edit(Action::Redo)}>{ "↷ Redo" }</button>
            </div>
            if let Some((i, entity)) = focused {
                <div class="entity-editor" data-testid="entity-editor">
                    <span class={classes!("chip", format!("ent-{}", entity.label.as_str()))}>{ analysis.slice(entity.span) }</span>
                    <span class="meta">{ format!("{} · {}", entity.label.as_str(), match entity.source { Source::Model => "suggested by the model", Source::Rule => "found by a rule", Source::User => "your edit" }) }</span>
                    <button data-testid="remove-entity" title="Remove (Delete)" onclick={edit(Action::Remove { target: Target::Index(i) })}>{ "Remove" }</button>
                    <button data-testid="grow-left" title="Take in the word before (Alt+Shift+←)" onclick={edit(Action::Resize { target: Target::Index(i), edge: Edge::Left, change: Change::Grow })}>{ "←+" }</button>
                    <button data-testid="shrink-left" title="Give up the first word (Alt+Shift+→)" onclick={edit(Action::Resize { target: Target::Index(i), edge: Edge::Left, change: Change::Shrink })}>{ "−→" }</button>
                    <button data-testid="shrink-right" title="Give up the last word (Alt+←)" onclick={edit(Action::Resize { target: Target::Index(i), edge: Edge::Right, change: Change::Shrink })}>{ "←−" }</button>
                    <button data-testid="grow-right" title="Take in the next word (Alt+→)" onclick={edit(Action::Resize { target: Target::Index(i), edge: Edge::Right, change: Change::Grow })}>{ "+→" }</button>
                    <button data-testid="apply-all" title="Mark every occurrence of these words the same way" onclick={edit(Action::ApplyToAll { surface: analysis.slice(entity.span).to_owned(), label: entity.label })}>{ "Apply to all" }</button>
                    <button data-testid="remove-everywhere" title="Remove every highlight of these words" onclick={edit(Action::RemoveEverywhere { surface: analysis.slice(entity.span).to_owned() })}>{ "Remove everywhere" }</button>
                </div>
            } else {
                <p class="hint">{ "Select words and press a type (or its key) to add; click a highlight to change it. ←/→ move between highlights, Delete removes, Ctrl+Z undoes." }</p>
            }
        </div>
    }
}

/// Keys on the annotated text: move between highlights, show the one chosen (Enter, Space), set a type,
/// remove, resize.
pub fn key_handler(
    analysis: &SharedAnalysis,
    focused: Option<usize>,
    dispatch: &Callback<UiAction>,
) -> Callback<KeyboardEvent> {
    let analysis = analysis.clone();
    let dispatch = dispatch.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.ctrl_key() || e.meta_key() {
            return;
        }
        let key = e.key();
        let target = focused.map(Target::Index);
        let action =
            match (key.as_str(), e.alt_key(), e.shift_key()) {
                ("ArrowRight", false, _) | ("ArrowDown", false, _) => Some(UiAction::MoveFocus(1)),
                ("ArrowLeft", false, _) | ("ArrowUp", false, _) => Some(UiAction::MoveFocus(-1)),
                // What a click on the highlight does: choose it, show it and its group.
                ("Enter" | " ", false, _) => focused.map(UiAction::Reveal),
                ("Escape", _, _) => Some(UiAction::Focus(None)),
                ("Delete" | "Backspace", _, _) => target.map(|target| UiAction::Edit(Action::Remove { target })),
                ("ArrowRight", true, false) => target
                    .map(|target| UiAction::Edit(Action::Resize { target, edge: Edge::Right, change: Change::Grow })),
                ("ArrowLeft", true, false) => target
                    .map(|target| UiAction::Edit(Action::Resize { target, edge: Edge::Right, change: Change::Shrink })),
                ("ArrowLeft", true, true) => target
                    .map(|target| UiAction::Edit(Action::Resize { target, edge: Edge::Left, change: Change::Grow })),
                ("ArrowRight", true, true) => target
                    .map(|target| UiAction::Edit(Action::Resize { target, edge: Edge::Left, change: Change::Shrink })),
                (k, false, _) => LABEL_KEYS
                    .iter()
                    .position(|&l| l == k)
                    .and_then(|i| label_action(&analysis.0, focused, Label::ALL[i]))
                    .map(UiAction::Edit),
                _ => None,
            };
        if let Some(action) = action {
            e.prevent_default();
            dispatch.emit(action);
        }
    })
}

/// Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y anywhere on the page except in text fields (which keep their own undo).
pub fn history_key(e: &KeyboardEvent) -> Option<UiAction> {
    if !(e.ctrl_key() || e.meta_key()) || browser::target_is_text_field(e) {
        return None;
    }
    match (e.key().to_lowercase().as_str(), e.shift_key()) {
        ("z", false) => Some(UiAction::Edit(Action::Undo)),
        ("z", true) | ("y", false) => Some(UiAction::Edit(Action::Redo)),
        _ => None,
    }
}
