// The one database interface every module uses; PGlite and a PostgreSQL server both implement it.

export type SqlParam = unknown;

export interface Queryable {
  /** Rows of a query. */
  query<T = Record<string, any>>(sql: string, params?: SqlParam[]): Promise<T[]>;
  /** Exactly one row, or undefined. */
  maybeOne<T = Record<string, any>>(sql: string, params?: SqlParam[]): Promise<T | undefined>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DbKind = 'pglite' | 'postgres';

export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Runs fn in one transaction; rolls back if it throws. Nested calls are not supported: pass `tx` down. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Receives NOTIFY payloads on a channel; returns an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const TYPE_OIDS = { int8: 20, numeric: 1700, date: 1082 } as const;
