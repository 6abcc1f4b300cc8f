// Runs one import: read the file, check every row, then either refuse the whole file (nothing written, full
// report) or write it all in one transaction. Every run is recorded in import_runs and audited as one entry.
import type { Actor } from '../../admin/actor.ts';
import { audit } from '../../admin/audit.ts';
import type { Queryable } from '../../db/types.ts';
import { AppError } from '../../platform/errors.ts';
import { publishBaseChanged, type BaseContext } from '../changes.ts';
import type { Crs } from '../spatial/coords.ts';
import { getSpatialService } from '../spatial/service.ts';
import { assertCityWide } from '../visibility.ts';
import { componentImporter } from './components.ts';
import { divisionImporter } from './divisions.ts';
import { gridImporter } from './grids.ts';
import type { ImportEnv, KindImporter, Prepared, ProgressFn } from './importer.ts';
import { landmarkImporter } from './landmarks.ts';
import { formatOf, readRecords, type InputRecord } from './read.ts';
import { KIND_NAMES, RowReport, type ImportKind, type ImportReport, type ImportStatus } from './report.ts';
import { roadImporter } from './roads.ts';

const IMPORTERS: Record<ImportKind, KindImporter<any>> = {
  divisions: divisionImporter,
  grids: gridImporter,
  components: componentImporter,
  roads: roadImporter,
  landmarks: landmarkImporter,
};

export interface ImportRequest {
  kind: ImportKind;
  fileName: string;
  data: Buffer;
  /** Check only: nothing is written and no run is recorded */
  dryRun?: boolean;
  /** Coordinate system of the file (rows of a CSV may name their own in a crs column); default WGS84 */
  crs?: Crs;
  onProgress?: ProgressFn;
}

async function finishRun(q: Queryable, actor: Actor, runId: number, status: ImportStatus, report: ImportReport): Promise<void> {
  await q.query(
    `update import_runs set status = $2, total_rows = $3, ok_rows = $4, errors = $5, warnings = $6, finished_at = now() where id = $1`,
    [runId, status, report.totalRows, report.okRows, JSON.stringify(report.errors), JSON.stringify(report.warnings)]);
  await audit(q, actor, { action: 'import', entity: 'import_run', entityId: runId, after: {
    kind: report.kind, fileName: report.fileName, status, totalRows: report.totalRows, inserted: report.inserted,
    errorCount: report.errorCount, warningCount: report.warningCount,
  } });
}

export async function runImport(ctx: BaseContext, actor: Actor, req: ImportRequest): Promise<ImportReport> {
  const importer = IMPORTERS[req.kind];
  if (importer.cityWide) assertCityWide(actor, KIND_NAMES[req.kind]);
  formatOf(req.fileName); // unsupported types are refused before anything is recorded
  const dryRun = req.dryRun ?? false;
  const runId = dryRun ? null : Number((await ctx.db.maybeOne<{ id: number }>(
    `insert into import_runs (kind, file_name, status, user_id) values ($1, $2, 'running', $3) returning id`,
    [req.kind, req.fileName, actor.kind === 'user' ? actor.id : null]))!.id);
  let records: InputRecord[] = [];
  let prepared: Prepared<unknown> = { rows: [] };
  const rows = new RowReport();
  const report = (): ImportReport => ({
    runId, kind: req.kind, fileName: req.fileName, dryRun, status: 'valid', totalRows: records.length,
    okRows: rows.okRows(records.length), inserted: 0, errorCount: rows.errorCount, warningCount: rows.warningCount,
    ...rows.sorted(), ...(prepared.topology ? { topology: prepared.topology } : {}),
  });
  /** Records an unexpected failure on the run (nothing was written) and passes the error on. */
  const failed = async (err: unknown): Promise<never> => {
    const message = err instanceof AppError ? err.message : `导入失败，未写入任何数据：${(err as Error).message}`;
    rows.error(0, undefined, err instanceof AppError ? err.code : 'IMPORT_FAILED', message);
    if (runId !== null) await ctx.db.transaction((tx) => finishRun(tx, actor, runId, 'failed', { ...report(), status: 'failed' }));
    throw err;
  };
  const env: ImportEnv = { ctx, actor, report: rows, crs: req.crs ?? 'WGS84', progress: req.onProgress ?? (() => undefined) };
  try {
    env.progress('read', 0, 1);
    records = await readRecords(req.fileName, req.data);
    env.progress('read', 1, 1);
    if (records.length === 0) rows.error(0, undefined, 'EMPTY_FILE', '文件中没有数据');
    else prepared = await importer.prepare(env, records);
  } catch (err) {
    // A file that cannot be read, or a precondition such as a missing city boundary, refuses the whole file.
    if (!(err instanceof AppError) || err.statusCode >= 500) return failed(err);
    rows.error(0, undefined, err.code, err.message);
  }

  if (rows.errorCount > 0 || dryRun) {
    const result = { ...report(), status: rows.errorCount > 0 ? 'refused' as const : 'valid' as const };
    if (runId !== null) await ctx.db.transaction((tx) => finishRun(tx, actor, runId, 'refused', result));
    return result;
  }
  const result: ImportReport = { ...report(), status: 'done', inserted: prepared.rows.length };
  try {
    await ctx.db.transaction(async (tx) => {
      result.inserted = await importer.write(tx, prepared.rows, env);
      await finishRun(tx, actor, runId!, 'done', result);
      if (importer.changes) await publishBaseChanged(ctx, tx, importer.changes);
    });
  } catch (err) {
    return failed(err);
  }
  if (importer.changes) getSpatialService(ctx).invalidate();
  await ctx.db.query(`analyze ${importer.table}`); // the embedded database has no autovacuum to do it
  return result;
}
