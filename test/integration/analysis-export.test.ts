// 分析研判 exports: every analysis table (三高, 增长热点, 同比环比, 预测, 焦点问题) downloads as XLSX (one sheet per table)
// and CSV (the tables one after another) with the figures the JSON endpoints give, within the viewer's data scope.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { chinaDayIndex, dayKey } from '../../src/command/rules/china-time.ts';
import { startCaseDriver, TYPE, type CaseDriver } from '../helpers/command.ts';

const today = dayKey(chinaDayIndex(new Date()));
const yesterday = dayKey(chinaDayIndex(new Date()) - 1);

describe('分析研判 exports', () => {
  let d: CaseDriver;
  const download = async (user: string, url: string) => {
    const res = await d.p.app.inject({ method: 'GET', url, headers: d.headers[user] });
    return { status: res.statusCode, type: String(res.headers['content-type']), disposition: String(res.headers['content-disposition']),
      body: res.rawPayload, json: () => JSON.parse(res.payload) };
  };
  const book = async (url: string, user = 'leader1') => {
    const res = await download(user, url);
    assert.equal(res.status, 200, res.body.toString());
    assert.match(res.type, /spreadsheetml/);
    assert.match(res.disposition, /attachment; filename=".+\.xlsx"; filename\*=UTF-8''/);
    const b = new ExcelJS.Workbook();
    await b.xlsx.load(res.body as any);
    return b;
  };
  const rowsOf = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));

  before(async () => {
    d = await startCaseDriver();
    d.headers.district_admin = await d.p.loginAs('district_admin');
    d.headers.citizen1 = await d.p.loginAs('citizen1');
    for (let i = 0; i < 3; i++) assert.equal((await d.report('collector1')).status, 201);
  });
  after(async () => { await d?.p.close(); });

  it('exports the 三高 tables and hot spots with the figures of the JSON endpoints', async () => {
    const q = `from=${today}&to=${today}`;
    const inc = (await download('leader1', `/api/analysis/incidence?${q}`)).json();
    const b = await book(`/api/analysis/incidence/export?${q}`);
    assert.deepEqual(b.worksheets.map((s) => s.name), ['高发时段', '高发类型', '高发单元网格']);
    const hours = rowsOf(b.worksheets[0]);
    assert.equal(hours.length, 7);
    assert.deepEqual(hours.map((r) => r.slice(1, 25)), inc.matrix);
    assert.deepEqual(hours.map((r) => r[25]), inc.matrix.map((m: number[]) => m.reduce((a, x) => a + x, 0)));
    assert.deepEqual(rowsOf(b.worksheets[1]).map((r) => [r[2], r[4]]), [[TYPE, 3]]);
    assert.deepEqual(rowsOf(b.worksheets[2]).map((r) => [r[1], r[3]]), inc.places.map((p: any) => [p.code, p.n]));
    const hot = (await download('leader1', `/api/analysis/hotspots?${q}&minCount=1`)).json();
    assert.ok(hot.items.length > 0);
    const h = await book(`/api/analysis/hotspots/export?${q}&minCount=1`);
    assert.deepEqual(rowsOf(h.worksheets[0]).map((r) => [r[1], r[3], r[4]]), hot.items.map((p: any) => [p.key, p.current, p.previous]));
  });

  it('exports trends, the forecast and the 焦点问题 tables, as CSV too', async () => {
    const q = `from=${today}&to=${today}&indicator=reported&groupBy=district`;
    const trends = (await download('leader1', `/api/analysis/trends?${q}`)).json();
    const t = await book(`/api/analysis/trends/export?${q}`);
    assert.deepEqual(t.worksheets.map((s) => s.name), ['同比环比', '月度走势']);
    assert.deepEqual(rowsOf(t.worksheets[0]).map((r) => [r[0], r[2]]), trends.rows.map((r: any) => [r.key, r.value]));
    assert.equal(rowsOf(t.worksheets[1]).length, trends.months.length);
    const csv = await download('leader1', `/api/analysis/trends/export?${q}&format=csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.type, /text\/csv/);
    const text = csv.body.toString('utf8');
    assert.ok(text.startsWith('\uFEFF同比环比'));
    assert.ok(text.includes('\n月度走势'));
    assert.ok(trends.rows.every((r: any) => text.includes(`${r.key},${r.name},${r.value ?? ''}`)));

    const f = await book(`/api/analysis/forecast/export?date=${yesterday}`);
    assert.deepEqual(f.worksheets.map((s) => s.name), ['逐日预测', '按区预测', '按类型预测', '分序列预测', '留出周检验']);
    assert.equal(rowsOf(f.worksheets[0]).length, 7);

    const focusQ = `from=${today}&to=${today}&minCount=2`;
    const focus = (await download('leader1', `/api/analysis/focus?${focusQ}`)).json();
    assert.ok(focus.items.length > 0);
    const fo = await book(`/api/analysis/focus/export?${focusQ}`);
    assert.deepEqual(rowsOf(fo.worksheets[0]).map((r) => [r[1], r[6]]), focus.items.map((p: any) => [p.placeCode, p.count]));
  });

  it('keeps to the data scope and refuses bad requests', async () => {
    const other = await book(`/api/analysis/incidence/export?from=${today}&to=${today}`, 'district_admin');
    assert.equal(rowsOf(other.worksheets[1]).length, 0);
    assert.equal(rowsOf(other.worksheets[0]).flat().filter((v) => typeof v === 'number' && v > 0).length, 0);
    assert.equal((await download('citizen1', `/api/analysis/trends/export?from=${today}&to=${today}`)).status, 403);
    const bad = await download('leader1', `/api/analysis/focus/export?from=${today}&to=${today}&format=pdf`);
    assert.equal(bad.status, 400);
    const period = await download('leader1', `/api/analysis/trends/export?from=${today}&to=2020-01-01`);
    assert.equal(period.status, 400);
    assert.equal(period.json().code, 'INVALID_PERIOD');
  });
});
