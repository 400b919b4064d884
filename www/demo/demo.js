// The embed demo host page (www/demo/): loads the <lede-analyzer> component, logs each
// component's `lede-analyzed` event on the page, sizes the iframe from the embed's `lede-resize`
// messages, and lets the visitor re-analyze their own text in the first component.
import '../lede/lede-analyzer-element.js';

for (const element of document.querySelectorAll('lede-analyzer')) {
  const log = document.getElementById(`${element.id}-events`);
  element.addEventListener('lede-analyzed', (event) => {
    const report = event.detail;
    const n = (count, one, many) => `${count} ${count === 1 ? one : many}`;
    log.textContent = `lede-analyzed: ${n(report.sentences.length, 'sentence', 'sentences')}, `
      + `${n(report.entities.length, 'entity', 'entities')}, `
      + `${n(report.boilerplate.length, 'boilerplate span', 'boilerplate spans')}, `
      + `${n(report.duplicates.length, 'repeat', 'repeats')}.`;
  });
}

const frame = document.getElementById('frame');
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || event.origin !== location.origin) return;
  if (event.data?.type === 'lede-resize' && Number.isFinite(event.data.height)) {
    frame.style.height = `${Math.min(Math.max(event.data.height, 80), 1200)}px`;
  }
});

document.getElementById('try-button').addEventListener('click', () => {
  document.getElementById('first').text = document.getElementById('try-text').value;
});
