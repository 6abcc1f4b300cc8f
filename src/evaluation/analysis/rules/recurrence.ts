// 焦点问题: one type of problem that keeps coming back to one place — at least `minCount` cases of the same type in
// the same place within any `windowDays` consecutive days. For each place × type, the window with the most cases
// (the latest such window on a tie) is reported with its cases. Pure.

export interface RecurrenceCase {
  id: number;
  /** Epoch ms of the report. */
  at: number;
  place: string;
  type: string;
}

export interface RecurrenceOptions {
  windowDays: number;
  minCount: number;
}

export interface Recurrence {
  place: string;
  type: string;
  /** Cases in the densest window, oldest first. */
  caseIds: number[];
  first: number;
  last: number;
}

const DAY_MS = 86_400_000;

export function findRecurrences(cases: readonly RecurrenceCase[], opts: RecurrenceOptions): Recurrence[] {
  if (!(opts.windowDays > 0) || !(opts.minCount >= 2)) throw new RangeError('窗口天数须大于 0，次数阈值至少为 2');
  const span = opts.windowDays * DAY_MS;
  const groups = new Map<string, RecurrenceCase[]>();
  for (const c of cases) {
    const key = `${c.place}\u0000${c.type}`;
    const list = groups.get(key);
    if (list) list.push(c); else groups.set(key, [c]);
  }
  const out: Recurrence[] = [];
  for (const list of groups.values()) {
    if (list.length < opts.minCount) continue;
    list.sort((a, b) => a.at - b.at || a.id - b.id);
    let best: [number, number] | null = null;   // [start, end) indices of the densest window
    let start = 0;
    for (let end = 0; end < list.length; end++) {
      while (list[end].at - list[start].at >= span) start++;
      const n = end - start + 1;
      if (n >= opts.minCount && (!best || n >= best[1] - best[0])) best = [start, end + 1];
    }
    if (!best) continue;
    const window = list.slice(best[0], best[1]);
    out.push({ place: window[0].place, type: window[0].type, caseIds: window.map((c) => c.id),
      first: window[0].at, last: window[window.length - 1].at });
  }
  return out.sort((a, b) => b.caseIds.length - a.caseIds.length || b.last - a.last);
}
