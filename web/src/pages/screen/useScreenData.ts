// The big screen's data: summary, feed and open-case points for a day, refreshed when the server reports a case
// change (GET /api/cases/stream, at most once every THROTTLE_MS) and every PERIOD_MS regardless.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import type { FeedItem, OpenCasePoints, ScreenFeed, ScreenSummary } from '../../../../src/screen/views.ts';

const THROTTLE_MS = 5_000;
const PERIOD_MS = 60_000;
export const FEED_LIMIT = 30;
export const MAP_LIMIT = 5_000;

export interface ScreenData {
  summary?: ScreenSummary;
  feed?: FeedItem[];
  cases?: OpenCasePoints;
  error: string | null;
  /** Whether the live stream is open. */
  live: boolean;
  updatedAt?: Date;
}

export function useScreenData(date: string | undefined): ScreenData {
  const [state, setState] = useState<Omit<ScreenData, 'live'>>({ error: null });
  const [live, setLive] = useState(false);
  const lastRun = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const generation = useRef(0);

  const load = useCallback(async () => {
    lastRun.current = Date.now();
    const mine = ++generation.current;
    try {
      const [summary, feed, cases] = await Promise.all([
        api.get<ScreenSummary>('/api/screen/summary', { date }),
        api.get<ScreenFeed>('/api/screen/feed', { date, limit: FEED_LIMIT }),
        api.get<OpenCasePoints>('/api/screen/open-cases.geojson', { date, limit: MAP_LIMIT }),
      ]);
      if (mine === generation.current) setState({ summary, feed: feed.items, cases, error: null, updatedAt: new Date() });
    } catch (err) {
      if (mine === generation.current) setState((s) => ({ ...s, error: errorMessage(err) }));
    }
  }, [date]);

  /** Refresh now, or as soon as THROTTLE_MS have passed since the last refresh. */
  const schedule = useCallback(() => {
    if (timer.current) return;
    const wait = Math.max(0, lastRun.current + THROTTLE_MS - Date.now());
    timer.current = setTimeout(() => { timer.current = undefined; void load(); }, wait);
  }, [load]);

  useEffect(() => {
    void load();
    const every = setInterval(schedule, PERIOD_MS);
    const source = new EventSource('/api/cases/stream');
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('case', schedule);
    return () => {
      clearInterval(every);
      clearTimeout(timer.current);
      timer.current = undefined;
      source.close();
    };
  }, [load, schedule]);

  return { ...state, live };
}
