// Landmarks (地标/POI): town halls, street offices, community committees, schools, hospitals, malls,
// residential compounds, parks, bus stops … each with a door-number address on the nearest road.
import type { DepartmentDef } from './departments.ts';
import { districtOf, type DivisionRow } from './divisions.ts';
import { bankAt, M_PER_DEG_LAT, XS, YS } from './layout.ts';
import { CITY_NAME, COMPOUND_SUFFIXES, DISTRICTS, MALLS, PLACE_WORDS } from './names.ts';
import type { Places, Spot } from './places.ts';
import { Rng } from './random.ts';
import { nearestRoad, OPEN_SPACES, type Network } from './roads.ts';

export type LandmarkKind = 'gov' | 'office' | 'company' | 'street_office' | 'committee' | 'police' | 'school'
  | 'kindergarten' | 'hospital' | 'clinic' | 'mall' | 'bus' | 'residential' | 'park' | 'square' | 'hub' | 'culture' | 'heritage';

const CATEGORY: Record<LandmarkKind, string> = {
  gov: '政府机关', office: '政府机关', street_office: '政府机关', committee: '政府机关', police: '政府机关',
  company: '企业', school: '学校', kindergarten: '学校', hospital: '医院', clinic: '医院', mall: '商场',
  bus: '公交站', residential: '住宅小区', park: '公园', square: '广场', hub: '交通枢纽', culture: '文体场馆',
  heritage: '文物古迹',
};

export interface Landmark { name: string; kind: LandmarkKind; category: string; lon: number; lat: number; address: string }

// district abbreviations per mall, in MALLS order
const MALL_DISTRICTS = ['zx', 'zx', 'hd', 'xc', 'gw', 'zx', 'hd', 'xc', 'hd', 'gw', 'hd', 'hd', 'hd', 'xc', 'gw'];
const CULTURE: readonly [string, string][] = [['云河市体育中心', 'xc'], ['云河市图书馆', 'zx'], ['云河市博物馆', 'zx'],
  ['云河大剧院', 'hd'], ['云河市文化馆', 'gw']];
const HERITAGE: readonly [string, string][] = [['文昌阁', 'zx'], ['古城墙遗址', 'zx'], ['魁星楼', 'zx'], ['云河老街', 'zx'],
  ['海神庙', 'gw'], ['清风书院', 'hd']];
const MIDDLE_SCHOOL_DISTRICTS = ['zx', 'hd', 'xc', 'gw', 'zx', 'xc', 'hd', 'gw', 'zx', 'xc'];
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const districtCode = (abbr: string) => DISTRICTS.find((d) => d.abbr === abbr)!.code;
const short = (street: string) => street.replace(/街道$/, '');

export function buildLandmarks(places: Places, network: Network, divisions: DivisionRow[], departments: DepartmentDef[], seed: number): Landmark[] {
  const rng = new Rng(seed, 'landmarks');
  const names = new Map(divisions.map((d) => [d.code, d.name]));
  const out: Landmark[] = [];
  const add = (name: string, kind: LandmarkKind, spot: Spot) => {
    out.push({ name, kind, category: CATEGORY[kind], lon: spot.lon, lat: spot.lat, address: address(spot) });
  };
  const address = (spot: Spot) => {
    const street = spot.grid.slice(0, 9);
    const where = `${CITY_NAME}${districtOf(street).name}${names.get(street)}`;
    const road = nearestRoad(network, spot.lon, spot.lat);
    if (!road) return where;
    const number = Math.max(1, Math.round(road.along / 20)) * 2 - (road.left ? 1 : 0);
    return `${where}${road.road.name}${number}号`;
  };
  const streets = divisions.filter((d) => d.level === 'street');
  const communities = divisions.filter((d) => d.level === 'community');

  add(`${CITY_NAME}人民政府`, 'gov', places.pointIn('379902', rng, true));
  for (const d of DISTRICTS) add(`${d.name}人民政府`, 'gov', places.pointIn(d.code, rng, true));
  for (const dept of departments) {
    if (dept.level === 'street') continue;
    const where = dept.region.length === 6 && dept.region !== '379900' ? dept.region : rng.pick(['379902', '379903']);
    add(dept.name, dept.level === 'company' ? 'company' : 'office', places.pointIn(where, rng));
  }
  for (const s of streets) {
    add(`${districtOf(s.code).name}${s.name}办事处`, 'street_office', places.pointIn(s.code, rng, true));
    add(`${short(s.name)}派出所`, 'police', places.pointIn(s.code, rng));
    add(`${short(s.name)}小学`, 'school', places.pointIn(s.code, rng));
    add(`${short(s.name)}幼儿园`, 'kindergarten', places.pointIn(s.code, rng));
    add(`${short(s.name)}社区卫生服务中心`, 'clinic', places.pointIn(s.code, rng));
  }
  MIDDLE_SCHOOL_DISTRICTS.forEach((abbr, k) => add(`${CITY_NAME}第${NUMERALS[k]}中学`, 'school', places.pointIn(districtCode(abbr), rng)));
  add('云河大学', 'school', places.pointIn('379904002', rng));
  add('云河职业技术学院', 'school', places.pointIn('379904', rng));
  add(`${CITY_NAME}第一人民医院`, 'hospital', places.pointIn('379902', rng));
  add(`${CITY_NAME}第二人民医院`, 'hospital', places.pointIn('379905', rng));
  add(`${CITY_NAME}中医院`, 'hospital', places.pointIn('379903', rng));
  add(`${CITY_NAME}妇幼保健院`, 'hospital', places.pointIn('379904', rng));
  for (const d of DISTRICTS) add(`${d.name}人民医院`, 'hospital', places.pointIn(d.code, rng));
  MALLS.forEach((name, k) => add(name, 'mall', places.pointIn(districtCode(MALL_DISTRICTS[k]), rng)));
  for (const [name, abbr] of CULTURE) add(name, 'culture', places.pointIn(districtCode(abbr), rng));
  for (const [name, abbr] of HERITAGE) add(name, 'heritage', places.pointIn(districtCode(abbr), rng));

  const compoundNames = rng.shuffle(PLACE_WORDS.flatMap((w) => COMPOUND_SUFFIXES.map((s) => w + s)));
  let nextCompound = 0;
  for (const c of communities) {
    add(`${c.name}居民委员会`, 'committee', places.pointIn(c.code, rng, true));
    for (let k = 0; k < 2; k++) add(compoundNames[nextCompound++], 'residential', places.pointIn(c.code, rng));
  }

  for (const space of OPEN_SPACES) {
    const [lon, lat] = space.cells
      ? [(XS[space.cells[0]] + XS[space.cells[2]]) / 2, (YS[space.cells[1]] + YS[space.cells[3]]) / 2]
      : [(XS[space.bankStrip![0]] + XS[space.bankStrip![1]]) / 2, 0];
    const spot = space.cells
      ? places.spot(lon, lat)
      : places.spot(lon, bankAt(places.ground.river.north, lon) + 14 / M_PER_DEG_LAT);
    if (!spot) throw new Error(`no spot for ${space.name}`);
    add(space.name, space.kind, spot);
  }
  add('云河火车站', 'hub', places.pointIn('379904', rng));
  add('云河汽车客运总站', 'hub', places.pointIn('379905', rng));
  const pier = places.spot(XS[100] + 0.0003, YS[39] + 0.0003);
  if (!pier) throw new Error('no spot for the pier');
  add('云河港客运码头', 'hub', pier);

  // bus stops: on main roads, 40 m past every other crossing with a secondary road
  for (const road of network.roads) {
    if (road.class !== '主干路' || !road.axis) continue;
    const crossings = network.crossings.filter((c) =>
      c.names.includes(road.name) && c.classes.includes('次干路') && c.classes.includes('主干路'));
    crossings.forEach((c, k) => {
      if (k % 2 === 1) return;
      const other = c.names[0] === road.name ? c.names[1] : c.names[0];
      const [lon, lat] = road.axis === 'ns' ? places.offset(c.lon, c.lat, 14, 40) : places.offset(c.lon, c.lat, 40, -14);
      const spot = places.spot(lon, lat);
      if (spot) add(`${road.name}${other.replace(/路$/, '')}路口站`, 'bus', spot);
    });
  }
  return out;
}

export function landmarkRows(landmarks: Landmark[]) {
  return landmarks.map(({ name, category, lon, lat, address }) => ({ name, category, lon, lat, address }));
}
