// 城市管理指数 through the API on the tiny city: the default tree, an edited tree with its history (bad trees and
// non-administrators refused), 实地考察 / 问卷 entry, an import refused for one bad row then accepted, the index with
// raw values, scores, weights and contributions, the drill-down to cases, the 自评报告 as DOCX and PDF, and scope.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import JSZip from 'jszip';
import { chinaDayIndex, dayKey } from '../../src/command/rules/china-time.ts';
import { seedCityIndexDemo } from '../../src/evaluation/city-index/demo.ts';
import { DEFAULT_TREE } from '../../src/evaluation/city-index/rules.ts';
import type { IndexTree } from '../../src/evaluation/city-index/views.ts';
import { POINT, startCaseDriver, TYPE, type CaseDriver } from '../helpers/command.ts';

const YEAR = Number(dayKey(chinaDayIndex(new Date())).slice(0, 4));
const base = `/api/city-index/${YEAR}`;

function multipart(fileName: string, content: string | Buffer) {
  const boundary = `----cityindex${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The default tree with the 干净 density indicator counting the test's case type (违章接坡). */
function testTree(): IndexTree {
  const t = structuredClone(DEFAULT_TREE);
  const i = t.dimensions[0].indicators[0];
  i.source = { kind: 'platform', metric: { kind: 'density', types: [`matter:${TYPE}`] } };
  t.dimensions[0].weight = 30;
  t.dimensions[1].weight = 15;
  return t;
}

describe('城市管理指数 API', () => {
  let d: CaseDriver;
  const call = async (user: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, status = 200) => {
    const res = await d.p.request({ method, url, headers: d.headers[user], payload: payload as any });
    assert.equal(res.status, status, `${method} ${url}: ${JSON.stringify(res.body)}`);
    return res;
  };

  before(async () => {
    d = await startCaseDriver();
    d.headers.district_admin = await d.p.loginAs('district_admin');
    d.headers.citizen1 = await d.p.loginAs('citizen1');
    for (let i = 0; i < 3; i++) {
      const res = await d.report('collector1', { position: { lon: POINT.lon + i * 0.00001, lat: POINT.lat } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  });
  after(async () => { await d?.p.close(); });

  it('serves the default tree and lets only administrators change it, keeping every version', async () => {
    const t = (await call('leader1', 'GET', `${base}/tree`)).body;
    assert.equal(t.isDefault, true);
    assert.deepEqual(t.tree.dimensions.map((x: any) => x.name), ['干净', '整洁', '有序', '安全', '群众满意']);
    assert.equal(t.typeNames[`matter:${TYPE}`], '违章接坡');
    await call('leader1', 'PUT', `${base}/tree`, { tree: testTree() }, 403);

    const bad = testTree();
    bad.dimensions[0].weight = 50;
    const refused = await call('admin', 'PUT', `${base}/tree`, { tree: bad }, 400);
    assert.equal(refused.body.code, 'INVALID_INDEX_TREE');
    assert.match(refused.body.message, /维度权重合计必须为 100/);
    const unknown = testTree();
    unknown.dimensions[0].indicators[0].source = { kind: 'platform', metric: { kind: 'density', types: ['matter:06999'] } };
    assert.match((await call('admin', 'PUT', `${base}/tree`, { tree: unknown }, 400)).body.message, /问题类型不存在：matter:06999/);
    assert.equal((await call('admin', 'GET', `${base}/tree/history`)).body.items.length, 0);

    const saved = (await call('admin', 'PUT', `${base}/tree`, { tree: testTree() })).body;
    assert.equal(saved.isDefault, false);
    assert.equal(saved.tree.dimensions[0].weight, 30);
    const second = testTree();
    second.dimensions[0].indicators[0].name = '违章接坡密度';
    await call('admin', 'PUT', `${base}/tree`, { tree: second });
    const history = (await call('leader1', 'GET', `${base}/tree/history`)).body.items;
    assert.equal(history.length, 2);
    assert.equal(history[0].tree.dimensions[0].indicators[0].name, '违章接坡密度');
    const audited = await d.p.db.maybeOne<{ n: number }>(`select count(*)::int as n from audit_log where action = 'city_index.tree'`);
    assert.equal(audited!.n, 2);
    // another year still has the default
    assert.equal((await call('leader1', 'GET', `/api/city-index/${YEAR - 1}/tree`)).body.isDefault, true);
  });

  it('takes 实地考察 scores and 问卷 results in forms, all or nothing', async () => {
    await call('leader1', 'PUT', `${base}/inspections`, { items: [{ regionCode: '379902', indicatorKey: 'street_cleaning', score: 80 }] }, 403);
    const bad = await call('admin', 'PUT', `${base}/inspections`, { items: [
      { regionCode: '379902', indicatorKey: 'street_cleaning', score: 80 },
      { regionCode: '379902', indicatorKey: 'environment_satisfaction', score: 120 }] }, 400);
    assert.equal(bad.body.code, 'INVALID_ENTRIES');
    assert.match(bad.body.message, /第 2 条.*数据来源不是实地考察.*0–100/);
    assert.equal((await call('admin', 'GET', `${base}/entries`)).body.inspections.length, 0);

    const ok = await call('admin', 'PUT', `${base}/inspections`, { items: [
      { regionCode: '379902', indicatorKey: 'street_cleaning', score: 80, note: '抽查 12 条道路' },
      { regionCode: '379903', indicatorKey: 'street_cleaning', score: 60 }] });
    assert.equal(ok.body.saved, 2);
    assert.equal(ok.body.inspections.length, 2);
    await call('admin', 'PUT', `${base}/questionnaires`, { items: [
      { regionCode: '379902', indicatorKey: 'environment_satisfaction', sampleSize: 300, satisfaction: 90 },
      { regionCode: '379903', indicatorKey: 'environment_satisfaction', sampleSize: 100, satisfaction: 70 }] });
    const q = await call('admin', 'PUT', `${base}/questionnaires`, { items: [
      { regionCode: '379902', indicatorKey: 'service_satisfaction', sampleSize: 0, satisfaction: 90 }] }, 400);
    assert.match(q.body.message, /样本量必须是正整数/);
  });

  it('imports a file: a bad row refuses the whole file with a per-row report; a good XLSX is taken', async () => {
    const csv = '区域,指标,得分,备注\n中心区,道路清扫保洁（实地考察）,85,\n379903,greening,abc,\n379999,greening,70,\n';
    const refused = await d.p.request({ method: 'POST', url: `${base}/import/inspection`, headers: { ...d.headers.admin, ...multipart('考察.csv', csv).headers },
      payload: multipart('考察.csv', csv).payload });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'IMPORT_INVALID');
    const rows = refused.body.details.rows;
    assert.deepEqual(rows.map((r: any) => r.errors.length > 0), [false, true, true]);
    assert.equal(rows[0].indicatorKey, 'street_cleaning');
    assert.match(rows[1].errors.join(), /得分必须是 0–100/);
    assert.match(rows[2].errors.join(), /区域不存在/);
    const entries = (await call('admin', 'GET', `${base}/entries`)).body;
    assert.equal(entries.inspections.find((e: any) => e.regionCode === '379902').score, 80);   // unchanged

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('问卷');
    ws.addRow(['区域代码', '指标代码', '样本量', '满意度(%)']);
    ws.addRow(['379902', 'service_satisfaction', 200, 80]);
    ws.addRow(['河东区', '城市管理服务满意度（问卷）', 200, 60]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const mp = multipart('问卷.xlsx', xlsx);
    const res = await d.p.request({ method: 'POST', url: `${base}/import/questionnaire`, headers: { ...d.headers.admin, ...mp.headers }, payload: mp.payload });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.imported, 2);
    const denied = await d.p.request({ method: 'POST', url: `${base}/import/questionnaire`, headers: { ...d.headers.leader1, ...mp.headers }, payload: mp.payload });
    assert.equal(denied.status, 403);

    const template = await call('admin', 'GET', `${base}/template/questionnaire`);
    assert.match(String(template.headers['content-type']), /spreadsheetml/);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(template.body === undefined ? Buffer.alloc(0) : Buffer.from((await d.p.app.inject({ method: 'GET', url: `${base}/template/questionnaire`,
      headers: d.headers.admin })).rawPayload) as any);
    assert.equal(back.worksheets[0].rowCount, 1 + 3 * 2);   // city and two districts × two questions
  });

  it('computes the index: raw values, scores, weights, contributions, ranking and the drill-down', async () => {
    const r = (await call('leader1', 'GET', base)).body;
    assert.deepEqual(r.regions.map((x: any) => x.regionCode), ['379900', '379902', '379903']);
    const [city, zx, hd] = r.regions;
    const ind = (reg: any, key: string) => reg.indicators.find((i: any) => i.key === key);
    // 问卷 for the city: by sample size (300 × 90 + 100 × 70) / 400
    assert.equal(ind(city, 'environment_satisfaction').raw, 85);
    assert.equal(ind(city, 'environment_satisfaction').sampleSize, 400);
    assert.equal(ind(zx, 'street_cleaning').score, 80);
    // the three reported cases in 中心区 per km²
    const density = ind(zx, 'garbage_density');
    assert.equal(density.caseCount, 3);
    const area = await d.p.db.maybeOne<{ a: number }>(`select area_m2 as a from divisions where code = '379902'`);
    assert.ok(Math.abs(density.raw - 3 / (Number(area!.a) / 1e6)) < 0.01);
    assert.equal(ind(hd, 'garbage_density').caseCount, 0);
    for (const reg of r.regions) {
      const sum = reg.indicators.reduce((a: number, i: any) => a + (i.contribution ?? 0), 0);
      assert.ok(Math.abs(sum - reg.total) < 0.2, `${reg.regionCode}: ${sum} vs ${reg.total}`);
    }
    assert.equal(zx.rank, 1);
    assert.equal(hd.rank, 2);
    assert.equal(city.rank, null);
    assert.ok(r.weakPoints.length > 0);

    const drill = (await call('leader1', 'GET', `${base}/cases?region=379902&indicator=garbage_density`)).body;
    assert.equal(drill.total, 3);
    assert.equal(drill.items[0].typeName, '违章接坡');
    assert.equal((await call('leader1', 'GET', `${base}/cases?region=379900&indicator=garbage_density`)).body.total, 3);
    assert.equal((await call('leader1', 'GET', `${base}/cases?region=379902&indicator=street_cleaning`, undefined, 400)).body.code, 'NOT_A_CASE_FIGURE');
    await call('leader1', 'GET', `${base}/cases?region=379902&indicator=on_time_handling`);
    await call('district_admin', 'GET', `${base}/cases?region=379902&indicator=garbage_density`, undefined, 403);
  });

  it('keeps to the viewer\'s scope and refuses those without evaluation.read', async () => {
    const r = (await call('district_admin', 'GET', base)).body;
    assert.deepEqual(r.regions.map((x: any) => x.regionCode), ['379903']);
    await call('citizen1', 'GET', base, undefined, 403);
    await call('citizen1', 'GET', `${base}/report?format=pdf`, undefined, 403);
    await call('admin', 'GET', '/api/city-index/1999', undefined, 400);
  });

  it('writes the 自评报告 as DOCX and PDF with the index, the ranking and the weak points', async () => {
    const docx = await d.p.app.inject({ method: 'GET', url: `${base}/report?format=docx`, headers: d.headers.leader1 });
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    assert.match(xml, new RegExp(`云河市${YEAR}年度城市管理指数自评报告`));
    for (const s of ['维度得分', '各区排名', '指标明细', '短板与改进方向', '中心区', '违章接坡密度']) assert.ok(xml.includes(s), s);
    // the dimension chart and the ranking as pictures in the text, drawn at twice their size for print
    const images = zip.file(/^word\/media\/.*\.png$/);
    assert.equal(images.length, 2);
    assert.equal((xml.match(/<pic:pic\b/g) ?? []).length, 2);
    for (const image of images) {
      const png = sharp(await image.async('nodebuffer'));
      assert.equal((await png.metadata()).width, 1200);
      assert.ok((await png.stats()).channels.some((c) => c.min < 128), `${image.name} draws something`);
    }

    const pdf = await d.p.app.inject({ method: 'GET', url: `${base}/report?format=pdf`, headers: d.headers.leader1 });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.ok(pdf.rawPayload.length > 5000);
    const dir = mkdtempSync(path.join(tmpdir(), 'city-index-'));
    writeFileSync(path.join(dir, 'r.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    for (const s of [`${YEAR}年度城市管理指数自评报告`, '各维度得分', '各区城市管理指数', '河东区', '道路清扫保洁']) assert.ok(text.includes(s), s);
  });

  it('seeds demo 实地考察 and 问卷 results for every district and each year of the demo history, keeping what is entered', async () => {
    await seedCityIndexDemo(d.p.db);
    const rows = await d.p.db.query<{ year: number; n: number }>(`select year, count(*)::int as n from city_index_inspections where year in (2025, 2026) group by 1 order by 1`);
    const perYear = 2 * DEFAULT_TREE.dimensions.flatMap((x) => x.indicators).filter((i) => i.source.kind === 'inspection').length;
    assert.deepEqual(rows.map((r) => [Number(r.year), Number(r.n)]), [[2025, perYear], [2026, perYear]]);
    const kept = await d.p.db.maybeOne<{ score: number }>(
      `select score from city_index_inspections where year = $1 and region_code = '379902' and indicator_key = 'street_cleaning'`, [YEAR]);
    assert.equal(Number(kept!.score), 80);
    const q = await d.p.db.maybeOne<{ n: number }>(`select count(*)::int as n from city_index_questionnaires where year = 2025`);
    assert.equal(Number(q!.n), 4);
  });
});
