//! What the web page a text came from says about its article (title, publication date, authors, site,
//! canonical URL), shown above the text. Every value comes from an untrusted page, so each is a text
//! node: nothing in it is read as markup, and the URL is not a link.

use yew::prelude::*;

use crate::extract::Metadata;

#[derive(Properties, PartialEq)]
pub struct PageMetadataProps {
    pub metadata: Metadata,
}

/// The page's metadata, when it has any.
#[component]
pub fn PageMetadata(props: &PageMetadataProps) -> Html {
    let m = &props.metadata;
    if m.is_empty() {
        return html! {};
    }
    html! {
        <div class="page-metadata" data-testid="page-metadata">
            if let Some(title) = &m.title {
                <p class="page-title" data-testid="page-title">{ title.clone() }</p>
            }
            <p class="page-facts">
                if !m.authors.is_empty() {
                    <span>{ "By " }<span data-testid="page-authors">{ m.authors.join(", ") }</span></span>
                }
                if let Some(published) = &m.published {
                    <span>{ "Published " }<span data-testid="page-published">{ published_label(published) }</span></span>
                }
                if let Some(site) = &m.site_name {
                    <span data-testid="page-site">{ site.clone() }</span>
                }
                if let Some(url) = &m.url {
                    <span class="page-url" data-testid="page-url">{ url.clone() }</span>
                }
            </p>
        </div>
    }
}

/// An ISO 8601 publication date as shown: the date, then the time as the page wrote it.
pub fn published_label(iso: &str) -> String {
    iso.replacen('T', " ", 1)
}

/// Rendered by Yew's server-side renderer, natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_value_is_text_never_markup() {
        let metadata = Metadata {
            title: Some("<b>Ferry</b> returns".into()),
            published: Some("2021-03-05T09:00:00Z".into()),
            authors: vec!["Ada Quill".into(), "<img src=x onerror=alert(1)>".into()],
            site_name: Some("Kestrel <script>alert(2)</script>".into()),
            url: Some("https://example.com/a?b=<i>".into()),
        };
        let html = yew::LocalServerRenderer::<PageMetadata>::with_props(PageMetadataProps { metadata }).render().await;
        assert!(!html.contains("<img") && !html.contains("<script") && !html.contains("<b>"), "{html}");
        assert!(html.contains("Ada Quill, &lt;img src=x onerror=alert(1)&gt;"), "{html}");
        assert!(html.contains("2021-03-05 09:00:00Z"), "{html}");
        let empty =
            yew::LocalServerRenderer::<PageMetadata>::with_props(PageMetadataProps { metadata: Metadata::default() })
                .render()
                .await;
        assert!(!empty.contains("page-metadata"));
    }
}
