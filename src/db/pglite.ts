// Embedded PostgreSQL (PGlite, WebAssembly) in one process, file-backed.
import { PGlite, types } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, SqlParam } from './types.ts';
import { TYPE_OIDS } from './types.ts';

const parsers = {
  [TYPE_OIDS.int8]: (v: string) => Number(v),
  [TYPE_OIDS.numeric]: (v: string) => Number(v),
  [TYPE_OIDS.date]: (v: string) => v,
};

function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params?: SqlParam[]) {
      return (await q.query<T>(sql, params as any[])).rows;
    },
    async maybeOne<T>(sql: string, params?: SqlParam[]) {
      return (await q.query<T>(sql, params as any[])).rows[0];
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Db & { pglite: PGlite }> {
  const pg = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers,
    relaxedDurability: false,
    // Keep the write-ahead log small: bulk loads (demo history, imports) otherwise leave ~1.4 GB of WAL beside the data.
    postgresqlconf: ['max_wal_size = 256MB', 'min_wal_size = 64MB'],
  });
  void types;
  const base = wrap(pg);
  return {
    kind: 'pglite',
    pglite: pg,
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async listen(channel, onPayload) {
      const stop = await pg.listen(channel, onPayload);
      return async () => stop();
    },
    close: () => pg.close(),
  };
}
