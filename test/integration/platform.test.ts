// Jobs, timers and events shared by several app nodes; the embedded database's lock.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lockDataDir } from '../../src/db/lock.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import type { Db } from '../../src/db/types.ts';
import { EventBus } from '../../src/platform/events.ts';
import { cancelJob, JobRunner, scheduleJob } from '../../src/platform/jobs.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';

describe('jobs and events', () => {
  let t: TestDb;
  /** A second app node: its own connection pool on the same PostgreSQL database, or the same PGlite. */
  let second: Db;
  before(async () => {
    t = await openTestDb();
    second = t.url ? await openPostgres(t.url, 5) : t.db;
    await t.db.exec('create table job_effects (job_id bigint not null, node text not null)');
  });
  after(async () => {
    if (second !== t.db) await second.close();
    await t.close();
  });

  it('runs a due job once and leaves a future one waiting', async () => {
    const runner = new JobRunner(t.db, { nodeId: 'n1' });
    const seen: number[] = [];
    runner.register('test.once', async (job) => { seen.push(job.payload.n); });
    await scheduleJob(t.db, { kind: 'test.once', payload: { n: 1 } });
    await scheduleJob(t.db, { kind: 'test.once', payload: { n: 2 }, runAt: new Date(Date.now() + 3600_000) });
    assert.equal(await runner.tick(), 1);
    assert.equal(await runner.tick(), 0);
    assert.deepEqual(seen, [1]);
  });

  it('replaces a pending job with the same dedupe key, and cancels by key', async () => {
    const a = await scheduleJob(t.db, { kind: 'test.key', dedupeKey: 'case:1:deadline', runAt: new Date(Date.now() + 60_000) });
    const b = await scheduleJob(t.db, { kind: 'test.key', dedupeKey: 'case:1:deadline', runAt: new Date(Date.now() + 120_000), payload: { v: 2 } });
    assert.equal(a, b);
    const rows = await t.db.query<{ payload: any }>(`select payload from jobs where dedupe_key = 'case:1:deadline'`);
    assert.deepEqual(rows.map((r) => r.payload), [{ v: 2 }]);
    assert.equal(await cancelJob(t.db, 'case:1:deadline'), true);
    assert.equal(await cancelJob(t.db, 'case:1:deadline'), false);
  });

  it('retries a failing job with backoff and gives up after max attempts', async () => {
    const runner = new JobRunner(t.db, { nodeId: 'n1' });
    let calls = 0;
    runner.register('test.fail', async () => { calls++; throw new Error('boom'); });
    const id = await scheduleJob(t.db, { kind: 'test.fail', maxAttempts: 2 });
    await runner.tick();
    let row = await t.db.maybeOne<any>('select status, attempts, last_error, run_at > now() as later from jobs where id = $1', [id]);
    assert.deepEqual([row.status, row.attempts, row.last_error, row.later], ['pending', 1, 'boom', true]);
    await t.db.query('update jobs set run_at = now() where id = $1', [id]);
    await runner.tick();
    row = await t.db.maybeOne<any>('select status, attempts from jobs where id = $1', [id]);
    assert.deepEqual([row.status, row.attempts, calls], ['failed', 2, 2]);
  });

  it('never runs a job twice when two nodes tick at the same time', async () => {
    const N = 300;
    for (let i = 0; i < N; i++) await scheduleJob(t.db, { kind: 'test.race', payload: { i } });
    const make = (db: Db, node: string) => {
      const r = new JobRunner(db, { nodeId: node, batchSize: 7 });
      r.register('test.race', async (job, tx) => {
        await tx.query('insert into job_effects values ($1, $2)', [job.id, node]);
      });
      return r;
    };
    const a = make(t.db, 'node-a');
    const b = make(second, 'node-b');
    for (;;) {
      const [x, y] = await Promise.all([a.tick(), b.tick()]);
      if (x + y === 0) break;
    }
    const effects = await t.db.query<{ job_id: number; n: number }>(
      `select job_id, count(*)::int as n from job_effects group by job_id`);
    assert.equal(effects.length, N);
    assert.ok(effects.every((e) => e.n === 1), 'a job ran more than once');
    if (t.url) {
      const nodes = await t.db.query<{ node: string }>('select distinct node from job_effects');
      assert.equal(nodes.length, 2, 'both nodes should have taken work');
    }
  });

  it('takes over a job whose node died mid-run once its lease expires', async () => {
    const id = await scheduleJob(t.db, { kind: 'test.lease' });
    await t.db.query(`update jobs set status = 'running', locked_by = 'dead-node', locked_until = now() - interval '1 second' where id = $1`, [id]);
    const runner = new JobRunner(second, { nodeId: 'alive' });
    let ran = false;
    runner.register('test.lease', async () => { ran = true; });
    await runner.tick();
    assert.equal(ran, true);
  });

  it('delivers committed events to every node and drops rolled-back ones', async () => {
    const busA = new EventBus(t.db, 'node-a');
    const busB = new EventBus(second, 'node-b');
    await busA.start();
    if (second !== t.db) await busB.start();
    const gotA: any[] = [];
    const gotB: any[] = [];
    busA.subscribe('queue.changed', (e) => gotA.push(e.data));
    (second !== t.db ? busB : busA).subscribe('queue.changed', (e) => gotB.push(e.data));
    await t.db.transaction(async (tx) => { await busA.publish(tx, 'queue.changed', { n: 1 }); });
    await t.db.transaction(async (tx) => {
      await busA.publish(tx, 'queue.changed', { n: 2 });
      throw new Error('rollback');
    }).catch(() => undefined);
    await busB.publish(second, 'queue.changed', { n: 3 });
    const deadline = Date.now() + 3000;
    while ((gotA.length < 2 || gotB.length < 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(gotA, [{ n: 1 }, { n: 3 }]);
    assert.deepEqual(gotB, [{ n: 1 }, { n: 3 }]);
    await busA.close();
    await busB.close();
  });
});

describe('embedded database lock', () => {
  it('gives a second process a clear error instead of sharing the data folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityops-lock-'));
    const holder = spawn(process.execPath, ['--import', 'tsx', '-e', `
      const { lockDataDir } = await import(${JSON.stringify(path.resolve('src/db/lock.ts'))});
      lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setTimeout(() => {}, 30000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.on('data', (d) => { if (String(d).includes('locked')) resolve(); }));
    try {
      assert.throws(() => lockDataDir(dir), (err: any) => err.code === 'DATA_DIR_LOCKED' && /正被进程/.test(err.message));
    } finally {
      holder.kill();
      await new Promise((r) => holder.on('exit', r));
    }
    // The holder died without releasing: its stale lock is taken over.
    const lock = lockDataDir(dir);
    lock.release();
    assert.equal(fs.existsSync(path.join(dir, 'cityops.lock')), false);
  });
});
