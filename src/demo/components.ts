// Components (管理部件) of the demo city, placed by the plan in component-plan.ts: along roads, at
// crossings, around landmarks, in parks, on the river banks and at bridge heads. Each lands inside a unit
// grid (never in the river) and gets a 17-digit id numbered per district and type.
import { componentId } from '../base/codes.ts';
import { standardCatalog } from '../base/catalog.ts';
import { COMPONENT_PLAN, type CrossingKind, type Placement } from './component-plan.ts';
import { streetOfficeKey, type DepartmentDef } from './departments.ts';
import { districtOf } from './divisions.ts';
import { bankAt, M_PER_DEG_LAT, M_PER_DEG_LON, NX, XS, YS, type Atom } from './layout.ts';
import type { Landmark } from './landmarks.ts';
import type { Places, Spot } from './places.ts';
import { Rng } from './random.ts';
import type { Crossing, Network, Road } from './roads.ts';

export interface ComponentRow {
  id: string;
  type_code: string;
  name: string;
  owner: string;        // department key (主管部门)
  maintainer: string;   // department key (养护单位)
  property_unit_code: string;
  property_unit_name: string;
  grid_code: string;
  community_code: string;
  street_code: string;
  status: '完好' | '破损' | '丢失' | '废弃';
  initial_date: string;
  change_date: string | null;
  data_source: '实测' | '地形图';
  accuracy: 'A' | 'B' | 'C';
  lon: number;
  lat: number;
}

interface Placed { spot: Spot; label: string }
/** Records a component at a point unless it is outside the city, in the river or refused by `accept`. */
type Put = (lon: number, lat: number, label: string, accept?: (grid: string) => boolean) => boolean;

const MIN_PER_TYPE = 2;
const DAY_MS = 86_400_000;
const FIRST_SURVEY = Date.UTC(2010, 0, 1);
const LAST_SURVEY = Date.UTC(2025, 11, 31);
const LAST_CHANGE = Date.UTC(2026, 0, 31);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function crossingKind(c: Crossing): CrossingKind {
  const [a, b] = c.classes;
  if (a === '支路' || b === '支路') return 'B';
  if (a === '主干路' && b === '主干路') return 'MM';
  if (a === '次干路' && b === '次干路') return 'SS';
  return 'MS';
}

/** Points every `spacing` metres along a road, `offset` metres to its left (negative: right). */
function alongRoad(road: Road, spacing: number, offsets: number[], rng: Rng, emit: (lon: number, lat: number) => void): void {
  const pts = road.coordinates.map(([lon, lat]) => [lon * M_PER_DEG_LON, lat * M_PER_DEG_LAT]);
  const cumulative = [0];
  for (let k = 1; k < pts.length; k++) cumulative.push(cumulative[k - 1] + Math.hypot(pts[k][0] - pts[k - 1][0], pts[k][1] - pts[k - 1][1]));
  const total = cumulative[cumulative.length - 1];
  let seg = 0;
  for (let d = rng.range(0, spacing); d < total; d += spacing) {
    const at = Math.min(total, Math.max(0, d + rng.range(-0.15, 0.15) * spacing));
    while (seg > 0 && cumulative[seg] > at) seg--;
    while (seg < pts.length - 2 && cumulative[seg + 1] < at) seg++;
    const [ax, ay] = pts[seg];
    const [bx, by] = pts[seg + 1];
    const len = cumulative[seg + 1] - cumulative[seg] || 1;
    const t = (at - cumulative[seg]) / len;
    const [ux, uy] = [(bx - ax) / len, (by - ay) / len];
    for (const offset of offsets) {
      const o = offset + rng.range(-0.4, 0.4);
      emit((ax + (bx - ax) * t - uy * o) / M_PER_DEG_LON, (ay + (by - ay) * t + ux * o) / M_PER_DEG_LAT);
    }
  }
}

export interface ComponentInputs {
  places: Places;
  network: Network;
  landmarks: Landmark[];
  departments: DepartmentDef[];
  parkPolygons: { name: string; ring: number[][]; bankStrip?: [number, number] }[];
}

export function buildComponents(input: ComponentInputs, seed: number): ComponentRow[] {
  const { places, network, landmarks, departments } = input;
  const catalog = new Map(standardCatalog().filter((r) => r.kind === 'component').map((r) => [r.code, r.name]));
  const planned = new Set(COMPONENT_PLAN.map((p) => p.code));
  const missing = [...catalog.keys()].filter((c) => !planned.has(c));
  const unknown = [...planned].filter((c) => !catalog.has(c));
  if (missing.length || unknown.length) throw new Error(`component plan out of step with the catalogue: ${[...missing, ...unknown].join(', ')}`);
  const deptByKey = new Map(departments.map((d) => [d.key, d]));
  const atoms = places.ground.atoms;
  const sequences = new Map<string, number>();
  const out: ComponentRow[] = [];

  for (const plan of COMPONENT_PLAN) {
    const rng = new Rng(seed, `component ${plan.code}`);
    const typeName = catalog.get(plan.code)!;
    const found: Placed[] = [];
    const put: Put = (lon, lat, label, accept) => {
      const spot = places.spot(lon, lat);
      if (!spot || (accept && !accept(spot.grid))) return false;
      found.push({ spot, label });
      return true;
    };
    for (const place of plan.places) placeAll(place, rng, put);
    // rare types (a tunnel, an interchange) still appear at least twice somewhere in the city
    while (found.length < MIN_PER_TYPE) placeAll({ on: 'anywhere', count: 1 }, rng, put);
    for (const { spot, label } of found) {
      const district = districtOf(spot.grid);
      const street = spot.grid.slice(0, 9);
      const resolve = (ref: string) => {
        const key = ref === 'street' ? streetOfficeKey(district.abbr, Number(street.slice(6)))
          : ref.startsWith('district:') ? `${district.abbr}_${ref.slice(9)}` : ref;
        if (!deptByKey.has(key)) throw new Error(`unknown department ${key}`);
        return key;
      };
      const owner = resolve(plan.owner);
      const seqKey = district.code + plan.code;
      const seq = (sequences.get(seqKey) ?? 0) + 1;
      sequences.set(seqKey, seq);
      const status = rng.weighted([['完好', 0.93], ['破损', 0.045], ['丢失', 0.01], ['废弃', 0.015]] as const);
      const initial = FIRST_SURVEY + Math.floor(rng.next() * ((LAST_SURVEY - FIRST_SURVEY) / DAY_MS)) * DAY_MS;
      const changed = status === '完好' ? null : initial + Math.floor(rng.next() * ((LAST_CHANGE - initial) / DAY_MS)) * DAY_MS;
      const surveyed = rng.chance(0.75);
      out.push({
        id: componentId(district.code, plan.code, seq), type_code: plan.code, name: `${label}${typeName}`,
        owner, maintainer: resolve(plan.maintainer),
        property_unit_code: deptByKey.get(owner)!.credit_code, property_unit_name: deptByKey.get(owner)!.name,
        grid_code: spot.grid, community_code: spot.grid.slice(0, 12), street_code: street, status,
        initial_date: isoDay(initial), change_date: changed === null ? null : isoDay(changed),
        data_source: surveyed ? '实测' : '地形图',
        accuracy: surveyed ? (rng.chance(0.6) ? 'A' : 'B') : (rng.chance(0.3) ? 'B' : 'C'),
        lon: spot.lon, lat: spot.lat,
      });
    }
  }
  return out;

  function placeAll(place: Placement, rng: Rng, put: Put): void {
    switch (place.on) {
      case 'road':
        for (const road of network.roads) {
          if (!place.classes.includes(road.class) || (place.roads && !place.roads.includes(road.name))) continue;
          const districts = place.districts;
          const accept = districts && ((grid: string) => districts.some((d) => grid.startsWith(d)));
          alongRoad(road, place.spacing, place.offsets, rng, (lon, lat) => put(lon, lat, road.name, accept));
        }
        return;
      case 'crossing':
        for (const c of network.crossings) {
          if (!place.kinds.includes(crossingKind(c))) continue;
          for (let n = rng.count(place.per); n > 0; n--) {
            const [east, north] = [rng.pick([-1, 1]) * rng.range(...place.reach), rng.pick([-1, 1]) * rng.range(...place.reach)];
            put(...places.offset(c.lon, c.lat, east, north), `${c.names[0]}与${c.names[1]}交叉口`);
          }
        }
        return;
      case 'landmark':
        for (const l of landmarks) {
          if (!place.kinds.includes(l.kind)) continue;
          for (let n = rng.count(place.per); n > 0; n--) {
            const angle = rng.range(0, 2 * Math.PI);
            const r = rng.range(...place.reach);
            put(...places.offset(l.lon, l.lat, r * Math.cos(angle), r * Math.sin(angle)), l.name);
          }
        }
        return;
      case 'park':
        for (let n = 0; n < place.count; n++) {
          const p = rng.pick(input.parkPolygons);
          if (p.bankStrip) {
            const lon = XS[p.bankStrip[0]] + (XS[p.bankStrip[1]] - XS[p.bankStrip[0]]) * rng.next();
            put(lon, bankAt(places.ground.river.north, lon) + rng.range(7, 21) / M_PER_DEG_LAT, p.name);
          } else {
            const [[x0, y0], , [x1, y1]] = p.ring;
            put(x0 + (x1 - x0) * rng.range(0.03, 0.97), y0 + (y1 - y0) * rng.range(0.03, 0.97), p.name);
          }
        }
        return;
      case 'bank':
        for (const side of ['north', 'south'] as const) {
          const sign = side === 'north' ? 1 : -1;
          const step = place.spacing / M_PER_DEG_LON;
          for (let lon = XS[place.fromColumn ?? 0] + rng.next() * step; lon < XS[NX]; lon += step) {
            const x = lon + rng.range(-0.15, 0.15) * step;
            put(x, bankAt(places.ground.river[side], x) + (sign * rng.range(...place.reach)) / M_PER_DEG_LAT, '云河');
          }
        }
        return;
      case 'bridge':
        for (const b of network.bridges) {
          for (let n = rng.count(place.per); n > 0; n--) {
            const north = rng.chance(0.5);
            const east = rng.pick([-1, 1]) * rng.range(4, 9);
            const lat = north ? b.north + rng.range(5, 10) / M_PER_DEG_LAT : b.south - rng.range(5, 10) / M_PER_DEG_LAT;
            put(b.lon + east / M_PER_DEG_LON, lat, b.name);
          }
        }
        return;
      case 'anywhere': {
        const pool: Atom[] = atoms.filter((a) => !place.districts || place.districts.some((d) => places.partition.atomGrid[a.id].startsWith(d)));
        for (let n = 0; n < place.count; n++) {
          for (let attempt = 0; attempt < 20; attempt++) {
            const a = rng.pick(pool);
            const lon = XS[a.i] + (XS[a.i + 1] - XS[a.i]) * rng.range(0.05, 0.95);
            if (put(lon, YS[a.j] + (YS[a.j + 1] - YS[a.j]) * rng.range(0.05, 0.95), '')) break;
          }
        }
      }
    }
  }
}
