// 重复案件: open cases of the same type near a point within the type's time window (立结案标准 sets radius and
// window). The acceptor is shown them to merge; machine sources (视频AI, 物联感知) merge automatically at intake.
import type { Actor } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';
import { SqlFilter } from '../base/sql.ts';
import { filterVisible } from './case-record.ts';
import { getCaseLimits } from './limits.ts';

export interface DuplicateCandidate { id: number; caseNo: string; stage: string; distanceM: number; createdAt: string }

const EARTH_M = 6_371_000;
const RAD = Math.PI / 180;

/** Nearest first; `exceptId` leaves the case itself out; `actor` limits them to cases the actor may see. */
export async function findDuplicates(q: Queryable, c: { kind: 'component' | 'matter'; typeCode: string; lon: number; lat: number; at: Date },
  options: { exceptId?: number; actor?: Actor } = {}): Promise<DuplicateCandidate[]> {
  const limits = await getCaseLimits(q, c.kind, c.typeCode);
  if (limits.duplicateRadiusM <= 0 || limits.duplicateWindowHours <= 0) return [];
  const dLat = limits.duplicateRadiusM / (EARTH_M * RAD);
  const dLon = dLat / Math.max(Math.cos(c.lat * RAD), 0.01);
  const f = new SqlFilter();
  if (options.actor) filterVisible(f, options.actor);
  f.add('c.kind = ? and c.type_code = ? and c.closed_at is null', c.kind, c.typeCode);
  f.add('c.lon between ? and ? and c.lat between ? and ?', c.lon - dLon, c.lon + dLon, c.lat - dLat, c.lat + dLat);
  f.add('c.created_at >= ?::timestamptz', new Date(+c.at - limits.duplicateWindowHours * 3_600_000).toISOString());
  if (options.exceptId !== undefined) f.add('c.id <> ?', options.exceptId);
  const rows = await q.query(`select c.id, c.case_no, c.stage, c.lon, c.lat, c.created_at from cases c ${f.where()} limit 200`, f.values);
  return rows
    .map((r) => ({ id: Number(r.id), caseNo: r.case_no, stage: r.stage, createdAt: new Date(r.created_at).toISOString(),
      distanceM: Math.round(distanceM(c.lon, c.lat, r.lon, r.lat)) }))
    .filter((r) => r.distanceM <= limits.duplicateRadiusM)
    .sort((a, b) => a.distanceM - b.distanceM || a.id - b.id);
}

function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const x = (lon2 - lon1) * RAD * Math.cos(((lat1 + lat2) / 2) * RAD);
  const y = (lat2 - lat1) * RAD;
  return Math.hypot(x, y) * EARTH_M;
}
