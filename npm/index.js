// lede-analyzer: the package's entry point. Wraps the wasm-bindgen module (lede.js + lede_bg.wasm)
// with an init() that works both in browsers (fetches the .wasm next to this file) and in Node 20
// (reads it from disk), and an analyze() that says clearly when init() has not run yet.
import initWasm, { initSync as initWasmSync, analyzeReport } from './lede.js';

const WASM_URL = new URL('./lede_bg.wasm', import.meta.url);

let loading = null;
let ready = false;

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
    await initWasm({ module_or_path: input });
    ready = true;
  })();
  // A failed load may be retried (for instance after the network comes back).
  loading.catch(() => { loading = null; });
  return loading;
}

/** Instantiates the module synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(module) {
  if (ready) return;
  const input = module && typeof module === 'object' && 'module' in module ? module.module : module;
  initWasmSync({ module: input });
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
  const lists = new Lists(ints, grades, names);
  // Assigned in place of the JSON's empty lists, so the keys keep their order.
  report.paragraphs = lists.take((start, end, l) => ({ start, end, text: text.slice(start, end), kind: l.name() }));
  report.sentences = lists.take((start, end, l) => ({ start, end, text: text.slice(start, end), paragraph: l.int() }));
  report.boilerplate = lists.take((start, end, l) => ({ start, end, text: text.slice(start, end), reason: l.name() }));
  report.entities = lists.take((start, end, l) => ({
    start, end, text: text.slice(start, end), label: l.name(), group: l.int(),
  }));
  const difficulty = (start, end, l) => ({ start, end, words: l.int(), grade: l.grade(), level: l.name() });
  report.stats.sentenceDifficulty = lists.take(difficulty);
  report.stats.raw.sentenceDifficulty = lists.take(difficulty);
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

/** Reads the lists that the module sends as numbers (`wire::take_columns` in src/wire.rs). */
class Lists {
  constructor(ints, grades, names) {
    this.ints = ints;
    this.grades = grades;
    this.names = names;
    this.at = 0;
    this.graded = 0;
  }

  int() {
    return this.ints[this.at++];
  }

  name() {
    return this.names[this.ints[this.at++]];
  }

  /** The next grade; NaN stands for none. */
  grade() {
    const g = this.grades[this.graded++];
    return Number.isNaN(g) ? null : g;
  }

  /** The next list: its length, then per item its start, end and what `make` reads after them. */
  take(make) {
    const n = this.int();
    const out = [];
    for (let i = 0; i < n; i++) {
      const start = this.int();
      const end = this.int();
      out.push(make(start, end, this));
    }
    return out;
  }
}
