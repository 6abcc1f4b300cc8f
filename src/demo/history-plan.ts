// The demo city's year of case history, part 1 (pure): when, where, what and from which source each case is
// reported. The year is anchored to a fixed end, HISTORY_END = 2026-11-01 00:00 北京时间 (the 365 days before it),
// so the same seed and city always give the same history — nothing reads the machine clock or Math.random.
// Patterns: more collector reports on working days, more public reports on rest days and evenings; garbage in
// summer, 道路积水 (blocked 雨水箅子) in the rainy season June–August, 道路积雪 in winter, vending in the evening and
// at weekends; busy grids (many components and landmarks, the central district) report more.
import type { ResponsibilityRule } from '../base/responsibility-match.ts';
import type { CaseLimits } from '../command/limits.ts';
import type { WorkingCalendar } from '../command/rules/calendar.ts';
import type { CaseSource } from '../command/rules/case-model.ts';
import { chinaDayIndex, chinaTime, dayKey, dayStartMs, DAY_MS, MINUTE_MS } from '../command/rules/china-time.ts';
import { Rng } from './random.ts';
import type { DemoPhotos } from './photos.ts';

export const HISTORY_END = chinaTime('2026-11-01');
export const HISTORY_DAYS = 365;
export const HISTORY_START = new Date(+HISTORY_END - HISTORY_DAYS * DAY_MS);
export const HISTORY_CASES = 200_000;

export interface HistoryGrid {
  code: string;
  communityCode: string;
  /** outer rings of the grid's polygons ([lon, lat] pairs) */
  rings: number[][][];
  bbox: number[];
  /** main roads passing the grid (for 路长制 rules) */
  roadNames: string[];
}
export interface HistoryComponent { id: string; typeCode: string; gridIndex: number; lon: number; lat: number; name: string; ownerId: number | null; maintainerId: number | null }
export interface HistoryLandmark { name: string; category: string; lon: number; lat: number; address: string | null; gridIndex: number }
export interface HistoryUser { id: number; username: string; name: string; role: string; regionCode: string | null; departmentId: number | null; phone: string | null }
export interface HistoryType { kind: 'component' | 'matter'; code: string; name: string }

/** Everything the generator reads about the city (history-load.ts fills it from the database). */
export interface HistoryInputs {
  seed: number;
  grids: HistoryGrid[];
  components: HistoryComponent[];
  landmarks: HistoryLandmark[];
  rules: ResponsibilityRule[];
  users: HistoryUser[];
  types: HistoryType[];
  limits: Map<string, CaseLimits>;  // `${kind}:${code}`
  divisionNames: Map<string, string>;
  departmentNames: Map<number, string>;
  calendar: WorkingCalendar;
  /** The stored demo photos (none for a history begun before photos existed). */
  photos?: DemoPhotos;
}

/** One planned case: the skeleton later filled in by history-case.ts. */
export interface PlannedCase {
  index: number;
  at: number;              // reported, epoch ms
  source: CaseSource;
  gridIndex: number;
  kind: 'component' | 'matter';
  typeCode: string;
  componentIndex: number;  // -1 for matter cases
  category: string;
  caseNo: string;
}

export interface HistoryPlan {
  cases: PlannedCase[];
  /** highest sequence per `${year}:${district}` (the case_counters rows) */
  counters: Map<string, number>;
}

const SOURCES: readonly (readonly [CaseSource, number])[] = [
  ['collector', 60], ['public', 12], ['hotline', 12], ['video_ai', 8], ['iot', 4], ['patrol', 2.5], ['leader', 1], ['media', 0.5],
];

/** Matter categories: types with weights, a base share and seasonal / hourly / rest-day factors. */
interface Category {
  name: string;
  types: readonly (readonly [string, number])[];
  base: number;
  season?: (month: number) => number;
  hour?: (hour: number) => number;
  restDay?: number;
}
const summer = (m: number) => (m >= 6 && m <= 9 ? 1.6 : m === 12 || m <= 2 ? 0.8 : 1);
export const CATEGORIES: readonly Category[] = [
  { name: 'garbage', base: 22, season: summer,
    types: [['06010', 5], ['06042', 3], ['06011', 2], ['06012', 3], ['06036', 3], ['06041', 1], ['06035', 1], ['06014', 1]] },
  { name: 'ads', base: 10, types: [['07001', 5], ['07002', 1], ['07003', 1], ['07006', 1], ['07007', 1]] },
  { name: 'parking', base: 14, types: [['09009', 4], ['09010', 3], ['09011', 2], ['09012', 1], ['06040', 1]] },
  { name: 'vending', base: 12, restDay: 1.6, season: (m) => (m >= 5 && m <= 9 ? 1.3 : m === 12 || m <= 2 ? 0.7 : 1),
    hour: (h) => (h >= 17 && h <= 22 ? 3 : h >= 6 && h <= 8 ? 1.5 : 0.6),
    types: [['09006', 5], ['09001', 3], ['09005', 3], ['09002', 1], ['06029', 1], ['09022', 1], ['09021', 0.5]] },
  { name: 'greening', base: 5, season: (m) => (m >= 4 && m <= 9 ? 1.5 : 0.7),
    types: [['06017', 2], ['06018', 1], ['06021', 1], ['06045', 1], ['06022', 0.3]] },
  { name: 'roads', base: 6, types: [['06013', 3], ['06050', 1], ['06051', 1], ['06048', 0.3], ['06016', 1]] },
  { name: 'construction', base: 6, season: (m) => (m <= 2 ? 0.4 : m === 12 ? 0.6 : 1.2),
    types: [['08004', 2], ['08002', 2], ['08005', 1], ['08006', 1], ['08007', 1], ['08001', 1], ['08012', 1]] },
  { name: 'facade', base: 4, types: [['06001', 0.5], ['06004', 1], ['06007', 1], ['06009', 0.5], ['06019', 1]] },
  { name: 'nuisance', base: 3, season: summer, hour: (h) => (h >= 19 || h <= 1 ? 2 : 1), types: [['06027', 1], ['06028', 1], ['06030', 1]] },
  // 道路积水: the catalogue files it as a blocked 雨水箅子 / 雨水井 (matter 01004/01003)
  { name: 'water', base: 1, season: (m) => (m >= 6 && m <= 8 ? 14 : m === 5 || m === 9 ? 4 : 0.3), types: [['01004', 3], ['01003', 1]] },
  { name: 'snow', base: 6, season: (m) => (m === 12 || m <= 2 ? 1 : m === 11 || m === 3 ? 0.15 : 0), types: [['10001', 1]] },
  { name: 'misc', base: 3, types: [['09003', 1], ['09004', 1], ['06034', 1], ['06037', 0.5], ['10002', 0.5]] },
];

const categoryOf = (code: string): Category => CATEGORIES.find((c) => c.types.some(([t]) => t === code))!;

/** Machines see only some problems (all of them in CATEGORIES). */
const MACHINE_TYPES: Partial<Record<CaseSource, readonly (readonly [string, number])[]>> = {
  video_ai: [['06010', 4], ['09006', 3], ['09009', 3], ['09001', 2], ['06036', 2], ['07001', 1]],
  iot: [['06042', 3], ['01004', 2], ['01003', 1]],
};

/** Component types that break more often. */
function componentWeight(typeCode: string, month: number): number {
  const rainy = month >= 6 && month <= 8;
  if (typeCode === '01003' || typeCode === '01004') return rainy ? 9 : 3;
  if (typeCode < '01024' && typeCode.startsWith('01')) return 3;       // 井盖
  if (typeCode === '01037') return month >= 10 || month <= 2 ? 4 : 3;   // 路灯: long nights
  if (typeCode === '03005' || typeCode === '04002' || typeCode === '02017') return 2.5;
  return 1;
}

const BUSY_LANDMARKS = new Set(['商场', '交通枢纽', '学校', '医院', '公园', '广场', '文体场馆']);
const DISTRICT_FACTOR: Record<string, number> = { '379902': 1.4, '379903': 1.1, '379904': 0.9, '379905': 0.8 };

/** Hour weights 0–23 per source. */
function hourWeights(source: CaseSource): number[] {
  return Array.from({ length: 24 }, (_, h) => {
    switch (source) {
      case 'collector': case 'patrol':
        return h >= 8 && h < 12 ? 3 : h >= 14 && h < 18 ? 2.6 : h === 12 || h === 13 ? 0.8 : h >= 6 && h < 21 ? 0.4 : 0.02;
      case 'public': return h >= 19 && h < 22 ? 2.5 : h >= 7 && h < 19 ? 1.5 : h >= 22 || h < 1 ? 0.6 : 0.1;
      case 'hotline': return h >= 8 && h < 22 ? 2 : 0.3;
      case 'video_ai': return h >= 6 && h < 23 ? 1.5 : 0.5;
      case 'iot': return 1;
      default: return h >= 9 && h < 18 ? 1 : 0.05;
    }
  });
}

function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => { sum += w; out[i] = sum; });
  return out;
}

/** Index picked by a cumulative weight table. */
export function pickCumulative(cum: Float64Array, r: number): number {
  const x = r * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > x) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** China calendar month (1–12) and hour of an instant. */
export function monthOf(ms: number): number { return Number(dayKey(chinaDayIndex(ms)).slice(5, 7)); }

function dayWeight(source: CaseSource, dayIndex: number, calendar: WorkingCalendar): number {
  const key = dayKey(dayIndex);
  const month = Number(key.slice(5, 7));
  const working = calendar.isWorkingDay(key);
  const season = month >= 6 && month <= 8 ? 1.2 : month === 12 || month <= 2 ? 0.85 : 1;
  const info = calendar.dayInfo(key);
  const festival = info.name === '春节' && !working ? 0.5 : 1;
  const weekly = source === 'collector' || source === 'patrol' || source === 'leader' ? (working ? 1 : 0.35)
    : source === 'public' || source === 'hotline' || source === 'media' ? (working ? 1 : 1.2) : 1;
  return season * festival * weekly;
}

/** Plans `total` cases over the year: sorted by report time, numbered per year and district after the numbers
 *  already taken (`takenNumbers`: last sequence per `${year}:${district}`). */
export function planHistory(inputs: HistoryInputs, total: number, takenNumbers: Readonly<Record<string, number>> = {}): HistoryPlan {
  const rng = new Rng(inputs.seed, 'history-plan');
  const firstDay = chinaDayIndex(HISTORY_START);
  const days = Array.from({ length: HISTORY_DAYS }, (_, i) => firstDay + i);
  const dayCum = new Map(SOURCES.map(([s]) => [s, cumulative(days.map((d) => dayWeight(s, d, inputs.calendar)))]));
  const hourCum = new Map(SOURCES.map(([s]) => [s, cumulative(hourWeights(s))]));

  const componentsByGrid: number[][] = inputs.grids.map(() => []);
  inputs.components.forEach((c, i) => componentsByGrid[c.gridIndex].push(i));
  const landmarkScore = new Float64Array(inputs.grids.length);
  for (const l of inputs.landmarks) if (l.gridIndex >= 0) landmarkScore[l.gridIndex] += BUSY_LANDMARKS.has(l.category) ? 4 : 1;
  const gridCum = cumulative(inputs.grids.map((g, i) =>
    (1 + componentsByGrid[i].length / 10 + landmarkScore[i]) * (DISTRICT_FACTOR[g.communityCode.slice(0, 6)] ?? 1)));
  const matterTypes = new Set(inputs.types.filter((t) => t.kind === 'matter').map((t) => t.code));

  const cases: PlannedCase[] = [];
  for (let index = 0; index < total; index++) {
    const source = rng.weighted(SOURCES);
    const day = days[pickCumulative(dayCum.get(source)!, rng.next())];
    const hour = pickCumulative(hourCum.get(source)!, rng.next());
    const at = dayStartMs(day) + hour * 3_600_000 + Math.floor(rng.next() * 60) * MINUTE_MS + rng.int(0, 59) * 1000;
    const month = monthOf(at);
    const restDay = !inputs.calendar.isWorkingDay(dayKey(day));
    const gridIndex = pickCumulative(gridCum, rng.next());
    const inGrid = componentsByGrid[gridIndex];
    let kind: 'component' | 'matter' = 'matter';
    let typeCode: string;
    let componentIndex = -1;
    let category = 'component';
    const machine = MACHINE_TYPES[source];
    if (machine) {
      // sensors and cameras see the seasons too (a flooded road in summer, overflowing bins in the heat)
      const cat = rng.weighted(machine.map(([code, w]) => [categoryOf(code), w * (categoryOf(code).season?.(month) ?? 1)] as const));
      typeCode = rng.weighted(machine.filter(([code]) => categoryOf(code) === cat));
      category = cat.name;
    } else if (inGrid.length > 0 && rng.chance(0.4)) {
      kind = 'component';
      componentIndex = inGrid[pickCumulative(cumulative(inGrid.map((i) => componentWeight(inputs.components[i].typeCode, month))), rng.next())];
      typeCode = inputs.components[componentIndex].typeCode;
    } else {
      const cat = CATEGORIES[pickCumulative(cumulative(CATEGORIES.map((c) =>
        c.base * (c.season?.(month) ?? 1) * (c.hour?.(hour) ?? 1) * (restDay ? c.restDay ?? 1 : 1))), rng.next())];
      typeCode = rng.weighted(cat.types);
      category = cat.name;
    }
    if (kind === 'matter' && !matterTypes.has(typeCode)) throw new Error(`catalogue lacks matter type ${typeCode}`);
    cases.push({ index, at, source, gridIndex, kind, typeCode, componentIndex, category, caseNo: '' });
  }
  cases.sort((a, b) => a.at - b.at || a.index - b.index);
  const counters = new Map<string, number>();
  cases.forEach((c, i) => {
    c.index = i;
    const year = dayKey(chinaDayIndex(c.at)).slice(0, 4);
    const district = inputs.grids[c.gridIndex].communityCode.slice(0, 6);
    const key = `${year}:${district}`;
    const seq = (counters.get(key) ?? takenNumbers[key] ?? 0) + 1;
    counters.set(key, seq);
    c.caseNo = `${year}-${district}-${String(seq).padStart(6, '0')}`;
  });
  return { cases, counters };
}
