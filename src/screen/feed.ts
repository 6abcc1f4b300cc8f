// The big screen's live feed (the latest steps of the case timeline) and its map points (the cases open at the
// as-of instant, with the traffic light of their running stage clock), within the viewer's data scope.
import type { Actor } from '../admin/actor.ts';
import { SqlFilter } from '../base/sql.ts';
import { filterVisible } from '../command/case-record.ts';
import { STAGE_NAMES, type Stage } from '../command/rules/case-model.ts';
import { ACTION_NAMES, type Action } from '../command/rules/transitions.ts';
import type { Queryable } from '../db/types.ts';
import { LIGHT_SQL, runningAt, type Light } from './summary.ts';
import type { FeedItem, OpenCasePoints } from './views.ts';

/** Timeline entries written by the timer service rather than a workflow action. */
const OTHER_ACTIONS: Record<string, string> = { report: '上报', overdue: '超期' };

export const actionName = (action: string) => ACTION_NAMES[action as Action] ?? OTHER_ACTIONS[action] ?? action;

/** The latest timeline entries before `before`, newest first. */
export async function screenFeed(q: Queryable, actor: Actor, before: Date, limit: number): Promise<FeedItem[]> {
  const f = new SqlFilter();
  filterVisible(f, actor);
  f.add('e.at < ?::timestamptz', before.toISOString());
  const rows = await q.query(
    `select e.id, e.at, e.action, e.to_stage, c.id as case_id, c.case_no, c.stage, c.district_code, c.urgent,
       t.name as type_name, d.name as district_name
     from case_events e join cases c on c.id = e.case_id
     join catalog_types t on t.kind = c.kind and t.code = c.type_code
     left join divisions d on d.code = c.district_code
     ${f.where()} order by e.at desc, e.id desc limit ${Math.trunc(limit)}`, f.values);
  return rows.map((r) => ({
    id: Number(r.id), at: new Date(r.at).toISOString(), action: r.action, actionName: actionName(r.action),
    stage: r.to_stage ?? r.stage, stageName: STAGE_NAMES[(r.to_stage ?? r.stage) as Stage] ?? r.to_stage,
    caseId: Number(r.case_id), caseNo: r.case_no, typeName: r.type_name, urgent: r.urgent,
    districtCode: r.district_code, districtName: r.district_name ?? r.district_code,
  }));
}

/** Open cases at `asOf` as GeoJSON points (at most `limit`, the most urgent lights first). */
export async function openCasePoints(q: Queryable, actor: Actor, asOf: Date, limit: number): Promise<OpenCasePoints> {
  const f = new SqlFilter();
  filterVisible(f, actor);
  const at = runningAt(f, asOf);
  const rows = await q.query<{ id: number; case_no: string; lon: number; lat: number; light: Light }>(
    `select c.id, c.case_no, c.lon, c.lat, ${LIGHT_SQL(at)} as light
     from case_clocks k join cases c on c.id = k.case_id ${f.where()}
     order by case ${LIGHT_SQL(at)} when 'red' then 0 when 'yellow' then 1 when 'paused' then 2 else 3 end, c.id desc
     limit ${Math.trunc(limit)}`, f.values);
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature', id: Number(r.id),
      properties: { id: Number(r.id), caseNo: r.case_no, light: r.light },
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
    })),
  };
}
