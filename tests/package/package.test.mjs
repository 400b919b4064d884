// The npm package end to end: `npm pack` on pkg/ (built by scripts/package.sh), install the tarball
// into a scratch Node project in a temporary folder, import it by name and analyze texts there.
// Run with `node --test tests/package/`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const pkg = join(root, 'pkg');
let scratch;
let tarball;
let packed;

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The test articles (tests/articles/*.txt), in order: their paths and their texts. */
function articles() {
  const dir = join(root, 'tests', 'articles');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dir, f));
  return { files, texts: files.map((f) => readFileSync(f, 'utf8')) };
}

/** Runs `source` as an ES module inside the scratch project and returns what it prints as JSON. */
function inScratch(source) {
  const file = join(scratch, 'app', `check-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, source);
  return JSON.parse(run(process.execPath, [file], join(scratch, 'app')));
}

before(() => {
  assert.ok(existsSync(join(pkg, 'package.json')), 'pkg/ is missing: run scripts/package.sh first');
  scratch = mkdtempSync(join(tmpdir(), 'lede-package-'));
  packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], pkg))[0];
  tarball = join(scratch, packed.filename);
  const app = join(scratch, 'app');
  run('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], app);
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('the tarball holds the package and nothing else', () => {
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const cargoVersion = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "(.*)"$/m)[1];
  assert.equal(manifest.name, 'lede-analyzer');
  assert.equal(manifest.version, cargoVersion);
  assert.equal(manifest.type, 'module');
  assert.equal(packed.name, 'lede-analyzer');
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'LICENSE', 'README.md', 'index.d.ts', 'index.js', 'lede-analyzer-element.d.ts', 'lede-analyzer-element.js',
    'lede-worker.js', 'lede.js', 'lede_bg.wasm', 'package.json',
  ]);
  const installed = join(scratch, 'app', 'node_modules', 'lede-analyzer');
  assert.ok(existsSync(join(installed, 'lede_bg.wasm')));
  assert.match(readFileSync(join(installed, 'index.d.ts'), 'utf8'), /export interface Report \{/);
});

test('a scratch project imports the package by name and analyzes a text', () => {
  const out = inScratch(`
    import init, { analyze } from 'lede-analyzer';
    await init();
    await init(); // a second call is harmless
    const text = 'Dr. Amara Singh flew to Geneva on 3 May 2021. She met 40 researchers there!\\n\\nShare on Facebook';
    const report = analyze(text);
    const noEntities = analyze(text, { entities: false });
    console.log(JSON.stringify({ report, noEntities: noEntities.entities.length }));
  `);
  const { report } = out;
  assert.equal(report.version, 1);
  assert.deepEqual(report.sentences.map((s) => s.text).slice(0, 2), [
    'Dr. Amara Singh flew to Geneva on 3 May 2021.',
    'She met 40 researchers there!',
  ]);
  assert.ok(report.entities.some((e) => e.label === 'DATE' && e.text === '3 May 2021'), JSON.stringify(report.entities));
  assert.ok(report.entities.some((e) => e.text === 'Amara Singh'), JSON.stringify(report.entities));
  assert.ok(report.boilerplate.some((b) => b.reason === 'share' && b.text === 'Share on Facebook'));
  assert.equal(out.noEntities, 0);
  assert.equal(typeof report.stats.readingTimeSeconds, 'number');
  assert.equal(typeof report.stats.raw.words, 'number');
});

test('offsets count UTF-16 code units, emoji included', () => {
  const out = inScratch(`
    import init, { analyze } from 'lede-analyzer';
    await init();
    const first = 'Fans cheered 😀🎉 in Paris. The match ended 2-1 on Sunday. Café owners smiled.';
    const text = first + '\\n\\nShare on Facebook\\n\\nFans cheered 😀🎉 in Paris. The match ended 3-1 on Sunday. Café owners smiled.';
    const report = analyze(text);
    const spans = [...report.sentences, ...report.entities, ...report.paragraphs, ...report.boilerplate,
      ...report.duplicates.flatMap((d) => [d.first, d.repeat, ...d.conflicts.flatMap((c) => [c.first, c.repeat])])];
    console.log(JSON.stringify({
      sentences: report.sentences.map((s) => [s.start, s.end, s.text]),
      second: text.indexOf('The match'),
      third: text.indexOf('Café'),
      end: first.length,
      kinds: [report.boilerplate.length, report.duplicates.length, report.duplicates[0]?.conflicts.length ?? 0],
      sliced: spans.every((s) => typeof s.text === 'string' && text.slice(s.start, s.end) === s.text),
    }));
  `);
  assert.equal(out.sentences.length, 7);
  assert.equal(out.sentences[1][0], out.second); // after two astral emoji: 4 code units, not 8 bytes
  assert.equal(out.sentences[2][0], out.third);
  assert.equal(out.sentences[2][1], out.end);
  assert.deepEqual(out.kinds, [1, 1, 1]); // a junk line, a near repeat, the score that changed
  assert.equal(out.sliced, true);
});

test('the Report is the CLI\'s, key for key and value for value', () => {
  // The package sends the bulky lists as numbers and rebuilds them (npm/index.js): the result must
  // be the very Report that `lede analyze` writes, the order of every object's keys included.
  const lede = join(root, 'target', 'release', 'lede');
  assert.ok(existsSync(lede), 'target/release/lede is missing: cargo build --release --bin lede');
  const { files, texts } = articles();
  const emoji = join(scratch, 'emoji.txt');
  writeFileSync(emoji, 'Fans cheered 😀🎉 in Paris. The match ended 2-1 on Sunday.\n\nShare on Facebook\n\n'
    + 'Fans cheered 😀🎉 in Paris. The match ended 3-1 on Sunday. Café owners smiled.\n\nAdvertisement\n');
  const all = join(scratch, 'all.txt');
  writeFileSync(all, texts.join('\n\n'));
  // The module has WebAssembly SIMD paths where the CLI has SSE2/AVX2 ones or plain code (word
  // masks 64 bytes at a time, 16-byte words, MinHash signatures, the tagger's lanes): words of
  // every length and make-up, in every script the analysis tells apart, across those boundaries.
  const mixed = join(scratch, 'mixed.txt');
  writeFileSync(mixed, mixedText(60_000));
  for (const file of [emoji, all, mixed, files[0]]) {
    const cli = JSON.parse(run(lede, ['analyze', '--compact', file], root));
    const out = inScratch(`
      import { readFileSync } from 'node:fs';
      import init, { analyze } from 'lede-analyzer';
      await init();
      console.log(JSON.stringify(analyze(readFileSync(${JSON.stringify(file)}, 'utf8'))));
    `);
    assert.ok(out.sentences.length > 0 && out.stats.sentenceDifficulty.length > 0, file);
    assert.equal(JSON.stringify(out), JSON.stringify(cli), file);
  }
});

test('analyzeAsync gives the Report of analyze, with the entities found on a worker', () => {
  const all = join(scratch, 'all-async.txt');
  // The test articles three times over (the later copies are repeats): over the 64 K characters
  // from which analyzeAsync asks its worker.
  const { texts } = articles();
  writeFileSync(all, [...texts, ...texts, ...texts].join('\n\n'));
  const out = inScratch(`
    import { readFileSync } from 'node:fs';
    import init, { analyze, analyzeAsync } from 'lede-analyzer';
    await init();
    const long = readFileSync(${JSON.stringify(all)}, 'utf8');
    const short = 'Dr. Amara Singh flew to Geneva on 3 May 2021.';
    const same = async (text, options) =>
      JSON.stringify(await analyzeAsync(text, options)) === JSON.stringify(analyze(text, options));
    const caught = async (f) => { try { await f(); return null; } catch (e) { return e.message; } };
    const [a, b] = await Promise.all([analyzeAsync(long), analyzeAsync(long + '\\n\\nMore from Paris.')]);
    console.log(JSON.stringify({
      length: long.length,
      entities: a.entities.length,
      long: await same(long),
      together: JSON.stringify(b) === JSON.stringify(analyze(long + '\\n\\nMore from Paris.')),
      keep: await same(long, { keep: ['Share on Facebook'], duplicates: false }),
      noEntities: await same(long, { entities: false }),
      short: await same(short),
      bad: await caught(() => analyzeAsync(long, { entities: 'no' })),
    }));
  `); // the process exits: the idle worker does not keep it alive
  assert.ok(out.length >= 64 * 1024 && out.entities > 100, JSON.stringify(out));
  assert.deepEqual(out, { ...out, long: true, together: true, keep: true, noEntities: true, short: true });
  assert.match(out.bad, /options\.entities must be true or false/);
});

test('bad input throws an Error with a clear message', () => {
  const out = inScratch(`
    import init, { analyze } from 'lede-analyzer';
    const caught = (f) => { try { f(); return null; } catch (e) { return { isError: e instanceof Error, message: e.message }; } };
    const early = caught(() => analyze('Too early.'));
    await init();
    console.log(JSON.stringify({
      early,
      number: caught(() => analyze(42)),
      options: caught(() => analyze('Fine text.', 'entities')),
      flag: caught(() => analyze('Fine text.', { entities: 'no' })),
      after: analyze('Still works after errors.').sentences.length,
    }));
  `);
  assert.equal(out.early.isError, true);
  assert.match(out.early.message, /call `await init\(\)` before analyze/);
  assert.equal(out.number.isError, true);
  assert.match(out.number.message, /text must be a string/);
  assert.equal(out.options.isError, true);
  assert.match(out.options.message, /options must be an object/);
  assert.equal(out.flag.isError, true);
  assert.match(out.flag.message, /options\.entities must be true or false/);
  assert.equal(out.after, 1);
});

test('init accepts the wasm bytes, and the element module imports quietly outside a browser', () => {
  const out = inScratch(`
    import { readFile } from 'node:fs/promises';
    const wasmPath = new URL(import.meta.resolve('lede-analyzer/lede_bg.wasm'));
    const { default: init, analyze } = await import('lede-analyzer');
    await init(await readFile(wasmPath));
    const element = await import('lede-analyzer/element');
    console.log(JSON.stringify({ sentences: analyze('One. Two.').sentences.length, exported: typeof element.LedeAnalyzerElement }));
  `);
  assert.equal(out.sentences, 2);
  assert.equal(out.exported, 'function');
});

/** `bytes` (about) of text from a fixed seed: sentences of words of 1 to 40 characters, ASCII or
 * not, some repeated or reworded, in paragraphs. */
function mixedText(bytes) {
  let seed = 0x9e3779b9;
  const next = (n) => {
    seed ^= seed << 13; seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5; seed >>>= 0;
    return seed % n;
  };
  const pick = (s) => { const a = [...s]; return a[next(a.length)]; };
  const kinds = [
    'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789', 'aeiouy-\'',
    'éèêëàâäçîïôöùûüñßøåæœ', 'ÉÀÇÑØÅ', '北京市政府今天宣布了新的预算', 'ЖЗИЙКЛМНОПжзийклмноп', 'قالالرئيس',
    '😀🎉👩🏽', '\u0301\u0308', '.,;:!?()"“”’–—/&%$€@#',
  ];
  const word = () => {
    const len = 1 + (next(4) === 0 ? next(40) : next(9));
    let w = '';
    const main = next(10) < 7 ? next(2) : next(kinds.length);
    for (let i = 0; i < len; i++) w += pick(kinds[next(6) === 0 ? next(kinds.length) : main]);
    return next(5) === 0 ? w[0].toUpperCase() + w.slice(1) : w;
  };
  const sentence = () => {
    const n = 3 + next(25);
    const words = [];
    for (let i = 0; i < n; i++) words.push(word());
    return words.join(next(12) === 0 ? '  ' : ' ') + pick('...!?') + (next(8) === 0 ? '"' : '');
  };
  const said = [];
  let out = '';
  while (out.length < bytes) {
    const sentences = [];
    for (let i = 1 + next(5); i > 0; i--) {
      const r = next(10);
      if (r === 0 && said.length) sentences.push(said[next(said.length)]);
      else if (r === 1 && said.length) sentences.push(said[next(said.length)].replace(/\S+/, word()));
      else { const s = sentence(); said.push(s); sentences.push(s); }
    }
    out += sentences.join(' ') + (next(4) === 0 ? '\n' : '\n\n');
  }
  return out;
}
