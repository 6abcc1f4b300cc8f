// Versioned SQL migrations: src/db/migrations/NNN_name.sql, applied in order, once, on both databases.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_LOCK_KEY = 4747678; // advisory lock so two nodes starting together don't both migrate

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.slice(4, -4),
      sql: fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8'),
    }));
}

export async function schemaVersion(db: Db): Promise<number> {
  const row = await db.maybeOne<{ v: number | null }>(
    `select max(version) as v from schema_migrations`,
  ).catch(() => undefined);
  return row?.v ?? 0;
}

/** Applies pending migrations; returns the ones applied. */
export async function migrate(db: Db, onApplied?: (m: Migration) => void): Promise<Migration[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now())`);
    const done = new Set((await tx.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version));
    const applied: Migration[] = [];
    for (const m of listMigrations()) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations(version, name) values ($1, $2)', [m.version, m.name]);
      applied.push(m);
      onApplied?.(m);
    }
    return applied;
  });
}
