// The register page's map: the platform's own layers (divisions, grids, roads, landmarks; optional base tiles) with
// a marker for the case's position. A click or a drag of the marker picks the position.
import { useEffect, useRef, useState } from 'react';
import { Alert } from 'antd';
import type { FeatureCollection } from 'geojson';
import { api, errorMessage } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { addBaseTiles, emptyStyle, geometryBounds, MAP_OPTIONS, type Bounds } from '../../map/common.ts';
import { LAYERS, SOURCES, sourceSpec, type LayerGroup, type SourceDef } from '../../map/layers.ts';
import { Map as MapLibre, Marker, NavigationControl, ScaleControl, type GeoJSONSource } from '../../map/maplibre.ts';
import type { Point } from './model.ts';

/** The base map only: components are left out (the form offers the components near the position instead). */
const BASE: LayerGroup[] = ['areas', 'districts', 'streets', 'communities', 'grids', 'roads', 'landmarks'];
const SHOWN = SOURCES.filter((s): s is SourceDef & { url: string } => BASE.includes(s.group) && typeof s.url === 'string');
const SHOWN_LAYERS = LAYERS.filter((l) => BASE.includes(l.metadata.group));

function boundsOf(fc: FeatureCollection): Bounds | null {
  let box: Bounds | null = null;
  for (const f of fc.features) {
    const b = f.geometry ? geometryBounds(f.geometry) : null;
    if (b) box = box ? [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])] : b;
  }
  return box;
}

interface Props {
  point: Point | null;
  /** Changes when the position came from outside the map (search, component): the map flies there. */
  focus: number;
  onPick(point: Point): void;
  height?: number;
}

export default function PickMap({ point, focus, onPick, height = 460 }: Props) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const markerRef = useRef<Marker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const [failed, setFailed] = useState<string[]>([]);

  useEffect(() => {
    const map = new MapLibre({ ...MAP_OPTIONS, container: container.current!, style: emptyStyle(), center: [116.4, 39.9], zoom: 10 });
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.getCanvas().style.cursor = 'crosshair';
    const marker = new Marker({ color: '#fa541c', draggable: true });
    marker.on('dragend', () => { const p = marker.getLngLat(); pick.current([p.lng, p.lat]); });
    markerRef.current = marker;
    map.on('click', (e) => pick.current([e.lngLat.lng, e.lngLat.lat]));
    map.on('load', async () => {
      for (const def of SHOWN) map.addSource(def.id, sourceSpec(def));
      for (const layer of SHOWN_LAYERS) map.addLayer(layer);
      const failures: string[] = [];
      let grids: FeatureCollection | undefined;
      await Promise.all(SHOWN.map(async (def) => {
        try {
          const fc = await api.get<FeatureCollection>(def.url);
          if (def.id === 'grids') grids = fc;
          (map.getSource(def.id) as GeoJSONSource | undefined)?.setData(fc);
        } catch (err) {
          failures.push(errorMessage(err));
        }
      }));
      if (!mapRef.current) return;
      setFailed(failures);
      const box = grids && boundsOf(grids);
      if (box && !markerRef.current?.getElement().isConnected) map.fitBounds(box, { padding: 30, duration: 0, maxZoom: 16 });
      try {
        if (mapRef.current) await addBaseTiles(map, SHOWN_LAYERS[0].id);
      } catch {
        // no base tiles: the platform's own layers are enough
      }
    });
    return () => {
      mapRef.current = null;
      marker.remove();
      map.remove();
    };
  }, []);

  // the marker follows the position
  useEffect(() => {
    const map = mapRef.current, marker = markerRef.current;
    if (!map || !marker) return;
    if (point) marker.setLngLat(point).addTo(map);
    else marker.remove();
  }, [point]);

  // fly to a position chosen outside the map
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !point || focus === 0) return;
    map.easeTo({ center: point, zoom: Math.max(map.getZoom(), 17), duration: 600 });
    // only a new focus request moves the map, not every position change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus]);

  return (
    <div style={{ position: 'relative' }}>
      <div ref={container} style={{ height, width: '100%', borderRadius: 6, overflow: 'hidden' }} data-testid="register-map" />
      {failed.length > 0 && (
        <Alert type="warning" showIcon title={t('regMapLayersFailed')} description={failed.join('；')}
          style={{ position: 'absolute', left: 8, bottom: 32, maxWidth: 360 }} />
      )}
    </div>
  );
}
