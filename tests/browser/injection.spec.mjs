// Nothing breaks it, part 1: hostile markup and script (tests/browser/injection-payloads.mjs) are
// only ever text. Every payload goes through each way text reaches Lede: pasted as plain text and as
// HTML (entity-escaped, as a browser copies a page, and raw), dropped as a .txt and an .html file,
// given to <lede-analyzer> (property, attribute, content) and to the iframe embed (#text= and
// postMessage). Each check fails on a dialog, a console or page error, a CSP violation, a request
// that is not one of the site's own files, a navigation, the canary `__pwned` being set, or an
// element or attribute the payload tried to inject; and the payload must show as plain text.
import { test, expect } from '@playwright/test';
import { payloads, escapeHtml } from './injection-payloads.mjs';

const article = payloads.join('\n\n');
/** Compares texts as the page shows them: white space collapsed (HTML does that too). */
const norm = (s) => s.replace(/\u0000/g, '').replace(/\s+/g, ' ').trim();
/** What HTML paste turns an escaped payload into: the payload itself, less what HTML drops. */
const asHtmlText = (s) => norm(s);

// Elements no payload may add (counted before and after, so the page's own stay allowed).
const WATCHED = ['script', 'link', 'meta', 'base', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'img',
  'image', 'svg', 'math', 'animate', 'set', 'foreignobject', 'use', 'mglyph', 'mtext', 'maction', 'mi', 'video',
  'audio', 'source', 'picture', 'form', 'input', 'textarea', 'select', 'marquee', 'template', 'noscript', 'title',
  'xss', 'lede-x', 'plaintext', 'xmp', 'listing', 'noembed', 'noframes', 'table', 'td', 'tr', 'body', 'head', 'html'];

/** Watches a page for anything a payload could make happen. Returns the list of problems. */
async function guard(page, context, baseURL) {
  const problems = [];
  const origin = new URL(baseURL).origin;
  page.on('dialog', async (d) => { problems.push(`dialog ${d.type()}: ${d.message()}`); await d.dismiss(); });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('popup', (p) => problems.push(`popup: ${p.url()}`));
  context.on('request', (r) => {
    const url = r.url();
    if (url.startsWith('blob:') || url.startsWith('data:')) return;
    if (new URL(url).origin !== origin) problems.push(`request to another origin: ${url}`);
  });
  context.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return problems;
}

/** Counts the watched elements and finds injected attributes, in every frame and shadow root. */
async function scan(page) {
  const counts = {};
  const bad = [];
  for (const frame of page.frames()) {
    const r = await frame.evaluate((watched) => {
      const counts = {};
      const bad = [];
      if (window.__pwned !== undefined) bad.push(`canary set in ${location.pathname}: ${window.__pwned}`);
      bad.push(...(window.__violations || []).map((v) => `CSP violation: ${v}`));
      const visit = (root) => {
        for (const el of root.querySelectorAll('*')) {
          const tag = el.localName.toLowerCase();
          if (watched.includes(tag)) counts[tag] = (counts[tag] || 0) + 1;
          for (const a of el.attributes) {
            const name = a.name.toLowerCase();
            if (name.startsWith('on')) bad.push(`<${tag} ${name}> in ${location.pathname}`);
            if (name === 'srcdoc' || name === 'formaction' || name === 'dynsrc' || name === 'background') bad.push(`<${tag} ${name}>`);
            // Attributes that load or run something (others, such as aria-label or the component's
            // text, may hold payload text: that is data).
            const url = /^(href|xlink:href|src|srcset|action|data|poster|ping|codebase|cite|style|content|http-equiv|target)$/.test(name);
            if (url && (/^\s*(javascript|vbscript|data):/i.test(a.value) || /evil\.example|203\.0\.113|url\(|expression|refresh/i.test(a.value))) bad.push(`<${tag} ${name}="${a.value.slice(0, 60)}">`);
          }
          if (el.shadowRoot) visit(el.shadowRoot);
        }
      };
      visit(document);
      return { counts, bad, url: location.href };
    }, WATCHED).catch((e) => ({ counts: {}, bad: [`frame not scriptable: ${e.message}`] }));
    for (const [k, v] of Object.entries(r.counts)) counts[k] = (counts[k] || 0) + v;
    bad.push(...r.bad);
  }
  return { counts, bad };
}

/** Fails on any new watched element or any bad attribute since `before`. */
async function expectClean(page, before, problems, where) {
  const after = await scan(page);
  const grown = Object.entries(after.counts).filter(([k, v]) => v > (before.counts[k] || 0)).map(([k, v]) => `${k}: ${before.counts[k] || 0} -> ${v}`);
  expect({ where, grown, bad: after.bad, problems }).toEqual({ where, grown: [], bad: [], problems: [] });
}

/** The document's text as the page shows it: paragraphs without the kind tags and repeat links. */
function docText(page) {
  return page.evaluate(() => [...document.querySelectorAll('.doc-body .para p')].map((p) => {
    const c = p.cloneNode(true);
    for (const x of c.querySelectorAll('.dup-link')) x.remove();
    return c.textContent;
  }).join('\n'));
}

async function pasteHtml(page, html, plain) {
  await page.evaluate(([html, plain]) => {
    const area = document.getElementById('article-text');
    area.focus();
    area.select();
    const dt = new DataTransfer();
    dt.setData('text/html', html);
    dt.setData('text/plain', plain);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, [html, plain]);
}

async function dropFile(page, name, type, content) {
  await page.evaluate(([name, type, content]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], name, { type }));
    document.getElementById('article-text').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, type, content]);
}

/** Waits until the document shows `text` (compared white-space-normalized) and returns it. */
async function shown(page, text) {
  await expect.poll(async () => norm(await docText(page)), { timeout: 15_000 }).toBe(norm(text));
}

test.describe('the app', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test('every payload pasted as plain text, all at once and a few one by one', async ({ page, context, baseURL }) => {
    const problems = await guard(page, context, baseURL);
    await page.goto('/');
    await expect(page.locator('.sentence').first()).toBeVisible();
    const before = await scan(page);
    const area = page.getByLabel('Article text');
    const paste = async (text) => {
      await area.fill('');
      await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      await area.focus();
      await page.keyboard.press('ControlOrMeta+V');
      await expect(area).toHaveValue(text);
      await shown(page, text);
    };
    await paste(article);
    // Each payload is a paragraph of its own, shown whole.
    const paras = await page.locator('.doc-body .para p').evaluateAll((ps) => ps.map((p) => {
      const c = p.cloneNode(true);
      for (const x of c.querySelectorAll('.dup-link')) x.remove();
      return c.textContent;
    }));
    expect(paras.map(norm)).toEqual(payloads.map(norm));
    await expectClean(page, before, problems, 'plain paste, all');
    for (const p of payloads.filter((_, i) => i % 16 === 0)) {
      await paste(p);
      await expectClean(page, before, problems, `plain paste: ${p}`);
    }
    expect(await page.evaluate(() => localStorage.getItem('lede.draft.v1'))).toBe(payloads.filter((_, i) => i % 16 === 0).at(-1));
  });

  test('every payload pasted as HTML: escaped (as a browser copies it) and raw', async ({ page, context, baseURL }) => {
    const problems = await guard(page, context, baseURL);
    await page.goto('/');
    await expect(page.locator('.sentence').first()).toBeVisible();
    const before = await scan(page);
    const area = page.getByLabel('Article text');
    // Escaped: the payloads come back exactly, as text.
    await pasteHtml(page, payloads.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'), article);
    await expect.poll(async () => (await area.inputValue()).split('\n\n').map(norm)).toEqual(payloads.map(asHtmlText));
    await shown(page, await area.inputValue());
    await expectClean(page, before, problems, 'HTML paste, escaped');
    // Raw: whatever text the markup holds is shown as text, and none of it runs or loads.
    await area.fill('');
    await pasteHtml(page, payloads.map((p) => `<div>${p}</div>`).join('\n'), article);
    await expect.poll(async () => area.inputValue()).toContain('<script>window.__pwned=1</script>');
    const rawText = await area.inputValue();
    await shown(page, rawText);
    // Entities in markup are decoded into text, never into markup.
    expect(rawText).toContain('<script>window.__pwned=1</script>');
    await expectClean(page, before, problems, 'HTML paste, raw');
    for (const p of payloads.filter((_, i) => i % 16 === 3)) {
      await area.fill('');
      await shown(page, '');
      await pasteHtml(page, p, p);
      await page.waitForTimeout(100);
      await shown(page, await area.inputValue());
      await expectClean(page, before, problems, `HTML paste: ${p}`);
    }
  });

  test('every payload dropped as a .txt and an .html file', async ({ page, context, baseURL }) => {
    const problems = await guard(page, context, baseURL);
    await page.goto('/');
    await expect(page.locator('.sentence').first()).toBeVisible();
    const before = await scan(page);
    const area = page.getByLabel('Article text');
    await dropFile(page, 'payloads.txt', 'text/plain', article);
    await expect(area).toHaveValue(article);
    await shown(page, article);
    await expectClean(page, before, problems, '.txt drop');
    const escaped = `<!doctype html><title>x</title><body>${payloads.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}`;
    await dropFile(page, 'payloads.html', 'text/html', escaped);
    await expect.poll(async () => (await area.inputValue()).split('\n\n').map(norm)).toEqual(payloads.map(asHtmlText));
    await shown(page, await area.inputValue());
    await expectClean(page, before, problems, '.html drop, escaped');
    // Raw, each in a block of its own (an unclosed <object> or <svg> hides what follows it).
    await dropFile(page, 'raw.html', 'text/html', payloads.map((p) => `<div>${p}</div>`).join('\n'));
    await expect.poll(async () => area.inputValue()).toContain('<script>window.__pwned=1</script>');
    await shown(page, await area.inputValue());
    await expectClean(page, before, problems, '.html drop, raw');
  });
});

test('<lede-analyzer>: every payload as its text property, and all as attribute and content', async ({ page, context, baseURL }) => {
  const problems = await guard(page, context, baseURL);
  await page.goto('/embed/');
  await page.waitForFunction(() => customElements.get('lede-analyzer') !== undefined);
  const before = await scan(page);
  const results = await page.evaluate(async (payloads) => {
    const el = document.createElement('lede-analyzer');
    document.body.append(el);
    const wrong = [];
    const analyzed = () => new Promise((resolve) => el.addEventListener('lede-analyzed', resolve, { once: true }));
    for (const p of payloads) {
      const done = analyzed();
      el.text = p;
      await done;
      const text = el.shadowRoot.querySelector('.doc').textContent;
      if (text !== p) wrong.push({ p, text });
    }
    // All at once, as the attribute and as the element's content.
    const all = payloads.join('\n\n');
    let done = analyzed();
    el.setAttribute('text', all);
    await done;
    if (el.shadowRoot.querySelector('.doc').textContent !== all) wrong.push({ p: 'attribute' });
    // Reversed, so that the text differs from the attribute's (the same text is not analyzed again).
    const reversed = payloads.slice().reverse().join('\n\n');
    done = analyzed();
    el.removeAttribute('text');
    el.textContent = reversed;
    await done;
    const content = el.shadowRoot.querySelector('.doc').textContent;
    return { wrong, content, checked: payloads.length };
  }, payloads);
  expect(results.wrong).toEqual([]);
  expect(norm(results.content)).toBe(norm(payloads.slice().reverse().join('\n\n')));
  await expectClean(page, before, problems, '<lede-analyzer>');
});

test('the iframe embed: every payload in #text= and by postMessage', async ({ page, context, baseURL }) => {
  const problems = await guard(page, context, baseURL);
  await page.goto(`/embed/#text=${encodeURIComponent(article)}`);
  const element = page.locator('lede-analyzer');
  await expect.poll(() => element.evaluate((el) => el.shadowRoot.querySelector('.doc').textContent)).toBe(article);
  const before = await scan(page);
  // One payload after another in the fragment.
  const wrong = await page.evaluate(async (payloads) => {
    const el = document.getElementById('lede');
    const wrong = [];
    for (const p of payloads) {
      const done = new Promise((resolve) => el.addEventListener('lede-analyzed', resolve, { once: true }));
      location.hash = 'text=' + encodeURIComponent(p);
      await done;
      if (el.shadowRoot.querySelector('.doc').textContent !== p) wrong.push(p);
    }
    return wrong;
  }, payloads);
  expect(wrong).toEqual([]);
  await expectClean(page, before, problems, 'embed #text=');

  // postMessage from a host page (the demo) into the frame; the Report comes back.
  await page.goto('/demo/');
  await expect(page.frameLocator('#frame').locator('[data-count="sentences"]')).toHaveText('3');
  const demoBefore = await scan(page);
  const replies = await page.evaluate(async (payloads) => {
    const frame = document.getElementById('frame');
    const wrong = [];
    for (const p of payloads.concat([payloads.join('\n\n')])) {
      const report = await new Promise((resolve) => {
        const on = (event) => {
          if (event.source === frame.contentWindow && event.data?.type === 'lede-report') {
            window.removeEventListener('message', on);
            resolve(event.data.report);
          }
        };
        window.addEventListener('message', on);
        frame.contentWindow.postMessage({ type: 'lede-analyze', text: p }, location.origin);
      });
      const shownText = frame.contentDocument.getElementById('lede').shadowRoot.querySelector('.doc').textContent;
      const fromReport = report.paragraphs.map((x) => x.text).join('\n\n');
      if (shownText !== p || report.stats.raw.characters === undefined || !p.includes(fromReport.slice(0, 20))) wrong.push(p);
    }
    return wrong;
  }, payloads);
  expect(replies).toEqual([]);
  await expectClean(page, demoBefore, problems, 'embed postMessage');
});

test('the checks themselves catch an injection (so that the passes above mean something)', async ({ page, context, baseURL }) => {
  const problems = await guard(page, context, baseURL);
  await page.goto('/');
  await expect(page.locator('.sentence').first()).toBeVisible();
  const before = await scan(page);
  // What a renderer that used innerHTML would make. Trusted Types refuse the HTML string and
  // even a handler attribute set by hand, so only the image is built by hand (the CSP blocks it).
  const refused = await page.evaluate(() => {
    const p = document.querySelector('.doc-body p');
    const out = [];
    try { p.insertAdjacentHTML('beforeend', '<svg onload="alert(1)"></svg>'); } catch { out.push('html'); }
    const img = document.createElement('img');
    try { img.setAttribute('onerror', 'window.__pwned=1'); } catch { out.push('handler'); }
    img.src = 'https://evil.example/x.png';
    p.append(img);
    return out;
  });
  expect(refused).toEqual(['html', 'handler']);
  await expect.poll(() => problems.length).toBeGreaterThan(0);
  const after = await scan(page);
  expect(after.counts.img).toBe((before.counts.img || 0) + 1);
  expect(after.bad).toEqual(expect.arrayContaining([
    '<img src="https://evil.example/x.png">',
    expect.stringMatching(/^CSP violation: img-src https:\/\/evil\.example/),
    expect.stringMatching(/^CSP violation: require-trusted-types-for/),
  ]));
  expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^console error: .*img-src/)]));
});

test('payload count', () => {
  expect(payloads.length).toBeGreaterThanOrEqual(100);
  expect(new Set(payloads).size).toBe(payloads.length);
});
