// The map's layers (一张图): every source is GeoJSON from our API, drawn over a plain background. A layer group is
// what the layer panel toggles; a new kind of data (cameras, sensors, vehicles …) adds a group, a SourceDef and
// its LAYERS, and the page loads, refreshes and toggles it like the others.
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, Map as MapLibre, SourceSpecification } from 'maplibre-gl';
import { PERM } from '../permissions.ts';
import { LABEL_FONT } from './common.ts';
import { applyGridStats, type GridStatsAnswer } from './gridStats.ts';
import { withPeriod, type MapPeriod } from './period.ts';

export type LayerGroup = 'tiles' | 'districts' | 'streets' | 'communities' | 'areas' | 'roads' | 'grids' | 'landmarks' | 'components'
  | 'cases' | 'heat' | 'gridStats' | 'staff' | 'alarms' | 'devices' | 'cameras';

export interface SourceDef {
  id: string;
  group: Exclude<LayerGroup, 'tiles'>;
  /** A fixed URL, or one built from the time slider's period (then reloaded whenever the period changes). */
  url: string | ((period: MapPeriod) => string);
  cluster?: boolean;
  /**
   * Handed to MapLibre as a URL, so the worker fetches and parses it (a 14 MB layer parsed on the main thread froze the
   * page); the page then never holds its features (no local search, no legend counts).
   */
  inWorker?: boolean;
  /** Highest zoom the source is tiled at; deeper zooms reuse (overscale) its tiles instead of tiling again. */
  maxzoom?: number;
  /** Feature property used as the feature id (for feature state). */
  promoteId?: string;
  /** Loaded only for users with this permission; the group is not offered to others. */
  permission?: string;
  /** Loaded when its group is first shown rather than at start (and not while hidden). */
  onDemand?: boolean;
  /** Reloaded this often while shown (live data). */
  refreshSeconds?: number;
  /** The answer is not the data of a source of its own: it is applied to the map (e.g. feature state). */
  apply?: (map: MapLibre, body: any) => void;
}

const MONITOR_READ = 'monitor.read';

/**
 * Drawn bottom to top in this order. Polygon and line sources are tiled up to zoom 13–14 only: zooming in further
 * reuses those tiles, so easing between zoom 12 and 17 does not re-tile 8,000+ grids at every level
 * (bench/map-pan.bench.ts).
 */
export const SOURCES: SourceDef[] = [
  { id: 'areas', group: 'areas', url: '/api/map/areas.geojson', maxzoom: 14 },
  { id: 'districts', group: 'districts', url: '/api/map/divisions.geojson?level=district', maxzoom: 12 },
  { id: 'streets', group: 'streets', url: '/api/map/divisions.geojson?level=street', maxzoom: 13 },
  { id: 'communities', group: 'communities', url: '/api/map/divisions.geojson?level=community', maxzoom: 13 },
  { id: 'grids', group: 'grids', url: '/api/map/grids.geojson', promoteId: 'code', maxzoom: 14 },
  { id: 'roads', group: 'roads', url: '/api/map/roads.geojson', maxzoom: 14 },
  { id: 'landmarks', group: 'landmarks', url: '/api/map/landmarks.geojson', maxzoom: 14 },
  { id: 'components', group: 'components', url: '/api/map/components.geojson', cluster: true, onDemand: true, inWorker: true },
  // 业务图层 over the chosen period
  { id: 'grid-stats', group: 'gridStats', url: (p) => withPeriod('/api/map/grid-stats', p), permission: PERM.caseRead, onDemand: true,
    apply: (map, body: GridStatsAnswer) => applyGridStats(map, body.grids) },
  { id: 'case-heat', group: 'heat', url: (p) => withPeriod('/api/map/case-heat', p), permission: PERM.caseRead, onDemand: true },
  { id: 'cases', group: 'cases', url: (p) => withPeriod('/api/map/cases.geojson', p), permission: PERM.caseRead, onDemand: true, refreshSeconds: 60 },
  { id: 'staff', group: 'staff', url: '/api/map/staff-positions', permission: PERM.caseRead, onDemand: true, refreshSeconds: 20 },
  // 运行监测 (alarms are also reloaded when the alarm stream reports a change)
  { id: 'cameras', group: 'cameras', url: '/api/map/monitor/cameras.geojson', permission: MONITOR_READ, onDemand: true, maxzoom: 14 },
  { id: 'devices', group: 'devices', url: '/api/map/monitor/devices.geojson', permission: MONITOR_READ, onDemand: true, refreshSeconds: 60, maxzoom: 14 },
  { id: 'alarms', group: 'alarms', url: '/api/map/monitor/alarms.geojson', permission: MONITOR_READ, onDemand: true, refreshSeconds: 60, maxzoom: 14 },
];

/** The layer panel's order: business layers first, then the base map. */
export const GROUPS: LayerGroup[] = ['cases', 'heat', 'gridStats', 'staff', 'alarms', 'devices', 'cameras',
  'tiles', 'districts', 'streets', 'communities', 'areas', 'roads', 'grids', 'landmarks', 'components'];

/** Hidden when the page opens (the case overview first); the panel shows them. */
export const DEFAULT_HIDDEN: LayerGroup[] = ['heat', 'gridStats', 'components', 'devices', 'cameras'];

/** Groups drawn from live data (业务图层): listed above the base map in the layer panel, explained by the legend. */
export const BUSINESS_GROUPS: LayerGroup[] = ['cases', 'heat', 'gridStats', 'staff', 'alarms', 'devices', 'cameras'];

/** Groups whose data follow the time slider. */
export const PERIOD_GROUPS: LayerGroup[] = ['cases', 'heat', 'gridStats'];

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export function sourceSpec(def: SourceDef): SourceSpecification {
  return def.cluster
    ? { type: 'geojson', data: empty(), cluster: true, clusterMaxZoom: 16, clusterRadius: 48 }
    : { type: 'geojson', data: empty(), ...(def.promoteId ? { promoteId: def.promoteId } : {}), ...(def.maxzoom ? { maxzoom: def.maxzoom } : {}) };
}

/** Alarm levels 蓝黄橙红 (预警等级) and their colours; a device without an alarm is green, an offline one grey. */
export const LEVEL_COLORS: [string, string][] = [['blue', '#1677ff'], ['yellow', '#fadb14'], ['orange', '#fa8c16'], ['red', '#f5222d']];
export const DEVICE_NORMAL = '#52c41a';
export const DEVICE_OFFLINE = '#8c8c8c';
export const CAMERA_COLOR = '#531dab';

/** Case traffic lights (same rule as the case list) and the colours of closed cases and cases without a clock. */
export const LIGHT_COLORS: [string, string][] = [
  ['green', '#52c41a'], ['yellow', '#faad14'], ['red', '#f5222d'], ['none', '#8c8c8c'], ['closed', '#adc6ff'],
];

const halo = { 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 } as const;
const label = (field: unknown, size: number) => ({ 'text-field': field, 'text-font': LABEL_FONT, 'text-size': size }) as const;

/** Component colours by major class (大类): 01 公用设施 … 05 其他设施. */
export const COMPONENT_COLORS: [string, string][] = [
  ['01', '#1677ff'], ['02', '#fa8c16'], ['03', '#13c2c2'], ['04', '#52c41a'], ['05', '#722ed1'],
];

const typeMajor = ['slice', ['to-string', ['get', 'typeCode']], 0, 2];

export const LAYERS: (LayerSpecification & { metadata: { group: LayerGroup } })[] = [
  // 水系、绿地、广场
  { id: 'areas-fill', type: 'fill', source: 'areas', metadata: { group: 'areas' }, paint: {
    'fill-color': ['match', ['get', 'kind'], 'water', '#a3ccf0', 'park', '#b9e0a5', '#e8e2d6'], 'fill-opacity': 0.9 } },
  { id: 'areas-label', type: 'symbol', source: 'areas', minzoom: 14, metadata: { group: 'areas' },
    layout: { ...label(['get', 'name'], 12) }, paint: { 'text-color': ['match', ['get', 'kind'], 'water', '#1d5fa0', '#3b7a28'], ...halo } },
  // 行政区划
  { id: 'districts-line', type: 'line', source: 'districts', metadata: { group: 'districts' },
    paint: { 'line-color': '#8e5bb5', 'line-width': 2.5, 'line-dasharray': [4, 2] } },
  { id: 'streets-line', type: 'line', source: 'streets', minzoom: 10, metadata: { group: 'streets' },
    paint: { 'line-color': '#a77fc8', 'line-width': 1.6, 'line-dasharray': [3, 2] } },
  { id: 'communities-line', type: 'line', source: 'communities', minzoom: 12, metadata: { group: 'communities' },
    paint: { 'line-color': '#c3a9dc', 'line-width': 1, 'line-dasharray': [2, 2] } },
  // 单元网格
  // 网格着色 (fill-color set by the page from the statistics and the chosen metric)
  { id: 'gridstats-fill', type: 'fill', source: 'grids', metadata: { group: 'gridStats' },
    paint: { 'fill-color': 'rgba(0,0,0,0)', 'fill-opacity': 0.7, 'fill-antialias': false } },
  // One layer draws the fill and its outline (the antialiasing pass): with 8,000+ grids a separate line layer doubled
  // the drawing time per frame (bench/map-pan.bench.ts).
  { id: 'grids-fill', type: 'fill', source: 'grids', metadata: { group: 'grids' },
    paint: { 'fill-color': 'rgba(22,119,255,0.07)',
      'fill-outline-color': ['interpolate', ['linear'], ['zoom'], 12, 'rgba(22,119,255,0.18)', 16, 'rgba(22,119,255,0.6)'] } },
  // 道路
  { id: 'roads-casing', type: 'line', source: 'roads', metadata: { group: 'roads' }, layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#c9b99a', 'line-width': ['interpolate', ['linear'], ['zoom'], 10,
      ['match', ['get', 'class'], '快速路', 3, '主干路', 2.5, '次干路', 1.5, 0.8], 16,
      ['match', ['get', 'class'], '快速路', 16, '主干路', 13, '次干路', 9, 6]] } },
  { id: 'roads-line', type: 'line', source: 'roads', metadata: { group: 'roads' }, layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': ['match', ['get', 'class'], '快速路', '#f6a23c', '主干路', '#fdd56a', '#ffffff'],
      'line-width': ['interpolate', ['linear'], ['zoom'], 10,
        ['match', ['get', 'class'], '快速路', 2, '主干路', 1.6, '次干路', 0.9, 0.4], 16,
        ['match', ['get', 'class'], '快速路', 13, '主干路', 10.5, '次干路', 7, 4.5]] } },
  { id: 'roads-label', type: 'symbol', source: 'roads', minzoom: 13, metadata: { group: 'roads' },
    layout: { ...label(['get', 'name'], 12), 'symbol-placement': 'line', 'text-max-angle': 30 },
    paint: { 'text-color': '#5b4a2e', ...halo } },
  // 区划名称 (above roads so they stay readable)
  { id: 'districts-label', type: 'symbol', source: 'districts', maxzoom: 12, metadata: { group: 'districts' },
    layout: { ...label(['get', 'name'], 16) }, paint: { 'text-color': '#6a3d8f', ...halo } },
  { id: 'streets-label', type: 'symbol', source: 'streets', minzoom: 12, maxzoom: 15, metadata: { group: 'streets' },
    layout: { ...label(['get', 'name'], 14) }, paint: { 'text-color': '#7d54a3', ...halo } },
  { id: 'communities-label', type: 'symbol', source: 'communities', minzoom: 15, metadata: { group: 'communities' },
    layout: { ...label(['get', 'name'], 12) }, paint: { 'text-color': '#8f6bb3', ...halo } },
  { id: 'grids-label', type: 'symbol', source: 'grids', minzoom: 17, metadata: { group: 'grids' },
    layout: { ...label(['get', 'code'], 10) }, paint: { 'text-color': '#0e4ba8', ...halo } },
  // 案件热力 (heatmap-weight rescaled by the page to the densest cell)
  { id: 'heat', type: 'heatmap', source: 'case-heat', metadata: { group: 'heat' }, paint: {
    'heatmap-weight': ['interpolate', ['linear'], ['get', 'n'], 0, 0, 10, 1],
    'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 9, 0.8, 15, 2],
    'heatmap-radius': ['interpolate', ['exponential', 2], ['zoom'], 9, 6, 13, 18, 16, 60, 18, 160],
    'heatmap-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0.85, 18, 0.55],
    'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'],
      0, 'rgba(33,102,172,0)', 0.2, 'rgb(103,169,207)', 0.4, 'rgb(209,229,240)', 0.6, 'rgb(253,219,199)', 0.8, 'rgb(239,138,98)', 1, 'rgb(178,24,43)'] } },
  // 地标
  { id: 'landmarks-circle', type: 'circle', source: 'landmarks', minzoom: 14, metadata: { group: 'landmarks' },
    paint: { 'circle-radius': 4.5, 'circle-color': '#eb2f96', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } },
  { id: 'landmarks-label', type: 'symbol', source: 'landmarks', minzoom: 15, metadata: { group: 'landmarks' },
    layout: { ...label(['get', 'name'], 12), 'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-optional': true },
    paint: { 'text-color': '#9e1068', ...halo } },
  // 管理部件: clusters when zoomed out
  { id: 'components-cluster', type: 'circle', source: 'components', filter: ['has', 'point_count'], metadata: { group: 'components' },
    paint: { 'circle-color': ['step', ['get', 'point_count'], '#69b1ff', 50, '#4096ff', 500, '#0958d9'],
      'circle-radius': ['step', ['get', 'point_count'], 14, 50, 18, 500, 24], 'circle-opacity': 0.85,
      'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } },
  { id: 'components-count', type: 'symbol', source: 'components', filter: ['has', 'point_count'], metadata: { group: 'components' },
    layout: { ...label(['get', 'point_count_abbreviated'], 12), 'text-allow-overlap': true }, paint: { 'text-color': '#ffffff' } },
  { id: 'components-point', type: 'circle', source: 'components', filter: ['!', ['has', 'point_count']], metadata: { group: 'components' },
    paint: { 'circle-color': ['match', typeMajor, ...COMPONENT_COLORS.flat(), '#8c8c8c'],
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 14, 4, 18, 7],
      'circle-stroke-color': ['match', ['get', 'status'], '完好', '#ffffff', '#f5222d'], 'circle-stroke-width': 1.5 } },
  // 案件: coloured by the running clock's traffic light
  { id: 'cases-point', type: 'circle', source: 'cases', metadata: { group: 'cases' },
    paint: { 'circle-color': ['match', ['get', 'light'], ...LIGHT_COLORS.flat(), '#8c8c8c'],
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, ['case', ['get', 'urgent'], 4, 3], 16, ['case', ['get', 'urgent'], 9, 7]],
      'circle-stroke-color': ['case', ['get', 'urgent'], '#820014', '#ffffff'],
      'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 16, 1.5] } },
  // 外勤人员: fresh positions blue, older than 10 minutes grey
  { id: 'staff-point', type: 'circle', source: 'staff', metadata: { group: 'staff' },
    paint: { 'circle-color': ['case', ['<', ['get', 'ageSeconds'], 600], '#2f54eb', '#8c8c8c'], 'circle-radius': 7,
      'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 } },
  { id: 'staff-label', type: 'symbol', source: 'staff', minzoom: 13, metadata: { group: 'staff' },
    layout: { ...label(['get', 'name'], 12), 'text-offset': [0, 1.2], 'text-anchor': 'top', 'text-optional': true },
    paint: { 'text-color': '#1d39c4', ...halo } },
  // 视频监控: a purple square-ish dot (thick white ring), named when zoomed in
  { id: 'cameras-point', type: 'circle', source: 'cameras', metadata: { group: 'cameras' },
    paint: { 'circle-color': ['case', ['get', 'enabled'], CAMERA_COLOR, DEVICE_OFFLINE], 'circle-radius': 5,
      'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } },
  { id: 'cameras-label', type: 'symbol', source: 'cameras', minzoom: 16, metadata: { group: 'cameras' },
    layout: { ...label(['get', 'name'], 11), 'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-optional': true },
    paint: { 'text-color': CAMERA_COLOR, ...halo } },
  // 监测设备: coloured by state — normal green, in alarm by its level, offline grey
  { id: 'devices-point', type: 'circle', source: 'devices', metadata: { group: 'devices' },
    paint: { 'circle-color': ['match', ['get', 'state'], 'alarm', ['match', ['get', 'level'], ...LEVEL_COLORS.flat(), '#f5222d'],
      'offline', DEVICE_OFFLINE, DEVICE_NORMAL],
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 6],
    'circle-stroke-color': ['match', ['get', 'state'], 'offline', '#434343', '#ffffff'], 'circle-stroke-width': 1.5 } },
  { id: 'devices-label', type: 'symbol', source: 'devices', minzoom: 16, metadata: { group: 'devices' },
    layout: { ...label(['get', 'name'], 11), 'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-optional': true },
    paint: { 'text-color': '#135200', ...halo } },
  // 告警: a ring in the level's colour (橙/红 also pulse: HTML markers of the page, so the map itself need not repaint)
  { id: 'alarms-point', type: 'circle', source: 'alarms', metadata: { group: 'alarms' },
    paint: { 'circle-color': ['match', ['get', 'level'], ...LEVEL_COLORS.flat(), '#f5222d'], 'circle-opacity': 0.9,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 5, 16, 9],
      'circle-stroke-color': ['match', ['get', 'level'], 'red', '#820014', 'orange', '#873800', '#ffffff'], 'circle-stroke-width': 2 } },
] as (LayerSpecification & { metadata: { group: LayerGroup } })[];

/** Layers a click can pick, most specific first. */
export const CLICKABLE = ['alarms-point', 'devices-point', 'cameras-point', 'staff-point', 'cases-point', 'components-point', 'components-cluster', 'landmarks-circle', 'roads-line', 'grids-fill', 'gridstats-fill'];
