// Takes a screenshot of the built app (dist/) with the sample article, for the README and for
// looking at the page as a user would: `node scripts/screenshot.mjs [out.png] [width] [dark]`.
import { chromium } from '@playwright/test';
import { launchOptions, serve } from './chromium.mjs';

const out = process.argv[2] || 'docs/screenshot.png';
const width = Number(process.argv[3] || 1400);
const dark = process.argv[4] === 'dark';
const port = 4174;
const server = await serve('dist', port);
try {
  const browser = await chromium.launch(launchOptions());
  const page = await browser.newPage({ viewport: { width, height: 1000 }, colorScheme: dark ? 'dark' : 'light' });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator('.sentence').first().waitFor();
  await page.screenshot({ path: out, fullPage: false });
  await browser.close();
  console.log(`wrote ${out}`);
} finally {
  server.kill();
}
