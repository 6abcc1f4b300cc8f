// 一张图: divisions, grids, water/parks, roads, landmarks and components from our API on an offline style, plus the
// business layers (cases by traffic light, heat map, grids coloured by count or on-time rate, field staff live) over a
// period chosen on the time slider; a layer switcher with a legend, click popups, search (also case numbers and
// addresses), polygon selection (框选) and a "pick a place" mode that asks /api/locate. With monitor.read also the
// monitoring layers: devices by state, active alarms (live through the alarm stream, 橙/红 pulsing) and cameras.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Alert, AutoComplete, Button, Card, Checkbox, Input, Tooltip } from 'antd';
import { AimOutlined, BorderOutlined, CloseOutlined } from '@ant-design/icons';
import type { Feature, FeatureCollection, Geometry, Point, Polygon } from 'geojson';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n, type T, type TKey } from '../../i18n.tsx';
import { addBaseTiles, emptyStyle, geometryBounds, MAP_OPTIONS, type Bounds } from '../../map/common.ts';
import FeaturePopup, { attributeRows, type PopupRow } from '../../map/FeaturePopup.tsx';
import { countBreaks, gridFillColor, type GridMetric, type GridStatsAnswer } from '../../map/gridStats.ts';
import { BUSINESS_GROUPS, CLICKABLE, DEFAULT_HIDDEN, GROUPS, LAYERS, PERIOD_GROUPS, SOURCES, sourceSpec, type LayerGroup, type SourceDef } from '../../map/layers.ts';
import { Map as MapLibre, NavigationControl, Popup, ScaleControl, type GeoJSONSource, type LngLatLike, type MapGeoJSONFeature } from '../../map/maplibre.ts';
import { DAY_MS, LIVE, ymd, type MapPeriod } from '../../map/period.ts';
import { adaptResolutionWhileMoving } from '../../map/softwareRendering.ts';
import Legend from './Legend.tsx';
import SelectionDrawer, { type SelectedCase, type SelectionResult } from './SelectionDrawer.tsx';
import TimeBar from './TimeBar.tsx';
import { useAlarmStream, usePulsingAlarms } from './useAlarms.ts';
import { usePolygonDraw } from './useDraw.ts';
import { useLayerData } from './useLayerData.ts';
import type { LocatedPoint } from '../../../../src/base/views.ts';
import { formatTime } from '../../format.ts';

declare global {
  interface Window {
    /** Set by browser tests before the page loads; the map is then exposed as window.__cityopsMap. */
    __cityopsTest?: boolean;
    __cityopsMap?: MapLibre;
  }
}

/** GET /api/locate: the grid and divisions a point lies in, and a description like "人民路与建设路交叉口北约80米". */
type LocateResult = LocatedPoint;

type Collections = Partial<Record<SourceDef['id'], FeatureCollection>>;

/** What the map takes of a GET /api/places/search hit. */
interface PlaceHit { kind: string; name: string; detail: string; code: string | null; lon: number; lat: number; address: string }

interface SearchHit {
  value: string;
  label: ReactNode;
  feature: Feature;
  source: string;
}

const GROUP_LABELS: Record<LayerGroup, TKey> = {
  tiles: 'layer_tiles', districts: 'layer_districts', streets: 'layer_streets', communities: 'layer_communities',
  areas: 'layer_areas', roads: 'layer_roads', grids: 'layer_grids', landmarks: 'layer_landmarks', components: 'layer_components',
  cases: 'layer_cases', heat: 'layer_heat', gridStats: 'layer_gridStats', staff: 'layer_staff',
  alarms: 'layer_alarms', devices: 'layer_devices', cameras: 'layer_cameras',
};
const DEVICE_STATES: Record<string, TKey> = { normal: 'mapDeviceNormal', alarm: 'mapDeviceAlarm', offline: 'mapDeviceOffline' };
const LIGHT_NAMES: Record<string, TKey> = {
  green: 'mapLightGreen', yellow: 'mapLightYellow', red: 'mapLightRed', none: 'mapLightNone', closed: 'mapLightClosed',
};
const CASE_NO = /^\d{4}-\d{0,6}-?\d{0,6}$/;

const time = (iso: unknown) => (typeof iso === 'string' ? formatTime(iso) : '');

function caseRows(p: Record<string, unknown>, t: T): PopupRow[] {
  return [
    { label: t('mapCaseType'), value: String(p.typeName ?? '') },
    { label: t('mapCaseStage'), value: String(p.stageName ?? p.stage ?? '') },
    { label: t('mapCaseLight'), value: t(LIGHT_NAMES[String(p.light)] ?? 'mapLightNone') },
    { label: t('mapCaseAddress'), value: String(p.address ?? '') },
    { label: t('mapCaseReported'), value: time(p.createdAt) },
  ];
}

function periodLabel(period: MapPeriod, t: T): string {
  if (period.mode === 'live') return t('mapPeriodMonth');
  const last = new Date(period.to.getTime() - DAY_MS);
  const n = Math.round((period.to.getTime() - period.from.getTime()) / DAY_MS);
  return n <= 1 ? t('mapPeriodDay', { from: ymd(period.from) }) : t('mapPeriodDays', { from: ymd(period.from), to: ymd(last), n });
}

const SEARCH_SOURCES: { source: string; kind: TKey; fields: string[] }[] = [
  { source: 'grids', kind: 'grid', fields: ['code', 'name'] },
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
  const { can } = useAuth();
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const popupRef = useRef<Popup | null>(null);
  const data = useRef<Collections>({});
  const locating = useRef(false);
  const [map, setMap] = useState<MapLibre | null>(null);
  const [locateMode, setLocateMode] = useState(false);
  const [hasTiles, setHasTiles] = useState(false);
  const sources = useMemo(() => SOURCES.filter((d) => !d.permission || can(d.permission)), [can]);
  const offered = useMemo(() => GROUPS.filter((g) => g === 'tiles' || sources.some((d) => d.group === g)), [sources]);
  const [visible, setVisible] = useState<LayerGroup[]>(() => GROUPS.filter((g) => !DEFAULT_HIDDEN.includes(g)));
  const [failed, setFailed] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const [caseHits, setCaseHits] = useState<SelectedCase[]>([]);
  const [loadedAt, setLoadedAt] = useState(0);
  const [period, setPeriod] = useState<MapPeriod>(LIVE);
  const [metric, setMetric] = useState<GridMetric>('cases');
  const [selection, setSelection] = useState<{ loading: boolean; result?: SelectionResult; error?: string } | null>(null);

  const reportFailure = useCallback((def: SourceDef, message: string) => {
    setFailed((f) => [...f.filter((x) => !x.startsWith(t(GROUP_LABELS[def.group]))), `${t(GROUP_LABELS[def.group])}（${message}）`]);
  }, [t]);
  const { bodies, reload } = useLayerData(map, loadedAt > 0, sources, visible, period, reportFailure);
  const monitoring = visible.includes('alarms') || visible.includes('devices');
  useAlarmStream(loadedAt > 0 && monitoring && can('monitor.read'), () => reload(['alarms', 'devices']));
  usePulsingAlarms(map, visible.includes('alarms') ? bodies.alarms : undefined);

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

  const showFeature = (source: string, props: Record<string, unknown>, at: LngLatLike, state: Record<string, unknown> = {}) => {
    if (source === 'cases') {
      showPopup(at, `${t('mapKindCase')} ${props.caseNo ?? ''}`, caseRows(props, t), { label: t('mapOpenCase'), to: `/cases/${props.id}` });
    } else if (source === 'staff') {
      showPopup(at, `${props.name ?? ''}`, [
        { label: t('username'), value: String(props.username ?? '') },
        { label: t('mapStaffAt'), value: time(props.reportedAt) },
        ...(props.accuracy != null ? [{ label: t('mapStaffAccuracy'), value: t('mapMeters', { n: Math.round(Number(props.accuracy)) }) }] : []),
        ...(props.gridCode ? [{ label: t('gridCode'), value: String(props.gridCode) }] : []),
      ]);
    } else if (source === 'devices') {
      showPopup(at, `${props.name ?? ''}`, [
        { label: t('mapDeviceCode'), value: String(props.code ?? '') },
        { label: t('mapDeviceType'), value: `${props.typeName ?? ''}（${props.category ?? ''}）` },
        ...(props.facility ? [{ label: t('mapDeviceFacility'), value: String(props.facility) }] : []),
        { label: t('mapDeviceState'), value: props.state === 'alarm' ? `${t('mapDeviceAlarm')} · ${props.levelName ?? ''}`
          : t(DEVICE_STATES[String(props.state)] ?? 'mapDeviceNormal') },
        { label: t('mapDeviceLastSeen'), value: props.lastSeenAt ? time(props.lastSeenAt) : t('mapDeviceNever') },
      ], { label: t('mapOpenDevice'), to: `/monitor/devices/${props.id}` });
    } else if (source === 'alarms') {
      showPopup(at, `${props.levelName ?? ''} · ${props.deviceName ?? ''}`, [
        { label: t('mapAlarmRule'), value: String(props.ruleName ?? '') },
        { label: t('mapDeviceCode'), value: String(props.deviceCode ?? '') },
        { label: t('mapAlarmStatus'), value: String(props.statusName ?? props.status ?? '') },
        ...(props.lastValue != null ? [{ label: t('mapAlarmValue'), value: String(props.lastValue) }] : []),
        { label: t('mapAlarmRaised'), value: time(props.raisedAt) },
        ...(props.caseNo ? [{ label: t('mapCaseNo'), value: String(props.caseNo) }] : []),
      ], { label: t('mapOpenAlarm'), to: `/monitor/alarms?alarm=${props.id}` });
    } else if (source === 'cameras') {
      showPopup(at, `${props.name ?? ''}`, [
        { label: t('mapDeviceCode'), value: String(props.code ?? '') },
        { label: t('mapDeviceState'), value: t(props.enabled ? 'mapCameraOn' : 'mapCameraOff') },
        ...(props.departmentName ? [{ label: t('mapCameraDepartment'), value: String(props.departmentName) }] : []),
      ]);
    } else if (source === 'components') {
      showPopup(at, `${props.typeName ?? ''}`, attributeRows(props, t, ['typeName']),
        { label: t('openDetail'), to: `/base/components?id=${encodeURIComponent(String(props.id))}` });
    } else if (source === 'grids') {
      const stats: PopupRow[] = visibleRef.current.includes('gridStats') && typeof state.cases === 'number' ? [
        { label: t('mapGridCases'), value: String(state.cases) },
        { label: t('mapGridHandled'), value: String(state.handled ?? 0) },
        { label: t('mapGridOnTime'), value: Number(state.rate) >= 0 ? `${Math.round(Number(state.rate) * 1000) / 10}%` : '—' },
      ] : [];
      showPopup(at, `${t('grid')} ${props.code ?? ''}`, [...attributeRows(props, t, ['code']), ...stats],
        { label: t('openDetail'), to: `/base/grids?code=${encodeURIComponent(String(props.code))}` });
    } else {
      showPopup(at, `${props.name ?? props.code ?? ''}`, attributeRows(props, t, ['name', 'id']));
    }
  };
  const showFeatureRef = useRef(showFeature);
  showFeatureRef.current = showFeature;
  const showPopupRef = useRef(showPopup);
  showPopupRef.current = showPopup;
  const visibleRef = useRef(visible);
  visibleRef.current = visible;

  const runSelect = async (polygon: Polygon) => {
    setSelection({ loading: true });
    const range = period.mode === 'history' ? { from: period.from.toISOString(), to: period.to.toISOString() } : {};
    try {
      setSelection({ loading: false, result: await api.post<SelectionResult>('/api/map/select', { polygon, ...range }) });
    } catch (err) {
      setSelection({ loading: false, error: errorMessage(err) });
    }
  };
  const draw = usePolygonDraw(map, loadedAt > 0, (polygon) => void runSelect(polygon));
  const drawingRef = useRef(false);
  drawingRef.current = draw.drawing;
  const drawRef = useRef(draw);
  drawRef.current = draw;

  useEffect(() => {
    const map = new MapLibre({ ...MAP_OPTIONS, container: container.current!, style: emptyStyle(), center: [116.4, 39.9], zoom: 10 });
    mapRef.current = map;
    if (window.__cityopsTest || import.meta.env.DEV) window.__cityopsMap = map;
    map.addControl(new NavigationControl({ showCompass: true }), 'bottom-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    const stopAdapting = adaptResolutionWhileMoving(map);

    map.on('load', async () => {
      for (const def of sources) if (!def.apply) map.addSource(def.id, sourceSpec(def));
      for (const layer of LAYERS) if ('source' in layer && map.getSource(layer.source)) map.addLayer(layer);
      setMap(map);
      const failures: string[] = [];
      await Promise.all(sources.filter((d) => !d.onDemand).map(async (def) => {
        try {
          const fc = await api.get<FeatureCollection>(def.url as string);
          data.current[def.id] = fc;
          (map.getSource(def.id) as GeoJSONSource | undefined)?.setData(fc);
        } catch (err) {
          failures.push(`${t(GROUP_LABELS[def.group])}（${errorMessage(err)}）`);
        }
      }));
      if (!mapRef.current) return; // unmounted while loading
      setFailed((f) => [...f, ...failures]);
      // Open on where the grids are (the managed area), else on the divisions in scope.
      const box = collectionBounds(data.current.grids) ?? collectionBounds(data.current.districts) ?? collectionBounds(data.current.streets);
      // (room on the left for the legend, on the right for the layer panel, at the bottom for the time slider)
      if (box) map.fitBounds(box, { padding: { top: 64, bottom: 80, left: 250, right: 200 }, duration: 0, maxZoom: 17 });
      setLoadedAt(Date.now());
      // Optional raster tiles underneath (GET /api/settings/map → { tileUrl }); without it the map stays offline-only.
      try {
        if (mapRef.current && await addBaseTiles(map, LAYERS[0].id, { group: 'tiles' })) setHasTiles(true);
      } catch (err) {
        if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 403)) {
          setFailed((f) => [...f, `${t('layer_tiles')}（${errorMessage(err)}）`]);
        }
      }
    });

    map.on('click', async (e) => {
      if (drawingRef.current || drawRef.current.justFinished()) return;
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
      const layers = CLICKABLE.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
      const hits: MapGeoJSONFeature[] = map.queryRenderedFeatures(e.point, { layers });
      const hit = CLICKABLE.map((id) => hits.find((h) => h.layer.id === id)).find(Boolean);
      if (!hit) return;
      if (hit.layer.id === 'components-cluster') {
        const zoom = await (map.getSource('components') as GeoJSONSource).getClusterExpansionZoom(hit.properties.cluster_id as number);
        map.easeTo({ center: (hit.geometry as Point).coordinates as [number, number], zoom });
        return;
      }
      showFeatureRef.current(hit.source, hit.properties, hit.geometry.type === 'Point'
        ? (hit.geometry.coordinates as [number, number]) : e.lngLat, hit.state);
    });
    const pointer = () => { if (!locating.current && !drawingRef.current) map.getCanvas().style.cursor = 'pointer'; };
    const plain = () => { if (!locating.current && !drawingRef.current) map.getCanvas().style.cursor = ''; };
    for (const id of CLICKABLE.filter((l) => !l.endsWith('-fill') && l !== 'roads-line')) {
      map.on('mouseenter', id, pointer);
      map.on('mouseleave', id, plain);
    }

    return () => {
      stopAdapting();
      popupRef.current?.remove();
      mapRef.current = null;
      setMap(null);
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

  // 网格着色: the classes follow the statistics, the colours the chosen metric.
  const gridStats = bodies['grid-stats'] as GridStatsAnswer | undefined;
  const breaks = useMemo(() => countBreaks(gridStats?.grids ?? []), [gridStats]);
  useEffect(() => {
    if (map?.getLayer('gridstats-fill')) map.setPaintProperty('gridstats-fill', 'fill-color', gridFillColor(metric, breaks));
  }, [map, metric, breaks]);
  // 热力: the densest cell of the answer is full weight.
  const heat = bodies['case-heat'] as { max: number; total: number; cell: number } | undefined;
  useEffect(() => {
    if (map?.getLayer('heat') && heat) {
      map.setPaintProperty('heat', 'heatmap-weight', ['interpolate', ['linear'], ['get', 'n'], 0, 0, Math.max(heat.max, 1), 1]);
    }
  }, [map, heat]);

  // 案件 search on the server (case number or address), while the rest is searched in the loaded layers.
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2 || !can('case.read')) { setCaseHits([]); return; }
    const timer = setTimeout(async () => {
      try {
        const res = await api.get<{ cases: SelectedCase[] }>('/api/map/search', { q });
        setCaseHits(res.cases);
      } catch {
        setCaseHits([]);
      }
    }, CASE_NO.test(q) ? 100 : 300);
    return () => clearTimeout(timer);
  }, [query, can]);

  // 部件 by their identification code on the server (the component layer is parsed in MapLibre's worker, not here).
  const [componentHits, setComponentHits] = useState<PlaceHit[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (!/^[0-9]{6,17}$/.test(q) || !can('base.read')) { setComponentHits([]); return; }
    const timer = setTimeout(async () => {
      try {
        const res = await api.get<{ items: PlaceHit[] }>('/api/places/search', { q, limit: 10 });
        setComponentHits(res.items.filter((h) => h.kind === 'component'));
      } catch {
        setComponentHits([]);
      }
    }, 250);
    return () => clearTimeout(timer);
  }, [query, can]);

  const hits = useMemo<SearchHit[]>(() => {
    const q = query.trim();
    if (!q || !loadedAt) return [];
    const out: SearchHit[] = caseHits.map((c, i) => ({
      value: `cases:${i}`, source: 'cases',
      feature: { type: 'Feature', geometry: { type: 'Point', coordinates: [c.lon, c.lat] }, properties: { ...c } },
      label: <span><span style={{ color: '#8c8c8c', marginRight: 6 }}>{t('mapKindCase')}</span>{c.caseNo} <span style={{ color: '#8c8c8c' }}>{c.typeName} {c.address}</span></span>,
    }));
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
    for (const h of componentHits) {
      if (out.length >= 15) break;
      out.push({ value: `components:${out.length}`, source: 'components',
        feature: { type: 'Feature', geometry: { type: 'Point', coordinates: [h.lon, h.lat] }, properties: { id: h.code, typeName: h.detail, address: h.address } },
        label: <span><span style={{ color: '#8c8c8c', marginRight: 6 }}>{t('layer_components')}</span>{h.name} <span style={{ color: '#8c8c8c' }}>{h.detail}</span></span> });
    }
    return out;
  }, [query, loadedAt, t, caseHits, componentHits]);

  const goTo = (hit: SearchHit) => {
    const map = mapRef.current;
    if (!map || !hit.feature.geometry) return;
    if ((hit.source === 'cases' || hit.source === 'components') && !visible.includes(hit.source)) setVisible((v) => [...v, hit.source as LayerGroup]);
    const box = geometryBounds(hit.feature.geometry)!;
    if (box[0] === box[2] && box[1] === box[3]) map.flyTo({ center: [box[0], box[1]], zoom: Math.max(map.getZoom(), 18) });
    else map.fitBounds(box, { padding: 80, maxZoom: 18 });
    map.once('moveend', () => showFeatureRef.current(hit.source, hit.feature.properties ?? {}, center(hit.feature.geometry)));
  };

  const flyTo = (lon: number, lat: number) => mapRef.current?.flyTo({ center: [lon, lat], zoom: Math.max(mapRef.current.getZoom(), 18) });
  const groups = offered.filter((g) => g !== 'tiles' || hasTiles);
  const setSection = (section: LayerGroup[], chosen: LayerGroup[]) => setVisible((v) => [...v.filter((g) => !section.includes(g)), ...chosen]);
  const business = groups.filter((g) => BUSINESS_GROUPS.includes(g));
  const base = groups.filter((g) => !BUSINESS_GROUPS.includes(g));
  const showsPeriod = visible.some((g) => PERIOD_GROUPS.includes(g) && business.includes(g));

  return (
    <div style={{ position: 'absolute', inset: 0 }}>
      <div ref={container} style={{ position: 'absolute', inset: 0 }} data-testid="map" />
      <div style={{ position: 'absolute', top: 12, left: 12, display: 'flex', gap: 8, zIndex: 2 }}>
        <AutoComplete
          style={{ width: 360 }}
          options={hits.map((h) => ({ value: h.value, label: h.label }))}
          onSearch={setQuery}
          onSelect={(value: string) => { const hit = hits.find((h) => h.value === value); if (hit) goTo(hit); setQuery(''); }}
          value={query}
          onChange={(v: string) => setQuery(v.includes(':') ? '' : v)}
          notFoundContent={query.trim() ? t('noResult') : null}
        >
          <Input.Search placeholder={t(business.includes('cases') ? 'mapSearchAll' : 'mapSearch')} allowClear data-testid="map-search" />
        </AutoComplete>
        <Tooltip title={t('locateHint')}>
          <Button icon={<AimOutlined />} type={locateMode ? 'primary' : 'default'} onClick={() => setLocateMode((m) => !m)} data-testid="locate-toggle">
            {t('locate')}
          </Button>
        </Tooltip>
        {business.includes('cases') && (
          <Tooltip title={t('mapSelectHint')}>
            <Button icon={draw.drawing ? <CloseOutlined /> : <BorderOutlined />} type={draw.drawing ? 'primary' : 'default'} data-testid="select-toggle"
              onClick={() => { if (draw.drawing) draw.cancel(); else { setLocateMode(false); popupRef.current?.remove(); draw.start(); } }}>
              {t(draw.drawing ? 'mapSelectCancel' : 'mapSelect')}
            </Button>
          </Tooltip>
        )}
      </div>
      {draw.drawing && (
        <Alert type="info" showIcon title={t('mapSelectHint')} style={{ position: 'absolute', top: 56, left: 12, zIndex: 3 }} />
      )}
      <div style={{ position: 'absolute', top: draw.drawing ? 104 : 56, left: 12, zIndex: 2 }}>
        <Legend visible={visible.filter((g) => business.includes(g))} metric={metric} onMetric={setMetric} countBreaks={breaks}
          cases={bodies.cases} heat={heat} staff={bodies.staff} alarms={bodies.alarms} devices={bodies.devices} cameras={bodies.cameras}
          periodLabel={periodLabel(period, t)} />
      </div>
      <Card size="small" title={t('layers')} style={{ position: 'absolute', top: 12, right: 12, width: 176, zIndex: 2 }}
        styles={{ body: { padding: '6px 12px 8px' } }}>
        <div data-testid="layer-switcher">
          {business.length > 0 && <>
            <div style={{ color: '#8c8c8c', fontSize: 12, margin: '2px 0 4px' }}>{t('mapLayerBusiness')}</div>
            <Checkbox.Group value={visible.filter((g) => business.includes(g))} onChange={(v) => setSection(business, v as LayerGroup[])}
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={business.map((g) => ({ value: g, label: t(GROUP_LABELS[g]) }))} />
            <div style={{ color: '#8c8c8c', fontSize: 12, margin: '8px 0 4px', paddingTop: 6, borderTop: '1px solid #f0f0f0' }}>{t('mapLayerBase')}</div>
          </>}
          <Checkbox.Group value={visible.filter((g) => base.includes(g))} onChange={(v) => setSection(base, v as LayerGroup[])}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={base.map((g) => ({ value: g, label: t(GROUP_LABELS[g]) }))} />
        </div>
      </Card>
      {showsPeriod && (
        <div style={{ position: 'absolute', bottom: 12, left: '50%', transform: 'translateX(-50%)', zIndex: 2 }}>
          <TimeBar period={period} onChange={setPeriod} />
        </div>
      )}
      {failed.length > 0 && (
        <Alert type="warning" showIcon closable title={t('layersFailed')} description={failed.join('；')}
          style={{ position: 'absolute', left: 12, bottom: 40, maxWidth: 480, zIndex: 2 }} />
      )}
      <SelectionDrawer open={!!selection} loading={!!selection?.loading} result={selection?.result} error={selection?.error}
        periodNote={period.mode === 'live' ? t('mapSelectionPeriodLive') : t('mapSelectionPeriod', { period: periodLabel(period, t) })}
        onClose={() => { setSelection(null); draw.cancel(); }} onLocate={flyTo} />
    </div>
  );
}
