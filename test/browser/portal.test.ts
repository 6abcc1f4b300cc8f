// 城市啄木鸟 (the citizen portal at /p/) on a phone-sized Chromium (390×844, touch, GPS inside grid 379902001001001),
// with no login: a citizen verifies a phone by SMS code, reports a problem with a camera photo (shrunk to ≤ 1600 px),
// gets a case number and follows it (public timeline — no phone, no staff names); staff close the case through the
// API and the citizen rates it on the tracking page (stored as the case's 回访 and +2 points). An anonymous report
// keeps no reporter data; a facility's QR page prefills "report a problem here".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import type { PushMessage } from '../../src/command/notifications.ts';
import { useSmsChannel } from '../../src/public/phone.ts';
import { DEMO_PASSWORD, type TestPlatform } from '../helpers/platform.ts';
import { closeCase, seedAfterPhoto } from '../helpers/public.ts';
import { screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

const POINT = { lon: 119.0002, lat: 34.0002 };
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
  geolocation: { longitude: POINT.lon, latitude: POINT.lat, accuracy: 8 }, permissions: ['geolocation'],
};
const CITIZEN_PHONE = '13900001111';
const STAFF = ['acceptor1', 'collector1', 'shift1', 'dispatcher1', 'handler1'];

async function photo(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="2000"><rect width="3000" height="2000" fill="#5b8c5a"/>
    <circle cx="1500" cy="1000" r="600" fill="#fff"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

describe('城市啄木鸟 citizen portal', () => {
  let env: BrowserEnv;
  const sms: PushMessage[] = [];
  let verifiedCaseNo = '';

  /** The staff side through the API, in the shape the public-channel helpers drive (request, loginAs, db). */
  const staff = () => {
    const request: TestPlatform['request'] = async (opts) => {
      const res = await env.platform.app.inject(opts);
      return { status: res.statusCode, body: res.json(), headers: res.headers as Record<string, any> };
    };
    const loginAs = async (username: string) =>
      ({ authorization: `Bearer ${(await request({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } })).body.token}` });
    return { request, loginAs, db: env.platform.ctx.db } as unknown as TestPlatform;
  };
  const db = () => env.platform.ctx.db;

  const reportForm = async (page: Page) => {
    await page.getByTestId('pt-position').filter({ hasText: '119.00020' }).waitFor();
  };

  before(async () => {
    useSmsChannel({ name: 'test sms', send: async (m) => { sms.push(m); } });
    env = await startBrowserEnv();
    await seedAfterPhoto(staff());
    const admin = await staff().loginAs('admin');
    for (const [code, kind, name, lon] of [['WC0001', 'toilet', '人民广场公厕', 119.0004], ['WC0002', 'toilet', '河滨公园公厕', 119.003],
      ['PK0001', 'parking', '人民广场停车场', 119.0001]] as const) {
      const res = await staff().request({ method: 'POST', url: '/api/facilities', headers: admin,
        payload: { code, kind, name, lon, lat: POINT.lat, address: `云河市中心区${name}`, openingHours: '00:00-24:00' } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  });
  after(async () => {
    useSmsChannel(undefined);
    await env?.close();
  });

  it('a citizen verifies a phone, reports with a photo, tracks the case and rates it after 结案', async () => {
    const page = await env.newPage(PHONE);
    await page.goto(`${env.baseUrl}/p/`);
    await page.getByTestId('pt-home-report').waitFor();
    assert.equal(new URL(page.url()).pathname, '/p/', 'no login page');
    await screenshot(page, 'portal-home');
    await page.getByTestId('pt-home-report').click();
    await reportForm(page);

    await page.getByTestId('pt-photo-file').setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await page.getByTestId('pt-photo-preview').waitFor();
    await page.getByTestId('pt-cat-garbage').click();
    await page.getByTestId('pt-description').fill('小区门口垃圾堆放三天没人清运');
    await page.getByTestId('pt-phone').fill(CITIZEN_PHONE);
    await page.getByTestId('pt-send-code').click();
    await page.getByText('验证码已发送至 139****1111').waitFor();
    const code = /验证码是 (\d{6})/.exec(sms.filter((m) => m.phone === CITIZEN_PHONE).at(-1)!.message)![1];
    await page.getByTestId('pt-code').fill(code);
    await page.getByTestId('pt-verify-submit').click();
    await page.getByTestId('pt-verified').waitFor();
    await screenshot(page, 'portal-report-form');
    await page.getByTestId('pt-map').scrollIntoViewIfNeeded();
    await screenshot(page, 'portal-report-top');
    await page.getByTestId('pt-submit').click();
    const filed = await page.getByTestId('pt-filed').innerText();
    verifiedCaseNo = /(\d{4}-\d{6}-\d{6,})/.exec(filed)![1];
    await screenshot(page, 'portal-report-filed');

    const stored = await db().maybeOne<any>(
      `select c.id, c.source, r.phone, r.user_id, m.width, m.height, m.content_type from cases c join case_reporters r on r.case_id = c.id
       join case_media cm on cm.case_id = c.id join media m on m.hash = cm.hash where c.case_no = $1`, [verifiedCaseNo]);
    assert.equal(stored.phone, CITIZEN_PHONE);
    assert.ok(stored.user_id, 'the verified citizen is the reporter');
    assert.equal(stored.content_type, 'image/jpeg');
    assert.deepEqual([stored.width, stored.height], [1600, 1067], 'the photo was shrunk in the browser to ≤ 1600 px');

    await page.getByTestId('pt-view-progress').click();
    await page.getByTestId('pt-timeline').waitFor();
    assert.match(await page.getByTestId('pt-stage').innerText(), /已提交，待受理/);
    await closeCase(staff(), Number(stored.id), '垃圾已清运，周边已冲洗');

    await page.reload();
    await page.getByTestId('pt-rating').waitFor();
    assert.match(await page.getByTestId('pt-stage').innerText(), /已办结/);
    const text = await page.locator('body').innerText();
    assert.match(text, /结案/);
    assert.match(text, /垃圾已清运，周边已冲洗/, 'the closing note is for the reporter');
    for (const secret of [CITIZEN_PHONE, '139****1111', ...STAFF.map((u) => `测试${u}`), '现场属实', '已处置', '现场已整改']) {
      assert.equal(text.includes(secret), false, `no ${secret} on the public page`);
    }
    await screenshot(page, 'portal-track-closed');

    await page.getByTestId('pt-rating').getByText('基本满意').click();
    await page.getByLabel('意见建议（选填）').fill('处理及时');
    await page.getByTestId('pt-rate-submit').click();
    await page.getByTestId('pt-rated').filter({ hasText: '基本满意' }).waitFor();
    assert.equal(await page.getByTestId('pt-rating').count(), 0, 'rated once');
    await screenshot(page, 'portal-track-rated');
    const rated = await db().maybeOne<any>(
      `select c.satisfaction, e.opinion from cases c join case_events e on e.case_id = c.id and e.action = 'revisit' where c.case_no = $1`, [verifiedCaseNo]);
    assert.deepEqual(rated, { satisfaction: 'basically_satisfied', opinion: '处理及时' });

    await page.getByTestId('pt-tab-points').click();
    await page.getByTestId('pt-balance').filter({ hasText: '12' }).waitFor();
    const ledger = await page.getByTestId('pt-ledger').innerText();
    assert.match(ledger, /评价办理结果[\s\S]*\+2/);
    assert.match(ledger, /反映问题被立案[\s\S]*\+10/);
    assert.match(await page.getByTestId('pt-my-reports').innerText(), new RegExp(verifiedCaseNo));
    await screenshot(page, 'portal-points');
  });

  it('takes an anonymous report that keeps no reporter data', async () => {
    const page = await env.newPage(PHONE);
    await page.goto(`${env.baseUrl}/p/report`);
    await reportForm(page);
    await page.getByTestId('pt-cat-road_damage').click();
    await page.getByTestId('pt-description').fill('人行道砖松动，容易绊倒');
    await page.getByTestId('pt-identity').getByText('匿名').click();
    await page.getByTestId('pt-submit').click();
    const caseNo = /(\d{4}-\d{6}-\d{6,})/.exec(await page.getByTestId('pt-filed').innerText())![1];
    const reporter = await db().maybeOne<any>(
      'select r.user_id, r.name, r.phone, c.source from case_reporters r join cases c on c.id = r.case_id where c.case_no = $1', [caseNo]);
    assert.deepEqual(reporter, { user_id: null, name: null, phone: null, source: 'public' });
    await page.getByTestId('pt-view-progress').click();
    await page.getByTestId('pt-timeline').waitFor();
    assert.equal(await page.getByTestId('pt-rating').count(), 0);
  });

  it('lists the nearest facilities and reports a problem from a facility page (QR target)', async () => {
    const page = await env.newPage(PHONE);
    await page.goto(`${env.baseUrl}/p/facilities`);
    await page.getByTestId('pt-facility').first().waitFor();
    const names = await page.getByTestId('pt-facility').locator('b').allInnerTexts();
    assert.deepEqual(names, ['人民广场公厕', '河滨公园公厕'], 'toilets, nearest first');
    assert.match(await page.getByTestId('pt-facility').first().innerText(), /开放中[\s\S]*00:00-24:00[\s\S]*距您 \d+ 米/);
    assert.match(await page.getByRole('link', { name: /导航/ }).first().getAttribute('href') ?? '', /^https:\/\/uri\.amap\.com\/navigation\?to=119\.0004,34\.0002,/);
    await screenshot(page, 'portal-facilities');

    await page.goto(`${env.baseUrl}/p/f/WC0001`);
    await page.getByTestId('pt-facility-page').waitFor();
    await screenshot(page, 'portal-facility');
    await page.getByTestId('pt-report-here').click();
    await page.getByTestId('pt-facility-prefill').filter({ hasText: '人民广场公厕' }).waitFor();
    await page.getByTestId('pt-position').filter({ hasText: '119.00040, 34.00020' }).waitFor();
    assert.match(await page.getByTestId('pt-cat-toilet').getAttribute('class') ?? '', /active/);
    await page.getByTestId('pt-description').fill('洗手池水龙头坏了');
    await page.getByTestId('pt-identity').getByText('匿名').click();
    await page.getByTestId('pt-submit').click();
    const caseNo = /(\d{4}-\d{6}-\d{6,})/.exec(await page.getByTestId('pt-filed').innerText())![1];
    const c = await db().maybeOne<any>('select description from cases where case_no = $1', [caseNo]);
    assert.match(c.description, /【设施：人民广场公厕】/);
    assert.deepEqual(env.external, [], 'the portal needs no internet');
    assert.deepEqual(env.pageErrors, []);
  });
});
