// A small map of one geometry (a grid polygon or a component point) over optional neighbours, for detail drawers.
// Loaded lazily.
import { useEffect, useRef } from 'react';
import { Map as MapLibre } from './maplibre.ts';
import type { FeatureCollection, Geometry } from 'geojson';
import { emptyStyle, geometryBounds, LABEL_FONT, MAP_OPTIONS } from './common.ts';

export default function MiniMap({ geometry, context, height = 240 }: { geometry: Geometry; context?: FeatureCollection; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const map = new MapLibre({ ...MAP_OPTIONS, container: ref.current!, style: emptyStyle('#eef2f6'), center: [0, 0], zoom: 1 });
    map.on('load', () => {
      if (context) {
        map.addSource('context', { type: 'geojson', data: context });
        map.addLayer({ id: 'context-fill', type: 'fill', source: 'context', paint: { 'fill-color': '#bfbfbf', 'fill-opacity': 0.15 } });
        map.addLayer({ id: 'context-line', type: 'line', source: 'context', paint: { 'line-color': '#8c8c8c', 'line-width': 1 } });
        map.addLayer({ id: 'context-label', type: 'symbol', source: 'context', layout: {
          'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 11 }, paint: { 'text-color': '#595959' } });
      }
      map.addSource('shape', { type: 'geojson', data: { type: 'Feature', properties: {}, geometry } });
      map.addLayer({ id: 'shape-fill', type: 'fill', source: 'shape', filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#1677ff', 'fill-opacity': 0.2 } });
      map.addLayer({ id: 'shape-line', type: 'line', source: 'shape', paint: { 'line-color': '#1677ff', 'line-width': 2 } });
      map.addLayer({ id: 'shape-point', type: 'circle', source: 'shape', filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 7, 'circle-color': '#fa541c', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
      const box = geometryBounds(geometry);
      if (box) map.fitBounds(box, { padding: 40, maxZoom: 17, duration: 0 });
    });
    return () => map.remove();
  }, [geometry, context]);
  return <div ref={ref} style={{ height, width: '100%', borderRadius: 6, overflow: 'hidden' }} data-testid="mini-map" />;
}
