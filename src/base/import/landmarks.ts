// Landmarks (地标/POI) import: named points with a category; the same name within about a metre is a duplicate.
import type { Queryable } from '../../db/types.ts';
import { requireCityBounds } from '../grids.ts';
import { toWgs84 } from '../spatial/coords.ts';
import { validatePoint } from '../spatial/geometry.ts';
import { pointOf, required, rowCrs, text } from './fields.ts';
import { DuplicateCheck, eachInChunks, insertInChunks, type ImportEnv, type KindImporter } from './importer.ts';
import type { InputRecord } from './read.ts';

export interface LandmarkRow {
  name: string;
  category: string;
  lon: number;
  lat: number;
  address: string | null;
}

const keyOf = (name: string, lon: number, lat: number) => `${name}@${lon.toFixed(5)},${lat.toFixed(5)}`;

export const landmarkImporter: KindImporter<LandmarkRow> = {
  table: 'landmarks',
  changes: 'landmarks',
  cityWide: true,

  async prepare(env: ImportEnv, records: InputRecord[]) {
    const { ctx, report } = env;
    const bounds = await requireCityBounds(ctx);
    const existing = new Set((await ctx.db.query<{ name: string; lon: number; lat: number }>('select name, lon, lat from landmarks'))
      .map((r) => keyOf(r.name, r.lon, r.lat)));
    const seen = new DuplicateCheck(report, 'name', 'DUPLICATE_LANDMARK', '地标');
    const rows: LandmarkRow[] = [];
    await eachInChunks(records, env, 'validate', (r) => {
      const name = required(r, 'name', report, '地标名称');
      const category = required(r, 'category', report, '地标类别');
      const crs = rowCrs(r, env.crs, report);
      const point = pointOf(r, report);
      if (!point || !crs) return;
      const [lon, lat] = toWgs84(point[0], point[1], crs);
      const v = validatePoint(lon, lat, bounds);
      if (!v.ok) report.error(r.row, 'lon', v.code, v.message);
      if (report.isBad(r.row)) return;
      const key = keyOf(name!, lon, lat);
      if (existing.has(key)) report.error(r.row, 'name', 'DUPLICATE_LANDMARK', `地标「${name}」在同一位置已存在于系统中`);
      else if (seen.add(key, r.row)) rows.push({ name: name!, category: category!, lon, lat, address: text(r, 'address') ?? null });
    });
    return { rows };
  },

  write: (tx: Queryable, rows: LandmarkRow[], env: ImportEnv) => insertInChunks(tx, 'landmarks', rows, env),
};
