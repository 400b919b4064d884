// Lede's analysis worker: analyzes large texts off the main thread so the page never freezes.
// The page sends {init, module, wasm} once (the URLs of this build's module and wasm), then
// {id, text} per analysis; the worker answers {id, json} with the Report as JSON, or {id, error}.
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
      const json = mod.analyzeJson(String(msg.text ?? ''));
      self.postMessage({ id: msg.id, json });
    } catch (err) {
      self.postMessage({ id: msg.id, error: `analysis failed in the worker: ${err && err.message ? err.message : err}` });
    }
  });
};
