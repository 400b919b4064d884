// Lede's service worker: precaches the built app under a cache named by the build's hash, serves
// it cache-first so the app works offline, and deletes the caches of older builds. The build step
// (scripts/postbuild.mjs) fills in the version and the asset list.
const VERSION = '__LEDE_VERSION__';
const CACHE = `lede-${VERSION}`;
const ASSETS = __LEDE_ASSETS__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('lede-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page asks a waiting worker to take over when the user accepts the update.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.match(req, { ignoreSearch: true }).then((hit) => {
      if (hit) return hit;
      // Not precached: the network, and the app's page for a navigation when offline.
      return fetch(req).catch((err) => {
        if (req.mode === 'navigate') return caches.match('./').then((page) => page || Promise.reject(err));
        throw err;
      });
    }),
  );
});
