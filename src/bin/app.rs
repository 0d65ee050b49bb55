//! The web page's entry point: mounts the Yew app (`marginalia::ui::App`) on the document body.

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<marginalia::ui::App>::new().render();
}
