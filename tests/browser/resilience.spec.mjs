// Nothing breaks it, part 2: nothing is lost. A crashed analysis worker leaves the text in the
// editor and in the saved draft, says so, and "Try again" works (a small text is analyzed on the
// page's own thread instead); a JSON export opens again into the
// same view (text, kept passages, marks, repeats, junk, figures); a bad file says what is wrong and
// where, and leaves the text alone.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

// The page's service worker would answer worker.js from its cache, past page.route.
test.use({ serviceWorkers: 'block' });

const raw = (page, field) => page.locator(`.stat[data-field="${field}"] [data-value="raw"]`);
const DRAFT = 'lede.draft.v1';

/** A text above the worker threshold (50 KB): the sample article, numbered copies. */
async function bigText(page) {
  const sample = await page.getByLabel('Article text').inputValue();
  let big = '';
  for (let i = 0; big.length < 56_000; i++) big += `Part ${i}.\n\n${sample}\n\n`;
  return big.trim();
}

/** Puts a text in the editor as typing would (Playwright's fill is slow for a large text). */
function setText(page, text) {
  return page.evaluate((t) => {
    const area = document.getElementById('article-text');
    area.value = t;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
  }, text);
}

for (const [when, script, retry] of [
  ['while analyzing', "self.onmessage = (e) => { if (typeof e.data?.text === 'string' && e.data.text) throw new Error('simulated crash'); };", true],
  ['as it starts', "throw new Error('simulated crash');", false],
]) {
  test(`a worker that crashes ${when}: a clear error, the text kept${retry ? ', and a retry that works' : ''}`, async ({ page }) => {
    await page.route('**/worker.js', (route) => route.fulfill({ contentType: 'text/javascript', body: script }));
    await page.goto('/');
    await expect(page.locator('.sentence').first()).toBeVisible();
    // The sample is small: without a sound worker the page analyzes it itself, entities included.
    await expect(page.locator('.doc-body mark[data-label]').first()).toBeVisible();
    await expect(page.locator('.entities .empty')).toHaveCount(0);
    const big = await bigText(page);
    const area = page.getByLabel('Article text');
    await setText(page, big);
    const alert = page.locator('.error[role="alert"]');
    await expect(alert).toContainText('Lede could not analyze this text');
    await expect(alert).toContainText('simulated crash');
    await expect(alert).toContainText('Your text is safe');
    await expect(page.locator('.busy')).toHaveCount(0);
    await expect(area).toHaveValue(big);
    expect(await page.evaluate((k) => localStorage.getItem(k), DRAFT)).toBe(big);
    if (!retry) return;
    // Once the worker is sound again, "Try again" analyzes the text.
    await page.unroute('**/worker.js');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(alert).toHaveCount(0, { timeout: 30_000 });
    await expect.poll(async () => Number((await raw(page, 'words').textContent()).replace(/\D+/g, ''))).toBeGreaterThan(10_000);
    await expect(area).toHaveValue(big);
    // A reload finds the same draft.
    await page.reload();
    await expect(page.getByLabel('Article text')).toHaveValue(big);
  });
}

test('a worker that never answers: an export made meanwhile has the entities, and the page finds them itself', async ({ page }) => {
  await page.route('**/worker.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => {};' }));
  await page.goto('/');
  await expect(page.locator('.sentence').first()).toBeVisible();
  // Everything but the entities is shown at once; the entities wait for the worker.
  await expect(page.locator('.entities .empty')).toHaveText(/Finding names/);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-json"]')]);
  const report = JSON.parse(readFileSync(await json.path(), 'utf8'));
  expect(report.entities.map((e) => e.text)).toContain('Helen Castellano');
  // The export's full Report is shown too.
  await expect(page.locator('.doc-body mark[data-label]').first()).toBeVisible();
  expect(await page.locator('.doc-body mark[data-label]').count()).toBe(report.entities.length);
});

test('a worker that never answers: after a few seconds the page analyzes the text itself', async ({ page }) => {
  await page.route('**/worker.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => {};' }));
  await page.goto('/');
  await expect(page.locator('.sentence').first()).toBeVisible();
  await expect(page.locator('.entities .empty')).toHaveText(/Finding names/);
  await expect(page.locator('.doc-body mark[data-label="PER"]', { hasText: 'Helen Castellano' })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.entities .empty')).toHaveCount(0);
  await expect(page.locator('.error')).toHaveCount(0);
});

/** What the page shows: the document's text, marks, repeats, junk and figures. */
function view(page) {
  return page.evaluate(() => ({
    text: [...document.querySelectorAll('.doc-body .para')].map((p) => p.textContent),
    entities: [...document.querySelectorAll('.doc-body mark[data-label]')].map((m) => `${m.dataset.label}:${m.dataset.group}:${m.textContent}`),
    marked: [...document.querySelectorAll('.doc-body [data-kind]')].map((m) => `${m.dataset.kind}:${m.dataset.reason || ''}:${m.textContent}`),
    repeats: [...document.querySelectorAll('.repeats .dup')].map((d) => d.textContent),
    junk: [...document.querySelectorAll('.junk-list li')].map((d) => d.textContent),
    stats: [...document.querySelectorAll('.stat[data-field] [data-value]')].map((s) => `${s.closest('.stat').dataset.field}/${s.dataset.value}:${s.textContent}`),
  }));
}

test('a JSON export opens again into the same view; bad files are refused with the reason', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.sentence').first()).toBeVisible();
  // A keep choice, which the export must carry.
  const junk = page.locator('.junk-list li', { hasText: 'Subscribe' }).first();
  const junkCount = await page.locator('.junk-list li').count();
  await junk.getByRole('button', { name: /^Keep/ }).click();
  await expect(page.locator('.junk-list li')).toHaveCount(junkCount - 1);
  const expected = await view(page);
  // The choice is saved with the draft.
  await page.reload();
  await expect.poll(() => view(page)).toEqual(expected);
  const text = await page.getByLabel('Article text').inputValue();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-json"]')]);
  const saved = readFileSync(await download.path(), 'utf8');
  expect(JSON.parse(saved)).toMatchObject({ text, keep: [expect.stringContaining('Subscribe')] });

  // A fresh page with an empty draft and nothing kept.
  await page.evaluate((k) => { localStorage.setItem(k, ''); localStorage.removeItem('lede.kept.v1'); }, DRAFT);
  await page.reload();
  const area = page.getByLabel('Article text');
  await expect(area).toHaveValue('');
  await page.locator('#open-report').setInputFiles({ name: 'lede-report.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
  await expect(area).toHaveValue(text);
  await expect(page.locator('.notice')).toContainText('Opened lede-report.json');
  await expect.poll(() => view(page)).toEqual(expected);

  // Bad files: the reason and the place, and the text stays.
  const bad = [
    ['broken.json', '{"text": "x",\n  "keep": [1,]\n}', /broken\.json: it is not valid JSON .*line 2 column/],
    ['list.json', '[1, 2, 3]', /list\.json: it is not a Lede report \(a report is a JSON object\)/],
    ['keep.json', '{"text": "x", "keep": ["a", 7]}', /keep\.json: .*"keep"\[1\] is not a string/],
    ['other.json', '{"title": "not a report"}', /other\.json: .*neither "text" nor a "paragraphs" list/],
    ['empty.json', '', /empty\.json: it is not valid JSON .*line 1 column 0/],
  ];
  for (const [name, content, message] of bad) {
    await page.locator('#open-report').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    const alert = page.locator('.error[role="alert"]');
    await expect(alert).toHaveText(message);
    await expect(alert).toContainText('Your text is unchanged');
    await expect(alert.getByRole('button')).toHaveCount(0);
    await expect(area).toHaveValue(text);
  }
  expect(await page.evaluate((k) => localStorage.getItem(k), DRAFT)).toBe(text);

  // A report from the CLI or the JS API (no "text"): rebuilt from its paragraphs; dropped this time.
  const cli = JSON.parse(saved);
  delete cli.text;
  delete cli.keep;
  await page.getByLabel('Article text').fill('Something else entirely.');
  await page.evaluate((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'cli-report.json', { type: 'application/json' }));
    document.getElementById('article-text').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, JSON.stringify(cli));
  await expect(page.locator('.error[role="alert"]')).toHaveCount(0);
  const flat = (s) => s.replace(/\s+/g, ' ').trim();
  await expect.poll(async () => flat(await area.inputValue())).toBe(flat(text));
  // Undo brings back what was there before the report was opened.
  await page.click('[data-action="undo"]');
  await expect(area).toHaveValue('Something else entirely.');
});
