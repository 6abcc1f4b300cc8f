// The demo city's public services, written in the demo's transaction: facilities (公厕, 便民服务点, 建筑垃圾转运点,
// 停车场) at the demo landmarks, and the Open311 key derived from the demo seed.
import type { Queryable } from '../db/types.ts';
import { DEMO_SEED } from '../demo/random.ts';
import { createDemoOpen311Key } from '../exchange/open311/demo-key.ts';
import type { FacilityKind } from './facilities.ts';

const PLAN: { kind: FacilityKind; prefix: string; suffix: string; hours: string; details: Record<string, unknown> }[] = [
  { kind: 'toilet', prefix: 'WC', suffix: '公厕', hours: '06:00-23:00', details: { accessible: true, babyRoom: false } },
  { kind: 'service_point', prefix: 'SP', suffix: '便民服务点', hours: '08:30-12:00,14:00-17:30', details: { services: ['饮用水', '充电', '休息', '应急药箱'] } },
  { kind: 'muck_transfer', prefix: 'MT', suffix: '建筑垃圾转运点', hours: '20:00-24:00,00:00-06:00', details: { acceptsDecoration: true } },
  { kind: 'parking', prefix: 'PK', suffix: '停车场', hours: '00:00-24:00', details: { spaces: 120, pricing: '首小时免费，之后 2 元/小时' } },
];

export async function seedPublicDemo(tx: Queryable): Promise<void> {
  await tx.query(
    `insert into facilities (code, kind, name, lon, lat, address, opening_hours, details)
     select p.prefix || lpad(l.n::text, 4, '0'), p.kind, l.name || p.suffix, l.lon, l.lat, l.address, p.hours, p.details
     from (select row_number() over (order by id) as n, name, lon, lat, address from landmarks) l
     join json_to_recordset($1::json) as p(i integer, prefix text, kind text, suffix text, hours text, details jsonb)
       on p.i = (l.n - 1) % 4
     where l.n <= 120
     on conflict (code) do nothing`,
    [JSON.stringify(PLAN.map((p, i) => ({ i, prefix: p.prefix, kind: p.kind, suffix: p.suffix, hours: p.hours, details: p.details })))]);
  await createDemoOpen311Key(tx, DEMO_SEED);
}
