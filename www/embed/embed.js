// Lede's iframe embed: shows <lede-analyzer> for the text in the URL fragment
// (#text=...&layers=...&theme=...) or sent by the parent page with
// postMessage({type: 'lede-analyze', text, layers?, theme?}). It tells the parent when it is ready
// ({type: 'lede-ready'}), sends the Report back to whoever asked by message ({type: 'lede-report'}),
// and reports its height ({type: 'lede-resize'}) so the parent can size the frame. The text is never
// sent anywhere else: the fragment stays in the browser.
import '../lede/lede-analyzer-element.js';

const element = document.getElementById('lede');
const empty = document.getElementById('lede-empty');
const parentWindow = window.parent !== window ? window.parent : null;
let replyTo = null; // { source, origin } of the last message that asked for an analysis

function show({ text, layers, theme }) {
  if (typeof layers === 'string') element.setAttribute('layers', layers);
  if (theme === 'light' || theme === 'dark' || theme === 'auto') element.setAttribute('theme', theme);
  if (typeof text !== 'string' || text === '') {
    element.hidden = true;
    empty.hidden = false;
    return;
  }
  element.text = text;
  element.hidden = false;
  empty.hidden = true;
}

function fromFragment() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (!params.has('text')) return false;
  replyTo = null;
  show({ text: params.get('text'), layers: params.get('layers') ?? undefined, theme: params.get('theme') ?? undefined });
  return true;
}

window.addEventListener('message', (event) => {
  const data = event.data;
  if (!parentWindow || event.source !== parentWindow) return;
  if (!data || data.type !== 'lede-analyze' || typeof data.text !== 'string') return;
  replyTo = { source: event.source, origin: event.origin };
  const unchanged = element.report && !element.hidden && element.text === data.text;
  show(data);
  // The same text again is not analyzed again: answer with the Report already there.
  if (unchanged) element.dispatchEvent(new CustomEvent('lede-analyzed', { detail: element.report }));
});

element.addEventListener('lede-analyzed', (event) => {
  if (replyTo) {
    const target = replyTo.origin && replyTo.origin !== 'null' ? replyTo.origin : '*';
    replyTo.source.postMessage({ type: 'lede-report', report: event.detail }, target);
  }
});

// The height carries no text, so any parent may have it.
if (parentWindow) {
  let last = 0;
  new ResizeObserver(() => {
    // The content's own height (the document's scrollHeight never drops below the frame's).
    const height = Math.ceil(document.querySelector('main').getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      parentWindow.postMessage({ type: 'lede-resize', height }, '*');
    }
  }).observe(document.querySelector('main'));
}

window.addEventListener('hashchange', fromFragment);
fromFragment();
if (parentWindow) parentWindow.postMessage({ type: 'lede-ready' }, '*');
