//! The top-level component: holds the state, analyzes after a pause in typing (in a web worker for
//! large texts), saves the draft and the theme, runs the toolbar's actions, and lays out the
//! editor, the document and the side panels.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::analyzer::{self, WorkerAnalyzer, WORKER_THRESHOLD};
use super::document::Document;
use super::editor::Editor;
use super::entities_panel::EntitiesPanel;
use super::export;
use super::junk_panel::JunkPanel;
use super::repeats_panel::RepeatsPanel;
use super::state::{Action, AppState, Layer, Theme};
use super::stats_panel::StatsPanel;
use super::storage;
use super::toolbar::Toolbar;

/// Pause in typing before the text is analyzed again.
const DEBOUNCE_MS: u32 = 120;

/// How long the page waits for the worker's first Report before it makes it itself.
const WORKER_PATIENCE_MS: u32 = 5000;

fn apply_theme(theme: Theme) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        match theme {
            Theme::System => {
                let _ = root.remove_attribute("data-theme");
            }
            t => {
                let _ = root.set_attribute("data-theme", t.name());
            }
        }
    }
}

type WorkerSlot = Rc<RefCell<Option<WorkerAnalyzer>>>;

/// Start the analysis worker if it is not running; its replies become `Analyzed` actions.
fn ensure_worker(slot: &WorkerSlot, dispatcher: &UseReducerDispatcher<AppState>) -> Result<(), String> {
    if slot.borrow().as_ref().is_some_and(|w| !w.failed()) {
        return Ok(());
    }
    // A crashed worker (or one whose wasm trapped) is replaced by a fresh one.
    slot.borrow_mut().take();
    let d = dispatcher.clone();
    let w = WorkerAnalyzer::new(Box::new(move |result, generation| match result {
        Ok(out) => d.dispatch(Action::Analyzed { generation, text: None, json: out.json, report: out.report, ms: out.ms, partial: false }),
        Err(message) => d.dispatch(Action::WorkerFailed { generation, message }),
    }))?;
    *slot.borrow_mut() = Some(w);
    Ok(())
}

/// Send the text to the worker (started if need be); an error if no worker can take it.
fn analyze_in_worker(slot: &WorkerSlot, dispatcher: &UseReducerDispatcher<AppState>, text: &str, keep: &[String], generation: u64) -> Result<(), String> {
    ensure_worker(slot, dispatcher)?;
    match slot.borrow().as_ref() {
        Some(w) => w.analyze(text, keep, generation),
        None => Err("the analysis worker did not start".into()),
    }
}

/// The Report of the analyzed text with its entities, for an export: the one shown, or (in the
/// moment after load before the entities are in) a full analysis made now, which the page then
/// shows too.
fn full_report(state: &UseReducerHandle<AppState>) -> (Rc<analyzer::FullJson>, Rc<super::model::Report>) {
    if !state.entities_pending {
        return (state.json.clone(), state.report.clone());
    }
    let out = analyzer::analyze_here(&state.analyzed, &state.kept);
    state.dispatch(Action::Analyzed {
        generation: state.generation,
        text: Some(state.analyzed.clone()),
        json: out.json.clone(),
        report: out.report.clone(),
        ms: out.ms,
        partial: false,
    });
    (out.json, out.report)
}

#[component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let text = storage::load_draft().unwrap_or_else(|| crate::SAMPLE_ARTICLE.to_string());
        let theme = Theme::from_name(&storage::load_theme().unwrap_or_default());
        AppState { text, theme, kept: storage::load_kept(), ..AppState::default() }
    });
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let worker: WorkerSlot = use_mut_ref(|| None);

    // Analyze whenever the text changes (debounced): in the worker, or here (see `analyzer`).
    {
        let state = state.clone();
        let timer = timer.clone();
        let worker = worker.clone();
        use_effect_with(state.generation, move |&generation| {
            let text = state.text.clone();
            let keep = state.kept.clone();
            let dispatcher = state.dispatcher();
            let now = state.immediate;
            let run = move || {
                let large = text.len() > WORKER_THRESHOLD;
                // A large text goes to the worker. So does a small one until this thread has built
                // the tagger's tables (when idle, after load), unless no worker can run it.
                let (started, failed) = match worker.borrow().as_ref() {
                    Some(w) => (true, w.failed()),
                    None => (false, false),
                };
                if large || (!failed && !analyzer::tagger_ready()) {
                    match analyze_in_worker(&worker, &dispatcher, &text, &keep, generation) {
                        Ok(()) if large => {
                            dispatcher.dispatch(Action::Busy(true));
                            return;
                        }
                        Ok(()) => {
                            if !started {
                                // The worker is only starting (the page just loaded): show
                                // everything but the entities now; its full Report follows. A
                                // worker that has not answered in time is given up on, and the
                                // page analyzes the text itself.
                                let out = analyzer::analyze_without_entities(&text, &keep);
                                dispatcher.dispatch(Action::Analyzed { generation, text: Some(Rc::new(text)), json: out.json, report: out.report, ms: out.ms, partial: true });
                                let (worker, dispatcher) = (worker.clone(), dispatcher.clone());
                                Timeout::new(WORKER_PATIENCE_MS, move || {
                                    if let Some(w) = worker.borrow().as_ref().filter(|w| !w.answered(generation)) {
                                        w.give_up();
                                        let message = "the analysis worker did not answer".to_string();
                                        dispatcher.dispatch(Action::WorkerFailed { generation, message });
                                    }
                                })
                                .forget();
                            }
                            return;
                        }
                        Err(message) if large => {
                            dispatcher.dispatch(Action::Failed { generation, message });
                            return;
                        }
                        Err(_) => {}
                    }
                }
                let out = analyzer::analyze_here(&text, &keep);
                dispatcher.dispatch(Action::Analyzed { generation, text: Some(Rc::new(text)), json: out.json, report: out.report, ms: out.ms, partial: false });
            };
            if now {
                timer.borrow_mut().take();
                run();
            } else {
                *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, run));
            }
        });
    }
    // A second after the first full analysis is on screen (the start-up is over): tell the page's
    // script (www/pwa.js), which then registers the service worker (precaching the build would
    // slow the start-up), and build the tagger's tables on this thread when it is idle, for quick
    // small analyses here.
    let told = use_mut_ref(|| false);
    use_effect_with((state.report.id, state.entities_pending), move |&(id, pending)| {
        if id != 0 && !pending && !std::mem::replace(&mut *told.borrow_mut(), true) {
            Timeout::new(1000, || {
                if let Some(w) = web_sys::window() {
                    if let Ok(e) = web_sys::Event::new("lede-ready") {
                        let _ = w.dispatch_event(&e);
                    }
                }
                analyzer::warm_tagger_when_idle();
            })
            .forget();
        }
    });
    // Save the draft, the kept passages and the theme as they change.
    {
        use_effect_with(state.text.clone(), |text| storage::save_draft(text));
        use_effect_with(state.kept.clone(), |kept| storage::save_kept(kept));
        use_effect_with(state.theme, |&theme| {
            apply_theme(theme);
            storage::save_theme(theme.name());
        });
    }

    let on_edit = {
        let d = state.dispatcher();
        use_callback((), move |text: String, _: &()| d.dispatch(Action::Edit(text)))
    };
    let on_replace = {
        let d = state.dispatcher();
        use_callback((), move |text: String, _: &()| d.dispatch(Action::Replace(text)))
    };
    let on_select = {
        let d = state.dispatcher();
        use_callback((), move |sel, _: &()| d.dispatch(Action::Select(sel)))
    };
    let on_remove = {
        let d = state.dispatcher();
        use_callback((), move |spans, _: &()| d.dispatch(Action::Remove(spans)))
    };
    let on_keep = {
        let d = state.dispatcher();
        use_callback((), move |passage: String, _: &()| d.dispatch(Action::Keep(passage)))
    };
    let on_import = {
        let d = state.dispatcher();
        use_callback((), move |(name, json): (String, String), _: &()| match crate::wire::open_saved(&name, &json) {
            Ok((text, kept)) => d.dispatch(Action::Restore {
                text,
                kept,
                notice: format!("Opened {name}. Undo brings back the text you had before."),
            }),
            Err(message) => d.dispatch(Action::Error(format!("{message} Your text is unchanged."))),
        })
    };
    let on_retry = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Retry))
    };
    let on_toggle = {
        let d = state.dispatcher();
        use_callback((), move |layer: Layer, _: &()| d.dispatch(Action::ToggleLayer(layer)))
    };
    let on_theme = {
        let d = state.dispatcher();
        use_callback((), move |t, _: &()| d.dispatch(Action::SetTheme(t)))
    };
    let on_action = {
        let state = state.clone();
        Callback::from(move |name: &'static str| {
            let notice = |s: &str| state.dispatch(Action::Notice(Some(s.to_string())));
            match name {
                "copy-clean" => {
                    export::copy(&state.report.clean_text);
                    notice("Copied the clean article.");
                }
                "apply-clean" => state.dispatch(Action::ApplyClean),
                "export-json" => {
                    let (json, _) = full_report(&state);
                    let saved = crate::wire::saved_json(&json.text(), &state.analyzed, &state.kept);
                    let _ = export::download("lede-report.json", "application/json", &saved);
                    notice("Saved lede-report.json.");
                }
                "export-md" => {
                    // The full Report (the page's copy may lack passage texts that it slices itself).
                    let (json, report) = full_report(&state);
                    let full = super::model::Report::from_json(&json.text()).unwrap_or_else(|_| (*report).clone());
                    let _ = export::download("lede-report.md", "text/markdown", &export::markdown(&full));
                    notice("Saved lede-report.md.");
                }
                "export-csv" => {
                    let (_, report) = full_report(&state);
                    let _ = export::download("lede-entities.csv", "text/csv", &export::entities_csv(&report));
                    notice("Saved lede-entities.csv.");
                }
                "undo" => state.dispatch(Action::Undo),
                "sample" => state.dispatch(Action::Replace(crate::SAMPLE_ARTICLE.to_string())),
                "clear" => state.dispatch(Action::Replace(String::new())),
                _ => {}
            }
        })
    };

    let analyzed = state.analyzed.clone();

    html! {
        <>
            <header>
                <div class="top">
                    <h1>{ "Lede" }</h1>
                    <p class="tagline">{ "Article analyzer. Your text stays in this page." }</p>
                </div>
                <Toolbar layers={state.layers.clone()} theme={state.theme} can_undo={!state.history.is_empty()}
                    {on_toggle} {on_theme} {on_action} />
                <p class="notice" role="status" aria-live="polite">{ state.notice.clone().unwrap_or_default() }</p>
                if let Some(err) = &state.error {
                    <p class="error" role="alert">
                        { err.clone() }
                        if state.can_retry {
                            { " " }<button type="button" class="retry" onclick={on_retry}>{ "Try again" }</button>
                        }
                    </p>
                }
            </header>
            <main class="layout">
                <Editor text={AttrValue::from(state.text.clone())} {on_edit} {on_replace} {on_import} />
                <Document text={analyzed.clone()} report={state.report.clone()} layers={state.layers.clone()}
                    selected={state.selected.clone()} on_select={on_select.clone()} busy={state.busy} />
                <aside class="side" aria-label="Analysis">
                    <StatsPanel report={state.report.clone()} analysis_ms={state.analysis_ms} />
                    <EntitiesPanel report={state.report.clone()} pending={state.entities_pending} selected={state.selected.clone()} {on_select} />
                    <RepeatsPanel report={state.report.clone()} text={analyzed.clone()} on_remove={on_remove.clone()} on_keep={on_keep.clone()} />
                    <JunkPanel report={state.report.clone()} {on_remove} {on_keep} />
                </aside>
            </main>
        </>
    }
}
