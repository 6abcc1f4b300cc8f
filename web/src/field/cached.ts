// Task lists and case details that still open without a connection: every answer fetched is kept as the user's
// snapshot; when the network fails, the last snapshot is shown with the time it was fetched (离线数据). Listing the
// tasks also keeps the details of the listed cases that changed since, so any task can be opened offline.
import { useCallback, useEffect, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import type { CaseDetail, CaseListItem } from '../../../src/command/views.ts';
import { api, ApiError, errorMessage, withQuery } from '../api.ts';
import type { Loaded } from '../hooks.ts';
import { bboxAround } from './navigation.ts';
import { readSnapshot, saveSnapshot } from './offline-store.ts';
import { keepForOffline } from './pwa.ts';

export interface CachedLoad<T> extends Loaded<T> {
  /** When the data shown was fetched, if it comes from the offline copy; null when it is fresh. */
  savedAt: string | null;
}

const isNetworkError = (err: unknown) => (err instanceof ApiError && err.status === 0) || !navigator.onLine;

export const caseSnapshot = (id: number | string) => `case:${id}`;

/** Like useLoad, but keeps each answer under `name` and falls back to it when the network fails. */
export function useCachedLoad<T>(userId: number, name: string, load: () => Promise<T>, deps: unknown[]): CachedLoad<T> {
  const [state, setState] = useState<{ data: T | undefined; savedAt: string | null; error: string | null; loading: boolean }>(
    { data: undefined, savedAt: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    (async () => {
      try {
        const data = await load();
        if (!live) return;
        setState({ data, savedAt: null, error: null, loading: false });
        await saveSnapshot(userId, name, data).catch(() => undefined);
      } catch (err) {
        const snap = isNetworkError(err) ? await readSnapshot<T>(userId, name).catch(() => undefined) : undefined;
        if (!live) return;
        setState((s) => snap
          ? { data: snap.data, savedAt: snap.savedAt, error: null, loading: false }
          : { ...s, error: errorMessage(err), loading: false });
      }
    })();
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, name, ...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** The unit grids around a case, for its small map (the service worker keeps the answer for offline use). */
const caseGridsUrl = (c: Pick<CaseDetail, 'lon' | 'lat'>) => withQuery('/api/map/grids.geojson', { bbox: bboxAround(c.lon, c.lat, 0.002) });
export const caseGrids = (c: Pick<CaseDetail, 'lon' | 'lat'>) => api.get<FeatureCollection>(caseGridsUrl(c));

/** The small map's base layers (MiniMap), kept once per visit. */
const BASE_MAP = ['/api/map/roads.geojson', '/api/map/areas.geojson'];
let baseMapKept = false;

/** What a kept case needs besides its detail to open offline: its photos' thumbnails and its small map's data. */
function keepCaseExtras(c: CaseDetail): Promise<void> {
  const base = baseMapKept ? [] : BASE_MAP;
  baseMapKept = true;
  return keepForOffline([...thumbnailsOf(c), caseGridsUrl(c), ...base]);
}

const thumbnailsOf = (c: CaseDetail) => c.media.map((m) => m.thumbnailUrl);

/** Fetches and keeps the details of listed cases whose kept copy is missing or older than the list's version. */
export async function keepDetails(userId: number, items: CaseListItem[]): Promise<void> {
  for (const item of items) {
    if (!navigator.onLine) return;
    const kept = await readSnapshot<CaseDetail>(userId, caseSnapshot(item.id)).catch(() => undefined);
    if (kept && kept.data.version === item.version) {
      await keepForOffline(thumbnailsOf(kept.data));   // again: logging in anew empties the thumbnails
      continue;
    }
    try {
      const detail = await api.get<CaseDetail>(`/api/cases/${item.id}`);
      await saveSnapshot(userId, caseSnapshot(item.id), detail);
      await keepCaseExtras(detail);
    } catch {
      return;
    }
  }
}
