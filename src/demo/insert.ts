// Writes a built demo city into the database inside the caller's transaction, parents before children.
import type { Queryable } from '../db/types.ts';
import { bulkInsert } from '../platform/bulk.ts';
import type { DemoCity } from './model.ts';

export type ProgressFn = (step: string, done: number, total: number) => void;

export interface DemoCounts {
  districts: number;
  streets: number;
  communities: number;
  unitGrids: number;
  departments: number;
  users: number;
  responsibilityGrids: number;
  responsibilityRules: number;
  components: number;
  componentTypes: number;
  roads: number;
  mapAreas: number;
  landmarks: number;
}

/** Tables the demo fills, children first: what `cityops demo --force` empties. */
export const BASE_TABLES = ['responsibility_rules', 'responsibility_grid_members', 'responsibility_grids', 'components', 'landmarks', 'roads',
  'map_areas', 'unit_grids', 'department_regions', 'users', 'departments', 'divisions'] as const;

const CHUNK = 10_000;

async function insertRows(q: Queryable, table: string, rows: object[], step: string, progress: ProgressFn, options: { chunk?: number; onConflict?: string } = {}) {
  const chunk = options.chunk ?? CHUNK;
  progress(step, 0, rows.length);
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await bulkInsert(q, table, part, { chunk, onConflict: options.onConflict });
    progress(step, i + part.length, rows.length);
  }
}

async function idsBy(q: Queryable, sql: string, key: string): Promise<Map<string, number>> {
  const rows = await q.query<Record<string, unknown>>(sql);
  return new Map(rows.map((r) => [String(r[key]), Number(r.id)]));
}

export async function insertDemoCity(q: Queryable, city: DemoCity, passwordHash: string, progress: ProgressFn): Promise<DemoCounts> {
  const levels = ['city', 'district', 'street', 'community'] as const;
  const divisions = levels.flatMap((level) => city.divisions.filter((d) => d.level === level));
  progress('行政区划', 0, divisions.length);
  let done = 0;
  for (const level of levels) {
    const rows = city.divisions.filter((d) => d.level === level);
    await bulkInsert(q, 'divisions', rows);
    progress('行政区划', (done += rows.length), divisions.length);
  }
  await insertRows(q, 'unit_grids', city.grids, '单元网格', progress, { chunk: 3000 });

  const deptRow = (d: DemoCity['departments'][number], parentId: number | null) => ({
    credit_code: d.credit_code, name: d.name, short_name: d.short_name, category: d.category, level: d.level,
    parent_id: parentId, phone: d.phone,
  });
  progress('部门', 0, city.departments.length);
  await bulkInsert(q, 'departments', city.departments.filter((d) => !d.parent).map((d) => deptRow(d, null)), { onConflict: 'on conflict do nothing' });
  let deptIds = await idsBy(q, 'select id, name from departments', 'name');
  const nameOf = new Map(city.departments.map((d) => [d.key, d.name]));
  await bulkInsert(q, 'departments', city.departments.filter((d) => d.parent)
    .map((d) => deptRow(d, deptIds.get(nameOf.get(d.parent!)!) ?? null)), { onConflict: 'on conflict do nothing' });
  deptIds = await idsBy(q, 'select id, name from departments', 'name');
  const deptId = (key: string) => {
    const id = deptIds.get(nameOf.get(key)!);
    if (id === undefined) throw new Error(`部门未能写入（名称或信用代码与已有部门冲突）: ${nameOf.get(key)}`);
    return id;
  };
  await bulkInsert(q, 'department_regions', city.departments.map((d) => ({ department_id: deptId(d.key), division_code: d.region })),
    { onConflict: 'on conflict do nothing' });
  progress('部门', city.departments.length, city.departments.length);

  // accounts that already exist (e.g. an admin made with `cityops user add`) are kept as they are
  await insertRows(q, 'users', city.users.map((u) => ({
    username: u.username, display_name: u.display_name, phone: u.phone, password_hash: passwordHash, role: u.role,
    region_code: u.region_code, department_id: u.department ? deptId(u.department) : null,
  })), '用户', progress, { onConflict: 'on conflict (username) do nothing' });
  const userIds = await idsBy(q, 'select id, username from users', 'username');

  await insertRows(q, 'responsibility_grids', city.responsibilityGrids.map((r) => ({
    code: r.code, name: r.name, division_code: r.division_code, collector_id: userIds.get(r.collector) ?? null,
  })), '责任网格', progress);
  await insertRows(q, 'responsibility_grid_members', city.responsibilityMembers, '责任网格成员', progress);

  await insertRows(q, 'components', city.components.map(({ owner, maintainer, ...c }) => ({
    ...c, owner_department_id: deptId(owner), maintainer_department_id: deptId(maintainer),
  })), '部件', progress);
  await insertRows(q, 'roads', city.roads, '道路', progress);
  await insertRows(q, 'responsibility_rules', city.responsibilityRules.map(({ department, ...r }) => ({
    ...r, department_id: deptId(department),
  })), '权责清单', progress);
  await insertRows(q, 'map_areas', city.mapAreas, '水系与公园', progress);
  await insertRows(q, 'landmarks', city.landmarks, '地标', progress);

  const count = (level: string) => city.divisions.filter((d) => d.level === level).length;
  return {
    districts: count('district'), streets: count('street'), communities: count('community'), unitGrids: city.grids.length,
    departments: city.departments.length, users: city.users.length, responsibilityGrids: city.responsibilityGrids.length,
    responsibilityRules: city.responsibilityRules.length,
    components: city.components.length, componentTypes: new Set(city.components.map((c) => c.type_code)).size,
    roads: city.roads.length, mapAreas: city.mapAreas.length, landmarks: city.landmarks.length,
  };
}

/** Empties the demo's tables (and, by cascade, sessions, API keys and records that point at them); returns row counts before. */
export async function clearBaseData(q: Queryable): Promise<Record<string, number>> {
  const before: Record<string, number> = {};
  for (const table of BASE_TABLES) {
    before[table] = Number((await q.maybeOne<{ n: number }>(`select count(*)::int as n from ${table}`))!.n);
  }
  await q.query(`truncate ${BASE_TABLES.join(', ')} cascade`);
  return before;
}
