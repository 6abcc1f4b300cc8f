// Test databases without initdb per test: PGlite loads a migrated snapshot made once per schema version
// (cached in the OS temp folder); with CITYOPS_TEST_DATABASE_URL each call gets a fresh throwaway database
// on that PostgreSQL server, cloned from a migrated template.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { listMigrations } from '../../src/db/migrate.ts';
import { prepareDatabase } from '../../src/platform/prepare.ts';
import { COUNT_RULES } from '../../src/command/rules/outcome.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import type { Db } from '../../src/db/types.ts';

const STANDARDS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../standards');
// The snapshot changes whenever the schema or the seeded reference data does.
const schemaHash = crypto.createHash('sha256')
  .update(listMigrations().map((m) => m.sql).join('\n'))
  .update(fs.readdirSync(STANDARDS).sort().map((f) => fs.readFileSync(path.join(STANDARDS, f))).join('\n'))
  .update(JSON.stringify(COUNT_RULES))
  .digest('hex').slice(0, 12);

export const TEST_PG_URL = process.env.CITYOPS_TEST_DATABASE_URL;
/** Every database the tests create on the server starts with this, so CI can drop them all afterwards. */
const PREFIX = process.env.CITYOPS_TEST_DB_PREFIX || 'cityops_test';

async function pgliteSnapshot(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `cityops-pglite-${schemaHash}.tar`);
  if (!fs.existsSync(file)) {
    const db = await openPglite({});
    await prepareDatabase(db);
    const dump = await db.pglite.dumpDataDir('none');
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file); // atomic, so parallel test files never read half a snapshot
    await db.close();
  }
  return new Blob([fs.readFileSync(file)]);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function pgTemplate(admin: pg.Client): Promise<string> {
  const name = `${PREFIX}_tpl_${schemaHash}`;
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount) return name;
  const building = `${name}_${process.pid}`;
  await admin.query(`create database ${building}`);
  const db = await openPostgres(withDatabase(TEST_PG_URL!, building), 2);
  await prepareDatabase(db);
  await db.close();
  try {
    await admin.query(`alter database ${building} rename to ${name}`);
  } catch {
    await admin.query(`drop database if exists ${building}`); // another test file won the race
  }
  return name;
}

export interface TestDb {
  db: Db;
  /** Connection URL when on a PostgreSQL server (for a second node in multi-node tests). */
  url?: string;
  close(): Promise<void>;
}

/** A migrated, empty database for one test file. */
export async function openTestDb(): Promise<TestDb> {
  if (!TEST_PG_URL) {
    const db = await openPglite({ loadDataDir: await pgliteSnapshot() });
    return { db, close: () => db.close() };
  }
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  const template = await pgTemplate(admin);
  const name = `${PREFIX}_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      break;
    } catch (err: any) {
      // "source database is being accessed by other users": another file is cloning the template right now
      if (err.code !== '55006' || attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = withDatabase(TEST_PG_URL, name);
  const db = await openPostgres(url, 5);
  return {
    db, url,
    async close() {
      await db.close();
      const a = new pg.Client({ connectionString: TEST_PG_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
