// Open311 GeoReport v2 as a client uses it: over a real port with fetch, JSON and XML, errors as lists.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DEMO_SEED } from '../../src/demo/random.ts';
import { demoOpen311Key } from '../../src/exchange/open311/demo-key.ts';
import { seedTinyCity } from '../helpers/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { apiKey, closeCase, seedAfterPhoto } from '../helpers/public.ts';

const POINT = { lat: 34.0002, long: 119.0002 };
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('Open311 GeoReport v2', () => {
  let p: TestPlatform;
  let base: string;
  let key: string;
  before(async () => {
    p = await startTestPlatform({ seed: seedTinyCity });
    await seedAfterPhoto(p);
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address() as { port: number };
    base = `http://127.0.0.1:${addr.port}/open311/v2`;
    key = await apiKey(p, ['open311:write']);
  });
  after(async () => { await p.close(); });

  const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString() });

  it('derives the demo key printed in the README from the demo seed', async () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    assert.ok(readme.split('\n').includes(`Open311 api_key: ${demoOpen311Key(DEMO_SEED)}`));
  });

  it('answers discovery and the service list in both formats', async () => {
    const d = await (await fetch(`${base}/discovery.json`)).json() as any;
    assert.equal(d.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
    assert.deepEqual(d.endpoints[0].formats, ['text/xml', 'application/json']);
    const res = await fetch(`${base}/services.json`);
    assert.match(res.headers.get('content-type')!, /application\/json/);
    const services = await res.json() as any;
    const slope = services.find((s: any) => s.service_code === '06003');
    assert.deepEqual(slope, { service_code: '06003', service_name: '违章接坡', description: '市容环境类：违章接坡', metadata: true,
      type: 'realtime', keywords: '市容环境类,违章接坡', group: '市容环境类' });
    const xml = await (await fetch(`${base}/services.xml`)).text();
    assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/);
    assert.match(xml, /<service><service_code>06003<\/service_code><service_name>违章接坡<\/service_name>/);
    assert.equal((await fetch(`${base}/services.json?jurisdiction_id=`)).status, 200, 'an empty optional parameter is absent');
    const wrong = await fetch(`${base}/services.json?jurisdiction_id=110000`);
    assert.equal(wrong.status, 404);
    assert.equal((await wrong.json() as any)[0].code, 404);
  });

  it('gives service definitions with attributes', async () => {
    const def = await (await fetch(`${base}/services/06001.json`)).json() as any;
    assert.equal(def.service_code, '06001');
    assert.deepEqual(def.attributes.map((a: any) => [a.code, a.datatype, a.required]),
      [['hazard', 'singlevaluelist', false], ['building_stage', 'singlevaluelist', true], ['area_m2', 'number', false]]);
    const xml = await (await fetch(`${base}/services/06001.xml`)).text();
    assert.match(xml, /<service_definition><service_code>06001<\/service_code><attributes><attribute><variable>true<\/variable><code>hazard<\/code>/);
    assert.match(xml, /<values><value><key>in_progress<\/key><name>正在建设<\/name><\/value>/);
    const missing = await fetch(`${base}/services/99999.xml`);
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /^<\?xml[^>]*>\n<errors><error><code>404<\/code><description>服务不存在: 99999<\/description><\/error><\/errors>$/);
  });

  it('refuses a POST without a valid key (403) and with bad input (400), writing nothing', async () => {
    const noKey = await fetch(`${base}/requests.json`, form({ service_code: '06003', ...str(POINT) }));
    assert.equal(noKey.status, 403);
    assert.deepEqual(Object.keys((await noKey.json() as any)[0]), ['code', 'description']);
    const otherScope = await apiKey(p, ['base:read']);
    assert.equal((await fetch(`${base}/requests.json`, form({ api_key: otherScope, service_code: '06003', ...str(POINT) }))).status, 403);
    const noPlace = await fetch(`${base}/requests.xml`, form({ api_key: key, service_code: '06003' }));
    assert.equal(noPlace.status, 400);
    assert.match(await noPlace.text(), /<errors><error><code>400<\/code>/);
    const outside = await (await fetch(`${base}/requests.json`, form({ api_key: key, service_code: '06003', lat: '39.9', long: '116.4' }))).json() as any;
    assert.equal(outside[0].code, 400);
    assert.match(outside[0].description, /不在云河市的管辖范围内/);
    const badAttr = await fetch(`${base}/requests.json`, form({ api_key: key, service_code: '06001', ...str(POINT), 'attribute[building_stage]': 'maybe' }));
    assert.equal(badAttr.status, 400);
    const required = await fetch(`${base}/requests.json`, form({ api_key: key, service_code: '06001', ...str(POINT) }));
    assert.equal(required.status, 400);
    assert.equal((await fetch(`${base}/requests.json`, form({ api_key: key, service_code: '77777', ...str(POINT) }))).status, 404);
    assert.equal((await p.db.maybeOne<{ n: number }>('select count(*)::int as n from cases'))!.n, 0);
  });

  it('creates a request that becomes a case, finds it by id and token, and reports its status as it flows', async () => {
    const res = await fetch(`${base}/requests.json`, form({ api_key: key, service_code: '06001', ...str(POINT), description: '小区旁私搭彩钢棚',
      'attribute[building_stage]': 'in_progress', 'attribute[area_m2]': '30', first_name: '伟', last_name: '张', phone: '13800001111',
      email: '', address_string: '' }));
    assert.equal(res.status, 201);
    const [created] = await res.json() as any;
    assert.match(created.service_request_id, /^\d{4}-379902-\d{6}$/);
    const c = await p.db.maybeOne<any>('select id, source, type_code, description, stage from cases where case_no = $1', [created.service_request_id]);
    assert.equal(c.source, 'public');
    assert.equal(c.type_code, '06001');
    assert.match(c.description, /小区旁私搭彩钢棚.*【建设状态：正在建设】.*【估计面积（平方米）：30】/);
    const reporter = await p.db.maybeOne<any>('select name, phone from case_reporters where case_id = $1', [c.id]);
    assert.deepEqual(reporter, { name: '张伟', phone: '13800001111' });

    const byToken = await (await fetch(`${base}/tokens/${created.token}.json`)).json() as any;
    assert.deepEqual(byToken, [{ service_request_id: created.service_request_id, token: created.token }]);
    const one = await (await fetch(`${base}/requests/${created.service_request_id}.json`)).json() as any;
    assert.equal(one[0].status, 'open');
    assert.equal(one[0].status_notes, '已提交，待受理');
    assert.match(one[0].requested_datetime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    assert.equal(one[0].lat, POINT.lat);
    assert.equal(one[0].long, POINT.long);
    assert.equal(JSON.stringify(one).includes('13800001111'), false, 'no personal data');

    await closeCase(p, Number(c.id), '违建已拆除');
    const closed = await (await fetch(`${base}/requests/${created.service_request_id}.xml`)).text();
    assert.match(closed, /<service_requests><request><service_request_id>[-\d]+<\/service_request_id><status>closed<\/status><status_notes>已办结：违建已拆除<\/status_notes>/);
    assert.match(closed, /<agency_responsible>云河市市政工程管理处<\/agency_responsible>/);
    assert.match(closed, /<media_url>http:\/\/127\.0\.0\.1:\d+\/api\/public\/media\/b{64}<\/media_url>/);
    assert.equal((await fetch(`${base}/requests/2026-379902-999999.json`)).status, 404);
  });

  it('takes a photo by multipart upload and lists requests with filters, defaults and paging', async () => {
    const body = new FormData();
    body.set('api_key', key);
    body.set('service_code', '06003');
    body.set('lat', String(POINT.lat));
    body.set('long', String(POINT.long));
    body.set('description', '人行道违章接坡');
    body.set('media', new Blob([PNG_1PX], { type: 'image/png' }), 'photo.png');
    const res = await fetch(`${base}/requests.json`, { method: 'POST', body });
    assert.equal(res.status, 201, await res.clone().text());
    const [made] = await res.json() as any;
    const one = await (await fetch(`${base}/requests/${made.service_request_id}.json`)).json() as any;
    assert.match(one[0].media_url, /\/api\/public\/media\/[0-9a-f]{64}$/);
    const photo = await fetch(one[0].media_url);
    assert.equal(photo.status, 200);
    assert.equal(photo.headers.get('content-type'), 'image/png');
    const fake = new FormData();
    fake.set('api_key', key); fake.set('service_code', '06003'); fake.set('lat', '34.0002'); fake.set('long', '119.0002');
    fake.set('media', new Blob([Buffer.from('not an image at all')], { type: 'image/jpeg' }), 'x.jpg');
    assert.equal((await fetch(`${base}/requests.json`, { method: 'POST', body: fake })).status, 400);

    const all = await (await fetch(`${base}/requests.json?status=&service_code=`)).json() as any;
    assert.equal(all.length, 2);
    assert.deepEqual(all.map((r: any) => r.status), ['open', 'closed'], 'newest first');
    assert.equal((await (await fetch(`${base}/requests.json?status=closed`)).json() as any).length, 1);
    assert.equal((await (await fetch(`${base}/requests.json?service_code=06003`)).json() as any).length, 1);
    const ids = all.map((r: any) => r.service_request_id).join(',');
    assert.equal((await (await fetch(`${base}/requests.json?service_request_id=${ids}`)).json() as any).length, 2);
    assert.equal((await (await fetch(`${base}/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z`)).json() as any).length, 0);
    const old = await p.db.query("update cases set created_at = now() - interval '100 days' where case_no = $1 returning id", [made.service_request_id]);
    assert.equal(old.length, 1);
    assert.equal((await (await fetch(`${base}/requests.json`)).json() as any).length, 1, 'the default window is 90 days');
    const page2 = await (await fetch(`${base}/requests.json?start_date=2000-01-01T00:00:00Z&end_date=2100-01-01T00:00:00Z&page_size=1&page=2`)).json() as any;
    assert.equal(page2.length, 1);
    assert.equal((await fetch(`${base}/requests.json?start_date=yesterday`)).status, 400);
    assert.equal((await fetch(`${base}/requests.json?status=pending`)).status, 400);
    const xml = await (await fetch(`${base}/requests.xml`)).text();
    assert.match(xml, /^<\?xml[^>]*>\n<service_requests><request>/);
  });
});

function str(o: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
}
