//! Article extraction: the readable text of an HTML page, as `annotate` and the page analyze it.
//!
//! `extract(html)` gives the title (the article's `h1`, else its first heading, else `<title>`) as the
//! first line, a blank line, then the article's paragraphs separated by blank lines; headings and list
//! items are paragraphs of their own. The HTML is tokenized inertly by `html5gum` (a WHATWG tokenizer):
//! nothing runs or loads, and `<script>`, `<style>`, `<noscript>`, `<template>`, `<iframe>`, `<svg>`,
//! form controls, comments and hidden elements (`hidden`, `aria-hidden="true"`, `display: none`,
//! `visibility: hidden`) never give text. Entities are decoded by the tokenizer.
//!
//! How the body is found (after Readability.js, whose weights these are):
//! 1. A small tree is built from the tokens, with the implied end tags that matter for text (`<p>`
//!    closed by a block, `<li>`, `<dt>`, `<dd>`, `<td>`, `<tr>`, `<option>` closed by a sibling).
//! 2. Elements that are clearly not the article are set aside: `nav`, `footer`, `aside`, navigation
//!    and dialog roles, and elements whose class or id says comment, share, sidebar, menu, related,
//!    ad, promo… unless it also says article, content, main, body.
//! 3. Every paragraph-like element (`p`, `pre`, `td`, sub-headings, and `div`s without block children)
//!    of 25 characters or more scores 1 + its commas + one per 100 characters (at most 3); the score
//!    goes to its parent in full, its grandparent half, and further ancestors less. Ancestors start
//!    from a score by tag and by class/id hints (±25; `itemprop=articleBody` counts as a good hint), and
//!    end multiplied by (1 − link density). The best one is the article; its siblings join when they
//!    score near it or are paragraphs with few links (a `div` without block children, or holding one
//!    lone `p`, counts as a paragraph, as Readability turns such `div`s into `p`s); so do elements
//!    elsewhere with exactly its tag, class and id (an article cut into several containers between
//!    ads), when they hold prose.
//! 4. Inside the article, blocks that read like furniture are dropped when clearly not the article
//!    (share and comment widgets, ads, forms, link farms, image galleries: Readability's
//!    "clean conditionally" rules), and kept but flagged when a reader may want them: figure
//!    captions, asides, bylines and credits, related-links lists, paragraphs mostly made of links, date
//!    lines ("Updated: Nov. 20, 2019 10:03 am"), and paragraphs that `boilerplate`'s line rules flag
//!    whole ("Read more: …"). Their spans are `furniture`.
//! 5. If that leaves little text, the same is tried again without step 2; and when the page's JSON-LD
//!    has an `articleBody` much longer than what was found, that body is used instead.
//!
//! The choice between keeping all furniture and leaving it out: keeping navigation, footers and
//! comment threads (even flagged) would put them in the text the page annotates and the summary
//! reads, and they are most of a modern page; so what lies outside the article is left out, and only
//! what sits inside it (captions, asides, related links, bylines) is kept and flagged. `body()` is the
//! text less the title and the furniture: what `eval-extract` scores.
//!
//! Spans are byte ranges into `Extracted::text`. Never panics; any string gives an `Extracted`.

use html5gum::{DefaultEmitter, Token, Tokenizer};
use serde_json::Value as Json;

use crate::span::Span;

mod metadata;

pub use metadata::Metadata;

/// The readable text of a page: title line, blank line, paragraphs separated by blank lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    /// The title line, when the page has a title.
    pub title: Option<Span>,
    /// Paragraphs inside the article that are not its prose: captions, asides, bylines, related links.
    /// Sorted, each one whole paragraph.
    pub furniture: Vec<Span>,
    /// What the page says about the article: title, publication date, authors, site, canonical URL.
    pub metadata: Metadata,
}

impl Extracted {
    /// The article's prose: every paragraph but the title and the furniture, separated by blank lines.
    pub fn body(&self) -> String {
        let mut body = String::new();
        for span in self.paragraphs() {
            if Some(span) == self.title || self.furniture.contains(&span) {
                continue;
            }
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(&self.text[span.start..span.end]);
        }
        body
    }

    /// Every paragraph of the text (the title line included), as spans.
    pub fn paragraphs(&self) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut start = 0;
        for (i, _) in self.text.match_indices("\n\n") {
            if i > start {
                spans.push(Span::new(start, i));
            }
            start = i + 2;
        }
        if start < self.text.len() {
            spans.push(Span::new(start, self.text.len()));
        }
        spans
    }
}

/// Whether `text` looks like an HTML document rather than plain text: it starts (after white space and
/// a byte-order mark) with a doctype, an `<html>` or `<head>` tag, or a comment followed by one of those.
pub fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    // Comments before the doctype (a generator's banner) are skipped.
    while rest.starts_with("<!--") {
        match rest.find("-->") {
            Some(end) => rest = rest[end + 3..].trim_start(),
            None => return false,
        }
    }
    let head: String = rest.chars().take(9).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype") || head.starts_with("<html") || head.starts_with("<head")
}

/// Whether an HTML fragment (what a browser puts on the clipboard beside the plain text when a person
/// copies part of a page) holds blocks of an article: paragraphs, headings, list items, quotations or
/// figures. A copy of a few words inside one paragraph does not, and is better pasted as plain text.
pub fn has_blocks(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    ["<p>", "<p ", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<article", "<li", "<blockquote", "<figure"]
        .iter()
        .any(|tag| lower.contains(tag))
}

/// Extracts the article of `html`. Never panics.
pub fn extract(html: &str) -> Extracted {
    let dom = Dom::parse(html);
    let mut best = Selection::run(&dom, true);
    if best.body_chars < 250 {
        let relaxed = Selection::run(&dom, false);
        if relaxed.body_chars > best.body_chars {
            best = relaxed;
        }
    }
    let title = choose_title(&dom, &best);
    let mut blocks = best.blocks;
    // The title is not repeated as the first paragraph.
    if let Some(title) = &title {
        let key = comparable(title);
        blocks.retain(|b| comparable(&b.text) != key);
    }
    if let Some(ld_body) = dom.json_ld_body.as_deref() {
        let ld_blocks = json_ld_blocks(ld_body);
        let ld_words: usize = ld_blocks.iter().map(|b| word_count(&b.text)).sum();
        let our_words: usize = blocks.iter().filter(|b| !b.furniture).map(|b| word_count(&b.text)).sum();
        // JSON-LD bodies are sometimes cut short or summaries: only a much longer one wins.
        if ld_words >= 50 && ld_words as f64 > 1.5 * our_words as f64 {
            blocks = ld_blocks;
        }
    }
    let mut out = assemble(title.as_deref(), &blocks);
    let byline: Vec<&str> = blocks.iter().filter(|b| b.furniture).map(|b| b.text.as_str()).collect();
    out.metadata = metadata::find(&dom, &best.roots, title.as_deref(), &byline);
    out
}

/// One paragraph of output.
#[derive(Clone, Debug)]
struct Block {
    text: String,
    furniture: bool,
}

fn assemble(title: Option<&str>, blocks: &[Block]) -> Extracted {
    let mut out = Extracted::default();
    if let Some(title) = title {
        out.text.push_str(title);
        out.title = Some(Span::new(0, title.len()));
    }
    for block in blocks {
        if !out.text.is_empty() {
            out.text.push_str("\n\n");
        }
        let start = out.text.len();
        out.text.push_str(&block.text);
        if block.furniture {
            out.furniture.push(Span::new(start, out.text.len()));
        }
    }
    out
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Lowercased words, for comparing a heading with a title.
fn comparable(text: &str) -> String {
    text.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------------
// The tree.

const ROOT: usize = 0;

#[derive(Debug, Default)]
struct Node {
    /// Lowercase tag name; empty for text nodes, `#document` for the root.
    name: String,
    /// Text of a text node, as written (white space not yet collapsed).
    text: String,
    parent: usize,
    children: Vec<usize>,
    /// Lowercase `class` and `id`, space-separated.
    hints: String,
    /// `itemprop="articleBody"` or `itemprop="text"`.
    body_prop: bool,
    /// Never gives text: a script, style, control, foreign element, hidden element, or inside one.
    inert: bool,
    /// A `role` that says navigation or a dialog.
    nav_role: bool,
}

impl Node {
    fn is_text(&self) -> bool {
        self.name.is_empty()
    }
}

struct Dom {
    nodes: Vec<Node>,
    /// The `<title>` text.
    doc_title: String,
    /// The longest `articleBody` string of the page's JSON-LD.
    json_ld_body: Option<String>,
    /// The page's JSON-LD scripts, as written.
    json_ld: Vec<String>,
    /// `<meta>` tags: the lowercased `property`, `name` or `itemprop`, and the `content` as written.
    metas: Vec<(String, String)>,
    /// `<link rel="canonical">`'s `href`.
    canonical: Option<String>,
    /// `<time datetime>` elements (node, `datetime` as written), and elements that name an author
    /// (`itemprop="author"`, `rel="author"`), in document order.
    times: Vec<(usize, String)>,
    authors: Vec<usize>,
    /// Elements other than `<meta>` marked `itemprop="datePublished"`, with their `datetime` or
    /// `content` attribute.
    dated: Vec<(usize, Option<String>)>,
    /// Per node: characters of text (white space excluded), characters inside links, commas.
    text_len: Vec<usize>,
    link_len: Vec<usize>,
    commas: Vec<usize>,
    /// Per node: counts of `p`, `li`, `img`, `input`, embedded objects, and whether a block element is
    /// among its descendants.
    p_count: Vec<usize>,
    li_count: Vec<usize>,
    img_count: Vec<usize>,
    input_count: Vec<usize>,
    embed_count: Vec<usize>,
    has_block: Vec<bool>,
    /// Per node: inside a `pre`, inside a link.
    in_pre: Vec<bool>,
    in_link: Vec<bool>,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track",
    "wbr",
];

/// Elements whose content is never text.
const INERT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "select",
    "textarea", "button", "head", "noembed", "noframes", "xmp", "audio", "video", "map", "dialog",
];

/// Elements whose content the tokenizer reads as raw text (html5gum's `naive_next_state`).
const RAW_TEXT: &[&str] =
    &["script", "style", "title", "textarea", "plaintext", "iframe", "xmp", "noembed", "noframes", "noscript"];

/// Block elements: their start and end break the text; their start closes an open `<p>`.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "legend",
    "ul",
    "html",
    "option",
];

fn is_block(name: &str) -> bool {
    BLOCK.contains(&name)
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

impl Dom {
    fn parse(html: &str) -> Dom {
        let mut emitter = DefaultEmitter::default();
        // Script, style, title, textarea… contents are read as raw text, as a browser would.
        emitter.naively_switch_states(true);
        let tokenizer = Tokenizer::new_with_emitter(html, emitter);
        let mut nodes = vec![Node { name: "#document".to_owned(), ..Node::default() }];
        let mut stack: Vec<usize> = vec![ROOT];
        let mut doc_title = String::new();
        let mut in_title = false;
        let mut json_ld: Vec<String> = Vec::new();
        let mut json_ld_open = false;
        let mut metas = Vec::new();
        let mut canonical = None;
        let mut times = Vec::new();
        let mut dated = Vec::new();
        let mut authors = Vec::new();
        for token in tokenizer {
            let Ok(token) = token;
            match token {
                Token::StartTag(tag) => {
                    let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                    close_implied(&nodes, &mut stack, &name);
                    let parent = *stack.last().unwrap_or(&ROOT);
                    let attr = |key: &[u8]| {
                        tag.attributes.get(key).map(|v| String::from_utf8_lossy(&v.value).to_ascii_lowercase())
                    };
                    let style = attr(b"style").unwrap_or_default().replace([' ', '\t', '\n'], "");
                    let hidden = tag.attributes.contains_key(b"hidden".as_slice())
                        || attr(b"aria-hidden").is_some_and(|v| v.trim() == "true")
                        || style.contains("display:none")
                        || style.contains("visibility:hidden");
                    let role = attr(b"role").unwrap_or_default();
                    let itemprop = attr(b"itemprop").unwrap_or_default();
                    let hints = format!("{} {}", attr(b"class").unwrap_or_default(), attr(b"id").unwrap_or_default());
                    let inert = nodes[parent].inert || hidden || INERT.contains(&name.as_str());
                    in_title = name == "title" && doc_title.is_empty() && !nodes[parent].inert_foreign();
                    json_ld_open = name == "script" && attr(b"type").is_some_and(|t| t.trim() == "application/ld+json");
                    if json_ld_open {
                        json_ld.push(String::new());
                    }
                    let raw =
                        |key: &[u8]| tag.attributes.get(key).map(|v| String::from_utf8_lossy(&v.value).into_owned());
                    let rel = attr(b"rel").unwrap_or_default();
                    match name.as_str() {
                        "meta" => {
                            let key = attr(b"property").or_else(|| attr(b"name")).or_else(|| attr(b"itemprop"));
                            if let (Some(key), Some(content)) = (key, raw(b"content")) {
                                metas.push((key.trim().to_owned(), content));
                            }
                        }
                        "link" if rel.split_whitespace().any(|r| r == "canonical") && canonical.is_none() => {
                            canonical = raw(b"href");
                        }
                        "time" => {
                            if let Some(datetime) = raw(b"datetime") {
                                times.push((nodes.len(), datetime));
                            }
                        }
                        _ => {}
                    }
                    if name != "meta" && itemprop.split_whitespace().any(|p| p == "datepublished") {
                        dated.push((nodes.len(), raw(b"datetime").or_else(|| raw(b"content"))));
                    }
                    if itemprop.split_whitespace().any(|p| p == "author" || p == "creator")
                        || (name == "a" && rel.split_whitespace().any(|r| r == "author"))
                    {
                        authors.push(nodes.len());
                    }
                    let node = Node {
                        name: name.clone(),
                        parent,
                        hints,
                        body_prop: itemprop.split_whitespace().any(|p| p == "articlebody"),
                        inert,
                        nav_role: matches!(
                            role.trim(),
                            "navigation" | "menu" | "menubar" | "complementary" | "alert" | "alertdialog" | "dialog"
                        ),
                        ..Node::default()
                    };
                    let id = nodes.len();
                    nodes.push(node);
                    nodes[parent].children.push(id);
                    // `<x/>` closes itself only in SVG and MathML (inert here); `<script/>` still opens raw text.
                    let closed = VOID.contains(&name.as_str())
                        || (tag.self_closing && nodes[id].inert && !RAW_TEXT.contains(&name.as_str()));
                    if !closed {
                        stack.push(id);
                    }
                }
                Token::EndTag(tag) => {
                    let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                    in_title = false;
                    json_ld_open = false;
                    if name == "br" {
                        // `</br>` is read as `<br>`, as browsers do.
                        let parent = *stack.last().unwrap_or(&ROOT);
                        let id = nodes.len();
                        nodes.push(Node { name, parent, inert: nodes[parent].inert, ..Node::default() });
                        nodes[parent].children.push(id);
                        continue;
                    }
                    let lowest = stack.len().saturating_sub(SEARCH_DEPTH).max(1);
                    if let Some(depth) = (lowest..stack.len()).rev().find(|&d| nodes[stack[d]].name == name) {
                        stack.truncate(depth);
                    }
                }
                Token::String(text) => {
                    let text = String::from_utf8_lossy(&text.value);
                    if in_title {
                        doc_title.push_str(&text);
                    }
                    if json_ld_open {
                        if let Some(script) = json_ld.last_mut() {
                            script.push_str(&text);
                        }
                    }
                    let parent = *stack.last().unwrap_or(&ROOT);
                    if nodes[parent].inert {
                        continue;
                    }
                    // Adjacent strings join one text node.
                    if let Some(&last) = nodes[parent].children.last() {
                        if nodes[last].is_text() && nodes[last].name.is_empty() && !nodes[last].text.is_empty() {
                            nodes[last].text.push_str(&text);
                            continue;
                        }
                    }
                    let id = nodes.len();
                    nodes.push(Node { text: text.into_owned(), parent, ..Node::default() });
                    nodes[parent].children.push(id);
                }
                Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
            }
        }
        let json_ld_body = json_ld.iter().filter_map(|raw| longest_article_body(raw)).max_by_key(|b| b.len());
        let mut dom = Dom {
            nodes,
            doc_title: collapse(&doc_title),
            json_ld_body,
            json_ld,
            metas,
            canonical,
            times,
            dated,
            authors,
            text_len: Vec::new(),
            link_len: Vec::new(),
            commas: Vec::new(),
            p_count: Vec::new(),
            li_count: Vec::new(),
            img_count: Vec::new(),
            input_count: Vec::new(),
            embed_count: Vec::new(),
            has_block: Vec::new(),
            in_pre: Vec::new(),
            in_link: Vec::new(),
        };
        dom.count();
        dom
    }

    /// Fills the per-node counts. Children are always after their parent, so one pass backwards sees
    /// every child before its parent.
    fn count(&mut self) {
        let n = self.nodes.len();
        self.text_len = vec![0; n];
        self.link_len = vec![0; n];
        self.commas = vec![0; n];
        self.p_count = vec![0; n];
        self.li_count = vec![0; n];
        self.img_count = vec![0; n];
        self.input_count = vec![0; n];
        self.embed_count = vec![0; n];
        self.has_block = vec![false; n];
        self.in_pre = vec![false; n];
        self.in_link = vec![false; n];
        // Parents come before their children: one pass forwards inherits.
        for id in 1..n {
            let parent = self.nodes[id].parent;
            self.in_pre[id] = self.in_pre[parent] || self.nodes[parent].name == "pre";
            self.in_link[id] = self.in_link[parent] || self.nodes[parent].name == "a";
        }
        for id in (0..n).rev() {
            let node = &self.nodes[id];
            if node.is_text() && id != ROOT {
                self.text_len[id] = node.text.chars().filter(|c| !c.is_whitespace()).count();
                self.commas[id] = node.text.matches([',', '，', '、']).count();
            }
            let name = node.name.as_str();
            let is_link = name == "a";
            let own = |v: bool| usize::from(v);
            let (p, li, img, input, embed) = (
                own(name == "p"),
                own(name == "li"),
                own(name == "img"),
                own(name == "input"),
                own(matches!(name, "iframe" | "embed" | "object" | "video")),
            );
            self.p_count[id] += p;
            self.li_count[id] += li;
            self.img_count[id] += img;
            self.input_count[id] += input;
            self.embed_count[id] += embed;
            if is_link {
                self.link_len[id] = self.text_len[id];
            }
            if id == ROOT {
                continue;
            }
            let parent = node.parent;
            let block = is_block(name);
            let (t, l, c) = (self.text_len[id], self.link_len[id], self.commas[id]);
            let (p, li, img, input, embed) =
                (self.p_count[id], self.li_count[id], self.img_count[id], self.input_count[id], self.embed_count[id]);
            let child_block = self.has_block[id] || block;
            self.text_len[parent] += t;
            self.link_len[parent] += l;
            self.commas[parent] += c;
            self.p_count[parent] += p;
            self.li_count[parent] += li;
            self.img_count[parent] += img;
            self.input_count[parent] += input;
            self.embed_count[parent] += embed;
            self.has_block[parent] |= child_block;
        }
    }

    fn link_density(&self, id: usize) -> f64 {
        if self.text_len[id] == 0 {
            0.0
        } else {
            self.link_len[id] as f64 / self.text_len[id] as f64
        }
    }

    /// Ancestors of `id`, nearest first, the root excluded.
    fn ancestors(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        let mut current = id;
        std::iter::from_fn(move || {
            if current == ROOT {
                return None;
            }
            current = self.nodes[current].parent;
            (current != ROOT).then_some(current)
        })
    }
}

impl Node {
    /// Inside `svg` or `math` (whose `<title>` is not the page's).
    fn inert_foreign(&self) -> bool {
        matches!(self.name.as_str(), "svg" | "math") || (self.inert && self.name != "head" && self.name != "html")
    }
}

/// Closes the elements a start tag `name` implicitly ends, as an HTML parser would.
/// How far down the open elements an end tag or an implied end looks for its element. Real pages
/// close what they opened within a few levels; the bound keeps adversarial nesting (thousands of open
/// elements and as many stray end tags) linear.
const SEARCH_DEPTH: usize = 256;

fn close_implied(nodes: &[Node], stack: &mut Vec<usize>, name: &str) {
    let pop_to = |stack: &mut Vec<usize>, targets: &[&str], boundaries: &[&str]| {
        for depth in (1..stack.len()).rev().take(SEARCH_DEPTH) {
            let open = nodes[stack[depth]].name.as_str();
            if targets.contains(&open) {
                stack.truncate(depth);
                return;
            }
            if boundaries.contains(&open) {
                return;
            }
        }
    };
    const SCOPE: &[&str] = &["table", "td", "th", "html", "button", "object", "template", "caption"];
    match name {
        "li" => pop_to(stack, &["li"], &["ul", "ol", "menu", "table", "html"]),
        "dt" | "dd" => pop_to(stack, &["dt", "dd"], &["dl", "table", "html"]),
        "td" | "th" => pop_to(stack, &["td", "th"], &["tr", "table", "html"]),
        "tr" => pop_to(stack, &["tr", "td", "th"], &["table", "html"]),
        "option" => pop_to(stack, &["option"], &["select", "html"]),
        "a" => pop_to(stack, &["a"], SCOPE),
        _ => {}
    }
    if is_block(name) && !matches!(name, "html" | "body" | "option" | "td" | "th" | "tr" | "tbody") {
        pop_to(stack, &["p"], SCOPE);
    }
}

// ---------------------------------------------------------------------------------------------------
// Choosing the article.

/// Class/id words that mark a block as page furniture (Readability's "unlikely candidates", plus the
/// words news sites use for ads and promotions).
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "share",
    "newsletter",
    "promo",
    "cookie",
    "subscribe",
    "outbrain",
    "taboola",
    "recommend",
];
/// Words that keep a block that also matches `UNLIKELY`.
const MAYBE: &[&str] = &["and", "article", "body", "column", "content", "main", "shadow"];
const POSITIVE: &[&str] =
    &["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog", "story"];
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "taboola",
    "newsletter",
    "subscribe",
];
/// Hints of blocks inside the article kept as furniture rather than prose.
const FURNITURE: &[&str] =
    &["caption", "credit", "byline", "author", "dateline", "related", "read-more", "readmore", "more-on"];
/// Hints of blocks inside the article dropped outright.
const DROP: &[&str] = &[
    "share",
    "social",
    "comment",
    "newsletter",
    "subscribe",
    "advert",
    "promo",
    "sponsor",
    "cookie",
    "popup",
    "toolbar",
    "breadcrumb",
    "print",
    "outbrain",
    "taboola",
    "signup",
];

fn hint_has(hints: &str, words: &[&str]) -> bool {
    words.iter().any(|w| hints.contains(w))
}

/// Class/id weight: +25 for an article-like hint, −25 for a furniture-like one (each at most once).
fn class_weight(node: &Node) -> f64 {
    let mut weight = 0.0;
    if node.body_prop {
        weight += 25.0;
    }
    if node.hints.trim().is_empty() {
        return weight;
    }
    if hint_has(&node.hints, NEGATIVE) {
        weight -= 25.0;
    }
    if hint_has(&node.hints, POSITIVE) {
        weight += 25.0;
    }
    weight
}

/// Whole-word test for short hints like "ad" that are substrings of many words.
fn has_ad_word(hints: &str) -> bool {
    hints.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| matches!(w, "ad" | "ads" | "advert" | "advertisement"))
}

struct Selection {
    blocks: Vec<Block>,
    body_chars: usize,
    /// The chosen elements, in document order.
    roots: Vec<usize>,
}

impl Selection {
    fn run(dom: &Dom, strip_unlikely: bool) -> Selection {
        let n = dom.nodes.len();
        // Set aside: elements that are never the article (step 2), inherited down the tree.
        let mut aside = vec![false; n];
        for id in 1..n {
            let node = &dom.nodes[id];
            let parent = node.parent;
            aside[id] = aside[parent] || node.inert || {
                let name = node.name.as_str();
                let by_tag = matches!(name, "nav" | "footer" | "aside" | "form") && dom.text_len[id] < 2000;
                let by_hint = strip_unlikely
                    && !matches!(name, "body" | "html" | "article" | "main" | "a" | "")
                    && !node.body_prop
                    && (hint_has(&node.hints, UNLIKELY) || has_ad_word(&node.hints))
                    && !hint_has(&node.hints, MAYBE);
                strip_unlikely && (by_tag || by_hint || node.nav_role)
            };
        }
        // Scores (step 3).
        let mut score = vec![0.0f64; n];
        let mut scored = vec![false; n];
        for id in 1..n {
            let node = &dom.nodes[id];
            if aside[id] || node.is_text() {
                continue;
            }
            let name = node.name.as_str();
            let paragraph_like = matches!(name, "p" | "pre" | "td" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote")
                || (matches!(name, "div" | "section") && !dom.has_block[id]);
            if !paragraph_like {
                continue;
            }
            let chars = dom.text_len[id];
            if chars < 25 {
                continue;
            }
            let content = 1.0 + dom.commas[id] as f64 + (chars as f64 / 100.0).min(3.0);
            for (level, ancestor) in dom.ancestors(id).take(5).enumerate() {
                if aside[ancestor] {
                    break;
                }
                if !scored[ancestor] {
                    scored[ancestor] = true;
                    score[ancestor] = initial_score(&dom.nodes[ancestor]);
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    _ => level as f64 * 3.0,
                };
                score[ancestor] += content / divider;
            }
        }
        let mut top = None;
        let mut top_score = f64::MIN;
        for id in 1..n {
            if scored[id] {
                score[id] *= 1.0 - dom.link_density(id);
                if score[id] > top_score {
                    top_score = score[id];
                    top = Some(id);
                }
            }
        }
        let Some(top) = top else {
            return Selection { blocks: Vec::new(), body_chars: 0, roots: Vec::new() };
        };
        // Siblings that join (Readability's rule).
        let parent = dom.nodes[top].parent;
        let threshold = (top_score * 0.2).max(10.0);
        let mut roots = Vec::new();
        for &sibling in &dom.nodes[parent].children {
            if sibling == top {
                roots.push(sibling);
                continue;
            }
            if aside[sibling] {
                continue;
            }
            let node = &dom.nodes[sibling];
            let mut bonus = 0.0;
            if !node.hints.trim().is_empty() && node.hints == dom.nodes[top].hints {
                bonus = top_score * 0.2;
            }
            // Readability reads a `div` without block children, or one holding a lone `p`, as a `p`.
            let paragraph = node.name == "p"
                || (matches!(node.name.as_str(), "div" | "section") && !dom.has_block[sibling])
                || lone_paragraph(dom, sibling);
            let joins = (scored[sibling] && score[sibling] + bonus >= threshold)
                || (paragraph && {
                    let chars = dom.text_len[sibling];
                    let density = dom.link_density(sibling);
                    (chars > 80 && density < 0.25) || (chars > 0 && density == 0.0 && ends_sentence(dom, sibling))
                });
            if joins {
                roots.push(sibling);
            }
        }
        // Pages that cut the article into several containers (between ads or pictures) give each the
        // same class: other elements with exactly the top candidate's class and id join too, when they
        // hold prose (little linked text) and are neither inside nor around what was chosen.
        let top_hints = dom.nodes[top].hints.trim();
        if !top_hints.is_empty() {
            // In one pass forwards: `covered`, inside a chosen element; `around`, an ancestor of one.
            let mut covered = vec![false; n];
            let mut around = vec![false; n];
            let mark_around = |around: &mut Vec<bool>, root: usize| {
                for a in dom.ancestors(root) {
                    if around[a] {
                        break;
                    }
                    around[a] = true;
                }
            };
            for &root in &roots {
                covered[root] = true;
                mark_around(&mut around, root);
            }
            for id in 1..n {
                let node = &dom.nodes[id];
                covered[id] = covered[id] || covered[node.parent];
                if covered[id]
                    || around[id]
                    || aside[id]
                    || node.hints.trim() != top_hints
                    || node.name != dom.nodes[top].name
                    || dom.text_len[id] < 50
                    || dom.link_density(id) > 0.3
                {
                    continue;
                }
                roots.push(id);
                covered[id] = true;
                mark_around(&mut around, id);
            }
            roots.sort_unstable();
        }
        let mut writer = Writer {
            dom,
            aside: &aside,
            strip_unlikely,
            blocks: Vec::new(),
            line: String::new(),
            line_furniture: false,
            line_chars: 0,
            line_link_chars: 0,
        };
        for &root in &roots {
            writer.walk(root, false);
        }
        writer.flush();
        let body_chars = writer.blocks.iter().filter(|b| !b.furniture).map(|b| b.text.len()).sum();
        Selection { blocks: writer.blocks, body_chars, roots }
    }
}

/// A `div` whose only content is one `p` (white space aside).
fn lone_paragraph(dom: &Dom, id: usize) -> bool {
    let node = &dom.nodes[id];
    if node.name != "div" {
        return false;
    }
    let mut elements = node.children.iter().filter(|&&c| {
        let child = &dom.nodes[c];
        !child.is_text() || !child.text.trim().is_empty()
    });
    matches!((elements.next(), elements.next()), (Some(&only), None) if dom.nodes[only].name == "p")
}

fn initial_score(node: &Node) -> f64 {
    let by_tag = match node.name.as_str() {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    by_tag + class_weight(node)
}

/// Whether the text of `id` ends like a sentence (a short paragraph without links still joins).
fn ends_sentence(dom: &Dom, id: usize) -> bool {
    let mut text = String::new();
    collect_text(dom, id, &mut text, usize::MAX);
    let text = text.trim_end();
    text.ends_with('.') || text.ends_with(". ") || text.ends_with('!') || text.ends_with('?')
}

/// Headings longer than this are cut (a heading wrapping a page must not cost a copy of it per heading).
const HEADING_BYTES: usize = 2000;

/// Appends the text under `id` to `out`, up to about `limit` bytes.
fn collect_text(dom: &Dom, id: usize, out: &mut String, limit: usize) {
    let mut pending = vec![id];
    while let Some(current) = pending.pop() {
        if out.len() >= limit {
            break;
        }
        let node = &dom.nodes[current];
        if node.inert {
            continue;
        }
        if node.is_text() {
            out.push_str(&node.text);
        }
        pending.extend(node.children.iter().rev());
    }
}

/// Turns the chosen elements into paragraphs (step 4).
struct Writer<'a> {
    dom: &'a Dom,
    aside: &'a [bool],
    strip_unlikely: bool,
    blocks: Vec<Block>,
    /// The paragraph being written; `\n` marks a line break.
    line: String,
    /// Whether `line` is furniture.
    line_furniture: bool,
    /// Characters of `line` (white space excluded), and how many of them are link text.
    line_chars: usize,
    line_link_chars: usize,
}

impl Writer<'_> {
    /// Writes the subtree of `root`. `furniture` tells whether an enclosing element was furniture.
    /// An explicit stack: deep trees cannot overflow the call stack.
    fn walk(&mut self, root: usize, furniture: bool) {
        enum Step {
            Enter(usize, bool),
            Leave,
        }
        let mut pending = vec![Step::Enter(root, furniture)];
        while let Some(step) = pending.pop() {
            let (id, furniture) = match step {
                Step::Leave => {
                    self.flush();
                    continue;
                }
                Step::Enter(id, furniture) => (id, furniture),
            };
            let dom = self.dom;
            let node = &dom.nodes[id];
            if node.inert {
                continue;
            }
            // Set-aside blocks inside the article are left out, but for asides, figures and related
            // links, which are kept as furniture (with what they contain).
            if self.strip_unlikely && self.aside[id] && id != root && !furniture {
                let kept = matches!(node.name.as_str(), "aside" | "figure")
                    || hint_has(&node.hints, FURNITURE)
                    || node.hints.contains("related");
                if !kept || hint_has(&node.hints, DROP) {
                    continue;
                }
            }
            if node.is_text() {
                let (in_pre, in_link) = (dom.in_pre[id], dom.in_link[id]);
                self.push_text(&node.text, in_pre, furniture, in_link);
                continue;
            }
            let name = node.name.as_str();
            if name == "br" {
                self.line.push('\n');
                continue;
            }
            if name == "hr" {
                self.flush();
                continue;
            }
            let Some(inner) = self.judge(id, furniture, root) else {
                continue;
            };
            // A furniture element is a paragraph of its own even when inline (a caption `<span>`).
            let block = is_block(name) || inner != furniture;
            let furniture = inner;
            if block {
                self.flush();
                pending.push(Step::Leave);
            }
            for &child in node.children.iter().rev() {
                pending.push(Step::Enter(child, furniture));
            }
        }
    }

    /// `None` when the element is dropped, else whether it (or an enclosing element) is furniture.
    fn judge(&self, id: usize, furniture: bool, root: usize) -> Option<bool> {
        let dom = self.dom;
        let node = &dom.nodes[id];
        let name = node.name.as_str();
        if id == root {
            return Some(furniture);
        }
        let hints = node.hints.as_str();
        if matches!(name, "figcaption" | "aside" | "figure" | "caption") {
            return Some(true);
        }
        if !node.body_prop && (hint_has(hints, DROP) || has_ad_word(hints)) && !hint_has(hints, MAYBE) {
            return None;
        }
        if matches!(name, "nav" | "form" | "footer") || node.nav_role {
            return None;
        }
        if !node.body_prop && hint_has(hints, FURNITURE) {
            return Some(true);
        }
        // Lists of links (related articles, tags) are furniture.
        if matches!(name, "ul" | "ol") && dom.link_density(id) > 0.5 {
            return Some(true);
        }
        if matches!(name, "div" | "section" | "table" | "ul" | "ol" | "header" | "fieldset") && self.clean_out(id) {
            return None;
        }
        Some(furniture)
    }

    /// Readability's "clean conditionally": blocks with too many links, images, inputs or list items for
    /// their paragraphs, or too little text, are not the article.
    fn clean_out(&self, id: usize) -> bool {
        let dom = self.dom;
        let node = &dom.nodes[id];
        let weight = class_weight(node);
        let name = node.name.as_str();
        let is_list = matches!(name, "ul" | "ol");
        if weight < 0.0 {
            return true;
        }
        if dom.commas[id] >= 10 {
            return false;
        }
        let p = dom.p_count[id] as f64;
        let img = dom.img_count[id] as f64;
        let li = dom.li_count[id] as f64 - 100.0;
        let input = dom.input_count[id] as f64;
        let embeds = dom.embed_count[id];
        let chars = dom.text_len[id];
        let density = dom.link_density(id);
        (img > 1.0 && p / img < 0.5 && !is_list)
            || (!is_list && li > p)
            || (input > (p / 3.0).floor())
            || (!is_list && chars < 25 && (img == 0.0 || img > 2.0) && name != "header" && !dom.has_block[id])
            || (weight < 25.0 && density > 0.2 && !is_list)
            || (weight >= 25.0 && density > 0.5)
            || ((embeds == 1 && chars < 75) || embeds > 1)
    }

    /// Appends text of an element that is (or is not) furniture; a paragraph is all one or the other.
    fn push_text(&mut self, text: &str, pre: bool, furniture: bool, in_link: bool) {
        if furniture != self.line_furniture {
            if !self.line.trim().is_empty() {
                self.flush();
            }
            self.line.clear();
            self.line_furniture = furniture;
        }
        for c in text.chars() {
            if pre && c == '\n' {
                self.line.push('\n');
            } else if c.is_whitespace() || c == '\u{200b}' {
                if !self.line.ends_with([' ', '\n']) && !self.line.is_empty() {
                    self.line.push(' ');
                }
            } else {
                self.line.push(c);
                self.line_chars += 1;
                self.line_link_chars += usize::from(in_link);
            }
        }
    }

    /// Ends the paragraph being written: lines are trimmed, and an empty line splits it in two.
    fn flush(&mut self) {
        // A paragraph mostly made of links (a "Related:" line, a promoted headline) is furniture.
        let linked = self.line_link_chars * 10 > self.line_chars * 6;
        let furniture = self.line_furniture || linked;
        self.line_chars = 0;
        self.line_link_chars = 0;
        let line = std::mem::take(&mut self.line);
        let mut paragraph = String::new();
        for piece in line.split('\n').map(str::trim).chain(std::iter::once("")) {
            if piece.is_empty() {
                if !paragraph.is_empty() {
                    let text = std::mem::take(&mut paragraph);
                    let furniture = furniture || is_furniture_paragraph(&text);
                    self.blocks.push(Block { text, furniture });
                }
                continue;
            }
            if !paragraph.is_empty() {
                paragraph.push('\n');
            }
            paragraph.push_str(piece);
        }
    }
}

/// A byline ("By Jane Doe") or a paragraph that the core's boilerplate rules flag whole ("Read more: …",
/// "Share this", a photo credit).
fn is_furniture_paragraph(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let byline = words.len() <= 8
        && words.len() >= 2
        && words[0].eq_ignore_ascii_case("by")
        && words[1].chars().next().is_some_and(char::is_uppercase);
    // A paragraph that is only a date ("November 20, 2019", "Updated: Nov. 20, 2019 10:03 am").
    let date_line = words.len() <= 8 && metadata::is_date_line(text);
    byline
        || date_line
        || crate::boilerplate::find(text, &[]).iter().any(|s| s.start == 0 && s.end >= text.trim_end().len())
}

/// White space runs become one space; ends trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------------
// The title.

fn choose_title(dom: &Dom, selection: &Selection) -> Option<String> {
    // Inside a chosen element, in one pass forwards.
    let mut inside = vec![false; dom.nodes.len()];
    for &root in &selection.roots {
        inside[root] = true;
    }
    for id in 1..dom.nodes.len() {
        inside[id] = inside[id] || inside[dom.nodes[id].parent];
    }
    let inside = |id: usize| inside[id];
    let first_root = selection.roots.first().copied().unwrap_or(usize::MAX);
    let mut h1_before = None;
    let mut h1_inside = None;
    let mut first_h1 = None;
    let mut heading_inside = None;
    for (id, node) in dom.nodes.iter().enumerate() {
        if node.inert || !(node.name == "h1" || is_heading(&node.name)) {
            continue;
        }
        let mut text = String::new();
        collect_text(dom, id, &mut text, HEADING_BYTES);
        let text = collapse(&text);
        if text.is_empty() {
            continue;
        }
        if node.name == "h1" {
            first_h1.get_or_insert_with(|| text.clone());
            if inside(id) {
                h1_inside.get_or_insert_with(|| text.clone());
            } else if id < first_root {
                h1_before = Some(text.clone());
            }
        } else if inside(id) {
            heading_inside.get_or_insert(text);
        }
    }
    h1_inside
        .or(h1_before)
        .or(first_h1)
        .or_else(|| (!dom.doc_title.is_empty()).then(|| site_name_removed(&dom.doc_title)))
        .or(heading_inside)
}

/// "Headline | Site" → "Headline", when the longest part has at least three words.
fn site_name_removed(title: &str) -> String {
    for separator in [" | ", " – ", " — ", " - ", " :: ", " » "] {
        if title.contains(separator) {
            let longest = title.split(separator).max_by_key(|part| part.len()).unwrap_or(title).trim();
            if word_count(longest) >= 3 {
                return longest.to_owned();
            }
        }
    }
    title.to_owned()
}

// ---------------------------------------------------------------------------------------------------
// JSON-LD.

/// The longest `articleBody` string anywhere in one JSON-LD script.
fn longest_article_body(raw: &str) -> Option<String> {
    let value: Json = serde_json::from_str(raw.trim()).ok()?;
    let mut best: Option<String> = None;
    let mut pending = vec![&value];
    while let Some(value) = pending.pop() {
        match value {
            Json::Object(map) => {
                for (key, inner) in map {
                    if key == "articleBody" {
                        if let Json::String(body) = inner {
                            if best.as_ref().is_none_or(|b| b.len() < body.len()) {
                                best = Some(body.clone());
                            }
                        }
                    }
                    pending.push(inner);
                }
            }
            Json::Array(items) => pending.extend(items),
            _ => {}
        }
    }
    best
}

/// Paragraphs of a JSON-LD body: markup, when it has some, is read like a page; else lines.
fn json_ld_blocks(body: &str) -> Vec<Block> {
    if body.contains("</p>") || body.contains("<br") {
        let dom = Dom::parse(body);
        let aside = vec![false; dom.nodes.len()];
        let mut writer = Writer {
            dom: &dom,
            aside: &aside,
            strip_unlikely: false,
            blocks: Vec::new(),
            line: String::new(),
            line_furniture: false,
            line_chars: 0,
            line_link_chars: 0,
        };
        writer.walk(ROOT, false);
        writer.flush();
        return writer.blocks;
    }
    body.split('\n')
        .map(collapse)
        .filter(|line| !line.is_empty())
        .map(|text| Block { text, furniture: false })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipboard_fragments_with_blocks_are_articles() {
        assert!(has_blocks("<meta charset='utf-8'><h1>Title</h1><p>Body.</p>"));
        assert!(has_blocks("<P class=x>Body.</P>"));
        assert!(!has_blocks("<meta charset='utf-8'><span>a few words</span>"));
        assert!(!has_blocks("<pre>code</pre>"));
    }

    #[test]
    fn paragraphs_and_title() {
        let got = extract(
            "<!doctype html><title>T | Site</title><body><h1>Head &amp; line</h1>\
             <p>First paragraph, with enough words to count as prose here.<p>Second one, also long enough to count.</body>",
        );
        assert_eq!(got.text.split("\n\n").next(), Some("Head & line"));
        assert!(got.body().contains("First paragraph"));
    }

    #[test]
    fn looks_like_html_cases() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><p>"));
        assert!(looks_like_html("<!-- x --><html>"));
        assert!(!looks_like_html("Plain <b>text</b>"));
    }
}
