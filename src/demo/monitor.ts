// The demo city's 运行监测, written in the demo's transaction after the components: facilities (bridges over 云河, gas,
// water and drainage segments along main roads, heating segments, two utility tunnels, pumping stations, septic
// tanks, river sections, 易涝点), about 200 sensors placed on the components that carry them (secrets from
// demoDeviceSecret, so `cityops simulate` can connect them), 20 cameras at busy places, the flood set-up (a rain gauge
// per street and at the weather stations, river gauges, ponding sensors, 防汛队伍), three days of hourly readings with
// a past rain episode, and a handful of past alarms. Facilities and devices follow the seed; readings and alarms are
// placed before the time of generation, so the pages have a recent history on a fresh start.
import type { Queryable } from '../db/types.ts';
import { hashSecret } from '../monitor/credentials.ts';
import { DEVICE_TYPES } from '../monitor/catalog.ts';
import type { FacilityKind } from '../monitor/facilities/kinds.ts';
import { scheduleDemoDispatch } from '../monitor/demo-dispatch.ts';
import { enableDemoFeed } from '../monitor/demo-feed.ts';
import { seedMonitor } from '../monitor/seed.ts';
import { baseline, type Anomaly, type Weather } from '../monitor/simulate/patterns.ts';
import { writeReadings, type ReadingRow } from '../monitor/store.ts';
import { demoDeviceSecret } from './device-secrets.ts';
import { DEMO_SEED, Rng } from './random.ts';

interface Comp { id: string; type_code: string; name: string; lon: number; lat: number; grid_code: string; street_code: string; owner_department_id: number | null }
interface Fac { code: string; kind: FacilityKind; name: string; geometry: object; lon: number; lat: number; grid: string; dept: number | null; props?: object }
interface Dev { code: string; name: string; type: string; c: Comp; watch: boolean; facility: string | null; dept: number | null }

const HOUR = 3_600_000;
const HISTORY_HOURS = 72;
/** the past rain episode: hours before now when it began, and how long it lasted */
const RAIN_START = 30;
const RAIN_HOURS = 6;

const GAS_ROADS = ['人民路', '胜利路', '朝阳路', '文化路'];
const WATER_ROADS = ['解放路', '淮海路', '新华路', '团结路'];
const DRAIN_ROADS = ['中山路', '黄河路', '光明路', '友谊路'];

const pad = (n: number, w = 3) => String(n).padStart(w, '0');
const spread = <T>(items: T[], n: number): T[] => (items.length <= n ? items : Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]));

/** A 1.6 km piece of a lattice road from a quarter of its length, and the components within 35 m of it, in order. */
function roadSegment(road: { coordinates: number[][] }, comps: Comp[]) {
  const [a, b] = road.coordinates;
  const ns = a[0] === b[0];
  const lo = ns ? a[1] : a[0];
  const len = (ns ? b[1] : b[0]) - lo;
  const step = ns ? 0.0144 : 0.0176;   // ≈ 1.6 km
  const from = lo + len * 0.25;
  const to = Math.min(from + step, lo + len);
  const near = comps.filter((c) => ns ? Math.abs(c.lon - a[0]) < 0.0004 && c.lat >= from && c.lat <= to
    : Math.abs(c.lat - a[1]) < 0.0004 && c.lon >= from && c.lon <= to).sort((x, y) => (ns ? x.lat - y.lat : x.lon - y.lon));
  const line = ns ? [[a[0], from], [a[0], to]] : [[from, a[1]], [to, a[1]]];
  return { line, near };
}

/** The river's centre line between two longitudes, from the water polygon's banks. */
function riverLine(ring: number[][], west: number, east: number): number[][] {
  const out: number[][] = [];
  for (let x = west; x <= east + 1e-9; x += 0.002) {
    const lats = ring.filter((p) => Math.abs(p[0] - x) < 0.0009).map((p) => p[1]);
    if (lats.length >= 2) out.push([Math.round(x * 1e6) / 1e6, Math.round(((Math.max(...lats) + Math.min(...lats)) / 2) * 1e6) / 1e6]);
  }
  return out;
}

/**
 * The weather of the demo's past rain episode `hoursAgo` (heavier by `scale`), in the simulator's terms, so the
 * history's readings follow the same patterns as the live demo feed (src/monitor/simulate/patterns.ts).
 */
function pastWeather(hoursAgo: number, scale: number): Weather {
  const rain = hoursAgo <= RAIN_START && hoursAgo > RAIN_START - RAIN_HOURS ? Math.sin(((RAIN_START - hoursAgo + 0.5) / RAIN_HOURS) * Math.PI) : 0;
  const after = hoursAgo <= RAIN_START && hoursAgo > RAIN_START - RAIN_HOURS - 10 ? Math.exp(-(RAIN_START - RAIN_HOURS - hoursAgo) / 6) : 0;
  return { rain: rain * 16 * scale, wet: rain > 0.3 ? Math.max(0, (rain * 9 - 2) * scale) / 1.3 : 0, river: 15 * after * scale };
}

export interface DemoMonitorCounts { facilities: number; devices: number; cameras: number; readings: number; alarms: number; teams: number }

export async function seedDemoMonitor(tx: Queryable, now = new Date(), seed = DEMO_SEED): Promise<DemoMonitorCounts> {
  await seedMonitor(tx);   // the device types (a CLI `cityops demo` runs before any server seeded them)
  const rng = new Rng(seed, 'monitor');
  const comps = await tx.query<Comp>(
    `select c.id, c.type_code, c.name, c.lon, c.lat, c.grid_code, c.street_code, c.owner_department_id from components c
     where c.type_code in ('02009', '01011', '01001', '01003', '01004', '01061', '01074', '01072', '03003', '01067', '01065', '03009', '01050')
     order by c.id`);
  const of = (type: string) => comps.filter((c) => c.type_code === type);
  const dept = new Map((await tx.query<{ id: number; name: string }>('select id, name from departments')).map((d) => [d.name, Number(d.id)]));
  const roads = new Map((await tx.query<{ name: string; geometry: { coordinates: number[][] } }>("select name, geometry from roads where class = '主干路'"))
    .map((r) => [r.name, r.geometry]));
  const river = (await tx.maybeOne<{ geometry: { coordinates: number[][][] } }>("select geometry from map_areas where kind = 'water' limit 1"))!.geometry.coordinates[0];
  const streets = await tx.query<{ code: string; name: string }>("select code, name from divisions where level = 'street' order by code");
  const facs: Fac[] = [];
  const devs: Dev[] = [];
  const fac = (f: Omit<Fac, 'grid' | 'lon' | 'lat'>, at: Comp) => { facs.push({ ...f, lon: at.lon, lat: at.lat, grid: at.grid_code }); return f.code; };
  const dev = (d: Omit<Dev, 'dept'> & { dept?: number | null }) => devs.push({ ...d, dept: d.dept ?? d.c.owner_department_id });
  const point = (c: Comp) => ({ type: 'Point', coordinates: [c.lon, c.lat] });

  // bridges: a span line across the water; 云河大桥 get two measuring points, the smaller bridges one
  of('02009').forEach((c, i) => {
    const name = c.name.replace(/跨河桥$/, '');
    const lats = river.filter((p) => Math.abs(p[0] - c.lon) < 0.0009).map((p) => p[1]);
    const line = lats.length >= 2 ? [[c.lon, Math.min(...lats) - 0.0002], [c.lon, Math.max(...lats) + 0.0002]] : [[c.lon, c.lat - 0.0005], [c.lon, c.lat + 0.0005]];
    const code = fac({ code: `BR-${pad(i + 1)}`, kind: 'bridge', name, geometry: { type: 'LineString', coordinates: line }, dept: dept.get('云河市市政设施管理处')!,
      props: { spans: name.includes('大桥') ? 3 : 1, builtYear: 2008 + (i % 12) } }, c);
    const points = name.includes('大桥') ? ['跨中测点', '桥墩测点'] : ['跨中测点'];
    points.forEach((p, k) => dev({ code: `${code}-${pad(k + 1, 2)}`, name: `${name}${p}`, type: 'bridge_health', c, watch: k === 0, facility: code }));
  });
  // pipe segments along main roads with the sensors on their manhole covers
  const segments = (roadNames: string[], kind: FacilityKind, prefix: string, coverType: string, owner: string, label: string,
    place: (code: string, near: Comp[], name: string) => void) => {
    roadNames.forEach((road, i) => {
      const g = roads.get(road);
      if (!g) return;
      const { line, near } = roadSegment(g, of(coverType));
      if (near.length < 2) return;
      const name = `${road}${label}`;
      const code = fac({ code: `${prefix}-${pad(i + 1)}`, kind, name, geometry: { type: 'LineString', coordinates: line }, dept: dept.get(owner) ?? null,
        props: { lengthM: 1600 } }, near[Math.floor(near.length / 2)]);
      place(code, near, name);
    });
  };
  segments(GAS_ROADS, 'gas_pipe', 'GP', '01011', '云河燃气有限公司', '中压燃气管段', (code, near, name) => {
    dev({ code: `${code}-01`, name: `${name}压力流量计`, type: 'gas_pipe', c: near[0], watch: false, facility: code, dept: dept.get('云河燃气有限公司') });
    spread(near, 4).forEach((c, k) => dev({ code: `${code}-${pad(k + 2, 2)}`, name: `${name}燃气井${k + 1}可燃气体监测`, type: 'gas_lel', c, watch: true, facility: code }));
  });
  segments(WATER_ROADS, 'water_pipe', 'WP', '01001', '云河水务集团有限公司', '供水干管段', (code, near, name) => {
    spread(near, 3).forEach((c, k) => dev({ code: `${code}-${pad(k + 1, 2)}`, name: `${name}${k + 1}号测点`, type: 'water_pipe', c, watch: true, facility: code }));
  });
  segments(DRAIN_ROADS, 'drain_pipe', 'DP', '01003', '云河市排水管理处', '雨水管段', (code, near, name) => {
    spread(near, 4).forEach((c, k) => dev({ code: `${code}-${pad(k + 1, 2)}`, name: `${name}${k < 2 ? `液位计${k + 1}` : `智能井盖${k - 1}`}`,
      type: k < 2 ? 'drain_level' : 'manhole_cover', c, watch: true, facility: code }));
  });
  // heating: five exposed segments
  spread(of('01061'), 5).forEach((c, i) => {
    const code = fac({ code: `HP-${pad(i + 1)}`, kind: 'heating_pipe', name: `热力管段${i + 1}号（露天段）`, geometry: point(c), dept: dept.get('云河热力有限公司') ?? null }, c);
    dev({ code: `${code}-01`, name: `热力管段${i + 1}号监测仪`, type: 'heating_pipe', c, watch: true, facility: code });
  });
  // utility tunnels: one per road that carries tunnel components, a sensor every third compartment
  const tunnelRoads = [...new Set(of('01074').map((c) => c.name.replace(/综合管廊附属设施$/, '')))];
  tunnelRoads.forEach((road, i) => {
    const parts = of('01074').filter((c) => c.name.startsWith(road)).sort((a, b) => a.lon - b.lon || a.lat - b.lat);
    const line = [[parts[0].lon, parts[0].lat], [parts[parts.length - 1].lon, parts[parts.length - 1].lat]];
    const code = fac({ code: `UT-${pad(i + 1)}`, kind: 'utility_tunnel', name: `${road}综合管廊`, geometry: { type: 'LineString', coordinates: line },
      dept: dept.get('云河市住房和城乡建设局') ?? null, props: { compartments: parts.length } }, parts[Math.floor(parts.length / 2)]);
    parts.filter((_, k) => k % 3 === 0).forEach((c, k) =>
      dev({ code: `${code}-${pad(k + 1, 2)}`, name: `${road}综合管廊${k * 3 + 1}号舱环境监测`, type: 'tunnel_env', c, watch: true, facility: code }));
  });
  // pumping stations and septic tanks
  of('01072').forEach((c, i) => {
    const code = fac({ code: `PS-${pad(i + 1)}`, kind: 'pump_station', name: `云河${i + 1}号排水泵站`, geometry: point(c), dept: dept.get('云河市排水管理处') ?? null }, c);
    dev({ code: `${code}-01`, name: `云河${i + 1}号排水泵站前池液位`, type: 'drain_level', c, watch: true, facility: code });
  });
  spread(of('03003'), 8).forEach((c, i) => {
    const code = fac({ code: `ST-${pad(i + 1)}`, kind: 'septic_tank', name: `化粪池${i + 1}号`, geometry: point(c), dept: c.owner_department_id }, c);
    dev({ code: `${code}-01`, name: `化粪池${i + 1}号气体监测`, type: 'septic_gas', c, watch: true, facility: code });
  });
  // river sections (west → east) with the gauges of the 防汛监测设施 on their banks
  const gauges = of('01067').sort((a, b) => a.lon - b.lon);
  const bounds = [119.2, 119.229, 119.258, 119.287, 119.3144];
  const sectionNames = ['云河西段', '云河中西段', '云河中东段', '云河东段'];
  sectionNames.forEach((name, i) => {
    const inside = gauges.filter((g) => g.lon >= bounds[i] && g.lon < bounds[i + 1]);
    if (inside.length === 0) return;
    const code = fac({ code: `RS-${pad(i + 1)}`, kind: 'river_section', name, geometry: { type: 'LineString', coordinates: riverLine(river, bounds[i], bounds[i + 1]) },
      dept: dept.get('云河市水利局') ?? null, props: { warningLevel: 4.5 - i * 0.1, guaranteeLevel: 5.5 - i * 0.1 } }, inside[0]);
    inside.forEach((c, k) => dev({ code: `${code}-${pad(k + 1, 2)}`, name: `${name}${k + 1}号水位站`, type: 'river_level', c, watch: true, facility: code,
      dept: dept.get('云河市水利局') }));
  });
  // rain gauges: one per street (at its first public notice board) and one at every weather station
  streets.forEach((s) => {
    const c = of('01065').find((x) => x.street_code === s.code);
    if (c) dev({ code: `RG-${s.code}`, name: `${s.name}雨量站`, type: 'rain_gauge', c, watch: false, facility: null, dept: dept.get('云河市气象局') });
  });
  of('03009').forEach((c, i) => dev({ code: `RG-QX${pad(i + 1, 2)}`, name: `气象监测站${i + 1}号雨量计`, type: 'rain_gauge', c, watch: false, facility: null,
    dept: dept.get('云河市气象局') }));
  // 易涝点: two storm inlets per street, each with a ponding sensor
  let lp = 0;
  streets.forEach((s) => {
    const inlets = of('01004').filter((x) => x.street_code === s.code);
    spread(inlets, 2).forEach((c, k) => {
      const code = fac({ code: `LP-${pad(++lp)}`, kind: 'low_point', name: `${s.name}易涝点${k + 1}`, geometry: point(c), dept: dept.get('云河市排水管理处') ?? null }, c);
      dev({ code: `${code}-01`, name: `${s.name}易涝点${k + 1}积水监测`, type: 'road_ponding', c, watch: false, facility: code, dept: dept.get('云河市排水管理处') });
    });
  });

  // write facilities, then devices (with their facility ids)
  const facIds = new Map((await tx.query<{ id: number; code: string }>(
    `insert into monitor_facilities (code, kind, name, geometry, lon, lat, grid_code, district_code, department_id, props)
     select code, kind, name, geometry, lon, lat, grid, substr(grid, 1, 6), dept, coalesce(props, '{}') from json_to_recordset($1::json)
       as x(code text, kind text, name text, geometry jsonb, lon float8, lat float8, grid text, dept bigint, props jsonb)
     returning id, code`, [JSON.stringify(facs)])).map((r) => [r.code, Number(r.id)]));
  const facName = new Map(facs.map((f) => [f.code, f.name]));
  const created = new Date(+now - (HISTORY_HOURS + 1) * HOUR).toISOString();
  const devIds = new Map((await tx.query<{ id: number; code: string }>(
    `insert into monitor_devices (code, name, type_code, lon, lat, grid_code, district_code, component_id, facility, facility_id, department_id, secret_hash, created_at)
     select code, name, type, lon, lat, grid, substr(grid, 1, 6), component, facility, facility_id, dept, secret_hash, $2 from json_to_recordset($1::json)
       as x(code text, name text, type text, lon float8, lat float8, grid text, component text, facility text, facility_id bigint, dept bigint, secret_hash text)
     returning id, code`,
    [JSON.stringify(devs.map((d) => ({ code: d.code, name: d.name, type: d.type, lon: d.c.lon, lat: d.c.lat, grid: d.c.grid_code,
      component: d.watch ? d.c.id : null, facility: d.facility ? facName.get(d.facility) : null, facility_id: d.facility ? facIds.get(d.facility) : null,
      dept: d.dept, secret_hash: hashSecret(demoDeviceSecret(seed, d.code)) }))), created])).map((r) => [r.code, Number(r.id)]));

  // cameras at the hubs, the square, the malls and the parks: on the electronic-eye pole nearest to each
  const places = await tx.query<{ name: string; lon: number; lat: number }>(
    `select name, lon, lat from landmarks where category in ('交通枢纽', '广场', '商场', '公园')
     order by array_position(array['交通枢纽', '广场', '商场', '公园'], category), id limit 20`);
  const eyes = of('01050');
  const cams = places.map((p, i) => {
    const c = eyes.reduce((best, e) => ((e.lon - p.lon) ** 2 + (e.lat - p.lat) ** 2 < (best.lon - p.lon) ** 2 + (best.lat - p.lat) ** 2 ? e : best));
    return { code: `CAM-${pad(i + 1)}`, name: `${p.name}视频监控`, lon: c.lon, lat: c.lat, grid: c.grid_code, dept: dept.get('云河市城市管理局') ?? null };
  });
  await tx.query(
    `insert into monitor_cameras (code, name, lon, lat, grid_code, district_code, department_id)
     select code, name, lon, lat, grid, substr(grid, 1, 6), dept from json_to_recordset($1::json) as x(code text, name text, lon float8, lat float8, grid text, dept bigint)`,
    [JSON.stringify(cams)]);

  // three days of hourly readings, and one two minutes ago; the rain fell hardest in 中心区
  const types = new Map(DEVICE_TYPES.map((t) => [t.code, t.metrics.map((m) => m.key)]));
  const top = Math.floor(+now / HOUR) * HOUR;
  const rows: ReadingRow[] = [];
  for (const d of devs) {
    const id = devIds.get(d.code)!;
    const scale = d.c.grid_code.startsWith('379902') ? 1.25 : d.c.grid_code.startsWith('379904') ? 0.8 : 1;
    for (let h = HISTORY_HOURS; h >= 0; h--) {
      const ts = h === 0 ? +now - 2 * 60_000 : top - h * HOUR;
      for (const metric of types.get(d.type) ?? []) rows.push({ device_id: id, metric, ts: new Date(ts).toISOString(), value: baseline(d.type, metric, ts, pastWeather(h, scale), rng) });
    }
  }
  const readings = await writeReadings(tx, rows);
  const { alarms, ongoing } = await seedPastAlarms(tx, devs, devIds, now);
  const teams = await seedFloodTeams(tx);
  // the sensors keep reporting while the platform runs, the open alarms' conditions with them (src/monitor/demo-feed.ts)
  await enableDemoFeed(tx, ongoing);
  return { facilities: facs.length, devices: devs.length, cameras: cams.length, readings, alarms, teams };
}

const DISPATCH_NOTE = '视频复核：井盖移位，派遣权属单位处置';
/** How long the open alarms' conditions last in the demo feed (a displaced cover stays open until someone fixes it). */
const OPEN_ALARM_HOURS = 12;

/** A handful of past alarms on real rules and readings: recovered and archived, false alarms, one still open, one to dispatch. */
async function seedPastAlarms(tx: Queryable, devs: Dev[], ids: Map<string, number>, now: Date):
  Promise<{ alarms: number; ongoing: Record<string, Anomaly> }> {
  const pick = (type: string, n = 0) => devs.filter((d) => d.type === type)[n];
  const plan: { d: Dev | undefined; metric: string | null; kind: string; level: string; hoursAgo: number; minutes: number; status: string; value: number | null; note?: string }[] = [
    { d: pick('road_ponding', 2), metric: 'depth', kind: 'threshold', level: 'blue', hoursAgo: RAIN_START - 2, minutes: 150, status: 'archived', value: 9.6 },
    { d: pick('drain_level', 0), metric: 'level', kind: 'threshold', level: 'blue', hoursAgo: RAIN_START - 3, minutes: 110, status: 'archived', value: 1.62 },
    { d: pick('manhole_cover', 1), metric: 'open', kind: 'threshold', level: 'red', hoursAgo: 50, minutes: 5, status: 'false_alarm', value: 1, note: '现场核实：井盖完好，为车辆碾压瞬时信号' },
    { d: pick('bridge_health', 0), metric: 'load', kind: 'threshold', level: 'yellow', hoursAgo: 40, minutes: 3, status: 'archived', value: 51.2, note: '超载车辆已由交警劝离' },
    { d: pick('tunnel_env', 2), metric: 'o2', kind: 'threshold', level: 'yellow', hoursAgo: 20, minutes: 12, status: 'false_alarm', value: 19.3, note: '检修通风时传感器受扰' },
    { d: pick('gas_lel', 3), metric: 'lel', kind: 'threshold', level: 'yellow', hoursAgo: 9, minutes: 40, status: 'recovered', value: 22.5 },
    { d: pick('septic_gas', 2), metric: 'ch4', kind: 'threshold', level: 'yellow', hoursAgo: 1, minutes: 0, status: 'raised', value: 12.4 },
    { d: pick('heating_pipe', 1), metric: null, kind: 'offline', level: 'blue', hoursAgo: 60, minutes: 95, status: 'archived', value: null },
    // confirmed on video by the 值班长 just before the demo starts; becomes a case once the platform runs (demo-dispatch.ts)
    { d: pick('manhole_cover', 3), metric: 'open', kind: 'threshold', level: 'red', hoursAgo: 0.4, minutes: 0, status: 'confirmed', value: 1,
      note: DISPATCH_NOTE },
  ];
  const toDispatch: number[] = [];
  const ongoing: Record<string, Anomaly> = {};
  let n = 0;
  for (const p of plan) {
    if (!p.d) continue;
    const deviceId = ids.get(p.d.code)!;
    const rule = await tx.maybeOne<{ id: number }>(
      `select id from monitor_rules where device_type_code = $1 and kind = $2 and metric is not distinct from $3
       and ($2 <> 'threshold' or params->>'direction' = $4) order by id limit 1`,
      [p.d.type, p.kind, p.metric, p.metric === 'o2' ? 'below' : 'above']);
    if (!rule) continue;
    const raised = new Date(+now - p.hoursAgo * HOUR);
    const open = p.status === 'raised' || p.status === 'confirmed';
    const confirmed = p.status === 'confirmed' ? new Date(+raised + 10 * 60_000) : null;
    const recovered = open ? null : new Date(+raised + p.minutes * 60_000);
    const closed = p.status === 'archived' || p.status === 'false_alarm' ? new Date(+raised + (p.minutes + 30) * 60_000) : null;
    const a = await tx.maybeOne<{ id: number }>(
      `insert into monitor_alarms (device_id, rule_id, kind, metric, level, peak_level, status, first_value, last_value, raised_at, last_at,
         confirmed_at, recovered_at, closed_at, grid_code, lon, lat, department_id, note)
       values ($1, $2, $3, $4, $5, $5, $6, $7, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id`,
      [deviceId, rule.id, p.kind, p.metric, p.level, p.status, p.value, raised.toISOString(), (recovered ?? raised).toISOString(),
        p.status === 'archived' || p.status === 'recovered' || confirmed ? new Date(+raised + 10 * 60_000).toISOString() : null,
        p.status === 'false_alarm' || open ? null : recovered?.toISOString() ?? null, closed?.toISOString() ?? null,
        p.d.c.grid_code, p.d.c.lon, p.d.c.lat, p.d.dept, p.note ?? null]);
    const events: [string, Date, string | null][] = [['raise', raised, null]];
    if (p.status === 'false_alarm') events.push(['false_alarm', closed!, p.note ?? null]);
    if (p.status === 'archived' || p.status === 'recovered') events.push(['confirm', new Date(+raised + 10 * 60_000), null], ['recover', recovered!, null]);
    if (p.status === 'archived') events.push(['archive', closed!, p.note ?? null]);
    if (confirmed) {
      events.push(['confirm', confirmed, p.note ?? null]);
      toDispatch.push(a!.id);
    }
    for (const [action, at, note] of events) {
      await tx.query(
        'insert into monitor_alarm_events (alarm_id, at, action, level, value, actor_name, note) values ($1, $2, $3, $4, $5, $6, $7)',
        [a!.id, at.toISOString(), action, p.level, action === 'raise' ? p.value : null, action === 'raise' || action === 'recover' ? '系统' : '值班长', note]);
    }
    // the open alarm's condition still holds: its latest reading shows it
    if (open && p.metric && p.value !== null) {
      ongoing[p.d.code] = { metric: p.metric, value: p.value, untilMs: +now + OPEN_ALARM_HOURS * HOUR, what: p.note ?? p.metric };
      await writeReadings(tx, [{ device_id: deviceId, metric: p.metric, ts: new Date(+now - 60_000).toISOString(), value: p.value }]);
    }
    n++;
  }
  await scheduleDemoDispatch(tx, { alarmIds: toDispatch, username: 'shift_leader', note: DISPATCH_NOTE });
  return { alarms: n, ongoing };
}

/** 防汛队伍: each district's 城管局 team, the city's drainage and emergency teams, with the departments' handlers. */
async function seedFloodTeams(tx: Queryable): Promise<number> {
  const teams = [
    { name: '市排水防汛抢险队', dept: '云河市排水管理处', area: '379900', users: ['handler_paishui', 'shift_leader'] },
    { name: '市应急防汛指挥组', dept: '云河市应急管理局', area: '379900', users: ['handler_yingji', 'handler_shuili'] },
    { name: '中心区防汛抢险队', dept: '中心区城市管理局', area: '379902', users: ['handler_zx_chengguan', 'shift_leader_zx'] },
    { name: '河东区防汛抢险队', dept: '河东区城市管理局', area: '379903', users: ['handler_hd_chengguan', 'shift_leader_hd'] },
    { name: '新城区防汛抢险队', dept: '新城区城市管理局', area: '379904', users: ['handler_xc_chengguan', 'shift_leader_xc'] },
    { name: '港湾区防汛抢险队', dept: '港湾区城市管理局', area: '379905', users: ['handler_gw_chengguan', 'shift_leader_gw'] },
  ];
  const rows = await tx.query<{ id: number }>(
    `with t as (select x.name, d.id as department_id, x.area, x.users from json_to_recordset($1::json) as x(name text, dept text, area text, users text[])
       left join departments d on d.name = x.dept),
     ins as (insert into monitor_flood_teams (name, department_id, area_code) select name, department_id, area from t returning id, name),
     mem as (insert into monitor_flood_team_members (team_id, user_id)
       select ins.id, u.id from ins join t on t.name = ins.name join users u on u.username = any(t.users) returning team_id)
     select id from ins`, [JSON.stringify(teams)]);
  return rows.length;
}
