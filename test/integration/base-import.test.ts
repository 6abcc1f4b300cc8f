import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import AdmZip from 'adm-zip';
import { gcoord } from '../../src/base/spatial/coords.ts';
import { SYSTEM_ACTOR } from '../../src/admin/actor.ts';
import { makeCreditCode } from '../../src/base/codes.ts';
import type { ImportPhase } from '../../src/base/import/importer.ts';
import { readShapefileZip } from '../../src/base/import/read.ts';
import { runImport } from '../../src/base/import/run.ts';
import { COMMUNITY_A, COMMUNITY_B, DISTRICT, seedTinyCity, square, STREET } from '../helpers/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';


const CREDIT = '11379900000000019P';

/** A multipart/form-data body with one file in the field `file` (or another field name). */
function multipart(fileName: string, content: string | Buffer, field = 'file') {
  const boundary = `----cityops${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const collection = (features: { properties: object; geometry: object | null }[]) =>
  JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) });

/**
 * A zipped polygon Shapefile written byte by byte (ESRI whitepaper layout): .shp with clockwise outer rings,
 * .dbf with character fields whose bytes are given, and optionally a .cpg naming their encoding.
 */
function shapefileZip(features: { ring: number[][]; values: Buffer[] }[], fieldNames: string[], cpg?: string): Buffer {
  const records = features.map(({ ring }) => {
    const points = [...ring].reverse();
    const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
    const content = Buffer.alloc(44 + 4 + points.length * 16);
    content.writeInt32LE(5, 0);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => content.writeDoubleLE(v, 4 + i * 8));
    content.writeInt32LE(1, 36);
    content.writeInt32LE(points.length, 40);
    content.writeInt32LE(0, 44);
    points.forEach(([x, y], i) => { content.writeDoubleLE(x, 48 + i * 16); content.writeDoubleLE(y, 56 + i * 16); });
    return content;
  });
  const all = features.flatMap((f) => f.ring);
  const header = (bytes: number) => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(bytes / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(5, 32);
    [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))]
      .forEach((v, i) => h.writeDoubleLE(v, 36 + i * 8));
    return h;
  };
  const body = Buffer.concat(records.flatMap((content, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(content.length / 2, 4);
    return [rh, content];
  }));
  const shp = Buffer.concat([header(100 + body.length), body]);
  const width = 40;
  const dbfHeader = Buffer.alloc(32 + 32 * fieldNames.length + 1);
  dbfHeader.writeUInt8(3, 0);
  dbfHeader.writeUInt32LE(features.length, 4);
  dbfHeader.writeUInt16LE(dbfHeader.length, 8);
  dbfHeader.writeUInt16LE(1 + width * fieldNames.length, 10);
  fieldNames.forEach((name, i) => {
    dbfHeader.write(name, 32 + i * 32, 'ascii');
    dbfHeader.write('C', 32 + i * 32 + 11, 'ascii');
    dbfHeader.writeUInt8(width, 32 + i * 32 + 16);
  });
  dbfHeader.writeUInt8(0x0d, dbfHeader.length - 1);
  const rows = features.map(({ values }) => Buffer.concat([Buffer.from(' '), ...values.map((v) => Buffer.concat([v, Buffer.alloc(width - v.length, 0x20)]))]));
  const dbf = Buffer.concat([dbfHeader, ...rows, Buffer.from([0x1a])]);
  const zip = new AdmZip();
  zip.addFile('grids.shp', shp);
  zip.addFile('grids.dbf', dbf);
  zip.addFile('grids.prj', Buffer.from('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]'));
  if (cpg) zip.addFile('grids.cpg', Buffer.from(cpg));
  return zip.toBuffer();
}

const ring = (lon: number, lat: number, w: number, h: number) => square(lon, lat, w).coordinates[0].map(([x, y]) => [x, lat + ((y - lat) / w) * h]);
const gbk = (hex: string) => Buffer.from(hex, 'hex');

describe('base data import', () => {
  let p: TestPlatform;
  let admin: Record<string, string>;

  before(async () => {
    p = await startTestPlatform({ seed: seedTinyCity });
    admin = await p.loginAs('admin');
  });
  after(async () => { await p?.close(); });

  const upload = (kind: string, fileName: string, content: string | Buffer, headers = admin, query = '') => {
    const body = multipart(fileName, content);
    return p.request({ method: 'POST', url: `/api/import/${kind}${query}`, headers: { ...headers, ...body.headers }, payload: body.payload });
  };
  const count = async (table: string) => (await p.db.maybeOne<{ n: number }>(`select count(*)::int as n from ${table}`))!.n;
  const codesOf = (errors: { row: number; code: string }[]) => errors.map((e) => `${e.row}:${e.code}`);

  const HEADER = 'id,type_code,name,lon,lat,crs,status,owner_credit_code,maintainer_credit_code,property_unit_name,initial_date,data_source,accuracy,remark';

  describe('components', () => {
    it('imports a clean CSV: 17-digit, legacy 16-digit and missing ids, legacy type codes, GCJ-02 positions', async () => {
      const [gx, gy] = gcoord.transform([119.0017, 34.0003], gcoord.WGS84, gcoord.GCJ02) as [number, number];
      const csv = [HEADER,
        `${DISTRICT}01001000050,01001,一号井盖,119.0002,34.0002,WGS84,完好,${CREDIT},,云河水务,2024-05-01,实测,A,第一行`,
        `${DISTRICT}0102000007,,,119.0012,34.0002,,破损,,,,,,,`,
        `,0101,,${gx},${gy},GCJ02,,,,,2024/5/1,,b,`].join('\r\n');
      const res = await upload('components', 'components.csv', `\uFEFF${csv}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual([res.body.status, res.body.totalRows, res.body.okRows, res.body.inserted, res.body.errorCount], ['done', 3, 3, 3, 0]);
      const rows = await p.db.query<any>('select id, type_code, name, grid_code, status, owner_department_id, initial_date, accuracy, lon from components order by id');
      assert.deepEqual(rows.map((r) => [r.id, r.type_code, r.grid_code, r.status]), [
        [`${DISTRICT}01001000050`, '01001', `${COMMUNITY_A}001`, '完好'],
        [`${DISTRICT}01001000051`, '01001', `${COMMUNITY_B}002`, '完好'],
        [`${DISTRICT}01002000007`, '01002', `${COMMUNITY_B}001`, '破损'],
      ]);
      assert.deepEqual([rows[0].name, rows[0].owner_department_id !== null, rows[1].name, rows[1].initial_date, rows[1].accuracy], ['一号井盖', true, '供水井盖', '2024-05-01', 'B']);
      assert.ok(Math.abs(rows[1].lon - 119.0017) < 1e-5);
      const run = await p.db.maybeOne<any>('select status, total_rows, ok_rows from import_runs where id = $1', [res.body.runId]);
      assert.deepEqual([run.status, run.total_rows, run.ok_rows], ['done', 3, 3]);
      const audit = await p.db.query<any>("select after from audit_log where action = 'import' and entity_id = $1", [String(res.body.runId)]);
      assert.equal(audit.length, 1);
      assert.deepEqual([audit[0].after.kind, audit[0].after.inserted], ['components', 3]);
    });

    it('refuses a file with any bad row, writes nothing and reports every problem by row and field', async () => {
      const before = await count('components');
      const csv = [HEADER,
        `,01001,好行,119.0002,34.0002,,,,,,,,,`,
        `12345,01001,,119.0002,34.0002,,,,,,,,,`,
        `,01998,,119.0002,34.0002,,,,,,,,,`,
        `,01001,,121.5,31.2,,,,,,,,,`,
        `,01001,,119.05,34.05,,,,,,,,,`,
        `${DISTRICT}01001000060,,,119.0002,34.0002,,,,,,,,,`,
        `${DISTRICT}01001000060,,,119.0002,34.0002,,,,,,,,,`,
        `${DISTRICT}01001000050,,,119.0002,34.0002,,,,,,,,,`,
        `,01001,,119.0002,34.0002,,,11379900000000019X,,,,,,`,
        `,01001,,119.0002,34.0002,,,,91379900MA00000000,,,,,`,
        `,01001,,119.0002,34.0002,,良好,,,,2024-02-30,,Z,`,
        `,01001,,abc,34.0002,,,,,,,,,`,
        `,01001,,119.0002,34.0002,EPSG3857,,,,,,,,`,
        `,0199,,119.0002,34.0002,,,,,,,,,`,
        `${DISTRICT}01003000001,01001,,119.0002,34.0002,,,,,,,,,`,
        `37990301001000001,,,119.0002,34.0002,,,,,,,,,`,
      ].join('\n');
      const res = await upload('components', 'bad.csv', csv);
      assert.equal(res.status, 400);
      assert.equal(res.body.code, 'IMPORT_REFUSED');
      const report = res.body.details;
      assert.equal(report.status, 'refused');
      assert.equal(report.totalRows, 16);
      assert.equal(report.okRows, 2); // rows 1 and 6 are fine on their own
      const expected = ['2:INVALID_COMPONENT_ID', '3:UNKNOWN_TYPE', '4:OUTSIDE_CITY', '5:OUTSIDE_GRIDS', '7:DUPLICATE_ID', '8:DUPLICATE_ID',
        '9:INVALID_CREDIT_CODE', '10:INVALID_CREDIT_CODE', '11:INVALID_STATUS', '11:INVALID_DATE', '11:INVALID_ACCURACY', '12:INVALID_COORDINATE',
        '13:UNKNOWN_CRS', '14:UNKNOWN_TYPE', '15:TYPE_MISMATCH', '16:COMPONENT_DIVISION_MISMATCH'];
      for (const e of expected) assert.ok(codesOf(report.errors).includes(e), `missing ${e} in ${codesOf(report.errors)}`);
      assert.ok(report.errors.every((e: any) => /[\u4e00-\u9fa5]/.test(e.message) && e.field));
      const dupInDb = report.errors.find((e: any) => e.row === 8);
      assert.match(dupInDb.message, /已存在/);
      assert.equal(await count('components'), before);
      const run = await p.db.maybeOne<any>('select status, errors from import_runs where id = $1', [report.runId]);
      assert.equal(run.status, 'refused');
      assert.equal(run.errors.length, report.errorCount);
    });

    it('finds unknown departments by credit code', async () => {
      const csv = [HEADER, `,01001,,119.0002,34.0002,,,${makeCreditCode('91', '379900', 'MA000000')},,,,,,`].join('\n');
      const res = await upload('components', 'dept.csv', csv, admin, '?dryRun=true');
      assert.equal(res.status, 200);
      assert.equal(res.body.status, 'refused');
      assert.deepEqual(codesOf(res.body.errors), ['1:UNKNOWN_DEPARTMENT']);
    });

    it('checks without writing on a dry run and records no run', async () => {
      const runs = await count('import_runs');
      const before = await count('components');
      const res = await upload('components', 'dry.csv', [HEADER, `,01001,,119.0002,34.0002,,,,,,,,,`].join('\n'), admin, '?dryRun=true');
      assert.equal(res.status, 200);
      assert.deepEqual([res.body.status, res.body.dryRun, res.body.runId, res.body.inserted], ['valid', true, null, 0]);
      assert.equal(await count('components'), before);
      assert.equal(await count('import_runs'), runs);
    });

    it('imports point GeoJSON as well', async () => {
      const res = await upload('components', 'points.geojson', collection([
        { properties: { TYPE_CODE: '02001', NAME: '候车亭', STATUS: '完好' }, geometry: { type: 'Point', coordinates: [119.0007, 34.0002] } },
      ]));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const row = await p.db.maybeOne<any>("select id, grid_code from components where type_code = '02001'");
      assert.deepEqual([row.id, row.grid_code], [`${DISTRICT}02001000001`, `${COMMUNITY_A}002`]);
    });

    it('keeps district administrators to their district and collectors out', async () => {
      const before = await count('components');
      const res = await upload('components', 'other.csv', [HEADER, `,01001,,119.0002,34.0002,,,,,,,,,`].join('\n'), await p.loginAs('district_admin'));
      assert.equal(res.status, 400);
      assert.deepEqual(codesOf(res.body.details.errors), ['1:OUT_OF_SCOPE']);
      assert.equal(await count('components'), before);
      const collector = await upload('components', 'c.csv', HEADER, await p.loginAs('collector1'));
      assert.deepEqual([collector.status, collector.body.code], [403, 'FORBIDDEN']);
    });
  });

  describe('grids', () => {
    it('imports grids from GeoJSON; gaps left are warnings, and the locator sees the new grids', async () => {
      const res = await upload('grids', 'grids.geojson', collection([
        { properties: { code: `${COMMUNITY_A}003`, name: '北一', start_date: '2026-01-01' }, geometry: square(119.0, 34.0005, 0.0005) },
        { properties: { code: `${COMMUNITY_A}004`, name: '北二' }, geometry: square(119.0005, 34.0005, 0.0005) },
      ]));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual([res.body.status, res.body.inserted], ['done', 2]);
      assert.deepEqual(res.body.topology.overlaps, []);
      assert.deepEqual(res.body.topology.outside, []);
      assert.ok(!res.body.warnings.some((w: any) => w.code === 'GRID_GAP'), JSON.stringify(res.body.warnings));
      const located = await p.request({ method: 'GET', url: '/api/locate?lon=119.0007&lat=34.0008', headers: admin });
      assert.equal(located.body.gridCode, `${COMMUNITY_A}004`);
    });

    it('refuses overlaps and grids outside their community, with the topology report', async () => {
      const before = await count('unit_grids');
      const res = await upload('grids', 'overlap.geojson', collection([
        { properties: { code: `${COMMUNITY_B}003`, name: '压线' }, geometry: square(119.0012, 34.0003, 0.0005) },
        { properties: { code: `${COMMUNITY_B}004`, name: '出界' }, geometry: square(119.0015, 34.0008, 0.0005) },
      ]));
      assert.equal(res.status, 400);
      const report = res.body.details;
      assert.deepEqual(codesOf(report.errors).sort(), ['1:GRID_OVERLAP', '1:GRID_OVERLAP', '2:GRID_OUTSIDE_COMMUNITY'].sort());
      assert.ok(report.topology.overlaps.some((o: any) => [o.a, o.b].includes(`${COMMUNITY_B}001`)));
      assert.equal(await count('unit_grids'), before);
    });

    it('imports with a gap warning when the community stays partly uncovered', async () => {
      const res = await upload('grids', 'gap.geojson', collection([
        { properties: { code: `${COMMUNITY_B}003`, name: '半格' }, geometry: ring2(119.001, 34.0005, 0.0005, 0.00025) },
      ]));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(res.body.warnings.some((w: any) => w.code === 'GRID_GAP' && w.message.includes(COMMUNITY_B)));
    });

    it('refuses bad codes, unknown communities, malformed and self-intersecting polygons, duplicates', async () => {
      const before = await count('unit_grids');
      const g = square(119.0015, 34.0005, 0.0002);
      const res = await upload('grids', 'bad.geojson', collection([
        { properties: { code: '3799020010020', name: 'a' }, geometry: g },
        { properties: { code: '379902001009001', name: 'b' }, geometry: g },
        { properties: { code: `${COMMUNITY_B}005`, name: 'c' }, geometry: { type: 'Polygon', coordinates: [[[119.0015, 34.0005]]] } },
        { properties: { code: `${COMMUNITY_B}006`, name: 'd' }, geometry: { type: 'Polygon', coordinates: [[[119.0015, 34.0005], [119.0017, 34.0007], [119.0017, 34.0005], [119.0015, 34.0007], [119.0015, 34.0005]]] } },
        { properties: { code: `${COMMUNITY_B}007`, name: 'e' }, geometry: g },
        { properties: { code: `${COMMUNITY_B}007`, name: 'f' }, geometry: g },
        { properties: { code: `${COMMUNITY_A}001`, name: 'g' }, geometry: g },
        { properties: { code: `${COMMUNITY_B}008` }, geometry: square(130, 40, 0.001) },
        { properties: { code: `${COMMUNITY_B}009`, name: 'i', end_date: '2026-13-01' }, geometry: null },
      ]));
      assert.equal(res.status, 400);
      const codes = codesOf(res.body.details.errors);
      for (const e of ['1:INVALID_GRID_CODE', '2:GRID_COMMUNITY_MISMATCH', '3:RING_TOO_SHORT', '4:SELF_INTERSECTION', '6:DUPLICATE_CODE',
        '7:DUPLICATE_CODE', '8:REQUIRED', '8:OUTSIDE_CITY', '9:INVALID_DATE', '9:GEOMETRY_NOT_OBJECT']) {
        assert.ok(codes.includes(e), `missing ${e} in ${codes}`);
      }
      assert.equal(await count('unit_grids'), before);
    });

    it('imports a zipped Shapefile, reading GBK names through its .cpg', async () => {
      const community = await p.request({ method: 'POST', url: '/api/divisions', headers: admin,
        payload: { code: `${STREET}003`, name: '新村社区', geometry: square(119.002, 34.0, 0.001) } });
      assert.equal(community.status, 201);
      const zip = shapefileZip([
        { ring: ring(119.002, 34.0, 0.001, 0.0005), values: [Buffer.from(`${STREET}003001`), gbk('b1b1d2bbcdf8b8f1')] },
        { ring: ring(119.002, 34.0005, 0.001, 0.0005), values: [Buffer.from(`${STREET}003002`), gbk('b1b1b6fecdf8b8f1')] },
      ], ['CODE', 'NAME'], 'GBK');
      const res = await upload('grids', 'grids.zip', zip);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual([res.body.inserted, res.body.warnings], [2, []]);
      const rows = await p.db.query<any>('select code, name, area_m2 from unit_grids where community_code = $1 order by code', [`${STREET}003`]);
      assert.deepEqual(rows.map((r) => r.name), ['北一网格', '北二网格']);
      assert.ok(rows[0].area_m2 > 4000);
    });

    it('reads a Shapefile without .cpg whose names are GBK', async () => {
      const zip = shapefileZip([{ ring: ring(119.002, 34.0, 0.001, 0.0005), values: [Buffer.from('x'), gbk('cdf8b8f1')] }], ['CODE', 'NAME']);
      const records = await readShapefileZip(zip);
      assert.equal(records[0].properties.name, '网格');
      assert.equal((records[0].geometry as any).type, 'Polygon');
    });
  });

  describe('divisions, roads and landmarks', () => {
    it('imports several levels at once, parents from the same file', async () => {
      const res = await upload('divisions', 'divisions.geojson', collection([
        { properties: { code: '379902002001', name: '东风社区' }, geometry: square(119.011, 34.011, 0.002) },
        { properties: { code: '379902002', name: '东风街道', level: 'street' }, geometry: square(119.01, 34.01, 0.005) },
      ]));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.inserted, 2);
      const row = await p.db.maybeOne<any>("select parent_code, level from divisions where code = '379902002001'");
      assert.deepEqual([row.parent_code, row.level], ['379902002', 'community']);
    });

    it('refuses wrong levels, parents that exist nowhere and bad polygons', async () => {
      const before = await count('divisions');
      const res = await upload('divisions', 'bad.geojson', collection([
        { properties: { code: '379902003', name: 'a', level: 'district' }, geometry: null },
        { properties: { code: '379902009001', name: 'b' }, geometry: null },
        { properties: { code: '379902004', name: 'c', parent_code: '379903' }, geometry: null },
        { properties: { code: '37990200', name: 'd' }, geometry: null },
        { properties: { code: '379902005', name: 'e' }, geometry: square(125, 40, 0.01) },
      ]));
      assert.equal(res.status, 400);
      assert.deepEqual(codesOf(res.body.details.errors), ['1:LEVEL_MISMATCH', '2:UNKNOWN_PARENT', '3:PARENT_MISMATCH', '4:INVALID_DIVISION_CODE', '5:OUTSIDE_CITY']);
      assert.equal(await count('divisions'), before);
    });

    it('imports roads and landmarks city-wide, refusing duplicates', async () => {
      const roads = collection([
        { properties: { name: '人民路', class: '主干路' }, geometry: { type: 'LineString', coordinates: [[119.0, 34.0003], [119.05, 34.0003]] } },
        { properties: { name: '建设路', class: '次干路' }, geometry: { type: 'LineString', coordinates: [[119.0005, 34.0], [119.0005, 34.05]] } },
      ]);
      const ok = await upload('roads', 'roads.geojson', roads);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const again = await upload('roads', 'roads.geojson', roads);
      assert.deepEqual(codesOf(again.body.details.errors), ['1:DUPLICATE_ROAD', '2:DUPLICATE_ROAD']);
      const badClass = await upload('roads', 'r.geojson', collection([{ properties: { name: '小路', class: '胡同' }, geometry: { type: 'LineString', coordinates: [[119.0, 34.0], [119.001, 34.0]] } }]));
      assert.deepEqual(codesOf(badClass.body.details.errors), ['1:INVALID_ROAD_CLASS']);
      const located = await p.request({ method: 'GET', url: '/api/locate?lon=119.0006&lat=34.0004', headers: admin });
      assert.match(located.body.description, /人民路|建设路/);
      const marks = 'name,category,lon,lat,address\n市政府,政府机关,119.0004,34.0004,人民路1号\n博物馆,文化,119.0014,34.0004,\n';
      assert.equal((await upload('landmarks', 'landmarks.csv', marks)).status, 200);
      const dup = await upload('landmarks', 'landmarks.csv', marks);
      assert.deepEqual(codesOf(dup.body.details.errors), ['1:DUPLICATE_LANDMARK', '2:DUPLICATE_LANDMARK']);
      assert.equal(await count('landmarks'), 2);
      const district = await upload('roads', 'roads.geojson', roads, await p.loginAs('district_admin'));
      assert.deepEqual([district.status, district.body.code], [403, 'OUT_OF_SCOPE']);
    });
  });

  describe('files and runs', () => {
    it('answers unreadable files with a 4xx and a report', async () => {
      const txt = await upload('grids', 'grids.txt', 'hello');
      assert.deepEqual([txt.status, txt.body.code], [400, 'UNSUPPORTED_FORMAT']);
      const json = await upload('grids', 'grids.geojson', '{"type": "FeatureCollection", ');
      assert.equal(json.status, 400);
      assert.deepEqual(codesOf(json.body.details.errors), ['0:INVALID_FILE']);
      const zip = await upload('grids', 'grids.zip', 'not a zip');
      assert.deepEqual(codesOf(zip.body.details.errors), ['0:INVALID_FILE']);
      const empty = await upload('components', 'empty.csv', HEADER);
      assert.deepEqual(codesOf(empty.body.details.errors), ['0:EMPTY_FILE']);
      const body = multipart('grids.geojson', '{}', 'upload');
      const wrongField = await p.request({ method: 'POST', url: '/api/import/grids', headers: { ...admin, ...body.headers }, payload: body.payload });
      assert.deepEqual([wrongField.status, wrongField.body.code], [400, 'FILE_REQUIRED']);
      const notMultipart = await p.request({ method: 'POST', url: '/api/import/grids', headers: admin, payload: { a: 1 } });
      assert.equal(notMultipart.status, 400);
      const unknownKind = await upload('people', 'x.csv', 'a');
      assert.equal(unknownKind.status, 400);
    });

    it('lists import runs and shows one with its errors', async () => {
      const list = await p.request({ method: 'GET', url: '/api/import/runs?pageSize=100', headers: admin });
      assert.equal(list.status, 200);
      assert.ok(list.body.total >= 10);
      const refused = list.body.items.find((r: any) => r.status === 'refused' && r.kind === 'components' && r.errorCount > 10);
      assert.ok(refused);
      const one = await p.request({ method: 'GET', url: `/api/import/runs/${refused.id}`, headers: admin });
      assert.equal(one.body.errors.length, refused.errorCount);
      assert.equal(one.body.userName, '测试admin');
      assert.deepEqual((await p.request({ method: 'GET', url: '/api/import/runs/99999', headers: admin })).status, 404);
      const kind = await p.request({ method: 'GET', url: '/api/import/runs?kind=roads', headers: admin });
      assert.ok(kind.body.items.every((r: any) => r.kind === 'roads'));
    });

    it('rolls back a write that fails half-way and records the run as failed', async () => {
      await p.db.exec(`create function refuse_third() returns trigger language plpgsql as $$
        begin if (select count(*) from landmarks) >= 3 then raise exception 'disk full'; end if; return new; end $$;
        create trigger refuse_third before insert on landmarks for each row execute function refuse_third();`);
      try {
        const before = await count('landmarks');
        const res = await upload('landmarks', 'more.csv', 'name,category,lon,lat\n甲,其他,119.0001,34.0001\n乙,其他,119.0002,34.0001\n丙,其他,119.0003,34.0001\n');
        assert.equal(res.status, 500);
        assert.equal(await count('landmarks'), before);
        const run = await p.db.maybeOne<any>("select status, errors from import_runs where file_name = 'more.csv'");
        assert.equal(run.status, 'failed');
        assert.match(run.errors[0].message, /disk full/);
      } finally {
        await p.db.exec('drop trigger refuse_third on landmarks; drop function refuse_third();');
      }
    });

    it('reports progress phase by phase', async () => {
      const lines = [HEADER];
      for (let i = 0; i < 12_000; i++) lines.push(`,01004,,${119.0001 + (i % 90) * 0.00001},34.0001,,,,,,,,,`);
      const seen: [ImportPhase, number, number][] = [];
      const report = await runImport(p.ctx, SYSTEM_ACTOR, {
        kind: 'components', fileName: 'many.csv', data: Buffer.from(lines.join('\n')), onProgress: (phase, done, total) => seen.push([phase, done, total]),
      });
      assert.deepEqual([report.status, report.inserted], ['done', 12_000]);
      assert.deepEqual([...new Set(seen.map((s) => s[0]))], ['read', 'validate', 'write']);
      const validate = seen.filter((s) => s[0] === 'validate');
      assert.deepEqual(validate.map((s) => s[1]), [0, 5000, 10_000, 12_000]);
      assert.deepEqual(seen.filter((s) => s[0] === 'write').map((s) => s[1]), [0, 5000, 10_000, 12_000]);
      const ids = await p.db.query<any>("select id from components where type_code = '01004' order by id");
      assert.deepEqual([ids[0].id, ids[ids.length - 1].id], [`${DISTRICT}01004000001`, `${DISTRICT}01004012000`]);
    });
  });
});

function ring2(lon: number, lat: number, w: number, h: number) {
  return { type: 'Polygon', coordinates: [ring(lon, lat, w, h)] };
}
