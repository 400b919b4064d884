//! Running the analysis for the page. Right after load the page's own thread shows everything but
//! the entities (`analyze_without_entities`; the tagger's tables take longest to build) while a web
//! worker (`www/worker.js`, given the page's compiled module) makes the full Report. Then this
//! thread builds the tagger's tables in idle moments (`warm_tagger_when_idle`); until it has,
//! small texts go to the worker too, afterwards small texts (up to `WORKER_THRESHOLD` bytes) are
//! analyzed here, with no round trip. Large texts always go to the worker (shown busy, and a clear
//! error without one); a small one falls back to this thread if no worker can run it (or the
//! first one leaves it unanswered for a few seconds). Both give the wire JSON, read into the app's
//! `model::Report`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::model::Report;
use crate::analysis::{analyze, Options};

/// Texts larger than this many bytes are analyzed only in the worker (the page shows them busy).
pub const WORKER_THRESHOLD: usize = 50_000;

/// The full Report as JSON, for the exports. The worker's copy stays the bytes it transferred, on
/// the JS side, until an export reads it: on a large text that is megabytes the page's main thread
/// would otherwise copy into its own memory on every analysis.
#[derive(Debug, Clone)]
pub enum FullJson {
    Text(String),
    Utf8(js_sys::Uint8Array),
}

impl FullJson {
    /// The JSON as text: borrowed when made on this thread, copied out of JS (once) otherwise.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            FullJson::Text(s) => s.as_str().into(),
            FullJson::Utf8(bytes) => String::from_utf8(bytes.to_vec())
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
                .into(),
        }
    }
}

impl PartialEq for FullJson {
    fn eq(&self, other: &FullJson) -> bool {
        match (self, other) {
            (FullJson::Text(a), FullJson::Text(b)) => a == b,
            // The same buffer (bytes from the worker are never changed).
            (FullJson::Utf8(a), FullJson::Utf8(b)) => AsRef::<JsValue>::as_ref(a) == AsRef::<JsValue>::as_ref(b),
            _ => false,
        }
    }
}

impl Default for FullJson {
    fn default() -> Self {
        FullJson::Text(String::new())
    }
}

pub struct Outcome {
    pub json: Rc<FullJson>,
    pub report: Rc<Report>,
    pub ms: f64,
}

pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

/// Analyze on this thread and read the result the same way as a worker's.
pub fn analyze_here(text: &str, keep: &[String]) -> Outcome {
    let out = analyze_on_thread(text, keep, true);
    // A text with words has had the tagger's tables built.
    if !text.trim().is_empty() {
        TAGGER_READY.with(|r| r.set(true));
    }
    out
}

/// Everything but the entities: what the page shows first after it loads, while the worker
/// starts (the tagger's tables take the longest to build; this thread never needs them).
pub fn analyze_without_entities(text: &str, keep: &[String]) -> Outcome {
    analyze_on_thread(text, keep, false)
}

fn analyze_on_thread(text: &str, keep: &[String], entities: bool) -> Outcome {
    let start = now_ms();
    let report = analyze(text, &Options { keep: keep.to_vec(), entities, ..Options::default() });
    let wire = crate::wire::to_wire(text, &report);
    let json = serde_json::to_string(&wire).unwrap_or_default();
    let view = Report::from_json(&json).unwrap_or_default();
    Outcome { json: Rc::new(FullJson::Text(json)), report: Rc::new(view), ms: now_ms() - start }
}

thread_local! {
    /// The entity tagger's tables are built on this thread: a full analysis here is quick.
    static TAGGER_READY: Cell<bool> = const { Cell::new(false) };
}

/// Whether a full analysis on this thread is quick (the tagger's tables are built).
pub fn tagger_ready() -> bool {
    TAGGER_READY.with(|r| r.get())
}

/// Build the tagger's tables on this thread in idle moments, one short step at a time (the
/// gazetteer, the weights, then a one-sentence analysis), after which small texts are analyzed
/// here, without the round trip to the worker.
pub fn warm_tagger_when_idle() {
    use crate::analysis::entities::{gazetteer::Gazetteer, model::Model};
    let steps: Vec<Box<dyn FnOnce()>> = vec![
        Box::new(|| {
            Gazetteer::builtin();
        }),
        Box::new(|| {
            Model::builtin();
        }),
        Box::new(|| {
            analyze_here("Ada Lovelace met Charles Babbage in London on 5 June 1833.", &[]);
        }),
    ];
    when_idle(steps);
}

/// Run `steps` in order, each in its own idle period (or after a short pause where the browser
/// has no idle callbacks).
fn when_idle(mut steps: Vec<Box<dyn FnOnce()>>) {
    if steps.is_empty() {
        return;
    }
    let step = steps.remove(0);
    let next = move || {
        step();
        when_idle(steps);
    };
    let Some(window) = web_sys::window() else { return };
    let f = Closure::once_into_js(next);
    if js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false) {
        let _ = window.request_idle_callback(f.unchecked_ref());
    } else {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 50);
    }
}

/// The URLs of this build's JS module and wasm, from the preload links Trunk writes.
fn module_urls() -> Option<(String, String)> {
    let doc = web_sys::window()?.document()?;
    let js = doc.query_selector("link[rel=modulepreload]").ok()??.get_attribute("href")?;
    let wasm = doc.query_selector("link[rel=preload][type='application/wasm']").ok()??.get_attribute("href")?;
    Some((js, wasm))
}

type Reply = Box<dyn Fn(Result<Outcome, String>, u64)>;

/// One long-lived worker; each request carries a generation number echoed in the reply. After a
/// crash or a failed analysis it is marked `failed` and the app starts a fresh one on the next try
/// (its wasm may be left in a broken state by a trap).
pub struct WorkerAnalyzer {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
    /// When the last text was sent, and its generation.
    sent_at: Rc<RefCell<(f64, u64)>>,
    failed: Rc<Cell<bool>>,
    /// The generation of the last reply (an answer or an error).
    answered: Rc<Cell<Option<u64>>>,
}

impl Drop for WorkerAnalyzer {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

impl WorkerAnalyzer {
    pub fn new(reply: Reply) -> Result<WorkerAnalyzer, String> {
        let (js, wasm) = module_urls().ok_or("the page has no module links to start the worker with")?;
        let opts = web_sys::WorkerOptions::new();
        opts.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options("./worker.js", &opts)
            .map_err(|e| format!("could not start the analysis worker: {e:?}"))?;
        let reply = Rc::new(reply);
        let sent_at = Rc::new(RefCell::new((0.0, 0u64)));
        let failed = Rc::new(Cell::new(false));
        let answered = Rc::new(Cell::new(None));
        let on_message = {
            let reply = reply.clone();
            let sent_at = sent_at.clone();
            let failed = failed.clone();
            let answered = answered.clone();
            Closure::<dyn FnMut(_)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                let get = |k: &str| js_sys::Reflect::get(&data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
                let generation = get("id").as_f64().unwrap_or(0.0) as u64;
                answered.set(Some(generation));
                if let Some(err) = get("error").as_string() {
                    failed.set(true);
                    reply(Err(err), generation);
                    return;
                }
                let bytes = |k: &str| get(k).dyn_into::<js_sys::Uint8Array>().ok();
                let json = bytes("json").map_or_else(FullJson::default, FullJson::Utf8);
                // The view is what the page shows: read here, straight from its UTF-8 bytes.
                let view = bytes("view").map(|v| v.to_vec()).unwrap_or_default();
                let result = Report::from_json_bytes(&view).map(|report| Outcome {
                    json: Rc::new(json),
                    report: Rc::new(report),
                    ms: now_ms() - sent_at.borrow().0,
                });
                // Drawn in a task of its own: on a long text, reading the Report and drawing it
                // are each a long piece of work, and the page answers input between the two.
                let reply = reply.clone();
                gloo_timers::callback::Timeout::new(0, move || reply(result, generation)).forget();
            })
        };
        let on_error = {
            let reply = reply.clone();
            let sent_at = sent_at.clone();
            let failed = failed.clone();
            let answered = answered.clone();
            Closure::<dyn FnMut(_)>::new(move |e: web_sys::Event| {
                // Handled here: the page shows it, so the browser need not log it as uncaught.
                e.prevent_default();
                failed.set(true);
                let detail = js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()).filter(|m| !m.is_empty());
                let generation = sent_at.borrow().1;
                answered.set(Some(generation));
                let message = match detail {
                    Some(d) => format!("the analysis worker stopped with an error ({d})"),
                    None => "the analysis worker stopped with an error".to_string(),
                };
                reply(Err(message), generation);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let init = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&init, &"init".into(), &JsValue::TRUE);
        let _ = js_sys::Reflect::set(&init, &"module".into(), &JsValue::from_str(&js));
        // The page's compiled module, when there is one: the worker then neither fetches nor
        // compiles the wasm again.
        let module = wasm_bindgen::module();
        let wasm = if module.is_object() { module } else { JsValue::from_str(&wasm) };
        let _ = js_sys::Reflect::set(&init, &"wasm".into(), &wasm);
        worker.post_message(&init).map_err(|e| format!("could not start the analysis worker: {e:?}"))?;
        Ok(WorkerAnalyzer { worker, _on_message: on_message, _on_error: on_error, sent_at, failed, answered })
    }

    /// The worker crashed or an analysis failed in it: start a new one before the next text.
    pub fn failed(&self) -> bool {
        self.failed.get()
    }

    /// Whether the worker has replied to the text of `generation` (or a later one).
    pub fn answered(&self, generation: u64) -> bool {
        self.answered.get().is_some_and(|g| g >= generation)
    }

    /// Treat the worker as failed (it did not answer in time): it is replaced on the next try.
    pub fn give_up(&self) {
        self.failed.set(true);
    }

    pub fn analyze(&self, text: &str, keep: &[String], generation: u64) -> Result<(), String> {
        *self.sent_at.borrow_mut() = (now_ms(), generation);
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from_f64(generation as f64));
        let _ = js_sys::Reflect::set(&msg, &"text".into(), &JsValue::from_str(text));
        let list: js_sys::Array = keep.iter().map(|k| JsValue::from_str(k)).collect();
        let _ = js_sys::Reflect::set(&msg, &"keep".into(), &list);
        self.worker.post_message(&msg).map_err(|e| format!("could not send the text to the worker: {e:?}"))
    }
}
