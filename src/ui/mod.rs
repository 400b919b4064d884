//! The browser app (yew): the editor, the analyzed document with its layers, and the side panels
//! (statistics, entities, repeats, junk). Compiled only
//! for wasm32; it calls the pure `analysis` core directly and keeps no text outside the page.

mod analyzer;
mod app;
mod document;
mod editor;
mod entities_panel;
mod export;
mod html_text;
mod junk_panel;
pub mod model;
mod repeats_panel;
pub mod state;
mod stats_panel;
mod storage;
mod toolbar;

pub use app::App;

/// Mount the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
