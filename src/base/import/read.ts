// Reads an uploaded file into records: GeoJSON (.geojson/.json), a zipped Shapefile (.shp + .dbf, optional
// .prj and .cpg) through shpjs, or CSV (UTF-8 with or without BOM, or GBK as Excel saves it in China).
import path from 'node:path';
import AdmZip from 'adm-zip';
import { parse } from 'csv-parse/sync';
import { getShapefile } from 'shpjs';
import { badRequest } from '../../platform/errors.ts';

export interface InputRecord {
  /** 1-based: data row of a CSV (header excluded) or feature index + 1 */
  row: number;
  geometry: unknown;
  /** Attribute names lower-cased and trimmed */
  properties: Record<string, unknown>;
}

export type FileFormat = 'geojson' | 'shapefile' | 'csv';

export function formatOf(fileName: string): FileFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  if (ext === '.zip') return 'shapefile';
  if (ext === '.csv') return 'csv';
  throw badRequest('UNSUPPORTED_FORMAT', `不支持的文件类型 ${ext || '（无扩展名）'}：请上传 .geojson/.json、.zip（Shapefile）或 .csv`);
}

export async function readRecords(fileName: string, data: Buffer): Promise<InputRecord[]> {
  switch (formatOf(fileName)) {
    case 'geojson': return readGeoJson(data);
    case 'shapefile': return readShapefileZip(data);
    case 'csv': return readCsv(data);
  }
}

function lowerKeys(props: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props ?? {})) out[k.trim().toLowerCase()] = v;
  return out;
}

/** Text that is not valid UTF-8 is taken as GBK (GB18030 superset), the usual encoding of Chinese desktop files. */
export function decodeText(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

export function readGeoJson(data: Buffer): InputRecord[] {
  let doc: any;
  try {
    doc = JSON.parse(decodeText(data));
  } catch (err) {
    throw badRequest('INVALID_FILE', `文件不是合法的 JSON：${(err as Error).message}`);
  }
  const features = doc?.type === 'FeatureCollection' ? doc.features : doc?.type === 'Feature' ? [doc] : undefined;
  if (!Array.isArray(features)) throw badRequest('INVALID_FILE', 'GeoJSON 文件应为 FeatureCollection 或 Feature');
  return features.map((f: any, i: number) => ({
    row: i + 1,
    geometry: f?.geometry ?? null,
    properties: lowerKeys(f && typeof f.properties === 'object' ? f.properties : {}),
  }));
}

/** TextDecoder label for a .cpg, or, without one, for the .dbf's bytes. */
export function dbfEncoding(cpg: string | undefined, dbf: Buffer): string {
  const label = cpg?.trim().toLowerCase();
  if (label) {
    if (/^(cp|ansi\s*)?936$|^gb2312$|^gbk$|^gb18030$/.test(label)) return 'gb18030';
    if (/^utf-?8$|^65001$/.test(label)) return 'utf-8';
    try {
      return new TextDecoder(label).encoding;
    } catch {
      throw badRequest('INVALID_FILE', `.cpg 中的字符编码无法识别: ${cpg!.trim()}`);
    }
  }
  if (dbf[29] === 0x4d) return 'gb18030'; // language driver id 77: code page 936
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(dbf.readUInt16LE(8))); // the records after the header
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function normaliseDbfValue(v: unknown): unknown {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  }
  if (typeof v === 'number' && Number.isNaN(v)) return null;
  return v;
}

export async function readShapefileZip(data: Buffer): Promise<InputRecord[]> {
  let entries: AdmZip.IZipEntry[];
  try {
    entries = new AdmZip(data).getEntries().filter((e) => !e.isDirectory && !e.entryName.includes('__MACOSX'));
  } catch (err) {
    throw badRequest('INVALID_FILE', `无法解压 .zip 文件：${(err as Error).message}`);
  }
  const byExt = (ext: string) => entries.filter((e) => e.entryName.toLowerCase().endsWith(ext));
  const shps = byExt('.shp');
  if (shps.length === 0) throw badRequest('INVALID_FILE', '压缩包中没有 .shp 文件');
  if (shps.length > 1) throw badRequest('INVALID_FILE', `压缩包中有 ${shps.length} 个图层，请每次只导入一个 Shapefile`);
  const base = shps[0].entryName.slice(0, -4).toLowerCase();
  const sibling = (ext: string) => entries.find((e) => e.entryName.toLowerCase() === base + ext)?.getData();
  const dbf = sibling('.dbf');
  if (!dbf) throw badRequest('INVALID_FILE', `压缩包中缺少 ${path.basename(base)}.dbf（属性表）`);
  const prj = sibling('.prj')?.toString('utf8');
  const encoding = dbfEncoding(sibling('.cpg')?.toString('latin1'), dbf);
  let collection: any;
  try {
    collection = await getShapefile({ shp: shps[0].getData(), dbf, cpg: encoding, prj });
  } catch (err) {
    throw badRequest('INVALID_FILE', `Shapefile 无法读取：${(err as Error).message}`);
  }
  return (collection.features as any[]).map((f, i) => {
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(lowerKeys(f.properties))) props[k] = normaliseDbfValue(v);
    return { row: i + 1, geometry: f.geometry ?? null, properties: props };
  });
}

/** CSV rows; a `geometry` column holds GeoJSON text, points may come as lon/lat columns instead. */
export function readCsv(data: Buffer): InputRecord[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(decodeText(data), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true, trim: true, relax_column_count: true,
    });
  } catch (err) {
    throw badRequest('INVALID_FILE', `CSV 文件无法解析：${(err as Error).message}`);
  }
  return rows.map((r, i) => {
    const { geometry, ...properties } = r;
    let geom: unknown = null;
    if (geometry) {
      try {
        geom = JSON.parse(geometry);
      } catch {
        geom = geometry;
      }
    }
    return { row: i + 1, geometry: geom, properties };
  });
}
