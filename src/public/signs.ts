// 店招服务: a shop asks for guidance on its sign (店招); an officer makes an appointment and records the visit.
// The shop follows its request by reference number and phone.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import { maskPhone } from '../admin/privacy.ts';
import type { Db } from '../db/types.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import { checkPhone } from './phone.ts';
import type { SignRequestView } from './views.ts';

export interface SignRequestInput { shopName: string; contactName: string; phone: string; address: string; lon?: number; lat?: number;
  request: string; preferredDate?: string }

const text = (v: unknown, name: string, max: number) => {
  const s = typeof v === 'string' ? v.trim() : '';
  if (!s) throw badRequest('MISSING_FIELD', `请填写${name}`);
  if (s.length > max) throw badRequest('VALUE_TOO_LONG', `${name}不能超过 ${max} 字`);
  return s;
};

function view(r: any, showPhone: boolean): SignRequestView {
  return {
    id: Number(r.id), refNo: r.ref_no, shopName: r.shop_name, contactName: r.contact_name, phone: showPhone ? r.phone : maskPhone(r.phone)!,
    address: r.address, lon: r.lon === null ? null : Number(r.lon), lat: r.lat === null ? null : Number(r.lat), request: r.request,
    preferredDate: r.preferred_date, status: r.status, appointmentAt: r.appointment_at ? new Date(r.appointment_at).toISOString() : null,
    officer: r.officer_name ?? null, visitNotes: r.visit_notes, visitPhotos: r.visit_photos ?? [],
    visitedAt: r.visited_at ? new Date(r.visited_at).toISOString() : null, createdAt: new Date(r.created_at).toISOString(),
  };
}

const SELECT = 'select s.*, u.display_name as officer_name from sign_requests s left join users u on u.id = s.officer_user_id';

export async function createSignRequest(db: Db, input: SignRequestInput): Promise<SignRequestView> {
  const phone = checkPhone(input.phone);
  if (input.preferredDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.preferredDate)) throw badRequest('INVALID_DATE', '期望日期格式应为 YYYY-MM-DD');
  const refNo = `DZ${randomBytes(5).toString('hex').toUpperCase()}`;
  const row = await db.maybeOne(
    `insert into sign_requests (ref_no, shop_name, contact_name, phone, address, lon, lat, request, preferred_date)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`,
    [refNo, text(input.shopName, '店铺名称', 100), text(input.contactName, '联系人', 40), phone, text(input.address, '店铺地址', 200),
      input.lon ?? null, input.lat ?? null, text(input.request, '咨询内容', 1000), input.preferredDate ?? null]);
  return view(row, false);
}

/** The shop's own view: by reference number and the phone it gave (phone masked in the answer). */
export async function signRequestForShop(db: Db, refNo: string, phoneInput: string): Promise<SignRequestView> {
  const row = await db.maybeOne(`${SELECT} where s.ref_no = $1 and s.phone = $2`, [refNo, checkPhone(phoneInput)]);
  if (!row) throw notFound('店招服务申请', refNo);
  return view(row, false);
}

export async function listSignRequests(db: Db, status: string | undefined, showPhone: boolean): Promise<SignRequestView[]> {
  const rows = await db.query(`${SELECT} where ($1::text is null or s.status = $1) order by s.id desc limit 500`, [status ?? null]);
  return rows.map((r) => view(r, showPhone));
}

/** 预约: the officer sets the appointment (again, to move it). */
export async function scheduleSignVisit(db: Db, actor: Actor, id: number, appointmentAt: string): Promise<SignRequestView> {
  const at = new Date(appointmentAt);
  if (Number.isNaN(+at)) throw badRequest('INVALID_DATE', '预约时间格式不正确');
  return db.transaction(async (tx) => {
    const before = await tx.maybeOne('select * from sign_requests where id = $1 for update', [id]);
    if (!before) throw notFound('店招服务申请', id);
    if (before.status === 'visited' || before.status === 'cancelled') throw conflict('ILLEGAL_TRANSITION', '该申请已办结，不能再预约');
    await tx.query(`update sign_requests set status = 'scheduled', appointment_at = $2, officer_user_id = $3, updated_at = now() where id = $1`,
      [id, at.toISOString(), actor.kind === 'user' ? actor.id : null]);
    await audit(tx, actor, { action: 'schedule', entity: 'sign_request', entityId: id, after: { appointmentAt: at.toISOString() } });
    return view(await tx.maybeOne(`${SELECT} where s.id = $1`, [id]), true);
  });
}

/** 上门指导: the officer records the visit (notes and photos). */
export async function recordSignVisit(db: Db, actor: Actor, id: number, notes: string, photos: string[]): Promise<SignRequestView> {
  return db.transaction(async (tx) => {
    const before = await tx.maybeOne('select * from sign_requests where id = $1 for update', [id]);
    if (!before) throw notFound('店招服务申请', id);
    if (before.status !== 'scheduled') throw conflict('ILLEGAL_TRANSITION', '请先预约上门时间，再记录上门指导');
    const known = await tx.query<{ hash: string }>('select hash from media where hash = any($1)', [photos]);
    if (known.length !== new Set(photos).size) throw badRequest('UNKNOWN_MEDIA', '照片不存在，请先上传');
    await tx.query(`update sign_requests set status = 'visited', visit_notes = $2, visit_photos = $3, visited_at = now(),
      officer_user_id = coalesce($4, officer_user_id), updated_at = now() where id = $1`,
      [id, text(notes, '指导意见', 2000), JSON.stringify(photos), actor.kind === 'user' ? actor.id : null]);
    await audit(tx, actor, { action: 'visit', entity: 'sign_request', entityId: id, after: { notes, photos } });
    return view(await tx.maybeOne(`${SELECT} where s.id = $1`, [id]), true);
  });
}
