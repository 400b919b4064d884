// The embeds under the strict CSP: the demo host page (/demo/) with two <lede-analyzer> components
// and the iframe embed (/embed/). Needs the site built with scripts/embed-build.sh.
import { test, expect } from '@playwright/test';

/** Records CSP violations and `lede-analyzed` events in every frame, before any page script runs. */
async function watch(page) {
  const refused = [];
  page.on('console', (msg) => {
    if (/Refused to|Content.Security.Policy/i.test(msg.text())) refused.push(msg.text());
  });
  page.on('pageerror', (err) => refused.push(`page error: ${err.message}`));
  page.on('response', (res) => { if (res.status() >= 400) refused.push(`HTTP ${res.status()} ${res.url()}`); });
  await page.addInitScript(() => {
    window.__violations = [];
    window.__analyzed = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
    document.addEventListener('lede-analyzed', (e) => {
      const r = e.detail;
      window.__analyzed.push({
        id: e.target.id,
        version: r.version,
        sentences: r.sentences.length,
        entities: r.entities.length,
        boilerplate: r.boilerplate.length,
        duplicates: r.duplicates.length,
        words: r.stats.raw.words,
        firstSentence: r.sentences[0]?.text,
      });
    });
  });
  return refused;
}

async function violations(page) {
  const all = [];
  for (const frame of page.frames()) all.push(...(await frame.evaluate(() => window.__violations || [])));
  return all;
}

/** Computed styles of the host page's own elements. */
function hostStyles(page) {
  return page.evaluate(() => {
    const pick = (sel, props) => {
      const cs = getComputedStyle(document.querySelector(sel));
      return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    };
    return {
      mark: pick('#host-mark', ['display']),
      note: pick('#host-note', ['color', 'font-style', 'letter-spacing', 'font-family']),
      span: pick('#host-span', ['text-decoration-line']),
      body: pick('body', ['background-color', 'color', 'font-family', 'line-height']),
      sheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
    };
  });
}

test('the demo page: two independent components and the iframe, under the CSP, host styles intact', async ({ page }) => {
  // The host page's own look without the component, to compare with afterwards.
  await page.route('**/lede/**', (route) => route.abort());
  await page.goto('/demo/');
  const before = await hostStyles(page);
  await page.unroute('**/lede/**');

  const refused = await watch(page);
  await page.goto('/demo/');
  await page.waitForFunction(() => window.__analyzed.length >= 2);
  const first = page.locator('#first');
  const second = page.locator('#second');
  const frame = page.frameLocator('#frame');

  // Each component analyzed its own text.
  const events = await page.evaluate(() => window.__analyzed);
  const byId = Object.fromEntries(events.map((e) => [e.id, e]));
  expect(byId.first).toMatchObject({ version: 1, sentences: 11, boilerplate: 5, duplicates: 1 });
  expect(byId.second).toMatchObject({ version: 1, sentences: 3, boilerplate: 0, duplicates: 0 });
  expect(byId.second.firstSentence).toBe('Dr. Amara Singh joined the World Health Organization in Geneva on 3 May 2021.');
  await expect(first.locator('[data-count="sentences"]')).toHaveText('11');
  await expect(second.locator('[data-count="sentences"]')).toHaveText('3');
  const sentenceIds = await first.evaluate((el) => new Set([...el.shadowRoot.querySelectorAll('.sentence')].map((s) => s.dataset.sentence)).size);
  expect(sentenceIds).toBe(11);
  expect(await first.locator('[data-kind="boilerplate"]').count()).toBe(5);
  await expect(first.locator('[data-kind="boilerplate"][data-reason="share"]').first()).toHaveText('Share on Facebook');
  await expect(first.locator('[data-kind="repeat"]')).toHaveCount(1);
  await expect(first.locator('mark[data-label="PER"]').first()).toHaveText('Marta Okonkwo');
  // The second shows entities only (layers="entities") and has the dark theme.
  await expect(second.locator('.sentence')).toHaveCount(0);
  await expect(second.locator('[data-kind]')).toHaveCount(0);
  await expect(second.locator('mark[data-label="ORG"]')).toHaveText('World Health Organization');
  expect(await second.locator('mark').count()).toBe(byId.second.entities);
  const rendered = await second.evaluate((el) => el.shadowRoot.querySelector('.doc').textContent);
  expect(rendered.startsWith('Dr. Amara Singh joined')).toBe(true);

  // The host's styles do not reach inside the shadow roots ...
  const inside = await first.evaluate((el) => {
    const root = el.shadowRoot;
    const cs = (node) => getComputedStyle(node);
    const mark = root.querySelector('mark');
    const sentence = root.querySelector('.sentence');
    const frameEl = root.querySelector('.frame');
    return {
      markDisplay: cs(mark).display,
      markVisible: mark.getBoundingClientRect().width > 0,
      sentenceDecoration: cs(sentence).textDecorationLine,
      sentenceOutline: cs(sentence).outlineStyle,
      color: cs(frameEl).color,
      fontStyle: cs(frameEl).fontStyle,
      letterSpacing: cs(frameEl).letterSpacing,
      background: cs(frameEl).backgroundColor,
      styleElements: root.querySelectorAll('style, [style]').length,
    };
  });
  expect(inside).toEqual({
    markDisplay: 'inline', markVisible: true, sentenceDecoration: 'none', sentenceOutline: 'none',
    color: 'rgb(28, 31, 36)', fontStyle: 'normal', letterSpacing: 'normal', background: 'rgb(255, 255, 255)',
    styleElements: 0,
  });
  const darkBackground = await second.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.frame')).backgroundColor);
  expect(darkBackground).toBe('rgb(22, 25, 30)');
  // ... and the component leaves the host's styles as they were.
  expect(await hostStyles(page)).toEqual(before);
  expect(before.mark.display).toBe('none');
  expect(before.note.color).toBe('rgb(255, 0, 0)');

  // The iframe shows the analysis of the text in its URL fragment.
  const embedded = frame.locator('lede-analyzer');
  await expect(embedded.locator('[data-count="sentences"]')).toHaveText('3');
  await expect(embedded.locator('mark[data-label="LOC"]')).toHaveText('Portland');
  await expect(embedded.locator('[data-kind="boilerplate"]')).toHaveText('Follow us on Instagram');
  await expect(frame.locator('#lede-empty')).toBeHidden();
  // The embed reports its height and the demo sizes the frame to it (12rem before).
  const contentHeight = await frame.locator('main').evaluate((m) => Math.ceil(m.getBoundingClientRect().height));
  await expect.poll(async () => (await page.locator('#frame').boundingBox()).height).toBeLessThan(contentHeight + 8);

  // The demo logs each component's event on the page.
  await expect(page.locator('#first-events')).toContainText('11 sentences');
  await expect(page.locator('#second-events')).toContainText('3 sentences');

  expect(refused).toEqual([]);
  expect(await violations(page)).toEqual([]);
});

test('after load, analyzing text makes no network request', async ({ page }) => {
  const refused = await watch(page);
  await page.goto('/demo/');
  await page.waitForFunction(() => window.__analyzed.length >= 2);
  await expect(page.frameLocator('#frame').locator('[data-count="sentences"]')).toHaveText('3');

  const requests = [];
  page.on('request', (req) => requests.push(req.url()));

  // A new text typed into the page, analyzed by the first component.
  await page.locator('#try-text').fill('A fresh text. It has three sentences. The last one is short!');
  await page.locator('#try-button').click();
  await expect(page.locator('#first [data-count="sentences"]')).toHaveText('3');
  // A new text set on the second component by script, and a new layer set.
  await page.locator('#second').evaluate((el) => {
    el.text = 'Paris and Berlin signed the treaty. Rome did not.';
    el.layers = 'sentences entities';
  });
  await expect(page.locator('#second [data-count="sentences"]')).toHaveText('2');
  await expect(page.locator('#second .sentence')).toHaveCount(2);
  // A text sent to the iframe with postMessage; the embed answers with the Report.
  const reply = await page.evaluate(() => new Promise((resolve) => {
    const frame = document.getElementById('frame');
    window.addEventListener('message', (event) => {
      if (event.source === frame.contentWindow && event.data?.type === 'lede-report') resolve(event.data.report);
    });
    frame.contentWindow.postMessage({ type: 'lede-analyze', text: 'One line here. Another line there.' }, location.origin);
  }));
  expect(reply.sentences.map((s) => s.text)).toEqual(['One line here.', 'Another line there.']);
  await expect(page.frameLocator('#frame').locator('[data-count="sentences"]')).toHaveText('2');

  const events = await page.evaluate(() => window.__analyzed.map((e) => `${e.id}:${e.sentences}`));
  expect(events).toEqual(expect.arrayContaining(['first:3', 'second:2']));
  expect(requests).toEqual([]);
  expect(refused).toEqual([]);
  expect(await violations(page)).toEqual([]);
});

test('the iframe embed on its own: fragment text, then a new fragment', async ({ page }) => {
  const refused = await watch(page);
  const text = 'Astronauts 👩‍🚀 landed in Houston on Tuesday. NASA said the mission went well.';
  await page.goto(`/embed/#text=${encodeURIComponent(text)}&theme=dark`);
  const element = page.locator('lede-analyzer');
  await expect(element.locator('[data-count="sentences"]')).toHaveText('2');
  const report = await element.evaluate((el) => el.report);
  // UTF-16 offsets: the second sentence starts where String.prototype.indexOf finds it.
  expect(report.sentences[1].start).toBe(text.indexOf('NASA'));
  expect(await element.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.frame')).backgroundColor))
    .toBe('rgb(22, 25, 30)');
  await page.evaluate(() => { location.hash = '#text=' + encodeURIComponent('Only one sentence here.'); });
  await expect(element.locator('[data-count="sentences"]')).toHaveText('1');
  await page.goto('/embed/');
  await expect(page.locator('#lede-empty')).toBeVisible();
  expect(refused).toEqual([]);
  expect(await violations(page)).toEqual([]);
});

test('theme: auto follows the colour scheme, the attribute overrides it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/embed/#text=${encodeURIComponent('Night mode. Two sentences.')}`);
  const element = page.locator('lede-analyzer');
  await expect(element.locator('[data-count="sentences"]')).toHaveText('2');
  const background = () => element.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.frame')).backgroundColor);
  expect(await background()).toBe('rgb(22, 25, 30)');
  await element.evaluate((el) => { el.theme = 'light'; });
  expect(await background()).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'light' });
  await element.evaluate((el) => { el.removeAttribute('theme'); });
  expect(await background()).toBe('rgb(255, 255, 255)');
  await element.evaluate((el) => { el.theme = 'dark'; });
  expect(await background()).toBe('rgb(22, 25, 30)');
});

test('elements created by script, before and after the definition, each analyze their own text', async ({ page }) => {
  await watch(page);
  await page.goto('/embed/');
  await page.waitForFunction(() => customElements.get('lede-analyzer') !== undefined);
  const counts = await page.evaluate(async () => {
    const made = [];
    for (const text of ['One.', 'One. Two.', 'One. Two. Three.']) {
      const el = document.createElement('lede-analyzer');
      el.text = text;
      el.layers = 'sentences';
      made.push(new Promise((resolve) => el.addEventListener('lede-analyzed', (e) => resolve(e.detail.sentences.length), { once: true })));
      document.body.append(el);
    }
    return Promise.all(made);
  });
  expect(counts).toEqual([1, 2, 3]);
  const rendered = await page.locator('lede-analyzer:not(#lede)').evaluateAll((els) => els.map((el) => el.shadowRoot.querySelectorAll('.sentence').length));
  expect(rendered).toEqual([1, 2, 3]);
});

test('properties set before the element is defined are kept', async ({ page }) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  // Hold the component's module back until an element has been made and given its text.
  await page.route('**/lede/lede-analyzer-element.js', async (route) => { await held; await route.continue(); });
  // Module scripts run before DOMContentLoaded, so only wait for the body to be parsed.
  await page.goto('/embed/', { waitUntil: 'commit' });
  await page.waitForFunction(() => document.getElementById('lede-empty') !== null);
  await page.evaluate(() => {
    const el = document.createElement('lede-analyzer');
    el.id = 'early';
    el.text = 'Set early. Kept after the upgrade.';
    el.theme = 'dark';
    document.body.append(el);
  });
  expect(await page.evaluate(() => customElements.get('lede-analyzer'))).toBeUndefined();
  release();
  const early = page.locator('#early');
  await expect(early.locator('[data-count="sentences"]')).toHaveText('2');
  expect(await early.evaluate((el) => [el.getAttribute('text'), el.getAttribute('theme')]))
    .toEqual(['Set early. Kept after the upgrade.', 'dark']);
});
