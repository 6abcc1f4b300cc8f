// AI video events: cameras, per-class threshold, merging repeats, automatic cases and the review queue.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PHOTO } from '../helpers/command.ts';
import { startMonitorEnv, POINT, type MonitorEnv } from '../helpers/monitor.ts';

describe('monitor AI video events', () => {
  let env: MonitorEnv;
  before(async () => {
    env = await startMonitorEnv();
    const cam = await env.p.request({ method: 'POST', url: '/api/monitor/cameras', headers: env.admin,
      payload: { code: 'CAM-0001', name: '人民路口东', position: POINT } });
    assert.equal(cam.status, 201);
    assert.equal(cam.body.gridCode, '379902001001001');
  });
  after(async () => { await env?.p.close(); });

  const detect = (payload: object, headers = env.ingestKey) =>
    env.p.request({ method: 'POST', url: '/api/monitor/video-events', headers, payload: { camera: 'CAM-0001', ...payload } });

  it('refuses unknown cameras and classes, bad snapshots and callers without the ingest scope', async () => {
    assert.equal((await detect({ camera: 'CAM-9', class: 'street_vending', confidence: 0.9 })).status, 404);
    assert.equal((await detect({ class: 'ufo', confidence: 0.9 })).body.code, 'UNKNOWN_CLASS');
    assert.equal((await detect({ class: 'street_vending', confidence: 1.5 })).status, 400);
    assert.equal((await detect({ class: 'street_vending', confidence: 0.9, snapshot: 'c'.repeat(64) })).body.code, 'UNKNOWN_MEDIA');
    assert.equal((await detect({ class: 'street_vending', confidence: 0.9 }, env.admin)).status, 403);
    assert.equal((await env.p.db.maybeOne<{ n: number }>('select count(*)::int as n from monitor_video_events'))!.n, 0);
  });

  it('ignores detections below the class threshold', async () => {
    const res = await detect({ class: 'street_vending', confidence: 0.5 });
    assert.deepEqual(res.body, { status: 'ignored', reason: 'low_confidence' });
  });

  it('queues review classes, merges repeats within the window, and a reviewer turns one into a case', async () => {
    const t = Date.now() - 600_000;
    const first = await detect({ class: 'street_vending', confidence: 0.82, detectedAt: new Date(t).toISOString(), snapshot: PHOTO });
    assert.equal(first.status, 201);
    assert.equal(first.body.status, 'pending_review');
    const repeat = await detect({ class: 'street_vending', confidence: 0.9, detectedAt: t + 60_000 });
    assert.deepEqual(repeat.body, { status: 'merged', eventId: first.body.eventId });
    const queue = await env.p.request({ method: 'GET', url: '/api/monitor/video-events?status=pending_review', headers: env.admin });
    assert.equal(queue.body.total, 1);
    assert.equal(queue.body.items[0].repeats, 1);
    assert.equal(queue.body.items[0].confidence, 0.9);
    const approve = await env.p.request({ method: 'POST', url: `/api/monitor/video-events/${first.body.eventId}/approve`,
      headers: await env.p.loginAs('dispatcher1'), payload: { note: '确认占道' } });
    assert.equal(approve.status, 200);
    assert.equal(approve.body.status, 'case_created');
    const c = await env.p.db.maybeOne('select * from cases where id = $1', [approve.body.caseId]);
    assert.equal(c!.source, 'video_ai');
    assert.equal(c!.type_code, '09006');
    const photos = await env.p.db.query('select hash, phase from case_media where case_id = $1', [c!.id]);
    assert.deepEqual(photos.map((r) => ({ ...r })), [{ hash: PHOTO, phase: 'before' }]);
    assert.equal((await env.p.request({ method: 'POST', url: `/api/monitor/video-events/${first.body.eventId}/approve`, headers: env.admin })).status, 409);
  });

  it('creates cases at once for automatic classes, with an uploaded snapshot', async () => {
    const jpeg = await import('sharp').then(({ default: sharp }) =>
      sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).jpeg().toBuffer());
    const res = await detect({ class: 'garbage_overflow', confidence: 0.91, snapshotBase64: jpeg.toString('base64') });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'case_created');
    const c = await env.p.db.maybeOne('select type_code, source from cases where id = $1', [res.body.caseId]);
    assert.deepEqual({ ...c }, { type_code: '06042', source: 'video_ai' });
    const ev = await env.p.db.maybeOne('select snapshot from monitor_video_events where id = $1', [res.body.eventId]);
    assert.ok(await env.p.db.maybeOne('select 1 from media where hash = $1', [ev!.snapshot]));
  });

  it('lets administrators tune a class and reviewers reject events', async () => {
    const put = await env.p.request({ method: 'PUT', url: '/api/monitor/video-classes/parking_motor', headers: env.admin, payload: {
      name: '机动车乱停放', matterCode: '09009', minConfidence: 0.5, mergeSeconds: 0, mode: 'review', enabled: true } });
    assert.equal(put.status, 200);
    const a = await detect({ class: 'parking_motor', confidence: 0.55 });
    assert.equal(a.body.status, 'pending_review');
    const rejected = await env.p.request({ method: 'POST', url: `/api/monitor/video-events/${a.body.eventId}/reject`, headers: env.admin,
      payload: { note: '临时停靠' } });
    assert.equal(rejected.body.status, 'rejected');
    const bad = await env.p.request({ method: 'PUT', url: '/api/monitor/video-classes/parking_motor', headers: env.admin, payload: {
      name: '机动车乱停放', matterCode: '99999', minConfidence: 0.5, mergeSeconds: 0, mode: 'review', enabled: true } });
    assert.equal(bad.body.code, 'UNKNOWN_TYPE');
  });
});
