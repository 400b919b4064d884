// The app in headless Chromium: it loads with the sample article, analyzes what is typed, shows
// the counts, keeps the draft across a reload, and sends nothing over the network while analyzing.
import { test, expect } from '@playwright/test';

const stat = (page, field) => page.locator(`.stat[data-field="${field}"] [data-value="clean"]`);

test('loads with the sample article analyzed', async ({ page }) => {
  await page.goto('/');
  const area = page.getByLabel('Article text');
  await expect(area).toBeVisible();
  await expect(area).toHaveValue(/flood barrier/);
  await expect(page.locator('.sentence').first()).toBeVisible();
  expect(Number(await stat(page, 'words').textContent())).toBeGreaterThan(300);
  await expect(page.locator('dl dt', { hasText: 'words' }).first()).toBeVisible();
});

test('typing updates sentences and counts', async ({ page }) => {
  await page.goto('/');
  const area = page.getByLabel('Article text');
  await area.fill('The council met on Tuesday. It approved the plan, 7 votes to 2! Was it wise?\n\nA second paragraph follows.');
  await expect(stat(page, 'sentences')).toHaveText('4');
  await expect(stat(page, 'paragraphs')).toHaveText('2');
  await expect(stat(page, 'words')).toHaveText('20');
  await expect(page.locator('.sentence')).toHaveCount(4);
  await expect(page.locator('.sentence').nth(1)).toHaveText('It approved the plan, 7 votes to 2!');
});

test('the draft survives a reload and analysis makes no network request', async ({ page, context }) => {
  await page.goto('/');
  // Let the page finish loading, including the service worker's precache of the app itself.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForLoadState('networkidle');
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const area = page.getByLabel('Article text');
  await area.fill('Draft text that must survive. Written in Lisbon.');
  await expect(stat(page, 'sentences')).toHaveText('2');
  expect(requests).toEqual([]);
  await page.reload();
  await expect(page.getByLabel('Article text')).toHaveValue('Draft text that must survive. Written in Lisbon.');
});

test('text with emoji, CJK and Persian is analyzed without loss', async ({ page }) => {
  await page.goto('/');
  const text = 'Hello 😀 world. 北京欢迎你。 سلام دنیا. Done!';
  await page.getByLabel('Article text').fill(text);
  await expect(stat(page, 'paragraphs')).toHaveText('1');
  const shown = await page.locator('.doc-body p').first().textContent();
  expect(shown).toBe(text);
});

test('hard sentences are tinted where they are, also after a junk line', async ({ page }) => {
  await page.goto('/');
  const area = page.getByLabel('Article text');
  const hard = 'Notwithstanding considerable administrative complications, the intergovernmental commission unanimously recommended comprehensive infrastructural modernization throughout metropolitan municipalities, prioritizing environmentally sustainable transportation alternatives.';
  // The junk line is left out of the clean text, so the clean figures' offsets differ from the
  // document's: the tint must follow the sentence as shown.
  await area.fill(`Share on Facebook\n\nThe council met on Tuesday.\n\n${hard}\n\nIt was late.`);
  await expect(page.locator('.sentence.very-hard')).toHaveCount(1);
  await expect(page.locator('.sentence.very-hard')).toHaveText(hard);
  await expect(page.locator('.sentence.hard')).toHaveCount(0);
});
