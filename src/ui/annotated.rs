//! The annotated text: the article with every entity highlighted inline, nested where spans nest
//! (names inside quotes), boilerplate lines dimmed, paragraphs and line breaks kept.

use yew::prelude::*;

use super::SharedAnalysis;
use crate::analysis::{Analysis, Entity};
use crate::offsets::OffsetIndex;
use crate::span::Span;

#[derive(Properties, PartialEq)]
pub struct AnnotatedTextProps {
    pub analysis: SharedAnalysis,
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
    let index = OffsetIndex::new(&analysis.text);
    let layers = layers(analysis);
    let mut nodes = Vec::new();
    let mut next = 0;
    render(analysis, &index, &layers, Span::new(0, analysis.text.len()), &mut next, &mut nodes);
    html! {
        <div class="annotated" data-testid="annotated-text">{ for nodes }</div>
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

/// Renders `range` of the text into `out`, consuming the layers that nest inside it. A layer that
/// crosses an earlier sibling's end cannot be drawn as nested markup and is skipped.
fn render(analysis: &Analysis, index: &OffsetIndex, layers: &[Layer], range: Span, next: &mut usize, out: &mut Vec<Html>) {
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
        if span.start > pos {
            out.push(html! { { analysis.slice(Span::new(pos, span.start)) } });
        }
        let mut inner = Vec::new();
        render(analysis, index, layers, span, next, &mut inner);
        out.push(match layer {
            Layer::Entity(i, entity) => {
                let label = entity.label.as_str();
                let class = classes!("ent", format!("ent-{label}"), format!("src-{}", entity.source.as_str()));
                html! {
                    <mark class={class} data-label={label} data-start={index.char_offset(span.start).to_string()}
                        data-end={index.char_offset(span.end).to_string()} data-entity={i.to_string()}
                        data-source={entity.source.as_str()} title={entity.label.description()}>
                        { for inner }
                    </mark>
                }
            }
            Layer::Boilerplate(_) => html! {
                <span class="boilerplate" title="Page furniture, not article text">{ for inner }</span>
            },
        });
        pos = span.end;
    }
    if pos < range.end {
        out.push(html! { { analysis.slice(Span::new(pos, range.end)) } });
    }
}
