// Lede's analysis worker: analyzes the page's texts off the main thread so the page never waits.
// The page sends {init, module, wasm} once (the URL of this build's JS module, and its compiled
// WebAssembly.Module, or the wasm's URL where the page has none), then {id, text, keep} per
// analysis (keep: passages the user marked as real content); the worker answers {id, json, view}
// with the Report as JSON in UTF-8 bytes (in full, and without the paragraph and sentence texts
// for the page to read quickly), their buffers transferred rather than copied, or {id, error}.
let ready = null;
let pending = Promise.resolve();

self.onmessage = (event) => {
  const msg = event.data || {};
  if (msg.init) {
    ready = import(msg.module).then(async (mod) => {
      await mod.default({ module_or_path: msg.wasm });
      return mod;
    });
    return;
  }
  pending = pending.then(async () => {
    try {
      if (!ready) throw new Error('the worker was not initialised');
      const mod = await ready;
      const [json, view] = mod.analyzeForPage(String(msg.text ?? ''), Array.isArray(msg.keep) ? msg.keep.map(String) : []);
      self.postMessage({ id: msg.id, json, view }, [json.buffer, view.buffer]);
    } catch (err) {
      self.postMessage({ id: msg.id, error: `analysis failed in the worker: ${err && err.message ? err.message : err}` });
    }
  });
};
