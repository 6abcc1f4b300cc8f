// 单元网格: 15-digit code = community (12) + sequence (3), a polygon inside the city, retired by an end date.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import { writeBase, type BaseContext } from './changes.ts';
import { parseGridCode } from './codes.ts';
import { ACTIVE_GRID } from './divisions.ts';
import type { Bounds } from './spatial/geometry.ts';
import { validatePolygon } from './spatial/geometry.ts';
import { getSpatialService } from './spatial/service.ts';
import { likeText, pageClause, SqlFilter } from './sql.ts';
import { assertInScope, filterByPrefix } from './visibility.ts';
import { inScope } from '../admin/scope.ts';

export interface GridListQuery {
  community?: string;
  street?: string;
  district?: string;
  q?: string;
  /** true: only current grids; false: only retired ones; absent: all. */
  active?: boolean;
  page?: number;
  pageSize?: number;
}

export interface GridItem {
  code: string;
  name: string;
  communityCode: string;
  communityName: string | null;
  streetCode: string;
  streetName: string | null;
  areaM2: number;
  startDate: string;
  endDate: string | null;
}

export interface GridInput {
  code: string;
  name: string;
  communityCode?: string;
  geometry: unknown;
  startDate?: string;
  endDate?: string | null;
}

export type GridPatch = Partial<Pick<GridInput, 'name' | 'geometry' | 'startDate' | 'endDate'>>;

const SELECT = `select g.code, g.name, g.community_code, c.name as community_name, substr(g.code, 1, 9) as street_code,
  s.name as street_name, g.area_m2, g.start_date, g.end_date
  from unit_grids g left join divisions c on c.code = g.community_code left join divisions s on s.code = substr(g.code, 1, 9)`;

function toItem(r: any): GridItem {
  return {
    code: r.code, name: r.name, communityCode: r.community_code, communityName: r.community_name ?? null,
    streetCode: r.street_code, streetName: r.street_name ?? null, areaM2: r.area_m2, startDate: r.start_date, endDate: r.end_date,
  };
}

export async function listGrids(db: Queryable, actor: Actor, q: GridListQuery): Promise<{ total: number; items: GridItem[] }> {
  const f = new SqlFilter();
  filterByPrefix(f, actor, 'g.code');
  if (q.community) f.add('g.community_code = ?', q.community);
  if (q.street) f.add('g.code like ?', `${likeText(q.street)}%`);
  if (q.district) f.add('g.code like ?', `${likeText(q.district)}%`);
  if (q.q) f.add('(g.code like ? or g.name ilike ?)', `${likeText(q.q)}%`, `%${likeText(q.q)}%`);
  if (q.active === true) f.add(ACTIVE_GRID.replace(/end_date/g, 'g.end_date'));
  if (q.active === false) f.add(`not ${ACTIVE_GRID.replace(/end_date/g, 'g.end_date')}`);
  const total = (await db.maybeOne<{ n: number }>(`select count(*)::int as n from unit_grids g ${f.where()}`, f.values))!.n;
  const rows = await db.query(`${SELECT} ${f.where()} order by g.code ${pageClause(q.page, q.pageSize)}`, f.values);
  return { total, items: rows.map(toItem) };
}

export async function getGrid(db: Queryable, actor: Actor, code: string) {
  const r = await db.maybeOne<any>(
    `${SELECT.replace('g.end_date', 'g.end_date, g.geometry, g.bbox')} where g.code = $1`, [code]);
  if (!r || !inScope(code, actor.scope)) throw notFound('单元网格', code);
  const uses = (await db.maybeOne<{ components: number; responsibility: string[] }>(
    `select (select count(*)::int from components where grid_code = $1) as components,
            coalesce((select array_agg(responsibility_code order by responsibility_code) from responsibility_grid_members where grid_code = $1), '{}') as responsibility`,
    [code]))!;
  return { ...toItem(r), geometry: r.geometry, bbox: r.bbox, componentCount: uses.components, responsibilityCodes: uses.responsibility };
}

/** The city's bounds; grids and components must lie inside them. */
export async function requireCityBounds(ctx: BaseContext): Promise<Bounds> {
  const bounds = await getSpatialService(ctx).cityBounds();
  if (!bounds) throw badRequest('NO_CITY', '尚未建立市级行政区划及其边界，无法校验位置');
  return bounds;
}

/** Grid code: 15 digits, sequence not 000, first 12 digits an existing community. */
export async function checkGridCode(q: Queryable, code: string, communityCode?: string): Promise<void> {
  const parts = parseGridCode(code);
  if (!parts) throw badRequest('INVALID_GRID_CODE', `单元网格编码应为 15 位数字（社区代码 12 位 + 顺序码 3 位，顺序码不为 000）: ${code}`);
  if (communityCode !== undefined && communityCode !== parts.community) {
    throw badRequest('GRID_COMMUNITY_MISMATCH', `网格编码 ${code} 的前 12 位应等于所属社区代码 ${communityCode}`);
  }
  const community = await q.maybeOne("select 1 from divisions where code = $1 and level = 'community'", [parts.community]);
  if (!community) throw badRequest('GRID_COMMUNITY_MISMATCH', `网格编码 ${code} 的前 12 位 ${parts.community} 不是已有的社区`);
}

function checkDates(start: string | undefined, end: string | null | undefined): void {
  if (start && end && end < start) throw badRequest('INVALID_DATE_RANGE', `终止日期 ${end} 早于启用日期 ${start}`);
}

function gridGeometry(geometry: unknown, bounds: Bounds) {
  const v = validatePolygon(geometry, { bounds });
  if (!v.ok) throw badRequest(v.code, `网格边界无效：${v.message}`);
  return v;
}

export async function createGrid(ctx: BaseContext, actor: Actor, input: GridInput): Promise<GridItem> {
  await checkGridCode(ctx.db, input.code, input.communityCode);
  assertInScope(actor, input.code, '单元网格');
  checkDates(input.startDate, input.endDate);
  const geo = gridGeometry(input.geometry, await requireCityBounds(ctx));
  await writeBase(ctx, 'grids', async (tx) => {
    if (await tx.maybeOne('select 1 from unit_grids where code = $1', [input.code])) {
      throw conflict('DUPLICATE_CODE', `单元网格编码已存在: ${input.code}`);
    }
    await tx.query(
      `insert into unit_grids (code, name, community_code, geometry, bbox, area_m2, start_date, end_date)
       values ($1, $2, $3, $4, $5, $6, coalesce($7::date, current_date), $8)`,
      [input.code, input.name, input.code.slice(0, 12), JSON.stringify(geo.geometry), geo.bbox, geo.areaM2,
        input.startDate ?? null, input.endDate ?? null]);
    await audit(tx, actor, { action: 'create', entity: 'unit_grid', entityId: input.code,
      after: { code: input.code, name: input.name, areaM2: geo.areaM2, startDate: input.startDate, endDate: input.endDate, geometry: geo.geometry } });
  });
  return toItem(await ctx.db.maybeOne(`${SELECT} where g.code = $1`, [input.code]));
}

export async function updateGrid(ctx: BaseContext, actor: Actor, code: string, patch: GridPatch): Promise<GridItem> {
  if (!inScope(code, actor.scope)) throw notFound('单元网格', code);
  const geo = patch.geometry === undefined ? undefined : gridGeometry(patch.geometry, await requireCityBounds(ctx));
  await writeBase(ctx, 'grids', async (tx) => {
    const before = await tx.maybeOne<any>(
      'select code, name, area_m2, start_date, end_date, geometry from unit_grids where code = $1 for update', [code]);
    if (!before) throw notFound('单元网格', code);
    checkDates(patch.startDate ?? before.start_date, patch.endDate === undefined ? before.end_date : patch.endDate);
    await tx.query(
      `update unit_grids set name = coalesce($2, name), start_date = coalesce($3::date, start_date),
         end_date = case when $4 then $5::date else end_date end,
         geometry = coalesce($6::jsonb, geometry), bbox = coalesce($7::float8[], bbox), area_m2 = coalesce($8::float8, area_m2),
         updated_at = now()
       where code = $1`,
      [code, patch.name ?? null, patch.startDate ?? null, patch.endDate !== undefined, patch.endDate ?? null,
        geo ? JSON.stringify(geo.geometry) : null, geo?.bbox ?? null, geo?.areaM2 ?? null]);
    await audit(tx, actor, { action: patch.endDate ? 'retire' : 'update', entity: 'unit_grid', entityId: code, before,
      after: { ...patch, ...(geo ? { geometry: geo.geometry, areaM2: geo.areaM2 } : {}) } });
  });
  return toItem(await ctx.db.maybeOne(`${SELECT} where g.code = $1`, [code]));
}

/** Deletes a grid nothing refers to; a grid with components or in a responsibility grid is retired instead (409). */
export async function deleteGrid(ctx: BaseContext, actor: Actor, code: string): Promise<void> {
  if (!inScope(code, actor.scope)) throw notFound('单元网格', code);
  await writeBase(ctx, 'grids', async (tx) => {
    const before = await tx.maybeOne<any>(
      'select code, name, community_code, area_m2, start_date, end_date, geometry from unit_grids where code = $1 for update', [code]);
    if (!before) throw notFound('单元网格', code);
    const uses = (await tx.maybeOne<{ components: number; members: number }>(
      `select (select count(*)::int from components where grid_code = $1) as components,
              (select count(*)::int from responsibility_grid_members where grid_code = $1) as members`, [code]))!;
    if (uses.components || uses.members) {
      throw conflict('GRID_IN_USE', `单元网格 ${code} 仍有 ${uses.components} 个部件、属于 ${uses.members} 个责任网格，不能删除；可设置终止日期使其停用`);
    }
    await tx.query('delete from unit_grids where code = $1', [code]);
    await audit(tx, actor, { action: 'delete', entity: 'unit_grid', entityId: code, before });
  });
}
