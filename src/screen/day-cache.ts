// Per-day figures of the big screen for days before today (上报 by district/source/type, timeline steps, daily
// totals): a past day's reports, steps and closures no longer change, so they are computed once per database and
// viewer scope and kept for TTL_MS (bulk loads of back-dated history show up after that). Today is always computed.
import type { Actor } from '../admin/actor.ts';
import { dayKey, parseDayKey } from '../command/rules/china-time.ts';

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 20_000;

/** Who sees what, as filterVisible decides it: viewers with the same key see the same cases. */
export function visibilityKey(actor: Actor): string {
  const scope = actor.scope === 'all' ? '*' : [...actor.scope].sort().join(',');
  switch (actor.role) {
    case 'handler': return `handler:${actor.departmentId}`;
    case 'citizen': return `citizen:${actor.id}`;
    case 'collector': return `collector:${actor.id}:${scope}`;
    default: return `scope:${scope}`;
  }
}

/** The day keys from `first` to `last` (inclusive). */
export function dayRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = parseDayKey(first)!; d <= parseDayKey(last)!; d++) out.push(dayKey(d));
  return out;
}

export class DayCache<T> {
  private entries = new Map<string, { at: number; value: T }>();

  /**
   * The value of every day in `days` (consecutive, ascending); days missing from the cache are computed by
   * `compute(first, last)` for each run of consecutive missing days (a day it leaves out gets `empty()`).
   */
  async get(scopeKey: string, days: readonly string[], today: string, empty: () => T,
    compute: (first: string, last: string) => Promise<Map<string, T>>): Promise<Map<string, T>> {
    const now = Date.now();
    const out = new Map<string, T>();
    const missing: string[] = [];
    for (const day of days) {
      const hit = day < today ? this.entries.get(`${scopeKey}|${day}`) : undefined;
      if (hit && now - hit.at < TTL_MS) out.set(day, hit.value);
      else missing.push(day);
    }
    for (const run of runs(missing)) {
      const computed = await compute(run[0], run[run.length - 1]);
      for (const day of run) {
        const value = computed.get(day) ?? empty();
        out.set(day, value);
        if (day < today) this.put(`${scopeKey}|${day}`, { at: now, value });
      }
    }
    return out;
  }

  private put(key: string, entry: { at: number; value: T }): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** Consecutive runs of ascending day keys. */
function runs(days: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const day of days) {
    const last = out.at(-1);
    if (last && parseDayKey(day)! === parseDayKey(last.at(-1)!)! + 1) last.push(day);
    else out.push([day]);
  }
  return out;
}
