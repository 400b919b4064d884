// <lede-analyzer>: a web component that analyzes an article with Lede and shows it, in shadow DOM.
// Attributes: `text` (or the element's own text content), `layers` (any of "sentences entities
// boilerplate repeats"), `theme` ("light", "dark" or "auto"). Fires `lede-analyzed` with the Report
// as `detail`. Its styles are a constructable stylesheet adopted by each shadow root, so it works
// under `style-src 'self'`, and the only global it adds is the element's registration.
import init, { analyze } from './index.js';

const ALL_LAYERS = ['sentences', 'entities', 'boilerplate', 'repeats'];

const CSS = `
:host { display: block; contain: content; }
:host([hidden]) { display: none; }
.frame {
  all: initial;
  display: block;
  box-sizing: border-box;
  font-family: var(--lede-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--lede-font-size, 1rem);
  line-height: 1.6;
  color: var(--lede-fg);
  background: var(--lede-bg);
  border: 1px solid var(--lede-border);
  border-radius: var(--lede-radius, 8px);
  padding: 0.75em 1em;
  --lede-fg: #1c1f24; --lede-bg: #ffffff; --lede-muted: #5a6270; --lede-border: #d5d9e0;
  --lede-sentence: rgba(31, 79, 153, 0.07); --lede-boiler: #8a8f98; --lede-repeat: rgba(201, 120, 0, 0.18);
  --lede-per: #d8e6ff; --lede-loc: #d9f2df; --lede-org: #fbe2c8; --lede-misc: #ece0fb; --lede-num: #f4f0c0;
  --lede-other: #e3e7ec; --lede-mark-fg: #1c1f24; --lede-error: #a4262c;
}
.frame.dark {
  --lede-fg: #e6e8eb; --lede-bg: #16191e; --lede-muted: #a3aab5; --lede-border: #343a44;
  --lede-sentence: rgba(140, 180, 255, 0.10); --lede-boiler: #8a919c; --lede-repeat: rgba(255, 170, 60, 0.22);
  --lede-per: #27406b; --lede-loc: #24503a; --lede-org: #5c3d1c; --lede-misc: #473266; --lede-num: #4d4a1e;
  --lede-other: #363c46; --lede-mark-fg: #f1f3f5; --lede-error: #ff8a8f;
}
@media (prefers-color-scheme: dark) {
  .frame.auto {
    --lede-fg: #e6e8eb; --lede-bg: #16191e; --lede-muted: #a3aab5; --lede-border: #343a44;
    --lede-sentence: rgba(140, 180, 255, 0.10); --lede-boiler: #8a919c; --lede-repeat: rgba(255, 170, 60, 0.22);
    --lede-per: #27406b; --lede-loc: #24503a; --lede-org: #5c3d1c; --lede-misc: #473266; --lede-num: #4d4a1e;
    --lede-other: #363c46; --lede-mark-fg: #f1f3f5; --lede-error: #ff8a8f;
  }
}
.summary {
  display: flex; flex-wrap: wrap; gap: 0.25em 1em; margin: 0 0 0.6em; padding: 0;
  font-size: 0.85em; color: var(--lede-muted); list-style: none;
}
.summary li { display: inline; }
.summary b { color: var(--lede-fg); font-weight: 600; }
.doc { display: block; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.status { display: block; margin: 0; color: var(--lede-muted); font-style: italic; }
.status.error { color: var(--lede-error); font-style: normal; }
.sentence { border-radius: 3px; }
.sentence.odd { background: var(--lede-sentence); }
mark {
  display: inline; color: var(--lede-mark-fg); background: var(--lede-other);
  border-radius: 3px; padding: 0 0.1em; font: inherit;
}
mark[data-label="PER"] { background: var(--lede-per); }
mark[data-label="LOC"] { background: var(--lede-loc); }
mark[data-label="ORG"] { background: var(--lede-org); }
mark[data-label="MISC"] { background: var(--lede-misc); }
mark[data-label="DATE"], mark[data-label="TIME"], mark[data-label="MONEY"], mark[data-label="PERCENT"],
mark[data-label="QUANTITY"], mark[data-label="CARDINAL"], mark[data-label="ORDINAL"] { background: var(--lede-num); }
[data-kind="boilerplate"] { color: var(--lede-boiler); text-decoration: line-through; text-decoration-thickness: 1px; }
[data-kind="boilerplate"] mark { opacity: 0.7; }
[data-kind="repeat"] { background: var(--lede-repeat); border-bottom: 2px dotted currentColor; }
`;

let sharedSheet = null;
function styleSheet() {
  if (!sharedSheet) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(CSS);
  }
  return sharedSheet;
}

/** Text given as the element's content, with the indentation of the HTML source removed. */
function dedent(raw) {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** Drops spans that overlap an earlier kept one, so each layer nests cleanly. */
function nonOverlapping(spans) {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  let reach = -1;
  for (const s of sorted) {
    if (s.start >= reach) {
      kept.push(s);
      reach = s.end;
    }
  }
  return kept;
}

/** The visible layers, outermost first; each is a sorted list of non-overlapping spans. */
function layerSpans(report, layers) {
  const out = [];
  if (layers.has('repeats')) {
    out.push(nonOverlapping(report.duplicates.map((d) => ({
      start: d.repeat.start, end: d.repeat.end, tag: 'span',
      attrs: {
        'data-kind': 'repeat', 'data-level': d.level, 'data-match': d.kind,
        title: d.kind === 'exact' ? 'Repeats an earlier passage' : `Reworded repeat (${Math.round(d.similarity * 100)}% similar)`,
      },
    }))));
  }
  if (layers.has('boilerplate')) {
    out.push(nonOverlapping(report.boilerplate.map((b) => ({
      start: b.start, end: b.end, tag: 'span',
      attrs: { 'data-kind': 'boilerplate', 'data-reason': b.reason, title: `Boilerplate: ${b.reason}` },
    }))));
  }
  if (layers.has('sentences')) {
    out.push(nonOverlapping(report.sentences.map((s, i) => ({
      start: s.start, end: s.end, tag: 'span',
      attrs: { class: i % 2 ? 'sentence odd' : 'sentence', 'data-sentence': String(i) },
    }))));
  }
  if (layers.has('entities')) {
    out.push(nonOverlapping(report.entities.map((e) => ({
      start: e.start, end: e.end, tag: 'mark',
      attrs: { 'data-label': e.label, 'data-group': String(e.group), title: e.label },
    }))));
  }
  return out;
}

/** Renders `text` into `container`, nesting the layers' elements; a span crossing an outer one is split. */
function renderDocument(container, text, report, layers) {
  const levels = layerSpans(report, layers);
  const cuts = new Set([0, text.length]);
  for (const level of levels) {
    for (const s of level) {
      cuts.add(Math.min(s.start, text.length));
      cuts.add(Math.min(s.end, text.length));
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const cursor = levels.map(() => 0);
  const stack = []; // open elements: { level, span, el }
  const fragment = document.createDocumentFragment();
  for (let p = 0; p + 1 < points.length; p++) {
    const a = points[p];
    const b = points[p + 1];
    const wanted = [];
    levels.forEach((spans, level) => {
      while (cursor[level] < spans.length && spans[cursor[level]].end <= a) cursor[level]++;
      const s = spans[cursor[level]];
      if (s && s.start <= a && s.end >= b) wanted.push({ level, span: s });
    });
    let same = 0;
    while (same < stack.length && same < wanted.length && stack[same].span === wanted[same].span) same++;
    stack.length = same;
    for (const w of wanted.slice(same)) {
      const el = document.createElement(w.span.tag);
      for (const [name, value] of Object.entries(w.span.attrs)) el.setAttribute(name, value);
      (stack.length ? stack[stack.length - 1].el : fragment).append(el);
      stack.push({ ...w, el });
    }
    (stack.length ? stack[stack.length - 1].el : fragment).append(text.slice(a, b));
  }
  container.replaceChildren(fragment);
}

function summaryItem(count, one, many, field) {
  const li = document.createElement('li');
  const b = document.createElement('b');
  b.dataset.count = field;
  b.textContent = String(count);
  li.append(b, ` ${count === 1 ? one : many}`);
  return li;
}

// Outside a browser (server rendering, Node) importing this module defines nothing and does not fail.
const Base = globalThis.HTMLElement ?? class {};

class LedeAnalyzerElement extends Base {
  static observedAttributes = ['text', 'layers', 'theme'];

  #frame;
  #summary;
  #doc;
  #report = null;
  #analyzedText = null;
  #scheduled = false;
  #observer = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styleSheet()];
    this.#frame = document.createElement('div');
    this.#frame.setAttribute('part', 'frame');
    this.#summary = document.createElement('ul');
    this.#summary.className = 'summary';
    this.#summary.setAttribute('part', 'summary');
    this.#summary.setAttribute('aria-label', 'Analysis summary');
    this.#doc = document.createElement('div');
    this.#doc.className = 'doc';
    this.#doc.setAttribute('part', 'document');
    this.#frame.append(this.#summary, this.#doc);
    root.append(this.#frame);
    this.#applyTheme();
  }

  connectedCallback() {
    // Properties set on the element before this module defined it would hide the accessors.
    for (const name of ['text', 'layers', 'theme']) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    if (!this.#observer) {
      // Text given as content may be filled in after the element is upgraded.
      this.#observer = new MutationObserver(() => {
        if (!this.hasAttribute('text')) this.#schedule();
      });
    }
    this.#observer.observe(this, { childList: true, characterData: true, subtree: true });
    this.#schedule();
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    if (name === 'theme') this.#applyTheme();
    else this.#schedule();
  }

  /** The text to analyze: the `text` attribute, else the element's own text content. */
  get text() {
    return this.hasAttribute('text') ? this.getAttribute('text') : dedent(this.textContent || '');
  }

  set text(value) {
    this.setAttribute('text', String(value ?? ''));
  }

  /** The visible layers (a subset of sentences, entities, boilerplate, repeats). */
  get layers() {
    const attr = this.getAttribute('layers');
    if (attr === null) return new Set(ALL_LAYERS);
    return new Set(attr.split(/[\s,]+/).filter((l) => ALL_LAYERS.includes(l)));
  }

  set layers(value) {
    this.setAttribute('layers', Array.isArray(value) || value instanceof Set ? [...value].join(' ') : String(value));
  }

  get theme() {
    const t = this.getAttribute('theme');
    return t === 'light' || t === 'dark' ? t : 'auto';
  }

  set theme(value) {
    this.setAttribute('theme', value);
  }

  /** The last Report, or null before the first analysis. */
  get report() {
    return this.#report;
  }

  #applyTheme() {
    this.#frame.className = `frame ${this.theme}`;
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // Coalesce attribute changes made in the same task into one analysis.
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.#update();
    });
  }

  async #update() {
    const text = this.text;
    if (text === this.#analyzedText && this.#report) {
      this.#render(); // only the layers changed
      return;
    }
    if (!this.#report) this.#status('Analyzing…');
    try {
      await init();
    } catch (err) {
      this.#status(`Lede could not load its WebAssembly module: ${err?.message || err}`, true);
      this.dispatchEvent(new CustomEvent('lede-error', { detail: err, bubbles: true, composed: true }));
      return;
    }
    // The text changed while loading, or another update got there first: leave it to that one.
    if (text !== this.text || (text === this.#analyzedText && this.#report)) return;
    try {
      this.#report = analyze(text);
    } catch (err) {
      this.#status(`Lede could not analyze this text: ${err?.message || err}`, true);
      this.dispatchEvent(new CustomEvent('lede-error', { detail: err, bubbles: true, composed: true }));
      return;
    }
    this.#analyzedText = text;
    this.#render();
    this.dispatchEvent(new CustomEvent('lede-analyzed', { detail: this.#report, bubbles: true, composed: true }));
  }

  #status(message, isError = false) {
    const p = document.createElement('p');
    p.className = isError ? 'status error' : 'status';
    p.setAttribute('role', isError ? 'alert' : 'status');
    p.textContent = message;
    this.#summary.replaceChildren();
    this.#doc.replaceChildren(p);
  }

  #render() {
    const report = this.#report;
    const text = this.#analyzedText;
    const layers = this.layers;
    const stats = report.stats;
    const repeats = report.duplicates.length;
    this.#summary.replaceChildren(
      summaryItem(stats.raw.words, 'word', 'words', 'words'),
      summaryItem(report.sentences.length, 'sentence', 'sentences', 'sentences'),
      summaryItem(report.entities.length, 'entity', 'entities', 'entities'),
      summaryItem(report.boilerplate.length, 'boilerplate span', 'boilerplate spans', 'boilerplate'),
      summaryItem(repeats, 'repeat', 'repeats', 'repeats'),
      summaryItem(Math.ceil(stats.readingTimeSeconds / 60), 'min read', 'min read', 'minutes'),
    );
    if (!text) {
      this.#status('No text to analyze.');
      return;
    }
    renderDocument(this.#doc, text, report, layers);
  }
}

if (globalThis.customElements && !customElements.get('lede-analyzer')) customElements.define('lede-analyzer', LedeAnalyzerElement);

export { LedeAnalyzerElement };
