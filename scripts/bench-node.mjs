// Node benchmark (part of `make bench`): the WebAssembly build (pkg/, the npm package) and
// compromise, the JavaScript NLP library a user would otherwise pick, on the same text in the
// same process: the bench text of `lede bench` (the corpora's texts, about 3 MB). Lede gives the
// whole Report (paragraphs, sentences, repeats, junk, entities, statistics); compromise parses
// the text and lists its sentences, people, places and organizations. Prints figures only.
// Usage: node scripts/bench-node.mjs [TEXT_FILE]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const text = process.argv[2]
  ? readFileSync(process.argv[2], 'utf8')
  : execFileSync('target/release/lede', ['bench', '--print-text'], { encoding: 'utf8', maxBuffer: 1 << 30 });
const mb = Buffer.byteLength(text) / 1e6;

const { initSync, analyze } = await import('../pkg/index.js');
initSync(readFileSync(new URL('../pkg/lede_bg.wasm', import.meta.url)));

function time(f) {
  const t0 = performance.now();
  const out = f();
  return { ms: performance.now() - t0, out };
}

// Lede: the first run starts the engine (tables unpacked, code compiled as it first runs) and sees
// every word for the first time; the next runs find the engine warm and the word caches full, as
// re-analysis while editing does. Then a second instance in a worker thread, with its own tables and
// caches but the code V8 has already compiled, reads other text (the test articles) and then this
// text for the first time: a long-lived process meeting a new text.
const cold = time(() => analyze(text));
const articles = readdirSync('tests/articles').filter((f) => f.endsWith('.txt')).sort()
  .map((f) => readFileSync(`tests/articles/${f}`, 'utf8')).join('\n\n');
const warm = [time(() => analyze(text)), time(() => analyze(text))].map((r) => r.ms).sort((a, b) => a - b)[0];
const r = cold.out;
const ledeCold = mb / (cold.ms / 1e3);
const ledeWarm = mb / (warm / 1e3);
console.log(`node: text ${mb.toFixed(2)} MB; lede (wasm, whole Report): first run ${cold.ms.toFixed(0)} ms = ${ledeCold.toFixed(1)} MB/s, again ${warm.toFixed(0)} ms = ${ledeWarm.toFixed(1)} MB/s (target >= 12 MB/s); ${r.sentences.length} sentences, ${r.entities.length} entities, ${r.duplicates.length} repeats`);
const fresh = await freshEngine(text, articles);
console.log(`node: lede in a second instance (a worker thread: its own tables and word caches, the process's compiled code): start-up ${fresh.startup.toFixed(0)} ms; after ${(Buffer.byteLength(articles) / 1e3).toFixed(0)} KB of other text, this text (never seen) ${fresh.ms.toFixed(0)} ms = ${(mb / (fresh.ms / 1e3)).toFixed(1)} MB/s`);

const asyncRuns = freshAsync(text);
const asyncCold = mb / (asyncRuns[0] / 1e3);
const asyncWarm = mb / (Math.min(...asyncRuns.slice(1)) / 1e3);
console.log(`node: lede analyzeAsync (the entities on a worker thread, the rest on the calling thread; in a fresh process): first run ${asyncRuns[0].toFixed(0)} ms = ${asyncCold.toFixed(1)} MB/s, again ${Math.min(...asyncRuns.slice(1)).toFixed(0)} ms = ${asyncWarm.toFixed(1)} MB/s`);

const nlp = (await import('compromise')).default;
const c = time(() => {
  const doc = nlp(text);
  return {
    sentences: doc.sentences().length,
    people: doc.people().length,
    places: doc.places().length,
    orgs: doc.organizations().length,
  };
});
const comp = mb / (c.ms / 1e3);
console.log(`node: compromise ${JSON.parse(readFileSync('node_modules/compromise/package.json', 'utf8')).version} (parse, sentences, people, places, organizations): ${c.ms.toFixed(0)} ms = ${comp.toFixed(3)} MB/s; ${c.out.sentences} sentences, ${c.out.people + c.out.places + c.out.orgs} names`);
console.log(`node: lede / compromise = ${(ledeCold / comp).toFixed(0)}x first run, ${(ledeWarm / comp).toFixed(0)}x again; with analyzeAsync ${(asyncCold / comp).toFixed(0)}x first run, ${(asyncWarm / comp).toFixed(0)}x again (target >= 100x)`);

// analyzeAsync three times in a new Node process (so that its first run starts cold, worker included);
// the times in ms.
function freshAsync(text) {
  const dir = mkdtempSync(join(tmpdir(), 'lede-bench-'));
  try {
    const file = join(dir, 'text.txt');
    writeFileSync(file, text);
    const index = new URL('../pkg/index.js', import.meta.url).href;
    const code = `
      import { readFileSync } from 'node:fs';
      const { default: init, analyzeAsync } = await import(${JSON.stringify(index)});
      await init();
      const text = readFileSync(${JSON.stringify(file)}, 'utf8');
      const ms = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await analyzeAsync(text);
        ms.push(performance.now() - t0);
      }
      console.log(JSON.stringify(ms));`;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A second wasm instance in a worker thread: start-up (first call on a short text, tables unpacked),
// three runs on `other`, then `text` for the first time.
function freshEngine(text, other) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { readFileSync } = require('node:fs');
    const { performance } = require('node:perf_hooks');
    import(workerData.index).then(({ initSync, analyze }) => {
      const t0 = performance.now();
      initSync(readFileSync(workerData.wasm));
      analyze('Start. The engine warms up on this.');
      const startup = performance.now() - t0;
      for (let i = 0; i < 3; i++) analyze(workerData.other);
      const t1 = performance.now();
      analyze(workerData.text);
      parentPort.postMessage({ startup, ms: performance.now() - t1 });
    });`;
  const index = new URL('../pkg/index.js', import.meta.url).href;
  const wasm = fileURLToPath(new URL('../pkg/lede_bg.wasm', import.meta.url));
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { index, wasm, text, other } });
    w.once('message', (m) => { resolve(m); w.terminate(); });
    w.once('error', reject);
  });
}
