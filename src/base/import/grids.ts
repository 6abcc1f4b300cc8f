// Unit grids (单元网格) import: polygons with a 15-digit code, then a topology check of the grids as they would
// be after the import. Overlaps and grids reaching out of their community are errors; gaps are warnings.
import { inScope } from '../../admin/scope.ts';
import type { Queryable } from '../../db/types.ts';
import { parseGridCode } from '../codes.ts';
import { ACTIVE_GRID } from '../divisions.ts';
import { requireCityBounds } from '../grids.ts';
import type { Bounds } from '../spatial/geometry.ts';
import { validatePolygon } from '../spatial/geometry.ts';
import { checkTopology, type GridArea, type TopologyReport } from '../spatial/topology.ts';
import { codeText, dateText, geometryToWgs84, required, text } from './fields.ts';
import { DuplicateCheck, eachInChunks, existingKeys, insertInChunks, type ImportEnv, type KindImporter } from './importer.ts';
import type { InputRecord } from './read.ts';

export interface GridRow {
  code: string;
  name: string;
  community_code: string;
  geometry: GridArea['geometry'];
  bbox: Bounds;
  area_m2: number;
  start_date: string | null;
  end_date: string | null;
}

const m2 = (n: number) => n.toFixed(1);

/**
 * Checks the new grids together with the current grids of their communities and any current grid their boxes
 * meet. Problems that involve a new grid become errors on its row; old problems and gaps become warnings.
 */
async function topology(env: ImportEnv, rows: GridRow[], rowOf: Map<string, number>): Promise<TopologyReport> {
  const { db } = env.ctx;
  const communities = [...new Set(rows.map((r) => r.community_code))];
  const existing = new Map<string, GridArea>();
  const add = (list: { code: string; community_code: string; geometry: GridArea['geometry'] }[]) => {
    for (const g of list) if (!rowOf.has(g.code)) existing.set(g.code, { code: g.code, communityCode: g.community_code, geometry: g.geometry });
  };
  add(await db.query(`select code, community_code, geometry from unit_grids where ${ACTIVE_GRID} and community_code = any($1)`, [communities]));
  for (let i = 0; i < rows.length; i += 500) {
    const boxes = rows.slice(i, i + 500).map((r) => r.bbox);
    add(await db.query(
      `select g.code, g.community_code, g.geometry from unit_grids g
       join json_to_recordset($1::json) as b(x1 float8, y1 float8, x2 float8, y2 float8)
         on g.bbox[1] < b.x2 and g.bbox[3] > b.x1 and g.bbox[2] < b.y2 and g.bbox[4] > b.y1
       where ${ACTIVE_GRID.replace(/end_date/g, 'g.end_date')}`,
      [JSON.stringify(boxes.map(([x1, y1, x2, y2]) => ({ x1, y1, x2, y2 })))]));
  }
  const grids: GridArea[] = [
    ...rows.map((r) => ({ code: r.code, communityCode: r.community_code, geometry: r.geometry })),
    ...existing.values(),
  ];
  const involved = [...new Set(grids.map((g) => g.communityCode))];
  const boundaries = await db.query<{ code: string; geometry: GridArea['geometry'] }>(
    "select code, geometry from divisions where code = any($1) and geometry is not null and geometry->>'type' in ('Polygon', 'MultiPolygon')",
    [involved]);
  env.progress('topology', 0, 1);
  const report = checkTopology(boundaries, grids);
  env.progress('topology', 1, 1);

  const { report: rr } = env;
  for (const o of report.overlaps) {
    const [mine, other] = rowOf.has(o.a) ? [o.a, o.b] : [o.b, o.a];
    const otherRow = rowOf.get(other);
    if (rowOf.has(mine)) {
      rr.error(rowOf.get(mine)!, 'geometry', 'GRID_OVERLAP',
        `网格 ${mine} 与${otherRow ? `第 ${otherRow} 行的` : '已有'}网格 ${other} 重叠 ${m2(o.areaM2)} 平方米`);
    } else {
      rr.warn(0, 'geometry', 'GRID_OVERLAP_EXISTING', `已有网格 ${o.a} 与 ${o.b} 重叠 ${m2(o.areaM2)} 平方米`);
    }
  }
  for (const o of report.outside) {
    const row = rowOf.get(o.gridCode);
    const message = `网格 ${o.gridCode} 有 ${m2(o.outsideAreaM2)} 平方米超出所属社区 ${o.communityCode} 的边界`;
    if (row) rr.error(row, 'geometry', 'GRID_OUTSIDE_COMMUNITY', message);
    else rr.warn(0, 'geometry', 'GRID_OUTSIDE_COMMUNITY_EXISTING', `已有${message}`);
  }
  for (const g of report.gaps) {
    if (communities.includes(g.communityCode)) {
      rr.warn(0, 'geometry', 'GRID_GAP', `社区 ${g.communityCode} 有 ${m2(g.areaM2)} 平方米未被网格覆盖（导入后）`);
    }
  }
  for (const c of report.missingCommunity.filter((code) => communities.includes(code))) {
    rr.warn(0, 'geometry', 'COMMUNITY_WITHOUT_BOUNDARY', `社区 ${c} 没有边界，无法检查其网格是否超出社区或留有空隙`);
  }
  return report;
}

export const gridImporter: KindImporter<GridRow> = {
  table: 'unit_grids',
  changes: 'grids',

  async prepare(env: ImportEnv, records: InputRecord[]) {
    const { ctx, actor, report } = env;
    const bounds = await requireCityBounds(ctx);
    const communities = new Set((await ctx.db.query<{ code: string }>("select code from divisions where level = 'community'")).map((r) => r.code));
    const codes = new DuplicateCheck(report, 'code', 'DUPLICATE_CODE', '网格编码');
    const rows: GridRow[] = [];
    const rowOf = new Map<string, number>();
    await eachInChunks(records, env, 'validate', (r) => {
      const code = codeText(r, 'code', report, '网格编码');
      const name = required(r, 'name', report, '网格名称');
      const start = dateText(r, 'start_date', report, '启用日期');
      const end = dateText(r, 'end_date', report, '终止日期');
      if (start && end && end < start) report.error(r.row, 'end_date', 'INVALID_DATE_RANGE', `终止日期 ${end} 早于启用日期 ${start}`);
      const geo = validatePolygon(geometryToWgs84(r.geometry, env.crs), { bounds });
      if (!geo.ok) report.error(r.row, 'geometry', geo.code, geo.message);
      if (code === undefined) {
        if (!report.isBad(r.row)) report.error(r.row, 'code', 'REQUIRED', '缺少网格编码');
        return;
      }
      const parts = parseGridCode(code);
      const community = text(r, 'community_code');
      if (!parts) {
        report.error(r.row, 'code', 'INVALID_GRID_CODE', `网格编码应为 15 位数字（社区代码 12 位 + 顺序码 3 位，顺序码不为 000）: ${code}`);
      } else if (community !== undefined && community !== parts.community) {
        report.error(r.row, 'code', 'GRID_COMMUNITY_MISMATCH', `网格编码 ${code} 的前 12 位应等于所属社区代码 ${community}`);
      } else if (!communities.has(parts.community)) {
        report.error(r.row, 'code', 'GRID_COMMUNITY_MISMATCH', `网格编码 ${code} 的前 12 位 ${parts.community} 不是已有的社区`);
      } else if (!inScope(code, actor.scope)) {
        report.error(r.row, 'code', 'OUT_OF_SCOPE', `网格 ${code} 不在您的管辖范围内`);
      }
      const first = codes.add(code, r.row);
      if (report.isBad(r.row) || !geo.ok || !first) return;
      rowOf.set(code, r.row);
      rows.push({ code, name: name!, community_code: code.slice(0, 12), geometry: geo.geometry, bbox: geo.bbox, area_m2: geo.areaM2,
        start_date: start ?? null, end_date: end ?? null });
    });
    for (const code of await existingKeys(ctx.db, 'unit_grids', 'code', codes.keys())) {
      report.error(codes.rowOf(code)!, 'code', 'DUPLICATE_CODE', `网格编码已存在于系统中: ${code}`);
    }
    const today = new Date().toISOString().slice(0, 10);
    const valid = rows.filter((r) => !report.isBad(rowOf.get(r.code)!) && (r.end_date === null || r.end_date > today));
    return { rows, topology: valid.length ? await topology(env, valid, new Map(valid.map((r) => [r.code, rowOf.get(r.code)!]))) : undefined };
  },

  async write(tx: Queryable, rows: GridRow[], env: ImportEnv) {
    const { today } = (await tx.maybeOne<{ today: string }>('select current_date::text as today'))!;
    return insertInChunks(tx, 'unit_grids', rows.map((r) => ({ ...r, start_date: r.start_date ?? today })), env);
  },
};
