// 增长热点: places whose case count rose most against the previous equal period. A place must have at least
// `minCount` cases now to count (so 1 → 3 is not a hot spot), and must have grown. Pure.

export interface HotspotInput {
  key: string;
  current: number;
  previous: number;
}

export interface Hotspot extends HotspotInput {
  increase: number;
  /** (current − previous) / previous; null when the place had no cases before. */
  growth: number | null;
}

export interface HotspotOptions {
  minCount: number;
  limit: number;
}

/** Growing places, the largest absolute increase first, then the larger current count, then the key. */
export function growingHotspots(places: readonly HotspotInput[], opts: HotspotOptions): Hotspot[] {
  return places
    .filter((p) => p.current >= opts.minCount && p.current > p.previous)
    .map((p) => ({ ...p, increase: p.current - p.previous, growth: p.previous === 0 ? null : (p.current - p.previous) / p.previous }))
    .sort((a, b) => b.increase - a.increase || b.current - a.current || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, opts.limit);
}

/** Joins the counts of two periods by place key (a place missing in one period has 0 there). */
export function joinPeriods(current: ReadonlyMap<string, number>, previous: ReadonlyMap<string, number>): HotspotInput[] {
  const keys = new Set([...current.keys(), ...previous.keys()]);
  return [...keys].map((key) => ({ key, current: current.get(key) ?? 0, previous: previous.get(key) ?? 0 }));
}
