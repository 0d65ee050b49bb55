//! The colour theme: light, dark, or the system's choice (the default), chosen in the top bar's menu
//! and remembered in localStorage (`marginalia:theme`). The choice is the `data-theme` attribute of the
//! root element, which sets its `color-scheme` in `static/style.css` (where every colour is a
//! `light-dark()` pair); "system" removes it, so the system's setting decides.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// localStorage key of the remembered theme.
pub const THEME_KEY: &str = "marginalia:theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System theme",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// A stored or chosen name; anything else is the system's choice.
    pub fn parse(name: &str) -> Theme {
        Theme::ALL.into_iter().find(|t| t.as_str() == name).unwrap_or(Theme::System)
    }
}

/// The remembered theme (the system's choice when none is, or storage is unavailable).
fn load() -> Theme {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .map_or(Theme::System, |name| Theme::parse(&name))
}

/// Shows `theme` and remembers it (a storage failure only means it is not remembered).
fn apply(theme: Theme, remember: bool) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let _ = match theme {
        Theme::System => root.remove_attribute("data-theme"),
        other => root.set_attribute("data-theme", other.as_str()),
    };
    if remember {
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item(THEME_KEY, theme.as_str());
        }
    }
}

/// The theme menu. Browser calls happen in effects and callbacks only, so it renders natively too.
#[component]
pub fn ThemeMenu() -> Html {
    let theme = use_state(|| Theme::System);
    {
        let theme = theme.clone();
        use_effect_with((), move |_| {
            let stored = load();
            apply(stored, false);
            theme.set(stored);
        });
    }
    let onchange = {
        let theme = theme.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) else { return };
            let chosen = Theme::parse(&select.value());
            apply(chosen, true);
            theme.set(chosen);
        })
    };
    html! {
        <select class="theme-menu" data-testid="theme-menu" aria-label="Colour theme" {onchange}>
            { for Theme::ALL.into_iter().map(|t| html! {
                <option value={t.as_str()} selected={*theme == t}>{ t.label() }</option>
            }) }
        </select>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_anything_else_is_the_system_choice() {
        for theme in Theme::ALL {
            assert_eq!(Theme::parse(theme.as_str()), theme);
        }
        assert_eq!(Theme::parse("sepia"), Theme::System);
        assert_eq!(Theme::parse(""), Theme::System);
    }
}
