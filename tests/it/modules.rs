//! The library's modules depend on each other one way only: the test reads every `src/**/*.rs` (not
//! `src/bin/`, whose `crate::` is another crate), builds the graph of which module names which through
//! `crate::…` and `super::…` paths (in `use` declarations and in code), and fails on any cycle. A module
//! and its own submodules do not count as a cycle (a parent declares and re-exports its children).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[test]
fn no_two_modules_depend_on_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|(module, _)| module.clone()).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, code) in &files {
        for (path, inline_depth) in paths(code) {
            if let Some(target) = resolve(&modules, module, inline_depth, &path) {
                if !related(module, &target) {
                    graph.entry(module.clone()).or_default().insert(target);
                }
            }
        }
    }
    assert!(graph.contains_key("pipeline"), "the graph was read: {graph:?}");
    let cycles = cycles(&graph);
    assert!(cycles.is_empty(), "modules that depend on each other:\n{}", cycles.join("\n"));
}

/// Every `.rs` file under `dir` but `src/bin/`, as (module path, code without comments).
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        if path.is_dir() {
            if relative != "bin" {
                collect(root, &path, out);
            }
        } else if let Some(stem) = relative.strip_suffix(".rs") {
            let module = match stem {
                "lib" | "main" => String::new(),
                _ => stem.strip_suffix("/mod").unwrap_or(stem).replace('/', "::"),
            };
            let code = std::fs::read_to_string(&path).unwrap_or_default();
            out.push((module, strip_comments(&code)));
        }
    }
}

fn strip_comments(code: &str) -> String {
    code.lines().map(|line| line.find("//").map_or(line, |i| &line[..i])).collect::<Vec<_>>().join("\n")
}

/// Every `crate::…` and `super::…` path in `code` (the groups of `use` declarations expanded), each with
/// how many inline modules (`mod tests { … }`) it sits in.
fn paths(code: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Brace depths at which inline modules opened.
    let mut inline: Vec<usize> = Vec::new();
    let mut statement = String::new();
    let mut in_use = false;
    for line in code.lines() {
        let trimmed = line.trim_start();
        let opens_inline = !in_use && is_inline_mod(trimmed);
        if !in_use
            && (trimmed.starts_with("use ")
                || trimmed.starts_with("pub use ")
                || trimmed.starts_with("pub(crate) use "))
        {
            in_use = true;
            statement.clear();
        }
        if in_use {
            statement.push_str(line);
            statement.push(' ');
            if line.contains(';') {
                in_use = false;
                let body = statement.trim().trim_start_matches("pub(crate) ").trim_start_matches("pub ");
                let body = body.trim_start_matches("use ").trim_end().trim_end_matches(';');
                for path in expand(body) {
                    if path.starts_with("crate::") || path.starts_with("super::") {
                        out.push((path, inline.len()));
                    }
                }
            }
        } else {
            for prefix in ["crate::", "super::"] {
                let mut rest = line;
                while let Some(i) = rest.find(prefix) {
                    let before = rest[..i].chars().last();
                    let tail = &rest[i..];
                    let end = tail.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(tail.len());
                    if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                        out.push((tail[..end].trim_end_matches(':').to_owned(), inline.len()));
                    }
                    rest = &tail[end.max(prefix.len())..];
                }
            }
        }
        for c in line.chars() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if inline.last() == Some(&depth) {
                        inline.pop();
                    }
                }
                _ => {}
            }
        }
        if opens_inline {
            inline.push(depth.saturating_sub(1));
        }
    }
    out
}

/// `mod name {` (with or without `pub`), opened on this line.
fn is_inline_mod(line: &str) -> bool {
    let line = line.trim_start_matches("pub(crate) ").trim_start_matches("pub ");
    line.strip_prefix("mod ").is_some_and(|rest| rest.trim_end().ends_with('{'))
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e` (`self` in a group is the prefix itself).
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.split_whitespace().collect::<String>();
    let Some(open) = tree.find('{') else { return vec![tree.split(" as ").next().unwrap_or(&tree).to_owned()] };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = tree[open + 1..].strip_suffix('}').unwrap_or(&tree[open + 1..]);
    let mut parts = Vec::new();
    let (mut level, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => level += 1,
            '}' => level -= 1,
            ',' if level == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(expand)
        .map(|p| if p == "self" { prefix.to_owned() } else { format!("{prefix}::{p}") })
        .collect()
}

/// The module a path names: the longest prefix of it that is a module.
fn resolve(modules: &BTreeSet<String>, from: &str, inline_depth: usize, path: &str) -> Option<String> {
    let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<&str> = if from.is_empty() { Vec::new() } else { from.split("::").collect() };
    // Inside an inline module, the first `super` leads back to the file's module.
    let mut inline_left = inline_depth;
    match segments.first() {
        Some(&"crate") => {
            base.clear();
            segments.remove(0);
        }
        Some(&"super") => {
            while segments.first() == Some(&"super") {
                segments.remove(0);
                if inline_left > 0 {
                    inline_left -= 1;
                } else {
                    base.pop();
                }
            }
        }
        _ => return None,
    }
    base.extend(segments);
    (0..=base.len()).rev().map(|n| base[..n].join("::")).find(|m| modules.contains(m))
}

/// Whether one module is the other or contains it.
fn related(a: &str, b: &str) -> bool {
    let inside =
        |outer: &str, inner: &str| outer.is_empty() || inner == outer || inner.starts_with(&format!("{outer}::"));
    inside(a, b) || inside(b, a)
}

/// One cycle per strongly connected component of more than one module, written `a → b → a`.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut reported: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for start in graph.keys() {
        if reported.contains(start) {
            continue;
        }
        // Breadth-first from `start`'s successors back to `start`: the shortest cycle through it.
        let mut previous: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start.as_str()]);
        let mut found = false;
        while let Some(node) = queue.pop_front() {
            for next in graph.get(node).into_iter().flatten() {
                if next == start {
                    let mut cycle = vec![node];
                    let mut at = node;
                    while at != start {
                        at = previous[at];
                        cycle.push(at);
                    }
                    cycle.reverse();
                    cycle.push(start);
                    reported.extend(cycle.iter().map(|m| m.to_string()));
                    out.push(cycle.join(" → "));
                    found = true;
                    break;
                }
                if !previous.contains_key(next.as_str()) && next != start {
                    previous.insert(next, node);
                    queue.push_back(next);
                }
            }
            if found {
                break;
            }
        }
    }
    out
}

#[test]
fn use_groups_expand_and_paths_resolve() {
    assert_eq!(expand("crate::{a, b::{c, self}}"), ["crate::a", "crate::b::c", "crate::b"]);
    let modules: BTreeSet<String> = ["a", "a::b", "c"].into_iter().map(String::from).collect();
    assert_eq!(resolve(&modules, "a::b", 0, "super::super::c::D").as_deref(), Some("c"));
    assert_eq!(resolve(&modules, "a::b", 1, "super::X").as_deref(), Some("a::b"));
    assert_eq!(resolve(&modules, "c", 0, "crate::a::b::f").as_deref(), Some("a::b"));
    let graph: BTreeMap<String, BTreeSet<String>> = [("a", "c"), ("c", "a::b"), ("a::b", "a")]
        .into_iter()
        .map(|(from, to)| (from.to_owned(), BTreeSet::from([to.to_owned()])))
        .collect();
    assert_eq!(cycles(&graph), ["a → c → a::b → a"]);
}
