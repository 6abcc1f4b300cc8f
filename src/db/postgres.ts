// A PostgreSQL server through node-postgres: a pool for queries and one dedicated client for LISTEN.
import pg from 'pg';
import type { Db, Queryable, SqlParam } from './types.ts';
import { TYPE_OIDS } from './types.ts';

const typeParsers = {
  getTypeParser(oid: number, format?: any) {
    if (oid === TYPE_OIDS.int8 || oid === TYPE_OIDS.numeric) return (v: string) => (v === null ? null : Number(v));
    if (oid === TYPE_OIDS.date) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

function wrap(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: SqlParam[]) {
      return (await q.query({ text: sql, values: params as any[], types: typeParsers as any })).rows as T[];
    },
    async maybeOne<T>(sql: string, params?: SqlParam[]) {
      return (await q.query({ text: sql, values: params as any[], types: typeParsers as any })).rows[0] as T | undefined;
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Db & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => { /* an idle client died; the pool replaces it */ });
  await pool.query('select 1');
  const base = wrap(pool);
  let listener: pg.Client | undefined;
  const handlers = new Map<string, Set<(payload: string) => void>>();

  async function listenerClient(): Promise<pg.Client> {
    if (listener) return listener;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    client.on('notification', (msg) => {
      for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
    });
    client.on('error', () => { /* reported through closed connection; events resume on reconnect */ });
    listener = client;
    return client;
  }

  return {
    kind: 'postgres',
    pool,
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      const client = await listenerClient();
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      }
      set.add(onPayload);
      return async () => {
        set!.delete(onPayload);
      };
    },
    async close() {
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
