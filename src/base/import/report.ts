// The per-row report of an import: errors refuse the whole file, warnings do not.
import type { RowError } from '../../platform/errors.ts';
import type { TopologyReport } from '../spatial/topology.ts';

export const IMPORT_KINDS = ['divisions', 'grids', 'components', 'roads', 'landmarks'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const KIND_NAMES: Record<ImportKind, string> = {
  divisions: '行政区划', grids: '单元网格', components: '部件', roads: '道路', landmarks: '地标',
};

/** At most this many errors and warnings each are kept in the report; the counts cover all of them. */
export const MAX_REPORTED = 10_000;

export type ImportStatus = 'done' | 'refused' | 'failed' | 'valid';

export interface ImportReport {
  runId: number | null;
  kind: ImportKind;
  fileName: string;
  dryRun: boolean;
  /** done: written; refused: bad rows, nothing written; failed: the write itself failed; valid: dry run without errors */
  status: ImportStatus;
  totalRows: number;
  okRows: number;
  inserted: number;
  errorCount: number;
  warningCount: number;
  errors: RowError[];
  warnings: RowError[];
  topology?: TopologyReport;
}

export class RowReport {
  readonly errors: RowError[] = [];
  readonly warnings: RowError[] = [];
  errorCount = 0;
  warningCount = 0;
  private readonly badRows = new Set<number>();

  error(row: number, field: string | undefined, code: string, message: string): void {
    this.errorCount++;
    if (row > 0) this.badRows.add(row);
    if (this.errors.length < MAX_REPORTED) this.errors.push({ row, ...(field ? { field } : {}), code, message });
  }

  warn(row: number, field: string | undefined, code: string, message: string): void {
    this.warningCount++;
    if (this.warnings.length < MAX_REPORTED) this.warnings.push({ row, ...(field ? { field } : {}), code, message });
  }

  isBad(row: number): boolean {
    return this.badRows.has(row);
  }

  /** Rows without an error of their own (file-level errors use row 0). */
  okRows(total: number): number {
    return total - this.badRows.size;
  }

  sorted(): { errors: RowError[]; warnings: RowError[] } {
    const order = (a: RowError, b: RowError) => a.row - b.row;
    return { errors: [...this.errors].sort(order), warnings: [...this.warnings].sort(order) };
  }
}
