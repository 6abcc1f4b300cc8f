// 反向控制 (pure): a rule's actions — commands sent to the alarming device (e.g. 化粪池 start ventilation) when its
// alarm is raised (`onRaise`) and/or when it reaches a level (`atLevel`, on the raise or escalation that first gets
// there). Also the shape checks of actions and of a device's acknowledgement.
import { isLevel, rank, type Level } from './levels.ts';

export interface RuleAction { name: string; params?: Record<string, unknown>; onRaise?: boolean; atLevel?: Level }

export const COMMAND_NAME = /^[a-z][a-z0-9_]{1,39}$/;
const MAX_ACTIONS = 5;

/** The actions to run for an alarm going from `from` (null: not active) to `to`. */
export function actionsToRun(actions: readonly RuleAction[], from: Level | null, to: Level): RuleAction[] {
  return actions.filter((a) => (a.onRaise && from === null) || (a.atLevel !== undefined && rank(to) >= rank(a.atLevel) && rank(from) < rank(a.atLevel)));
}

/** Checks a rule's actions; returns a Chinese reason for the first problem, or null. */
export function actionsProblem(actions: unknown): string | null {
  if (!Array.isArray(actions)) return 'actions 须为数组';
  if (actions.length > MAX_ACTIONS) return `每条规则最多 ${MAX_ACTIONS} 个联动指令`;
  for (const a of actions as any[]) {
    if (!a || typeof a !== 'object') return '联动指令须为对象';
    if (typeof a.name !== 'string' || !COMMAND_NAME.test(a.name)) return '指令名须为小写字母开头的字母、数字或下划线（2–40 位）';
    if (a.params !== undefined && (typeof a.params !== 'object' || a.params === null || Array.isArray(a.params))) return '指令参数须为对象';
    if (a.atLevel !== undefined && !isLevel(a.atLevel)) return 'atLevel 须为 blue/yellow/orange/red';
    if (a.onRaise !== undefined && typeof a.onRaise !== 'boolean') return 'onRaise 须为布尔值';
    if (!a.onRaise && a.atLevel === undefined) return '联动指令须设置 onRaise 或 atLevel';
  }
  return null;
}

/** A device's answer on `<root>/devices/<code>/commands/ack`: `{ id, ok?, message? }` (ok defaults to true). */
export function parseAck(message: unknown): { id: number; ok: boolean; message: string | null } | null {
  if (!message || typeof message !== 'object') return null;
  const m = message as Record<string, unknown>;
  const id = typeof m.id === 'number' ? m.id : typeof m.id === 'string' && /^[0-9]{1,15}$/.test(m.id) ? Number(m.id) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) return null;
  if (m.ok !== undefined && typeof m.ok !== 'boolean') return null;
  const text = typeof m.message === 'string' ? m.message.slice(0, 500) : null;
  return { id, ok: m.ok !== false, message: text };
}
