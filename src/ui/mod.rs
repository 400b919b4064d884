//! The browser app (yew): an editor, the analyzed document and the statistics panel. Compiled only
//! for wasm32; it calls the pure `analysis` core directly and keeps no text outside the page.

mod app;
mod document;
mod editor;
mod state;
mod stats_panel;
mod storage;

pub use app::App;

/// Mount the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
