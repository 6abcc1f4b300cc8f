// GeoReport v2 services: every enabled matter type of the catalogue (事项), grouped by its major class, each with
// attributes — whether there is a safety hazard, and for 违法建设 the building's stage and area.
import type { Queryable } from '../../db/types.ts';
import { badRequest } from '../../platform/errors.ts';

export interface ServiceAttribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

const HAZARD: ServiceAttribute = {
  variable: true, code: 'hazard', datatype: 'singlevaluelist', required: false, datatype_description: null, order: 1,
  description: '是否存在安全隐患（如可能伤人、影响通行）', values: [{ key: 'yes', name: '是' }, { key: 'no', name: '否' }],
};
const BUILDING_STAGE: ServiceAttribute = {
  variable: true, code: 'building_stage', datatype: 'singlevaluelist', required: true, datatype_description: null, order: 2,
  description: '建设状态', values: [{ key: 'in_progress', name: '正在建设' }, { key: 'completed', name: '已建成' }],
};
const AREA: ServiceAttribute = {
  variable: true, code: 'area_m2', datatype: 'number', required: false, datatype_description: '估计面积，单位平方米', order: 3,
  description: '估计面积（平方米）', values: [],
};

const ILLEGAL_BUILDING = /违法建设|违章建|私搭乱建|无证建设/;

export function attributesFor(name: string): ServiceAttribute[] {
  return ILLEGAL_BUILDING.test(name) ? [HAZARD, BUILDING_STAGE, AREA] : [HAZARD];
}

export interface Service { service_code: string; service_name: string; description: string; metadata: boolean; type: 'realtime'; keywords: string; group: string }

export async function listServices(q: Queryable): Promise<Service[]> {
  const rows = await q.query<{ code: string; name: string; major_name: string }>(
    "select code, name, major_name from catalog_types where kind = 'matter' and enabled order by code");
  return rows.map((r) => ({ service_code: r.code, service_name: r.name, description: `${r.major_name}：${r.name}`,
    metadata: true, type: 'realtime', keywords: [r.major_name, r.name].join(','), group: r.major_name }));
}

export async function findService(q: Queryable, code: string): Promise<{ code: string; name: string } | undefined> {
  return q.maybeOne<{ code: string; name: string }>("select code, name from catalog_types where kind = 'matter' and code = $1 and enabled", [code]);
}

/** Checks submitted attribute values against the definition; returns them with their display text. */
export function checkAttributes(defs: readonly ServiceAttribute[], given: Record<string, string>): { values: Record<string, string | number>; text: string[] } {
  const values: Record<string, string | number> = {};
  const text: string[] = [];
  for (const code of Object.keys(given)) {
    if (!defs.some((d) => d.code === code)) throw badRequest('UNKNOWN_ATTRIBUTE', `该服务没有属性 ${code}`);
  }
  for (const d of defs) {
    const raw = given[d.code]?.trim();
    if (!raw) {
      if (d.required) throw badRequest('ATTRIBUTE_REQUIRED', `缺少必填属性 attribute[${d.code}]（${d.description}）`);
      continue;
    }
    if (d.datatype === 'singlevaluelist') {
      const v = d.values.find((x) => x.key === raw);
      if (!v) throw badRequest('INVALID_ATTRIBUTE', `属性 ${d.code} 的取值应为 ${d.values.map((x) => x.key).join('、')} 之一`);
      values[d.code] = raw;
      text.push(`${d.description}：${v.name}`);
    } else if (d.datatype === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) throw badRequest('INVALID_ATTRIBUTE', `属性 ${d.code} 应为非负数`);
      values[d.code] = n;
      text.push(`${d.description}：${n}`);
    } else {
      values[d.code] = raw;
      text.push(`${d.description}：${raw}`);
    }
  }
  return { values, text };
}
