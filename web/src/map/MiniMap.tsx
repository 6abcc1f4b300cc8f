// A small map of one geometry (a grid polygon or a component point) over optional neighbours, for detail drawers:
// on the base map of 一张图 (the administrator's raster tiles if set, water, green areas and roads). Loaded lazily.
import { useEffect, useRef } from 'react';
import type { GeoJSONSource } from 'maplibre-gl';
import { api } from '../api.ts';
import { Map as MapLibre } from './maplibre.ts';
import type { FeatureCollection, Geometry } from 'geojson';
import { addBaseTiles, emptyStyle, geometryBounds, LABEL_FONT, MAP_OPTIONS } from './common.ts';
import { LAYERS, SOURCES, sourceSpec, type LayerGroup } from './layers.ts';

/** The base map groups a mini map draws under its shape: enough to recognise the place. */
const BASE_GROUPS: LayerGroup[] = ['areas', 'roads'];

/**
 * 一张图's sources and layers of the base groups. The data is fetched here rather than by MapLibre's worker, whose
 * requests bypass the field app's service worker: offline, the kept copies then still draw.
 */
function addBaseLayers(map: MapLibre): void {
  for (const def of SOURCES) {
    if (!BASE_GROUPS.includes(def.group) || typeof def.url !== 'string') continue;
    map.addSource(def.id, sourceSpec(def));
    void api.get<FeatureCollection>(def.url).then((data) => map.getSource<GeoJSONSource>(def.id)?.setData(data)).catch(() => undefined);
  }
  for (const layer of LAYERS) if (BASE_GROUPS.includes(layer.metadata.group)) map.addLayer(layer);
}

export default function MiniMap({ geometry, context, height = 240, base = true }:
  { geometry: Geometry; context?: FeatureCollection; height?: number; base?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const map = new MapLibre({ ...MAP_OPTIONS, container: ref.current!, style: emptyStyle(), center: [0, 0], zoom: 1 });
    map.on('load', () => {
      if (base) {
        addBaseLayers(map);
        // offline (城管通 without a connection) the map keeps the shape on the plain background
        void addBaseTiles(map, map.getStyle().layers[1]?.id ?? 'background').catch(() => undefined);
      }
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
      map.addLayer({ id: 'shape-line', type: 'line', source: 'shape', paint: { 'line-color': '#1677ff', 'line-width': 3 } });
      map.addLayer({ id: 'shape-point', type: 'circle', source: 'shape', filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 7, 'circle-color': '#fa541c', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
      const box = geometryBounds(geometry);
      if (box) map.fitBounds(box, { padding: 40, maxZoom: 17, duration: 0 });
    });
    return () => map.remove();
  }, [geometry, context, base]);
  return <div ref={ref} style={{ height, width: '100%', borderRadius: 6, overflow: 'hidden' }} data-testid="mini-map" />;
}
