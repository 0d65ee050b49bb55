//! The annotated text: the article with every entity highlighted inline, nested where spans nest
//! (names inside quotes), boilerplate lines dimmed, paragraphs and line breaks kept. Each sentence start
//! carries an empty anchor (`data-sentence`) so the sidebar can scroll to it.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use std::rc::Rc;

use super::browser;
use super::state::SharedAnalysis;
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
    /// How long the analysis took (milliseconds), exposed for benchmarks.
    #[prop_or_default]
    pub analysis_ms: f64,
    /// Whether that analysis ran in the worker (exposed for tests).
    #[prop_or_default]
    pub in_worker: bool,
    /// Words to flash (the speaker of the quote revealed from the sidebar).
    #[prop_or_default]
    pub flash: Option<Span>,
}

#[component]
pub fn AnnotatedText(props: &AnnotatedTextProps) -> Html {
    let analysis = &props.analysis.0;
    // How many chunks are drawn with highlights, and for a text of which length; grows a few at a time
    // after each paint. A new text starts over from its first render (drawing as many chunks with
    // highlights as the last text had at once would be one long task); an edit that keeps the length
    // keeps what is drawn.
    let drawn = use_state(|| (analysis.text.len(), FIRST_CHUNKS));
    let text_len = analysis.text.len();
    let shown = if drawn.0 == text_len { drawn.1 } else { FIRST_CHUNKS };
    // The length of the text drawn now, for steps asked for before a new text came.
    let current_len = use_mut_ref(|| text_len);
    *current_len.borrow_mut() = text_len;
    // How fast chunks were drawn so far, to size the next step.
    let pace = use_mut_ref(Pace::default);
    {
        let drawn = drawn.clone();
        let total = chunk_list_len(&props.analysis);
        use_effect_with((shown, Rc::as_ptr(&props.analysis.0) as usize), move |(n, _)| {
            // Effects run once the step's markup is in the document: the step's render is timed here.
            let n = *n;
            let step = pace.borrow_mut().finished(n, browser::now_ms());
            if n < total {
                browser::after_paint(move || {
                    if *current_len.borrow() != text_len {
                        return;
                    }
                    pace.borrow_mut().start(n, browser::now_ms());
                    drawn.set((text_len, n + step));
                });
            }
        });
    }
    // The split depends on the analysis only; computing it is linear in the text, so once per analysis.
    let chunk_list = {
        let shared = props.analysis.clone();
        use_memo(Rc::as_ptr(&props.analysis.0) as usize, move |_| chunks(&shared.0))
    };
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
            let selecting =
                web_sys::window().and_then(|w| w.get_selection().ok().flatten()).is_some_and(|s| !s.is_collapsed());
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
    let chunks = chunk_list.clone();
    let chunk_views = chunks.iter().enumerate().map(|(i, chunk)| {
        let in_chunk = |e: &usize| analysis.entities.get(*e).is_some_and(|x| chunk.range.contains(x.span));
        // Keyed by the text's length too: a new text's chunks replace the last text's whole rather than
        // being compared with them mark by mark (thousands of marks in a long text, each taken out of the
        // document one call at a time).
        html! {
            <Chunk key={format!("{text_len}:{i}")} analysis={props.analysis.clone()} range={chunk.range} char_base={chunk.char_base}
                highlighted={i < shown} focused={props.focused.filter(in_chunk)}
                flash={props.flash.filter(|s| chunk.range.contains(*s) && !s.is_empty())}
                selected={props.selected.iter().copied().filter(in_chunk).collect::<Vec<_>>()} />
        }
    });
    // Keyboard: the whole text is one tab stop, and ←/→ (↑/↓) move between its highlights, Enter or Space
    // shows the one chosen as a click does. A long article holds thousands of highlights: a tab stop each
    // would bury every control after the text under them, and a screen-reader user already reads the
    // highlights in browse mode, each announced by its type ("Person: Nursultan Nazarbaev", the name given
    // in style.css, `mark.ent::before`). The highlight chosen by keyboard is announced by `AnalysisStatus`.
    html! {
        <div class="annotated" data-testid="annotated-text" tabindex="0" role="document" data-chunks={chunks.len().to_string()}
            data-analysis-ms={format!("{:.2}", props.analysis_ms)} data-tokens={analysis.tokens.len().to_string()}
            data-analyzed-in={if props.in_worker { "worker" } else { "page" }}
            data-rendered={shown.min(chunks.len()).to_string()}
            aria-label="Annotated article. Arrow keys move between highlights, Enter shows the one chosen; number keys set a type." {onclick} {onkeydown}>
            { for chunk_views }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AnalysisStatusProps {
    pub analysis: SharedAnalysis,
    /// The highlight chosen (by click or arrow key).
    #[prop_or_default]
    pub focused: Option<usize>,
}

/// How long the analysis must stay the same before it is announced: typing re-analyzes at each key, and
/// only the analysis the reader stops at is worth hearing.
const ANNOUNCE_AFTER_MS: u32 = 1000;

/// A polite live region (visually hidden, always in the page so that screen readers watch it) that
/// announces what an analysis found once it is done and the text has stayed the same for a second (never
/// each keystroke, nor each chunk drawn), and the highlight chosen by the arrow keys.
#[component]
pub fn AnalysisStatus(props: &AnalysisStatusProps) -> Html {
    let message = use_state(String::new);
    {
        let message = message.clone();
        let shared = props.analysis.clone();
        use_effect_with(Rc::as_ptr(&props.analysis.0) as usize, move |_| {
            let analysis = &shared.0;
            let summary = (!analysis.text.trim().is_empty()).then(|| {
                let n = analysis.entities.len();
                let k = analysis.summary.key_sentences.len();
                format!(
                    "Analysis done: {n} highlight{}, {} entit{}, {k} key sentence{}.",
                    if n == 1 { "" } else { "s" },
                    analysis.groups.len(),
                    if analysis.groups.len() == 1 { "y" } else { "ies" },
                    if k == 1 { "" } else { "s" }
                )
            });
            // Dropped (cancelled) when the analysis changes again before it fires.
            let timer =
                summary.map(|text| gloo::timers::callback::Timeout::new(ANNOUNCE_AFTER_MS, move || message.set(text)));
            move || drop(timer)
        });
    }
    {
        let message = message.clone();
        let shared = props.analysis.clone();
        use_effect_with(props.focused, move |focused| {
            let analysis = &shared.0;
            if let Some((i, entity)) = focused.and_then(|i| analysis.entities.get(i).map(|e| (i, e))) {
                message.set(format!(
                    "{}: {}, highlight {} of {}",
                    entity.label.description(),
                    analysis.slice(entity.span),
                    i + 1,
                    analysis.entities.len()
                ));
            }
        });
    }
    html! {
        <div class="visually-hidden" role="status" aria-live="polite" data-testid="analysis-status">{ (*message).clone() }</div>
    }
}

/// About how many bytes of text one chunk holds. Chunks are drawn one after another so that no single
/// step of drawing a long document blocks the page for long.
const CHUNK_BYTES: usize = 6000;
/// Chunks drawn with highlights at once (with the rest of the page, when the analysis arrives); the rest
/// follow in steps after each paint. Each chunk is its own block (see `.chunk` in style.css), so a step
/// lays out only the chunks it changes.
const FIRST_CHUNKS: usize = 1;
/// A step draws as many chunks as the steps before drew in `STEP_BUDGET_MS` (render and update of the
/// document, timed; layout and paint follow in the next frame), between `MIN_STEP` and `MAX_STEP`, so
/// that no step blocks the page for long on a slow machine and a fast one needs few steps.
const STEP_BUDGET_MS: f64 = 25.0;
const MIN_STEP: usize = 1;
const MAX_STEP: usize = 16;
/// The first step, before any was timed.
const FIRST_STEP: usize = 2;

/// The pace of drawing: when the current step started, and the time per chunk of the last timed step.
#[derive(Default)]
struct Pace {
    started: Option<(usize, f64)>,
    ms_per_chunk: Option<f64>,
}

impl Pace {
    /// A step from `shown` chunks starts at `now`.
    fn start(&mut self, shown: usize, now: f64) {
        self.started = Some((shown, now));
    }

    /// `shown` chunks are drawn at `now`; returns how many the next step draws.
    fn finished(&mut self, shown: usize, now: f64) -> usize {
        if let Some((from, at)) = self.started.take() {
            if shown > from && now >= at {
                self.ms_per_chunk = Some((now - at) / (shown - from) as f64);
            }
        }
        match self.ms_per_chunk {
            Some(ms) if ms > 0.0 => ((STEP_BUDGET_MS / ms) as usize).clamp(MIN_STEP, MAX_STEP),
            Some(_) => MAX_STEP,
            None => FIRST_STEP,
        }
    }
}

/// A piece of the text drawn by one `Chunk`: `range` in bytes, `char_base` its start in code points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChunkRange {
    pub range: Span,
    pub char_base: usize,
}

/// Splits the text at line breaks into pieces of about `CHUNK_BYTES`, never inside an entity or a
/// boilerplate line (a quote running over paragraphs stays in one piece).
pub fn chunks(analysis: &Analysis) -> Vec<ChunkRange> {
    let text = &analysis.text;
    let mut spans: Vec<Span> =
        analysis.entities.iter().map(|e| e.span).chain(analysis.boilerplate.iter().copied()).collect();
    spans.sort();
    let mut out = Vec::new();
    let (mut start, mut chars_before, mut counted_to) = (0usize, 0usize, 0usize);
    let (mut next_span, mut covered_to) = (0usize, 0usize);
    for (b, _) in text.match_indices('\n') {
        let cut = b + 1;
        if cut - start < CHUNK_BYTES || cut >= text.len() {
            continue;
        }
        while next_span < spans.len() && spans[next_span].start < cut {
            covered_to = covered_to.max(spans[next_span].end);
            next_span += 1;
        }
        if covered_to > cut {
            continue;
        }
        chars_before += text[counted_to..start].chars().count();
        counted_to = start;
        out.push(ChunkRange { range: Span::new(start, cut), char_base: chars_before });
        start = cut;
    }
    chars_before += text[counted_to..start].chars().count();
    out.push(ChunkRange { range: Span::new(start, text.len()), char_base: chars_before });
    out
}

#[derive(Properties, PartialEq)]
struct ChunkProps {
    analysis: SharedAnalysis,
    range: Span,
    char_base: usize,
    /// False until its turn comes: the text is shown plain, then with highlights.
    highlighted: bool,
    focused: Option<usize>,
    selected: Vec<usize>,
    flash: Option<Span>,
}

#[component]
fn Chunk(props: &ChunkProps) -> Html {
    let analysis = &props.analysis.0;
    if !props.highlighted {
        return html! { <span class="chunk pending">{ analysis.slice(props.range) }</span> };
    }
    let range = props.range;
    // As markup, parsed by the browser in one call: drawn node by node, each of a long text's thousands of
    // highlights took a dozen calls into the browser, each passing a string (docs/performance.md,
    // "Thirteenth round"). The HTML parser cannot give back a NUL character (it drops or replaces it), so
    // a chunk holding one is drawn node by node.
    if !analysis.slice(range).contains('\0') {
        let mut markup = Markup(String::with_capacity(2 * range.len() + 64));
        markup.0.push_str("<span class=\"chunk\">");
        draw(props, &mut markup);
        markup.0.push_str("</span>");
        return Html::from_html_unchecked(AttrValue::from(markup.0));
    }
    let mut nodes = Nodes::default();
    draw(props, &mut nodes);
    html! { <span class="chunk">{ for nodes.0 }</span> }
}

/// Draws a chunk's text with its highlights into `out`.
fn draw<O: Output>(props: &ChunkProps, out: &mut O) {
    let (analysis, range) = (&props.analysis.0, props.range);
    let view = View {
        analysis,
        index: OffsetIndex::new(analysis.slice(range)),
        base: (range.start, props.char_base),
        focused: props.focused,
        selected: &props.selected,
        next_sentence: std::cell::Cell::new(analysis.sentences.partition_point(|s| s.span.start < range.start)),
    };
    let first = analysis.entities.partition_point(|e| e.span.start < range.start);
    let mut layers: Vec<Layer> =
        analysis.boilerplate.iter().filter(|s| range.contains(**s)).map(|&s| Layer::Boilerplate(s)).collect();
    layers.extend(
        analysis.entities[first..]
            .iter()
            .enumerate()
            .take_while(|(_, e)| e.span.start < range.end)
            .map(|(i, e)| Layer::Entity(first + i, e)),
    );
    layers.extend(props.flash.map(Layer::Flash));
    layers.sort_by_key(|l| (l.span().start, std::cmp::Reverse(l.span().end), matches!(l, Layer::Entity(..))));
    view.render(&layers, range, &mut 0, out);
}

/// An upper bound of the number of chunks, cheap to compute (the exact split needs the entities).
fn chunk_list_len(analysis: &SharedAnalysis) -> usize {
    analysis.0.text.len() / CHUNK_BYTES + 1
}

/// A highlight to draw: an entity, or a boilerplate line.
enum Layer<'a> {
    Entity(usize, &'a Entity),
    Boilerplate(Span),
    /// The speaker's words of a revealed quote, flashed once.
    Flash(Span),
}

impl Layer<'_> {
    fn span(&self) -> Span {
        match self {
            Layer::Entity(_, e) => e.span,
            Layer::Boilerplate(span) | Layer::Flash(span) => *span,
        }
    }
}

struct View<'a> {
    analysis: &'a Analysis,
    /// Offsets within the chunk's slice of the text.
    index: OffsetIndex<'a>,
    /// The chunk's start: (byte, code point).
    base: (usize, usize),
    focused: Option<usize>,
    selected: &'a [usize],
    /// The first sentence whose anchor is not drawn yet (anchors are drawn in text order).
    next_sentence: std::cell::Cell<usize>,
}

/// An element `View` draws around part of the text.
enum Element {
    /// An entity's highlight.
    Mark {
        class: String,
        label: &'static str,
        start: usize,
        end: usize,
        entity: usize,
        source: &'static str,
        title: String,
    },
    Boilerplate,
    Flash,
}

/// Where `View` draws: Yew's nodes (`Nodes`) or HTML markup (`Markup`), the same elements with the same
/// attributes and text either way.
trait Output: Default {
    /// Text as it is in the article.
    fn text(&mut self, text: &str);
    /// The empty anchor of sentence `sentence`.
    fn anchor(&mut self, sentence: usize);
    /// `element` around `inner`.
    fn wrap(&mut self, element: Element, inner: Self);
}

#[derive(Default)]
struct Nodes(Vec<Html>);

impl Output for Nodes {
    fn text(&mut self, text: &str) {
        self.0.push(html! { { text.to_owned() } });
    }

    fn anchor(&mut self, sentence: usize) {
        self.0.push(html! { <span class="sentence-anchor" data-sentence={sentence.to_string()} /> });
    }

    fn wrap(&mut self, element: Element, inner: Nodes) {
        let inner = inner.0;
        self.0.push(match element {
            Element::Mark { class, label, start, end, entity, source, title } => html! {
                <mark class={class} data-label={label} data-start={start.to_string()} data-end={end.to_string()}
                    data-entity={entity.to_string()} data-source={source} {title}>
                    { for inner }
                </mark>
            },
            Element::Boilerplate => html! {
                <span class="boilerplate" title={BOILERPLATE_TITLE}>{ for inner }</span>
            },
            Element::Flash => html! { <span class="flash" data-testid="speaker-flash">{ for inner }</span> },
        });
    }
}

/// HTML markup. The article's text is escaped (`&`, `<`, `>`; a carriage return as a character reference,
/// which the parser would otherwise read as a line feed), so that whatever it holds is text and nothing
/// else; every attribute value is escaped too, though all are numbers or the program's own words.
#[derive(Default)]
struct Markup(String);

impl Markup {
    fn escaped(&mut self, text: &str, attribute: bool) {
        let mut rest = text;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\r']) {
            self.0.push_str(&rest[..at]);
            self.0.push_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' if attribute => "&quot;",
                b'"' => "\"",
                _ => "&#13;",
            });
            rest = &rest[at + 1..];
        }
        self.0.push_str(rest);
    }

    fn attribute(&mut self, name: &str, value: &str) {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        self.escaped(value, true);
        self.0.push('"');
    }
}

impl Output for Markup {
    fn text(&mut self, text: &str) {
        self.escaped(text, false);
    }

    fn anchor(&mut self, sentence: usize) {
        self.0.push_str("<span class=\"sentence-anchor\"");
        self.attribute("data-sentence", &sentence.to_string());
        self.0.push_str("></span>");
    }

    fn wrap(&mut self, element: Element, inner: Markup) {
        let close = match element {
            Element::Mark { class, label, start, end, entity, source, title } => {
                self.0.push_str("<mark");
                self.attribute("class", &class);
                self.attribute("data-label", label);
                self.attribute("data-start", &start.to_string());
                self.attribute("data-end", &end.to_string());
                self.attribute("data-entity", &entity.to_string());
                self.attribute("data-source", source);
                self.attribute("title", &title);
                "</mark>"
            }
            Element::Boilerplate => {
                self.0.push_str("<span class=\"boilerplate\"");
                self.attribute("title", BOILERPLATE_TITLE);
                "</span>"
            }
            Element::Flash => {
                self.0.push_str("<span class=\"flash\" data-testid=\"speaker-flash\"");
                "</span>"
            }
        };
        self.0.push('>');
        self.0.push_str(&inner.0);
        self.0.push_str(close);
    }
}

/// The title of a boilerplate line's span.
const BOILERPLATE_TITLE: &str = "Page furniture, not article text";

impl View<'_> {
    /// Renders `range` of the text into `out`, consuming the layers that nest inside it. A layer that
    /// crosses an earlier sibling's end cannot be drawn as nested markup and is skipped.
    fn render<O: Output>(&self, layers: &[Layer], range: Span, next: &mut usize, out: &mut O) {
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
            let mut inner = O::default();
            self.render(layers, span, next, &mut inner);
            let element = match layer {
                Layer::Entity(i, entity) => self.mark(*i, entity),
                Layer::Boilerplate(_) => Element::Boilerplate,
                Layer::Flash(_) => Element::Flash,
            };
            out.wrap(element, inner);
            pos = span.end;
        }
        self.text(pos, range.end, out);
    }

    fn char_offset(&self, byte: usize) -> usize {
        self.base.1 + self.index.char_offset(byte.saturating_sub(self.base.0))
    }

    fn mark(&self, i: usize, entity: &Entity) -> Element {
        let (label, source) = (entity.label.as_str(), entity.source.as_str());
        let mut class = format!("ent ent-{label} src-{source}");
        if self.focused == Some(i) {
            class.push_str(" focused");
        }
        if self.selected.contains(&i) {
            class.push_str(" in-group");
        }
        Element::Mark {
            class,
            label,
            start: self.char_offset(entity.span.start),
            end: self.char_offset(entity.span.end),
            entity: i,
            source,
            title: format!("{} ({})", entity.label.description(), source),
        }
    }

    /// Plain text `start..end`, with an empty anchor at each sentence start inside it.
    fn text<O: Output>(&self, start: usize, end: usize, out: &mut O) {
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
                out.text(self.analysis.slice(Span::new(pos, sentence.span.start)));
                pos = sentence.span.start;
            }
            self.anchor(out);
        }
        out.text(self.analysis.slice(Span::new(pos, end)));
    }

    /// Anchors of the sentences that start at or before `pos` and are not drawn yet.
    fn anchors_through<O: Output>(&self, pos: usize, out: &mut O) {
        while self.analysis.sentences.get(self.next_sentence.get()).is_some_and(|s| s.span.start <= pos) {
            self.anchor(out);
        }
    }

    fn anchor<O: Output>(&self, out: &mut O) {
        let s = self.next_sentence.get();
        out.anchor(s);
        self.next_sentence.set(s + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_fit_the_budget_at_the_pace_measured() {
        let mut pace = Pace::default();
        assert_eq!(pace.finished(FIRST_CHUNKS, 100.0), FIRST_STEP, "nothing timed yet");
        // 2 chunks in 20 ms: 10 ms a chunk, so the budget holds 2 (25 ms / 10).
        pace.start(1, 100.0);
        assert_eq!(pace.finished(3, 120.0), 2);
        // Fast steps grow up to the cap, slow ones shrink to one chunk.
        pace.start(3, 200.0);
        assert_eq!(pace.finished(5, 201.0), MAX_STEP);
        pace.start(5, 300.0);
        assert_eq!(pace.finished(21, 1100.0), MIN_STEP);
        // A render that was not a step (an edit) keeps the pace.
        assert_eq!(pace.finished(21, 1500.0), MIN_STEP);
    }

    /// A chunk as markup: the text escaped (markup in it stays text, a carriage return survives the parser),
    /// a quote's highlight around a name's, each with its attributes, the sentences' anchors, a boilerplate
    /// line and a flash; offsets in code points from the chunk's base.
    #[test]
    fn a_chunk_as_markup() {
        let text = "Jan said \"Mary Smith is <b>here</b> & now\" today.\r\nImage copyright Getty Images";
        let analysis = crate::analyze(text, &crate::Options::default());
        let labels: Vec<&str> = analysis.entities.iter().map(|e| e.label.as_str()).collect();
        assert!(labels.contains(&"PER") && labels.contains(&"QUOTE"), "{labels:?}");
        let quote = analysis.entities.iter().position(|e| e.label.as_str() == "QUOTE").expect("a quote");
        let props = ChunkProps {
            analysis: SharedAnalysis(Rc::new(analysis.clone())),
            range: Span::new(0, text.len()),
            char_base: 100,
            highlighted: true,
            focused: Some(quote),
            selected: vec![quote],
            flash: text.find("today").map(|at| Span::new(at, at + 5)),
        };
        let mut markup = Markup::default();
        draw(&props, &mut markup);
        let markup = markup.0;
        // The text, markup taken out, is the article's, with its characters escaped.
        let mut plain = String::new();
        let mut inside = false;
        for c in markup.chars() {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                c if !inside => plain.push(c),
                _ => {}
            }
        }
        let unescaped = plain.replace("&#13;", "\r").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        assert_eq!(unescaped, text);
        assert!(!markup.contains("<b>") && markup.contains("&lt;b&gt;here&lt;/b&gt; &amp; <mark"), "{markup}");
        assert!(markup.contains(".&#13;\n"), "{markup}");
        let quote_start = 100 + text[..analysis.entities[quote].span.start].chars().count();
        let source = analysis.entities[quote].source.as_str();
        let quote_tag = format!(
            "<mark class=\"ent ent-QUOTE src-{source} focused in-group\" data-label=\"QUOTE\" data-start=\"{quote_start}\""
        );
        assert!(markup.contains(&quote_tag), "{markup}");
        let person = analysis
            .entities
            .iter()
            .position(|e| e.label.as_str() == "PER" && text[e.span.start..].starts_with("Mary"));
        let person = person.expect("Mary Smith");
        assert!(markup.contains(&format!("data-entity=\"{person}\" data-source=")), "{markup}");
        assert!(markup.contains(" title=\"Person ("), "{markup}");
        assert!(markup.contains("<span class=\"sentence-anchor\" data-sentence=\"0\"></span>Jan"), "{markup}");
        assert!(markup.contains("<span class=\"flash\" data-testid=\"speaker-flash\"><mark"), "{markup}");
        assert!(
            markup.contains("<span class=\"boilerplate\" title=\"Page furniture, not article text\">Image copyright"),
            "{markup}"
        );
        // Highlights nest: the name's closes before the quote's.
        let (name_at, quote_at) = (markup.find("Mary Smith</mark>"), markup.find("\"</mark>"));
        assert!(name_at.zip(quote_at).is_some_and(|(n, q)| n < q), "{markup}");
    }
}
