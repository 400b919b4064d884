// lede-analyzer: the package's entry point. Wraps the wasm-bindgen module (lede.js + lede_bg.wasm)
// with an init() that works both in browsers (fetches the .wasm next to this file) and in Node 20
// (reads it from disk), an analyze() that says clearly when init() has not run yet, and an
// analyzeAsync() that finds a long text's entities on a worker (lede-worker.js).
import initWasm, { initSync as initWasmSync, analyzeReport, entityColumns } from './lede.js';

const WASM_URL = new URL('./lede_bg.wasm', import.meta.url);

let loading = null;
let ready = false;
/** The compiled module, which analyzeAsync's worker instantiates too. */
let compiled = null;

function runningInNode() {
  return typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';
}

async function defaultSource() {
  if (WASM_URL.protocol === 'file:' && runningInNode()) {
    // Node's fetch() cannot read file: URLs; hand the bytes to wasm-bindgen instead.
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:fs/promises');
    return readFile(WASM_URL);
  }
  return WASM_URL;
}

/**
 * Loads and instantiates the WebAssembly module. Call it once and await it before `analyze`;
 * later calls return the same promise. `source` may be a URL, a Response, bytes or a
 * WebAssembly.Module; by default the `lede_bg.wasm` beside this file is used.
 */
export default function init(source) {
  if (loading) return loading;
  loading = (async () => {
    let input = source;
    if (input && typeof input === 'object' && 'module_or_path' in input) input = input.module_or_path;
    if (input === undefined || input === null) input = await defaultSource();
    const module = await compile(input);
    await initWasm({ module_or_path: module });
    compiled = module;
    ready = true;
  })();
  // A failed load may be retried (for instance after the network comes back).
  loading.catch(() => { loading = null; });
  return loading;
}

/** The module compiled from a URL (or its string), a Request, a Response, bytes or a module. */
async function compile(input) {
  if (input instanceof WebAssembly.Module) return input;
  let response = input;
  if (typeof input === 'string' || input instanceof URL || (typeof Request === 'function' && input instanceof Request)) {
    response = await fetch(input);
  }
  if (typeof Response === 'function' && response instanceof Response) {
    if (!response.ok) throw new Error(`lede-analyzer: could not fetch the WebAssembly module (${response.status} ${response.statusText})`);
    // Compiled as it downloads where the server says it is WebAssembly; from the whole bytes otherwise.
    if (typeof WebAssembly.compileStreaming === 'function' && response.headers.get('Content-Type') === 'application/wasm') {
      return WebAssembly.compileStreaming(response);
    }
    return WebAssembly.compile(await response.arrayBuffer());
  }
  return WebAssembly.compile(input);
}

/** Instantiates the module synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(module) {
  if (ready) return;
  const input = module && typeof module === 'object' && 'module' in module ? module.module : module;
  const compiledModule = input instanceof WebAssembly.Module ? input : new WebAssembly.Module(input);
  initWasmSync({ module: compiledModule });
  compiled = compiledModule;
  ready = true;
}

/** Analyzes `text` and returns its Report. Throws an Error on bad arguments or before init(). */
export function analyze(text, options) {
  if (!ready) {
    throw new Error('lede-analyzer: the WebAssembly module is not loaded yet; call `await init()` before analyze()');
  }
  // The module sends the Report in parts (see analyzeReport in src/api/mod.rs): JSON without the
  // bulky lists, those lists as numbers, and the clean text. The texts that are slices of `text`
  // are left out (null in the JSON): a slice of the string here is far cheaper than a copy
  // decoded from the module's memory.
  const [json, ints, grades, names, cleanText] = analyzeReport(text, options);
  const report = JSON.parse(json);
  const c = new Columns(ints, grades, names);
  // Assigned in place of the JSON's empty lists, so the keys keep their order.
  report.paragraphs = c.paragraphs(text);
  report.sentences = c.sentences(text);
  report.boilerplate = c.boilerplate(text);
  report.entities = c.entities(text);
  report.stats.sentenceDifficulty = c.difficulty();
  report.stats.raw.sentenceDifficulty = c.difficulty();
  report.cleanText = cleanText;
  const slice = (span) => {
    if (span.text === null) span.text = text.slice(span.start, span.end);
  };
  for (const d of report.duplicates) {
    slice(d.first);
    slice(d.repeat);
    for (const c of d.conflicts) {
      slice(c.first);
      slice(c.repeat);
    }
  }
  return report;
}

/** Texts from this length (UTF-16 code units) have their entities found on a worker by analyzeAsync. */
const ASYNC_FROM = 64 * 1024;

/**
 * Analyzes `text` and resolves to the same Report as `analyze`. A long text (64 K characters and
 * more) has its entities found by a second instance of the module on a worker (a Node worker thread
 * or a module Web Worker, started at the first such call) while this thread analyzes the rest, so
 * the Report comes sooner where there are two cores; a short one is analyzed here, as where no
 * worker can be started. Rejects as `analyze` throws.
 */
export async function analyzeAsync(text, options) {
  const plain = options === undefined || options === null || (typeof options === 'object' && !Array.isArray(options));
  // Without entities, or with options that analyze refuses (its error is the one to give), all here.
  const entities = plain ? options?.entities : undefined;
  if (!ready || typeof text !== 'string' || text.length < ASYNC_FROM || !plain || (entities !== undefined && entities !== true)) {
    return analyze(text, options);
  }
  const helper = await entityWorker();
  if (!helper) return analyze(text, options);
  const found = helper.ask(text);
  let report;
  try {
    report = analyze(text, { ...options, entities: false });
  } catch (e) {
    found.catch(() => {});
    throw e;
  }
  let columns;
  try {
    columns = await found;
  } catch {
    // The worker failed (it is not asked again): the entities are found here.
    const [ints, names] = entityColumns(text);
    columns = { ints, names };
  }
  report.entities = new Columns(columns.ints, new Float64Array(0), columns.names).entities(text);
  return report;
}

let helperPromise = null;

/** The worker of analyzeAsync (started once), or null where none can be started. */
function entityWorker() {
  helperPromise ??= startWorker().catch(() => null);
  return helperPromise;
}

/** Where a worker has failed, analyzeAsync does all its work on the calling thread from then on. */
function workerFailed() {
  helperPromise = Promise.resolve(null);
}

async function startWorker() {
  const url = new URL('./lede-worker.js', import.meta.url);
  let worker;
  if (runningInNode()) {
    const { Worker } = await import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:worker_threads');
    // Without the process's own command-line options (such as --input-type), which a worker
    // started from a file may refuse.
    worker = new Worker(url, { execArgv: [] });
  } else if (typeof Worker === 'function') {
    worker = new Worker(url, { type: 'module' });
  } else {
    return null;
  }
  const waiting = new Map();
  let next = 0;
  const settle = (data) => {
    const job = waiting.get(data.id);
    if (!job) return;
    waiting.delete(data.id);
    // An idle Node worker does not keep the process alive.
    if (waiting.size === 0) worker.unref?.();
    if (data.error) job.reject(new Error(`analyzeAsync: ${data.error}`));
    else job.resolve(data);
  };
  const fail = (error) => {
    for (const job of waiting.values()) job.reject(new Error(`analyzeAsync: the worker failed (${error?.message ?? error})`));
    waiting.clear();
    workerFailed();
    worker.terminate();
  };
  if (runningInNode()) {
    worker.on('message', settle);
    worker.on('error', fail);
    worker.unref();
  } else {
    worker.addEventListener('message', (event) => settle(event.data));
    worker.addEventListener('error', (event) => fail(event.message));
  }
  worker.postMessage({ module: compiled });
  return {
    ask(text) {
      const id = next++;
      worker.ref?.();
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, text });
      });
    },
  };
}

/**
 * Reads the lists that the module sends as numbers (`wire::take_columns` in src/wire.rs), in their
 * order: each is its length, then per item its start and end and the numbers that follow them (a
 * name is an index into `names`; a sentence's grade is the next of `grades`, NaN for none). One
 * loop per kind of item, with no call per item, into an array made at its length (never grown and
 * copied): a long text has hundreds of thousands of them.
 */
class Columns {
  constructor(ints, grades, names) {
    this.ints = ints;
    this.grades = grades;
    this.names = names;
    this.at = 0;
    this.graded = 0;
  }

  paragraphs(text) {
    const { ints, names } = this;
    let at = this.at;
    const n = ints[at++];
    const out = new Array(n);
    for (let i = 0; i < n; i++, at += 3) {
      const start = ints[at], end = ints[at + 1];
      out[i] = { start, end, text: text.slice(start, end), kind: names[ints[at + 2]] };
    }
    this.at = at;
    return out;
  }

  sentences(text) {
    const { ints } = this;
    let at = this.at;
    const n = ints[at++];
    const out = new Array(n);
    for (let i = 0; i < n; i++, at += 3) {
      const start = ints[at], end = ints[at + 1];
      out[i] = { start, end, text: text.slice(start, end), paragraph: ints[at + 2] };
    }
    this.at = at;
    return out;
  }

  boilerplate(text) {
    const { ints, names } = this;
    let at = this.at;
    const n = ints[at++];
    const out = new Array(n);
    for (let i = 0; i < n; i++, at += 3) {
      const start = ints[at], end = ints[at + 1];
      out[i] = { start, end, text: text.slice(start, end), reason: names[ints[at + 2]] };
    }
    this.at = at;
    return out;
  }

  entities(text) {
    const { ints, names } = this;
    let at = this.at;
    const n = ints[at++];
    const out = new Array(n);
    for (let i = 0; i < n; i++, at += 4) {
      const start = ints[at], end = ints[at + 1];
      out[i] = { start, end, text: text.slice(start, end), label: names[ints[at + 2]], group: ints[at + 3] };
    }
    this.at = at;
    return out;
  }

  /** A list of sentences' difficulty. */
  difficulty() {
    const { ints, grades, names } = this;
    let at = this.at;
    let graded = this.graded;
    const n = ints[at++];
    const out = new Array(n);
    for (let i = 0; i < n; i++, at += 4) {
      const grade = grades[graded++];
      out[i] = { start: ints[at], end: ints[at + 1], words: ints[at + 2], grade: Number.isNaN(grade) ? null : grade, level: names[ints[at + 3]] };
    }
    this.at = at;
    this.graded = graded;
    return out;
  }
}
