// Browsing and extending the 部件/事项 catalogue: standard types are read-only except enable/disable;
// local types (minor 900–999) may be added and renamed by city-level administrators.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import { isLocalTypeCode, TYPE_CODE } from './codes.ts';
import { likeText, SqlFilter } from './sql.ts';
import { assertCityWide } from './visibility.ts';

export type CatalogKind = 'component' | 'matter';
export const LOCAL_SOURCE = '本地扩展';

export interface CatalogView {
  kind: CatalogKind;
  code: string;
  majorCode: string;
  majorName: string;
  name: string;
  isStandard: boolean;
  enabled: boolean;
  source: string;
}

function toView(r: any): CatalogView {
  return { kind: r.kind, code: r.code, majorCode: r.major_code, majorName: r.major_name, name: r.name,
    isStandard: r.is_standard, enabled: r.enabled, source: r.source };
}

const COLUMNS = 'kind, code, major_code, major_name, name, is_standard, enabled, source';

export async function listCatalog(db: Queryable, q: { kind?: CatalogKind; major?: string; q?: string; includeDisabled?: boolean }): Promise<CatalogView[]> {
  const f = new SqlFilter();
  if (q.kind) f.add('kind = ?', q.kind);
  if (q.major) f.add('major_code = ?', q.major);
  if (q.q) f.add('(code like ? or name ilike ? or major_name ilike ?)', `${likeText(q.q)}%`, `%${likeText(q.q)}%`, `%${likeText(q.q)}%`);
  if (!q.includeDisabled) f.add('enabled');
  return (await db.query(`select ${COLUMNS} from catalog_types ${f.where()} order by kind, code`, f.values)).map(toView);
}

export async function createLocalType(tx: Queryable, actor: Actor, input: { kind: CatalogKind; code: string; name: string }): Promise<CatalogView> {
  assertCityWide(actor, '部件事项目录');
  if (!TYPE_CODE.test(input.code)) throw badRequest('INVALID_TYPE_CODE', `类型代码应为 5 位数字（大类 2 位 + 小类 3 位）: ${input.code}`);
  if (!isLocalTypeCode(input.code)) {
    throw badRequest('STANDARD_CODE_RESERVED', `小类代码 001–899 保留给国家标准，本地扩展类型只能使用 900–999: ${input.code}`);
  }
  const major = await tx.maybeOne<{ major_name: string }>(
    'select major_name from catalog_types where kind = $1 and major_code = $2 limit 1', [input.kind, input.code.slice(0, 2)]);
  if (!major) throw badRequest('UNKNOWN_MAJOR', `大类 ${input.code.slice(0, 2)} 不存在`);
  if (await tx.maybeOne('select 1 from catalog_types where kind = $1 and code = $2', [input.kind, input.code])) {
    throw conflict('DUPLICATE_CODE', `类型代码已存在: ${input.code}`);
  }
  const row = await tx.maybeOne(
    `insert into catalog_types (kind, code, major_code, major_name, name, is_standard, enabled, source)
     values ($1, $2, $3, $4, $5, false, true, $6) returning ${COLUMNS}`,
    [input.kind, input.code, input.code.slice(0, 2), major.major_name, input.name, LOCAL_SOURCE]);
  await audit(tx, actor, { action: 'create', entity: 'catalog_type', entityId: `${input.kind}:${input.code}`, after: input });
  return toView(row);
}

export async function updateCatalogType(tx: Queryable, actor: Actor, kind: CatalogKind, code: string,
  patch: { name?: string; enabled?: boolean }): Promise<CatalogView> {
  assertCityWide(actor, '部件事项目录');
  const before = await tx.maybeOne<any>(`select ${COLUMNS} from catalog_types where kind = $1 and code = $2 for update`, [kind, code]);
  if (!before) throw notFound('类型', `${kind}:${code}`);
  if (patch.name !== undefined && before.is_standard && patch.name !== before.name) {
    throw badRequest('STANDARD_TYPE_READONLY', '国家标准类型的名称不能修改，只能启用或停用');
  }
  const row = await tx.maybeOne(
    `update catalog_types set name = coalesce($3, name), enabled = coalesce($4, enabled) where kind = $1 and code = $2 returning ${COLUMNS}`,
    [kind, code, patch.name ?? null, patch.enabled ?? null]);
  await audit(tx, actor, { action: 'update', entity: 'catalog_type', entityId: `${kind}:${code}`, before: toView(before), after: patch });
  return toView(row);
}

export async function legacyMap(db: Queryable) {
  const rows = await db.query<any>(
    `select m.kind, m.legacy_code, m.legacy_name, m.target_kind, m.target_code, t.name as target_name, m.method
     from legacy_catalog_map m left join catalog_types t on t.kind = m.target_kind and t.code = m.target_code
     order by m.kind, m.legacy_code`);
  return rows.map((r) => ({
    kind: r.kind, legacyCode: r.legacy_code, legacyName: r.legacy_name, targetKind: r.target_kind,
    targetCode: r.target_code, targetName: r.target_name ?? null, method: r.method,
  }));
}
