// 防汛态势 queries: the dashboard overview (areas with their warning, gauges with their latest values and levels), the
// warnings with their history and who was notified, and a member's acknowledgement. Filtered by data scope.
import type { Actor } from '../../admin/actor.ts';
import { inScope } from '../../admin/scope.ts';
import type { Queryable } from '../../db/types.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { LEVEL_NAMES, type Level } from '../rules/levels.ts';
import { floodObservations } from './evaluate.ts';
import { DEFAULT_FLOOD_RULES, indicatorLevel, INDICATOR_NAMES, type Indicator } from './rules.ts';
import type {
  AreaGeometry, FloodAck, FloodGauge, FloodIndicatorCode, FloodOverview, FloodWarning, FloodWarningList, LevelCode,
} from './views.ts';

// views.ts repeats the levels and indicators without importing them; these fail to compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_VOCABULARY_MATCHES: [Same<Level, LevelCode>, Same<Indicator, FloodIndicatorCode>] = [true, true];

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const visible = (actor: Actor, area: string) => actor.scope === 'all' || inScope(area, actor.scope) || actor.scope.some((p) => p.startsWith(area));

async function warningViews(q: Queryable, rows: any[]): Promise<FloodWarning[]> {
  const ids = rows.map((r) => Number(r.id));
  const notified = ids.length === 0 ? [] : await q.query(
    `select n.warning_id, n.level, n.at, n.acked_at, u.id as user_id, u.display_name, t.name as team_name from monitor_flood_notifications n
       join users u on u.id = n.user_id left join monitor_flood_teams t on t.id = n.team_id where n.warning_id = any($1) order by n.id`, [ids]);
  const events = ids.length === 0 ? [] : await q.query(
    'select warning_id, at, action, level from monitor_flood_warning_events where warning_id = any($1) order by id', [ids]);
  return rows.map((r) => ({
    id: Number(r.id), areaCode: r.area_code as string, areaName: r.area_name as string, level: r.level as Level,
    levelName: LEVEL_NAMES[r.level as Level], peakLevel: r.peak_level as Level, status: r.status as 'active' | 'ended',
    reasons: (r.reasons as any[]).map((x) => ({ ...x, indicatorName: INDICATOR_NAMES[x.indicator as keyof typeof INDICATOR_NAMES] })),
    startedAt: iso(r.started_at)!, updatedAt: iso(r.updated_at)!, endedAt: iso(r.ended_at),
    events: events.filter((e) => Number(e.warning_id) === Number(r.id)).map((e) => ({ at: iso(e.at)!, action: e.action as string, level: e.level as Level | null })),
    notified: notified.filter((n) => Number(n.warning_id) === Number(r.id)).map((n) => ({
      userId: Number(n.user_id), name: n.display_name as string, team: (n.team_name ?? null) as string | null, level: n.level as Level,
      at: iso(n.at)!, ackedAt: iso(n.acked_at),
    })),
  }));
}

export async function listWarnings(q: Queryable, actor: Actor,
  query: { active?: boolean; page?: number; pageSize?: number }): Promise<FloodWarningList> {
  const rows = (await q.query(
    `select w.*, dv.name as area_name from monitor_flood_warnings w join divisions dv on dv.code = w.area_code
     where ($1::boolean is not true or w.status = 'active') order by (w.status = 'active') desc, w.id desc`, [query.active ?? false]))
    .filter((r) => visible(actor, r.area_code));
  const size = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
  const slice = rows.slice((Math.max(query.page ?? 1, 1) - 1) * size, Math.max(query.page ?? 1, 1) * size);
  return { total: rows.length, items: await warningViews(q, slice) };
}

export async function getWarning(q: Queryable, actor: Actor, id: number): Promise<FloodWarning> {
  const row = await q.maybeOne(
    'select w.*, dv.name as area_name from monitor_flood_warnings w join divisions dv on dv.code = w.area_code where w.id = $1', [id]);
  if (!row || !visible(actor, row.area_code)) throw notFound('防汛预警', id);
  return (await warningViews(q, [row]))[0];
}

/** A notified member confirms having received the warning (每人一次). */
export async function acknowledge(q: Queryable, actor: Actor, id: number): Promise<FloodAck> {
  const rows = await q.query('update monitor_flood_notifications set acked_at = now() where warning_id = $1 and user_id = $2 and acked_at is null returning id',
    [id, actor.id]);
  if (rows.length === 0) {
    const any = await q.maybeOne('select 1 from monitor_flood_notifications where warning_id = $1 and user_id = $2', [id, actor.id]);
    if (!any) throw notFound('防汛预警通知', id);
    throw conflict('ALREADY_ACKNOWLEDGED', '已确认收到该预警');
  }
  return { warningId: id, acknowledged: rows.length };
}

/** The dashboard: streets with their active warning, and the flood gauges with their readings and levels. */
export async function floodOverview(q: Queryable, actor: Actor, now = new Date()): Promise<FloodOverview> {
  const points = (await floodObservations(q, now)).filter((p) => visible(actor, p.areaCode));
  const gauges = new Map<number, FloodGauge>();
  for (const p of points) {
    const g: FloodGauge = gauges.get(p.deviceId) ?? { deviceId: p.deviceId, code: p.code, name: p.deviceName, typeCode: p.typeCode, lon: p.lon, lat: p.lat,
      areaCode: p.areaCode, at: p.at, values: {}, level: null as Level | null };
    const level = indicatorLevel(p, DEFAULT_FLOOD_RULES);
    g.values[p.indicator] = p.value;
    if (p.indicator === 'river_level') Object.assign(g, { warningLevel: p.warningLevel, guaranteeLevel: p.guaranteeLevel });
    const order = ['blue', 'yellow', 'orange', 'red'];
    if (level && order.indexOf(level) > order.indexOf(g.level ?? '')) g.level = level;
    gauges.set(p.deviceId, g);
  }
  // gauges without a fresh reading are shown too, without a level
  const silent = await q.query(
    `select d.id, d.code, d.name, d.type_code, d.lon, d.lat, substr(d.grid_code, 1, 9) as area, d.last_seen_at from monitor_devices d
     where d.enabled and d.type_code in ('rain_gauge', 'river_level', 'road_ponding') and not (d.id = any($1))`, [[...gauges.keys()]]);
  for (const s of silent.filter((r) => visible(actor, r.area))) {
    gauges.set(Number(s.id), { deviceId: Number(s.id), code: s.code, name: s.name, typeCode: s.type_code, lon: s.lon, lat: s.lat, areaCode: s.area,
      at: iso(s.last_seen_at), values: {}, level: null, stale: true });
  }
  const active = (await listWarnings(q, actor, { active: true, pageSize: 500 })).items;
  const streets = (await q.query<{ code: string; name: string; geometry: AreaGeometry | null }>(
    "select code, name, geometry from divisions where level = 'street' order by code")).filter((s) => visible(actor, s.code));
  return {
    now: now.toISOString(), freshMinutes: 90,
    areas: streets.map((s) => ({ code: s.code, name: s.name, geometry: s.geometry, warning: active.find((w) => w.areaCode === s.code) ?? null })),
    gauges: [...gauges.values()],
    warnings: active,
  };
}
