// Node benchmark (part of `make bench`): the WebAssembly build (pkg/, the npm package) and
// compromise, the JavaScript NLP library a user would otherwise pick, on the same text in the
// same process: the bench text of `lede bench` (the corpora's texts, about 3 MB). Lede gives the
// whole Report (paragraphs, sentences, repeats, junk, entities, statistics); compromise parses
// the text and lists its sentences, people, places and organizations. Prints figures only.
// Usage: node scripts/bench-node.mjs [TEXT_FILE]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

// Lede: the first run sees every word for the first time (cold); the next runs find the word
// caches warm, as re-analysis while editing does.
const cold = time(() => analyze(text));
const warm = [time(() => analyze(text)), time(() => analyze(text))].map((r) => r.ms).sort((a, b) => a - b)[0];
const r = cold.out;
const ledeCold = mb / (cold.ms / 1e3);
const ledeWarm = mb / (warm / 1e3);
console.log(`node: text ${mb.toFixed(2)} MB; lede (wasm, whole Report): first run ${cold.ms.toFixed(0)} ms = ${ledeCold.toFixed(1)} MB/s, again ${warm.toFixed(0)} ms = ${ledeWarm.toFixed(1)} MB/s (target >= 12 MB/s); ${r.sentences.length} sentences, ${r.entities.length} entities, ${r.duplicates.length} repeats`);

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
console.log(`node: lede / compromise = ${(ledeCold / comp).toFixed(0)}x first run, ${(ledeWarm / comp).toFixed(0)}x again (target >= 100x)`);
