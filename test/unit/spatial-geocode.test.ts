import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReverseGeocoder, type Landmark, type RoadLine } from '../../src/base/spatial/geocode.ts';

// metres → degrees around (119.0, 34.0)
const M_LAT = 1 / 111_195;
const M_LON = 1 / (111_195 * Math.cos((34 * Math.PI) / 180));
const at = (east: number, north: number, lon = 119.0, lat = 34.0): [number, number] => [lon + east * M_LON, lat + north * M_LAT];

// 人民路 and 解放路 run east–west 1.1 km apart; 建设路 (a dual carriageway, 18 m apart) and 和平路 run north–south.
// 和平路 starts 2 m short of 人民路 (a T junction drawn short) and ends exactly on 解放路.
const ROADS: RoadLine[] = [
  { name: '人民路', geometry: { type: 'LineString', coordinates: [[118.99, 34.0], [119.01, 34.0], [119.03, 34.0]] } },
  { name: '建设路', geometry: { type: 'MultiLineString', coordinates: [[[118.9999, 33.99], [118.9999, 34.02]], [[119.0001, 34.02], [119.0001, 33.99]]] } },
  { name: '解放路', geometry: { type: 'LineString', coordinates: [[118.99, 34.01], [119.03, 34.01]] } },
  { name: '和平路', geometry: { type: 'LineString', coordinates: [at(0, 2, 119.02), [119.02, 34.01]] } },
  { name: '人民路', geometry: { type: 'LineString', coordinates: [[119.03, 34.0], [119.05, 34.0]] } },
];
const LANDMARKS: Landmark[] = [
  { name: '市第一中学', lon: 119.01, lat: 34.005 },
  { name: '人民医院', lon: 119.011, lat: 34.0008 },
];

const geocoder = new ReverseGeocoder(ROADS, LANDMARKS);

test('finds the intersections of differently named roads, merging dual carriageways and snapping short T junctions', () => {
  const found = geocoder.intersections.map((i) => ({ roads: i.roads.join('与'), lon: i.lon, lat: i.lat }))
    .sort((a, b) => a.roads.localeCompare(b.roads));
  // names in the order the roads were given: 建设路 comes before 解放路
  assert.deepEqual(found.map((f) => f.roads).sort(), ['人民路与和平路', '人民路与建设路', '建设路与解放路', '解放路与和平路'].sort());
  const byName = new Map(found.map((f) => [f.roads, f]));
  const close = (name: string, lon: number, lat: number) => {
    const f = byName.get(name)!;
    assert.ok(Math.abs(f.lon - lon) < 2e-6 && Math.abs(f.lat - lat) < 2e-6, `${name} at ${f.lon}, ${f.lat}`);
  };
  close('人民路与建设路', 119.0, 34.0); // the two carriageways' crossings averaged
  close('建设路与解放路', 119.0, 34.01);
  close('人民路与和平路', 119.02, 34.0);
  close('解放路与和平路', 119.02, 34.01);
});

test('near an intersection: compass direction and distance rounded to 10 m', () => {
  assert.equal(geocoder.describe(...at(0, 80)), '人民路与建设路交叉口北约80米');
  assert.equal(geocoder.describe(...at(0, -83)), '人民路与建设路交叉口南约80米');
  assert.equal(geocoder.describe(...at(100, 100)), '人民路与建设路交叉口东北约140米');
  assert.equal(geocoder.describe(...at(-120, -60)), '人民路与建设路交叉口西南约130米');
  assert.equal(geocoder.describe(...at(-250, 10)), '人民路与建设路交叉口西约250米');
  assert.equal(geocoder.describe(...at(3, 4)), '人民路与建设路交叉口处');
  assert.equal(geocoder.describe(...at(-50, 0, 119.02, 34.01)), '解放路与和平路交叉口西约50米');
  assert.equal(geocoder.describe(...at(0, 12)), '人民路与建设路交叉口北约10米');
});

test('else by the nearest road, naming a landmark within 300 m', () => {
  assert.equal(geocoder.describe(...at(0, 40, 119.01)), '人民路（近人民医院）北侧约40米');
  assert.equal(geocoder.describe(...at(0, -60, 119.025)), '人民路南侧约60米');
  assert.equal(geocoder.describe(...at(0, 3, 119.025)), '人民路');
  assert.equal(geocoder.describe(...at(-150, 0, 119.02, 34.005)), '和平路西侧约150米');
});

test('else by the nearest landmark; else nothing', () => {
  assert.equal(geocoder.describe(...at(-176.8, -176.8, 119.01, 34.005)), '市第一中学西南约250米');
  assert.equal(geocoder.describe(...at(0, 5, 119.01, 34.005)), '市第一中学处');
  assert.equal(geocoder.describe(119.5, 34.5), '');
  assert.equal(new ReverseGeocoder([], []).describe(119, 34), '');
});

test('nearestRoad gives the road, the distance and the nearest point on it', () => {
  const road = geocoder.nearestRoad(...at(0, 40, 119.01))!;
  assert.equal(road.name, '人民路');
  assert.ok(Math.abs(road.distanceM - 40) < 0.1, `${road.distanceM}`);
  assert.ok(Math.abs(road.lon - 119.01) < 1e-9 && Math.abs(road.lat - 34.0) < 1e-9);
  assert.equal(geocoder.nearestRoad(...at(0, 300, 119.01)), undefined);
  assert.equal(geocoder.nearestRoad(...at(0, 300, 119.01), 500)?.name, '人民路');
  assert.equal(new ReverseGeocoder([], []).nearestRoad(119, 34), undefined);
});

test('builds quickly for a city-sized road network', () => {
  const roads: RoadLine[] = [];
  for (let i = 0; i < 150; i++) {
    const wobble = (k: number) => Math.sin(k + i) * 0.0002;
    const ew = Array.from({ length: 62 }, (_, k) => [118.995 + k * 0.005, 34.0 + i * 0.002 + wobble(k)]);
    const ns = Array.from({ length: 62 }, (_, k) => [119.0 + i * 0.002 + wobble(k), 33.995 + k * 0.005]);
    roads.push({ name: `东西${i}路`, geometry: { type: 'LineString', coordinates: ew } });
    roads.push({ name: `南北${i}路`, geometry: { type: 'LineString', coordinates: ns } });
  }
  const big = new ReverseGeocoder(roads, []);
  assert.equal(big.intersections.length, 150 * 150);
  assert.match(big.describe(119.1 + 0.0001, 34.1), /^(东西50路与南北50路|南北50路与东西50路)交叉口/);
});
