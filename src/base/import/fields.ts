// Reading attribute values from imported records: column names in English, pinyin initials (as GIS
// departments name DBF fields) or Chinese, and values cleaned to text, numbers and dates.
import type { Crs } from '../spatial/coords.ts';
import { CRS_VALUES, isCrs, toWgs84, isValidLonLat } from '../spatial/coords.ts';
import type { InputRecord } from './read.ts';
import type { RowReport } from './report.ts';

export const ALIASES: Record<string, string[]> = {
  code: ['code', 'dm', 'bm', '代码', '编码'],
  name: ['name', 'mc', '名称'],
  level: ['level', 'jb', '级别'],
  parent_code: ['parent_code', 'parentcode', 'parent', 'sjdm', '上级代码'],
  community_code: ['community_code', 'communityc', 'sqdm', '社区代码'],
  start_date: ['start_date', 'startdate', 'qyrq', '启用日期'],
  end_date: ['end_date', 'enddate', 'zzrq', '终止日期'],
  id: ['id', 'bsm', '标识码', '部件标识码'],
  type_code: ['type_code', 'typecode', 'lxdm', '类型代码'],
  lon: ['lon', 'lng', 'longitude', 'x', '经度'],
  lat: ['lat', 'latitude', 'y', '纬度'],
  crs: ['crs', 'zbx', '坐标系'],
  status: ['status', 'zt', '状态'],
  owner_credit_code: ['owner_credit_code', 'owner_cred', 'zgbmdm', '主管部门代码'],
  maintainer_credit_code: ['maintainer_credit_code', 'maintainer', 'yhdwdm', '养护单位代码'],
  property_unit_code: ['property_unit_code', 'prop_code', 'qsdwdm', '权属单位代码'],
  property_unit_name: ['property_unit_name', 'prop_name', 'qsdwmc', '权属单位', '权属单位名称'],
  initial_date: ['initial_date', 'initialdat', 'csrq', '初始日期'],
  data_source: ['data_source', 'datasource', 'sjly', '数据来源'],
  accuracy: ['accuracy', 'jd', '精度'],
  remark: ['remark', 'bz', '备注'],
  class: ['class', 'dldj', '道路等级', '等级'],
  category: ['category', 'lb', '类别'],
  address: ['address', 'dz', '地址'],
};

/** The raw value of a field under any of its names. */
export function raw(record: InputRecord, field: string): unknown {
  for (const name of ALIASES[field] ?? [field]) {
    const v = record.properties[name];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

/** Trimmed text, or undefined when empty. Whole numbers (DBF numeric fields) become their digits. */
export function text(record: InputRecord, field: string): string | undefined {
  const v = raw(record, field);
  if (v === undefined) return undefined;
  const s = typeof v === 'number' && Number.isInteger(v) ? v.toFixed(0) : String(v).trim();
  return s === '' ? undefined : s;
}

/** A code field: digits only; a number too large to hold its digits exactly is an error. */
export function codeText(record: InputRecord, field: string, report: RowReport, label: string): string | undefined {
  const v = raw(record, field);
  if (typeof v === 'number' && !Number.isSafeInteger(v)) {
    report.error(record.row, field, 'CODE_PRECISION_LOST', `${label}以数值型字段保存，超过 15 位的数字已失去精度；请把该字段改为字符型`);
    return undefined;
  }
  return text(record, field);
}

/** YYYY-MM-DD from 2026-01-05, 2026/1/5 or 2026.1.5; an error (and undefined) when it is not a real date. */
export function dateText(record: InputRecord, field: string, report: RowReport, label: string): string | null | undefined {
  const s = text(record, field);
  if (s === undefined) return null;
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  const iso = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : '';
  const d = new Date(`${iso}T00:00:00Z`);
  if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    report.error(record.row, field, 'INVALID_DATE', `${label}不是有效日期（应为 YYYY-MM-DD）: ${s}`);
    return undefined;
  }
  return iso;
}

export function required(record: InputRecord, field: string, report: RowReport, label: string): string | undefined {
  const s = text(record, field);
  if (s === undefined) report.error(record.row, field, 'REQUIRED', `缺少${label}`);
  return s;
}

/** The row's coordinate system: its own `crs` column, else the one given for the whole file. */
export function rowCrs(record: InputRecord, fileCrs: Crs, report: RowReport): Crs | undefined {
  const s = text(record, 'crs');
  if (s === undefined) return fileCrs;
  const upper = s.toUpperCase().replace(/[-_: ]/g, '');
  const crs = upper === 'WGS84' || upper === 'EPSG4326' ? 'WGS84' : upper === 'CGCS2000' || upper === 'EPSG4490' ? 'CGCS2000' : upper;
  if (!isCrs(crs)) {
    report.error(record.row, 'crs', 'UNKNOWN_CRS', `不支持的坐标系 ${s}（可选 ${CRS_VALUES.join('、')}）`);
    return undefined;
  }
  return crs;
}

/** A point from a Point geometry or lon/lat columns, as given (not yet converted). */
export function pointOf(record: InputRecord, report: RowReport): [number, number] | undefined {
  const g = record.geometry as { type?: string; coordinates?: unknown } | null;
  if (g && typeof g === 'object' && g.type === 'Point' && Array.isArray(g.coordinates)) {
    const [x, y] = g.coordinates as unknown[];
    if (isValidLonLat(x, y)) return [x as number, y as number];
  } else if (g) {
    report.error(record.row, 'geometry', 'GEOMETRY_WRONG_TYPE', `几何类型必须是 Point，实际为 ${typeof g === 'object' ? g.type ?? '未知' : '文本'}`);
    return undefined;
  } else {
    const x = Number(text(record, 'lon') ?? NaN), y = Number(text(record, 'lat') ?? NaN);
    if (isValidLonLat(x, y)) return [x, y];
  }
  report.error(record.row, 'lon', 'INVALID_COORDINATE', '坐标无效：经度应在 -180 至 180 之间，纬度应在 -90 至 90 之间');
  return undefined;
}

/** Converts every valid position of a GeoJSON geometry from GCJ-02/BD-09 to WGS84 (others are left as they are). */
export function geometryToWgs84(geometry: unknown, crs: Crs): unknown {
  if (crs === 'WGS84' || crs === 'CGCS2000') return geometry;
  const convert = (c: unknown): unknown => {
    if (!Array.isArray(c)) return c;
    if (c.length >= 2 && typeof c[0] === 'number' && isValidLonLat(c[0], c[1])) return toWgs84(c[0], c[1] as number, crs);
    return c.map(convert);
  };
  if (!geometry || typeof geometry !== 'object') return geometry;
  const g = geometry as { coordinates?: unknown };
  return { ...g, coordinates: convert(g.coordinates) };
}
