//! Entity grouping and salience order (`tests/fixtures/groups/cases.txt`), on marked-up entities so that
//! the table tests grouping alone, whatever the names tagger finds.

use marginalia::analysis::{Analysis, Entity, Source, Value};
use marginalia::{pipeline, sentences, tokenize, Label, Options, Span};

/// One fixture block: `key: value` lines, in order.
pub type Block = Vec<(String, String)>;

/// Blocks of `key: value` lines separated by blank lines; `#` lines are comments.
pub fn blocks(source: &str) -> Vec<Block> {
    let mut blocks = vec![Vec::new()];
    for line in source.lines() {
        if line.trim().is_empty() {
            if !blocks.last().is_some_and(Vec::is_empty) {
                blocks.push(Vec::new());
            }
        } else if !line.starts_with('#') {
            let (key, value) = line.split_once(':').unwrap_or_else(|| panic!("fixture line without a key: {line}"));
            blocks.last_mut().unwrap().push((key.trim().to_owned(), value.trim_start().to_owned()));
        }
    }
    blocks.retain(|b| !b.is_empty());
    blocks
}

/// All values of `key` in a block.
pub fn values<'a>(block: &'a Block, key: &str) -> Vec<&'a str> {
    block.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect()
}

/// An analysis of the `text:` lines with the marked entities `[LABEL words]` / `[LABEL@iso words]`
/// (markup removed), tokens and sentences from the core, then the summary stages.
pub fn analysis_from_markup(block: &Block, options: &Options) -> Analysis {
    let marked = values(block, "text").join("\n");
    let mut text = String::new();
    let mut entities = Vec::new();
    let mut rest = marked.as_str();
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find(']').expect("closing bracket") + open;
        let (head, words) = rest[open + 1..close].split_once(' ').expect("[LABEL words]");
        let (label, iso) = match head.split_once('@') {
            Some((label, iso)) => (label, Some(iso)),
            None => (head, None),
        };
        let label = Label::parse(label).unwrap_or_else(|| panic!("unknown label {label}"));
        let start = text.len();
        text.push_str(words);
        let mut entity = Entity::new(Span::new(start, text.len()), label, Source::Model);
        entity.value = iso.map(|iso| match label {
            Label::Time => Value::Time { iso: iso.to_owned() },
            _ => Value::Date { iso: iso.to_owned() },
        });
        entities.push(entity);
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    let tokens = tokenize::tokenize(&text);
    let sentences = sentences::split(&text, &tokens);
    let mut analysis = Analysis { text, tokens, sentences, entities, ..Analysis::default() };
    pipeline::summarize(&mut analysis, options);
    analysis
}

/// A group as the fixture writes it: `LABEL canonical = mention | mention`.
fn describe(analysis: &Analysis, group: &marginalia::groups::Group) -> String {
    let mentions: Vec<&str> = group.mentions.iter().map(|&e| analysis.slice(analysis.entities[e].span)).collect();
    format!("{} {} = {}", group.label.as_str(), group.canonical, mentions.join(" | "))
}

#[test]
fn grouping_and_salience_order_table() {
    let blocks = blocks(include_str!("../fixtures/groups/cases.txt"));
    assert!(blocks.len() >= 10);
    let mut failures = Vec::new();
    for block in &blocks {
        let name = values(block, "name").join("");
        let analysis = analysis_from_markup(block, &Options::default());
        let got: Vec<String> = analysis.groups.iter().map(|g| describe(&analysis, g)).collect();
        let want: Vec<&str> = values(block, "group");
        if got != want {
            failures.push(format!("{name}:\n  want {want:#?}\n  got  {got:#?}"));
        }
        for group in &analysis.groups {
            assert_eq!(group.count(), group.mentions.len());
            assert!((0.0..=1.0).contains(&group.salience), "{name}: salience {}", group.salience);
            assert!(group.mentions.windows(2).all(|w| w[0] < w[1]), "{name}: mentions in text order");
        }
        assert!(analysis.groups.windows(2).all(|w| w[0].salience >= w[1].salience), "{name}: sorted by salience");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_name_entity_is_in_exactly_one_group_on_the_sample() {
    let text = crate::sample::sample_text().expect("static/sample.txt is bundled");
    let analysis = marginalia::analyze(&text, &Options::default());
    let mut seen = vec![0usize; analysis.entities.len()];
    for group in &analysis.groups {
        assert!(group.label.is_name());
        for &e in &group.mentions {
            seen[e] += 1;
        }
    }
    let group_of = marginalia::groups::group_of_entities(&analysis.groups, analysis.entities.len());
    for (e, entity) in analysis.entities.iter().enumerate() {
        assert_eq!(seen[e], usize::from(entity.label.is_name()), "entity {e} {:?}", analysis.slice(entity.span));
        assert_eq!(group_of[e].is_some(), entity.label.is_name());
        if let Some(g) = group_of[e] {
            assert!(analysis.groups[g].mentions.contains(&e));
        }
    }
}
