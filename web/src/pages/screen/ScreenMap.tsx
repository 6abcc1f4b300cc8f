// The big screen's map: the city's own layers (water and parks, roads, districts) in dark colours and the open cases
// coloured by traffic light; for today, with monitor.read, also the active IoT alarms (rings in the level's colour,
// kept live by the alarm stream). Read only and offline (no tiles, glyphs or sprites from the internet).
import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource } from 'maplibre-gl';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { emptyStyle, geometryBounds, LABEL_FONT, MAP_OPTIONS, type Bounds } from '../../map/common.ts';
import { LEVEL_COLORS } from '../../map/layers.ts';
import { Map as MapLibre } from '../../map/maplibre.ts';
import { useAlarmStream } from '../map/useAlarms.ts';
import { COLORS } from './charts.ts';

const LEVEL = Object.fromEntries(LEVEL_COLORS);
const LEVEL_STROKE: ExpressionSpecification = ['match', ['get', 'level'], 'blue', LEVEL.blue, 'yellow', LEVEL.yellow, 'orange', LEVEL.orange, LEVEL.red];
const DISTRICT_FILL = ['#1d4ed8', '#0e7490', '#7c3aed', '#b45309', '#15803d', '#be123c'];

function unionBounds(fc: FeatureCollection): Bounds | null {
  let box: Bounds | null = null;
  for (const f of fc.features) {
    const b = f.geometry ? geometryBounds(f.geometry) : null;
    if (!b) continue;
    box = box ? [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])] : b;
  }
  return box;
}

export default function ScreenMap({ cases, alarms: showAlarms }: { cases: FeatureCollection | undefined; alarms: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const [ready, setReady] = useState(false);
  const [alarms, setAlarms] = useState<FeatureCollection | null>(null);
  const [alarmVersion, setAlarmVersion] = useState(0);
  useAlarmStream(showAlarms, () => setAlarmVersion((v) => v + 1));

  useEffect(() => {
    const m = new MapLibre({ ...MAP_OPTIONS, container: ref.current!, style: emptyStyle('#061a33'), center: [119.3, 34.6], zoom: 10,
      interactive: false, fadeDuration: 0 });
    map.current = m;
    m.on('load', async () => {
      const [areas, roads, districts] = await Promise.all([
        api.get<FeatureCollection>('/api/map/areas.geojson'),
        api.get<FeatureCollection>('/api/map/roads.geojson'),
        api.get<FeatureCollection>('/api/map/divisions.geojson', { level: 'district' }),
      ]).catch(() => [undefined, undefined, undefined]);
      if (map.current !== m) return;
      districts?.features.forEach((f, i) => { f.properties = { ...f.properties, color: DISTRICT_FILL[i % DISTRICT_FILL.length] }; });
      const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
      m.addSource('areas', { type: 'geojson', data: areas ?? empty });
      m.addSource('roads', { type: 'geojson', data: roads ?? empty });
      m.addSource('districts', { type: 'geojson', data: districts ?? empty });
      m.addSource('cases', { type: 'geojson', data: empty });
      m.addSource('alarms', { type: 'geojson', data: empty });
      m.addLayer({ id: 'districts-fill', type: 'fill', source: 'districts', paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.16 } });
      m.addLayer({ id: 'areas-fill', type: 'fill', source: 'areas', paint: {
        'fill-color': ['match', ['get', 'kind'], 'water', '#0b4f8a', 'park', '#0f4d3a', '#0c2547'], 'fill-opacity': 0.75 } });
      m.addLayer({ id: 'roads-line', type: 'line', source: 'roads', layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: {
        'line-color': ['match', ['get', 'class'], '快速路', '#3c6aa8', '主干路', '#2f5a92', '#22446f'],
        'line-width': ['match', ['get', 'class'], '快速路', 2.2, '主干路', 1.6, 0.8] } });
      m.addLayer({ id: 'districts-line', type: 'line', source: 'districts', paint: {
        'line-color': '#52a8ff', 'line-width': 2.5, 'line-opacity': 0.9 } });
      m.addLayer({ id: 'cases-glow', type: 'circle', source: 'cases', filter: ['==', ['get', 'light'], 'red'], paint: {
        'circle-radius': 7, 'circle-color': COLORS.red, 'circle-opacity': 0.22, 'circle-blur': 0.6 } });
      m.addLayer({ id: 'cases-point', type: 'circle', source: 'cases', paint: {
        'circle-radius': 3.2, 'circle-stroke-width': 0.6, 'circle-stroke-color': 'rgba(0,0,0,0.5)',
        'circle-color': ['match', ['get', 'light'], 'red', COLORS.red, 'yellow', COLORS.yellow, 'paused', COLORS.grey, COLORS.green] } });
      m.addLayer({ id: 'alarms-ring', type: 'circle', source: 'alarms', paint: {
        'circle-radius': ['match', ['get', 'level'], 'red', 9, 'orange', 8, 6], 'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-width': 2.5, 'circle-stroke-color': LEVEL_STROKE } });
      m.addLayer({ id: 'districts-label', type: 'symbol', source: 'districts', layout: {
        'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 22, 'text-allow-overlap': true },
        paint: { 'text-color': '#e6f4ff', 'text-halo-color': '#061a33', 'text-halo-width': 2.5 } });
      const box = districts ? unionBounds(districts) : null;
      if (box) m.fitBounds(box, { padding: 36, duration: 0 });
      setReady(true);
    });
    return () => { map.current = null; m.remove(); };
  }, []);

  useEffect(() => {
    if (ready && cases) (map.current?.getSource('cases') as GeoJSONSource | undefined)?.setData(cases);
  }, [ready, cases]);

  useEffect(() => {
    if (!showAlarms) { setAlarms(null); return; }
    let stale = false;
    api.get<FeatureCollection>('/api/map/monitor/alarms.geojson').then((fc) => { if (!stale) setAlarms(fc); }, () => undefined);
    return () => { stale = true; };
  }, [showAlarms, alarmVersion]);
  useEffect(() => {
    if (ready) (map.current?.getSource('alarms') as GeoJSONSource | undefined)?.setData(alarms ?? { type: 'FeatureCollection', features: [] });
  }, [ready, alarms]);

  return (
    <div style={{ position: 'absolute', inset: 0 }}>
      <div ref={ref} className="scr-map" data-testid="screen-map" />
      {alarms && alarms.features.length > 0 && (
        <div data-testid="screen-alarms" style={{ position: 'absolute', right: 8, bottom: 8, padding: '2px 8px', borderRadius: 4,
          background: 'rgba(6,26,51,0.8)', color: '#ffccc7', border: '1px solid #a8071a', fontSize: 13 }}>
          {t('screenAlarms', { n: alarms.features.length })}
        </div>
      )}
    </div>
  );
}
