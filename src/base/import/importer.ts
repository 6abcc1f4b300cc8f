// What each kind of import provides, and the chunked loops they share (progress reported, event loop kept free).
import type { Actor } from '../../admin/actor.ts';
import type { Queryable } from '../../db/types.ts';
import { bulkInsert } from '../../platform/bulk.ts';
import type { BaseContext, BaseWhat } from '../changes.ts';
import type { Crs } from '../spatial/coords.ts';
import type { TopologyReport } from '../spatial/topology.ts';
import type { InputRecord } from './read.ts';
import type { RowReport } from './report.ts';

export type ImportPhase = 'read' | 'validate' | 'topology' | 'write';
export type ProgressFn = (phase: ImportPhase, done: number, total: number) => void;

export interface ImportEnv {
  ctx: BaseContext;
  actor: Actor;
  report: RowReport;
  /** Coordinate system of the file's positions unless a row names its own */
  crs: Crs;
  progress: ProgressFn;
}

export interface Prepared<T> {
  rows: T[];
  topology?: TopologyReport;
}

export interface KindImporter<T> {
  /** The table written; analysed after a write so the planner sees the new rows at once */
  table: string;
  /** Announced to every node after a write (spatial caches reload) */
  changes?: BaseWhat;
  /** City-wide layers: only city-level actors may import them */
  cityWide?: boolean;
  /** Checks every record, filling the report; returns the rows to write (used only when there is no error). */
  prepare(env: ImportEnv, records: InputRecord[]): Promise<Prepared<T>>;
  /** Writes the rows inside the caller's transaction; returns how many were inserted. */
  write(tx: Queryable, rows: T[], env: ImportEnv): Promise<number>;
}

export const CHUNK = 5000;

/** Runs fn over the items, reporting progress and yielding to the event loop every CHUNK items. */
export async function eachInChunks<T>(items: readonly T[], env: ImportEnv, phase: ImportPhase,
  fn: (item: T, index: number) => void | Promise<void>): Promise<void> {
  env.progress(phase, 0, items.length);
  for (let i = 0; i < items.length; i++) {
    await fn(items[i], i);
    if ((i + 1) % CHUNK === 0) {
      env.progress(phase, i + 1, items.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  env.progress(phase, items.length, items.length);
}

/** Inserts rows in chunks of CHUNK, reporting write progress. */
export async function insertInChunks(tx: Queryable, table: string, rows: object[], env: ImportEnv): Promise<number> {
  env.progress('write', 0, rows.length);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await bulkInsert(tx, table, rows.slice(i, i + CHUNK), { chunk: CHUNK });
    env.progress('write', Math.min(i + CHUNK, rows.length), rows.length);
  }
  return rows.length;
}

/** Which of the keys already exist in a table column (queried in chunks). */
export async function existingKeys(q: Queryable, table: string, column: string, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await q.query<{ k: string }>(`select ${column} as k from ${table} where ${column} = any($1)`, [keys.slice(i, i + CHUNK)]);
    for (const r of rows) found.add(r.k);
  }
  return found;
}

/** Reports the second and later rows with the same key; returns the first row of each key. */
export class DuplicateCheck {
  private readonly first = new Map<string, number>();

  constructor(private readonly report: RowReport, private readonly field: string, private readonly code: string, private readonly label: string) {}

  /** false when the key was seen on an earlier row (and reports it). */
  add(key: string, row: number): boolean {
    const earlier = this.first.get(key);
    if (earlier !== undefined) {
      this.report.error(row, this.field, this.code, `${this.label} ${key} 与第 ${earlier} 行重复`);
      return false;
    }
    this.first.set(key, row);
    return true;
  }

  keys(): string[] {
    return [...this.first.keys()];
  }

  rowOf(key: string): number | undefined {
    return this.first.get(key);
  }
}
