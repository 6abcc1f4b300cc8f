// 公众服务 over the API: phone code (SMS through the channel interface), reports anonymous and verified, the public
// timeline without personal data, 回访 by the reporter, points and redemption, EXIF check, facilities, 店招服务, limits.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { PushMessage } from '../../src/command/notifications.ts';
import { useSmsChannel } from '../../src/public/phone.ts';
import { seedTinyCity } from '../helpers/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { closeCase, seedAfterPhoto } from '../helpers/public.ts';

const POINT = { lon: 119.0002, lat: 34.0002 };

/** A JPEG whose EXIF says it was taken at lon/lat. */
async function photoTakenAt(lon: number, lat: number): Promise<Buffer> {
  const dms = (v: number) => { const d = Math.floor(v); const m = Math.floor((v - d) * 60); return `${d}/1 ${m}/1 ${Math.round(((v - d) * 60 - m) * 60 * 100)}/100`; };
  return sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: dms(lat), GPSLongitudeRef: 'E', GPSLongitude: dms(lon) } }).toBuffer();
}

describe('citizen portal (公众服务)', () => {
  let p: TestPlatform;
  const sms: PushMessage[] = [];
  let citizen: Record<string, string>;
  before(async () => {
    useSmsChannel({ name: 'test sms', send: async (m) => { sms.push(m); } });
    p = await startTestPlatform({ seed: seedTinyCity });
    await seedAfterPhoto(p);
  });
  after(async () => { useSmsChannel(undefined); await p.close(); });

  const upload = async (bytes: Buffer, name = 'a.jpg') => {
    const form = new FormData();
    form.set('file', new Blob([bytes]), name);
    const res = await p.app.inject({ method: 'POST', url: '/api/public/media', payload: form as any, headers: {} });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };

  it('verifies a phone by SMS code and opens a citizen session', async () => {
    assert.equal((await p.request({ method: 'POST', url: '/api/public/phone/code', payload: { phone: '12345' } })).status, 400);
    const sent = await p.request({ method: 'POST', url: '/api/public/phone/code', payload: { phone: '13812341234' } });
    assert.equal(sent.status, 200);
    assert.equal(sent.body.phone, '138****1234');
    const code = /验证码是 (\d{6})/.exec(sms.at(-1)!.message)![1];
    assert.equal(sms.at(-1)!.phone, '13812341234');
    const wrong = await p.request({ method: 'POST', url: '/api/public/phone/verify', payload: { phone: '13812341234', code: code === '000000' ? '111111' : '000000' } });
    assert.equal(wrong.body.code, 'CODE_WRONG');
    const ok = await p.request({ method: 'POST', url: '/api/public/phone/verify', payload: { phone: '13812341234', code } });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.user.phone, '138****1234');
    citizen = { authorization: `Bearer ${ok.body.token}` };
    const me = await p.request({ method: 'GET', url: '/api/public/me', headers: citizen });
    assert.equal(me.body.points, 0);
    const again = await p.request({ method: 'POST', url: '/api/public/phone/verify', payload: { phone: '13812341234', code } });
    assert.equal(again.body.code, 'CODE_EXPIRED', 'a code is used once');
    assert.equal((await p.request({ method: 'GET', url: '/api/cases', headers: citizen })).status, 403, 'no staff reading');
  });

  it('takes anonymous and verified reports, refuses points outside the city, flags a photo taken far away', async () => {
    const anon = await p.request({ method: 'POST', url: '/api/public/reports', payload: { category: 'garbage', ...POINT, description: '路边垃圾没人清' } });
    assert.equal(anon.status, 201, JSON.stringify(anon.body));
    const reporter = await p.db.maybeOne<any>('select r.user_id, r.name, r.phone, c.source from case_reporters r join cases c on c.id = r.case_id where c.case_no = $1', [anon.body.caseNo]);
    assert.deepEqual(reporter, { user_id: null, name: null, phone: null, source: 'public' });
    const outside = await p.request({ method: 'POST', url: '/api/public/reports', payload: { category: 'garbage', lon: 116.4, lat: 39.9, description: '北京的垃圾' } });
    assert.equal(outside.status, 400);
    assert.match(outside.body.message, /不在云河市的管辖范围内/);
    assert.equal((await p.request({ method: 'POST', url: '/api/public/reports', payload: { category: 'illegal_building', ...POINT, description: '违建' } })).body.code, 'BUILDING_STAGE_REQUIRED');

    const far = await upload(await photoTakenAt(119.05, 34.05));
    assert.equal(far.status, 201, JSON.stringify(far.body));
    assert.ok(far.body[0].exif.lat > 34.04);
    assert.equal((await upload(Buffer.from('GIF89a-not-really'), 'x.gif')).status, 400);
    const mine = await p.request({ method: 'POST', url: '/api/public/reports', headers: { ...citizen, 'idempotency-key': 'report-0001' },
      payload: { category: 'road_damage', ...POINT, description: '人行道砖松动', photos: [far.body[0].hash] } });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    assert.equal(mine.body.photoFarFromPoint, true);
    assert.ok(mine.body.exifDistanceM > 5000);
    const repeat = await p.request({ method: 'POST', url: '/api/public/reports', headers: { ...citizen, 'idempotency-key': 'report-0001' },
      payload: { category: 'road_damage', ...POINT, description: '人行道砖松动', photos: [far.body[0].hash] } });
    assert.equal(repeat.status, 200);
    assert.equal(repeat.body.caseNo, mine.body.caseNo);
    const c = await p.db.maybeOne<any>('select c.id, c.description, r.phone from cases c join case_reporters r on r.case_id = c.id where c.case_no = $1', [mine.body.caseNo]);
    assert.match(c.description, /照片拍摄位置距上报位置约 [\d.]+ 公里/);
    assert.equal(c.phone, '13812341234');
    const staff = await p.request({ method: 'GET', url: `/api/cases/${c.id}`, headers: await p.loginAs('leader1') });
    assert.equal(staff.body.reporters[0].phone, '138****1234', 'masked for roles without pii.read');
  });

  it('shows a public timeline, lets the reporter rate after closing once, and awards points', async () => {
    const caseNo = (await p.request({ method: 'GET', url: '/api/public/my/reports', headers: citizen })).body[0].caseNo;
    const open = await p.request({ method: 'GET', url: `/api/public/reports/${caseNo}` });
    assert.equal(open.body.stageName, '已提交，待受理');
    assert.equal(open.body.canRate, false);
    assert.equal((await p.request({ method: 'POST', url: `/api/public/reports/${caseNo}/rating`, headers: citizen, payload: { satisfaction: 'satisfied' } })).body.code, 'NOT_CLOSED');
    const id = Number((await p.db.maybeOne<{ id: number }>('select id from cases where case_no = $1', [caseNo]))!.id);
    await closeCase(p, id, '已重新铺装');
    const closed = await p.request({ method: 'GET', url: `/api/public/reports/${caseNo}`, headers: citizen });
    assert.equal(closed.body.status, 'closed');
    assert.equal(closed.body.canRate, true);
    assert.deepEqual(closed.body.timeline.map((e: any) => e.label),
      ['提交举报', '派发核实', '核实反馈', '受理', '立案', '派遣', '处置反馈', '派发核查', '核查通过', '结案']);
    assert.equal(closed.body.timeline.at(-1).note, '已重新铺装');
    const text = JSON.stringify(closed.body);
    for (const secret of ['13812341234', '测试', '现场属实', '已处置']) assert.equal(text.includes(secret), false, `no ${secret} in public view`);
    assert.equal((await p.request({ method: 'POST', url: `/api/public/reports/${caseNo}/rating`, payload: { satisfaction: 'satisfied' } })).status, 401);
    const other = await p.request({ method: 'GET', url: '/api/public/reports/' + caseNo });
    assert.equal(other.body.canRate, false);
    const rated = await p.request({ method: 'POST', url: `/api/public/reports/${caseNo}/rating`, headers: citizen, payload: { satisfaction: 'basically_satisfied', comment: '还行' } });
    assert.equal(rated.status, 200, JSON.stringify(rated.body));
    assert.equal(rated.body.rating, 'basically_satisfied');
    assert.equal((await p.db.maybeOne<any>('select satisfaction from cases where id = $1', [id])).satisfaction, 'basically_satisfied');
    assert.equal((await p.request({ method: 'POST', url: `/api/public/reports/${caseNo}/rating`, headers: citizen, payload: { satisfaction: 'satisfied' } })).body.code, 'ALREADY_RATED');
    const points = await p.request({ method: 'GET', url: '/api/public/points', headers: citizen });
    assert.equal(points.body.balance, 12);
    assert.deepEqual(points.body.ledger.map((l: any) => [l.reason, l.delta]).sort(), [['rating', 2], ['report_filed', 10]]);
    const redeem = await p.request({ method: 'POST', url: '/api/public/points/redeem', headers: citizen, payload: { reward: 'eco_bag' } });
    assert.equal(redeem.body.code, 'POINTS_NOT_ENOUGH');
    const bus = await p.request({ method: 'POST', url: '/api/public/points/redeem', headers: citizen, payload: { reward: 'bus_ride' } });
    assert.equal(bus.status, 409, 'a balance of 12 buys nothing costing 20');
    await p.db.query("insert into citizen_points (user_id, delta, reason) select id, 20, 'rating' from users where username = 'p13812341234'");
    const ok = await p.request({ method: 'POST', url: '/api/public/points/redeem', headers: citizen, payload: { reward: 'bus_ride' } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.balance, 12);
    assert.match(ok.body.redeemCode, /^[0-9A-F]{12}$/);
  });

  it('finds the nearest facilities with opening hours, a navigation link and a QR code page', async () => {
    const admin = await p.loginAs('admin');
    for (const [code, kind, lon] of [['WC0001', 'toilet', 119.0003], ['WC0002', 'toilet', 119.0009], ['PK0001', 'parking', 119.0001]] as const) {
      const res = await p.request({ method: 'POST', url: '/api/facilities', headers: admin,
        payload: { code, kind, name: `设施${code}`, lon, lat: 34.0002, openingHours: '00:00-24:00' } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    assert.equal((await p.request({ method: 'POST', url: '/api/facilities', headers: admin,
      payload: { code: 'WC0009', kind: 'toilet', name: 'x', lon: 119, lat: 34, openingHours: '25:00-26:00' } })).body.code, 'INVALID_OPENING_HOURS');
    const near = await p.request({ method: 'GET', url: '/api/public/facilities?kind=toilet&lon=119.0008&lat=34.0002' });
    assert.deepEqual(near.body.map((f: any) => f.code), ['WC0002', 'WC0001']);
    assert.equal(near.body[0].openNow, true);
    assert.match(near.body[0].navigationUrl, /^https:\/\/uri\.amap\.com\/navigation\?to=119\.0009,34\.0002,/);
    const qr = await p.request({ method: 'GET', url: '/api/public/facilities/WC0001/qr.svg' });
    assert.equal(qr.status, 200);
    assert.match(qr.headers['content-type'], /image\/svg\+xml/);
    assert.match(qr.body, /^<svg/);
    const fromQr = await p.request({ method: 'POST', url: '/api/public/reports', payload: { category: 'toilet', ...POINT, description: '洗手池坏了', facilityCode: 'WC0001' } });
    assert.equal(fromQr.status, 201);
  });

  it('takes a 店招服务 request through appointment and visit', async () => {
    const made = await p.request({ method: 'POST', url: '/api/public/sign-requests',
      payload: { shopName: '好味面馆', contactName: '王老板', phone: '13700001111', address: '人民路 1 号', request: '新店招的尺寸和材质有什么要求', preferredDate: '2026-11-20' } });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.phone, '137****1111');
    const officer = await p.loginAs('dispatcher1');
    assert.equal((await p.request({ method: 'POST', url: `/api/sign-requests/${made.body.id}/visit`, headers: officer, payload: { notes: '已指导' } })).status, 409);
    const sched = await p.request({ method: 'POST', url: `/api/sign-requests/${made.body.id}/schedule`, headers: officer, payload: { appointmentAt: '2026-11-20T10:00:00+08:00' } });
    assert.equal(sched.body.status, 'scheduled');
    const visit = await p.request({ method: 'POST', url: `/api/sign-requests/${made.body.id}/visit`, headers: officer, payload: { notes: '店招宽度不超过门面，已现场指导' } });
    assert.equal(visit.body.status, 'visited');
    const shop = await p.request({ method: 'GET', url: `/api/public/sign-requests/${made.body.refNo}?phone=13700001111` });
    assert.equal(shop.body.visitNotes, '店招宽度不超过门面，已现场指导');
    assert.equal((await p.request({ method: 'GET', url: `/api/public/sign-requests/${made.body.refNo}?phone=13700002222` })).status, 404);
  });

  it('limits SMS codes per phone', async () => {
    let last = 0;
    for (let i = 0; i < 6; i++) last = (await p.request({ method: 'POST', url: '/api/public/phone/code', payload: { phone: '13900009999' } })).status;
    assert.equal(last, 429);
  });

  it('checks uploads by content and size', async () => {
    const text = await upload(Buffer.from('not an image at all'), 'fake.jpg');
    assert.equal(text.status, 400, JSON.stringify(text.body));
    assert.equal((await p.db.maybeOne<{ n: number }>("select count(*)::int as n from media where content_type not like 'image/%'"))!.n, 0);
    const big = Buffer.alloc(16 * 1024 * 1024, 0);
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(big);
    const tooBig = await upload(big, 'big.jpg');
    assert.ok([400, 413].includes(tooBig.status), `${tooBig.status}`);
  });

  it('limits 店招 requests per phone as well as per IP', async () => {
    const ask = (phone: string) => p.request({ method: 'POST', url: '/api/public/sign-requests', payload: {
      shopName: '测试店', contactName: '赵', phone, address: '人民路 1 号', request: '咨询店招' } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask('13600003333')).status);
    assert.deepEqual(statuses, [201, 201, 201, 429]);
    assert.equal((await ask('13600004444')).status, 201, 'another phone from the same IP');
    assert.equal((await p.db.maybeOne<{ n: number }>("select count(*)::int as n from sign_requests where phone = '13600003333'"))!.n, 3);
  });
});
