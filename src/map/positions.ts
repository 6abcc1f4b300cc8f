// 监督员位置: the field app reports where a collector is; the map shows the recent last-known positions in scope.
import type { Actor } from '../admin/actor.ts';
import { likePatterns } from '../admin/scope.ts';
import type { Queryable } from '../db/types.ts';
import { toWgs84, type Crs } from '../base/spatial/coords.ts';
import { validatePoint, type Bounds } from '../base/spatial/geometry.ts';
import type { SpatialService } from '../base/spatial/service.ts';
import { SqlFilter } from '../base/sql.ts';
import { badRequest, forbidden } from '../platform/errors.ts';

export interface PositionInput {
  lon: number;
  lat: number;
  accuracy?: number;
  crs?: Crs;
}

/** How far outside the city's bbox a report may lie (degrees, about 5 km) — staff walk to the edge and beyond. */
const CITY_MARGIN = 0.05;

function widen(b: Bounds | undefined): Bounds | undefined {
  return b && [b[0] - CITY_MARGIN, b[1] - CITY_MARGIN, b[2] + CITY_MARGIN, b[3] + CITY_MARGIN];
}

/** Stores the collector's last known position (replacing the previous one). */
export async function reportPosition(db: Queryable, spatial: SpatialService, actor: Actor, input: PositionInput) {
  if (actor.kind !== 'user' || actor.id === null || actor.role !== 'collector') {
    throw forbidden('只有监督员（信息采集员）上报位置', 'FORBIDDEN');
  }
  const [lon, lat] = toWgs84(input.lon, input.lat, input.crs);
  const checked = validatePoint(lon, lat, widen(await spatial.cityBounds()));
  if (!checked.ok) throw badRequest(checked.code, checked.message);
  const located = await spatial.locate(lon, lat);
  const row = await db.maybeOne<{ reported_at: Date }>(
    `insert into staff_positions (user_id, lon, lat, accuracy_m, grid_code, reported_at) values ($1, $2, $3, $4, $5, now())
     on conflict (user_id) do update set lon = excluded.lon, lat = excluded.lat, accuracy_m = excluded.accuracy_m,
       grid_code = excluded.grid_code, reported_at = excluded.reported_at
     returning reported_at`, [actor.id, lon, lat, input.accuracy ?? null, located?.gridCode ?? null]);
  return { lon, lat, accuracy: input.accuracy ?? null, gridCode: located?.gridCode ?? null,
    reportedAt: new Date(row!.reported_at).toISOString() };
}

/**
 * Positions reported in the last `minutes`, as GeoJSON points. In scope: the grid the point lies in, or the
 * collector's own region when the point is outside every grid.
 */
export async function staffPositions(db: Queryable, actor: Actor, minutes: number) {
  const f = new SqlFilter().add("p.reported_at >= now() - make_interval(mins => ?::int)", minutes).add('u.active');
  if (actor.scope !== 'all') f.add('coalesce(p.grid_code, u.region_code) like any(?)', likePatterns(actor.scope));
  const rows = await db.query<any>(
    `select p.user_id, u.username, u.display_name, u.region_code, p.lon, p.lat, p.accuracy_m, p.grid_code, p.reported_at,
       extract(epoch from now() - p.reported_at)::int as age_s
     from staff_positions p join users u on u.id = p.user_id ${f.where()} order by p.reported_at desc`, f.values);
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const, id: Number(r.user_id),
      geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] },
      properties: { userId: Number(r.user_id), username: r.username, name: r.display_name, regionCode: r.region_code,
        gridCode: r.grid_code, accuracy: r.accuracy_m, reportedAt: new Date(r.reported_at).toISOString(), ageSeconds: Number(r.age_s) },
    })),
  };
}
