// Export of base data as GeoJSON or CSV, streamed page by page (keyset paging) so large sets never sit in memory.
// Columns use the import's field names, so an exported file can be imported again. CSV starts with a UTF-8 BOM
// so that Excel shows Chinese correctly.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../admin/actor.ts';
import type { Queryable } from '../db/types.ts';
import type { ImportKind } from './import/report.ts';
import { scopeBox } from './map-layers.ts';
import { SqlFilter } from './sql.ts';
import { filterByPrefix, filterDivisions } from './visibility.ts';

export type ExportFormat = 'geojson' | 'csv';
export const EXPORT_PAGE = 2000;

interface ExportSpec {
  /** Key column for paging (text or bigint) */
  key: string;
  /** The table with its alias; filtered and paged before any join */
  table: string;
  joins?: string;
  columns: string;
  csvHeader: string[];
  /** GeoJSON geometry of a row */
  geometry(r: any): unknown;
  /** Attribute values (also the CSV columns before geometry/lon/lat handling) */
  values(r: any): Record<string, unknown>;
}

const point = (r: any) => ({ type: 'Point', coordinates: [r.lon, r.lat] });

const SPECS: Record<ImportKind, ExportSpec> = {
  divisions: {
    key: 'd.code', table: 'divisions d', columns: 'd.code as k, d.code, d.name, d.level, d.parent_code, d.area_m2, d.geometry',
    csvHeader: ['code', 'name', 'level', 'parent_code', 'area_m2', 'geometry'],
    geometry: (r) => r.geometry,
    values: (r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parent_code, area_m2: r.area_m2 }),
  },
  grids: {
    key: 'g.code', table: 'unit_grids g', columns: 'g.code as k, g.code, g.name, g.community_code, g.start_date, g.end_date, g.area_m2, g.geometry',
    csvHeader: ['code', 'name', 'community_code', 'start_date', 'end_date', 'area_m2', 'geometry'],
    geometry: (r) => r.geometry,
    values: (r) => ({ code: r.code, name: r.name, community_code: r.community_code, start_date: r.start_date, end_date: r.end_date, area_m2: r.area_m2 }),
  },
  components: {
    key: 'c.id',
    table: 'components c',
    joins: `join catalog_types t on t.kind = c.kind and t.code = c.type_code
      left join departments o on o.id = c.owner_department_id left join departments m on m.id = c.maintainer_department_id`,
    columns: `c.id as k, c.id, c.type_code, c.name, c.lon, c.lat, c.status, c.property_unit_code, c.property_unit_name, c.initial_date,
      c.data_source, c.accuracy, c.remark, c.grid_code, c.community_code, c.street_code, c.change_date, t.name as type_name, o.credit_code as owner_credit_code, o.name as owner_name,
      m.credit_code as maintainer_credit_code, m.name as maintainer_name`,
    csvHeader: ['id', 'type_code', 'name', 'lon', 'lat', 'crs', 'status', 'owner_credit_code', 'maintainer_credit_code',
      'property_unit_code', 'property_unit_name', 'initial_date', 'data_source', 'accuracy', 'remark',
      'type_name', 'owner_name', 'maintainer_name', 'grid_code', 'community_code', 'street_code', 'change_date'],
    geometry: point,
    values: (r) => ({
      id: r.id, type_code: r.type_code, name: r.name, lon: r.lon, lat: r.lat, crs: 'WGS84', status: r.status,
      owner_credit_code: r.owner_credit_code, maintainer_credit_code: r.maintainer_credit_code,
      property_unit_code: r.property_unit_code, property_unit_name: r.property_unit_name, initial_date: r.initial_date,
      data_source: r.data_source, accuracy: r.accuracy, remark: r.remark, type_name: r.type_name, owner_name: r.owner_name,
      maintainer_name: r.maintainer_name, grid_code: r.grid_code, community_code: r.community_code, street_code: r.street_code,
      change_date: r.change_date,
    }),
  },
  roads: {
    key: 'r.id', table: 'roads r', columns: 'r.id as k, r.id, r.name, r.class, r.geometry',
    csvHeader: ['id', 'name', 'class', 'geometry'],
    geometry: (r) => r.geometry,
    values: (r) => ({ id: Number(r.id), name: r.name, class: r.class }),
  },
  landmarks: {
    key: 'l.id', table: 'landmarks l', columns: 'l.id as k, l.id, l.name, l.category, l.lon, l.lat, l.address',
    csvHeader: ['id', 'name', 'category', 'lon', 'lat', 'address'],
    geometry: point,
    values: (r) => ({ id: Number(r.id), name: r.name, category: r.category, lon: r.lon, lat: r.lat, address: r.address }),
  },
};

async function scopeFilter(db: Queryable, actor: Actor, kind: ImportKind): Promise<SqlFilter | null> {
  const f = new SqlFilter();
  switch (kind) {
    case 'divisions': filterDivisions(f, actor, 'd.code'); break;
    case 'grids': filterByPrefix(f, actor, 'g.code'); break;
    case 'components': filterByPrefix(f, actor, 'c.grid_code'); break;
    case 'roads':
    case 'landmarks': {
      const box = await scopeBox(db, actor);
      if (box === null) return null;
      if (box && kind === 'roads') f.add('r.bbox[1] <= ? and r.bbox[3] >= ? and r.bbox[2] <= ? and r.bbox[4] >= ?', box[2], box[0], box[3], box[1]);
      if (box && kind === 'landmarks') f.add('l.lon between ? and ? and l.lat between ? and ?', box[0], box[2], box[1], box[3]);
      break;
    }
  }
  return f;
}

async function* pages(db: Queryable, spec: ExportSpec, filter: SqlFilter | null): AsyncGenerator<any[]> {
  if (!filter) return;
  let last: unknown = null;
  for (;;) {
    const f = new SqlFilter();
    filter.values.forEach((v) => f.param(v));
    const where = filter.where();
    const after = last === null ? '' : `${where ? ' and' : 'where'} ${spec.key} > ${f.param(last)}`;
    const page = `(select * from ${spec.table} ${where}${after} order by ${spec.key} limit ${EXPORT_PAGE}) ${spec.table.split(' ')[1]}`;
    const rows = await db.query(`select ${spec.columns} from ${page} ${spec.joins ?? ''} order by ${spec.key}`, f.values);
    if (rows.length) yield rows;
    if (rows.length < EXPORT_PAGE) return;
    last = rows[rows.length - 1].k;
  }
}

async function* geojsonChunks(rowsPages: AsyncGenerator<any[]>, spec: ExportSpec): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[\n';
  let first = true;
  for await (const rows of rowsPages) {
    const features = rows.map((r) => {
      const { lon: _x, lat: _y, ...properties } = spec.values(r);
      return JSON.stringify({ type: 'Feature', geometry: spec.geometry(r) ?? null, properties });
    });
    yield (first ? '' : ',\n') + features.join(',\n');
    first = false;
  }
  yield '\n]}\n';
}

async function* csvChunks(rowsPages: AsyncGenerator<any[]>, spec: ExportSpec): AsyncGenerator<string> {
  yield `\uFEFF${stringify([spec.csvHeader])}`;
  for await (const rows of rowsPages) {
    yield stringify(rows.map((r) => {
      const v: Record<string, unknown> = { ...spec.values(r), ...(spec.csvHeader.includes('geometry') ? { geometry: JSON.stringify(spec.geometry(r)) } : {}) };
      return spec.csvHeader.map((h) => v[h] ?? '');
    }));
  }
}

export interface ExportResult {
  fileName: string;
  contentType: string;
  stream: Readable;
}

export async function exportBase(db: Queryable, actor: Actor, kind: ImportKind, format: ExportFormat, today = new Date()): Promise<ExportResult> {
  const spec = SPECS[kind];
  const filter = await scopeFilter(db, actor, kind);
  const stamp = today.toISOString().slice(0, 10).replace(/-/g, '');
  const chunks = format === 'csv' ? csvChunks(pages(db, spec, filter), spec) : geojsonChunks(pages(db, spec, filter), spec);
  return {
    fileName: `${kind}-${stamp}.${format === 'csv' ? 'csv' : 'geojson'}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json; charset=utf-8',
    stream: Readable.from(chunks),
  };
}
