// 便民设施 (公厕, 便民服务点, 建筑垃圾转运点, 停车场): nearest search, whether open now, a navigation link,
// and a QR code (一码惠民) pointing at the facility's own page, which offers "report a problem here".
import QRCode from 'qrcode';
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Db, Queryable } from '../db/types.ts';
import { badRequest, notFound } from '../platform/errors.ts';
import { distanceM } from './geo.ts';
import type { Facility, FacilityKindCode } from './views.ts';

export const FACILITY_KINDS = ['toilet', 'service_point', 'muck_transfer', 'parking'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

// views.ts repeats the facility kinds without importing them; this fails to compile when the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_VOCABULARY_MATCHES: [Same<FacilityKind, FacilityKindCode>] = [true];
export const FACILITY_KIND_NAMES: Record<FacilityKind, string> = {
  toilet: '公厕', service_point: '便民服务点', muck_transfer: '建筑垃圾转运点', parking: '停车场',
};

const HOURS = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/** Checks 'HH:MM-HH:MM[,HH:MM-HH:MM…]' (24:00 allowed as an end); returns the minute ranges. */
export function parseOpeningHours(text: string): [number, number][] {
  const ranges = text.split(',').map((part) => {
    const m = HOURS.exec(part.trim());
    if (!m) throw badRequest('INVALID_OPENING_HOURS', `开放时间格式应为 HH:MM-HH:MM，多段用逗号分隔：${text}`);
    const from = Number(m[1]) * 60 + Number(m[2]);
    const to = Number(m[3]) * 60 + Number(m[4]);
    if (Number(m[2]) > 59 || Number(m[4]) > 59 || from >= 1440 || to > 1440 || to <= from) {
      throw badRequest('INVALID_OPENING_HOURS', `开放时间无效：${part}`);
    }
    return [from, to] as [number, number];
  });
  return ranges;
}

/** Whether the facility is open at this instant (China time). */
export function isOpenAt(hours: string, at: Date): boolean {
  const minutes = Math.floor(((at.getTime() + 8 * 3_600_000) % 86_400_000) / 60_000);
  return parseOpeningHours(hours).some(([from, to]) => minutes >= from && minutes < to);
}

/** A link that opens navigation in the phone's map app (高德 URI API, WGS84 coordinates). */
export const navigationUrl = (f: { lon: number; lat: number; name: string }) =>
  `https://uri.amap.com/navigation?to=${f.lon},${f.lat},${encodeURIComponent(f.name)}&coordinate=wgs84&callnative=1`;
export const facilityPath = (code: string) => `/p/f/${code}`;

function toFacility(r: any, now: Date, from?: { lon: number; lat: number }): Facility {
  const lon = Number(r.lon);
  const lat = Number(r.lat);
  return {
    id: Number(r.id), code: r.code, kind: r.kind, kindName: FACILITY_KIND_NAMES[r.kind as FacilityKind], name: r.name, lon, lat,
    address: r.address, openingHours: r.opening_hours, openNow: isOpenAt(r.opening_hours, now), phone: r.phone, details: r.details ?? {},
    distanceM: from ? Math.round(distanceM(from.lon, from.lat, lon, lat)) : null,
    navigationUrl: navigationUrl({ lon, lat, name: r.name }), pageUrl: facilityPath(r.code),
  };
}

/** Active facilities, nearest first when a point is given (within radiusM), else by kind and name. */
export async function searchFacilities(q: Queryable, opts: { kind?: FacilityKind; lon?: number; lat?: number; radiusM?: number; limit: number }): Promise<Facility[]> {
  const rows = await q.query('select * from facilities where active and ($1::text is null or kind = $1) order by kind, name', [opts.kind ?? null]);
  const now = new Date();
  const from = opts.lon !== undefined && opts.lat !== undefined ? { lon: opts.lon, lat: opts.lat } : undefined;
  let items = rows.map((r) => toFacility(r, now, from));
  if (from) {
    items = items.filter((f) => opts.radiusM === undefined || f.distanceM! <= opts.radiusM).sort((a, b) => a.distanceM! - b.distanceM!);
  }
  return items.slice(0, opts.limit);
}

export async function facilityByCode(q: Queryable, code: string): Promise<Facility> {
  const r = await q.maybeOne('select * from facilities where code = $1 and active', [code]);
  if (!r) throw notFound('设施', code);
  return toFacility(r, new Date());
}

/** The QR code of a facility's page as SVG; `origin` is the address citizens reach the portal at. */
export async function facilityQrSvg(origin: string, code: string): Promise<string> {
  return QRCode.toString(`${origin}${facilityPath(code)}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 240 });
}

export interface FacilityInput { code: string; kind: FacilityKind; name: string; lon: number; lat: number; address?: string | null;
  openingHours?: string; phone?: string | null; details?: Record<string, unknown>; active?: boolean }

export async function saveFacility(db: Db, actor: Actor, input: FacilityInput, id?: number): Promise<Facility> {
  if (input.openingHours) parseOpeningHours(input.openingHours);
  return db.transaction(async (tx) => {
    const before = id === undefined ? undefined : await tx.maybeOne('select * from facilities where id = $1 for update', [id]);
    if (id !== undefined && !before) throw notFound('设施', id);
    const row = id === undefined
      ? await tx.maybeOne(
        `insert into facilities (code, kind, name, lon, lat, address, opening_hours, phone, details, active)
         values ($1, $2, $3, $4, $5, $6, coalesce($7, '00:00-24:00'), $8, $9, coalesce($10, true)) returning *`,
        [input.code, input.kind, input.name, input.lon, input.lat, input.address ?? null, input.openingHours ?? null, input.phone ?? null,
          JSON.stringify(input.details ?? {}), input.active ?? null])
      : await tx.maybeOne(
        `update facilities set code = $2, kind = $3, name = $4, lon = $5, lat = $6, address = $7, opening_hours = coalesce($8, opening_hours),
           phone = $9, details = $10, active = coalesce($11, active) where id = $1 returning *`,
        [id, input.code, input.kind, input.name, input.lon, input.lat, input.address ?? null, input.openingHours ?? null, input.phone ?? null,
          JSON.stringify(input.details ?? {}), input.active ?? null]);
    await audit(tx, actor, { action: id === undefined ? 'create' : 'update', entity: 'facility', entityId: row!.id, before, after: row });
    return toFacility(row, new Date());
  });
}
