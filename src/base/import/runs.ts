// The import history (import_runs): city-level administrators see every run, others their own region's.
import type { Actor } from '../../admin/actor.ts';
import { likePatterns } from '../../admin/scope.ts';
import type { Queryable } from '../../db/types.ts';
import type { RowError } from '../../platform/errors.ts';
import { notFound } from '../../platform/errors.ts';
import { pageClause, SqlFilter } from '../sql.ts';
import { isCityWide } from '../visibility.ts';
import type { ImportKind } from './report.ts';

export interface ImportRunView {
  id: number;
  kind: ImportKind;
  fileName: string;
  status: 'running' | 'done' | 'refused' | 'failed';
  totalRows: number;
  okRows: number;
  errorCount: number;
  warningCount: number;
  userId: number | null;
  userName: string | null;
  startedAt: string;
  finishedAt: string | null;
}

const SELECT = `select r.id, r.kind, r.file_name, r.status, r.total_rows, r.ok_rows, jsonb_array_length(r.errors) as error_count,
  jsonb_array_length(r.warnings) as warning_count, r.user_id, u.display_name as user_name, r.started_at, r.finished_at
  from import_runs r left join users u on u.id = r.user_id`;

function toView(r: any): ImportRunView {
  return {
    id: Number(r.id), kind: r.kind, fileName: r.file_name, status: r.status, totalRows: r.total_rows, okRows: r.ok_rows,
    errorCount: r.error_count, warningCount: r.warning_count, userId: r.user_id == null ? null : Number(r.user_id),
    userName: r.user_name ?? null, startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

function filterRuns(f: SqlFilter, actor: Actor): void {
  if (isCityWide(actor) || actor.scope === 'all') return;
  f.add('(r.user_id = ? or u.region_code like any(?))', actor.id ?? 0, likePatterns(actor.scope));
}

export async function listImportRuns(db: Queryable, actor: Actor, q: { kind?: ImportKind; page?: number; pageSize?: number }) {
  const f = new SqlFilter();
  filterRuns(f, actor);
  if (q.kind) f.add('r.kind = ?', q.kind);
  const total = (await db.maybeOne<{ n: number }>(
    `select count(*)::int as n from import_runs r left join users u on u.id = r.user_id ${f.where()}`, f.values))!.n;
  const rows = await db.query(`${SELECT} ${f.where()} order by r.id desc ${pageClause(q.page, q.pageSize)}`, f.values);
  return { total, items: rows.map(toView) };
}

export async function getImportRun(db: Queryable, actor: Actor, id: number): Promise<ImportRunView & { errors: RowError[]; warnings: RowError[] }> {
  const f = new SqlFilter().add('r.id = ?', id);
  filterRuns(f, actor);
  const r = await db.maybeOne<any>(`${SELECT.replace('r.finished_at', 'r.finished_at, r.errors, r.warnings')} ${f.where()}`, f.values);
  if (!r) throw notFound('导入记录', id);
  return { ...toView(r), errors: r.errors, warnings: r.warnings };
}
