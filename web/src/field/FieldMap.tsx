// 地图 (field): the grids around the user with the open cases in sight coloured by their light, and the user's own
// position; tapping a case opens it. Offline style only (no tiles or glyphs from the internet). Loaded lazily.
import { useEffect, useRef, useState } from 'react';
import { Alert } from 'antd';
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification } from 'maplibre-gl';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { emptyStyle, LABEL_FONT, MAP_OPTIONS } from '../map/common.ts';
import { LIGHT_COLORS } from '../map/layers.ts';
import { Map as MapLibre } from '../map/maplibre.ts';
import { bboxAround } from './navigation.ts';

type Spot = [number, number];

function currentSpot(): Promise<Spot | null> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) { resolve(null); return; }
    navigator.geolocation.getCurrentPosition((p) => resolve([p.coords.longitude, p.coords.latitude]), () => resolve(null),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 });
  });
}

export default function FieldMap() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const ref = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const map = new MapLibre({ ...MAP_OPTIONS, container: ref.current!, style: emptyStyle('#eef2f6'), center: [0, 0], zoom: 1 });
    let live = true;
    map.on('load', async () => {
      try {
        const [spot, cases] = await Promise.all([currentSpot(), api.get<FeatureCollection>('/api/map/cases.geojson')]);
        const first = cases.features[0]?.geometry;
        const center: Spot | null = spot ?? (first?.type === 'Point' ? first.coordinates as Spot : null);
        if (!live) return;
        if (center) {
          const grids = await api.get<FeatureCollection>('/api/map/grids.geojson', { bbox: bboxAround(center[0], center[1]) });
          if (!live) return;
          map.addSource('grids', { type: 'geojson', data: grids });
          map.addLayer({ id: 'grids-fill', type: 'fill', source: 'grids', paint: { 'fill-color': '#1677ff', 'fill-opacity': 0.06 } });
          map.addLayer({ id: 'grids-line', type: 'line', source: 'grids', paint: { 'line-color': '#4096ff', 'line-width': 1 } });
          map.addLayer({ id: 'grids-label', type: 'symbol', source: 'grids', minzoom: 15, layout: {
            'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 11 }, paint: { 'text-color': '#597ef7' } });
          map.jumpTo({ center, zoom: 16 });
        }
        map.addSource('cases', { type: 'geojson', data: cases });
        map.addLayer({ id: 'cases-point', type: 'circle', source: 'cases', paint: {
          'circle-radius': 8, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2,
          'circle-color': ['match', ['get', 'light'], ...LIGHT_COLORS.flat(), '#8c8c8c'] as unknown as ExpressionSpecification } });
        if (spot) {
          map.addSource('me', { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: spot } } });
          map.addLayer({ id: 'me-point', type: 'circle', source: 'me', paint: {
            'circle-radius': 7, 'circle-color': '#1668dc', 'circle-stroke-color': '#fff', 'circle-stroke-width': 3 } });
        }
        map.on('click', 'cases-point', (e) => {
          const id = e.features?.[0]?.properties?.id;
          if (id) navigate(`/m/cases/${id}`);
        });
      } catch (err) {
        if (live) setProblem(navigator.onLine ? errorMessage(err) : t('fdOfflineMap'));
      }
    });
    return () => { live = false; map.remove(); };
  }, [navigate, t]);

  return (
    <div className="fd-map-wrap">
      {problem && <Alert type="warning" showIcon title={problem} className="fd-map-alert" />}
      <div ref={ref} className="fd-map" data-testid="fd-map" />
    </div>
  );
}
