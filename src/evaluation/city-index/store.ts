// 城市管理指数 storage: the tree of each year (the default until saved) with every saved version, and the 实地考察
// scores and 问卷调查 results entered per year, region and indicator. Every write is validated whole and audited.
import type { Actor } from '../../admin/actor.ts';
import { audit } from '../../admin/audit.ts';
import type { Db, Queryable } from '../../db/types.ts';
import { badRequest } from '../../platform/errors.ts';
import { DEFAULT_TREE, treeProblem } from './rules.ts';
import type { EntryRow, IndexTree, TreeVersion } from './views.ts';

const userId = (a: Actor) => (a.kind === 'user' ? a.id : null);

export async function loadTree(q: Queryable, year: number): Promise<{ tree: IndexTree; isDefault: boolean; updatedAt: string | null;
  updatedByName: string | null }> {
  const r = await q.maybeOne<{ tree: IndexTree; updated_at: Date; display_name: string | null }>(
    `select t.tree, t.updated_at, u.display_name from city_index_trees t left join users u on u.id = t.updated_by where t.year = $1`, [year]);
  return r ? { tree: r.tree, isDefault: false, updatedAt: new Date(r.updated_at).toISOString(), updatedByName: r.display_name }
    : { tree: DEFAULT_TREE, isDefault: true, updatedAt: null, updatedByName: null };
}

/** The catalogue types a tree names that do not exist. */
async function unknownTypes(q: Queryable, tree: IndexTree): Promise<string[]> {
  const wanted = [...new Set(tree.dimensions.flatMap((d) => d.indicators.flatMap((i) =>
    i.source.kind === 'platform' && i.source.metric.kind === 'density' ? i.source.metric.types : [])))];
  if (!wanted.length) return [];
  const rows = await q.query<{ t: string }>(`select kind || ':' || code as t from catalog_types where kind || ':' || code = any($1)`, [wanted]);
  const found = new Set(rows.map((r) => r.t));
  return wanted.filter((t) => !found.has(t));
}

export async function saveTree(db: Db, actor: Actor, year: number, tree: IndexTree): Promise<void> {
  const problem = treeProblem(tree);
  if (problem) throw badRequest('INVALID_INDEX_TREE', problem);
  const missing = await unknownTypes(db, tree);
  if (missing.length) throw badRequest('INVALID_INDEX_TREE', `问题类型不存在：${missing.join('、')}`);
  await db.transaction(async (tx) => {
    const before = await loadTree(tx, year);
    await tx.query(`insert into city_index_trees (year, tree, updated_at, updated_by) values ($1, $2, now(), $3)
      on conflict (year) do update set tree = excluded.tree, updated_at = now(), updated_by = excluded.updated_by`,
    [year, JSON.stringify(tree), userId(actor)]);
    await tx.query('insert into city_index_tree_history (year, tree, changed_by) values ($1, $2, $3)', [year, JSON.stringify(tree), userId(actor)]);
    await audit(tx, actor, { action: 'city_index.tree', entity: 'city_index_trees', entityId: year, before: before.tree, after: tree });
  });
}

export async function treeHistory(q: Queryable, year: number, limit = 50): Promise<TreeVersion[]> {
  const rows = await q.query(`select h.id, h.year, h.tree, h.changed_at, u.display_name from city_index_tree_history h
    left join users u on u.id = h.changed_by where h.year = $1 order by h.id desc limit $2`, [year, limit]);
  return rows.map((r) => ({ id: Number(r.id), year: Number(r.year), tree: r.tree, changedAt: new Date(r.changed_at).toISOString(),
    changedByName: r.display_name ?? null }));
}

/** An inspection score or questionnaire result to write; null values remove the entry. */
export interface InspectionInput { regionCode: string; indicatorKey: string; score: number | null; note?: string }
export interface QuestionnaireInput { regionCode: string; indicatorKey: string; sampleSize: number | null; satisfaction: number | null }
export type EntryKind = 'inspection' | 'questionnaire';

/** The regions an index is computed for: the city and its districts, as far as the viewer's scope reaches. */
export async function indexRegions(q: Queryable, scope: Actor['scope']): Promise<{ code: string; name: string; level: 'city' | 'district';
  areaM2: number | null }[]> {
  const patterns = scope === 'all' ? ['%'] : scope.map((p) => `${p}%`);
  const rows = await q.query(`select code, name, level, area_m2 from divisions where level in ('city', 'district') and code like any($1)
    order by case level when 'city' then 0 else 1 end, code`, [patterns]);
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, areaM2: r.area_m2 === null ? null : Number(r.area_m2) }));
}

/** Why one entry cannot be stored (Chinese), checked against the year's tree and the regions in scope. */
export function entryProblems(kind: EntryKind, e: Partial<InspectionInput & QuestionnaireInput>, tree: IndexTree,
  regions: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!e.regionCode || !regions.has(e.regionCode)) problems.push(`区域不存在或不在您的管辖范围：${e.regionCode ?? '（空）'}`);
  const indicator = tree.dimensions.flatMap((d) => d.indicators).find((i) => i.key === e.indicatorKey);
  if (!indicator) problems.push(`指标不存在：${e.indicatorKey ?? '（空）'}`);
  else if (indicator.source.kind !== kind) problems.push(`指标“${indicator.name}”的数据来源不是${kind === 'inspection' ? '实地考察' : '问卷调查'}`);
  if (kind === 'inspection') {
    if (e.score !== null && !(typeof e.score === 'number' && Number.isFinite(e.score) && e.score >= 0 && e.score <= 100)) {
      problems.push('得分必须是 0–100 之间的数字');
    }
  } else if (!(e.sampleSize === null && e.satisfaction === null)) {
    if (!(typeof e.sampleSize === 'number' && Number.isInteger(e.sampleSize) && e.sampleSize > 0)) problems.push('样本量必须是正整数');
    if (!(typeof e.satisfaction === 'number' && Number.isFinite(e.satisfaction) && e.satisfaction >= 0 && e.satisfaction <= 100)) {
      problems.push('满意度必须是 0–100 之间的百分数');
    }
  }
  return problems;
}

/** Writes the entries in one transaction after checking them all (any problem: nothing written). */
export async function writeEntries(db: Db, actor: Actor, year: number, kind: EntryKind,
  entries: Partial<InspectionInput & QuestionnaireInput>[]): Promise<number> {
  const { tree } = await loadTree(db, year);
  const regions = new Set((await indexRegions(db, actor.scope)).map((r) => r.code));
  const bad = entries.map((e, i) => ({ index: i + 1, problems: entryProblems(kind, e, tree, regions) })).filter((x) => x.problems.length);
  if (bad.length) {
    throw badRequest('INVALID_ENTRIES', `第 ${bad[0].index} 条：${bad[0].problems.join('；')}`, { rows: bad });
  }
  await db.transaction(async (tx) => {
    for (const e of entries) {
      const key = [year, e.regionCode, e.indicatorKey];
      if (kind === 'inspection') {
        if (e.score === null) await tx.query('delete from city_index_inspections where year = $1 and region_code = $2 and indicator_key = $3', key);
        else {
          await tx.query(`insert into city_index_inspections (year, region_code, indicator_key, score, note, entered_by) values ($1, $2, $3, $4, $5, $6)
            on conflict (year, region_code, indicator_key) do update set score = excluded.score, note = excluded.note,
              entered_by = excluded.entered_by, entered_at = now()`, [...key, e.score, e.note ?? '', userId(actor)]);
        }
      } else if (e.satisfaction === null) {
        await tx.query('delete from city_index_questionnaires where year = $1 and region_code = $2 and indicator_key = $3', key);
      } else {
        await tx.query(`insert into city_index_questionnaires (year, region_code, indicator_key, sample_size, satisfaction, entered_by)
          values ($1, $2, $3, $4, $5, $6) on conflict (year, region_code, indicator_key) do update set sample_size = excluded.sample_size,
            satisfaction = excluded.satisfaction, entered_by = excluded.entered_by, entered_at = now()`,
        [...key, e.sampleSize, e.satisfaction, userId(actor)]);
      }
    }
    await audit(tx, actor, { action: `city_index.${kind}`, entity: kind === 'inspection' ? 'city_index_inspections' : 'city_index_questionnaires',
      entityId: year, after: entries });
  });
  return entries.length;
}

export async function listEntries(q: Queryable, year: number, scope: Actor['scope']): Promise<{ inspections: EntryRow[]; questionnaires: EntryRow[] }> {
  const patterns = scope === 'all' ? ['%'] : scope.map((p) => `${p}%`);
  const ins = await q.query(`select region_code, indicator_key, score, note, entered_at from city_index_inspections
    where year = $1 and region_code like any($2) order by region_code, indicator_key`, [year, patterns]);
  const qs = await q.query(`select region_code, indicator_key, sample_size, satisfaction, entered_at from city_index_questionnaires
    where year = $1 and region_code like any($2) order by region_code, indicator_key`, [year, patterns]);
  return {
    inspections: ins.map((r) => ({ regionCode: r.region_code, indicatorKey: r.indicator_key, score: Number(r.score), note: r.note,
      enteredAt: new Date(r.entered_at).toISOString() })),
    questionnaires: qs.map((r) => ({ regionCode: r.region_code, indicatorKey: r.indicator_key, sampleSize: Number(r.sample_size),
      satisfaction: Number(r.satisfaction), enteredAt: new Date(r.entered_at).toISOString() })),
  };
}
