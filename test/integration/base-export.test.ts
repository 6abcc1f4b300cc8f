import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { SYSTEM_ACTOR } from '../../src/admin/actor.ts';
import { createApiKey } from '../../src/admin/auth.ts';
import { bulkInsert } from '../../src/platform/bulk.ts';
import { COMMUNITY_A, DISTRICT, seedTinyCity } from '../helpers/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

function multipart(fileName: string, content: string) {
  const boundary = `----cityops${Date.now()}`;
  return {
    payload: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n\r\n${content}\r\n--${boundary}--\r\n`),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('base data export', () => {
  let p: TestPlatform;
  let admin: Record<string, string>;
  let collector2: Record<string, string>;

  before(async () => {
    p = await startTestPlatform({ seed: async (db) => {
      await seedTinyCity(db);
      await bulkInsert(db, 'roads', [{ name: '人民路', class: '主干路', geometry: { type: 'LineString', coordinates: [[119.0, 34.0003], [119.05, 34.0003]] }, bbox: [119.0, 34.0003, 119.05, 34.0003] }]);
      await bulkInsert(db, 'landmarks', [{ name: '市政府', category: '政府机关', lon: 119.0004, lat: 34.0004, address: '人民路1号, "北"门' }]);
    } });
    admin = await p.loginAs('admin');
    collector2 = await p.loginAs('collector2');
    const dept = Number((await p.db.maybeOne<{ id: number }>('select id from departments limit 1'))!.id);
    for (const [typeCode, lon, extra] of [
      ['01001', 119.0002, { ownerDepartmentId: dept, status: '破损', initialDate: '2024-05-01', accuracy: 'A', remark: '含,逗号与"引号"' }],
      ['01003', 119.0012, { name: '雨水井盖 3 号', propertyUnitName: '云河水务', dataSource: '实测' }],
      ['02001', 119.0017, {}],
    ] as const) {
      const res = await p.request({ method: 'POST', url: '/api/components', headers: admin, payload: { typeCode, position: { lon, lat: 34.0002 }, ...extra } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  });
  after(async () => { await p?.close(); });

  const download = async (url: string, headers = admin) => {
    const res = await p.request({ method: 'GET', url, headers });
    assert.equal(res.status, 200, String(res.body).slice(0, 300));
    return res;
  };
  const upload = async (target: TestPlatform, headers: Record<string, string>, kind: string, fileName: string, content: string) => {
    const body = multipart(fileName, content);
    const res = await target.request({ method: 'POST', url: `/api/import/${kind}`, headers: { ...headers, ...body.headers }, payload: body.payload });
    assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 1000));
    return res.body;
  };

  it('exports components as CSV with a BOM, a dated file name and the import columns first', async () => {
    const res = await download('/api/export/components?format=csv');
    assert.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
    assert.match(res.headers['content-disposition'], /^attachment; filename="components-\d{8}\.csv"$/);
    const text = res.body as string;
    assert.equal(text.charCodeAt(0), 0xfeff);
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 3);
    assert.equal(text.slice(1).split('\n')[0], 'id,type_code,name,lon,lat,crs,status,owner_credit_code,maintainer_credit_code,property_unit_code,property_unit_name,initial_date,data_source,accuracy,remark,type_name,owner_name,maintainer_name,grid_code,community_code,street_code,change_date');
    assert.deepEqual([rows[0].id, rows[0].status, rows[0].owner_credit_code, rows[0].remark, rows[0].type_name, rows[0].grid_code],
      [`${DISTRICT}01001000001`, '破损', '11379900000000019P', '含,逗号与"引号"', '供水井盖', `${COMMUNITY_A}001`]);
    const empty = await download('/api/export/components?format=csv', collector2);
    assert.equal((empty.body as string).trim().split('\n').length, 1);
  });

  it('exports GeoJSON by default, scope-filtered', async () => {
    const res = await download('/api/export/grids');
    assert.match(res.headers['content-type'], /^application\/geo\+json/);
    assert.match(res.headers['content-disposition'], /filename="grids-\d{8}\.geojson"/);
    assert.equal(res.body.features.length, 4);
    assert.equal(res.body.features[0].properties.community_code, COMMUNITY_A);
    assert.equal((await download('/api/export/grids', collector2)).body.features.length, 0);
    const divisions = await download('/api/export/divisions', collector2);
    assert.deepEqual(divisions.body.features.map((f: any) => f.properties.code), ['379900', '379903']);
    assert.equal((await download('/api/export/roads', collector2)).body.features.length, 0);
    assert.equal((await download('/api/export/roads')).body.features.length, 1);
    const bad = await p.request({ method: 'GET', url: '/api/export/people', headers: admin });
    assert.equal(bad.status, 400);
  });

  it('round-trips components through CSV: export, delete, import gives the same rows', async () => {
    const columns = 'id, type_code, name, status, owner_department_id, property_unit_name, grid_code, initial_date, data_source, accuracy, remark, lon, lat';
    const before = await p.db.query(`select ${columns} from components order by id`);
    const csv = (await download('/api/export/components?format=csv')).body as string;
    await p.db.query('delete from components');
    const report = await upload(p, admin, 'components', 'components.csv', csv);
    assert.equal(report.inserted, 3);
    assert.deepEqual(await p.db.query(`select ${columns} from components order by id`), before);
    assert.equal((await download('/api/export/components?format=csv')).body, csv);
  });

  it('round-trips a whole city into an empty platform through GeoJSON and CSV', async () => {
    const empty = await startTestPlatform();
    try {
      // A new city starts without users in regions: a city-wide API key (or the CLI) loads its base data.
      const { key } = await empty.db.transaction((tx) => createApiKey(tx, SYSTEM_ACTOR, { name: '数据迁移', scopes: ['base:write'] }));
      const root = { 'x-api-key': key };
      for (const [kind, format] of [['divisions', 'geojson'], ['grids', 'csv'], ['roads', 'geojson'], ['landmarks', 'csv']] as const) {
        const res = await download(`/api/export/${kind}?format=${format}`);
        const content = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        const report = await upload(empty, root, kind, `${kind}.${format}`, content);
        assert.equal(report.status, 'done', kind);
      }
      const geojson = (await download('/api/export/components')).body;
      for (const f of geojson.features) { f.properties.owner_credit_code = null; }
      await upload(empty, root, 'components', 'components.geojson', JSON.stringify(geojson));
      for (const table of ['divisions', 'unit_grids', 'roads', 'landmarks', 'components']) {
        const key = table === 'roads' || table === 'landmarks' ? 'name' : table === 'components' ? 'id' : 'code';
        const a = await p.db.query(`select ${key} as k from ${table} order by 1`);
        const b = await empty.db.query(`select ${key} as k from ${table} order by 1`);
        assert.deepEqual(b, a, table);
      }
      const grid = `select code, name, community_code, start_date, geometry from unit_grids order by code`;
      assert.deepEqual(await empty.db.query(grid), await p.db.query(grid));
      const mark = 'select name, category, lon, lat, address from landmarks';
      assert.deepEqual(await empty.db.query(mark), await p.db.query(mark));
    } finally {
      await empty.close();
    }
  });

  it('streams large sets page by page', async () => {
    const rows = Array.from({ length: 4500 }, (_, i) => ({
      id: `${DISTRICT}05002${String(i + 1).padStart(6, '0')}`, type_code: '05002', name: '批量', grid_code: `${COMMUNITY_A}001`,
      community_code: COMMUNITY_A, street_code: COMMUNITY_A.slice(0, 9), lon: 119.0001, lat: 34.0001,
    }));
    await bulkInsert(p.db, 'components', rows);
    const csv = (await download('/api/export/components?format=csv')).body as string;
    const parsed = parse(csv.slice(1), { columns: true }) as { id: string }[];
    assert.equal(parsed.length, 4503);
    assert.equal(new Set(parsed.map((r) => r.id)).size, 4503);
    const geo = (await download('/api/export/components')).body;
    assert.equal(geo.features.length, 4503);
  });
});
