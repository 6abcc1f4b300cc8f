// 分析研判 through the API on the tiny city: 三高, hexagons, hot spots, trends, forecast and 焦点问题 match the cases this
// test reports and moves; a 提示函 is issued (numbered, audited, scoped) and comes out as a DOCX and a PDF carrying its
// Chinese text; reports are generated on demand and by the schedule (once per period) and download as PDFs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { chinaDayIndex, dayKey } from '../../src/command/rules/china-time.ts';
import { scheduleDueReports } from '../../src/evaluation/analysis/reports.ts';
import { POINT, startCaseDriver, TYPE, type CaseDriver } from '../helpers/command.ts';

const today = dayKey(chinaDayIndex(new Date()));
const hourNow = () => (new Date().getUTCHours() + 8) % 24;
const GRID = '379902001001001';

function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'analysis-'));
  const file = path.join(dir, 'x.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('分析研判 API', () => {
  let d: CaseDriver;
  const ids: number[] = [];
  let hour = 0;
  const get = async (user: string, url: string, status = 200) => {
    const res = await d.p.request({ method: 'GET', url, headers: d.headers[user] });
    assert.equal(res.status, status, `${url}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  before(async () => {
    d = await startCaseDriver();
    d.headers.district_admin = await d.p.loginAs('district_admin');
    d.headers.citizen1 = await d.p.loginAs('citizen1');
    hour = hourNow();
    for (let i = 0; i < 4; i++) {
      const res = await d.report('collector1', { position: { lon: POINT.lon + i * 0.00001, lat: POINT.lat } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      ids.push(res.body.id);
    }
    for (const id of ids.slice(0, 2)) {
      assert.equal((await d.act('acceptor1', id, 'accept')).status, 200);
      assert.equal((await d.act('shift1', id, 'file')).status, 200);
    }
  });
  after(async () => { await d?.p.close(); });

  it('shows when, where and what: the heat matrix, grids, types and hexagons', async () => {
    const inc = await get('leader1', `/api/analysis/incidence?from=${today}&to=${today}`);
    assert.equal(inc.total, 4);
    const weekday = (new Date(Date.now() + 8 * 3600_000).getUTCDay() + 6) % 7;
    // the reports may straddle an hour boundary: the matrix holds all four in today's row
    assert.equal(inc.matrix[weekday].reduce((a: number, b: number) => a + b, 0), 4);
    assert.ok(inc.matrix[weekday][hour] >= 1);
    assert.deepEqual(inc.types.map((t: any) => [t.typeCode, t.n]), [[TYPE, 4]]);
    assert.deepEqual(inc.places.map((p: any) => [p.code, p.n]), [[GRID, 4]]);
    const hex = await get('leader1', `/api/analysis/hexagons.geojson?from=${today}&to=${today}&resolution=9`);
    assert.equal(hex.features.length, 1);
    assert.equal(hex.features[0].properties.n, 4);
    assert.equal(hex.features[0].geometry.coordinates[0].length, 7);
    // another district's administrator sees none of it
    assert.equal((await get('district_admin', `/api/analysis/incidence?from=${today}&to=${today}`)).total, 0);
    await get('citizen1', `/api/analysis/incidence`, 403);
    await get('leader1', `/api/analysis/incidence?from=${today}&to=2020-01-01`, 400);
  });

  it('finds the growing hot spot against the previous period', async () => {
    const hot = await get('leader1', `/api/analysis/hotspots?from=${today}&to=${today}&minCount=3`);
    assert.deepEqual(hot.items.map((h: any) => [h.key, h.current, h.previous, h.growth]), [[GRID, 4, 0, null]]);
    assert.equal((await get('leader1', `/api/analysis/hotspots?from=${today}&to=${today}&minCount=5`)).items.length, 0);
  });

  it('gives year-on-year and month-on-month figures', async () => {
    const reported = await get('leader1', `/api/analysis/trends?from=${today}&to=${today}&indicator=reported&groupBy=district`);
    // yesterday and a year ago lie before the first case: no records (null), not 0
    assert.deepEqual(reported.rows.map((r: any) => [r.key, r.value, r.previous, r.lastYear, r.mom, r.yoy]), [['379902', 4, null, null, null, null]]);
    assert.equal(reported.months.length, 12);
    assert.deepEqual([reported.months[11].value, reported.months[11].lastYear, reported.months[10].value], [4, null, null]);
    const closed = await get('leader1', `/api/analysis/trends?from=${today}&to=${today}&indicator=closed&groupBy=none`);
    assert.equal(closed.months[11].value, 0, 'a month with records and nothing closed counts 0');
    const filed = await get('leader1', `/api/analysis/trends?from=${today}&to=${today}&indicator=filed&groupBy=type`);
    assert.deepEqual(filed.rows.map((r: any) => [r.key, r.value]), [[`matter:${TYPE}`, 2]]);
    const rate = await get('leader1', `/api/analysis/trends?from=${today}&to=${today}&indicator=onTimeHandlingRate&groupBy=none`);
    assert.deepEqual(rate.rows, []);   // nothing due yet: no rate rather than 0 %
  });

  it('forecasts next week from the history and shows its held-back error', async () => {
    const f = await get('leader1', `/api/analysis/forecast?date=${today}`, 400);
    assert.equal(f.code, 'INVALID_DATE');
    const yesterday = dayKey(chinaDayIndex(new Date()) - 1);
    const g = await get('leader1', `/api/analysis/forecast?date=${yesterday}`);
    assert.equal(g.days.length, 7);
    assert.equal(g.heldBack.length, 4);
    assert.equal(g.total, 0);   // nothing happened before today
  });

  it('detects the 焦点问题 and issues a 提示函 as DOCX and PDF', async () => {
    const focus = await get('inspector1', `/api/analysis/focus?from=${today}&to=${today}&windowDays=7&minCount=3`);
    assert.equal(focus.items.length, 1);
    const p = focus.items[0];
    assert.deepEqual([p.placeCode, p.typeCode, p.count, p.department?.name, p.letter], [GRID, TYPE, 4, '云河市市政工程管理处', null]);
    assert.deepEqual([...p.caseIds].sort(), [...ids].sort());
    const body = { placeLevel: 'grid', placeCode: GRID, kind: 'matter', typeCode: TYPE, caseIds: p.caseIds };
    const denied = await d.p.request({ method: 'POST', url: '/api/analysis/letters', headers: d.headers.leader1, payload: body });
    assert.equal(denied.status, 403);
    const wrong = await d.p.request({ method: 'POST', url: '/api/analysis/letters', headers: d.headers.inspector1,
      payload: { ...body, typeCode: '06010' } });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 'CASES_NOT_MATCHING');
    const res = await d.p.request({ method: 'POST', url: '/api/analysis/letters', headers: d.headers.inspector1, payload: body });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const letter = res.body;
    assert.equal(letter.letterNo, `提示〔${today.slice(0, 4)}〕第 1 号`);
    assert.equal(letter.departmentName, '云河市市政工程管理处');
    assert.equal(letter.cases.length, 4);
    const audit = await d.p.db.maybeOne<{ n: number }>("select count(*)::int as n from audit_log where entity = 'analysis_letter'");
    assert.equal(audit!.n, 1);
    assert.equal((await get('inspector1', `/api/analysis/focus?from=${today}&to=${today}`)).items[0].letter.letterNo, letter.letterNo);
    assert.equal((await get('leader1', '/api/analysis/letters')).items.length, 1);
    assert.equal((await get('district_admin', '/api/analysis/letters')).items.length, 0);
    await get('district_admin', `/api/analysis/letters/${letter.id}/pdf`, 404);

    const docx = await d.p.app.inject({ method: 'GET', url: `/api/analysis/letters/${letter.id}/docx`, headers: d.headers.leader1 });
    assert.equal(docx.statusCode, 200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    for (const text of ['提示函', '云河市市政工程管理处：', letter.letterNo, letter.cases[0].caseNo, '特此提示']) assert.ok(xml.includes(text), text);
    const pdf = await d.p.app.inject({ method: 'GET', url: `/api/analysis/letters/${letter.id}/pdf`, headers: d.headers.leader1 });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = pdfText(pdf.rawPayload).replace(/\s+/g, '');
    for (const t of ['提示函', '云河市市政工程管理处：', letter.cases[3].caseNo, '特此提示']) assert.ok(text.includes(t), t);
  });

  it('generates reports on demand and by the schedule, once per period', async () => {
    const bad = await d.p.request({ method: 'POST', url: '/api/analysis/reports', headers: d.headers.leader1, payload: { kind: 'daily', date: '2999-01-01' } });
    assert.equal(bad.status, 400);
    const outside = await d.p.request({ method: 'POST', url: '/api/analysis/reports', headers: d.headers.district_admin,
      payload: { kind: 'daily', date: today, region: '379902' } });
    assert.equal(outside.status, 400);
    const res = await d.p.request({ method: 'POST', url: '/api/analysis/reports', headers: d.headers.leader1, payload: { kind: 'daily', date: today } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const pdf = await d.p.app.inject({ method: 'GET', url: `/api/analysis/reports/${res.body.id}/pdf`, headers: d.headers.leader1 });
    assert.equal(pdf.statusCode, 200);
    const text = pdfText(pdf.rawPayload).replace(/\s+/g, '');
    for (const t of [`城市运行日报（${today}）`, '上报数', '4', '中心区', '焦点问题']) assert.ok(text.includes(t), t);

    await d.p.ctx.jobs.tick();   // the schedule queues yesterday's, last week's and last month's reports
    await d.p.ctx.jobs.tick();   // … and they are made
    await scheduleDueReports(d.p.db, new Date());   // again (another node): nothing new
    await d.p.ctx.jobs.tick();
    const jobs = await d.p.db.maybeOne<{ n: number }>("select count(*)::int as n from jobs where dedupe_key like 'analysis:report:%'");
    assert.equal(jobs!.n, 3);
    const list = (await get('leader1', '/api/analysis/reports')).items;
    assert.deepEqual(list.map((r: any) => r.kind).sort(), ['daily', 'daily', 'monthly', 'weekly']);
    assert.equal(list.filter((r: any) => r.generatedByName === '定时任务').length, 3);
    assert.equal((await get('district_admin', '/api/analysis/reports')).items.length, 0);
  });
});
