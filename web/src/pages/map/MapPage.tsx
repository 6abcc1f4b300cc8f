// 一张图 (base data): divisions, grids, water/parks, roads, landmarks and components from our API on an offline
// style, with a layer switcher, click popups, search, and a "pick a place" mode that asks /api/locate.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Alert, AutoComplete, Button, Card, Checkbox, Input, Tooltip } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, errorMessage } from '../../api.ts';
import { useI18n, type TKey } from '../../i18n.tsx';
import { emptyStyle, geometryBounds, MAP_OPTIONS, type Bounds } from '../../map/common.ts';
import FeaturePopup, { attributeRows, type PopupRow } from '../../map/FeaturePopup.tsx';
import { CLICKABLE, GROUPS, LAYERS, SOURCES, sourceSpec, type LayerGroup, type SourceDef } from '../../map/layers.ts';
import { Map as MapLibre, NavigationControl, Popup, ScaleControl, type GeoJSONSource, type LngLatLike, type MapGeoJSONFeature } from '../../map/maplibre.ts';

declare global {
  interface Window {
    /** Set by browser tests before the page loads; the map is then exposed as window.__cityopsMap. */
    __cityopsTest?: boolean;
    __cityopsMap?: MapLibre;
  }
}

/** GET /api/locate: the grid and divisions a point lies in, and a description like "人民路与建设路交叉口北约80米". */
interface LocateResult {
  lon: number;
  lat: number;
  gridCode: string;
  gridName: string;
  communityCode: string;
  communityName: string;
  streetCode: string;
  streetName: string;
  districtCode: string;
  districtName: string;
  description: string;
}

type Collections = Partial<Record<SourceDef['id'], FeatureCollection>>;

interface SearchHit {
  value: string;
  label: ReactNode;
  feature: Feature;
  source: string;
}

const GROUP_LABELS: Record<LayerGroup, TKey> = {
  tiles: 'layer_tiles', districts: 'layer_districts', streets: 'layer_streets', communities: 'layer_communities',
  areas: 'layer_areas', roads: 'layer_roads', grids: 'layer_grids', landmarks: 'layer_landmarks', components: 'layer_components',
};

const SEARCH_SOURCES: { source: string; kind: TKey; fields: string[] }[] = [
  { source: 'grids', kind: 'grid', fields: ['code', 'name'] },
  { source: 'components', kind: 'layer_components', fields: ['id', 'typeName'] },
  { source: 'landmarks', kind: 'landmark', fields: ['name', 'address'] },
  { source: 'roads', kind: 'road', fields: ['name'] },
  { source: 'communities', kind: 'level_community', fields: ['name', 'code'] },
  { source: 'streets', kind: 'level_street', fields: ['name', 'code'] },
];

function unionBounds(boxes: (Bounds | null)[]): Bounds | null {
  const valid = boxes.filter((b): b is Bounds => !!b);
  if (!valid.length) return null;
  return [Math.min(...valid.map((b) => b[0])), Math.min(...valid.map((b) => b[1])),
    Math.max(...valid.map((b) => b[2])), Math.max(...valid.map((b) => b[3]))];
}

function collectionBounds(fc: FeatureCollection | undefined): Bounds | null {
  return fc ? unionBounds(fc.features.map((f) => (f.geometry ? geometryBounds(f.geometry) : null))) : null;
}

function center(geometry: Geometry): [number, number] {
  const b = geometryBounds(geometry)!;
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

export default function MapPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const popupRef = useRef<Popup | null>(null);
  const data = useRef<Collections>({});
  const locating = useRef(false);
  const [locateMode, setLocateMode] = useState(false);
  const [hasTiles, setHasTiles] = useState(false);
  const [visible, setVisible] = useState<LayerGroup[]>(GROUPS);
  const [failed, setFailed] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const [loadedAt, setLoadedAt] = useState(0);

  // The popup content lives in its own React root; it gets what it needs as props.
  const showPopup = (at: LngLatLike, title: string, rows: PopupRow[], link?: { label: string; to: string }) => {
    const map = mapRef.current;
    if (!map) return;
    popupRef.current?.remove();
    const node = document.createElement('div');
    const root = createRoot(node);
    root.render(<FeaturePopup title={title} rows={rows} link={link && { label: link.label, onClick: () => navigate(link.to) }} />);
    const popup = new Popup({ maxWidth: '320px', closeOnClick: true }).setLngLat(at).setDOMContent(node).addTo(map);
    popup.on('close', () => setTimeout(() => root.unmount()));
    popupRef.current = popup;
  };

  const showFeature = (source: string, props: Record<string, unknown>, at: LngLatLike) => {
    if (source === 'components') {
      showPopup(at, `${props.typeName ?? ''}`, attributeRows(props, t, ['typeName']),
        { label: t('openDetail'), to: `/base/components?id=${encodeURIComponent(String(props.id))}` });
    } else if (source === 'grids') {
      showPopup(at, `${t('grid')} ${props.code ?? ''}`, attributeRows(props, t, ['code']),
        { label: t('openDetail'), to: `/base/grids?code=${encodeURIComponent(String(props.code))}` });
    } else {
      showPopup(at, `${props.name ?? props.code ?? ''}`, attributeRows(props, t, ['name', 'id']));
    }
  };
  const showFeatureRef = useRef(showFeature);
  showFeatureRef.current = showFeature;
  const showPopupRef = useRef(showPopup);
  showPopupRef.current = showPopup;

  useEffect(() => {
    const map = new MapLibre({ ...MAP_OPTIONS, container: container.current!, style: emptyStyle(), center: [116.4, 39.9], zoom: 10 });
    mapRef.current = map;
    if (window.__cityopsTest || import.meta.env.DEV) window.__cityopsMap = map;
    map.addControl(new NavigationControl({ showCompass: true }), 'bottom-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');

    map.on('load', async () => {
      for (const def of SOURCES) map.addSource(def.id, sourceSpec(def));
      for (const layer of LAYERS) map.addLayer(layer);
      const failures: string[] = [];
      await Promise.all(SOURCES.map(async (def) => {
        try {
          const fc = await api.get<FeatureCollection>(def.url);
          data.current[def.id] = fc;
          (map.getSource(def.id) as GeoJSONSource | undefined)?.setData(fc);
        } catch (err) {
          failures.push(`${t(GROUP_LABELS[def.group])}（${errorMessage(err)}）`);
        }
      }));
      if (!mapRef.current) return; // unmounted while loading
      setFailed(failures);
      // Open on where the grids are (the managed area), else on the divisions in scope.
      const box = collectionBounds(data.current.grids) ?? collectionBounds(data.current.districts) ?? collectionBounds(data.current.streets);
      if (box) map.fitBounds(box, { padding: { top: 64, bottom: 40, left: 40, right: 180 }, duration: 0, maxZoom: 17 });
      setLoadedAt(Date.now());
      // Optional raster tiles underneath (GET /api/settings/map → { tileUrl }); without it the map stays offline-only.
      try {
        const settings = await api.get<{ tileUrl?: string | null }>('/api/settings/map');
        if (settings.tileUrl && mapRef.current) {
          map.addSource('tiles', { type: 'raster', tiles: [settings.tileUrl], tileSize: 256 });
          map.addLayer({ id: 'tiles', type: 'raster', source: 'tiles', metadata: { group: 'tiles' } }, LAYERS[0].id);
          setHasTiles(true);
        }
      } catch (err) {
        if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 403)) {
          setFailed((f) => [...f, `${t('layer_tiles')}（${errorMessage(err)}）`]);
        }
      }
    });

    map.on('click', async (e) => {
      if (locating.current) {
        const { lng, lat } = e.lngLat;
        try {
          const r = await api.get<LocateResult>('/api/locate', { lon: lng.toFixed(7), lat: lat.toFixed(7) });
          const named = (name: string, code: string) => ({ value: name ? `${name}（${code}）` : code });
          showPopupRef.current(e.lngLat, r.description || t('locateResult'), [
            { label: t('lonLat'), value: `${r.lon.toFixed(6)}, ${r.lat.toFixed(6)}` },
            { label: t('grid'), ...named(r.gridName, r.gridCode) },
            { label: t('community'), ...named(r.communityName, r.communityCode) },
            { label: t('street'), ...named(r.streetName, r.streetCode) },
            { label: t('district'), ...named(r.districtName, r.districtCode) },
          ], { label: t('openDetail'), to: `/base/grids?code=${r.gridCode}` });
        } catch (err) {
          showPopupRef.current(e.lngLat, t('locateResult'), [{ label: t('message'), value: errorMessage(err) }]);
        }
        return;
      }
      const layers = CLICKABLE.filter((id) => map.getLayer(id));
      const hits: MapGeoJSONFeature[] = map.queryRenderedFeatures(e.point, { layers });
      const hit = CLICKABLE.map((id) => hits.find((h) => h.layer.id === id)).find(Boolean);
      if (!hit) return;
      if (hit.layer.id === 'components-cluster') {
        const zoom = await (map.getSource('components') as GeoJSONSource).getClusterExpansionZoom(hit.properties.cluster_id as number);
        map.easeTo({ center: (hit.geometry as Point).coordinates as [number, number], zoom });
        return;
      }
      showFeatureRef.current(hit.source, hit.properties, hit.geometry.type === 'Point'
        ? (hit.geometry.coordinates as [number, number]) : e.lngLat);
    });
    const pointer = () => { if (!locating.current) map.getCanvas().style.cursor = 'pointer'; };
    const plain = () => { if (!locating.current) map.getCanvas().style.cursor = ''; };
    for (const id of CLICKABLE.filter((l) => l !== 'grids-fill' && l !== 'roads-line')) {
      map.on('mouseenter', id, pointer);
      map.on('mouseleave', id, plain);
    }

    return () => {
      popupRef.current?.remove();
      mapRef.current = null;
      if (window.__cityopsMap === map) delete window.__cityopsMap;
      map.remove();
    };
    // The map is built once; handlers read the latest callbacks through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    locating.current = locateMode;
    const map = mapRef.current;
    if (map) map.getCanvas().style.cursor = locateMode ? 'crosshair' : '';
  }, [locateMode]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loadedAt) return;
    for (const layer of map.getStyle().layers) {
      const group = (layer.metadata as { group?: LayerGroup } | undefined)?.group;
      if (group) map.setLayoutProperty(layer.id, 'visibility', visible.includes(group) ? 'visible' : 'none');
    }
  }, [visible, loadedAt, hasTiles]);

  const hits = useMemo<SearchHit[]>(() => {
    const q = query.trim();
    if (!q || !loadedAt) return [];
    const out: SearchHit[] = [];
    for (const { source, kind, fields } of SEARCH_SOURCES) {
      for (const f of data.current[source]?.features ?? []) {
        const p = f.properties ?? {};
        if (!fields.some((k) => p[k] != null && String(p[k]).includes(q))) continue;
        const main = String(p[fields[0]] ?? '');
        const extra = fields.slice(1).map((k) => p[k]).filter((v) => v != null && v !== '').join(' ');
        out.push({ value: `${source}:${out.length}`, source, feature: f,
          label: <span><span style={{ color: '#8c8c8c', marginRight: 6 }}>{t(kind)}</span>{main} <span style={{ color: '#8c8c8c' }}>{extra}</span></span> });
        if (out.length >= 15) return out;
      }
    }
    return out;
  }, [query, loadedAt, t]);

  const goTo = (hit: SearchHit) => {
    const map = mapRef.current;
    if (!map || !hit.feature.geometry) return;
    const box = geometryBounds(hit.feature.geometry)!;
    if (box[0] === box[2] && box[1] === box[3]) map.flyTo({ center: [box[0], box[1]], zoom: Math.max(map.getZoom(), 18) });
    else map.fitBounds(box, { padding: 80, maxZoom: 18 });
    map.once('moveend', () => showFeatureRef.current(hit.source, hit.feature.properties ?? {}, center(hit.feature.geometry)));
  };

  const groups = GROUPS.filter((g) => g !== 'tiles' || hasTiles);

  return (
    <div style={{ position: 'absolute', inset: 0 }}>
      <div ref={container} style={{ position: 'absolute', inset: 0 }} data-testid="map" />
      <div style={{ position: 'absolute', top: 12, left: 12, display: 'flex', gap: 8, zIndex: 2 }}>
        <AutoComplete
          style={{ width: 320 }}
          options={hits.map((h) => ({ value: h.value, label: h.label }))}
          onSearch={setQuery}
          onSelect={(value: string) => { const hit = hits.find((h) => h.value === value); if (hit) goTo(hit); setQuery(''); }}
          value={query}
          onChange={(v: string) => setQuery(v.includes(':') ? '' : v)}
          notFoundContent={query.trim() ? t('noResult') : null}
        >
          <Input.Search placeholder={t('mapSearch')} allowClear data-testid="map-search" />
        </AutoComplete>
        <Tooltip title={t('locateHint')}>
          <Button icon={<AimOutlined />} type={locateMode ? 'primary' : 'default'} onClick={() => setLocateMode((m) => !m)} data-testid="locate-toggle">
            {t('locate')}
          </Button>
        </Tooltip>
      </div>
      <Card size="small" title={t('layers')} style={{ position: 'absolute', top: 12, right: 12, width: 156, zIndex: 2 }}
        styles={{ body: { padding: '8px 12px' } }}>
        <Checkbox.Group value={visible} onChange={(v) => setVisible(v as LayerGroup[])} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          options={groups.map((g) => ({ value: g, label: t(GROUP_LABELS[g]) }))} data-testid="layer-switcher" />
      </Card>
      {failed.length > 0 && (
        <Alert type="warning" showIcon closable title={t('layersFailed')} description={failed.join('；')}
          style={{ position: 'absolute', left: 12, bottom: 40, maxWidth: 480, zIndex: 2 }} />
      )}
    </div>
  );
}
