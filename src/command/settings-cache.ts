// This node's copies of the working calendar and the 立结案标准 of each type, read on every intake and action.
// An administrator's change publishes SETTINGS_CHANGED through its transaction; every node drops its copies then.
import type { Queryable } from '../db/types.ts';
import type { EventBus } from '../platform/events.ts';
import { loadCalendar } from './calendar-store.ts';
import { getCaseLimits, type CaseKind, type CaseLimits } from './limits.ts';
import type { WorkingCalendar } from './rules/calendar.ts';

export const SETTINGS_CHANGED = 'command.settings.changed';

interface Cache { calendar?: Promise<WorkingCalendar>; limits: Map<string, Promise<CaseLimits>> }
const caches = new WeakMap<EventBus, Cache>();

function cacheOf(events: EventBus): Cache {
  let cache = caches.get(events);
  if (!cache) {
    const created: Cache = { limits: new Map() };
    events.subscribe(SETTINGS_CHANGED, () => clear(created));
    caches.set(events, (cache = created));
  }
  return cache;
}

function clear(cache: Cache): void {
  cache.calendar = undefined;
  cache.limits.clear();
}

/** A failed load is not kept. */
function kept<T>(promise: Promise<T>, forget: () => void): Promise<T> {
  promise.catch(forget);
  return promise;
}

export function cachedCalendar(events: EventBus, q: Queryable): Promise<WorkingCalendar> {
  const cache = cacheOf(events);
  return (cache.calendar ??= kept(loadCalendar(q), () => { cache.calendar = undefined; }));
}

export function cachedLimits(events: EventBus, q: Queryable, kind: CaseKind, typeCode: string): Promise<CaseLimits> {
  const cache = cacheOf(events);
  const key = `${kind}:${typeCode}`;
  let limits = cache.limits.get(key);
  if (!limits) cache.limits.set(key, (limits = kept(getCaseLimits(q, kind, typeCode), () => cache.limits.delete(key))));
  return limits;
}

/** After a change: drop this node's copies now and tell the other nodes when the transaction commits. */
export async function settingsChanged(tx: Queryable, events: EventBus): Promise<void> {
  clear(cacheOf(events));
  await events.publish(tx, SETTINGS_CHANGED, {});
}
