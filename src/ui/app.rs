//! The top-level component: holds the state, debounces analysis while typing, saves the draft,
//! and lays out the editor, the document and the statistics.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::document::Document;
use super::editor::Editor;
use super::state::{Action, AppState};
use super::stats_panel::StatsPanel;
use super::storage;

/// Pause in typing before the text is analyzed again.
const DEBOUNCE_MS: u32 = 150;

#[component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let text = storage::load_draft().unwrap_or_else(|| crate::SAMPLE_ARTICLE.to_string());
        AppState::with_text(text)
    });
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);

    let on_edit = {
        let state = state.clone();
        let timer = timer.clone();
        Callback::from(move |text: String| {
            storage::save_draft(&text);
            state.dispatch(Action::Edit(text));
            let dispatcher = state.dispatcher();
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || dispatcher.dispatch(Action::Analyze)));
        })
    };
    let on_sample = {
        let on_edit = on_edit.clone();
        Callback::from(move |_| on_edit.emit(crate::SAMPLE_ARTICLE.to_string()))
    };
    let on_clear = {
        let on_edit = on_edit.clone();
        Callback::from(move |_| on_edit.emit(String::new()))
    };

    html! {
        <>
            <header class="top">
                <h1>{ "Lede" }</h1>
                <p class="tagline">{ "Article analyzer. Your text stays in this page." }</p>
            </header>
            <main class="layout">
                <Editor text={AttrValue::from(state.text.clone())} {on_edit} {on_sample} {on_clear} />
                <Document text={state.analyzed.clone()} report={state.report.clone()} />
                <StatsPanel clean={state.report.stats.clone()} raw={state.report.raw_stats.clone()} analysis_ms={state.analysis_ms} />
            </main>
        </>
    }
}
