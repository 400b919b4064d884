// Renders the app icons (www/icons/*.svg) to the PNG sizes the web app manifest lists, with the
// system's Chromium: `node scripts/gen_icons.mjs`. The PNGs are committed; rerun after editing an SVG.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { launchOptions } from './chromium.mjs';

const browser = await chromium.launch(launchOptions());
for (const [svg, name] of [['icon.svg', 'icon'], ['icon-maskable.svg', 'icon-maskable']]) {
  const data = readFileSync(`www/icons/${svg}`, 'utf8');
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${data.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    await page.screenshot({ path: `www/icons/${name}-${size}.png`, omitBackground: true });
    await page.close();
    console.log(`www/icons/${name}-${size}.png`);
  }
}
await browser.close();
