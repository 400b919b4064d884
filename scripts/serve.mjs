// A small static file server for the built app, on loopback only: `node scripts/serve.mjs DIR PORT`.
// `make serve` and the browser tests use it. Every response carries the strict Content Security
// Policy the app is built for, so a violation shows up in development and in tests.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] || 'dist');
const port = Number(process.argv[3] || 4173);
// The same policy as the <meta> tags in index.html, embed/ and demo/ (which hold on any static
// host), plus what only a header can say: who may frame the page. The app and the demo may not be
// framed; the iframe embed exists to be framed by other sites.
const BASE = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; "
  + "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
// Trusted Types: the app's own policy ('default', in www/pwa.js) lets only its worker and service
// worker URLs and DOMParser through; the embed and demo need none.
const APP_TT = "require-trusted-types-for 'script'; trusted-types default";
const NO_TT = "require-trusted-types-for 'script'; trusted-types 'none'";
function csp(path) {
  if (path.startsWith('embed/')) return `${BASE}; frame-src 'none'; ${NO_TT}`;
  if (path.startsWith('demo/')) return `${BASE}; frame-src 'self'; frame-ancestors 'none'; ${NO_TT}`;
  return `${BASE}; frame-src 'none'; frame-ancestors 'none'; ${APP_TT}`;
}
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8',
};

createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = join(root, path);
    if (!file.startsWith(root)) { res.writeHead(403).end('forbidden'); return; }
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': types[extname(file)] || 'application/octet-stream',
      'cache-control': 'no-cache',
      'content-security-policy': csp(relative(root, file).split('\\').join('/')),
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}/`));
