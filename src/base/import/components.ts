// Components (部件) import: CSV rows or point features. Ids may be 17-digit, legacy 16-digit (6+2+2+6, mapped
// through legacy_catalog_map) or empty (the next free id of the located district and type is generated).
import { inScope } from '../../admin/scope.ts';
import type { Queryable } from '../../db/types.ts';
import { parseComponentId, parseLegacyComponentId, isValidCreditCode, TYPE_CODE } from '../codes.ts';
import { ComponentIdAllocator, ComponentTypes } from '../component-ids.ts';
import { ACCURACY_CLASSES, COMPONENT_STATUSES } from '../components.ts';
import { requireCityBounds } from '../grids.ts';
import { placePoint } from '../placement.ts';
import { getSpatialService } from '../spatial/service.ts';
import { codeText, dateText, pointOf, rowCrs, text } from './fields.ts';
import { DuplicateCheck, eachInChunks, existingKeys, insertInChunks, type ImportEnv, type KindImporter } from './importer.ts';
import type { InputRecord } from './read.ts';
import type { RowReport } from './report.ts';

export interface ComponentRow {
  id: string | null;
  type_code: string;
  name: string;
  status: string;
  owner_department_id: number | null;
  maintainer_department_id: number | null;
  property_unit_code: string | null;
  property_unit_name: string | null;
  grid_code: string;
  community_code: string;
  street_code: string;
  initial_date: string | null;
  data_source: string | null;
  accuracy: string | null;
  remark: string | null;
  lon: number;
  lat: number;
}

interface PendingRow {
  row: ComponentRow;
  district: string;
}

/** A legacy 4-digit type mapped to its standard code; errors reported. */
function mapLegacyType(types: ComponentTypes, legacy: string, r: InputRecord, report: RowReport, field: string): string | undefined {
  const target = types.legacyTarget(legacy);
  if (target === undefined) report.error(r.row, field, 'UNKNOWN_TYPE', `旧部件类型代码不存在: ${legacy}`);
  else if (target === null) report.error(r.row, field, 'LEGACY_TYPE_UNMAPPED', `旧部件类型 ${legacy} 在新目录中没有对应类型，请先在目录中建立本地类型并改填新代码`);
  return target ?? undefined;
}

/** The 17-digit id (legacy ids translated) and the type it names; errors reported. */
function readId(types: ComponentTypes, r: InputRecord, report: RowReport): { id?: string; typeFromId?: string } {
  const raw = codeText(r, 'id', report, '部件标识码');
  if (raw === undefined) return {};
  const parts = parseComponentId(raw);
  if (parts) return { id: raw, typeFromId: parts.typeCode };
  const legacy = parseLegacyComponentId(raw);
  if (legacy && legacy.sequence !== '000000') {
    const target = mapLegacyType(types, legacy.legacyType, r, report, 'id');
    return target ? { id: legacy.division + target + legacy.sequence, typeFromId: target } : {};
  }
  report.error(r.row, 'id', 'INVALID_COMPONENT_ID', `部件标识码应为 17 位（或旧标准 16 位）数字，顺序码不为全 0: ${raw}`);
  return {};
}

function readType(types: ComponentTypes, r: InputRecord, report: RowReport, typeFromId: string | undefined): string | undefined {
  const given = text(r, 'type_code');
  let code = given;
  if (given !== undefined) {
    if (/^\d{4}$/.test(given)) code = mapLegacyType(types, given, r, report, 'type_code');
    else if (!TYPE_CODE.test(given)) {
      report.error(r.row, 'type_code', 'INVALID_TYPE_CODE', `部件类型代码应为 5 位数字（或旧标准 4 位）: ${given}`);
      return undefined;
    }
    if (code === undefined) return undefined;
  }
  code ??= typeFromId;
  if (code === undefined) {
    report.error(r.row, 'type_code', 'REQUIRED', '缺少部件类型代码（type_code 与 id 至少填一个）');
    return undefined;
  }
  if (typeFromId && typeFromId !== code) {
    report.error(r.row, 'type_code', 'TYPE_MISMATCH', `标识码中的类型 ${typeFromId} 与类型代码 ${code} 不符`);
    return undefined;
  }
  const type = types.get(code);
  if (!type) report.error(r.row, 'type_code', 'UNKNOWN_TYPE', `部件类型不存在: ${code}`);
  else if (!type.enabled) report.error(r.row, 'type_code', 'TYPE_DISABLED', `部件类型已停用: ${code} ${type.name}`);
  return type?.enabled ? code : undefined;
}

function readDepartment(departments: Map<string, number>, r: InputRecord, report: RowReport, field: string, label: string): number | null {
  const code = text(r, field)?.toUpperCase();
  if (code === undefined) return null;
  if (!isValidCreditCode(code)) {
    report.error(r.row, field, 'INVALID_CREDIT_CODE', `${label}统一社会信用代码不正确: ${code}`);
    return null;
  }
  const id = departments.get(code);
  if (id === undefined) report.error(r.row, field, 'UNKNOWN_DEPARTMENT', `${label}不存在（按统一社会信用代码 ${code} 未找到部门）`);
  return id ?? null;
}

export const componentImporter: KindImporter<PendingRow> = {
  table: 'components',
  async prepare(env: ImportEnv, records: InputRecord[]) {
    const { ctx, actor, report } = env;
    const types = await ComponentTypes.load(ctx.db);
    const bounds = await requireCityBounds(ctx);
    const spatial = getSpatialService(ctx);
    const departments = new Map((await ctx.db.query<{ id: number; credit_code: string }>(
      'select id, credit_code from departments where credit_code is not null')).map((d) => [d.credit_code, Number(d.id)]));
    const ids = new DuplicateCheck(report, 'id', 'DUPLICATE_ID', '部件标识码');
    const rows: PendingRow[] = [];
    await eachInChunks(records, env, 'validate', async (r) => {
      const { id, typeFromId } = readId(types, r, report);
      const typeCode = readType(types, r, report, typeFromId);
      const crs = rowCrs(r, env.crs, report);
      const point = pointOf(r, report);
      const status = text(r, 'status') ?? '完好';
      if (!(COMPONENT_STATUSES as readonly string[]).includes(status)) {
        report.error(r.row, 'status', 'INVALID_STATUS', `部件状态应为 ${COMPONENT_STATUSES.join('、')} 之一: ${status}`);
      }
      const accuracy = text(r, 'accuracy')?.toUpperCase() ?? null;
      if (accuracy !== null && !(ACCURACY_CLASSES as readonly string[]).includes(accuracy)) {
        report.error(r.row, 'accuracy', 'INVALID_ACCURACY', `定位精度应为 A、B 或 C: ${accuracy}`);
      }
      const owner = readDepartment(departments, r, report, 'owner_credit_code', '主管部门');
      const maintainer = readDepartment(departments, r, report, 'maintainer_credit_code', '养护单位');
      const initialDate = dateText(r, 'initial_date', report, '初始日期');
      if (id) ids.add(id, r.row);
      if (!point || !crs) return;
      const at = await placePoint(spatial, bounds, point[0], point[1], crs);
      if (!at.ok) {
        report.error(r.row, 'lon', at.code, at.message);
        return;
      }
      if (!inScope(at.gridCode, actor.scope)) {
        report.error(r.row, 'lon', 'OUT_OF_SCOPE', `位置所在网格 ${at.gridCode} 不在您的管辖范围内`);
        return;
      }
      if (id && id.slice(0, 6) !== at.districtCode) {
        report.error(r.row, 'id', 'COMPONENT_DIVISION_MISMATCH', `标识码的区划 ${id.slice(0, 6)} 与所在网格的区县 ${at.districtCode} 不符`);
        return;
      }
      if (report.isBad(r.row) || !typeCode) return;
      rows.push({
        district: at.districtCode,
        row: {
          id: id ?? null, type_code: typeCode, name: text(r, 'name') ?? types.get(typeCode)!.name, status,
          owner_department_id: owner, maintainer_department_id: maintainer,
          property_unit_code: text(r, 'property_unit_code') ?? null, property_unit_name: text(r, 'property_unit_name') ?? null,
          grid_code: at.gridCode, community_code: at.communityCode, street_code: at.streetCode,
          initial_date: initialDate ?? null, data_source: text(r, 'data_source') ?? null, accuracy,
          remark: text(r, 'remark') ?? null, lon: at.lon, lat: at.lat,
        },
      });
    });
    for (const id of await existingKeys(ctx.db, 'components', 'id', ids.keys())) {
      report.error(ids.rowOf(id)!, 'id', 'DUPLICATE_ID', `部件标识码已存在于系统中: ${id}`);
    }
    return { rows };
  },

  async write(tx: Queryable, pending: PendingRow[], env: ImportEnv) {
    const ids = new ComponentIdAllocator(tx);
    await ids.reserve(pending.map((p) => (p.row.id ? p.row.id.slice(0, 11) : p.district + p.row.type_code)));
    for (const p of pending) if (p.row.id) ids.note(p.row.id);
    const rows = pending.map((p) => (p.row.id ? p.row : { ...p.row, id: ids.take(p.district, p.row.type_code) }));
    return insertInChunks(tx, 'components', rows, env);
  },
};
