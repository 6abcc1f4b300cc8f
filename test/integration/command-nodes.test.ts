// Two app nodes on one database: each case timer fires exactly once, and case events reach both nodes.
// On PostgreSQL the second node has its own connection pool; on PGlite both share the one database.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import type { Db } from '../../src/db/types.ts';
import { createPlatform, type Platform } from '../../src/platform/runtime.ts';
import { startCaseDriver, type CaseDriver } from '../helpers/command.ts';

describe('case loop on two nodes', () => {
  let d: CaseDriver;
  let secondDb: Db;
  let nodeB: Platform;
  before(async () => {
    d = await startCaseDriver();
    secondDb = d.p.testDb.url ? await openPostgres(d.p.testDb.url, 5) : d.p.db;
    nodeB = await createPlatform(loadConfig({ logLevel: 'silent', demoOnEmpty: false, nodeId: 'node-b' }), secondDb, { runJobs: false });
  });
  after(async () => {
    await nodeB.stop();
    if (secondDb !== d.p.db) await secondDb.close();
    await d.p.close();
  });

  it('streams a case reported on node A to a browser connected to node B, and not to another department', async () => {
    await nodeB.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (nodeB.app.server.address() as AddressInfo).port;
    const open = (user: string) => new Promise<{ chunks: string[]; close(): void }>((resolve, reject) => {
      const chunks: string[] = [];
      const req = http.get({ host: '127.0.0.1', port, path: '/api/cases/stream', headers: d.headers[user] }, (res) => {
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers['content-type']), /text\/event-stream/);
        res.setEncoding('utf8');
        res.on('data', (c: string) => chunks.push(c));
        res.once('data', () => resolve({ chunks, close: () => req.destroy() }));
      });
      req.on('error', (err) => { if (!(err as any).code?.includes('RESET')) reject(err); });
    });
    const acceptor = await open('acceptor1');
    const otherDept = await open('handler2');
    const id = (await d.report('collector1')).body.id;
    for (let i = 0; i < 50 && !acceptor.chunks.join('').includes(`"id":${id}`); i++) await new Promise((r) => setTimeout(r, 20));
    assert.match(acceptor.chunks.join(''), new RegExp(`event: case\\ndata: \\{"id":${id},"stage":"reported","action":"report"\\}`));
    assert.equal(otherDept.chunks.join('').includes('event: case'), false);
    acceptor.close();
    otherDept.close();
  });

  it('fires every red 处置 timer once when both nodes tick together, and both nodes hear the changes', async () => {
    const heardB: number[] = [];
    nodeB.ctx.events.subscribe('case.changed', (e) => heardB.push((e.data as { id: number }).id));
    const dept = await d.departmentId('云河市市政工程管理处');
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const id = (await d.report('collector1')).body.id as number;
      for (const [user, action, body] of [['acceptor1', 'accept', {}], ['shift1', 'file', {}],
        ['dispatcher1', 'dispatch', { leadDepartmentId: dept }]] as const) {
        assert.equal((await d.act(user, id, action, body)).status, 200);
      }
      ids.push(id);
    }
    await d.p.db.query("update jobs set run_at = now() where dedupe_key = any($1)", [ids.map((id) => `case:${id}:handle:red`)]);
    for (let round = 0; round < 3; round++) await Promise.all([d.p.ctx.jobs.tick(), nodeB.ctx.jobs.tick()]);
    for (const id of ids) {
      const c = await d.get('admin', id);
      assert.equal(c.overdue, true);
      assert.equal(c.timeline.filter((e: any) => e.action === 'overdue').length, 1, `case ${id}`);
      assert.equal(c.timeline.filter((e: any) => e.action === 'supervise').length, 1, `case ${id}`);
      assert.equal(c.supervisedCount, 1);
    }
    const runs = await d.p.db.query<{ attempts: number }>("select attempts from jobs where dedupe_key = any($1)",
      [ids.flatMap((id) => [`case:${id}:handle:red`, `case:${id}:supervise`])]);
    assert.equal(runs.length, 12);
    assert.ok(runs.every((r) => Number(r.attempts) === 1));
    await new Promise((r) => setTimeout(r, 200));
    for (const id of ids) assert.ok(heardB.includes(id), `node B heard case ${id}`);
  });
});
