import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distance } from '@turf/turf';
import { AppError } from '../../src/platform/errors.ts';
import { isCrs, LocalProjection, toWgs84 } from '../../src/base/spatial/coords.ts';

const metresBetween = (a: number[], b: number[]) => distance(a, b, { units: 'meters' });

// WGS84 → GCJ-02 / BD-09 as gcoord 1.0.7 computes them (Tiananmen and a point in the test city)
const KNOWN = [
  { wgs: [116.403988, 39.914266], gcj: [116.41023240747266, 39.915670251113426], bd: [116.41661560068297, 39.92196580126834] },
  { wgs: [119.2, 34.25], gcj: [119.20553123279359, 34.24878266944716], bd: [119.21211652966335, 34.25452592162673] },
];

test('GCJ-02 and BD-09 positions come back to WGS84 within a metre', () => {
  for (const k of KNOWN) {
    assert.ok(metresBetween(toWgs84(k.gcj[0], k.gcj[1], 'GCJ02'), k.wgs) < 1);
    assert.ok(metresBetween(toWgs84(k.bd[0], k.bd[1], 'BD09'), k.wgs) < 1);
    // the offsets are real: hundreds of metres
    assert.ok(metresBetween(k.gcj, k.wgs) > 400);
    assert.ok(metresBetween(k.bd, k.wgs) > 1000);
  }
});

test('WGS84 and CGCS2000 are taken as they are', () => {
  assert.deepEqual(toWgs84(119.123, 34.456), [119.123, 34.456]);
  assert.deepEqual(toWgs84(119.123, 34.456, 'WGS84'), [119.123, 34.456]);
  assert.deepEqual(toWgs84(119.123, 34.456, 'CGCS2000'), [119.123, 34.456]);
});

test('bad numbers and unknown systems are 400 errors with Chinese messages', () => {
  for (const [lon, lat] of [[NaN, 34], [119, Infinity], [181, 34], [119, -91], ['119' as unknown as number, 34]]) {
    assert.throws(() => toWgs84(lon, lat, 'GCJ02'), (err: unknown) =>
      err instanceof AppError && err.statusCode === 400 && err.code === 'INVALID_COORDINATE' && /坐标无效/.test(err.message));
  }
  assert.throws(() => toWgs84(119, 34, 'EPSG3857' as never), (err: unknown) =>
    err instanceof AppError && err.statusCode === 400 && err.code === 'UNKNOWN_CRS' && /不支持的坐标系/.test(err.message));
  assert.ok(isCrs('BD09') && isCrs('CGCS2000') && !isCrs('bd09') && !isCrs(undefined));
});

test('LocalProjection measures metres like turf within 0.1 % across a city', () => {
  const p = LocalProjection.around([[119.0, 34.0], [119.4, 34.3]]);
  for (const [a, b] of [[[119.0, 34.0], [119.4, 34.3]], [[119.2, 34.15], [119.2012, 34.1507]]]) {
    const planar = Math.hypot(p.x(b[0]) - p.x(a[0]), p.y(b[1]) - p.y(a[1]));
    const geodesic = metresBetween(a, b);
    assert.ok(Math.abs(planar - geodesic) / geodesic < 0.001, `${planar} vs ${geodesic}`);
  }
  assert.ok(Math.abs(p.lon(p.x(119.3)) - 119.3) < 1e-12 && Math.abs(p.lat(p.y(34.2)) - 34.2) < 1e-12);
});
