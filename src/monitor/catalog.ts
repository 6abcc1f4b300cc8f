// The built-in device types (监测设备类型) with their metrics, the case type their alarms become, and default alarm
// rules; and the AI video classes (视频识别类别) with their case types. Seeded once (seed.ts); administrators change
// them afterwards through the API. Thresholds follow common practice (e.g. 可燃气体 20 %LEL 低报 / 50 %LEL 高报,
// 道路积水 15 cm 影响通行 / 27 cm 淹没排气管 / 40 cm 断行) and are meant to be tuned per city.
import type { RuleSpec } from './rules/alarm-rules.ts';
import type { Level } from './rules/levels.ts';

export interface Metric { key: string; name: string; unit: string }

export interface DeviceTypeSeed {
  code: string; name: string; category: string; metrics: Metric[]; matterCode: string;
  rules: (RuleSpec & { name: string })[];
}

/** 道路积水 is not in GB/T 47678.5 (it was 突发事件 0406 in the old catalogue): a local matter type, minor 900–999. */
export const LOCAL_PONDING_TYPE = { kind: 'matter', code: '10901', major_code: '10', major_name: '其他事项类', name: '道路积水' } as const;

const m = (key: string, name: string, unit: string): Metric => ({ key, name, unit });
type SeedRule = DeviceTypeSeed['rules'][number];
type Levels = Partial<Record<Level, number>>;
const above = (metric: string, name: string, levels: Levels, forSeconds = 0, hysteresis = 0): SeedRule =>
  ({ kind: 'threshold', metric, name, params: { direction: 'above', levels, forSeconds, hysteresis } });
const below = (metric: string, name: string, levels: Levels, forSeconds = 0, hysteresis = 0): SeedRule =>
  ({ kind: 'threshold', metric, name, params: { direction: 'below', levels, forSeconds, hysteresis } });
const offline = (minutes: number): SeedRule =>
  ({ kind: 'offline', metric: null, name: `${minutes} 分钟无数据`, params: { minutes, level: 'blue' } });

export const DEVICE_TYPES: DeviceTypeSeed[] = [
  { code: 'gas_lel', name: '可燃气体监测仪（相邻空间）', category: '燃气', matterCode: '01011',
    metrics: [m('lel', '可燃气体浓度', '%LEL'), m('temp', '温度', '°C')],
    rules: [above('lel', '可燃气体浓度超限', { blue: 10, yellow: 20, orange: 35, red: 50 }, 0, 2), offline(30)] },
  { code: 'gas_pipe', name: '燃气管网压力流量计', category: '燃气', matterCode: '01057',
    metrics: [m('pressure', '管道压力', 'MPa'), m('flow', '瞬时流量', 'm³/h')],
    rules: [above('pressure', '燃气管道超压', { yellow: 0.42, orange: 0.44, red: 0.46 }, 60, 0.01),
      below('pressure', '燃气管道失压', { yellow: 0.2, red: 0.1 }, 60, 0.01), offline(30)] },
  { code: 'water_pipe', name: '供水管网压力流量计', category: '供水', matterCode: '01001',
    metrics: [m('pressure', '管道压力', 'MPa'), m('flow', '瞬时流量', 'm³/h'), m('leak_noise', '漏损噪声', 'dB')],
    rules: [below('pressure', '供水管道压力过低', { blue: 0.2, yellow: 0.16, red: 0.1 }, 120, 0.01),
      { kind: 'rate', metric: 'pressure', name: '供水压力骤降（疑似爆管）', params: { perMinute: 0.1, level: 'orange', hysteresis: 0.02 } },
      offline(30)] },
  { code: 'drain_level', name: '排水管网液位计', category: '排水', matterCode: '01003',
    metrics: [m('level', '液位', 'm'), m('flow', '流量', 'm³/h')],
    rules: [above('level', '排水管网高水位', { blue: 1.5, yellow: 2, orange: 2.5, red: 3 }, 60, 0.1), offline(30)] },
  { code: 'rain_gauge', name: '雨量计', category: '排水', matterCode: '01067',
    metrics: [m('rain_1h', '小时雨量', 'mm')],
    rules: [above('rain_1h', '短时强降雨', { blue: 20, yellow: 30, orange: 50, red: 70 })] },
  // 河道水位: defaults for a river whose 警戒水位 is 4.5 m and 保证水位 5.5 m; a river section's own levels drive the
  // flood warnings (src/monitor/flood/rules.ts), these rules the gauge's own alarms
  { code: 'river_level', name: '河道水位计', category: '水利', matterCode: '01067',
    metrics: [m('level', '河道水位', 'm')],
    rules: [above('level', '河道水位超警戒', { blue: 4.2, yellow: 4.5, orange: 5, red: 5.5 }, 300, 0.05), offline(60)] },
  { code: 'road_ponding', name: '道路积水监测仪', category: '排水', matterCode: LOCAL_PONDING_TYPE.code,
    metrics: [m('depth', '积水深度', 'cm')],
    rules: [above('depth', '道路积水', { blue: 5, yellow: 15, orange: 27, red: 40 }, 60, 2), offline(30)] },
  { code: 'manhole_cover', name: '智能井盖', category: '排水', matterCode: '01003',
    metrics: [m('tilt', '倾角', '°'), m('open', '开启状态', '0/1')],
    rules: [above('open', '井盖开启', { red: 1 }), above('tilt', '井盖倾斜', { yellow: 5, red: 15 }, 0, 1)] },
  { code: 'bridge_health', name: '桥梁结构健康监测', category: '桥梁', matterCode: '02009',
    metrics: [m('deflection', '挠度', 'mm'), m('strain', '应变', 'με'), m('crack', '裂缝宽度', 'mm'), m('vibration', '振动加速度', 'm/s²'),
      m('tilt', '倾角', '°'), m('load', '车辆荷载', 't')],
    rules: [above('deflection', '桥梁挠度超限', { yellow: 30, orange: 40, red: 50 }, 0, 2),
      above('crack', '裂缝宽度超限', { yellow: 0.2, red: 0.3 }, 0, 0.02),
      above('load', '车辆超载', { yellow: 49, red: 55 }), offline(60)] },
  { code: 'heating_pipe', name: '供热管网监测', category: '供热', matterCode: '01061',
    metrics: [m('supply_temp', '供水温度', '°C'), m('return_temp', '回水温度', '°C'), m('pressure', '管道压力', 'MPa')],
    rules: [above('pressure', '供热管道超压', { yellow: 1.5, red: 1.6 }, 60, 0.05), below('supply_temp', '供水温度过低', { blue: 55, yellow: 45 }, 600, 2)] },
  { code: 'tunnel_env', name: '综合管廊环境监测', category: '综合管廊', matterCode: '01074',
    metrics: [m('o2', '氧气', '%VOL'), m('ch4', '甲烷', '%LEL'), m('h2s', '硫化氢', 'ppm'), m('water_level', '积水水位', 'm')],
    rules: [below('o2', '管廊缺氧', { yellow: 19.5, red: 18 }, 0, 0.3), above('ch4', '管廊甲烷超限', { yellow: 10, red: 25 }, 0, 2),
      above('h2s', '管廊硫化氢超限', { yellow: 10, red: 20 }, 0, 1), above('water_level', '管廊积水', { yellow: 0.1, red: 0.3 }, 60, 0.02)] },
  { code: 'septic_gas', name: '化粪池危险气体监测', category: '排水', matterCode: '01018',
    metrics: [m('ch4', '甲烷', '%LEL'), m('h2s', '硫化氢', 'ppm'), m('level', '液位', 'm')],
    rules: [above('ch4', '化粪池甲烷超限', { yellow: 10, orange: 20, red: 25 }, 0, 2), above('h2s', '化粪池硫化氢超限', { yellow: 10, red: 20 }, 0, 1)] },
];

export interface VideoClassSeed { class: string; name: string; matterCode: string; minConfidence: number; mergeSeconds: number; mode: 'auto' | 'review' }

/** 14 common AI video classes (机动车/非机动车乱停放 counted apart); repeats within 30 minutes merge. */
export const VIDEO_CLASSES: VideoClassSeed[] = [
  ['street_vending', '占道经营', '09006', 0.7, 'review'], ['shop_outside', '店外经营', '09005', 0.7, 'review'],
  ['clutter', '乱堆杂物', '06036', 0.7, 'review'], ['exposed_garbage', '暴露垃圾', '06010', 0.75, 'auto'],
  ['road_spill', '道路遗撒', '06014', 0.7, 'auto'], ['parking_motor', '机动车乱停放', '09009', 0.8, 'review'],
  ['parking_bike', '非机动车乱停放', '09010', 0.8, 'review'], ['outdoor_ad', '违规户外广告', '07003', 0.7, 'review'],
  ['small_ad', '非法小广告', '07001', 0.7, 'review'], ['street_hanging', '沿街晾挂', '06007', 0.7, 'review'],
  ['construction_occupation', '施工占道', '08002', 0.7, 'review'], ['site_dust', '工地扬尘', '08004', 0.7, 'review'],
  ['open_bbq', '露天烧烤', '06029', 0.75, 'review'], ['garbage_overflow', '垃圾满溢', '06042', 0.75, 'auto'],
  ['road_ponding', '道路积水', LOCAL_PONDING_TYPE.code, 0.7, 'auto'],
].map(([cls, name, matterCode, minConfidence, mode]) => ({
  class: cls as string, name: name as string, matterCode: matterCode as string, minConfidence: minConfidence as number,
  mergeSeconds: 1800, mode: mode as 'auto' | 'review',
}));
