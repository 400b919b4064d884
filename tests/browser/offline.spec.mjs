// The installable, offline app under the strict CSP: the manifest and icons are served, the
// service worker precaches the build, and after one visit the app reloads and analyzes offline.
import { test, expect } from '@playwright/test';

test('no CSP violation and a valid manifest', async ({ page }) => {
  const violations = [];
  page.on('console', (msg) => { if (/Content.Security.Policy|Refused to/i.test(msg.text())) violations.push(msg.text()); });
  await page.goto('/');
  await expect(page.locator('.sentence').first()).toBeVisible();
  expect(violations).toEqual([]);
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  const sizes = manifest.icons.map((i) => `${i.sizes}:${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '192x192:maskable', '512x512:maskable']));
  for (const icon of manifest.icons) expect((await page.request.get('/' + icon.src)).status()).toBe(200);
});

test('works offline after the first visit', async ({ page, context }) => {
  await page.goto('/');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  // The first load is not controlled yet; reload once so the worker serves the page.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const cacheNames = await page.evaluate(() => caches.keys());
  expect(cacheNames.some((n) => /^lede-[0-9a-f]{16}$/.test(n))).toBe(true);
  await context.setOffline(true);
  await page.reload();
  const area = page.getByLabel('Article text');
  await area.fill('Offline now. Still analyzing!');
  await expect(page.locator('.stat[data-field="sentences"] [data-value="clean"]')).toHaveText('2');
  await context.setOffline(false);
});

test('a new deployment shows an "update available" prompt that reloads into it', async ({ page }) => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const dist = process.env.LEDE_DIST || 'dist';
  const swPath = `${dist}/sw.js`;
  const original = readFileSync(swPath, 'utf8');
  await page.goto('/');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  try {
    // Deploy a "new version": the service worker's bytes change, so the browser installs it.
    writeFileSync(swPath, original.replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-next'"));
    await page.evaluate(async () => { const reg = await navigator.serviceWorker.getRegistration(); await reg.update(); });
    const bar = page.locator('#lede-update');
    await expect(bar).toBeVisible({ timeout: 15_000 });
    await expect(bar).toContainText('A new version of Lede is available');
    await Promise.all([page.waitForEvent('load'), bar.getByRole('button', { name: 'Reload' }).click()]);
    const caches = await page.evaluate(() => caches.keys());
    await expect.poll(async () => page.evaluate(() => caches.keys())).toEqual([expect.stringMatching(/-next$/)]);
    expect(caches.length).toBeGreaterThan(0);
  } finally {
    writeFileSync(swPath, original);
  }
});
