// 城管通 service worker (scope /m/): keeps the app shell so the field app opens without a connection.
// - Pages under /m/ (one SPA page): network first, the last good copy when offline. When a new build arrives (another
//   entry script) the old build's assets are dropped from the cache.
// - /assets/* (content-hashed, never change): cache first, stored on first use — so every screen opened once, and
//   the map code the app preloads, work offline.
// - GET /api/auth/me: network first with the last answer offline (the app needs to know who is logged in); forgotten
//   on login, logout and 401.
// - Photo thumbnails (GET /api/media/<hash>/thumbnail, content-addressed: never change): cache first, in a cache of
//   their own that login and logout empty (someone else's photos stay off a shared phone). Offline, a full photo
//   falls back to its thumbnail.
// - The map's base layers and grids (GET /api/map/{roads,areas,grids}.geojson): network first, the last answer offline.
// Every other /api/ request goes to the network untouched: the app itself keeps offline reports and task copies in
// IndexedDB and must see a failed request as offline.
// - The page posts {type: 'keep', urls} with the assets it loaded before this worker took control (the first visit),
//   and with the thumbnails and map data of the cases it keeps for offline use, so those are kept too.
const CACHE = 'cityops-field-v1';
const SHELL = '/m/';
const STATIC = ['/m/manifest.webmanifest', '/m/icons/icon-192.png', '/m/icons/icon-512.png'];
const ME = '/api/auth/me';
const MEDIA_CACHE = 'cityops-field-media-v1';
const THUMBNAIL = /^\/api\/media\/([0-9a-f]+)\/thumbnail$/;
const PHOTO = /^\/api\/media\/([0-9a-f]+)$/;
const MAP_DATA = /^\/api\/map\/(roads|areas|grids)\.geojson$/;

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
    for (const name of await caches.keys()) {
      if (name.startsWith('cityops-field-') && name !== CACHE && name !== MEDIA_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/** Where a URL the page asks to keep goes: assets and map data with the shell, thumbnails apart; others nowhere. */
function keptIn(path) {
  if (path.startsWith('/assets/') || MAP_DATA.test(path)) return CACHE;
  if (THUMBNAIL.test(path)) return MEDIA_CACHE;
  return null;
}

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'keep' || !Array.isArray(event.data.urls)) return;
  event.waitUntil(Promise.all(event.data.urls.filter((url) => typeof url === 'string').map(async (url) => {
    const cacheName = keptIn(new URL(url, self.location.origin).pathname);
    if (!cacheName) return;
    const cache = await caches.open(cacheName);
    // assets and thumbnails never change once kept; map data may, so it is fetched again
    const immutable = cacheName === MEDIA_CACHE || url.startsWith('/assets/');
    if (!immutable || !(await cache.match(url))) await cache.add(url).catch(() => undefined);
  })));
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

async function cacheFirst(request, cacheName = CACHE) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** A full photo from the network; offline, its kept thumbnail rather than nothing. */
async function photoOrThumbnail(request, path) {
  try {
    return await fetch(request);
  } catch (err) {
    const thumbnail = await (await caches.open(MEDIA_CACHE)).match(`${path}/thumbnail`);
    if (thumbnail) return thumbnail;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    if (url.pathname === '/api/auth/login' || url.pathname === '/api/auth/logout') {
      event.waitUntil(caches.open(CACHE).then((cache) => cache.delete(ME)).then(() => caches.delete(MEDIA_CACHE)));
    }
    return;
  }
  if (url.pathname === ME) event.respondWith(networkFirst(request, ME, false));
  else if (THUMBNAIL.test(url.pathname)) event.respondWith(cacheFirst(request, MEDIA_CACHE));
  else if (PHOTO.test(url.pathname)) event.respondWith(photoOrThumbnail(request, url.pathname));
  else if (MAP_DATA.test(url.pathname)) event.respondWith(networkFirst(request, url.pathname + url.search, false));
  else if (url.pathname.startsWith('/api/')) return;
  else if (request.mode === 'navigate') event.respondWith(networkFirst(request, SHELL, true));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
  else if (url.pathname.startsWith('/m/')) event.respondWith(networkFirst(request, url.pathname, false));
});
