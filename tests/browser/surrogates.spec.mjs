// Strings a browser can hold but UTF-8 cannot: lone surrogates (half an emoji, cut by a careless
// script or a broken copy). The app, the JS API and the web component must analyze such a text
// without an error, keep the user's text exactly as it was, and give offsets that fit it.
import { test, expect } from '@playwright/test';

const LONE = 'Paris is calm \uD800 today. The mayor of Lisbon \uDC00 spoke on Monday.\n\nHalf an emoji: \uD83D and its other half \uDE00 apart. \uDBFF';

test('the app keeps a text with lone surrogates and analyzes it', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('/');
  await expect(page.locator('.sentence').first()).toBeVisible();
  await page.evaluate((text) => {
    const area = document.getElementById('article-text');
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
  }, LONE);
  await expect(page.locator('.stat[data-field="paragraphs"] [data-value="clean"]')).toHaveText('2');
  await expect(page.locator('.sentence', { hasText: 'The mayor of Lisbon' })).toHaveCount(1);
  // The editor still holds the very same string, lone halves included.
  expect(await page.evaluate(() => document.getElementById('article-text').value)).toBe(LONE);
  expect(errors).toEqual([]);
});

test('the JS API and the web component give offsets that fit a text with lone surrogates', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/demo/');
  const result = await page.evaluate(async (text) => {
    const { default: init, analyze } = await import('/lede/index.js');
    await init();
    const r = analyze(text);
    const spans = [...r.paragraphs, ...r.sentences, ...r.entities];
    const fits = spans.every((s) => 0 <= s.start && s.start <= s.end && s.end <= text.length && s.text.length === s.end - s.start);
    const el = document.getElementById('first');
    const event = new Promise((resolve) => el.addEventListener('lede-analyzed', (e) => resolve(e.detail), { once: true }));
    el.text = text;
    const fromElement = await event;
    return {
      fits,
      sentences: r.sentences.length,
      names: r.entities.filter((e) => e.label === 'LOC').map((e) => e.text),
      elementSentences: fromElement.sentences.length,
    };
  }, LONE);
  expect(result.fits).toBe(true);
  expect(result.sentences).toBeGreaterThanOrEqual(3);
  expect(result.names).toContain('Lisbon');
  expect(result.elementSentences).toBe(result.sentences);
  expect(errors).toEqual([]);
});

test('analyzeAsync in a page gives the Report of analyze, a long text included', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/demo/');
  const result = await page.evaluate(async (text) => {
    const { default: init, analyze, analyzeAsync } = await import('/lede/index.js');
    await init();
    // Over the 64 K characters from which it asks a worker (or, where the page's policy allows
    // none, finds the entities itself).
    const long = Array.from({ length: 500 }, (_, i) => `${text} Item ${i} was filed in Geneva on ${i % 28 + 1} May 2021.`).join('\n\n');
    const same = async (t) => JSON.stringify(await analyzeAsync(t)) === JSON.stringify(analyze(t));
    return { length: long.length, long: await same(long), short: await same(text), entities: analyze(long).entities.length };
  }, LONE);
  expect(result.length).toBeGreaterThan(64 * 1024);
  expect(result.entities).toBeGreaterThan(400);
  expect(result.long).toBe(true);
  expect(result.short).toBe(true);
  expect(errors).toEqual([]);
});

