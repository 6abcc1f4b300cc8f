// A tiny city for tests: one district with one street, two communities, four grids, and a user per role.
import { hashPassword } from '../../src/admin/passwords.ts';
import type { Db } from '../../src/db/types.ts';
import { bulkInsert } from '../../src/platform/bulk.ts';
import { DEMO_PASSWORD } from './platform.ts';

export const CITY = '379900';
export const DISTRICT = '379902';
export const OTHER_DISTRICT = '379903';
export const STREET = '379902001';
export const COMMUNITY_A = '379902001001';
export const COMMUNITY_B = '379902001002';

/** A square polygon (lon/lat) from its south-west corner and side in degrees. */
export function square(lon: number, lat: number, side: number) {
  return { type: 'Polygon', coordinates: [[[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side], [lon, lat]]] };
}
function bbox(lon: number, lat: number, side: number) { return [lon, lat, lon + side, lat + side]; }

export async function seedTinyCity(db: Db): Promise<void> {
  const d = (code: string, name: string, level: string, parent: string | null, lon: number, lat: number, w: number, h: number) => ({
    code, name, level, parent_code: parent,
    geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h], [lon, lat]]] },
    bbox: [lon, lat, lon + w, lat + h], area_m2: w * h * 111000 * 92000,
  });
  await bulkInsert(db, 'divisions', [
    d(CITY, '云河市', 'city', null, 119.0, 34.0, 0.2, 0.1),
    d(DISTRICT, '中心区', 'district', CITY, 119.0, 34.0, 0.1, 0.1),
    d(OTHER_DISTRICT, '河东区', 'district', CITY, 119.1, 34.0, 0.1, 0.1),
  ]);
  await bulkInsert(db, 'divisions', [d(STREET, '人民街道', 'street', DISTRICT, 119.0, 34.0, 0.002, 0.001)]);
  await bulkInsert(db, 'divisions', [
    d(COMMUNITY_A, '幸福社区', 'community', STREET, 119.0, 34.0, 0.001, 0.001),
    d(COMMUNITY_B, '和平社区', 'community', STREET, 119.001, 34.0, 0.001, 0.001),
  ]);
  const grids = [];
  for (const [community, lon0] of [[COMMUNITY_A, 119.0], [COMMUNITY_B, 119.001]] as const) {
    for (let i = 0; i < 2; i++) {
      const lon = lon0 + i * 0.0005;
      grids.push({ code: `${community}00${i + 1}`, name: `网格${i + 1}`, community_code: community,
        geometry: square(lon, 34.0, 0.0005), bbox: bbox(lon, 34.0, 0.0005), area_m2: 2500, start_date: '2026-01-01' });
    }
  }
  await bulkInsert(db, 'unit_grids', grids);
  const dept = await db.maybeOne<{ id: number }>(
    `insert into departments (credit_code, name, category, level) values ('11379900000000019P', '云河市市政工程管理处', '市政', 'city') returning id`);
  await db.query('insert into department_regions values ($1, $2)', [dept!.id, CITY]);
  const hash = await hashPassword(DEMO_PASSWORD);
  const users = [
    ['admin', 'admin', CITY, null], ['collector1', 'collector', DISTRICT, null], ['collector2', 'collector', OTHER_DISTRICT, null],
    ['acceptor1', 'acceptor', CITY, null], ['shift1', 'shift_leader', CITY, null], ['dispatcher1', 'dispatcher', CITY, null],
    ['handler1', 'handler', null, dept!.id], ['inspector1', 'inspector', CITY, null], ['leader1', 'leader', CITY, null],
    ['district_admin', 'admin', OTHER_DISTRICT, null], ['citizen1', 'citizen', null, null],
  ].map(([username, role, region, department], i) => ({
    username, display_name: `测试${username}`, password_hash: hash, role, region_code: region, department_id: department,
    phone: `1380000${String(1000 + i).padStart(4, '0')}`,
  }));
  await bulkInsert(db, 'users', users);
}
