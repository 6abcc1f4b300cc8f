// Divisions (行政区划) import: one file may hold several levels; parents come from the database or the file.
import { inScope } from '../../admin/scope.ts';
import type { Queryable } from '../../db/types.ts';
import { AppError } from '../../platform/errors.ts';
import { checkDivisionCode } from '../divisions.ts';
import type { DivisionLevel } from '../codes.ts';
import type { Bounds } from '../spatial/geometry.ts';
import { validatePolygon } from '../spatial/geometry.ts';
import { getSpatialService } from '../spatial/service.ts';
import { codeText, geometryToWgs84, required, text } from './fields.ts';
import { DuplicateCheck, eachInChunks, existingKeys, insertInChunks, type ImportEnv, type KindImporter } from './importer.ts';
import type { InputRecord } from './read.ts';

export interface DivisionRow {
  code: string;
  name: string;
  level: DivisionLevel;
  parent_code: string | null;
  geometry: object | null;
  bbox: Bounds | null;
  area_m2: number | null;
}

const LEVEL_ORDER: Record<DivisionLevel, number> = { city: 0, district: 1, street: 2, community: 3 };

export const divisionImporter: KindImporter<DivisionRow> = {
  table: 'divisions',
  changes: 'divisions',

  async prepare(env: ImportEnv, records: InputRecord[]) {
    const { ctx, actor, report } = env;
    const known = new Set((await ctx.db.query<{ code: string }>('select code from divisions')).map((r) => r.code));
    // The city's bounds: from a city polygon in this file, else from the database.
    const cityRecord = records.find((r) => /^\d{4}00$/.test(text(r, 'code') ?? '') && !/0000$/.test(text(r, 'code')!));
    const cityGeo = cityRecord ? validatePolygon(geometryToWgs84(cityRecord.geometry, env.crs)) : undefined;
    const bounds = cityGeo?.ok ? cityGeo.bbox : await getSpatialService(ctx).cityBounds();
    const codes = new DuplicateCheck(report, 'code', 'DUPLICATE_CODE', '区划代码');
    const rows: DivisionRow[] = [];
    const inFile = new Set(records.map((r) => text(r, 'code')).filter((c): c is string => c !== undefined));
    await eachInChunks(records, env, 'validate', (r) => {
      const code = codeText(r, 'code', report, '区划代码');
      const name = required(r, 'name', report, '区划名称');
      if (code === undefined) {
        if (!report.isBad(r.row)) report.error(r.row, 'code', 'REQUIRED', '缺少区划代码');
        return;
      }
      let level: DivisionLevel | undefined;
      let parent: string | null = null;
      try {
        ({ level, parent } = checkDivisionCode({ code, level: text(r, 'level'), parentCode: text(r, 'parent_code') }));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        report.error(r.row, 'code', err.code, err.message);
      }
      if (parent && !known.has(parent) && !inFile.has(parent)) report.error(r.row, 'parent_code', 'UNKNOWN_PARENT', `上级行政区划不存在: ${parent}`);
      if (!inScope(code, actor.scope)) report.error(r.row, 'code', 'OUT_OF_SCOPE', `行政区划 ${code} 不在您的管辖范围内`);
      let geo: { geometry: object | null; bbox: Bounds | null; area_m2: number | null } = { geometry: null, bbox: null, area_m2: null };
      if (r.geometry != null) {
        const v = validatePolygon(geometryToWgs84(r.geometry, env.crs), { bounds: level === 'city' ? undefined : bounds });
        if (v.ok) geo = { geometry: v.geometry, bbox: v.bbox, area_m2: v.areaM2 };
        else report.error(r.row, 'geometry', v.code, v.message);
      }
      const first = codes.add(code, r.row);
      if (report.isBad(r.row) || !level || !first) return;
      rows.push({ code, name: name!, level, parent_code: parent, ...geo });
    });
    for (const code of await existingKeys(ctx.db, 'divisions', 'code', codes.keys())) {
      report.error(codes.rowOf(code)!, 'code', 'DUPLICATE_CODE', `行政区划代码已存在于系统中: ${code}`);
    }
    return { rows };
  },

  /** Parents before children: city, districts, streets, communities. */
  async write(tx: Queryable, rows: DivisionRow[], env: ImportEnv) {
    const sorted = [...rows].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code));
    let done = 0;
    for (const level of Object.keys(LEVEL_ORDER) as DivisionLevel[]) {
      const part = sorted.filter((r) => r.level === level);
      if (part.length) done += await insertInChunks(tx, 'divisions', part, { ...env, progress: (p, n) => env.progress(p, done + n, rows.length) });
    }
    return done;
  },
};
