// A small map for the portal: the platform's own public base layers (districts, water/parks, roads, landmarks from
// /api/public/map/*.geojson, no login), the base tiles when an administrator configured them, the city's extent and
// the public facilities as context, a marker at the position; a tap picks the position when `onPick` is given.
import { useEffect, useRef } from 'react';
import type { FeatureCollection } from 'geojson';
import { addBaseTiles, emptyStyle, LABEL_FONT, MAP_OPTIONS } from '../map/common.ts';
import { LAYERS } from '../map/layers.ts';
import { Map as MapLibre, Marker, NavigationControl, type GeoJSONSource } from '../map/maplibre.ts';
import type { Facility } from '../../../src/public/views.ts';
import { portalApi } from './client.ts';

export type LonLat = [number, number];

interface Props {
  point: LonLat | null;
  bounds: [number, number, number, number] | null;
  onPick?(point: LonLat): void;
  height?: number;
}

/** The console's styling of the layers the portal gets publicly (same source ids). */
const BASE_SOURCES = ['areas', 'districts', 'roads', 'landmarks'] as const;
const BASE_LAYERS = LAYERS.filter((l) => (BASE_SOURCES as readonly string[]).includes(l.metadata.group));

const facilityCollection = (items: Facility[]): FeatureCollection => ({
  type: 'FeatureCollection',
  features: items.map((f) => ({ type: 'Feature', properties: { name: f.name }, geometry: { type: 'Point', coordinates: [f.lon, f.lat] } })),
});

export default function PointMap({ point, bounds, onPick, height = 220 }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const markerRef = useRef<Marker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const first = useRef({ point, bounds });

  useEffect(() => {
    const { point: start, bounds: box } = first.current;
    const map = new MapLibre({ ...MAP_OPTIONS, container: container.current!, style: emptyStyle('#eef3ef'),
      center: start ?? (box ? [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2] : [116.4, 39.9]), zoom: start ? 16 : 11 });
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
    const marker = new Marker({ color: '#fa541c', draggable: !!pick.current });
    marker.on('dragend', () => { const p = marker.getLngLat(); pick.current?.([p.lng, p.lat]); });
    markerRef.current = marker;
    if (start) marker.setLngLat(start).addTo(map);
    map.on('click', (e) => pick.current?.([e.lngLat.lng, e.lngLat.lat]));
    map.on('load', async () => {
      for (const name of BASE_SOURCES) map.addSource(name, { type: 'geojson', data: `/api/public/map/${name}.geojson` });
      for (const layer of BASE_LAYERS) map.addLayer(layer);
      void addBaseTiles(map, BASE_LAYERS[0].id, undefined, '/api/public/map/settings').catch(() => undefined);
      if (box) {
        const [w, s, e, n] = box;
        map.addSource('city', { type: 'geojson', data: { type: 'Feature', properties: {},
          geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } } });
        map.addLayer({ id: 'city-line', type: 'line', source: 'city', paint: { 'line-color': '#12a182', 'line-width': 1.5, 'line-dasharray': [2, 2] } });
      }
      map.addSource('facilities', { type: 'geojson', data: facilityCollection([]) });
      map.addLayer({ id: 'facility-dot', type: 'circle', source: 'facilities',
        paint: { 'circle-radius': 4, 'circle-color': '#1f8fd6', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } });
      map.addLayer({ id: 'facility-name', type: 'symbol', source: 'facilities', minzoom: 14, layout: {
        'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 11, 'text-offset': [0, 1.1], 'text-anchor': 'top' },
        paint: { 'text-color': '#4e5969', 'text-halo-color': '#fff', 'text-halo-width': 1 } });
      try {
        const items = await portalApi.get<Facility[]>('/api/public/facilities?limit=500');
        (map.getSource('facilities') as GeoJSONSource | undefined)?.setData(facilityCollection(items));
      } catch {
        // the facilities are context only
      }
    });
    return () => {
      mapRef.current = null;
      marker.remove();
      map.remove();
    };
  }, []);

  // the marker follows the position; the map centres on a position it did not pick itself
  useEffect(() => {
    const map = mapRef.current, marker = markerRef.current;
    if (!map || !marker) return;
    if (!point) { marker.remove(); return; }
    marker.setLngLat(point).addTo(map);
    if (!map.getBounds().contains(point) || map.getZoom() < 14) map.jumpTo({ center: point, zoom: Math.max(map.getZoom(), 16) });
  }, [point]);

  // the city's extent once it is known, while there is no position yet
  useEffect(() => {
    if (!bounds || point || !mapRef.current) return;
    mapRef.current.fitBounds(bounds, { padding: 20, duration: 0 });
    // only the first bounds matter
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bounds]);

  return <div ref={container} className="pt-map" style={{ height }} data-testid="pt-map" />;
}
