// The H3 hexagons of case counts over the city's own offline layers (water and parks, roads, districts): darker red
// where more cases were reported. No tiles, glyphs or sprites from the internet.
import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { api } from '../../api.ts';
import { emptyStyle, geometryBounds, LABEL_FONT, MAP_OPTIONS, type Bounds } from '../../map/common.ts';
import { Map as MapLibre, Popup } from '../../map/maplibre.ts';

function boundsOf(fc: FeatureCollection): Bounds | null {
  let box: Bounds | null = null;
  for (const f of fc.features) {
    const b = f.geometry ? geometryBounds(f.geometry) : null;
    if (b) box = box ? [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])] : b;
  }
  return box;
}

export default function HexMap({ hexagons, height = 420 }: { hexagons: FeatureCollection | undefined; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const m = new MapLibre({ ...MAP_OPTIONS, container: ref.current!, style: emptyStyle(), center: [119.3, 34.6], zoom: 10, fadeDuration: 0 });
    map.current = m;
    m.on('load', async () => {
      const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
      const [areas, roads, districts] = await Promise.all([
        api.get<FeatureCollection>('/api/map/areas.geojson'),
        api.get<FeatureCollection>('/api/map/roads.geojson'),
        api.get<FeatureCollection>('/api/map/divisions.geojson', { level: 'district' }),
      ]).catch(() => [empty, empty, empty]);
      if (map.current !== m) return;
      m.addSource('areas', { type: 'geojson', data: areas });
      m.addSource('roads', { type: 'geojson', data: roads });
      m.addSource('districts', { type: 'geojson', data: districts });
      m.addSource('hex', { type: 'geojson', data: empty });
      m.addLayer({ id: 'areas-fill', type: 'fill', source: 'areas', paint: {
        'fill-color': ['match', ['get', 'kind'], 'water', '#b9d7f0', 'park', '#cfe8c8', '#ece8df'] } });
      m.addLayer({ id: 'roads-line', type: 'line', source: 'roads', paint: { 'line-color': '#ffffff', 'line-width': 1.2 } });
      m.addLayer({ id: 'hex-fill', type: 'fill', source: 'hex', paint: {
        'fill-color': ['interpolate', ['linear'], ['get', 'level'], 0, '#fff5b1', 0.35, '#fdae61', 0.7, '#e34a33', 1, '#a50f15'],
        'fill-opacity': 0.72 } });
      m.addLayer({ id: 'hex-line', type: 'line', source: 'hex', paint: { 'line-color': '#ffffff', 'line-width': 0.4 } });
      m.addLayer({ id: 'districts-line', type: 'line', source: 'districts', paint: { 'line-color': '#1d4ed8', 'line-width': 1.8 } });
      m.addLayer({ id: 'districts-label', type: 'symbol', source: 'districts', layout: {
        'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 14 },
        paint: { 'text-color': '#1e3a8a', 'text-halo-color': '#ffffff', 'text-halo-width': 2 } });
      m.on('click', 'hex-fill', (e) => {
        const n = e.features?.[0]?.properties?.n;
        if (n !== undefined) new Popup({ closeButton: false }).setLngLat(e.lngLat).setText(`${n}`).addTo(m);
      });
      const box = boundsOf(districts);
      if (box) m.fitBounds(box, { padding: 24, duration: 0 });
      setReady(true);
    });
    return () => { map.current = null; m.remove(); };
  }, []);

  useEffect(() => {
    if (ready && hexagons) (map.current?.getSource('hex') as GeoJSONSource | undefined)?.setData(hexagons);
  }, [ready, hexagons]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid="ana-hexmap" data-ready={ready && !!hexagons ? 'yes' : 'no'} />;
}
