// The page as a newsroom user sees it: the sample article's repeats, junk, entities and figures;
// layers that switch; exports that contain what the page shows; removals that undo; the worker
// path for a 1 MB paste; and no accessibility violations (axe-core) in either theme.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';

const clean = (page, field) => page.locator(`.stat[data-field="${field}"] [data-value="clean"]`);
const raw = (page, field) => page.locator(`.stat[data-field="${field}"] [data-value="raw"]`);

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.sentence').first()).toBeVisible();
});

test('the sample shows its repeats, junk, entities and statistics', async ({ page }) => {
  const doc = page.locator('.doc-body');
  await expect(doc.locator('[data-kind="repeat"]')).not.toHaveCount(0);
  await expect(doc.locator('[data-kind="near-repeat"]')).not.toHaveCount(0);
  await expect(doc.locator('[data-kind="boilerplate"]').first()).toBeVisible();
  for (const label of ['PER', 'LOC', 'ORG', 'DATE', 'MONEY']) {
    await expect(doc.locator(`mark[data-label="${label}"]`).first()).toBeVisible();
  }
  await expect(doc.locator('mark[data-label="PER"]', { hasText: 'Helen Castellano' })).toBeVisible();
  // The reworded paragraph's conflict is shown in the repeats panel.
  const near = page.locator('.repeats .dup[data-kind="near-repeat"]').first();
  await expect(near.locator('.conflicts')).toContainText('40,000');
  await expect(near.locator('.conflicts')).toContainText('45,000');
  await near.locator('summary').click();
  await expect(near.locator('.diff-body del')).toContainText('40,000');
  // Junk panel lists reasons; clean figures are below the raw ones.
  await expect(page.locator('.junk-list [data-reason="share"]').first()).toBeVisible();
  const words = Number(await clean(page, 'words').textContent());
  const rawWords = Number((await raw(page, 'words').textContent()).replace(/\D+/g, ''));
  expect(words).toBeGreaterThan(200);
  expect(rawWords).toBeGreaterThan(words);
  for (const f of ['fleschReadingEase', 'gunningFog', 'smog', 'colemanLiau', 'daleChall', 'lix', 'consensusGrade']) {
    await expect(page.locator(`dl dt`, { hasText: new RegExp(`^${f}$`) })).toHaveCount(1);
  }
});

test('layers switch on and off, and a mention group highlights all its mentions', async ({ page }) => {
  const body = page.locator('.doc-body');
  await expect(body).toHaveClass(/show-entities/);
  await page.getByLabel('Entities', { exact: true }).uncheck();
  await expect(body).not.toHaveClass(/show-entities/);
  await page.getByLabel('Entities', { exact: true }).check();
  const item = page.locator('.entities .ent-item[data-label="PER"]', { hasText: 'Castellano' }).first();
  await item.click();
  await expect(item).toHaveAttribute('aria-pressed', 'true');
  const group = await item.getAttribute('data-group');
  const marks = page.locator(`.doc-body mark[data-label="PER"][data-group="${group}"]`);
  const n = await marks.count();
  expect(n).toBeGreaterThan(1);
  await expect(page.locator('.doc-body mark.selected')).toHaveCount(n);
});

test('exports contain what the page shows', async ({ page }) => {
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-json"]')]);
  const report = JSON.parse(readFileSync(await json.path(), 'utf8'));
  const shownWords = Number(await clean(page, 'words').textContent());
  expect(report.stats.words).toBe(shownWords);
  expect(report.entities.length).toBe(await page.locator('.doc-body mark[data-label]').count());
  const [md] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-md"]')]);
  const markdown = readFileSync(await md.path(), 'utf8');
  expect(markdown).toContain(`| words | ${shownWords} |`);
  expect(markdown).toContain('Helen Castellano');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-csv"]')]);
  const rows = readFileSync(await csv.path(), 'utf8').trim().split('\n');
  expect(rows[0]).toBe('label,text,start,end,group');
  expect(rows.length - 1).toBe(report.entities.length);
});

test('removing junk and undoing it', async ({ page }) => {
  const area = page.getByLabel('Article text');
  const before = await area.inputValue();
  await page.getByRole('button', { name: 'Remove all junk' }).click();
  await expect(area).not.toHaveValue(/Share on Facebook/);
  await expect(page.locator('.junk-list')).toHaveCount(0);
  await page.click('[data-action="undo"]');
  await expect(area).toHaveValue(before);
});

test('pasted HTML becomes text with its paragraphs, scripts dropped', async ({ page }) => {
  const area = page.getByLabel('Article text');
  await area.fill('');
  await area.focus();
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/html', '<h1>Storm hits coast</h1><p>The storm hit <b>Lisbon</b> on Monday.</p><script>alert(1)</script><p>Crews worked overnight.</p>');
    dt.setData('text/plain', 'Storm hits coast The storm hit Lisbon on Monday. Crews worked overnight.');
    document.getElementById('article-text').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(area).toHaveValue('Storm hits coast\n\nThe storm hit Lisbon on Monday.\n\nCrews worked overnight.');
  await expect(clean(page, 'paragraphs')).toHaveText('3');
});

test('a 1 MB paste is analyzed in the worker and rendered', async ({ page }) => {
  const sample = await page.getByLabel('Article text').inputValue();
  let big = '';
  for (let i = 0; big.length < 1_000_000; i++) big += sample.replaceAll('Castellano', `Castellano${i % 7 ? '' : ' Jr.'}`) + `\n\nSection ${i} ends here.\n\n`;
  await page.getByLabel('Article text').focus();
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.getElementById('article-text').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, big);
  await expect(page.locator('.busy')).toBeVisible();
  await expect(page.locator('.busy')).toHaveCount(0, { timeout: 30_000 });
  // The editor shows the beginning, read-only; the analysis covers all of it.
  await expect(page.getByLabel('Article text')).toHaveAttribute('readonly');
  await expect(page.locator('#large-note')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('lede.draft.v1').length)).toBe(big.length);
  const words = Number((await raw(page, 'words').textContent()).replace(/\D+/g, ''));
  expect(words).toBeGreaterThan(100_000);
  await expect(page.locator('.doc-body .more')).toBeVisible();
});

for (const theme of ['light', 'dark']) {
  test(`axe finds no violations in the ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.reload();
    await expect(page.locator('.sentence').first()).toBeVisible();
    await page.locator('.repeats details summary').first().click();
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0]?.target})`);
    expect(summary).toEqual([]);
  });
}

test('narrow screens: nothing overflows at 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.reload();
  await expect(page.locator('.sentence').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('keeping a flagged line unflags it and keeps it in the clean article', async ({ page }) => {
  const item = page.locator('.junk-list li', { hasText: 'Subscribe' }).first();
  await expect(item).toBeVisible();
  const before = await page.locator('.junk-list li').count();
  await item.getByRole('button', { name: /^Keep/ }).click();
  await expect(page.locator('.junk-list li')).toHaveCount(before - 1);
  await expect(page.locator('.junk-list li', { hasText: /^.*Subscribe$/ })).toHaveCount(0);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-json"]')]);
  const report = JSON.parse(readFileSync(await json.path(), 'utf8'));
  expect(report.cleanText).toContain('Subscribe');
});
