// 办结反馈: when a transferred order's case ends (结案, 作废, 不予受理, 合并), its result is POSTed to the hotline's
// callback URL by a job. Each attempt is recorded in the job's transaction; a failed one reschedules the same job
// (same dedupe key, the attempt number in its payload) after an exponential backoff — 30 s, 1, 2, 4 … min — and after
// the last attempt the order is marked failed (an administrator may send it again). The HTTP call runs inside the
// job's transaction (the JobRunner's shape), so it has a short timeout.
import type { Db, Queryable } from '../../db/types.ts';
import { scheduleJob, type JobRow } from '../../platform/jobs.ts';
import { TERMINAL_STAGES, type Stage } from '../../command/rules/case-model.ts';
import { PUBLIC_NOTE_ACTIONS, statusNotes } from '../../public/status.ts';
import { isoChina } from '../open311/requests.ts';
import { loadHotlineSettings } from './settings.ts';

export const CALLBACK_JOB = 'hotline.callback';
const TIMEOUT_MS = 5_000;
const BACKOFF_BASE_MS = 15_000;

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
  await scheduleJob(tx, { kind: CALLBACK_JOB, payload: { orderId, attempt }, dedupeKey: `hotline:callback:${orderId}`, runAt });
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

export function callbackHandler() {
  return async (job: JobRow, tx: Queryable): Promise<void> => {
    const orderId = Number(job.payload.orderId);
    const attempt = Number(job.payload.attempt ?? 1);
    const settings = await loadHotlineSettings(tx);
    const payload = await callbackPayload(tx, orderId);
    if (!payload) return;
    let statusCode: number | null = null;
    let error: string | null = null;
    if (!settings.callbackUrl) {
      error = '未配置热线回调地址';
    } else {
      try {
        const res = await fetch(settings.callbackUrl, {
          method: 'POST', signal: AbortSignal.timeout(TIMEOUT_MS),
          headers: { 'content-type': 'application/json', ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}) },
          body: JSON.stringify(payload),
        });
        statusCode = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (!res.ok) error = `HTTP ${res.status}`;
      } catch (err) {
        error = (err as Error).message || String(err);
      }
    }
    await tx.query('insert into hotline_callbacks (order_id, attempt, url, status_code, ok, error) values ($1, $2, $3, $4, $5, $6)',
      [orderId, attempt, settings.callbackUrl ?? '', statusCode, error === null, error]);
    if (error === null) {
      await tx.query("update hotline_orders set callback_status = 'sent', callback_at = now(), result = $2 where id = $1", [orderId, JSON.stringify(payload)]);
    } else if (attempt >= settings.maxAttempts) {
      await tx.query("update hotline_orders set callback_status = 'failed' where id = $1", [orderId]);
    } else {
      await scheduleCallback(tx, orderId, attempt + 1, new Date(Date.now() + BACKOFF_BASE_MS * 2 ** attempt));
    }
  };
}
