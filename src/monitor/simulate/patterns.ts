// 模拟数据 (pure): what a city's sensors read at a moment — daily rhythms (traffic on bridges, water and gas use,
// temperatures), noise, the weather (showers, or with the flood scenario a storm that builds up, holds and passes,
// with drains, ponding and rivers following the rain that has fallen), and injected anomalies: a gas leak, a pipe
// burst, an open manhole, an overloaded truck … held long enough for the rules' durations, so alarms fire.
import { Rng } from '../../demo/random.ts';

export interface SimDevice { code: string; typeCode: string; metrics: string[] }

export type Scenario = 'normal' | 'flood';

/**
 * City-wide weather: rain now (mm/h), the water standing (mm above what drains take) and the river's share of it.
 * The flood scenario runs a 3-hour storm over the simulation's span (the runner speeds its clock up).
 */
export interface Weather { rain: number; wet: number; river: number }

export const DRY: Weather = { rain: 0, wet: 0, river: 0 };

const HOUR = 3_600_000;

/** The weather after `dtMs`: showers now and then; the flood scenario's storm over its `spanMs` (from `startMs`). */
export function nextWeather(w: Weather, rng: Rng, scenario: Scenario, nowMs: number, dtMs: number, startMs: number, spanMs: number): Weather {
  let rain: number;
  if (scenario === 'flood') {
    // 0 → 15 %: drizzle building; 15 → 60 %: rising to a ~90 mm/h downpour; 60 → 85 %: easing; then stopped
    const f = Math.min(1, Math.max(0, (nowMs - startMs) / spanMs));
    const peak = 90;
    rain = f < 0.15 ? f / 0.15 * 8 : f < 0.6 ? 8 + (peak - 8) * Math.sin(((f - 0.15) / 0.45) * Math.PI / 2) : f < 0.85 ? peak * (1 - (f - 0.6) / 0.25) : 0;
    rain = Math.max(0, rain * (1 + rng.range(-0.08, 0.08)));
  } else {
    const showering = w.rain > 0 ? rng.next() > dtMs / (20 * 60_000) : rng.next() < dtMs / (6 * HOUR);
    rain = showering ? Math.max(0.5, Math.min(25, (w.rain || 4) * (1 + rng.range(-0.1, 0.12)))) : 0;
  }
  // drains take ~20 mm/h away; what falls faster stands on the ground (mm, drains away over hours), the river follows
  const hours = dtMs / HOUR;
  const wet = Math.max(0, w.wet + ((rain - 20) * 0.6 - w.wet * 0.5) * hours);
  const river = w.river + (wet - w.river) * Math.min(1, hours * 1.5);
  return { rain, wet, river };
}

/** The daily rhythm at a time in China: -1 at night … +1 in the day's busy hours (morning and evening peaks). */
export function daily(nowMs: number): { hour: number; day: number; rush: number } {
  const h = ((nowMs / HOUR + 8) % 24 + 24) % 24;
  const day = Math.sin(((h - 8) / 24) * 2 * Math.PI);
  const rush = Math.exp(-(((h - 8) / 1.2) ** 2)) + Math.exp(-(((h - 18) / 1.5) ** 2));
  return { hour: h, day, rush };
}

/** An anomaly in progress on a device: a metric pushed to `value` until `untilMs`. */
export interface Anomaly { metric: string; value: number; untilMs: number; what: string }

/** What can go wrong per device type: metric, value past the red threshold, minutes it lasts, and a name. */
const ANOMALIES: Record<string, [string, (rng: Rng) => number, number, string][]> = {
  gas_lel: [['lel', (r) => r.range(55, 80), 3, '燃气泄漏']],
  gas_pipe: [['pressure', (r) => r.range(0.05, 0.09), 3, '燃气管道失压'], ['pressure', (r) => r.range(0.47, 0.5), 3, '燃气管道超压']],
  water_pipe: [['pressure', (r) => r.range(0.04, 0.09), 4, '供水管爆管']],
  drain_level: [['level', (r) => r.range(3.1, 3.6), 4, '管网满管']],
  rain_gauge: [['rain_1h', (r) => r.range(72, 95), 3, '短时强降雨']],
  road_ponding: [['depth', (r) => r.range(42, 55), 4, '道路深积水']],
  manhole_cover: [['open', () => 1, 2, '井盖被打开'], ['tilt', (r) => r.range(16, 30), 2, '井盖倾斜']],
  bridge_health: [['load', (r) => r.range(56, 70), 1, '超载车辆过桥'], ['deflection', (r) => r.range(51, 58), 1, '桥梁挠度超限']],
  heating_pipe: [['pressure', (r) => r.range(1.62, 1.75), 3, '供热超压']],
  tunnel_env: [['h2s', (r) => r.range(22, 35), 2, '管廊硫化氢超标'], ['o2', (r) => r.range(16.5, 17.8), 2, '管廊缺氧']],
  septic_gas: [['ch4', (r) => r.range(26, 40), 3, '化粪池甲烷聚集']],
  river_level: [['level', (r) => r.range(5.6, 6.2), 7, '河道超保证水位']],
};

/** Starts an anomaly on the device (its type's, or any metric ×10). */
export function startAnomaly(device: SimDevice, rng: Rng, nowMs: number): Anomaly | null {
  const options = (ANOMALIES[device.typeCode] ?? []).filter(([m]) => device.metrics.includes(m));
  if (options.length > 0) {
    const [metric, value, minutes, what] = rng.pick(options);
    return { metric, value: round(value(rng), 3), untilMs: nowMs + minutes * 60_000, what };
  }
  if (device.metrics.length === 0) return null;
  const metric = rng.pick(device.metrics);
  return { metric, value: round(baseline(device.typeCode, metric, nowMs, DRY, rng) * 10 + 10, 3), untilMs: nowMs + 2 * 60_000, what: `${metric} 异常` };
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** The normal reading of a metric at a time under the weather. */
export function baseline(typeCode: string, metric: string, nowMs: number, w: Weather, rng: Rng): number {
  const { day, rush } = daily(nowMs);
  const n = (scale: number) => rng.range(-1, 1) * scale;
  const pos = (v: number, d = 2) => round(Math.max(0, v), d);
  switch (`${typeCode}.${metric}`) {
    case 'gas_lel.lel': return pos(1 + n(0.8), 1);
    case 'gas_lel.temp': return pos(18 + 4 * day + n(0.5), 1);
    case 'gas_pipe.pressure': return pos(0.31 - 0.025 * rush + n(0.004), 3);
    case 'gas_pipe.flow': return pos(240 + 160 * rush + 40 * day + n(15), 1);
    case 'water_pipe.pressure': return pos(0.34 - 0.04 * rush + n(0.004), 3);
    case 'water_pipe.flow': return pos(380 + 260 * rush + 60 * day + n(25), 1);
    case 'water_pipe.leak_noise': return pos(24 + n(3), 1);
    case 'drain_level.level': return pos(0.5 + 0.08 * day + 0.015 * w.rain + 0.05 * w.wet + n(0.03));
    case 'drain_level.flow': return pos(260 + 50 * day + 12 * w.rain + 8 * w.wet + n(15), 1);
    case 'rain_gauge.rain_1h': return pos(w.rain > 0 ? w.rain + n(w.rain * 0.1) : 0, 1);
    case 'road_ponding.depth': return pos(w.wet > 0.5 ? w.wet * 1.3 + n(1) : 0, 1);
    case 'river_level.level': return pos(3.1 + 0.06 * w.river + n(0.02));
    case 'manhole_cover.tilt': return pos(0.4 + n(0.2));
    case 'manhole_cover.open': return 0;
    case 'bridge_health.deflection': return pos(5 + 10 * rush + 2 * day + n(1.2), 1);
    case 'bridge_health.strain': return pos(100 + 90 * rush + 20 * day + n(8), 0);
    case 'bridge_health.crack': return pos(0.08 + n(0.004), 3);
    case 'bridge_health.vibration': return pos(0.03 + 0.05 * rush + n(0.008), 3);
    case 'bridge_health.tilt': return pos(0.02 + n(0.004), 3);
    case 'bridge_health.load': return pos(12 + 18 * rush + n(6), 1);
    case 'heating_pipe.supply_temp': return pos(72 - 2 * day + n(1.5), 1);
    case 'heating_pipe.return_temp': return pos(48 - 2 * day + n(1.5), 1);
    case 'heating_pipe.pressure': return pos(1.05 + n(0.03), 3);
    case 'tunnel_env.o2': return pos(20.8 + n(0.1));
    case 'tunnel_env.ch4': return pos(0.6 + n(0.4));
    case 'tunnel_env.h2s': return pos(1.2 + n(0.5));
    case 'tunnel_env.water_level': return pos(0.02 + 0.0005 * w.wet + n(0.004), 3);
    case 'septic_gas.ch4': return pos(3 + 1.5 * day + n(1), 1);
    case 'septic_gas.h2s': return pos(2 + n(0.8), 1);
    case 'septic_gas.level': return pos(1.2 + 0.003 * w.wet + n(0.05));
    default: return pos(10 + 2 * day + n(0.5));
  }
}

/** The values a device sends now: its baselines, with its anomaly's metric pushed while it lasts. */
export function readingsOf(device: SimDevice, nowMs: number, w: Weather, rng: Rng, anomaly: Anomaly | null): Record<string, number> {
  const values: Record<string, number> = {};
  for (const metric of device.metrics) values[metric] = baseline(device.typeCode, metric, nowMs, w, rng);
  if (anomaly && anomaly.untilMs > nowMs && metric(anomaly, device)) values[anomaly.metric] = anomaly.value;
  return values;
}

const metric = (a: Anomaly, d: SimDevice) => d.metrics.includes(a.metric);
