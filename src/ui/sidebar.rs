//! The sidebar: the story at a glance. Counts and keywords, the entities (grouped mentions, by salience),
//! who said what, a timeline, the figures, and the key sentences; every row leads to its place in the text.

use std::collections::BTreeMap;

use yew::prelude::*;

use super::state::{SharedAnalysis, UiAction};
use crate::analysis::{Analysis, Label, TimexType};
use crate::span::Span;

/// Rows listed per part; a long document's remaining rows are counted, not drawn.
const MAX_ROWS: usize = 60;

/// A text at least this long (bytes) fills every list. When such a text comes in, its quotes, timeline
/// and figures (about three quarters of the sidebar's elements) are drawn after the next paint, so that
/// taking in its analysis and drawing the rest of the page stay short tasks.
const LISTS_LATER_BYTES: usize = 50_000;

fn more_rows(total: usize) -> Html {
    if total > MAX_ROWS {
        html! { <p class="hint" data-testid="more-rows">{ format!("… and {} more", total - MAX_ROWS) }</p> }
    } else {
        html! {}
    }
}

#[derive(Properties, PartialEq)]
pub struct SidebarProps {
    pub analysis: SharedAnalysis,
    #[prop_or_default]
    pub selected_group: Option<usize>,
    #[prop_or(3)]
    pub summary_sentences: usize,
    /// The reference date for relative dates, `YYYY-MM-DD`, or empty.
    #[prop_or_default]
    pub anchor_date: String,
    /// The publication date of the web page the text came from, `YYYY-MM-DD`, or empty.
    #[prop_or_default]
    pub page_date: String,
    pub dispatch: Callback<UiAction>,
}

#[component]
pub fn Sidebar(props: &SidebarProps) -> Html {
    let analysis = &props.analysis.0;
    let dispatch = &props.dispatch;
    use_effect_with(props.selected_group, |group| {
        if let Some(g) = group {
            super::browser::scroll_nearest(format!("[data-testid=entity-row][data-group=\"{g}\"]"));
        }
    });
    // The text (by its length, as `AnnotatedText` tells texts apart) whose later lists are drawn.
    let lists_drawn_for = use_state(|| None::<usize>);
    let long = analysis.text.len() >= LISTS_LATER_BYTES;
    {
        let lists_drawn_for = lists_drawn_for.clone();
        use_effect_with((analysis.text.len(), long), move |&(len, long)| {
            if long {
                super::browser::after_paint(move || lists_drawn_for.set(Some(len)));
            }
        });
    }
    let lists = !long || *lists_drawn_for == Some(analysis.text.len());
    if analysis.text.trim().is_empty() {
        return html! {
            <aside class="sidebar" data-testid="sidebar">
                <h2>{ "At a glance" }</h2>
                <p class="empty-state">{ "The people, places, quotes, dates and key sentences of your article will be summarized here." }</p>
            </aside>
        };
    }
    html! {
        <aside class="sidebar" data-testid="sidebar">
            <Glance analysis={props.analysis.clone()} />
            <Entities analysis={props.analysis.clone()} selected_group={props.selected_group} on_select={dispatch.reform(UiAction::SelectGroup)} />
            if lists {
                <Quotes analysis={props.analysis.clone()} on_reveal={dispatch.reform(UiAction::RevealQuote)} />
            }
            <AnchorDate value={props.anchor_date.clone()} page_date={props.page_date.clone()} on_change={dispatch.reform(UiAction::SetAnchorDate)} />
            if lists {
                <Timeline analysis={props.analysis.clone()} on_reveal={dispatch.reform(UiAction::Reveal)} />
                <Figures analysis={props.analysis.clone()} on_reveal={dispatch.reform(UiAction::Reveal)} />
            }
            <KeySentences analysis={props.analysis.clone()} k={props.summary_sentences} on_k={dispatch.reform(UiAction::SetSummarySentences)}
                on_sentence={dispatch.reform(UiAction::ScrollToSentence)} />
        </aside>
    }
}

#[derive(Properties, PartialEq)]
pub struct GlanceProps {
    pub analysis: SharedAnalysis,
}

#[derive(Properties, PartialEq)]
pub struct EntitiesProps {
    pub analysis: SharedAnalysis,
    pub selected_group: Option<usize>,
    /// A group's row was clicked.
    pub on_select: Callback<usize>,
}

/// A part whose rows each lead to a place in the text.
#[derive(Properties, PartialEq)]
pub struct RevealProps {
    pub analysis: SharedAnalysis,
    /// A row was clicked: the index of its quote (`Quotes`) or entity (`Timeline`, `Figures`).
    pub on_reveal: Callback<usize>,
}

#[derive(Properties, PartialEq)]
pub struct KeySentencesProps {
    pub analysis: SharedAnalysis,
    /// How many key sentences are asked for.
    pub k: usize,
    /// Ask for this many.
    pub on_k: Callback<usize>,
    /// A key sentence was clicked (its index).
    pub on_sentence: Callback<usize>,
}

/// Counts, reading time, keywords and a bar chart of the most salient entities.
#[component]
pub fn Glance(props: &GlanceProps) -> Html {
    let analysis = &props.analysis.0;
    let summary = &analysis.summary;
    let count = |label: Label| analysis.entities.iter().filter(|e| e.label == label).count();
    let top: Vec<_> = analysis.groups.iter().take(6).collect();
    let max = top.iter().map(|g| g.salience).fold(0.0_f64, f64::max).max(1e-9);
    html! {
        <section class="part glance" data-testid="glance">
            <h2>{ "At a glance" }</h2>
            if let Some(title) = summary.title.and_then(|t| analysis.sentences.get(t)) {
                <p class="headline" data-testid="headline">{ analysis.slice(title.span).trim() }</p>
            }
            <p class="facts" data-testid="reading-facts">
                { format!("{} words · {} min read", summary.word_count, summary.reading_minutes) }
            </p>
            if !summary.keywords.is_empty() {
                <p class="keywords" data-testid="keywords">
                    { for summary.keywords.iter().map(|k| html! { <span class="keyword">{ k }</span> }) }
                </p>
            }
            <ul class="counts" data-testid="type-counts">
                { for Label::ALL.into_iter().filter(|&l| count(l) > 0).map(|l| html! {
                    <li class={classes!("count", format!("ent-{}", l.as_str()))} data-label={l.as_str()}>
                        <span class="swatch" />
                        <span class="name">{ l.description() }</span>
                        <span class="n">{ count(l) }</span>
                    </li>
                }) }
            </ul>
            if !top.is_empty() {
                <svg class="chart" data-testid="salience-chart" viewBox={format!("0 0 300 {}", top.len() * 18)} role="img" aria-label="Most central entities">
                    { for top.iter().enumerate().map(|(i, g)| {
                        let y = i * 18;
                        let width = 150.0 * g.salience / max;
                        html! {
                            <g>
                                <text x="0" y={(y + 13).to_string()} class="chart-label">{ truncate(&g.canonical, 20) }</text>
                                <rect x="140" y={(y + 3).to_string()} width={format!("{width:.1}")} height="12" rx="2" class={classes!("bar", format!("ent-{}", g.label.as_str()))} />
                            </g>
                        }
                    }) }
                </svg>
            }
        </section>
    }
}

/// Entities as groups of mentions, most salient first. A click selects the group and steps through its
/// mentions in the text.
#[component]
pub fn Entities(props: &EntitiesProps) -> Html {
    let analysis = &props.analysis.0;
    if analysis.groups.is_empty() {
        return html! {};
    }
    let max = analysis.groups.iter().map(|g| g.salience).fold(0.0_f64, f64::max).max(1e-9);
    html! {
        <section class="part entities" data-testid="entities">
            <h3>{ "Who and what" }</h3>
            <ul>
                { for analysis.groups.iter().enumerate().take(MAX_ROWS).map(|(g, group)| {
                    let selected = props.selected_group == Some(g);
                    let onclick = props.on_select.reform(move |_: MouseEvent| g);
                    let n = group.mentions.len();
                    html! {
                        <li>
                            <button class={classes!("row", selected.then_some("selected"))} data-testid="entity-row" data-group={g.to_string()}
                                data-label={group.label.as_str()} aria-pressed={selected.to_string()} title="Show its mentions (click again for the next)" {onclick}>
                                // Read as "Person: Nursultan Nazarbaev, 2 mentions" (one piece of hidden text);
                                // the chip, the code and "×2" are for the eye only.
                                <span class="visually-hidden">{ format!("{}: {}, {n} mention{}", group.label.description(), group.canonical, if n == 1 { "" } else { "s" }) }</span>
                                <span class={classes!("chip", format!("ent-{}", group.label.as_str()))} aria-hidden="true">{ &group.canonical }</span>
                                <span class="code" aria-hidden="true">{ group.label.as_str() }</span>
                                <span class="times" data-testid="mention-count" aria-hidden="true">{ format!("×{n}") }</span>
                                <meter min="0" max="1" value={format!("{:.3}", group.salience / max)} title={format!("salience {:.2}", group.salience)} aria-hidden="true" />
                            </button>
                        </li>
                    }
                }) }
            </ul>
            { more_rows(analysis.groups.len()) }
        </section>
    }
}

/// A row of "who said what": the speaker's group index, or the lowercased words of a speaker without an
/// entity.
type SpeakerKey = (Option<usize>, String);

/// Quotes grouped by the entity that said them (a person's mentions, pronouns resolved, share one
/// row, headed by the group's fullest name); a speaker the text does not name is headed by the words as
/// written ("a spokesman"); quotes without a speaker go under "Unattributed".
#[component]
pub fn Quotes(props: &RevealProps) -> Html {
    let analysis = &props.analysis.0;
    if analysis.quotes.is_empty() {
        return html! {};
    }
    let group_of = crate::groups::group_of_entities(&analysis.groups, analysis.entities.len());
    let mut by_speaker: BTreeMap<SpeakerKey, Vec<(usize, Span)>> = BTreeMap::new();
    let mut order: Vec<(SpeakerKey, String)> = Vec::new();
    for (q, quote) in analysis.quotes.iter().enumerate().take(MAX_ROWS) {
        let group = quote.speaker_entity.and_then(|e| group_of.get(e).copied().flatten());
        let (key, heading) =
            match (group.and_then(|g| analysis.groups.get(g).map(|x| (g, x))), quote.speaker.or(quote.mention)) {
                (Some((g, group)), _) => ((Some(g), String::new()), group.canonical.clone()),
                (None, Some(words)) => ((None, analysis.slice(words).to_lowercase()), analysis.slice(words).to_owned()),
                (None, None) => ((None, String::new()), "Unattributed".to_owned()),
            };
        if !by_speaker.contains_key(&key) {
            order.push((key.clone(), heading));
        }
        by_speaker.entry(key).or_default().push((q, quote.span));
    }
    html! {
        <section class="part quotes" data-testid="quotes">
            <h3>{ "Who said what" }</h3>
            { for order.iter().map(|(speaker, heading)| html! {
                <div class="speaker" data-testid="speaker">
                    <h4 data-testid="speaker-name">{ heading }</h4>
                    <ul>
                        { for by_speaker[speaker].iter().map(|&(q, span)| {
                            let onclick = props.on_reveal.reform(move |_: MouseEvent| q);
                            let text = truncate(analysis.slice(span), 160);
                            html! { <li><button class="row quote" data-testid="quote-row" aria-label={format!("Quote by {heading}: {text}")} {onclick}>{ text }</button></li> }
                        }) }
                    </ul>
                </div>
            }) }
            { more_rows(analysis.quotes.len()) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct AnchorDateProps {
    /// `YYYY-MM-DD`, or empty.
    pub value: String,
    /// The web page's publication date (`YYYY-MM-DD`, or empty), used when `value` is empty.
    #[prop_or_default]
    pub page_date: String,
    /// The date typed (`YYYY-MM-DD`, or empty to clear it).
    pub on_change: Callback<String>,
}

/// The date that relative dates ("last Monday") resolve against when the article has no dateline.
#[component]
pub fn AnchorDate(props: &AnchorDateProps) -> Html {
    let onchange = props.on_change.reform(|e: Event| {
        e.target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
            .map(|input| input.value())
            .unwrap_or_default()
    });
    html! {
        <label class="anchor-date" title="Relative dates such as “last Monday” resolve against the article's dateline, or else this date">
            { "Reference date " }
            <input type="date" data-testid="anchor-date" value={props.value.clone()} {onchange} />
            if !props.page_date.is_empty() {
                <span class="from-page" data-testid="anchor-from-page">{
                    if props.value.is_empty() { format!("from the page: {}", props.page_date) }
                    else { format!("(the page's: {})", props.page_date) }
                }</span>
            }
        </label>
    }
}

/// A point in time as a fractional year, when the value has a year.
fn year_position(iso: &str) -> Option<f64> {
    let first = iso.split('/').next()?;
    let mut parts = first.split('-');
    let year: f64 = parts.next()?.parse().ok()?;
    let month: f64 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1.0);
    let day: f64 = parts.next().and_then(|d| d.get(..2)).and_then(|d| d.parse().ok()).unwrap_or(1.0);
    Some(year + (month - 1.0) / 12.0 + (day - 1.0) / 365.0)
}

/// The end of a range value (`1990/1999` ends with 1999), on the same scale as `year_position`.
fn range_end_position(iso: &str) -> Option<f64> {
    let (_, end) = iso.split_once('/')?;
    year_position(end).map(|x| x + 1.0 / 365.0)
}

/// Whether a timeline entry is a length of time or a repetition (TIMEX3 `DURATION` or `SET`, or an ISO
/// duration value) rather than a point in time.
fn is_span_of_time(analysis: &Analysis, entry: &crate::summary::TimelineEntry) -> bool {
    let timex = analysis.entities.get(entry.entity).and_then(|e| e.timex.as_ref());
    match timex {
        Some(t) => matches!(t.kind, TimexType::Duration | TimexType::Set),
        None => entry.value.as_deref().is_some_and(|v| v.starts_with('P')),
    }
}

/// The dates and times: points in time in order of their resolved values, on an SVG line (a range
/// drawn as a bar from its start to its end) with a list below; then durations and repetitions ("for
/// three hours", "every week") apart, in text order.
#[component]
pub fn Timeline(props: &RevealProps) -> Html {
    let analysis = &props.analysis.0;
    let entries = &analysis.summary.timeline;
    if entries.is_empty() {
        return html! {};
    }
    let (spans, moments): (Vec<_>, Vec<_>) = entries.iter().partition(|e| is_span_of_time(analysis, e));
    let points: Vec<(usize, f64, Option<f64>)> = moments
        .iter()
        .take(MAX_ROWS)
        .filter_map(|e| {
            let v = e.value.as_deref()?;
            Some((e.entity, year_position(v)?, range_end_position(v)))
        })
        .collect();
    let (lo, hi) =
        points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &(_, x, end)| (lo.min(x), hi.max(end.unwrap_or(x))));
    let scale = |x: f64| if hi > lo { 10.0 + 280.0 * (x - lo) / (hi - lo) } else { 150.0 };
    let row = |entry: &crate::summary::TimelineEntry, testid: &'static str| {
        let entity = entry.entity;
        let onclick = props.on_reveal.reform(move |_: MouseEvent| entity);
        let found = analysis.entities.get(entity);
        let text = found.map(|e| analysis.slice(e.span)).unwrap_or_default();
        let value = match found.and_then(|e| e.timex.as_ref()) {
            Some(t) if testid != "timeline-row" => Some(t.value.clone()),
            _ => entry.value.clone(),
        };
        let kind = found.map(|e| e.label.description()).unwrap_or("Date");
        let context = sentence_snippet(analysis, entry.sentence);
        // Read as "Date: April 2018, 2018-04. <the sentence>" (one piece of hidden text); the visible parts
        // are for the eye only.
        let name = match &value {
            Some(v) => format!("{kind}: {text}, {v}. {context}"),
            None => format!("{kind}: {text}. {context}"),
        };
        html! {
            <li><button class="row" data-testid={testid} {onclick}>
                <span class="visually-hidden">{ name }</span>
                <span class="when" aria-hidden="true">{ text }</span>
                if let Some(v) = value { <span class="value" aria-hidden="true">{ v }</span> }
                <span class="context" aria-hidden="true">{ context }</span>
            </button></li>
        }
    };
    html! {
        <section class="part timeline" data-testid="timeline">
            <h3>{ "When" }</h3>
            if !points.is_empty() {
                // The dots repeat the rows below, which keyboard and screen-reader users reach instead: the
                // chart is one image to them.
                <svg class="timeline-chart" viewBox="0 0 300 44" role="img" aria-label="Timeline of the dates">
                    <line x1="10" y1="20" x2="290" y2="20" class="axis" />
                    { for points.iter().map(|&(entity, x, end)| {
                        let onclick = props.on_reveal.reform(move |_: MouseEvent| entity);
                        let title = analysis.entities.get(entity).map(|e| analysis.slice(e.span)).unwrap_or_default();
                        match end {
                            Some(end) => html! {
                                <rect x={format!("{:.1}", scale(x))} y="15" width={format!("{:.1}", (scale(end) - scale(x)).max(4.0))} height="10" rx="3"
                                    class="range" data-testid="timeline-range" {onclick}>
                                    <title>{ title }</title>
                                </rect>
                            },
                            None => html! {
                                <circle cx={format!("{:.1}", scale(x))} cy="20" r="5" class="dot" data-testid="timeline-dot" {onclick}>
                                    <title>{ title }</title>
                                </circle>
                            },
                        }
                    }) }
                    <text x="10" y="40" class="tick">{ format!("{}", lo.floor()) }</text>
                    if hi.floor() > lo.floor() { <text x="290" y="40" class="tick" text-anchor="end">{ format!("{}", hi.floor()) }</text> }
                </svg>
            }
            <ul>
                { for moments.iter().take(MAX_ROWS).map(|entry| row(entry, "timeline-row")) }
            </ul>
            { more_rows(moments.len()) }
            if !spans.is_empty() {
                <h4 class="subhead">{ "How long, how often" }</h4>
                <ul data-testid="timeline-spans">
                    { for spans.iter().take(MAX_ROWS).map(|entry| row(entry, "timeline-span-row")) }
                </ul>
                { more_rows(spans.len()) }
            }
        </section>
    }
}

/// Money, percentages, quantities and counts with the sentence each comes from.
#[component]
pub fn Figures(props: &RevealProps) -> Html {
    let analysis = &props.analysis.0;
    let figures = &analysis.summary.figures;
    if figures.is_empty() {
        return html! {};
    }
    html! {
        <section class="part figures" data-testid="figures">
            <h3>{ "Figures" }</h3>
            <table>
                <tbody>
                    { for figures.iter().take(MAX_ROWS).filter_map(|f| analysis.entities.get(f.entity).map(|e| (f, e))).map(|(figure, entity)| {
                        let index = figure.entity;
                        let onclick = props.on_reveal.reform(move |_: MouseEvent| index);
                        // The whole row acts on a click; its first cell is a button (with no handler of its
                        // own: its click, by mouse or by Enter or Space, reaches the row's) so that keyboard
                        // and screen-reader users reach every figure.
                        let name = format!("{}: {}", entity.label.description(), analysis.slice(entity.span));
                        html! {
                            <tr data-testid="figure-row" {onclick}>
                                <td class="figure"><button class="row figure-button" data-testid="figure-button" aria-label={name}>
                                    <span class={classes!("chip", format!("ent-{}", entity.label.as_str()))}>{ analysis.slice(entity.span) }</span>
                                </button></td>
                                <td class="context">{ sentence_snippet(analysis, figure.sentence) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            { more_rows(figures.len()) }
        </section>
    }
}

/// The extractive summary: k sentences in article order, k adjustable.
#[component]
pub fn KeySentences(props: &KeySentencesProps) -> Html {
    let analysis = &props.analysis.0;
    let k = props.k;
    let less = props.on_k.reform(move |_: MouseEvent| k.saturating_sub(1).max(1));
    let more = props.on_k.reform(move |_: MouseEvent| k + 1);
    html! {
        <section class="part key-sentences" data-testid="key-sentences">
            <h3>
                { "Key sentences" }
                <span class="stepper">
                    <button class="small" data-testid="fewer-sentences" aria-label="Fewer key sentences" onclick={less} disabled={k <= 1}>{ "−" }</button>
                    <span data-testid="summary-k">{ k }</span>
                    <button class="small" data-testid="more-sentences" aria-label="More key sentences" onclick={more}>{ "+" }</button>
                </span>
            </h3>
            <ol>
                { for analysis.summary.key_sentences.iter().enumerate().map(|(i, &s)| {
                    let onclick = props.on_sentence.reform(move |_: MouseEvent| s);
                    let text = analysis.sentences.get(s).map(|x| analysis.slice(x.span)).unwrap_or_default();
                    let name = format!("Key sentence {} of {}: {}", i + 1, analysis.summary.key_sentences.len(), text.trim());
                    html! { <li><button class="row" data-testid="key-sentence" data-sentence={s.to_string()} aria-label={name} {onclick}>
                        { text }
                    </button></li> }
                }) }
            </ol>
        </section>
    }
}

fn sentence_snippet(analysis: &Analysis, sentence: usize) -> String {
    analysis.sentences.get(sentence).map(|s| truncate(analysis.slice(s.span), 110)).unwrap_or_default()
}

fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max_chars.saturating_sub(1)).collect();
    out.push('…');
    out
}
