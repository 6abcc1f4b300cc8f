import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Position } from 'geojson';
import { validateLineString, validatePoint, validatePolygon, type Bounds } from '../../src/base/spatial/geometry.ts';

const CITY: Bounds = [119.0, 34.0, 119.5, 34.4];
const square = (x: number, y: number, s: number): Position[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

function fails(result: { ok: boolean; code?: string; message?: string }, code: string, message: RegExp) {
  assert.equal(result.ok, false, `expected ${code}`);
  assert.equal(result.code, code);
  assert.match(result.message!, message);
}

test('a valid polygon comes back with bbox and area', () => {
  const r = validatePolygon({ type: 'Polygon', coordinates: [square(119.1, 34.1, 0.001)] }, { bounds: CITY });
  assert.ok(r.ok);
  assert.deepEqual(r.bbox, [119.1, 34.1, 119.101, 34.101]);
  const expected = 0.001 * 111_195 * 0.001 * 111_195 * Math.cos((34.1005 * Math.PI) / 180);
  assert.ok(Math.abs(r.areaM2 - expected) / expected < 0.005, `${r.areaM2} vs ${expected}`);
});

test('a polygon with a hole and a multipolygon are valid; the hole is not counted in the area', () => {
  const holed = validatePolygon({ type: 'Polygon', coordinates: [square(119.1, 34.1, 0.002), square(119.1005, 34.1005, 0.001).reverse()] });
  const plain = validatePolygon({ type: 'Polygon', coordinates: [square(119.1, 34.1, 0.002)] });
  assert.ok(holed.ok && plain.ok);
  assert.ok(Math.abs(holed.areaM2 / plain.areaM2 - 0.75) < 0.001);
  const multi = validatePolygon({ type: 'MultiPolygon', coordinates: [[square(119.1, 34.1, 0.001)], [square(119.2, 34.2, 0.001)]] });
  assert.ok(multi.ok);
  assert.equal(multi.geometry.type, 'MultiPolygon');
  assert.deepEqual(multi.bbox, [119.1, 34.1, 119.2 + 0.001, 34.2 + 0.001]);
});

test('heights are dropped and repeated positions removed', () => {
  const r = validatePolygon({ type: 'Polygon', coordinates: [[[119.1, 34.1, 12], [119.101, 34.1, 12], [119.101, 34.1, 13], [119.101, 34.101], [119.1, 34.101], [119.1, 34.1, 5]]] });
  assert.ok(r.ok);
  assert.deepEqual(r.geometry.coordinates, [[[119.1, 34.1], [119.101, 34.1], [119.101, 34.101], [119.1, 34.101], [119.1, 34.1]]]);
});

test('structure errors: not an object, wrong type, malformed coordinates', () => {
  for (const bad of [null, 'Polygon', 42, [1, 2]]) fails(validatePolygon(bad), 'GEOMETRY_NOT_OBJECT', /GeoJSON 对象/);
  fails(validatePolygon({ type: 'LineString', coordinates: [[119, 34], [119.1, 34]] }), 'GEOMETRY_WRONG_TYPE', /Polygon 或 MultiPolygon，实际为 LineString/);
  fails(validatePolygon({ coordinates: [] }), 'GEOMETRY_WRONG_TYPE', /实际为 空/);
  fails(validatePolygon({ type: 'Polygon', coordinates: [] }), 'GEOMETRY_MALFORMED', /coordinates/);
  fails(validatePolygon({ type: 'Polygon', coordinates: [[[119.1, 34.1], 'x', [119.1, 34.2], [119.1, 34.1]]] }), 'GEOMETRY_MALFORMED', /第 2 个坐标/);
});

test('ring errors: too few positions, not closed', () => {
  fails(validatePolygon({ type: 'Polygon', coordinates: [[[119.1, 34.1], [119.2, 34.1], [119.1, 34.1]]] }), 'RING_TOO_SHORT', /外环至少需要 4 个坐标点/);
  fails(validatePolygon({ type: 'Polygon', coordinates: [[[119.1, 34.1], [119.2, 34.1], [119.2, 34.1], [119.1, 34.1]]] }), 'RING_TOO_SHORT', /3 个不同/);
  fails(validatePolygon({ type: 'Polygon', coordinates: [square(119.1, 34.1, 0.01).slice(0, 4)] }), 'RING_NOT_CLOSED', /外环未闭合/);
  fails(validatePolygon({ type: 'MultiPolygon', coordinates: [[square(119.1, 34.1, 0.01)], [square(119.3, 34.1, 0.01), square(119.301, 34.101, 0.001).slice(0, 4)]] }),
    'RING_NOT_CLOSED', /第 2 个多边形的第 1 个内环未闭合/);
});

test('coordinate errors: non-finite, out of range, outside the city', () => {
  fails(validatePolygon({ type: 'Polygon', coordinates: [[[119.1, 34.1], [NaN, 34.1], [119.2, 34.2], [119.1, 34.1]]] }), 'INVALID_COORDINATE', /第 2 个坐标无效/);
  fails(validatePolygon({ type: 'Polygon', coordinates: [[[119.1, 34.1], [119.2, 94.1], [119.2, 34.2], [119.1, 34.1]]] }), 'INVALID_COORDINATE', /纬度/);
  fails(validatePolygon({ type: 'Polygon', coordinates: [[[200, 34.1], [119.2, 34.1], [119.2, 34.2], [200, 34.1]]] }), 'INVALID_COORDINATE', /经度/);
  fails(validatePolygon({ type: 'Polygon', coordinates: [square(119.49, 34.1, 0.02)] }, { bounds: CITY }), 'OUTSIDE_CITY', /^坐标超出本市范围$/);
  assert.ok(validatePolygon({ type: 'Polygon', coordinates: [square(119.49, 34.1, 0.01)] }, { bounds: CITY }).ok); // on the edge is inside
});

test('a bow-tie and other self-intersections are refused', () => {
  const bowTie = [[119.1, 34.1], [119.2, 34.2], [119.2, 34.1], [119.1, 34.2], [119.1, 34.1]];
  fails(validatePolygon({ type: 'Polygon', coordinates: [bowTie] }), 'SELF_INTERSECTION', /自相交（在 119\.150000, 34\.150000 附近）/);
  // a hole poking out of its shell
  fails(validatePolygon({ type: 'Polygon', coordinates: [square(119.1, 34.1, 0.01), square(119.105, 34.105, 0.01)] }), 'SELF_INTERSECTION', /自相交/);
  fails(validatePolygon({ type: 'Polygon', coordinates: [[[119.1, 34.1], [119.2, 34.1], [119.3, 34.1], [119.1, 34.1]]] }), 'GEOMETRY_ZERO_AREA', /面积为零/);
});

test('large rings (checked on a segment index instead of turf kinks) are judged the same way', () => {
  const n = 5000;
  const circle: Position[] = [];
  for (let i = 0; i < n; i++) circle.push([119.2 + 0.05 * Math.cos((2 * Math.PI * i) / n), 34.2 + 0.05 * Math.sin((2 * Math.PI * i) / n)]);
  circle.push(circle[0]);
  assert.ok(validatePolygon({ type: 'Polygon', coordinates: [circle] }).ok);
  const crossed = circle.slice();
  [crossed[100], crossed[101]] = [crossed[101], crossed[100]];
  fails(validatePolygon({ type: 'Polygon', coordinates: [crossed] }), 'SELF_INTERSECTION', /自相交/);
  // a large shell with a small hole crossing it
  const poking = square(119.2 + 0.05 - 0.001, 34.2 - 0.0005, 0.002);
  fails(validatePolygon({ type: 'Polygon', coordinates: [circle, poking] }), 'SELF_INTERSECTION', /自相交/);
  assert.ok(validatePolygon({ type: 'Polygon', coordinates: [circle, square(119.2, 34.2, 0.002)] }).ok);
});

test('validatePoint', () => {
  assert.deepEqual(validatePoint(119.2, 34.2, CITY), { ok: true, lon: 119.2, lat: 34.2 });
  fails(validatePoint(119.2, 34.5, CITY), 'OUTSIDE_CITY', /坐标超出本市范围/);
  fails(validatePoint('119.2', 34.2), 'INVALID_COORDINATE', /坐标无效/);
  fails(validatePoint(119.2, Infinity), 'INVALID_COORDINATE', /坐标无效/);
  assert.ok(validatePoint(-170, 80).ok);
});

test('validateLineString accepts lines and multilines and measures them', () => {
  const line = validateLineString({ type: 'LineString', coordinates: [[119.1, 34.1], [119.1, 34.1], [119.1, 34.11, 3]] }, { bounds: CITY });
  assert.ok(line.ok);
  assert.deepEqual(line.geometry.coordinates, [[119.1, 34.1], [119.1, 34.11]]);
  assert.ok(Math.abs(line.lengthM - 1112) < 2, `${line.lengthM}`);
  const multi = validateLineString({ type: 'MultiLineString', coordinates: [[[119.1, 34.1], [119.2, 34.1]], [[119.3, 34.2], [119.3, 34.3]]] });
  assert.ok(multi.ok);
  assert.deepEqual(multi.bbox, [119.1, 34.1, 119.3, 34.3]);
  fails(validateLineString({ type: 'LineString', coordinates: [[119.1, 34.1], [119.1, 34.1]] }), 'LINE_TOO_SHORT', /线至少需要 2 个不同的坐标点/);
  fails(validateLineString({ type: 'MultiLineString', coordinates: [[[119.1, 34.1], [119.2, 34.1]], [[119.3, 34.2]]] }), 'LINE_TOO_SHORT', /第 2 条线/);
  fails(validateLineString({ type: 'Polygon', coordinates: [] }), 'GEOMETRY_WRONG_TYPE', /LineString 或 MultiLineString/);
  fails(validateLineString({ type: 'LineString', coordinates: [[119.1, 34.1], [121, 34.1]] }, { bounds: CITY }), 'OUTSIDE_CITY', /坐标超出本市范围/);
});
