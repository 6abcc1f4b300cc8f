// Pieces of the facility and flood pages (h6c): a map of GeoJSON features coloured by their `color` property over the
// streets, and a time-series chart with threshold lines.
import { useEffect, useRef } from 'react';
import type { FeatureCollection } from 'geojson';
import { LineChart, BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Map as MapLibre } from '../../map/maplibre.ts';
import { emptyStyle, LABEL_FONT, MAP_OPTIONS } from '../../map/common.ts';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export const LEVEL_COLOR: Record<string, string> = { blue: '#1677ff', yellow: '#d4b106', orange: '#fa8c16', red: '#f5222d' };
export const STATE_COLOR: Record<string, string> = { normal: '#52c41a', alarm: '#f5222d', offline: '#8c8c8c', disabled: '#bfbfbf' };

function flatten(c: any): number[][] {
  if (!Array.isArray(c)) return [];
  return typeof c[0] === 'number' ? [c as number[]] : c.flatMap(flatten);
}

/**
 * `areas`: polygons filled by `color` (transparent when none); `features`: lines and points drawn in `color`, labelled
 * with `label`. A click on a feature calls onPick with its properties.
 */
export function FeatureMap({ areas, features, height = 420, onPick, testId }: {
  areas?: FeatureCollection; features: FeatureCollection; height?: number; onPick?: (props: Record<string, any>) => void; testId: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const data = useRef({ areas, features });
  data.current = { areas, features };
  const loaded = useRef(false);
  const fitted = useRef(false);
  const apply = () => {
    const m = map.current;
    if (!m || !loaded.current) return;
    (m.getSource('features') as any).setData(data.current.features);
    if (data.current.areas) (m.getSource('areas') as any).setData(data.current.areas);
    // the first features decide the view
    const coords = data.current.features.features.flatMap((f) => flatten((f.geometry as any)?.coordinates));
    if (!fitted.current && coords.length > 0) {
      fitted.current = true;
      const xs = coords.map((c) => c[0]);
      const ys = coords.map((c) => c[1]);
      m.fitBounds([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], { padding: 30, maxZoom: 16, duration: 0 });
    }
  };
  useEffect(() => {
    const m = new MapLibre({ ...MAP_OPTIONS, container: ref.current!, style: emptyStyle('#eef2f6'), center: [119.257, 34.6], zoom: 11.6 });
    map.current = m;
    m.on('load', () => {
      m.addSource('streets', { type: 'geojson', data: '/api/map/divisions.geojson?level=street' });
      m.addSource('water', { type: 'geojson', data: '/api/map/areas.geojson' });
      m.addSource('areas', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      m.addSource('features', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      m.addLayer({ id: 'water', type: 'fill', source: 'water', filter: ['==', ['get', 'kind'], 'water'], paint: { 'fill-color': '#a5d8ff' } });
      m.addLayer({ id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': ['coalesce', ['get', 'color'], '#ffffff'],
        'fill-opacity': ['case', ['has', 'color'], 0.35, 0] } });
      m.addLayer({ id: 'streets-line', type: 'line', source: 'streets', paint: { 'line-color': '#8c8c8c', 'line-width': 0.8 } });
      m.addLayer({ id: 'streets-label', type: 'symbol', source: 'streets', layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 11 },
        paint: { 'text-color': '#8c8c8c' } });
      m.addLayer({ id: 'f-line', type: 'line', source: 'features', filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': ['coalesce', ['get', 'color'], '#1677ff'], 'line-width': 4 } });
      m.addLayer({ id: 'f-point', type: 'circle', source: 'features', filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 6, 'circle-color': ['coalesce', ['get', 'color'], '#1677ff'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
      m.addLayer({ id: 'f-label', type: 'symbol', source: 'features', minzoom: 13, layout: { 'text-field': ['coalesce', ['get', 'label'], ''],
        'text-font': LABEL_FONT, 'text-size': 11, 'text-offset': [0, 1.1], 'text-anchor': 'top' }, paint: { 'text-color': '#262626', 'text-halo-color': '#fff', 'text-halo-width': 1 } });
      for (const layer of ['f-line', 'f-point']) {
        m.on('click', layer, (e) => { const f = e.features?.[0]; if (f) pick.current?.(f.properties as Record<string, any>); });
        m.on('mouseenter', layer, () => { m.getCanvas().style.cursor = 'pointer'; });
        m.on('mouseleave', layer, () => { m.getCanvas().style.cursor = ''; });
      }
      loaded.current = true;
      apply();
    });
    return () => { loaded.current = false; m.remove(); map.current = null; };
  }, []);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(apply, [features, areas]);
  return <div ref={ref} style={{ height, width: '100%', borderRadius: 6, overflow: 'hidden' }} data-testid={testId} />;
}

export interface ChartSeries { name: string; points: { t: string; value: number }[]; kind?: 'line' | 'bar' }

/** Lines (or bars) over time with dashed threshold lines coloured by level. */
export function TimeChart({ series, thresholds = [], unit, height = 220, testId }: {
  series: ChartSeries[]; thresholds?: { level: string; value: number; label?: string }[]; unit?: string; height?: number; testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    chart.current = echarts.init(ref.current!, undefined, { renderer: 'canvas' });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.current?.dispose(); chart.current = null; };
  }, []);
  useEffect(() => {
    chart.current?.setOption({
      animation: false,
      grid: { left: 48, right: 24, top: 28, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: series.length > 1 ? { top: 0, type: 'scroll' } : undefined,
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: unit, scale: false },
      series: series.map((s, i) => ({
        name: s.name, type: s.kind ?? 'line', showSymbol: false, data: s.points.map((p) => [p.t, p.value]),
        markLine: i === 0 && thresholds.length > 0 ? { symbol: 'none', silent: true, data: thresholds.map((th) => ({
          yAxis: th.value, lineStyle: { color: LEVEL_COLOR[th.level] ?? '#999', type: 'dashed' }, label: { formatter: th.label ?? String(th.value), color: LEVEL_COLOR[th.level] } })) } : undefined,
      })),
    }, { notMerge: true });
  }, [series, thresholds, unit]);
  return <div ref={ref} style={{ height, width: '100%' }} data-testid={testId} />;
}
