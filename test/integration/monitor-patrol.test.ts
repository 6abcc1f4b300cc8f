// 无人机/车载巡查 import: batches and files (CSV, XLSX, GeoJSON) through the AI video classes — threshold, merge by
// distance + class + window, automatic case (source 无人机/车巡) or review — refused whole when a row is bad.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { PHOTO } from '../helpers/command.ts';
import { startMonitorEnv, POINT, type MonitorEnv } from '../helpers/monitor.ts';

function multipart(fileName: string, content: string | Buffer) {
  const boundary = `----cityops${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A point `metres` east of POINT. */
const east = (metres: number) => ({ lon: POINT.lon + metres / (111_320 * Math.cos(POINT.lat * Math.PI / 180)), lat: POINT.lat });

describe('monitor patrol import (drone / vehicle)', () => {
  let env: MonitorEnv;
  before(async () => { env = await startMonitorEnv(); });
  after(async () => { await env?.p.close(); });

  const send = (payload: object, headers = env.ingestKey) =>
    env.p.request({ method: 'POST', url: '/api/monitor/patrol-detections', headers, payload });
  const events = async () => (await env.p.request({ method: 'GET', url: '/api/monitor/video-events?source=drone&pageSize=100', headers: env.admin })).body;

  it('needs an ingest key or monitor.manage, and refuses the whole batch when one detection is bad', async () => {
    const ok = { position: POINT, class: 'exposed_garbage', confidence: 0.9 };
    assert.equal((await send({ source: 'drone', patrolId: 'UAV-1', detections: [ok] }, await env.p.loginAs('inspector1'))).status, 403);
    const res = await send({ source: 'drone', patrolId: 'UAV-1', detections: [ok, { ...ok, class: 'ufo' }, { ...ok, position: { lon: 10, lat: 10 } },
      { ...ok, snapshot: 'c'.repeat(64) }] });
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'PATROL_REFUSED');
    assert.deepEqual(res.body.details.problems.map((p: any) => [p.row, p.code]).slice(0, 2), [[2, 'UNKNOWN_CLASS'], [3, res.body.details.problems[1].code]]);
    assert.equal(res.body.details.problems.length, 3);
    assert.equal(res.body.details.problems[2].code, 'UNKNOWN_MEDIA');
    assert.equal((await env.p.db.maybeOne<{ n: number }>('select count(*)::int as n from monitor_video_events'))!.n, 0);
    assert.equal((await send({ source: 'boat', patrolId: 'X', detections: [ok] })).status, 400);
  });

  it('merges by class within the distance and window, opens cases for auto classes with the patrol as source', async () => {
    const t = Date.now() - 600_000;
    const res = await send({ source: 'drone', patrolId: 'UAV-2026-001', detections: [
      { position: POINT, class: 'exposed_garbage', confidence: 0.91, detectedAt: t, snapshot: PHOTO },
      { position: east(12), class: 'exposed_garbage', confidence: 0.88, detectedAt: t + 20_000 },        // same pile, 12 m away: merged
      { position: east(80), class: 'exposed_garbage', confidence: 0.86, detectedAt: t + 40_000 },        // 80 m away: a new event
      { position: east(5), class: 'street_vending', confidence: 0.8, detectedAt: t + 60_000 },          // review class
      { position: east(20), class: 'street_vending', confidence: 0.5, detectedAt: t + 80_000 },          // below 0.7
    ] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.counts, { ignored: 1, merged: 1, pending_review: 1, case_created: 2 });
    assert.deepEqual(res.body.results.map((r: any) => r.status), ['case_created', 'merged', 'case_created', 'pending_review', 'ignored']);
    assert.equal(res.body.results[1].eventId, res.body.results[0].eventId);

    const list = await events();
    assert.equal(list.total, 3);
    const first = list.items.find((e: any) => e.id === res.body.results[0].eventId);
    assert.equal(first.repeats, 1);
    assert.equal(first.source, 'drone');
    assert.equal(first.patrolId, 'UAV-2026-001');
    assert.equal(first.cameraId, null);
    assert.equal(first.gridCode, '379902001001001');
    const c = await env.p.db.maybeOne('select source, description, type_code from cases where id = $1', [res.body.results[0].caseId]);
    assert.equal(c!.source, 'patrol');
    assert.equal(c!.type_code, '06010');
    assert.match(c!.description, /无人机巡查识别：暴露垃圾.*UAV-2026-001/);

    // a vehicle patrol passing later within the window merges into the drone's event too
    const again = await send({ source: 'vehicle', patrolId: 'CAR-7', detections: [{ position: east(3), class: 'exposed_garbage', confidence: 0.8, detectedAt: t + 300_000 }] });
    assert.deepEqual(again.body.results[0], { row: 1, status: 'merged', eventId: res.body.results[0].eventId });
    // the review queue takes patrol events like camera events
    const pending = res.body.results[3].eventId;
    const approved = await env.p.request({ method: 'POST', url: `/api/monitor/video-events/${pending}/approve`, headers: env.admin, payload: {} });
    assert.equal(approved.body.status, 'case_created');
  });

  it('imports CSV, XLSX and GeoJSON files (dry run writes nothing)', async () => {
    const before = (await env.p.db.maybeOne<{ n: number }>('select count(*)::int as n from monitor_video_events'))!.n;
    const far = east(140);
    const csv = `lon,lat,class,confidence,detected_at\n${far.lon},${far.lat},road_spill,0.9,2026-11-01 09:00:00\n${far.lon},${far.lat},road_spill,0.92,2026-11-01 09:05:00\n`;
    const upload = (file: string, content: string | Buffer, query: string) => {
      const body = multipart(file, content);
      return env.p.request({ method: 'POST', url: `/api/monitor/patrol-detections/import?${query}`, headers: { ...env.admin, ...body.headers }, payload: body.payload });
    };
    const dry = await upload('patrol.csv', csv, 'source=vehicle&patrolId=CAR-8&dryRun=true');
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.equal(dry.body.checked, 2);
    assert.equal((await env.p.db.maybeOne<{ n: number }>('select count(*)::int as n from monitor_video_events'))!.n, before);

    const fromCsv = await upload('patrol.csv', csv, 'source=vehicle&patrolId=CAR-8');
    assert.deepEqual(fromCsv.body.counts, { ignored: 0, merged: 1, pending_review: 0, case_created: 1 });
    const ev = await env.p.db.maybeOne('select detected_at, last_at, source, patrol_id from monitor_video_events where id = $1', [fromCsv.body.results[0].eventId]);
    assert.equal(new Date(ev!.detected_at).toISOString(), '2026-11-01T01:00:00.000Z');   // China time
    assert.equal(ev!.source, 'vehicle');

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('巡查');
    const other = east(100);
    ws.addRow(['经度', '纬度', '类别', '置信度', '识别时间']);
    ws.addRow([other.lon, other.lat, 'garbage_overflow', 0.95, '2026-11-01T10:00:00+08:00']);
    ws.addRow([other.lon, other.lat, 'nope', 0.95, '2026-11-01T10:00:00+08:00']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const refused = await upload('patrol.xlsx', xlsx, 'source=drone&patrolId=UAV-9');
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.details.problems.map((p: any) => p.row), [2]);
    ws.spliceRows(3, 1);
    const fromXlsx = await upload('patrol.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), 'source=drone&patrolId=UAV-9');
    assert.deepEqual(fromXlsx.body.counts, { ignored: 0, merged: 0, pending_review: 0, case_created: 1 });

    const geo = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [east(60).lon, east(60).lat] },
      properties: { class: 'clutter', confidence: 0.8, detected_at: '2026-11-01T11:00:00+08:00', patrol_id: 'UAV-10' } }] });
    const fromGeo = await upload('patrol.geojson', geo, 'source=drone&patrolId=UAV-DEFAULT');
    assert.deepEqual(fromGeo.body.counts, { ignored: 0, merged: 0, pending_review: 1, case_created: 0 });
    const g = await env.p.db.maybeOne('select patrol_id from monitor_video_events where id = $1', [fromGeo.body.results[0].eventId]);
    assert.equal(g!.patrol_id, 'UAV-10');
    assert.equal((await upload('patrol.txt', 'x', 'source=drone&patrolId=UAV-9')).body.code, 'UNSUPPORTED_FORMAT');
  });
});
