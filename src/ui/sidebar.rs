//! The sidebar: counts per type and the entities listed by type.

use std::collections::BTreeMap;

use yew::prelude::*;

use super::SharedAnalysis;
use crate::analysis::Label;

#[derive(Properties, PartialEq)]
pub struct SidebarProps {
    pub analysis: SharedAnalysis,
}

#[component]
pub fn Sidebar(props: &SidebarProps) -> Html {
    let analysis = &props.analysis.0;
    // Per label: surface text → mention count, in order of first appearance.
    let mut by_label: BTreeMap<Label, Vec<(&str, usize)>> = BTreeMap::new();
    for entity in &analysis.entities {
        let surface = analysis.slice(entity.span);
        let rows = by_label.entry(entity.label).or_default();
        match rows.iter_mut().find(|(s, _)| *s == surface) {
            Some(row) => row.1 += 1,
            None => rows.push((surface, 1)),
        }
    }
    let count = |label: Label| analysis.entities.iter().filter(|e| e.label == label).count();
    html! {
        <aside class="sidebar" data-testid="sidebar">
            <h2>{ "At a glance" }</h2>
            if analysis.entities.is_empty() {
                <p class="empty-state">{ "Nothing found yet." }</p>
            } else {
                <ul class="counts" data-testid="type-counts">
                    { for Label::ALL.into_iter().filter(|&l| count(l) > 0).map(|l| html! {
                        <li class={classes!("count", format!("ent-{}", l.as_str()))} data-label={l.as_str()}>
                            <span class="swatch" />
                            <span class="name">{ l.description() }</span>
                            <span class="n">{ count(l) }</span>
                        </li>
                    }) }
                </ul>
                { for by_label.iter().map(|(label, rows)| html! {
                    <section class="entity-list" data-label={label.as_str()}>
                        <h3>{ label.description() }<span class="code">{ label.as_str() }</span></h3>
                        <ul>
                            { for rows.iter().map(|(surface, n)| html! {
                                <li><span class={classes!("chip", format!("ent-{}", label.as_str()))}>{ *surface }</span>
                                    if *n > 1 { <span class="times">{ format!("×{n}") }</span> }
                                </li>
                            }) }
                        </ul>
                    </section>
                }) }
            }
        </aside>
    }
}
