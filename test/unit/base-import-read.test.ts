import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeText, dateText, geometryToWgs84, pointOf, rowCrs, text } from '../../src/base/import/fields.ts';
import { dbfEncoding, decodeText, formatOf, readCsv, readGeoJson } from '../../src/base/import/read.ts';
import { RowReport } from '../../src/base/import/report.ts';
import { AppError } from '../../src/platform/errors.ts';

const record = (properties: Record<string, unknown>, geometry: unknown = null) => ({ row: 7, geometry, properties });
const codes = (r: RowReport) => r.errors.map((e) => `${e.row}:${e.field}:${e.code}`);

describe('import file readers', () => {
  it('knows formats by extension and refuses others', () => {
    assert.equal(formatOf('a.GeoJSON'), 'geojson');
    assert.equal(formatOf('a.json'), 'geojson');
    assert.equal(formatOf('网格.zip'), 'shapefile');
    assert.equal(formatOf('b.csv'), 'csv');
    assert.throws(() => formatOf('c.xlsx'), (e: AppError) => e.code === 'UNSUPPORTED_FORMAT');
  });

  it('decodes UTF-8 with or without BOM, and GBK', () => {
    assert.equal(decodeText(Buffer.from('\uFEFF名称')), '名称');
    assert.equal(decodeText(Buffer.from('cdf8b8f1', 'hex')), '网格');
  });

  it('reads CSV with lower-cased headers, a BOM, quoted fields and GeoJSON text in a geometry column', () => {
    const csv = '\uFEFFCode, Name ,geometry\r\n379902001001001,"网格,一","{""type"":""Point"",""coordinates"":[119,34]}"\r\n\r\n2,二,not json\r\n';
    const rows = readCsv(Buffer.from(csv));
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0], { row: 1, geometry: { type: 'Point', coordinates: [119, 34] }, properties: { code: '379902001001001', name: '网格,一' } });
    assert.equal(rows[1].geometry, 'not json');
    const gbkCsv = Buffer.concat([Buffer.from('name\n'), Buffer.from('cdf8b8f1', 'hex'), Buffer.from('\n')]);
    assert.equal(readCsv(gbkCsv)[0].properties.name, '网格');
    assert.throws(() => readCsv(Buffer.from('a,b\n"unterminated')), (e: AppError) => e.code === 'INVALID_FILE');
  });

  it('reads GeoJSON feature collections and single features', () => {
    const fc = readGeoJson(Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { CODE: '1' }, geometry: { type: 'Point', coordinates: [1, 2] } },
      { type: 'Feature', properties: null, geometry: null },
    ] })));
    assert.deepEqual(fc.map((r) => [r.row, r.properties]), [[1, { code: '1' }], [2, {}]]);
    assert.equal(readGeoJson(Buffer.from(JSON.stringify({ type: 'Feature', properties: {}, geometry: null }))).length, 1);
    assert.throws(() => readGeoJson(Buffer.from('{"type":"Point","coordinates":[1,2]}')), (e: AppError) => e.code === 'INVALID_FILE');
    assert.throws(() => readGeoJson(Buffer.from('{oops')), (e: AppError) => e.code === 'INVALID_FILE');
  });

  it('chooses the DBF encoding from the .cpg, the language driver byte or the bytes themselves', () => {
    const dbf = (ldid: number, body: Buffer) => {
      const header = Buffer.alloc(33);
      header.writeUInt16LE(33, 8);
      header.writeUInt8(ldid, 29);
      return Buffer.concat([header, body]);
    };
    const utf8 = dbf(0, Buffer.from(' 网格'));
    const gbk = dbf(0, Buffer.from('20cdf8b8f1', 'hex'));
    assert.equal(dbfEncoding('GBK', utf8), 'gb18030');
    assert.equal(dbfEncoding(' 936 ', utf8), 'gb18030');
    assert.equal(dbfEncoding('UTF-8', gbk), 'utf-8');
    assert.equal(dbfEncoding(undefined, utf8), 'utf-8');
    assert.equal(dbfEncoding(undefined, gbk), 'gb18030');
    assert.equal(dbfEncoding(undefined, dbf(0x4d, Buffer.from(' abc'))), 'gb18030');
    assert.throws(() => dbfEncoding('klingon', utf8), (e: AppError) => e.code === 'INVALID_FILE');
  });
});

describe('import field values', () => {
  it('finds fields under English, pinyin and Chinese names', () => {
    assert.equal(text(record({ mc: ' 幸福 ' }), 'name'), '幸福');
    assert.equal(text(record({ 名称: '和平' }), 'name'), '和平');
    assert.equal(text(record({ name: '' }), 'name'), undefined);
    assert.equal(text(record({ code: 379902001001001 }), 'code'), '379902001001001');
  });

  it('refuses codes that a numeric DBF field could not hold exactly', () => {
    const report = new RowReport();
    assert.equal(codeText(record({ bsm: 37990201001000001 }), 'id', report, '部件标识码'), undefined);
    assert.deepEqual(codes(report), ['7:id:CODE_PRECISION_LOST']);
  });

  it('normalises dates and refuses impossible ones', () => {
    const report = new RowReport();
    assert.equal(dateText(record({ start_date: '2026/1/5' }), 'start_date', report, '启用日期'), '2026-01-05');
    assert.equal(dateText(record({}), 'start_date', report, '启用日期'), null);
    assert.equal(dateText(record({ start_date: '2026-02-30' }), 'start_date', report, '启用日期'), undefined);
    assert.equal(dateText(record({ start_date: '明天' }), 'start_date', report, '启用日期'), undefined);
    assert.deepEqual(codes(report), ['7:start_date:INVALID_DATE', '7:start_date:INVALID_DATE']);
  });

  it('reads the coordinate system of a row, with common spellings', () => {
    const report = new RowReport();
    assert.equal(rowCrs(record({}), 'GCJ02', report), 'GCJ02');
    assert.equal(rowCrs(record({ crs: 'epsg:4490' }), 'WGS84', report), 'CGCS2000');
    assert.equal(rowCrs(record({ crs: 'bd-09' }), 'WGS84', report), 'BD09');
    assert.equal(rowCrs(record({ crs: 'EPSG:3857' }), 'WGS84', report), undefined);
    assert.deepEqual(codes(report), ['7:crs:UNKNOWN_CRS']);
  });

  it('takes points from a Point geometry or lon/lat columns', () => {
    const report = new RowReport();
    assert.deepEqual(pointOf(record({}, { type: 'Point', coordinates: [119.1, 34.1] }), report), [119.1, 34.1]);
    assert.deepEqual(pointOf(record({ lng: '119.2', lat: '34.2' }), report), [119.2, 34.2]);
    assert.equal(pointOf(record({ lon: '119', lat: '' }), report), undefined);
    assert.equal(pointOf(record({}, { type: 'Polygon', coordinates: [] }), report), undefined);
    assert.deepEqual(codes(report), ['7:lon:INVALID_COORDINATE', '7:geometry:GEOMETRY_WRONG_TYPE']);
  });

  it('converts every position of a geometry from GCJ-02, leaving WGS84 alone', () => {
    const line = { type: 'LineString', coordinates: [[119.1, 34.1], [119.2, 34.2]] };
    assert.equal(geometryToWgs84(line, 'WGS84'), line);
    const converted = geometryToWgs84(line, 'GCJ02') as typeof line;
    assert.equal(converted.coordinates.length, 2);
    assert.ok(converted.coordinates.every(([x, y], i) => Math.abs(x - line.coordinates[i][0]) > 1e-4 && Math.abs(y - line.coordinates[i][1]) < 0.01));
  });

  it('counts rows with errors once and keeps warnings apart', () => {
    const report = new RowReport();
    report.error(1, 'a', 'X', 'x');
    report.error(1, 'b', 'Y', 'y');
    report.error(0, undefined, 'FILE', 'f');
    report.warn(0, 'geometry', 'GAP', 'g');
    assert.deepEqual([report.errorCount, report.warningCount, report.okRows(3), report.isBad(1), report.isBad(2)], [3, 1, 2, true, false]);
    assert.deepEqual(report.sorted().errors.map((e) => e.row), [0, 1, 1]);
  });
});
