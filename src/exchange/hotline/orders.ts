// 12345 热线 work orders: 转办 (transfer) orders become cases of source 12345热线, idempotent by the hotline's own
// order id; 当即办理 (handled on the call) orders are recorded for the statistics. Attachments arrive as base64 and
// are checked by content like every upload.
import type { Actor } from '../../admin/actor.ts';
import { createCase } from '../../command/intake.ts';
import type { Db } from '../../db/types.ts';
import { prepareMedia, storeMedia } from '../../media/store.ts';
import { badRequest } from '../../platform/errors.ts';
import type { AppContext } from '../../server/context.ts';

export interface HotlineOrderInput {
  orderId: string;
  mode: 'transfer' | 'immediate';
  content: string;
  typeCode?: string;
  lon?: number;
  lat?: number;
  address?: string;
  callerName?: string;
  callerPhone?: string;
  dueAt?: string;
  result?: string;
  urgent?: boolean;
  attachments?: { name?: string; data: string }[];
}

export interface HotlineOrderResult { orderId: string; mode: string; caseNo: string | null; created: boolean }

async function existing(db: Db, orderId: string): Promise<HotlineOrderResult | undefined> {
  const row = await db.maybeOne<{ hotline_id: string; mode: string; case_no: string | null }>(
    'select o.hotline_id, o.mode, c.case_no from hotline_orders o left join cases c on c.id = o.case_id where o.hotline_id = $1', [orderId]);
  return row && { orderId: row.hotline_id, mode: row.mode, caseNo: row.case_no, created: false };
}

export async function receiveOrder(ctx: Pick<AppContext, 'db' | 'events'>, actor: Actor, input: HotlineOrderInput): Promise<HotlineOrderResult> {
  const { db } = ctx;
  const known = await existing(db, input.orderId);
  if (known) return known;
  const due = input.dueAt ? new Date(input.dueAt) : null;
  if (due && Number.isNaN(+due)) throw badRequest('INVALID_DATE', 'dueAt 应为 ISO 8601 时间');
  let caseId: number | null = null;
  if (input.mode === 'transfer') {
    if (!input.typeCode) throw badRequest('TYPE_REQUIRED', '转办工单须填写事项类型代码 typeCode');
    if (input.lon === undefined || input.lat === undefined) throw badRequest('POSITION_REQUIRED', '转办工单须填写事发位置 lon、lat');
    const prepared: Awaited<ReturnType<typeof prepareMedia>>[] = [];
    for (const a of input.attachments ?? []) prepared.push(await prepareMedia(Buffer.from(a.data, 'base64'), a.name));
    const photos = prepared.length === 0 ? [] : await db.transaction(async (tx) => {
      const out: string[] = [];
      for (const m of prepared) out.push((await storeMedia(tx, actor, m)).hash);
      return out;
    });
    const made = await createCase(ctx, actor, {
      kind: 'matter', typeCode: input.typeCode, position: { lon: input.lon, lat: input.lat }, address: input.address,
      description: `【12345 工单 ${input.orderId}】${input.content.trim()}`, source: 'hotline', urgent: input.urgent ?? false, photos,
      reporter: { name: input.callerName, phone: input.callerPhone },
    }, `hotline:${input.orderId}`);
    caseId = made.id;
  }
  await db.query(
    `insert into hotline_orders (hotline_id, mode, case_id, caller_name, caller_phone, content, due_at, api_key_id, result)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (hotline_id) do nothing`,
    [input.orderId, input.mode, caseId, input.callerName ?? null, input.callerPhone ?? null, input.content.trim(), due?.toISOString() ?? null,
      actor.kind === 'api_key' ? actor.id : null, input.mode === 'immediate' ? JSON.stringify({ text: input.result ?? null }) : null]);
  const stored = await existing(db, input.orderId);
  return { ...stored!, created: true };
}
