// 热线统计: orders received, 当即办理 vs 转办, transferred orders finished and finished on time (before the hotline's
// due time, or — without one — with no stage clock of the case overdue), and the state of the result callbacks.
import type { Queryable } from '../../db/types.ts';
import { maskPhone } from '../../admin/privacy.ts';
import type { CallbackAttempt, HotlineCounts, HotlineOrderList } from './views.ts';

export async function hotlineStats(q: Queryable, from: Date, to: Date): Promise<HotlineCounts> {
  const r = await q.maybeOne<any>(
    `select count(*)::int as received,
       count(*) filter (where o.mode = 'immediate')::int as immediate,
       count(*) filter (where o.mode = 'transfer')::int as transfer,
       count(*) filter (where o.mode = 'transfer' and c.stage = 'closed')::int as finished,
       count(*) filter (where o.mode = 'transfer' and c.stage = 'closed' and (
         case when o.due_at is not null then c.closed_at <= o.due_at
              else not exists (select 1 from case_clocks k where k.case_id = c.id and k.on_time = false) end))::int as on_time,
       count(*) filter (where o.callback_status = 'sent')::int as callbacks_sent,
       count(*) filter (where o.callback_status = 'pending')::int as callbacks_pending,
       count(*) filter (where o.callback_status = 'failed')::int as callbacks_failed
     from hotline_orders o left join cases c on c.id = o.case_id
     where o.received_at >= $1 and o.received_at < $2`, [from.toISOString(), to.toISOString()]);
  const n = (k: string) => Number(r?.[k] ?? 0);
  return {
    received: n('received'), immediate: n('immediate'), transfer: n('transfer'), finished: n('finished'), onTime: n('on_time'),
    onTimeRate: n('finished') > 0 ? Math.round((n('on_time') / n('finished')) * 1000) / 10 : null,
    callbacks: { sent: n('callbacks_sent'), pending: n('callbacks_pending'), failed: n('callbacks_failed') },
  };
}

export async function listOrders(q: Queryable, page: number, pageSize: number, showPhone: boolean): Promise<HotlineOrderList> {
  const rows = await q.query<any>(
    `select o.*, c.case_no, c.stage, count(*) over ()::int as total,
       (select count(*)::int from hotline_callbacks b where b.order_id = o.id) as attempts,
       (select b.error from hotline_callbacks b where b.order_id = o.id order by b.id desc limit 1) as last_error
     from hotline_orders o left join cases c on c.id = o.case_id order by o.id desc limit $1 offset $2`, [pageSize, (page - 1) * pageSize]);
  return {
    total: rows.length > 0 ? Number(rows[0].total) : 0,
    items: rows.map((r) => ({
      id: Number(r.id), orderId: r.hotline_id, mode: r.mode, caseNo: r.case_no ?? null, stage: r.stage ?? null,
      callerName: r.caller_name, callerPhone: showPhone ? r.caller_phone : maskPhone(r.caller_phone), content: r.content,
      receivedAt: new Date(r.received_at).toISOString(), dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
      callbackStatus: r.callback_status, callbackAt: r.callback_at ? new Date(r.callback_at).toISOString() : null,
      attempts: Number(r.attempts), lastError: r.last_error ?? null,
    })),
  };
}

export async function orderCallbacks(q: Queryable, id: number): Promise<CallbackAttempt[]> {
  const rows = await q.query<any>('select * from hotline_callbacks where order_id = $1 order by id', [id]);
  return rows.map((r) => ({ attempt: Number(r.attempt), at: new Date(r.at).toISOString(), url: r.url,
    statusCode: r.status_code === null ? null : Number(r.status_code), ok: r.ok, sending: r.state === 'sending', error: r.error }));
}
