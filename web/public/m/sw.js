// 城管通 service worker (scope /m/): keeps the app shell so the field app opens without a connection.
// - Pages under /m/ (one SPA page): network first, the last good copy when offline. When a new build arrives (another
//   entry script) the old build's assets are dropped from the cache.
// - /assets/* (content-hashed, never change): cache first, stored on first use — so every screen opened once, and
//   the map code the app preloads, work offline.
// - GET /api/auth/me: network first with the last answer offline (the app needs to know who is logged in); forgotten
//   on login, logout and 401. Every other /api/ request goes to the network untouched: the app itself keeps offline
//   reports in IndexedDB and must see a failed request as offline.
// - The page posts {type: 'keep', urls} with the assets it loaded before this worker took control (the first visit),
//   so those are kept too.
const CACHE = 'cityops-field-v1';
const SHELL = '/m/';
const STATIC = ['/m/manifest.webmanifest', '/m/icons/icon-192.png', '/m/icons/icon-512.png'];
const ME = '/api/auth/me';

const entryScript = (html) => /<script[^>]+src="(\/assets\/[^"]+)"/.exec(html)?.[1] ?? null;
const shellAssets = (html) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);

async function storeShell(cache, response) {
  const html = await response.clone().text();
  const previous = await cache.match(SHELL);
  if (previous && entryScript(await previous.text()) !== entryScript(html)) {
    for (const request of await cache.keys()) {
      if (new URL(request.url).pathname.startsWith('/assets/')) await cache.delete(request);
    }
  }
  await cache.put(SHELL, response);
  await Promise.all(shellAssets(html).map(async (url) => {
    if (!(await cache.match(url))) await cache.add(url).catch(() => undefined);
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(STATIC);
    const shell = await fetch(SHELL, { cache: 'no-store' });
    if (shell.ok) await storeShell(cache, shell);
    const me = await fetch(ME, { cache: 'no-store' }).catch(() => null);
    if (me?.ok) await cache.put(ME, me);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith('cityops-field-') && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'keep' || !Array.isArray(event.data.urls)) return;
  const urls = event.data.urls.filter((url) => typeof url === 'string' && url.startsWith('/assets/'));
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map(async (url) => {
    if (!(await cache.match(url))) await cache.add(url).catch(() => undefined);
  }))));
});

async function networkFirst(request, key, isShell) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      if (isShell) await storeShell(cache, response.clone());
      else await cache.put(key, response.clone());
    } else if (response.status === 401) {
      await cache.delete(key);
    }
    return response;
  } catch (err) {
    const cached = await cache.match(key, { ignoreVary: true });
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    if (url.pathname === '/api/auth/login' || url.pathname === '/api/auth/logout') {
      event.waitUntil(caches.open(CACHE).then((cache) => cache.delete(ME)));
    }
    return;
  }
  if (url.pathname === ME) event.respondWith(networkFirst(request, ME, false));
  else if (url.pathname.startsWith('/api/')) return;
  else if (request.mode === 'navigate') event.respondWith(networkFirst(request, SHELL, true));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
  else if (url.pathname.startsWith('/m/')) event.respondWith(networkFirst(request, url.pathname, false));
});
