//! Running the analysis for the page: small texts on the main thread, large ones (above
//! `WORKER_THRESHOLD` bytes) in a web worker (`www/worker.js`) so the page never freezes. Both give
//! the wire JSON, read into the app's `model::Report`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::model::Report;
use crate::analysis::{analyze, Options};

/// Texts larger than this many bytes are analyzed in the worker.
pub const WORKER_THRESHOLD: usize = 50_000;

pub struct Outcome {
    pub json: Rc<String>,
    pub report: Rc<Report>,
    pub ms: f64,
}

pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

/// Analyze on this thread and read the result the same way as a worker's.
pub fn analyze_here(text: &str, keep: &[String]) -> Outcome {
    let start = now_ms();
    let report = analyze(text, &Options { keep: keep.to_vec(), ..Options::default() });
    let wire = crate::wire::to_wire(text, &report);
    let json = serde_json::to_string(&wire).unwrap_or_default();
    let view = Report::from_json(&json).unwrap_or_default();
    Outcome { json: Rc::new(json), report: Rc::new(view), ms: now_ms() - start }
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
        let on_message = {
            let reply = reply.clone();
            let sent_at = sent_at.clone();
            let failed = failed.clone();
            Closure::<dyn FnMut(_)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                let get = |k: &str| js_sys::Reflect::get(&data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
                let generation = get("id").as_f64().unwrap_or(0.0) as u64;
                if let Some(err) = get("error").as_string() {
                    failed.set(true);
                    reply(Err(err), generation);
                    return;
                }
                let json = get("json").as_string().unwrap_or_default();
                let view = get("view").as_string();
                let result = Report::from_json(view.as_deref().unwrap_or(&json)).map(|report| Outcome {
                    json: Rc::new(json),
                    report: Rc::new(report),
                    ms: now_ms() - sent_at.borrow().0,
                });
                reply(result, generation);
            })
        };
        let on_error = {
            let reply = reply.clone();
            let sent_at = sent_at.clone();
            let failed = failed.clone();
            Closure::<dyn FnMut(_)>::new(move |e: web_sys::Event| {
                // Handled here: the page shows it, so the browser need not log it as uncaught.
                e.prevent_default();
                failed.set(true);
                let detail = js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()).filter(|m| !m.is_empty());
                let generation = sent_at.borrow().1;
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
        let _ = js_sys::Reflect::set(&init, &"wasm".into(), &JsValue::from_str(&wasm));
        worker.post_message(&init).map_err(|e| format!("could not start the analysis worker: {e:?}"))?;
        Ok(WorkerAnalyzer { worker, _on_message: on_message, _on_error: on_error, sent_at, failed })
    }

    /// The worker crashed or an analysis failed in it: start a new one before the next text.
    pub fn failed(&self) -> bool {
        self.failed.get()
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
