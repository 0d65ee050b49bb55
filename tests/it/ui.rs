//! Yew components rendered to HTML natively (server-side renderer): what the page shows for an analysis.

use marginalia::ui::{AnnotatedText, AnnotatedTextProps, SharedAnalysis, Sidebar, SidebarProps};
use marginalia::Label;

async fn annotated_html(text: &str) -> (String, SharedAnalysis) {
    let analysis = SharedAnalysis::new(text);
    let props = yew::props!(AnnotatedTextProps { analysis: analysis.clone() });
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
    let html = yew::LocalServerRenderer::<Sidebar>::with_props(yew::props!(SidebarProps {
        analysis: analysis.clone(),
        dispatch: yew::Callback::noop()
    }))
    .render()
    .await;
    assert!(html.contains("data-testid=\"sidebar\""));
    for label in [Label::Date, Label::Percent] {
        let n = analysis.0.entities.iter().filter(|e| e.label == label).count();
        assert_eq!(n, 2);
        let row = format!("data-label=\"{}\"", label.as_str());
        let at = html.find(&row).expect("a count row per type");
        assert!(html[at..].contains(&format!("<span class=\"n\">{n}</span>")));
    }
}

async fn sidebar_html(text: &str) -> (String, SharedAnalysis) {
    let analysis = SharedAnalysis::new(text);
    let props = yew::props!(SidebarProps {
        analysis: analysis.clone(),
        selected_group: Some(0),
        dispatch: yew::Callback::noop()
    });
    (yew::LocalServerRenderer::<Sidebar>::with_props(props).render().await, analysis)
}

const STORY: &str = "Talks collapse in Geneva\n\nAnna Berg, the trade minister, said on Monday, March 3, 2025, that \
talks with Norway had failed. \"We will not sign,\" Berg said. Prices rose 4.5% to $300 million in 2024. \
Norway's envoy Lars Dahl said \"the door is open.\"\n\nBerg will travel to Oslo in April 2025.";

#[tokio::test]
async fn sidebar_lists_groups_by_salience_with_mention_counts() {
    let (html, analysis) = sidebar_html(STORY).await;
    let groups = &analysis.0.groups;
    assert!(!groups.is_empty());
    // One row per group, in the analysis's (salience) order, with its count; the first one selected.
    let rows: Vec<&str> = html.split("data-testid=\"entity-row\"").skip(1).collect();
    assert_eq!(rows.len(), groups.len());
    for (row, group) in rows.iter().zip(groups) {
        assert!(row.contains(&group.canonical), "{} in {row}", group.canonical);
        assert!(row.contains(&format!("×{}", group.mentions.len())));
    }
    assert!(rows[0].contains("aria-pressed=\"true\""));
    for w in groups.windows(2) {
        assert!(w[0].salience >= w[1].salience);
    }
}

#[tokio::test]
async fn sidebar_shows_quotes_by_speaker_timeline_figures_and_key_sentences() {
    let (html, analysis) = sidebar_html(STORY).await;
    let a = &analysis.0;
    assert_eq!(html.matches("data-testid=\"quote-row\"").count(), a.quotes.len());
    assert!(!a.quotes.is_empty());
    // Each quote sits under its speaker's group (the fullest name), else under the speaker's words.
    let group_of = marginalia::groups::group_of_entities(&a.groups, a.entities.len());
    for quote in &a.quotes {
        let group = quote.speaker_entity.and_then(|e| group_of[e]).map(|g| a.groups[g].canonical.as_str());
        if let Some(heading) = group.or(quote.speaker.map(|s| a.slice(s))) {
            assert!(
                html.contains(&format!("<h4 data-testid=\"speaker-name\">{heading}</h4>")),
                "no heading {heading:?}"
            );
        }
    }
    // Points in time and durations or repetitions are listed apart, every entry once.
    let rows = html.matches("data-testid=\"timeline-row\"").count();
    let spans = html.matches("data-testid=\"timeline-span-row\"").count();
    assert_eq!(rows + spans, a.summary.timeline.len());
    assert!(a.summary.timeline.iter().any(|t| t.value.is_some()));
    assert!(html.contains("data-testid=\"timeline-dot\""));
    assert_eq!(html.matches("data-testid=\"figure-row\"").count(), a.summary.figures.len());
    assert_eq!(html.matches("data-testid=\"key-sentence\"").count(), a.summary.key_sentences.len());
    for &s in &a.summary.key_sentences {
        assert!(html.contains(&format!("data-testid=\"key-sentence\" data-sentence=\"{s}\"")));
    }
    assert!(html.contains(&format!("{} words", a.summary.word_count)));
    assert!(html.contains("data-testid=\"salience-chart\""));
}

/// The sample article's "who said what" lists each gold quote (`quotes_speakers` in the sample's gold file)
/// under a heading that names its gold speaker (the browser test `tests/e2e/sidebar.test.mjs` checks the
/// same in the page).
#[tokio::test]
async fn sample_quotes_are_listed_under_their_gold_speakers() {
    let (_, gold) = crate::sample_with_gold();
    let (html, _) = sidebar_html(marginalia::ui::SAMPLE).await;
    let quotes = &html[html.find("data-testid=\"quotes\"").expect("a who-said-what part")..];
    let blocks: Vec<&str> = quotes.split("data-testid=\"speaker\"").skip(1).collect();
    let pairs = gold["quotes_speakers"].as_array().expect("gold has quotes_speakers");
    assert_eq!(quotes.matches("data-testid=\"quote-row\"").count(), pairs.len());
    for pair in pairs {
        let (quote, speaker) = (pair["quote"].as_str().unwrap_or(""), pair["speaker"].as_str().unwrap_or(""));
        // Rows show at most 160 characters of a quote (then an ellipsis); text is HTML-escaped.
        let shown: String = quote.chars().take(159).collect();
        let shown = shown.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let block = blocks.iter().find(|b| b.contains(&shown));
        let block = block.unwrap_or_else(|| panic!("quote {quote:?} not listed"));
        let heading = block.split("data-testid=\"speaker-name\">").nth(1).and_then(|h| h.split("</h4>").next());
        assert!(heading.is_some_and(|h| h.contains(speaker)), "{quote:?} under {heading:?}, not {speaker:?}");
    }
}

#[tokio::test]
async fn annotated_text_anchors_every_sentence_once() {
    let (html, analysis) = annotated_html(STORY).await;
    for s in 0..analysis.0.sentences.len() {
        assert_eq!(html.matches(&format!("data-sentence=\"{s}\"")).count(), 1, "sentence {s}");
    }
}

#[test]
fn long_texts_split_into_chunks_at_line_breaks_outside_entities() {
    let paragraph =
        "Anna Berg met officials in Paris on March 3, 2025. \"Prices rose 4.5%,\n she said, \"and will rise again.\"\n";
    let text = paragraph.repeat(400);
    let analysis = SharedAnalysis::new(&text);
    let chunks = marginalia::ui::chunks(&analysis.0);
    assert!(chunks.len() > 5, "{} chunks", chunks.len());
    let mut end = 0;
    for chunk in &chunks {
        assert_eq!(chunk.range.start, end, "contiguous");
        assert_eq!(chunk.char_base, text[..chunk.range.start].chars().count());
        assert!(chunk.range.start == 0 || text[..chunk.range.start].ends_with('\n'));
        for e in &analysis.0.entities {
            assert!(!(e.span.start < chunk.range.start && chunk.range.start < e.span.end), "cut inside {e:?}");
        }
        end = chunk.range.end;
    }
    assert_eq!(end, text.len());
}

#[tokio::test]
async fn a_long_texts_sidebar_draws_its_quotes_timeline_and_figures_after_the_rest() {
    // Rendered once (no effects run outside a browser): what the page draws when the analysis arrives.
    let short = sidebar_html(STORY).await.0;
    for part in
        ["data-testid=\"entities\"", "data-testid=\"quotes\"", "data-testid=\"timeline\"", "data-testid=\"figures\""]
    {
        assert!(short.contains(part), "a short text's sidebar has {part} at once");
    }
    let long = sidebar_html(&format!("{STORY}\n\n").repeat(200)).await.0;
    assert!(long.contains("data-testid=\"entities\"") && long.contains("data-testid=\"anchor-date\""));
    for part in ["data-testid=\"quotes\"", "data-testid=\"timeline\"", "data-testid=\"figures\""] {
        assert!(!long.contains(part), "a long text's {part} waits for the next paint");
    }
}

#[tokio::test]
async fn chunks_not_yet_highlighted_still_show_their_text() {
    let text = "Anna Berg visited Paris in 2019.\n".repeat(1500);
    let (html, analysis) = annotated_html(&text).await;
    let chunks = marginalia::ui::chunks(&analysis.0);
    assert!(chunks.len() > 3);
    assert!(html.contains("chunk pending"));
    // Highlights are drawn for the first chunk (the rest follow in steps in the browser), with their
    // offsets counted from the start of the text.
    let last_drawn = chunks[0].range;
    let e = analysis.0.entities.iter().rev().find(|e| last_drawn.contains(e.span)).expect("an entity in chunk 1");
    let start = text[..e.span.start].chars().count();
    assert!(html.contains(&format!("data-start=\"{start}\"")));
    let next = analysis.0.entities.iter().find(|e| chunks[1].range.contains(e.span)).expect("an entity in chunk 2");
    assert!(!html.contains(&format!("data-start=\"{}\"", text[..next.span.start].chars().count())), "chunk 2 waits");
    let plain = html.replace('\n', "");
    assert!(plain.matches("Anna Berg visited Paris in 2019.").count() + plain.matches(">Anna Berg<").count() > 0);
}

#[tokio::test]
async fn timeline_sets_durations_and_repetitions_apart_and_draws_ranges() {
    let text =
        "Prices rose through the 1990s. The talks lasted for three hours on March 3, 2021. They meet every week.";
    let (html, analysis) = sidebar_html(text).await;
    let a = &analysis.0;
    let spans = html.split("data-testid=\"timeline-spans\"").nth(1).unwrap_or_default();
    assert!(spans.contains("three hours") && spans.contains("every week"), "{html}");
    assert!(spans.contains("PT3H") && spans.contains("P1W"), "{spans}");
    let points = html.split("data-testid=\"timeline-spans\"").next().unwrap_or_default();
    let when = |name: &str| format!("<span aria-hidden=\"true\" class=\"when\">{name}</span>");
    assert!(points.contains(&when("March 3, 2021")) && !points.contains(&when("three hours")), "{points}");
    // The decade is a range, drawn as a bar; the day a dot.
    assert_eq!(html.matches("data-testid=\"timeline-range\"").count(), 1, "{html}");
    assert_eq!(html.matches("data-testid=\"timeline-dot\"").count(), 1, "{html}");
    assert_eq!(a.summary.timeline.len(), 4);
}

#[tokio::test]
async fn the_reference_date_control_shows_the_pages_date_without_taking_it_as_the_persons() {
    let render = |anchor_date: &str| {
        let props = yew::props!(SidebarProps {
            analysis: SharedAnalysis::new("The ferry sailed again yesterday."),
            anchor_date: anchor_date.to_owned(),
            page_date: "2021-03-05".to_owned(),
            dispatch: yew::Callback::noop()
        });
        yew::LocalServerRenderer::<Sidebar>::with_props(props).render()
    };
    let unset = render("").await;
    assert!(unset.contains("from the page: 2021-03-05"), "{unset}");
    assert!(!unset.contains("value=\"2021-03-05\""), "the control's own value stays empty: {unset}");
    let chosen = render("2022-01-10").await;
    assert!(chosen.contains("(the page's: 2021-03-05)") && !chosen.contains("from the page"), "{chosen}");
}

/// Screen readers hear what each row is: an entity row as "Person: Anna Berg, 3 mentions" (hidden text,
/// the code and "×3" hidden from them), each key sentence as "Key sentence i of k: …", and each figure
/// row has a button named by its type.
#[tokio::test]
async fn sidebar_rows_have_names_that_say_what_they_are() {
    let (html, analysis) = sidebar_html(STORY).await;
    let a = &analysis.0;
    for group in &a.groups {
        let n = group.mentions.len();
        let name =
            format!("{}: {}, {n} mention{}", group.label.description(), group.canonical, if n == 1 { "" } else { "s" });
        assert!(html.contains(&format!("<span class=\"visually-hidden\">{name}</span>")), "no {name:?}");
    }
    assert!(html.contains("aria-hidden=\"true\" class=\"code\""));
    let k = a.summary.key_sentences.len();
    for i in 1..=k {
        assert!(html.contains(&format!("aria-label=\"Key sentence {i} of {k}: ")), "key sentence {i}");
    }
    assert_eq!(html.matches("data-testid=\"figure-button\"").count(), a.summary.figures.len());
    assert!(html.contains("aria-label=\"Percent: 4.5%\""));
}
