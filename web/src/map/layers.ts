// The base map's layers (一张图): every source is GeoJSON from our API, drawn over a plain background.
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { LABEL_FONT } from './common.ts';

export type LayerGroup = 'tiles' | 'districts' | 'streets' | 'communities' | 'areas' | 'roads' | 'grids' | 'landmarks' | 'components';

export interface SourceDef {
  id: string;
  group: Exclude<LayerGroup, 'tiles'>;
  url: string;
  cluster?: boolean;
}

/** Drawn bottom to top in this order. */
export const SOURCES: SourceDef[] = [
  { id: 'areas', group: 'areas', url: '/api/map/areas.geojson' },
  { id: 'districts', group: 'districts', url: '/api/map/divisions.geojson?level=district' },
  { id: 'streets', group: 'streets', url: '/api/map/divisions.geojson?level=street' },
  { id: 'communities', group: 'communities', url: '/api/map/divisions.geojson?level=community' },
  { id: 'grids', group: 'grids', url: '/api/map/grids.geojson' },
  { id: 'roads', group: 'roads', url: '/api/map/roads.geojson' },
  { id: 'landmarks', group: 'landmarks', url: '/api/map/landmarks.geojson' },
  { id: 'components', group: 'components', url: '/api/map/components.geojson', cluster: true },
];

export const GROUPS: LayerGroup[] = ['tiles', 'districts', 'streets', 'communities', 'areas', 'roads', 'grids', 'landmarks', 'components'];

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export function sourceSpec(def: SourceDef): SourceSpecification {
  return def.cluster
    ? { type: 'geojson', data: empty(), cluster: true, clusterMaxZoom: 16, clusterRadius: 48 }
    : { type: 'geojson', data: empty() };
}

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
  { id: 'grids-fill', type: 'fill', source: 'grids', metadata: { group: 'grids' },
    paint: { 'fill-color': '#1677ff', 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 12, 0.04, 17, 0.1] } },
  { id: 'grids-line', type: 'line', source: 'grids', metadata: { group: 'grids' },
    paint: { 'line-color': '#1677ff', 'line-opacity': 0.55, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.3, 17, 1.2] } },
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
  // 地标
  { id: 'landmarks-circle', type: 'circle', source: 'landmarks', minzoom: 12, metadata: { group: 'landmarks' },
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
] as (LayerSpecification & { metadata: { group: LayerGroup } })[];

/** Layers a click can pick, most specific first. */
export const CLICKABLE = ['components-point', 'components-cluster', 'landmarks-circle', 'roads-line', 'grids-fill'];
