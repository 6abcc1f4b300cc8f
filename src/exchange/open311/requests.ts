// GeoReport v2 service requests: cases of matter types read as Open311 requests (service_request_id = case number),
// open while the case is in the loop, closed once it ended (结案, 作废, 不予受理, 合并), with status notes.
import type { Queryable } from '../../db/types.ts';
import { isClosed, PUBLIC_NOTE_ACTIONS, statusNotes } from '../../public/status.ts';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** ISO 8601 with the time zone, in China time: 2026-11-01T09:30:00+08:00. */
export function isoChina(at: Date | string | null): string | null {
  if (at === null) return null;
  const ms = new Date(at).getTime();
  return `${new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

export interface RequestFilter {
  ids?: string[];
  serviceCodes?: string[];
  status?: ('open' | 'closed')[];
  start: Date;
  end: Date;
  limit: number;
  offset: number;
}

export interface ServiceRequest {
  service_request_id: string; status: 'open' | 'closed'; status_notes: string; service_name: string; service_code: string;
  description: string; agency_responsible: string | null; service_notice: string | null; requested_datetime: string | null;
  updated_datetime: string | null; expected_datetime: string | null; address: string; address_id: null; zipcode: null;
  lat: number; long: number; media_url: string | null;
}

const CLOSED_STAGES = ['closed', 'voided', 'rejected', 'merged'];

export async function findRequests(q: Queryable, f: RequestFilter, mediaBase: string): Promise<ServiceRequest[]> {
  const where = ["c.kind = 'matter'"];
  const params: unknown[] = [PUBLIC_NOTE_ACTIONS];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.ids) {
    where.push(`c.case_no = any(${p(f.ids)})`);
  } else {
    where.push(`c.created_at >= ${p(f.start.toISOString())}`, `c.created_at <= ${p(f.end.toISOString())}`);
    if (f.serviceCodes) where.push(`c.type_code = any(${p(f.serviceCodes)})`);
    if (f.status && f.status.length === 1) where.push(`c.stage ${f.status[0] === 'closed' ? '' : 'not'} in (${CLOSED_STAGES.map((s) => `'${s}'`).join(', ')})`);
  }
  const rows = await q.query<any>(
    `select c.id, c.case_no, c.stage, c.type_code, t.name as service_name, c.description, d.name as agency, c.created_at, c.updated_at,
       c.address, c.lat, c.lon, pr.media_url,
       (select k.deadline from case_clocks k where k.case_id = c.id and k.stopped_at is null) as expected,
       (select m.hash from case_media m where m.case_id = c.id order by (m.phase = 'before') desc, m.added_at limit 1) as photo,
       (select e.opinion from case_events e where e.case_id = c.id and e.action = any($1) order by e.id desc limit 1) as note
     from cases c
     join catalog_types t on t.kind = c.kind and t.code = c.type_code
     left join departments d on d.id = c.lead_department_id
     left join public_reports pr on pr.case_id = c.id
     where ${where.join(' and ')}
     order by c.created_at desc, c.id desc
     limit ${p(f.limit)} offset ${p(f.offset)}`, params);
  return rows.map((r) => ({
    service_request_id: r.case_no, status: isClosed(r.stage) ? 'closed' : 'open', status_notes: statusNotes(r.stage, r.note),
    service_name: r.service_name, service_code: r.type_code, description: r.description, agency_responsible: r.agency ?? null,
    service_notice: null, requested_datetime: isoChina(r.created_at), updated_datetime: isoChina(r.updated_at),
    expected_datetime: isoChina(r.expected ?? null), address: r.address, address_id: null, zipcode: null,
    lat: Number(r.lat), long: Number(r.lon),
    media_url: r.photo ? `${mediaBase}/${r.photo}` : (r.media_url ?? null),
  }));
}

/** The case number behind an Open311 token. */
export async function requestForToken(q: Queryable, token: string): Promise<string | undefined> {
  const row = await q.maybeOne<{ case_no: string }>(
    'select c.case_no from public_reports p join cases c on c.id = p.case_id where p.token = $1', [token]);
  return row?.case_no;
}
