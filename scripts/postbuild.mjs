// After Trunk's build: makes dist/ work under a strict Content Security Policy and offline.
//  1. Moves Trunk's inline start-up script into its own file (no inline scripts under the CSP).
//  2. Writes dist/sw.js from www/sw.js with the list of built assets and a cache name made from
//     their hash, so each build gets its own cache and the old ones are deleted.
// Usage: node scripts/postbuild.mjs [dist]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = process.argv[2] || 'dist';
const sha = (data) => createHash('sha256').update(data).digest();

let html = readFileSync(join(dist, 'index.html'), 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (m) {
  const body = m[1].trim() + '\n';
  const name = `boot-${sha(body).toString('hex').slice(0, 16)}.js`;
  writeFileSync(join(dist, name), body);
  const integrity = 'sha384-' + createHash('sha384').update(body).digest('base64');
  html = html.replace(inline, `<script type="module" src="/${name}" integrity="${integrity}"></script>`);
  writeFileSync(join(dist, 'index.html'), html);
} else if (!/boot-[0-9a-f]+\.js/.test(html)) {
  throw new Error('postbuild: no start-up script found in dist/index.html');
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
const assets = files(dist)
  .map((p) => relative(dist, p).split('\\').join('/'))
  .filter((p) => p !== 'sw.js' && p !== 'version.json') // written below; this script may run twice
  .sort();
const hash = createHash('sha256');
for (const a of assets) hash.update(a).update(readFileSync(join(dist, a)));
const version = hash.digest('hex').slice(0, 16);
// The app's own files only: the embeddable package, the iframe embed and the demo (lede/, embed/,
// demo/) are for other sites and would double the first visit's download.
const appOnly = (a) => !/^(lede|embed|demo)\//.test(a);
const list = ['./', ...assets.filter((a) => a !== 'index.html' && appOnly(a)).map((a) => './' + a)];
// Pages in folders (embed/, demo/) are also cached under their folder's URL, which is what a
// navigation asks for; otherwise the worker would answer it with the app's page.
for (const a of assets) if (a.endsWith('/index.html') && list.includes('./' + a)) list.push('./' + a.slice(0, -'index.html'.length));
const sw = readFileSync('www/sw.js', 'utf8')
  .replace('__LEDE_VERSION__', version)
  .replace('__LEDE_ASSETS__', JSON.stringify(list));
writeFileSync(join(dist, 'sw.js'), sw);
writeFileSync(join(dist, 'version.json'), JSON.stringify({ version }) + '\n');
console.log(`postbuild: ${assets.length} assets, cache lede-${version}`);
