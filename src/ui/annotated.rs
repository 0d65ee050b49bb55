//! The annotated text: the article with every entity highlighted inline, nested where spans nest
//! (names inside quotes), boilerplate lines dimmed, paragraphs and line breaks kept. Each sentence start
//! carries an empty anchor (`data-sentence`) so the sidebar can scroll to it.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::SharedAnalysis;
use crate::analysis::{Analysis, Entity};
use crate::offsets::OffsetIndex;
use crate::span::Span;

#[derive(Properties, PartialEq)]
pub struct AnnotatedTextProps {
    pub analysis: SharedAnalysis,
    /// The focused highlight (entity index).
    #[prop_or_default]
    pub focused: Option<usize>,
    /// Mentions of the group selected in the sidebar.
    #[prop_or_default]
    pub selected: Vec<usize>,
    #[prop_or_default]
    pub on_focus: Callback<Option<usize>>,
    #[prop_or_default]
    pub on_key: Callback<KeyboardEvent>,
}

#[component]
pub fn AnnotatedText(props: &AnnotatedTextProps) -> Html {
    let analysis = &props.analysis.0;
    if analysis.text.trim().is_empty() {
        return html! {
            <div class="annotated empty" data-testid="annotated-text">
                <p class="empty-state">{ "Paste an article above, drop a .txt file on it, or press “Sample article”. People, organizations, places, dates, figures and quotes will be highlighted here." }</p>
            </div>
        };
    }
    let onclick = {
        let on_focus = props.on_focus.clone();
        Callback::from(move |e: MouseEvent| {
            // A drag that selected text is a selection for adding, not a click on a highlight.
            let selecting = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_some_and(|s| !s.is_collapsed());
            if selecting {
                return;
            }
            let entity = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("mark[data-entity]").ok().flatten())
                .and_then(|m| m.get_attribute("data-entity"))
                .and_then(|i| i.parse().ok());
            on_focus.emit(entity);
        })
    };
    let onkeydown = props.on_key.reform(|e: KeyboardEvent| e);
    let view = View {
        analysis,
        index: OffsetIndex::new(&analysis.text),
        focused: props.focused,
        selected: &props.selected,
        next_sentence: std::cell::Cell::new(0),
    };
    let layers = layers(analysis);
    let mut nodes = Vec::new();
    let mut next = 0;
    view.render(&layers, Span::new(0, analysis.text.len()), &mut next, &mut nodes);
    html! {
        <div class="annotated" data-testid="annotated-text" tabindex="0" role="document"
            aria-label="Annotated article. Arrow keys move between highlights; number keys set a type." {onclick} {onkeydown}>
            { for nodes }
        </div>
    }
}

/// A highlight to draw: an entity, or a boilerplate line.
enum Layer<'a> {
    Entity(usize, &'a Entity),
    Boilerplate(Span),
}

impl Layer<'_> {
    fn span(&self) -> Span {
        match self {
            Layer::Entity(_, e) => e.span,
            Layer::Boilerplate(span) => *span,
        }
    }
}

/// Entities and boilerplate lines sorted by start, outer spans first (boilerplate lines outermost).
fn layers(analysis: &Analysis) -> Vec<Layer<'_>> {
    let mut layers: Vec<Layer> = analysis.boilerplate.iter().map(|&s| Layer::Boilerplate(s)).collect();
    layers.extend(analysis.entities.iter().enumerate().map(|(i, e)| Layer::Entity(i, e)));
    layers.sort_by_key(|l| (l.span().start, std::cmp::Reverse(l.span().end), matches!(l, Layer::Entity(..))));
    layers
}

struct View<'a> {
    analysis: &'a Analysis,
    index: OffsetIndex<'a>,
    focused: Option<usize>,
    selected: &'a [usize],
    /// The first sentence whose anchor is not drawn yet (anchors are drawn in text order).
    next_sentence: std::cell::Cell<usize>,
}

impl View<'_> {
    /// Renders `range` of the text into `out`, consuming the layers that nest inside it. A layer that
    /// crosses an earlier sibling's end cannot be drawn as nested markup and is skipped.
    fn render(&self, layers: &[Layer], range: Span, next: &mut usize, out: &mut Vec<Html>) {
        let mut pos = range.start;
        while let Some(layer) = layers.get(*next) {
            let span = layer.span();
            if span.start >= range.end {
                break;
            }
            *next += 1;
            if span.start < pos || span.end > range.end || span.is_empty() {
                continue;
            }
            self.text(pos, span.start, out);
            self.anchors_through(span.start, out);
            let mut inner = Vec::new();
            self.render(layers, span, next, &mut inner);
            out.push(match layer {
                Layer::Entity(i, entity) => self.mark(*i, entity, inner),
                Layer::Boilerplate(_) => html! {
                    <span class="boilerplate" title="Page furniture, not article text">{ for inner }</span>
                },
            });
            pos = span.end;
        }
        self.text(pos, range.end, out);
    }

    fn mark(&self, i: usize, entity: &Entity, inner: Vec<Html>) -> Html {
        let label = entity.label.as_str();
        let class = classes!(
            "ent",
            format!("ent-{label}"),
            format!("src-{}", entity.source.as_str()),
            (self.focused == Some(i)).then_some("focused"),
            self.selected.contains(&i).then_some("in-group"),
        );
        let title = format!("{} ({})", entity.label.description(), entity.source.as_str());
        html! {
            <mark class={class} data-label={label} data-start={self.index.char_offset(entity.span.start).to_string()}
                data-end={self.index.char_offset(entity.span.end).to_string()} data-entity={i.to_string()}
                data-source={entity.source.as_str()} {title}>
                { for inner }
            </mark>
        }
    }

    /// Plain text `start..end`, with an empty anchor at each sentence start inside it.
    fn text(&self, start: usize, end: usize, out: &mut Vec<Html>) {
        if start >= end {
            return;
        }
        let sentences = &self.analysis.sentences;
        let mut pos = start;
        while let Some(sentence) = sentences.get(self.next_sentence.get()) {
            if sentence.span.start >= end {
                break;
            }
            if sentence.span.start > pos {
                out.push(html! { { self.analysis.slice(Span::new(pos, sentence.span.start)) } });
                pos = sentence.span.start;
            }
            self.anchor(out);
        }
        out.push(html! { { self.analysis.slice(Span::new(pos, end)) } });
    }

    /// Anchors of the sentences that start at or before `pos` and are not drawn yet.
    fn anchors_through(&self, pos: usize, out: &mut Vec<Html>) {
        while self.analysis.sentences.get(self.next_sentence.get()).is_some_and(|s| s.span.start <= pos) {
            self.anchor(out);
        }
    }

    fn anchor(&self, out: &mut Vec<Html>) {
        let s = self.next_sentence.get();
        out.push(html! { <span class="sentence-anchor" data-sentence={s.to_string()} /> });
        self.next_sentence.set(s + 1);
    }
}
