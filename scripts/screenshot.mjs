// Takes a screenshot of the built app (dist/) with the sample article, for the README and for
// looking at the page as a user would: `node scripts/screenshot.mjs [out.png] [width] [dark]`.
import { chromium } from '@playwright/test';
import { spawn, execSync } from 'node:child_process';

const out = process.argv[2] || 'docs/screenshot.png';
const width = Number(process.argv[3] || 1400);
const dark = process.argv[4] === 'dark';
const port = 4174;
const server = spawn('node', ['scripts/serve.mjs', 'dist', String(port)], { stdio: 'ignore' });
const exe = process.env.LEDE_CHROMIUM || execSync('command -v chromium || command -v chromium-browser || command -v google-chrome', { shell: '/bin/sh' }).toString().trim();
try {
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width, height: 1000 }, colorScheme: dark ? 'dark' : 'light' });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator('.sentence').first().waitFor();
  await page.screenshot({ path: out, fullPage: false });
  await browser.close();
  console.log(`wrote ${out}`);
} finally {
  server.kill();
}
