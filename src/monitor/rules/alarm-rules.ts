// 告警规则 (pure): multi-level thresholds held for a while, rate of change, and no data (offline), each clearing with
// hysteresis. A rule keeps a small state per device; evaluating a reading returns the new state and what changed.
// Readings not newer than the last one evaluated (out of order, duplicates) change nothing: they are only stored.
import type { OfflineParamsView, RateParamsView, ThresholdParamsView } from '../views.ts';
import { higher, isLevel, LEVELS, rank, type Level } from './levels.ts';

// The parameters are what the rule API answers (views.ts): 阈值 above (or below) a level's threshold for `forSeconds`,
// clearing once back past threshold ∓ hysteresis; 变化率 |Δvalue| per minute between consecutive readings at or over
// `perMinute`, clearing below perMinute − hysteresis; 离线 no reading for `minutes`.
export type ThresholdParams = ThresholdParamsView;
export type RateParams = RateParamsView;
export type OfflineParams = OfflineParamsView;

export type RuleSpec =
  | { kind: 'threshold'; metric: string; params: ThresholdParams }
  | { kind: 'rate'; metric: string; params: RateParams }
  | { kind: 'offline'; metric: null; params: OfflineParams };

export interface RuleState {
  level: Level | null;
  /** When each level's raw condition began to hold without a break (ms). */
  since: Partial<Record<Level, number>>;
  last: { ts: number; value: number } | null;
}

export type Change =
  | { kind: 'none' }
  | { kind: 'raise' | 'escalate' | 'deescalate'; level: Level }
  | { kind: 'clear' };

export interface Evaluation { state: RuleState; change: Change; value: number; ts: number }

export const initialState = (level: Level | null = null): RuleState => ({ level, since: {}, last: null });

/** The highest level whose threshold the value reaches, each threshold moved by `shift` toward clearing. */
function crossed(p: ThresholdParams, value: number, shift: number, upTo: Level | null = 'red'): Level | null {
  let found: Level | null = null;
  for (const level of LEVELS) {
    if (rank(level) > rank(upTo)) break;
    const t = p.levels[level];
    if (t === undefined) continue;
    const hit = p.direction === 'above' ? value >= t - shift : value <= t + shift;
    if (hit) found = level;
  }
  return found;
}

function changeOf(from: Level | null, to: Level | null): Change {
  if (from === to) return { kind: 'none' };
  if (to === null) return { kind: 'clear' };
  if (from === null) return { kind: 'raise', level: to };
  return { kind: rank(to) > rank(from) ? 'escalate' : 'deescalate', level: to };
}

function evaluateThreshold(p: ThresholdParams, s: RuleState, ts: number, value: number): RuleState {
  const raw = crossed(p, value, 0);
  const since: RuleState['since'] = {};
  for (const level of LEVELS) {
    if (rank(level) <= rank(raw) && p.levels[level] !== undefined) since[level] = s.since[level] ?? ts;
  }
  // the highest level held long enough
  let qualified: Level | null = null;
  for (const level of LEVELS) {
    const start = since[level];
    if (start !== undefined && ts - start >= p.forSeconds * 1000) qualified = level;
  }
  // the current level is kept while the value stays within its threshold moved by the hysteresis
  const kept = s.level === null ? null : crossed(p, value, p.hysteresis, s.level);
  const level = rank(qualified) > rank(s.level) ? qualified : higher(kept, qualified);
  return { level, since, last: { ts, value } };
}

function evaluateRate(p: RateParams, s: RuleState, ts: number, value: number): RuleState {
  if (!s.last) return { level: s.level, since: {}, last: { ts, value } };
  const minutes = (ts - s.last.ts) / 60_000;
  const rate = Math.abs(value - s.last.value) / minutes;
  const limit = s.level === null ? p.perMinute : p.perMinute - p.hysteresis;
  return { level: rate >= limit ? p.level : null, since: {}, last: { ts, value } };
}

/** Evaluates one reading of the rule's metric. */
export function evaluateReading(rule: RuleSpec, state: RuleState, ts: number, value: number): Evaluation {
  if (rule.kind === 'offline' || (state.last && ts <= state.last.ts)) return { state, change: { kind: 'none' }, value, ts };
  const next = rule.kind === 'threshold' ? evaluateThreshold(rule.params, state, ts, value) : evaluateRate(rule.params, state, ts, value);
  return { state: next, change: changeOf(state.level, next.level), value, ts };
}

/** 离线判定: the device is offline when its last reading (or, never heard of, its registration) is `minutes` old. */
export function isOffline(p: OfflineParams, lastSeenMs: number | null, registeredMs: number, nowMs: number): boolean {
  return nowMs - (lastSeenMs ?? registeredMs) >= p.minutes * 60_000;
}

/** Checks a rule's params; returns a Chinese reason for the first problem, or null. */
export function ruleProblem(kind: RuleSpec['kind'], params: any): string | null {
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (kind === 'threshold') {
    if (params.direction !== 'above' && params.direction !== 'below') return 'direction 须为 above 或 below';
    const levels = Object.entries(params.levels ?? {});
    if (levels.length === 0) return '至少设置一个等级的阈值';
    if (levels.some(([k, v]) => !isLevel(k) || !num(v))) return '阈值等级须为 blue/yellow/orange/red，阈值须为数字';
    const ordered = LEVELS.filter((l) => params.levels[l] !== undefined).map((l) => params.levels[l] as number);
    const sorted = ordered.every((v, i) => i === 0 || (params.direction === 'above' ? v > ordered[i - 1] : v < ordered[i - 1]));
    if (!sorted) return params.direction === 'above' ? '等级越高阈值须越大' : '等级越高阈值须越小';
    if (!num(params.forSeconds) || params.forSeconds < 0) return '持续时间须为非负数（秒）';
    if (!num(params.hysteresis) || params.hysteresis < 0) return '回差须为非负数';
    return null;
  }
  if (kind === 'rate') {
    if (!num(params.perMinute) || params.perMinute <= 0) return '变化率阈值须为正数（每分钟）';
    if (!isLevel(params.level)) return '告警等级须为 blue/yellow/orange/red';
    if (!num(params.hysteresis) || params.hysteresis < 0 || params.hysteresis >= params.perMinute) return '回差须为非负数且小于变化率阈值';
    return null;
  }
  if (!num(params.minutes) || params.minutes <= 0) return '离线时长须为正数（分钟）';
  if (!isLevel(params.level)) return '告警等级须为 blue/yellow/orange/red';
  return null;
}
