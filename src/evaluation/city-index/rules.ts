// 城市管理指数 rules: the default indicator tree, its validation, raw value → score, and the index of a region
// (dimension scores, contributions), the district ranking and the weak points. Pure.
import { RATE_DEFS } from '../rules/figures.ts';
import { stepScore } from '../rules/scoring.ts';
import type {
  DimensionResult, IndexIndicator, IndexTree, IndicatorResult, RegionIndex, ScoringMethod, WeakPoint,
} from './views.ts';

const platformRate = (key: string, name: string, weight: number, rate: string, scoring: ScoringMethod): IndexIndicator =>
  ({ key, name, weight, source: { kind: 'platform', metric: { kind: 'rate', rate } }, scoring });
const density = (key: string, name: string, weight: number, types: string[], scoring: ScoringMethod): IndexIndicator =>
  ({ key, name, weight, source: { kind: 'platform', metric: { kind: 'density', types } }, scoring });
const inspection = (key: string, name: string, weight: number): IndexIndicator =>
  ({ key, name, weight, source: { kind: 'inspection' }, scoring: { kind: 'direct' } });
const questionnaire = (key: string, name: string, weight: number): IndexIndicator =>
  ({ key, name, weight, source: { kind: 'questionnaire' }, scoring: { kind: 'direct' } });
const m = (codes: string) => codes.split(' ').map((c) => `matter:${c}`);
const c = (codes: string) => codes.split(' ').map((x) => `component:${x}`);

/**
 * The tree used for a year until an administrator saves one (a default, editable on the page): the five dimensions of
 * 住建部's 城市管理 evaluation (干净、整洁、有序、安全、群众满意), each mixing platform figures, 实地考察 and 问卷调查. The
 * bounds are assumptions sized to the demo city's case volume (cases per km² and year); cities set their own.
 */
export const DEFAULT_TREE: IndexTree = {
  dimensions: [
    { key: 'clean', name: '干净', weight: 25, indicators: [
      density('garbage_density', '暴露垃圾类问题密度', 30, m('06010 06011 06042'), { kind: 'linear', worst: 400, best: 50 }),
      inspection('street_cleaning', '道路清扫保洁（实地考察）', 40),
      inspection('waste_collection', '垃圾收运与公厕（实地考察）', 30),
    ] },
    { key: 'tidy', name: '整洁', weight: 20, indicators: [
      density('clutter_density', '乱堆乱放与小广告密度', 30, m('06036 07001 07003'), { kind: 'linear', worst: 300, best: 30 }),
      inspection('streetscape', '市容立面与广告招牌（实地考察）', 40),
      inspection('greening', '绿化养护（实地考察）', 30),
    ] },
    { key: 'orderly', name: '有序', weight: 20, indicators: [
      density('street_order_density', '街面秩序问题密度', 30, m('09001 09005 09006 09009 09010 09011'), { kind: 'steps', steps: [
        { upTo: 100, score: 100 }, { upTo: 200, score: 85 }, { upTo: 300, score: 70 }, { upTo: 400, score: 55 }, { upTo: null, score: 40 }] }),
      platformRate('on_time_handling', '按期处置率', 35, 'onTimeHandlingRate', { kind: 'linear', worst: 60, best: 100 }),
      inspection('street_order', '街面秩序（实地考察）', 35),
    ] },
    { key: 'safe', name: '安全', weight: 15, indicators: [
      density('hazard_density', '井盖与消防通道隐患密度', 30, [...c('01001 01002 01003 01007 01011'), ...m('09012')],
        { kind: 'linear', worst: 250, best: 20 }),
      platformRate('closure', '结案率', 30, 'closureRate', { kind: 'linear', worst: 80, best: 100 }),
      inspection('hazard_check', '安全隐患排查（实地考察）', 40),
    ] },
    { key: 'satisfied', name: '群众满意', weight: 20, indicators: [
      questionnaire('environment_satisfaction', '市容环境满意度（问卷）', 40),
      questionnaire('service_satisfaction', '城市管理服务满意度（问卷）', 35),
      platformRate('public_reports', '监督举报率', 25, 'publicReportRate', { kind: 'linear', worst: 40, best: 5 }),
    ] },
  ],
};

const KEY = /^[a-z][a-z0-9_]{1,39}$/;
const TYPE = /^(component|matter):[0-9]{5}$/;

/** Why a tree cannot be used (Chinese), or null when it can. */
export function treeProblem(t: IndexTree): string | null {
  if (!t.dimensions?.length) return '至少需要一个维度';
  const close100 = (ws: number[]) => Math.abs(ws.reduce((a, b) => a + b, 0) - 100) < 1e-6;
  if (!t.dimensions.every((d) => Number.isFinite(d.weight) && d.weight >= 0)) return '维度权重不能为负数';
  if (!close100(t.dimensions.map((d) => d.weight))) return `维度权重合计必须为 100（现为 ${t.dimensions.reduce((a, d) => a + d.weight, 0)}）`;
  const keys = new Set<string>();
  for (const d of t.dimensions) {
    if (!KEY.test(d.key) || keys.has(d.key)) return `维度代码无效或重复：${d.key}`;
    keys.add(d.key);
    if (!d.name?.trim()) return '维度名称不能为空';
    if (!d.indicators?.length) return `维度“${d.name}”至少需要一个指标`;
    if (!d.indicators.every((i) => Number.isFinite(i.weight) && i.weight >= 0)) return `维度“${d.name}”的指标权重不能为负数`;
    if (!close100(d.indicators.map((i) => i.weight))) {
      return `维度“${d.name}”的指标权重合计必须为 100（现为 ${d.indicators.reduce((a, i) => a + i.weight, 0)}）`;
    }
    for (const i of d.indicators) {
      if (!KEY.test(i.key) || keys.has(i.key)) return `指标代码无效或重复：${i.key}`;
      keys.add(i.key);
      if (!i.name?.trim()) return '指标名称不能为空';
      const p = indicatorProblem(i);
      if (p) return `指标“${i.name}”：${p}`;
    }
  }
  return null;
}

function indicatorProblem(i: IndexIndicator): string | null {
  const s = i.source;
  if (s.kind === 'platform') {
    if (s.metric.kind === 'rate' && !(s.metric.rate in RATE_DEFS)) return `未知的比率 ${s.metric.rate}`;
    if (s.metric.kind === 'density') {
      if (!s.metric.types.length) return '问题密度至少需要一个问题类型';
      const bad = s.metric.types.find((t) => !TYPE.test(t));
      if (bad) return `问题类型格式应为 matter:06010 或 component:01001（收到 ${bad}）`;
    }
  }
  const sc = i.scoring;
  if (sc.kind === 'linear') {
    if (!Number.isFinite(sc.worst) || !Number.isFinite(sc.best)) return '线性计分的上下限必须是数字';
    if (sc.worst === sc.best) return '线性计分的“最差值”和“最优值”不能相同';
  }
  if (sc.kind === 'steps') {
    if (!sc.steps.length || sc.steps[sc.steps.length - 1].upTo !== null) return '分档计分的最后一档必须是“以上”';
    for (let k = 0; k < sc.steps.length; k++) {
      const st = sc.steps[k];
      if (!Number.isFinite(st.score) || st.score < 0 || st.score > 100) return '分档得分必须在 0–100 之间';
      const prev = sc.steps[k - 1]?.upTo;
      if (st.upTo !== null && (!Number.isFinite(st.upTo) || (k > 0 && prev !== null && prev !== undefined && st.upTo <= prev))) {
        return '分档上限必须递增';
      }
      if (st.upTo === null && k < sc.steps.length - 1) return '只有最后一档可以是“以上”';
    }
  }
  return null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The score 0–100 of a raw value (null stays null). */
export function scoreOf(raw: number | null, s: ScoringMethod): number | null {
  if (raw === null || !Number.isFinite(raw)) return null;
  switch (s.kind) {
    case 'direct': return round1(Math.min(100, Math.max(0, raw)));
    case 'steps': return stepScore(raw, s.steps);
    case 'linear': return round1(Math.min(1, Math.max(0, (raw - s.worst) / (s.best - s.worst))) * 100);
  }
}

/** The raw value of each indicator of one region, as gathered from the platform, inspections and questionnaires. */
export interface RawValue { raw: number | null; unit: string; caseCount?: number | null; sampleSize?: number | null }

/**
 * The index of one region: each dimension is Σ weight × score / Σ weight over its indicators with a score, the index
 * the same over the dimensions with a score (so a missing value neither helps nor hurts). An indicator's contribution
 * is its share of the index × its score; the contributions add up to the index.
 */
export function regionIndex(tree: IndexTree, region: { code: string; name: string; level: 'city' | 'district' },
  values: Map<string, RawValue>): RegionIndex {
  const indicators: IndicatorResult[] = [];
  const dims: { d: DimensionResult; items: IndicatorResult[]; scored: number }[] = [];
  for (const d of tree.dimensions) {
    const items = d.indicators.map((i): IndicatorResult => {
      const v = values.get(i.key) ?? { raw: null, unit: '' };
      return { dimensionKey: d.key, key: i.key, name: i.name, sourceKind: i.source.kind, raw: v.raw === null ? null : round2(v.raw),
        unit: v.unit, caseCount: v.caseCount ?? null, sampleSize: v.sampleSize ?? null, score: scoreOf(v.raw, i.scoring),
        weight: i.weight, effectiveWeight: null, contribution: null };
    });
    const w = items.reduce((a, it) => a + (it.score === null ? 0 : it.weight), 0);
    const score = w > 0 ? items.reduce((a, it) => a + (it.score === null ? 0 : it.weight * it.score), 0) / w : null;
    dims.push({ d: { key: d.key, name: d.name, weight: d.weight, score: score === null ? null : round1(score), contribution: null },
      items, scored: w });
    indicators.push(...items);
  }
  const dimWeights = dims.reduce((a, x) => a + (x.d.score === null || x.d.weight === 0 ? 0 : x.d.weight), 0);
  let total: number | null = null;
  if (dimWeights > 0) {
    total = 0;
    for (const x of dims) {
      if (x.d.score === null || x.d.weight === 0) continue;
      const share = x.d.weight / dimWeights;
      x.d.contribution = round2(share * x.d.score);
      for (const it of x.items) {
        if (it.score === null) continue;
        it.effectiveWeight = round2(share * (it.weight / x.scored) * 100);
        it.contribution = round2((share * (it.weight / x.scored)) * it.score);
        total += share * (it.weight / x.scored) * it.score;
      }
    }
    total = round1(total);
  }
  return { regionCode: region.code, regionName: region.name, level: region.level, total, rank: null,
    dimensions: dims.map((x) => x.d), indicators };
}

/** Ranks the districts by index (equal totals share a rank; districts without one are not ranked). */
export function rankDistricts(regions: RegionIndex[]): void {
  const ranked = regions.filter((r) => r.level === 'district' && r.total !== null).sort((a, b) => b.total! - a.total!);
  ranked.forEach((r, i) => { r.rank = i > 0 && ranked[i - 1].total === r.total ? ranked[i - 1].rank : i + 1; });
}

/**
 * 短板: every indicator of any region scoring below `threshold`, lowest first; when none does, the lowest three
 * indicators of the first region (the city) so the report always names where to improve.
 */
export function weakPoints(tree: IndexTree, regions: RegionIndex[], threshold = 60, limit = 10): WeakPoint[] {
  const dimName = new Map(tree.dimensions.map((d) => [d.key, d.name]));
  const all = regions.flatMap((r) => r.indicators.filter((i) => i.score !== null).map((i): WeakPoint => ({
    regionCode: r.regionCode, regionName: r.regionName, indicatorKey: i.key, indicatorName: i.name,
    dimensionName: dimName.get(i.dimensionKey) ?? i.dimensionKey, score: i.score! })));
  const byScore = (a: WeakPoint, b: WeakPoint) => a.score - b.score || a.regionCode.localeCompare(b.regionCode);
  const below = all.filter((w) => w.score < threshold).sort(byScore);
  if (below.length) return below.slice(0, limit);
  const first = regions[0]?.regionCode;
  return all.filter((w) => w.regionCode === first).sort(byScore).slice(0, 3);
}

/** Averages of district values for the city when it has none of its own: plain for scores, by sample for shares. */
export function cityFallback(values: { value: number; sample?: number }[]): { value: number; sample: number | null } | null {
  if (!values.length) return null;
  if (values.every((v) => v.sample !== undefined)) {
    const n = values.reduce((a, v) => a + v.sample!, 0);
    return { value: values.reduce((a, v) => a + v.value * v.sample!, 0) / n, sample: n };
  }
  return { value: values.reduce((a, v) => a + v.value, 0) / values.length, sample: null };
}
