//! What a page says about its article, beside the text: title, publication date, authors, site name and
//! canonical URL.
//!
//! Sources, strongest first, field by field:
//! - JSON-LD (`<script type="application/ld+json">`): the first object whose `@type` is an article
//!   (`NewsArticle`, `Article`, `BlogPosting`, `ReportageNews`, `LiveBlogPosting`, any type ending in
//!   `Article`), found anywhere in the script (top level, arrays, `@graph`): `headline`, `datePublished`
//!   (else `dateCreated`), `author` (a string, an object with a `name`, a `{"@id"}` reference to such
//!   an object elsewhere in the page's JSON-LD, or an array of these), `publisher.name`, `url` /
//!   `mainEntityOfPage`;
//! - `<meta>` tags: Open Graph (`og:title`, `og:site_name`, `og:url`, `article:published_time`,
//!   `article:author`), `<meta name="author">`, Dublin Core and the common publishers' date tags
//!   (`pubdate`, `publishdate`, `date`, `dc.date`, `sailthru.date`, `parsely-pub-date`, …), microdata
//!   `itemprop="datePublished"`; `twitter:title`;
//! - the document: `<link rel="canonical">`, `<time datetime>` inside the article or a `<header>` (not
//!   in related links or comments), elements marked `itemprop="author"` or `rel="author"`, a byline
//!   paragraph ("By Jane Doe and John Roe") among the extraction's furniture, the first element whose
//!   class or id says byline or author and whose text is names (not in an aside, sidebar or comment
//!   form), and `<title>` (less the site name) or the extracted title line.
//!
//! Dates become ISO 8601: `2021-03-05`, or `2021-03-05T14:30`, `2021-03-05T14:30:00Z`,
//! `2021-03-05T14:30:00+01:00` when a time is given (seconds and zone only when written). Authors are
//! names: URLs, e-mail addresses and handles are left out, "By " is removed, and the same name (case
//! aside) is kept once. Only `http(s)` canonical URLs are kept; a relative one is resolved against
//! `og:url`'s origin when there is one.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::{collapse, collect_text, Dom, HEADING_BYTES};

/// The article's metadata. Every field is optional; `authors` may be empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// ISO 8601: a date, or a date and time (`2021-03-05T14:30:00+01:00`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub site_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
}

impl Metadata {
    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        *self == Metadata::default()
    }

    /// The publication date, the form `Options::anchor_date` takes.
    pub fn published_date(&self) -> Option<crate::numbers::Ymd> {
        let iso = self.published.as_deref()?;
        iso.get(..10)?.parse().ok()
    }
}

/// Meta tags that give the publication date, in order of trust.
const DATE_METAS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "datepublished",
    "published_time",
    "published-date",
    "publish-date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "article:modified_time",
];

const AUTHOR_METAS: &[&str] = &["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl"];

/// Fields of the article object in the page's JSON-LD.
#[derive(Default)]
struct Ld {
    title: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
    site_name: Option<String>,
    url: Option<String>,
}

pub(super) fn find(dom: &Dom, roots: &[usize], extracted_title: Option<&str>, furniture: &[&str]) -> Metadata {
    let ld = json_ld(&dom.json_ld);
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|key| {
            dom.metas.iter().find(|(k, v)| k == key && !v.trim().is_empty()).map(|(_, v)| collapse(&decode(v)))
        })
    };
    let title = ld
        .title
        .clone()
        .or_else(|| meta(&["og:title", "twitter:title"]))
        .or_else(|| (!dom.doc_title.is_empty()).then(|| super::site_name_removed(&dom.doc_title)))
        .or_else(|| extracted_title.map(str::to_owned));

    let published = ld
        .published
        .as_deref()
        .and_then(normalize_date)
        .or_else(|| {
            DATE_METAS
                .iter()
                .find_map(|key| dom.metas.iter().filter(|(k, _)| k == key).find_map(|(_, v)| normalize_date(v)))
        })
        .or_else(|| {
            dom.dated.iter().find_map(|(id, value)| match value {
                Some(value) => normalize_date(value),
                None => normalize_date(&element_text(dom, *id)),
            })
        })
        .or_else(|| header_time(dom, roots));

    let mut authors = Vec::new();
    for name in &ld.authors {
        add_author(&mut authors, name);
    }
    if authors.is_empty() {
        for key in AUTHOR_METAS {
            for (_, value) in dom.metas.iter().filter(|(k, _)| k == key) {
                add_author(&mut authors, &decode(value));
            }
        }
    }
    if authors.is_empty() {
        for &id in &dom.authors {
            add_author(&mut authors, &element_text(dom, id));
        }
    }
    if authors.is_empty() {
        if let Some(byline) = furniture.iter().find(|p| starts_with_by(p)) {
            add_author(&mut authors, byline);
        }
    }
    if authors.is_empty() {
        if let Some(byline) = byline_element(dom) {
            add_author(&mut authors, &byline);
        }
    }

    let site_name = meta(&["og:site_name"])
        .or(ld.site_name)
        .or_else(|| meta(&["application-name", "publisher", "dc.publisher"]))
        .filter(|s| !s.is_empty() && !is_url(s));

    let og_url = meta(&["og:url"]).filter(|u| is_http(u));
    let url = dom
        .canonical
        .as_deref()
        .map(str::trim)
        .and_then(|c| absolute(c, og_url.as_deref()))
        .or(og_url)
        .or(ld.url.filter(|u| is_http(u)));

    Metadata { title: title.filter(|t| !t.is_empty()), published, authors, site_name, url }
}

/// The first `<time datetime>` inside the article or a `<header>`, else the first after the page's
/// first `<h1>`; never one inside related links, comments or other asides.
fn header_time(dom: &Dom, roots: &[usize]) -> Option<String> {
    let first_h1 = dom.nodes.iter().position(|n| n.name == "h1" && !n.inert);
    let mut after_h1 = None;
    for (id, datetime) in &dom.times {
        let Some(date) = normalize_date(datetime) else {
            continue;
        };
        if in_furniture(dom, *id) {
            continue;
        }
        let placed = dom
            .ancestors(*id)
            .chain(std::iter::once(*id))
            .any(|a| roots.contains(&a) || matches!(dom.nodes[a].name.as_str(), "header" | "article" | "main"));
        if placed {
            return Some(date);
        }
        if after_h1.is_none() && first_h1.is_some_and(|h1| h1 < *id) {
            after_h1 = Some(date);
        }
    }
    after_h1
}

/// Whether `id` is inside (or is) an aside, navigation, footer, related links, comments or a promotion.
fn in_furniture(dom: &Dom, id: usize) -> bool {
    dom.ancestors(id).chain(std::iter::once(id)).any(|a| {
        let node = &dom.nodes[a];
        node.inert
            || matches!(node.name.as_str(), "aside" | "nav" | "footer")
            || ["related", "comment", "recommend", "promo", "sidebar", "teaser", "more-"]
                .iter()
                .any(|w| node.hints.contains(w))
    })
}

/// The first element whose class or id says byline or author, outside asides and comments, whose text
/// is one or more names ("By Jane Doe", "Jane Doe and John Roe").
fn byline_element(dom: &Dom) -> Option<String> {
    (1..dom.nodes.len()).find_map(|id| {
        let node = &dom.nodes[id];
        if node.is_text() || !(node.hints.contains("byline") || node.hints.contains("author")) {
            return None;
        }
        let text = element_text(dom, id);
        let names = text.get(..3).filter(|b| b.eq_ignore_ascii_case("by ")).map_or(text.as_str(), |_| &text[3..]);
        let all_names = !names.is_empty()
            && names.split([',', '&']).flat_map(|p| p.split(" and ")).all(|p| looks_like_name(p.trim()));
        (all_names && text.split_whitespace().count() <= 12 && !in_furniture(dom, id)).then_some(text)
    })
}

/// The text of an element, white space collapsed.
fn element_text(dom: &Dom, id: usize) -> String {
    let mut text = String::new();
    collect_text(dom, id, &mut text, HEADING_BYTES);
    collapse(&text)
}

fn starts_with_by(text: &str) -> bool {
    text.get(..3).is_some_and(|b| b.eq_ignore_ascii_case("by "))
}

/// Adds the names in `raw` ("By Jane Doe and John Roe", "Jane Doe, John Roe") that are not there yet.
fn add_author(authors: &mut Vec<String>, raw: &str) {
    let mut text = collapse(raw);
    if starts_with_by(&text) {
        text = text[3..].trim_start().to_owned();
    }
    // "Analysis by Jane Doe", "Posted by Jane Doe".
    if let Some(at) = text.to_ascii_lowercase().find(" by ") {
        if text[..at].split_whitespace().count() <= 2 && text.is_char_boundary(at + 4) {
            text = text[at + 4..].trim().to_owned();
        }
    }
    // "Jane Doe | Reuters", "Jane Doe - Staff Writer": the name is the first part.
    for separator in [" | ", " – ", " — ", " - "] {
        if let Some((first, _)) = text.split_once(separator) {
            text = first.trim().to_owned();
        }
    }
    let mut parts: Vec<&str> = text.split([',', ';', '&']).flat_map(|p| p.split(" and ")).map(str::trim).collect();
    if parts.len() > 1 {
        parts.retain(|p| !is_role(p));
    }
    // A list splits into names only when every part looks like one ("Jane Doe, Staff Writer" does not).
    let names: Vec<&str> = if parts.len() > 1 && parts.iter().all(|p| looks_like_name(p)) {
        parts
    } else {
        vec![text.split(',').next().unwrap_or("").trim()]
    };
    for name in names {
        if name.is_empty() || is_url(name) || name.contains('@') || name.chars().count() > 60 {
            continue;
        }
        if name.split_whitespace().count() > 6 || !name.chars().any(char::is_alphabetic) {
            continue;
        }
        // A publishing system's default account ("admin", "jdadmin") is not a name.
        if !name.contains(' ') && name.to_lowercase().contains("admin") {
            continue;
        }
        if !authors.iter().any(|a| a.to_lowercase() == name.to_lowercase()) {
            authors.push(name.to_owned());
        }
    }
}

/// A job title rather than a name ("Staff Writer", "Senior Correspondent").
fn is_role(text: &str) -> bool {
    const ROLES: &[&str] = &[
        "writer",
        "reporter",
        "editor",
        "correspondent",
        "contributor",
        "columnist",
        "producer",
        "journalist",
        "photographer",
        "staff",
        "intern",
        "analyst",
    ];
    let lower = text.to_lowercase();
    lower.split_whitespace().count() <= 3 && lower.split_whitespace().any(|w| ROLES.contains(&w))
}

/// One to four words, each starting with a capital letter (particles aside).
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(*w, "de" | "van" | "von" | "der" | "da" | "di" | "del" | "la" | "le" | "bin" | "al")
        })
        && !is_url(text)
}

fn is_url(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    lower.contains("://") || lower.starts_with("www.") || lower.starts_with('/') || lower.contains(".com/")
}

fn is_http(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && !lower.contains(char::is_whitespace)
}

/// `url` when absolute; a root-relative one joined to `base`'s origin.
fn absolute(url: &str, base: Option<&str>) -> Option<String> {
    if is_http(url) {
        return Some(url.to_owned());
    }
    let base = base?;
    if url.starts_with('/') && !url.starts_with("//") {
        let scheme_end = base.find("://")? + 3;
        let host_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
        return Some(format!("{}{url}", &base[..host_end]));
    }
    None
}

/// The entities that JSON-LD and `content` attributes carry encoded twice: numeric ones and a few
/// named ones.
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let (hex, digits) = match after.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, after),
        };
        let end = digits.find(';').filter(|&e| e > 0 && e <= 8);
        let c = end
            .and_then(|e| u32::from_str_radix(&digits[..e], if hex { 16 } else { 10 }).ok())
            .and_then(char::from_u32)
            .filter(|c| !c.is_control());
        match (c, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &digits[e + 1..];
            }
            _ => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

// ---------------------------------------------------------------------------------------------------
// JSON-LD.

/// JSON-LD nodes by `@id`, for references (`"author": {"@id": "#/schema/person/1"}`, as WordPress's
/// Yoast and others write a `@graph`).
type Index<'a> = HashMap<&'a str, &'a serde_json::Map<String, Json>>;

fn json_ld(scripts: &[String]) -> Ld {
    let values: Vec<Json> = scripts.iter().filter_map(|raw| parse_json_ld(raw)).collect();
    let mut index = Index::new();
    let mut pending: Vec<&Json> = values.iter().collect();
    while let Some(value) = pending.pop() {
        match value {
            Json::Array(items) => pending.extend(items),
            Json::Object(map) => {
                if let Some(id) = map.get("@id").and_then(Json::as_str) {
                    if map.len() > 1 {
                        index.entry(id).or_insert(map);
                    }
                }
                pending.extend(map.values());
            }
            _ => {}
        }
    }
    let mut fallback: Option<Ld> = None;
    for value in &values {
        let mut pending = vec![value];
        while let Some(value) = pending.pop() {
            match value {
                Json::Array(items) => pending.extend(items.iter().rev()),
                Json::Object(map) => {
                    if is_article(map.get("@type")) {
                        return read_article(map, &index);
                    }
                    // A page object (`WebPage`) with a date is used only when no article is found.
                    if fallback.is_none() && map.contains_key("datePublished") {
                        fallback = Some(read_article(map, &index));
                    }
                    if let Some(graph) = map.get("@graph") {
                        pending.push(graph);
                    }
                    if let Some(entity) = map.get("mainEntity") {
                        pending.push(entity);
                    }
                }
                _ => {}
            }
        }
    }
    fallback.unwrap_or_default()
}

/// A JSON-LD script, tolerating what pages wrap it in (`<![CDATA[`, comments) and raw line breaks
/// inside strings.
fn parse_json_ld(raw: &str) -> Option<Json> {
    let trimmed = raw.trim();
    if let Ok(value) = serde_json::from_str(trimmed) {
        return Some(value);
    }
    let mut text = trimmed.replace(['\n', '\r', '\t'], " ");
    for wrapper in ["//<![CDATA[", "<![CDATA[", "//]]>", "]]>", "<!--", "-->"] {
        text = text.replace(wrapper, "");
    }
    let text = text.trim().trim_end_matches(';');
    serde_json::from_str(text).ok()
}

fn is_article(kind: Option<&Json>) -> bool {
    let one = |t: &str| {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        t.ends_with("Article")
            || matches!(t, "BlogPosting" | "ReportageNews" | "LiveBlogPosting" | "SocialMediaPosting")
    };
    match kind {
        Some(Json::String(t)) => one(t),
        Some(Json::Array(items)) => items.iter().any(|t| t.as_str().is_some_and(one)),
        _ => false,
    }
}

fn read_article(map: &serde_json::Map<String, Json>, index: &Index) -> Ld {
    let text = |key: &str| map.get(key).and_then(Json::as_str).map(|s| collapse(&decode(s))).filter(|s| !s.is_empty());
    let mut authors = Vec::new();
    if let Some(author) = map.get("author").or_else(|| map.get("creator")) {
        collect_names(author, index, &mut authors);
    }
    let site_name = map.get("publisher").and_then(|p| match p {
        Json::Object(p) => {
            let p = resolve(p, index);
            p.get("name").and_then(Json::as_str).map(|s| collapse(&decode(s)))
        }
        Json::Array(items) => items.iter().find_map(|i| i.get("name").and_then(Json::as_str).map(collapse)),
        Json::String(s) => Some(collapse(s)),
        _ => None,
    });
    let url = text("url").or_else(|| match map.get("mainEntityOfPage") {
        Some(Json::String(s)) => Some(s.trim().to_owned()),
        Some(Json::Object(o)) => o.get("@id").or_else(|| o.get("url")).and_then(Json::as_str).map(str::to_owned),
        _ => None,
    });
    Ld {
        title: text("headline").or_else(|| text("name")),
        published: text("datePublished").or_else(|| text("dateCreated")),
        authors,
        site_name,
        url,
    }
}

/// An object that is only a reference (`{"@id": …}`), replaced by the node it names when there is one.
fn resolve<'a>(map: &'a serde_json::Map<String, Json>, index: &Index<'a>) -> &'a serde_json::Map<String, Json> {
    match map.get("@id").and_then(Json::as_str) {
        Some(id) if !map.contains_key("name") => index.get(id).copied().unwrap_or(map),
        _ => map,
    }
}

/// Names of an `author`: a string, an object with a `name` (or a reference to one), or an array of
/// either.
fn collect_names(value: &Json, index: &Index, out: &mut Vec<String>) {
    match value {
        Json::String(s) => out.push(decode(s)),
        Json::Object(map) => match resolve(map, index).get("name") {
            Some(Json::String(s)) => out.push(decode(s)),
            Some(Json::Array(names)) => out.extend(names.iter().filter_map(Json::as_str).map(decode)),
            _ => {}
        },
        Json::Array(items) => {
            for item in items.iter().take(50) {
                collect_names(item, index, out);
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------------
// Dates.

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// A date as written in metadata, to ISO 8601: `2021-03-05T14:30:00.000+0100` → `2021-03-05T14:30:00+01:00`,
/// `2021/03/05`, `20210305`, `March 5, 2021`, `5 Mar 2021`, `Fri, 05 Mar 2021 14:30:00 GMT`. `None` when
/// it is not a valid calendar date.
pub fn normalize_date(raw: &str) -> Option<String> {
    let text = raw.trim();
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        (!part.is_empty() && part.bytes().all(|c| c.is_ascii_digit())).then(|| part.parse().ok())?
    };
    // Numeric: YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, then an optional time.
    if let Some(year) = digits(0..4) {
        let (month, day, rest) = if matches!(b.get(4), Some(b'-' | b'/' | b'.')) {
            (digits(5..7)?, digits(8..10)?, 10)
        } else {
            (digits(4..6)?, digits(6..8)?, 8)
        };
        let date = valid_date(year as i32, month, day)?;
        return Some(date + &time_part(text.get(rest..).unwrap_or("")));
    }
    // Words: a month name, a day, a year, in either order ("March 5, 2021", "Fri, 05 Mar 2021").
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .take(8)
        .collect();
    let month = words
        .iter()
        .find_map(|w| (w.len() >= 3).then(|| MONTHS.iter().position(|m| w.starts_with(m) && m.len() <= w.len()))?)?
        as u32
        + 1;
    let number = |len: std::ops::RangeInclusive<usize>| {
        words
            .iter()
            .find(|w| len.contains(&w.len()) && w.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|w| w.parse().ok())
    };
    let day: u32 = words
        .iter()
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_alphabetic()))
        .find(|w| (1..=2).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_digit()))
        .and_then(|w| w.parse().ok())?;
    let year: i32 = number(4..=4)?;
    valid_date(year, month, day)
}

/// A line that is only a date, perhaps with a time and a label: "November 20, 2019", "Updated: Nov. 20,
/// 2019 10:03 am", "Fri 6:45 PM, Feb 16, 2018". Every word is a number, a month or weekday name, a
/// time, or a label ending in a colon.
pub fn is_date_line(text: &str) -> bool {
    const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let words_ok = text.split_whitespace().all(|word| {
        let w = word.trim_matches(|c: char| matches!(c, ',' | '.' | '|' | '(' | ')')).to_ascii_lowercase();
        w.is_empty()
            || w.ends_with(':')
            || w.chars().next().is_some_and(|c| c.is_ascii_digit())
            || matches!(w.as_str(), "am" | "pm" | "a.m" | "p.m" | "at" | "on" | "gmt" | "utc" | "et" | "est" | "edt")
            || (w.len() >= 3 && MONTHS.iter().chain(&WEEKDAYS).any(|m| w.starts_with(m)))
    });
    words_ok && text.len() <= 60 && normalize_date(text).is_some()
}

fn valid_date(year: i32, month: u32, day: u32) -> Option<String> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=2100).contains(&year) && (1..=days).contains(&day)).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// `T14:30`, `T14:30:05`, with `Z` or `+01:00` when a zone is written; "" when no valid time follows.
fn time_part(rest: &str) -> String {
    let Some(rest) = rest.strip_prefix(['T', 't', ' ']) else {
        return String::new();
    };
    let num = |s: &str, at: usize| -> Option<u32> {
        let part = s.get(at..at + 2)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (Some(hour), Some(minute)) = (num(rest, 0), num(rest, 3)) else {
        return String::new();
    };
    if hour > 23 || minute > 59 || rest.as_bytes().get(2) != Some(&b':') {
        return String::new();
    }
    let mut out = format!("T{hour:02}:{minute:02}");
    let mut tail = &rest[5..];
    if tail.starts_with(':') {
        if let Some(second) = num(tail, 1).filter(|s| *s < 61) {
            out.push_str(&format!(":{second:02}"));
            tail = &tail[3..];
            // Fractions of a second are dropped.
            if let Some(fraction) = tail.strip_prefix('.') {
                tail = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
            }
        }
    }
    let tail = tail.trim_start();
    if tail.starts_with(['Z', 'z']) || tail.starts_with("GMT") || tail.starts_with("UTC") {
        out.push('Z');
    } else if let Some(sign) = tail.chars().next().filter(|c| *c == '+' || *c == '-') {
        let zone = &tail[1..];
        let (h, m) = if zone.as_bytes().get(2) == Some(&b':') {
            (num(zone, 0), num(zone, 3))
        } else {
            (num(zone, 0), num(zone, 2))
        };
        if let (Some(h), Some(m)) = (h, m.or(Some(0))) {
            if h < 15 && m < 60 {
                out.push_str(&format!("{sign}{h:02}:{m:02}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(normalize_date("2021-03-05").as_deref(), Some("2021-03-05"));
        assert_eq!(normalize_date("2021-03-05T14:30:00.000+0100").as_deref(), Some("2021-03-05T14:30:00+01:00"));
        assert_eq!(normalize_date("2021-03-05T14:30Z").as_deref(), Some("2021-03-05T14:30Z"));
        assert_eq!(normalize_date("2021-03-05 14:30:00").as_deref(), Some("2021-03-05T14:30:00"));
        assert_eq!(normalize_date("20210305").as_deref(), Some("2021-03-05"));
        assert_eq!(normalize_date("2021/3/05"), None);
        assert_eq!(normalize_date("March 5, 2021").as_deref(), Some("2021-03-05"));
        assert_eq!(normalize_date("Fri, 05 Mar 2021 14:30:00 GMT").as_deref(), Some("2021-03-05"));
        assert_eq!(normalize_date("5th September 2019").as_deref(), Some("2019-09-05"));
        assert_eq!(normalize_date("2021-02-30"), None);
        assert_eq!(normalize_date("today"), None);
        assert!(is_date_line("Updated: Nov. 20, 2019 10:03 am"));
        assert!(is_date_line("November 20, 2019"));
        assert!(!is_date_line("On March 5, 2021, it ended."));
        assert_eq!(normalize_date(""), None);
    }

    #[test]
    fn authors() {
        let mut got = Vec::new();
        add_author(&mut got, "By Jane Doe and John Roe");
        add_author(&mut got, "jane doe");
        add_author(&mut got, "https://www.facebook.com/janedoe");
        add_author(&mut got, "Ann Lee, Staff Writer");
        add_author(&mut got, "Analysis by Chris Cole");
        add_author(&mut got, "admin");
        assert_eq!(got, ["Jane Doe", "John Roe", "Ann Lee", "Chris Cole"]);
        assert_eq!(decode("&#8216;M&#x2019;s&#0; &amp;#bad"), "\u{2018}M\u{2019}s&#0; &#bad");
    }
}
