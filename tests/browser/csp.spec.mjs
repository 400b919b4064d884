// Nothing breaks it, part 3: the strict Content Security Policy. The app, the iframe embed and the
// demo page carry it as a <meta> tag (so it holds on any static host) and scripts/serve.mjs sends it
// as a header with frame-ancestors; everything works under it with zero violations, and the <meta>
// alone blocks inline script and other origins.
import { test, expect } from '@playwright/test';

const PAGES = [
  ['/', async (page) => {
    await expect(page.locator('.sentence').first()).toBeVisible();
    // The worker path (above 50 KB) under the policy too.
    const area = page.getByLabel('Article text');
    const sample = await area.inputValue();
    await area.evaluate((el, t) => {
      el.value = t;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    }, Array.from({ length: 14 }, (_, i) => `Part ${i}.\n\n${sample}`).join('\n\n'));
    await expect(page.locator('.stat[data-field="paragraphs"] [data-value="raw"]')).toContainText(/\d{3}/, { timeout: 30_000 });
  }],
  ['/embed/#text=Two%20sentences.%20In%20Paris.', async (page) => {
    await expect(page.locator('lede-analyzer [data-count="sentences"]')).toHaveText('2');
  }],
  ['/demo/', async (page) => {
    await page.waitForFunction(() => document.querySelectorAll('lede-analyzer').length === 2);
    await expect(page.locator('#first [data-count="sentences"]')).toHaveText('11');
    await expect(page.frameLocator('#frame').locator('[data-count="sentences"]')).toHaveText('3');
  }],
];

function policy(csp) {
  return Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v.join(' ')]));
}

function expectStrict(csp) {
  const p = policy(csp);
  expect(p['default-src']).toBe("'self'");
  expect(p['script-src']).toBe("'self' 'wasm-unsafe-eval'");
  expect(p['style-src']).toBe("'self'");
  expect(p['object-src']).toBe("'none'");
  expect(p['base-uri']).toBe("'none'");
  expect(p['form-action']).toBe("'none'");
  expect(p['require-trusted-types-for']).toBe("'script'");
  expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*|data:|blob:|https?:/);
  return p;
}

for (const [path, check] of PAGES) {
  test(`${path}: a strict policy in the page and the header, and no violation`, async ({ page }) => {
    const refused = [];
    page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) refused.push(m.text()); });
    page.on('pageerror', (e) => refused.push(e.message));
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(path);
    const header = expectStrict(response.headers()['content-security-policy']);
    expect(header['frame-ancestors']).toBe(path.startsWith('/embed/') ? undefined : "'none'");
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const inPage = expectStrict(meta);
    expect(inPage['frame-src']).toBe(path === '/demo/' ? "'self'" : "'none'");
    // Only the app has a Trusted Types policy (www/pwa.js: its worker, its service worker, DOMParser).
    expect(inPage['trusted-types']).toBe(path === '/' ? 'default' : "'none'");
    expect(header['trusted-types']).toBe(inPage['trusted-types']);
    await check(page);
    const violations = [];
    for (const frame of page.frames()) violations.push(...(await frame.evaluate(() => window.__violations || [])));
    expect(violations).toEqual([]);
    expect(refused).toEqual([]);
  });
}

test('the <meta> policy alone (no header, as on a static host) blocks inline script, other origins and HTML sinks', async ({ page }) => {
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers });
  });
  const response = await page.goto('/');
  expect((await response.allHeaders())['content-security-policy']).toBeUndefined();
  await expect(page.locator('.sentence').first()).toBeVisible();
  const blocked = await page.evaluate(async () => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    window.__ran = false;
    // Inline script: refused as a string by Trusted Types, and as an element by script-src.
    const sinks = [];
    try {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
    } catch { sinks.push('script.textContent'); }
    const img = document.createElement('img');
    img.src = 'https://example.invalid/x.png';
    document.body.append(img);
    // Trusted Types: a string reaches no HTML or script sink.
    const div = document.createElement('div');
    for (const [name, run] of [
      ['innerHTML', () => { div.innerHTML = '<img src=x>'; }],
      ['insertAdjacentHTML', () => div.insertAdjacentHTML('beforeend', '<b>x</b>')],
      ['script.src', () => { document.createElement('script').src = '/evil.js'; }],
      ['Worker', () => new Worker('https://example.invalid/w.js')],
    ]) {
      try { run(); } catch { sinks.push(name); }
    }
    await new Promise((r) => setTimeout(r, 100));
    return { ran: window.__ran, sinks, seen: [...new Set(seen)].sort() };
  });
  // (eval cannot be tried from here: Playwright's evaluate runs past the page's policy.)
  expect(blocked).toEqual({
    ran: false,
    sinks: ['script.textContent', 'innerHTML', 'insertAdjacentHTML', 'script.src', 'Worker'],
    seen: ['img-src', 'require-trusted-types-for'],
  });
});
