// Makes the field app an installable PWA while it is shown: the web app manifest, theme colour and icon links (added
// here rather than in index.html, which the console shares) and the service worker /m/sw.js (scope /m/) that keeps
// the app shell for offline use. Not registered by the Vite dev server, whose modules change on every edit.
import { useEffect } from 'react';

const HEAD: Record<string, string>[] = [
  { tag: 'link', rel: 'manifest', href: '/m/manifest.webmanifest' },
  { tag: 'meta', name: 'theme-color', content: '#1668dc' },
  { tag: 'link', rel: 'apple-touch-icon', href: '/m/icons/icon-192.png' },
  { tag: 'meta', name: 'apple-mobile-web-app-capable', content: 'yes' },
];

/**
 * Asks the service worker to keep `urls` for offline use (it takes the app's assets, photo thumbnails and map data
 * and ignores anything else), whether or not it controls the page yet.
 */
export async function keepForOffline(urls: string[]): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV || urls.length === 0) return;
  const registration = await navigator.serviceWorker.ready;
  registration.active?.postMessage({ type: 'keep', urls });
}

/** Hands the service worker the app's assets loaded so far (on the first visit they came before it took control). */
export const keepLoadedAssets = () => keepForOffline(loadedAssets());

/**
 * The app's /assets/ files this page has loaded: its resource timings (which stop at the browser's buffer size) and
 * the scripts and style sheets in the document (lazy chunks' CSS is added as links).
 */
export function loadedAssets(): string[] {
  const urls = [...performance.getEntriesByType('resource').map((e) => e.name),
    ...[...document.querySelectorAll<HTMLLinkElement>('link[href]')].map((l) => l.href),
    ...[...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => s.src)];
  return [...new Set(urls.map((url) => new URL(url, location.href))
    .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/')).map((u) => u.pathname))];
}

export function usePwa(title: string): void {
  useEffect(() => {
    const added = HEAD.map(({ tag, ...attrs }) => {
      const el = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      return document.head.appendChild(el);
    });
    const before = document.title;
    document.title = title;
    if ('serviceWorker' in navigator && !import.meta.env.DEV) {
      navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(() => undefined);
    }
    return () => {
      added.forEach((el) => el.remove());
      document.title = before;
    };
  }, [title]);
}
