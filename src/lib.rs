//! Lede: an article analyzer. The pure analysis core lives in [`analysis`]; [`wire`] turns its
//! Report into the camelCase JSON contract (UTF-16 offsets) shared by the CLI and the JS API;
//! [`jsonl`] reads JSON Lines batches (the CLI's `--jsonl`), and [`invariants`] checks what every
//! Report keeps (used by the fuzz targets and the property tests). [`html`] strips pasted HTML down
//! to harmless tags for the page. [`pack`] unpacks the shipped tables that build.rs stores packed.
//! The browser adapters (`ui`, `api`) exist only when compiling for
//! wasm32.

pub mod analysis;
pub mod invariants;
pub mod jsonl;
pub mod wire;
pub mod html;
pub mod pack;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use analysis::{analyze, Options, Report};

/// The built-in sample article (written for Lede): a scraped-looking news story with a repeated
/// photo caption, a reworded repeated paragraph, share and comment-form junk, people, places,
/// organizations, dates and amounts.
pub const SAMPLE_ARTICLE: &str = include_str!("data/sample_article.txt");
