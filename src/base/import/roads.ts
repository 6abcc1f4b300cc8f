// Roads (道路) import: named lines with a class; the same name and line twice is a duplicate.
import type { Queryable } from '../../db/types.ts';
import { requireCityBounds } from '../grids.ts';
import type { Bounds } from '../spatial/geometry.ts';
import { validateLineString } from '../spatial/geometry.ts';
import { geometryToWgs84, required } from './fields.ts';
import { DuplicateCheck, eachInChunks, insertInChunks, type ImportEnv, type KindImporter } from './importer.ts';
import type { InputRecord } from './read.ts';

export const ROAD_CLASSES = ['快速路', '主干路', '次干路', '支路'] as const;

export interface RoadRow {
  name: string;
  class: string;
  geometry: object;
  bbox: Bounds;
}

const keyOf = (name: string, geometry: unknown) => `${name}|${JSON.stringify(geometry)}`;

export const roadImporter: KindImporter<RoadRow> = {
  table: 'roads',
  changes: 'roads',
  cityWide: true,

  async prepare(env: ImportEnv, records: InputRecord[]) {
    const { ctx, report } = env;
    const bounds = await requireCityBounds(ctx);
    const existing = new Set((await ctx.db.query<{ name: string; geometry: unknown }>('select name, geometry from roads'))
      .map((r) => keyOf(r.name, r.geometry)));
    const seen = new DuplicateCheck(report, 'geometry', 'DUPLICATE_ROAD', '道路');
    const rows: RoadRow[] = [];
    await eachInChunks(records, env, 'validate', (r) => {
      const name = required(r, 'name', report, '道路名称');
      const cls = required(r, 'class', report, '道路等级');
      if (cls && !(ROAD_CLASSES as readonly string[]).includes(cls)) {
        report.error(r.row, 'class', 'INVALID_ROAD_CLASS', `道路等级应为 ${ROAD_CLASSES.join('、')} 之一: ${cls}`);
      }
      const geo = validateLineString(geometryToWgs84(r.geometry, env.crs), { bounds });
      if (!geo.ok) report.error(r.row, 'geometry', geo.code, geo.message);
      if (report.isBad(r.row) || !geo.ok) return;
      const key = keyOf(name!, geo.geometry);
      if (existing.has(key)) report.error(r.row, 'geometry', 'DUPLICATE_ROAD', `道路「${name}」的同一条线已存在于系统中`);
      else if (seen.add(key, r.row)) rows.push({ name: name!, class: cls!, geometry: geo.geometry, bbox: geo.bbox });
    });
    return { rows };
  },

  write: (tx: Queryable, rows: RoadRow[], env: ImportEnv) => insertInChunks(tx, 'roads', rows, env),
};
