//! Yew components rendered to HTML natively (server-side renderer): what the page shows for an analysis.

use marginalia::ui::{AnnotatedText, AnnotatedTextProps, SharedAnalysis, Sidebar, SidebarProps};
use marginalia::Label;

async fn annotated_html(text: &str) -> (String, SharedAnalysis) {
    let analysis = SharedAnalysis::new(text);
    let props = AnnotatedTextProps { analysis: analysis.clone() };
    (yew::LocalServerRenderer::<AnnotatedText>::with_props(props).render().await, analysis)
}

#[tokio::test]
async fn every_entity_is_one_highlight_with_label_and_code_point_offsets() {
    let text = "😀 \"Prices rose 5% in 2019,\" said Anna Berg.\nSecond line.";
    let (html, analysis) = annotated_html(text).await;
    assert!(html.contains("data-testid=\"annotated-text\""));
    assert!(!analysis.0.entities.is_empty());
    for entity in &analysis.0.entities {
        let start = text[..entity.span.start].chars().count();
        let end = text[..entity.span.end].chars().count();
        let needle = format!("data-label=\"{}\" data-start=\"{start}\" data-end=\"{end}\"", entity.label.as_str());
        assert_eq!(html.matches(&needle).count(), 1, "{needle} in {html}");
    }
    // The quote holds the percentage: nested, not flattened.
    let quote = html.find("data-label=\"QUOTE\"").expect("quote highlighted");
    let percent = html.find("data-label=\"PERCENT\"").expect("percent highlighted");
    let between = &html[quote..percent.max(quote)];
    assert!(quote < percent && between.matches("</mark>").count() <= between.matches("<mark").count());
    assert!(html.contains(".\n"), "line breaks kept");
}

#[tokio::test]
async fn markup_in_the_text_is_escaped() {
    let (html, _) = annotated_html("<img src=x onerror=alert(1)> Paris <script>alert(2)</script>").await;
    assert!(!html.contains("<img") && !html.contains("<script"));
    assert!(html.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn empty_text_shows_the_empty_state() {
    let (html, _) = annotated_html("  \n ").await;
    assert!(html.contains("empty-state"));
    assert!(!html.contains("<mark"));
}

#[tokio::test]
async fn sidebar_counts_each_type() {
    let analysis = SharedAnalysis::new("In 2019 and 2020, 5% and 7% fell.");
    let html = yew::LocalServerRenderer::<Sidebar>::with_props(SidebarProps { analysis: analysis.clone() }).render().await;
    assert!(html.contains("data-testid=\"sidebar\""));
    for label in [Label::Date, Label::Percent] {
        let n = analysis.0.entities.iter().filter(|e| e.label == label).count();
        assert_eq!(n, 2);
        let row = format!("data-label=\"{}\"", label.as_str());
        let at = html.find(&row).expect("a count row per type");
        assert!(html[at..].contains(&format!("<span class=\"n\">{n}</span>")));
    }
}
