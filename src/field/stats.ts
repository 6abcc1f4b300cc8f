// 城管通 (field app) statistics: the month's figures of one field worker — reports and how many of them were filed
// (有效上报), 核实/核查 done, 自行处置, and for department handlers 处置反馈 — from the evaluation rollup (case_counts,
// flushed first so the figures are exact) and, for 有效上报, from the reporter's own cases.
import type { Actor } from '../admin/actor.ts';
import { flushCounts } from '../command/counts.ts';
import { chinaDayIndex, dayKey } from '../command/rules/china-time.ts';
import type { Queryable } from '../db/types.ts';
import { forbidden } from '../platform/errors.ts';

export interface FieldStats {
  /** China month, YYYY-MM */
  month: string;
  reported: number;
  /** 有效上报: reports of the month that were filed (立案). */
  valid: number;
  verified: number;
  checked: number;
  selfHandled: number;
  handled: number;
}

/** The first China day of the month that `now` falls in, and the first of the next one (YYYY-MM-DD). */
export function monthRange(now: Date): { month: string; from: string; to: string } {
  const today = dayKey(chinaDayIndex(now));
  const [y, m] = today.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { month: today.slice(0, 7), from: `${today.slice(0, 7)}-01`, to: `${next}-01` };
}

export async function fieldStats(q: Queryable, actor: Actor, now = new Date()): Promise<FieldStats> {
  if (actor.kind !== 'user' || actor.id === null) throw forbidden('只有登录用户有个人统计', 'FORBIDDEN');
  await flushCounts(q, 20_000);
  const { month, from, to } = monthRange(now);
  const counters = await q.query<{ counter: string; n: number }>(
    `select counter, sum(n)::int as n from case_counts
     where actor_id = $1 and day >= $2::date and day < $3::date and counter = any($4) group by counter`,
    [actor.id, from, to, ['reported', 'verified', 'checked', 'handled']]);
  const count = (name: string) => Number(counters.find((c) => c.counter === name)?.n ?? 0);
  const own = (await q.maybeOne<{ valid: number; self_handled: number }>(
    `select
       (select count(*)::int from cases c
         where c.created_by = $1 and c.created_at >= ($2::date::timestamp at time zone 'Asia/Shanghai')
           and c.created_at < ($3::date::timestamp at time zone 'Asia/Shanghai')
           and exists (select 1 from case_events e join case_count_rules r
             on r.action = e.action and (r.to_stage = '' or r.to_stage = e.to_stage)
             where e.case_id = c.id and r.counter = 'filed')) as valid,
       (select count(*)::int from case_events e
         where e.actor_id = $1 and e.action = 'self_handle' and e.at >= ($2::date::timestamp at time zone 'Asia/Shanghai')
           and e.at < ($3::date::timestamp at time zone 'Asia/Shanghai')) as self_handled`,
    [actor.id, from, to]))!;
  return { month, reported: count('reported'), valid: Number(own.valid), verified: count('verified'),
    checked: count('checked'), selfHandled: Number(own.self_handled), handled: count('handled') };
}
