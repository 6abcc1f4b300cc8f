// The demo city's year of case history, part 3 (IO): reads the city the generator needs from the database and
// writes the history chunk by chunk, each chunk in its own transaction with its progress in settings
// 'demo.history' {seed, total, done, caseBase, takenNumbers, finished}. A chunk locks that row first, so two app
// nodes (or a CLI run beside a server) never write the same chunk twice, and a stopped load resumes where it was.
// The server takes new cases while the history loads: beginHistory reserves the history's case ids (the cases
// sequence moves past them) and case numbers (case_counters move past them) before the first chunk.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { SYSTEM_ACTOR } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { ResponsibilityRule } from '../base/responsibility-match.ts';
import { loadCalendar } from '../command/calendar-store.ts';
import { RED_JOB, YELLOW_JOB } from '../command/clocks.ts';
import { countLoadedCases } from '../command/counts.ts';
import type { CaseLimits } from '../command/limits.ts';
import type { Db, Queryable } from '../db/types.ts';
import { bulkInsert } from '../platform/bulk.ts';
import { conflict } from '../platform/errors.ts';
import { generateCase, inGrid, Staff, type CaseRows } from './history-case.ts';
import { HISTORY_END, planHistory, type HistoryGrid, type HistoryInputs, type HistoryPlan } from './history-plan.ts';
import { storeDemoPhotos, type DemoPhotos } from './photos.ts';
import { DEMO_SEED } from './random.ts';

export const HISTORY_KEY = 'demo.history';

export interface HistoryProgress {
  seed: number;
  total: number;
  done: number;
  /** the history's cases get ids caseBase + 1 … caseBase + total */
  caseBase: number;
  /** case numbers taken before the history (last sequence per `${year}:${district}`); its numbers follow them */
  takenNumbers: Record<string, number>;
  /** the demo photos stored when the history began */
  photos?: DemoPhotos;
  finished: boolean;
}

function ringsOf(g: Polygon | MultiPolygon): number[][][] {
  return g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
}

/** Main roads passing a grid's box (sampled every ~30 m along each segment). */
function roadsByGrid(grids: HistoryGrid[], roads: { name: string; geometry: { type: string; coordinates: any } }[]): void {
  const cell = 0.01;
  const index = new Map<string, number[]>();
  grids.forEach((g, i) => {
    for (let x = Math.floor(g.bbox[0] / cell); x <= Math.floor(g.bbox[2] / cell); x++) {
      for (let y = Math.floor(g.bbox[1] / cell); y <= Math.floor(g.bbox[3] / cell); y++) {
        const key = `${x}:${y}`;
        index.set(key, [...(index.get(key) ?? []), i]);
      }
    }
  });
  for (const road of roads) {
    const lines: Position[][] = road.geometry.type === 'LineString' ? [road.geometry.coordinates] : road.geometry.coordinates;
    for (const line of lines) {
      for (let k = 1; k < line.length; k++) {
        const [x0, y0] = line[k - 1];
        const [x1, y1] = line[k];
        const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 0.0003));
        for (let s = 0; s <= steps; s++) {
          const x = x0 + ((x1 - x0) * s) / steps;
          const y = y0 + ((y1 - y0) * s) / steps;
          for (const i of index.get(`${Math.floor(x / cell)}:${Math.floor(y / cell)}`) ?? []) {
            const g = grids[i];
            if (x >= g.bbox[0] && x <= g.bbox[2] && y >= g.bbox[1] && y <= g.bbox[3] && !g.roadNames.includes(road.name)) g.roadNames.push(road.name);
          }
        }
      }
    }
  }
}

/** Reads the city (grids, components, landmarks, 权责清单, users, catalogue, 立结案标准, calendar). */
export async function loadHistoryInputs(q: Queryable, seed: number = DEMO_SEED): Promise<HistoryInputs> {
  const gridRows = await q.query<{ code: string; community_code: string; geometry: Polygon | MultiPolygon; bbox: number[] }>(
    'select code, community_code, geometry, bbox from unit_grids where end_date is null order by code');
  if (gridRows.length === 0) throw conflict('DEMO_CITY_MISSING', '数据库中没有单元网格，请先生成示范城市（cityops demo）');
  const grids: HistoryGrid[] = gridRows.map((g) => ({
    code: g.code, communityCode: g.community_code, rings: ringsOf(g.geometry), bbox: g.bbox.map(Number), roadNames: [],
  }));
  roadsByGrid(grids, await q.query("select name, geometry from roads where class = '主干路' order by id"));
  const gridIndex = new Map(grids.map((g, i) => [g.code, i]));
  const comps = await q.query<any>(
    `select id, type_code, grid_code, lon, lat, name, owner_department_id, maintainer_department_id
     from components where status <> '移除' order by id`);
  const components = comps.filter((c) => gridIndex.has(c.grid_code)).map((c) => ({
    id: c.id, typeCode: c.type_code, gridIndex: gridIndex.get(c.grid_code)!, lon: Number(c.lon), lat: Number(c.lat), name: c.name,
    ownerId: c.owner_department_id === null ? null : Number(c.owner_department_id),
    maintainerId: c.maintainer_department_id === null ? null : Number(c.maintainer_department_id),
  }));
  const marks = await q.query<any>('select name, category, lon, lat, address from landmarks order by id');
  const landmarks = marks.map((l) => {
    const lon = Number(l.lon);
    const lat = Number(l.lat);
    const i = grids.findIndex((g) => lon >= g.bbox[0] && lon <= g.bbox[2] && lat >= g.bbox[1] && lat <= g.bbox[3] && inGrid(lon, lat, g.rings));
    return { name: l.name, category: l.category, lon, lat, address: l.address, gridIndex: i };
  });
  const rules: ResponsibilityRule[] = (await q.query<any>('select * from responsibility_rules order by id')).map((r) => ({
    id: Number(r.id), kind: r.kind, typeCode: r.type_code, divisionCode: r.division_code, gridCode: r.grid_code,
    roadName: r.road_name, departmentId: Number(r.department_id), role: r.role, autoDispatch: r.auto_dispatch,
  }));
  const users = (await q.query<any>(
    'select id, username, display_name, role, region_code, department_id, phone from users where active order by username')).map((u) => ({
    id: Number(u.id), username: u.username, name: u.display_name, role: u.role, regionCode: u.region_code,
    departmentId: u.department_id === null ? null : Number(u.department_id), phone: u.phone,
  }));
  const types = await q.query<{ kind: 'component' | 'matter'; code: string; name: string }>('select kind, code, name from catalog_types order by kind, code');
  const limits = new Map<string, CaseLimits>((await q.query<any>('select * from case_limits')).map((r) => [`${r.kind}:${r.type_code}`, {
    kind: r.kind, typeCode: r.type_code, filingCondition: r.filing_condition, closingCondition: r.closing_condition,
    limits: r.limits, urgentLimits: r.urgent_limits, duplicateRadiusM: Number(r.duplicate_radius_m), duplicateWindowHours: Number(r.duplicate_window_hours),
  }]));
  const divisionNames = new Map((await q.query<{ code: string; name: string }>('select code, name from divisions')).map((d) => [d.code, d.name]));
  const departmentNames = new Map((await q.query<{ id: number; name: string }>('select id, name from departments order by id'))
    .map((d) => [Number(d.id), d.name]));
  return { seed, grids, components, landmarks, rules, users, types, limits, divisionNames, departmentNames, calendar: await loadCalendar(q) };
}

/** The plan of one load, kept while this process writes it (a resumed load plans again, identically). */
let cached: { key: string; inputs: HistoryInputs; plan: HistoryPlan; staff: Staff } | undefined;

async function planFor(q: Queryable, p: Omit<HistoryProgress, 'done' | 'finished'>) {
  const key = JSON.stringify([p.seed, p.total, p.caseBase, p.takenNumbers, p.photos]);
  if (cached?.key !== key) {
    const inputs = { ...(await loadHistoryInputs(q, p.seed)), photos: p.photos };
    cached = { key, inputs, plan: planHistory(inputs, p.total, p.takenNumbers), staff: new Staff(inputs.users) };
  }
  return cached;
}

/** Rows of cases [from, to) of a plan: pure given the inputs. */
export function historyRows(inputs: HistoryInputs, plan: HistoryPlan, staff: Staff, from: number, to: number, caseBase: number): CaseRows[] {
  return plan.cases.slice(from, to).map((c) => generateCase(inputs, staff, c, caseBase + c.index + 1));
}

export async function historyProgress(q: Queryable): Promise<HistoryProgress | undefined> {
  const row = await q.maybeOne<{ value: HistoryProgress }>('select value from settings where key = $1', [HISTORY_KEY]);
  return row?.value;
}

/** Records that a history of `total` cases is to be loaded and reserves its case ids and numbers (no-op when one
 *  is already recorded). */
export async function beginHistory(db: Db, total: number, seed: number = DEMO_SEED): Promise<HistoryProgress> {
  return db.transaction(async (tx) => {
    await tx.query('lock table case_counters in exclusive mode');   // intake waits until the numbers are reserved
    const existing = await historyProgress(tx);
    if (existing) return existing;
    const base = await tx.maybeOne<{ n: number }>(
      `select greatest((select coalesce(max(id), 0) from cases), (select last_value from cases_id_seq))::bigint as n`);
    const taken = await tx.query<{ year: number; district_code: string; last_seq: number }>('select * from case_counters');
    const p: HistoryProgress = {
      seed, total, done: 0, caseBase: Number(base!.n), finished: false,
      takenNumbers: Object.fromEntries(taken.map((r) => [`${r.year}:${r.district_code}`, Number(r.last_seq)])),
      photos: await storeDemoPhotos(tx),
    };
    const { plan } = await planFor(tx, p);
    await tx.query(`select setval(pg_get_serial_sequence('cases', 'id'), $1::bigint)`, [p.caseBase + total]);
    const counters = [...plan.counters].map(([key, seq]) => ({ year: Number(key.slice(0, 4)), district_code: key.slice(5), last_seq: seq }));
    await tx.query(
      `insert into case_counters (year, district_code, last_seq)
       select year, district_code, last_seq from json_populate_recordset(null::case_counters, $1::json)
       on conflict (year, district_code) do update set last_seq = greatest(case_counters.last_seq, excluded.last_seq)`,
      [JSON.stringify(counters)]);
    await tx.query('insert into settings (key, value) values ($1, $2)', [HISTORY_KEY, JSON.stringify(p)]);
    return p;
  });
}

/** Writes the next chunk inside `tx`; returns the progress after it (unchanged when already finished). */
export async function writeNextChunk(tx: Queryable, chunk: number): Promise<HistoryProgress | undefined> {
  const row = await tx.maybeOne<{ value: HistoryProgress }>('select value from settings where key = $1 for update', [HISTORY_KEY]);
  if (!row) return undefined;
  const p = row.value;
  if (p.done >= p.total) return p;
  const { inputs, plan, staff } = await planFor(tx, p);
  const to = Math.min(p.total, p.done + chunk);
  const rows = historyRows(inputs, plan, staff, p.done, to, p.caseBase);
  await bulkInsert(tx, 'cases', rows.map((r) => r.case), { chunk: 5000 });
  await bulkInsert(tx, 'case_reporters', rows.flatMap((r) => r.reporters), { chunk: 10_000 });
  await bulkInsert(tx, 'case_events', rows.flatMap((r) => r.events.map((e) => ({ ...e, counted: true }))), { chunk: 10_000 });
  await bulkInsert(tx, 'case_clocks', rows.flatMap((r) => r.clocks), { chunk: 10_000 });
  const media = rows.flatMap((r) => r.media);
  if (media.length > 0) await bulkInsert(tx, 'case_media', media, { chunk: 10_000, onConflict: 'on conflict do nothing' });
  const ids = rows.map((r) => Number(r.case.id));
  await countLoadedCases(tx, Math.min(...ids), Math.max(...ids));   // 评价计数 of the chunk
  // the timer service's jobs for the lights of the clocks still running (they fire once the server runs)
  await tx.query(
    `insert into jobs (kind, dedupe_key, run_at, payload)
     select j.kind, 'case:' || c.case_id || ':' || c.clock || ':' || j.light, j.at, jsonb_build_object('caseId', c.case_id, 'clockId', c.id)
     from case_clocks c
     cross join lateral (values ($2::text, 'yellow', c.yellow_at), ($3::text, 'red', c.red_at)) as j(kind, light, at)
     where c.case_id between $1 and $4 and c.stopped_at is null and j.at is not null
       and (case when j.light = 'yellow' then c.yellow_fired_at else c.red_fired_at end) is null
     on conflict (dedupe_key) do nothing`,
    [Math.min(...ids), YELLOW_JOB, RED_JOB, Math.max(...ids)]);
  const next: HistoryProgress = { ...p, done: to, finished: to >= p.total };
  if (next.finished) {
    await audit(tx, SYSTEM_ACTOR, { action: 'demo.history', entity: 'case', entityId: 'history',
      after: { total: p.total, seed: p.seed, end: HISTORY_END.toISOString() } });
    cached = undefined;
  }
  await tx.query('update settings set value = $2, updated_at = now() where key = $1', [HISTORY_KEY, JSON.stringify(next)]);
  return next;
}

export interface LoadOptions { total?: number; seed?: number; chunk?: number; onProgress?: (done: number, total: number) => void }

/** Loads the whole history in this process (CLI, tests): chunk after chunk, then `analyze`. */
export async function loadHistory(db: Db, opts: LoadOptions = {}): Promise<HistoryProgress> {
  let p = await beginHistory(db, opts.total ?? 200_000, opts.seed ?? DEMO_SEED);
  opts.onProgress?.(p.done, p.total);
  while (!p.finished) {
    const next = await db.transaction((tx) => writeNextChunk(tx, opts.chunk ?? 2000));
    if (!next) throw new Error('demo history progress vanished');
    p = next;
    opts.onProgress?.(p.done, p.total);
  }
  await db.exec('analyze');
  if (db.kind === 'pglite') await db.exec('checkpoint'); // no background checkpointer there to recycle the load's WAL
  return p;
}
