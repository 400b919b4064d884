//! The browser app's entry point (built by Trunk for wasm32). On a native build it only says how
//! to run the app, so that `cargo build` of the whole crate still works.

#[cfg(target_arch = "wasm32")]
fn main() {
    // In the analysis worker there is no window: the module is loaded only for `analyzeForPage`.
    if web_sys::window().is_some() {
        lede::ui::start();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("lede-web is the browser app: run `make serve` and open http://127.0.0.1:8080");
}
