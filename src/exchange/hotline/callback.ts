// 办结反馈: when a transferred order's case ends (结案, 作废, 不予受理, 合并), its result is POSTed to the hotline's
// callback URL by a job. The HTTP call runs outside any database transaction:
//   1. the job's transaction claims the attempt (a hotline_callbacks row in state 'sending') and schedules a guard run
//      of the same job (same dedupe key) a minute later, then commits;
//   2. after the commit the runner calls the receiver (5 s timeout);
//   3. a new short transaction records the outcome on the claimed row (only if it is still 'sending') and either marks
//      the order sent / failed (cancelling the guard) or reschedules the job after a backoff — 30 s, 1, 2, 4 … min.
// A node that dies between 1 and 3 leaves the claim 'sending': the guard run closes it as interrupted (one row per
// attempt, never two) and makes the next attempt. After maxAttempts the order is failed (an administrator may resend).
import type { Db, Queryable } from '../../db/types.ts';
import { scheduleJob, type AfterCommit, type JobRow } from '../../platform/jobs.ts';
import { TERMINAL_STAGES, type Stage } from '../../command/rules/case-model.ts';
import { PUBLIC_NOTE_ACTIONS, statusNotes } from '../../public/status.ts';
import { isoChina } from '../open311/requests.ts';
import { loadHotlineSettings } from './settings.ts';

export const CALLBACK_JOB = 'hotline.callback';
const TIMEOUT_MS = 5_000;
const BACKOFF_BASE_MS = 15_000;
/** When the guard run looks at a claim: far beyond the HTTP timeout, so a live node has recorded its outcome. */
export const GUARD_MS = 60_000;
export const INTERRUPTED = '发送中断（节点在发送时退出），结果未知';

const callbackKey = (orderId: number) => `hotline:callback:${orderId}`;

/** Marks the case's order for feedback (once, whichever node sees the event first) and schedules the job. */
export async function queueCallback(db: Db, caseId: number, stage: string): Promise<boolean> {
  if (!TERMINAL_STAGES.has(stage as Stage)) return false;
  return db.transaction(async (tx) => {
    const row = await tx.maybeOne<{ id: number }>(
      "update hotline_orders set callback_status = 'pending' where case_id = $1 and callback_status = 'none' returning id", [caseId]);
    if (!row) return false;
    await scheduleCallback(tx, Number(row.id));
    return true;
  });
}

export async function scheduleCallback(tx: Queryable, orderId: number, attempt = 1, runAt?: Date): Promise<void> {
  await scheduleJob(tx, { kind: CALLBACK_JOB, payload: { orderId, attempt }, dedupeKey: callbackKey(orderId), runAt });
}

/** What the hotline receives: its order id, our case number, the result and its note, times in China time. */
export async function callbackPayload(q: Queryable, orderId: number) {
  const r = await q.maybeOne<any>(
    `select o.hotline_id, c.id, c.case_no, c.stage, c.closed_at, c.updated_at, c.satisfaction, d.name as department,
       (select e.opinion from case_events e where e.case_id = c.id and e.action = any($2) order by e.id desc limit 1) as note
     from hotline_orders o join cases c on c.id = o.case_id left join departments d on d.id = c.lead_department_id where o.id = $1`,
    [orderId, PUBLIC_NOTE_ACTIONS]);
  if (!r) return undefined;
  return { orderId: r.hotline_id, caseNo: r.case_no, result: r.stage, resultText: statusNotes(r.stage, r.note), department: r.department ?? null,
    finishedAt: isoChina(r.closed_at ?? r.updated_at) };
}

type Outcome = { statusCode: number | null; error: string | null };

async function post(url: string, token: string | null, payload: object): Promise<Outcome> {
  try {
    const res = await fetch(url, {
      method: 'POST', signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(payload),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { statusCode: res.status, error: res.ok ? null : `HTTP ${res.status}` };
  } catch (err) {
    return { statusCode: null, error: (err as Error).message || String(err) };
  }
}

/** The pending guard run is not needed any more: the job is done. */
async function endGuard(tx: Queryable, orderId: number): Promise<void> {
  await tx.query("update jobs set status = 'done', finished_at = now() where dedupe_key = $1 and status = 'pending'", [callbackKey(orderId)]);
}

/** After an attempt ended (recorded or interrupted): sent, failed for good, or the next attempt after a backoff. */
async function settle(tx: Queryable, orderId: number, attempt: number, maxAttempts: number, outcome: Outcome, payload: object | null): Promise<void> {
  if (outcome.error === null) {
    await tx.query("update hotline_orders set callback_status = 'sent', callback_at = now(), result = $2 where id = $1", [orderId, JSON.stringify(payload)]);
    await endGuard(tx, orderId);
  } else if (attempt >= maxAttempts) {
    await tx.query("update hotline_orders set callback_status = 'failed' where id = $1", [orderId]);
    await endGuard(tx, orderId);
  } else {
    await scheduleCallback(tx, orderId, attempt + 1, new Date(Date.now() + BACKOFF_BASE_MS * 2 ** attempt));
  }
}

export function callbackHandler(db: Db) {
  return async (job: JobRow, tx: Queryable): Promise<void | AfterCommit> => {
    const orderId = Number(job.payload.orderId);
    let attempt = Number(job.payload.attempt ?? 1);
    const order = await tx.maybeOne<{ callback_status: string }>('select callback_status from hotline_orders where id = $1 for update', [orderId]);
    if (!order || order.callback_status !== 'pending') return;
    const settings = await loadHotlineSettings(tx);
    // a claim still open here was left by a node that stopped between the call and its record: close it, count it
    const stale = await tx.maybeOne<{ attempt: number }>(
      "update hotline_callbacks set state = 'done', ok = false, error = $2 where order_id = $1 and state = 'sending' returning attempt",
      [orderId, INTERRUPTED]);
    if (stale) {
      attempt = Number(stale.attempt) + 1;
      if (attempt > settings.maxAttempts) {
        await settle(tx, orderId, attempt - 1, settings.maxAttempts, { statusCode: null, error: INTERRUPTED }, null);
        return;
      }
    }
    const payload = await callbackPayload(tx, orderId);
    if (!payload) return;
    if (!settings.callbackUrl) {
      await tx.query("insert into hotline_callbacks (order_id, attempt, url, ok, error) values ($1, $2, '', false, '未配置热线回调地址')", [orderId, attempt]);
      await settle(tx, orderId, attempt, settings.maxAttempts, { statusCode: null, error: '未配置热线回调地址' }, payload);
      return;
    }
    const claim = await tx.maybeOne<{ id: number }>(
      "insert into hotline_callbacks (order_id, attempt, url, ok, state) values ($1, $2, $3, false, 'sending') returning id",
      [orderId, attempt, settings.callbackUrl]);
    // the guard: runs only if the outcome below is never recorded (it replaces this job's row, so the job stays pending)
    await scheduleCallback(tx, orderId, attempt, new Date(Date.now() + GUARD_MS));
    const { callbackUrl, token, maxAttempts } = settings;
    return async () => {
      const outcome = await post(callbackUrl, token, payload);
      await db.transaction(async (t2) => {
        const current = await t2.maybeOne<{ callback_status: string }>('select callback_status from hotline_orders where id = $1 for update', [orderId]);
        const recorded = await t2.maybeOne(
          "update hotline_callbacks set state = 'done', status_code = $2, ok = $3, error = $4 where id = $1 and state = 'sending' returning id",
          [claim!.id, outcome.statusCode, outcome.error === null, outcome.error]);
        // not recorded: a guard run already closed the claim as interrupted and took over
        if (recorded && current?.callback_status === 'pending') await settle(t2, orderId, attempt, maxAttempts, outcome, payload);
      });
    };
  };
}
