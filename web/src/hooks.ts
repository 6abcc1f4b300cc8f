// Data hooks: one request's state, and server-side paginated lists ({ total, items }).
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, type Page } from './api.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Runs `load` when `deps` change; keeps the last result while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then(
      (value) => { if (live) { setData(value); setError(null); } },
      (err) => { if (live) setError(errorMessage(err)); },
    ).finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

type Filters = Record<string, string | number | boolean | undefined>;

export interface PagedList<T, F extends Filters> extends Loaded<Page<T>> {
  filters: F;
  page: number;
  pageSize: number;
  /** New filters start again from page 1. */
  setFilters(filters: F): void;
  setPage(page: number, pageSize: number): void;
}

/** A list endpoint answering { total, items } for page/pageSize and filters. */
export function usePagedList<T, F extends Filters>(path: string, initialFilters: F, initialPageSize = 20): PagedList<T, F> {
  const [state, setState] = useState({ filters: initialFilters, page: 1, pageSize: initialPageSize });
  const loaded = useLoad(() => api.get<Page<T>>(path, { ...state.filters, page: state.page, pageSize: state.pageSize }),
    [path, JSON.stringify(state)]);
  const setFilters = useCallback((filters: F) => setState((s) => ({ ...s, filters, page: 1 })), []);
  const setPage = useCallback((page: number, pageSize: number) =>
    setState((s) => ({ ...s, page: pageSize !== s.pageSize ? 1 : page, pageSize })), []);
  return { ...loaded, ...state, setFilters, setPage };
}

export interface FilteredList<T, F extends Filters> extends Loaded<T[]> {
  filters: F;
  setFilters(filters: F): void;
}

/** A list endpoint that answers the whole (filtered) list at once; the table pages through it in the browser. */
export function useFilteredList<T, F extends Filters>(path: string, initialFilters: F): FilteredList<T, F> {
  const [filters, setFilters] = useState(initialFilters);
  const loaded = useLoad(() => api.get<T[]>(path, filters), [path, JSON.stringify(filters)]);
  return { ...loaded, filters, setFilters };
}
