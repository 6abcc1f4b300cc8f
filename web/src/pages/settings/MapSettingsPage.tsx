// 地图设置: the optional base tiles under the platform's own layers (e.g. 天地图 with its key). Without a URL every map
// works offline from the platform's data. Only city-wide administrators save; the preview loads the tiles on demand.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Typography } from 'antd';
import type { FeatureCollection } from 'geojson';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useLoad } from '../../hooks.ts';
import { useI18n, type T } from '../../i18n.tsx';
import { emptyStyle, geometryBounds, MAP_OPTIONS } from '../../map/common.ts';
import { Map as MapLibre, NavigationControl } from '../../map/maplibre.ts';
import { PERM } from '../../permissions.ts';

interface MapSettings { tileUrl: string | null; tileType: 'raster'; attribution: string | null; maxZoom: number }
type Values = { tileUrl?: string; attribution?: string; maxZoom: number };

/** The same checks as the server (src/base/map-settings.ts), for a message before saving. */
function tileUrlProblem(url: string, t: T): string | null {
  const unknown = (url.match(/\{[^}]*\}/g) ?? []).filter((p) => !['{z}', '{x}', '{y}'].includes(p));
  if (unknown.length > 0) return t('setTileUnknownPlaceholder', { p: [...new Set(unknown)].join('、') });
  if (!/^https?:\/\//i.test(url)) return t('setTileHttpOnly');
  const missing = ['{z}', '{x}', '{y}'].filter((p) => !url.includes(p));
  if (missing.length > 0) return t('setTileMissing', { p: missing.join('、') });
  return null;
}

/** The city's districts over the tiles: both must line up. */
function Preview({ settings }: { settings: MapSettings }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const map = new MapLibre({ ...MAP_OPTIONS, container: ref.current!, style: emptyStyle('#eef2f6'), center: [116.4, 39.9], zoom: 9 });
    map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
    map.on('load', async () => {
      if (settings.tileUrl) {
        map.addSource('tiles', { type: 'raster', tiles: [settings.tileUrl], tileSize: 256, maxzoom: settings.maxZoom,
          attribution: settings.attribution ?? undefined });
        map.addLayer({ id: 'tiles', type: 'raster', source: 'tiles' });
      }
      const districts = await api.get<FeatureCollection>('/api/map/divisions.geojson?level=district').catch(() => undefined);
      if (!districts) return;
      map.addSource('districts', { type: 'geojson', data: districts });
      map.addLayer({ id: 'districts', type: 'line', source: 'districts', paint: { 'line-color': '#8e5bb5', 'line-width': 2 } });
      const boxes = districts.features.map((f) => (f.geometry ? geometryBounds(f.geometry) : null)).filter((b) => !!b);
      if (boxes.length) {
        map.fitBounds([Math.min(...boxes.map((b) => b![0])), Math.min(...boxes.map((b) => b![1])),
          Math.max(...boxes.map((b) => b![2])), Math.max(...boxes.map((b) => b![3]))], { padding: 20, duration: 0 });
      }
    });
    return () => map.remove();
  }, [settings]);
  return <div ref={ref} style={{ height: 360, borderRadius: 6, overflow: 'hidden' }} data-testid="tile-preview" />;
}

export default function MapSettingsPage() {
  const { t } = useI18n();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const cityWide = me?.scope === 'all' || (Array.isArray(me?.scope) && me.scope.some((p) => p.length <= 4));
  const canEdit = can(PERM.caseSettings) && cityWide;
  const current = useLoad(() => api.get<MapSettings>('/api/settings/map'), []);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState<MapSettings | null>(null);

  useEffect(() => {
    if (current.data) form.setFieldsValue({ tileUrl: current.data.tileUrl ?? '', attribution: current.data.attribution ?? '', maxZoom: current.data.maxZoom });
  }, [current.data, form]);

  async function put(body: Partial<MapSettings>) {
    setSaving(true);
    try {
      await api.put<MapSettings>('/api/settings/map', body);
      message.success(t('saved'));
      current.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const values = (v: Values): MapSettings => ({ tileUrl: v.tileUrl?.trim() || null, tileType: 'raster', attribution: v.attribution?.trim() || null, maxZoom: v.maxZoom });

  return (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <Card title={t('menuMapSettings')}>
          {current.error && <Alert type="error" showIcon title={current.error} style={{ marginBottom: 12 }} />}
          {!canEdit && <Alert type="info" showIcon title={t('setMapCityAdminOnly')} style={{ marginBottom: 12 }} />}
          <Alert type={current.data?.tileUrl ? 'success' : 'info'} showIcon style={{ marginBottom: 16 }} data-testid="tile-status"
            title={current.data?.tileUrl ? t('setTileInUse') : t('setTileNone')} />
          <Form<Values> form={form} layout="vertical" disabled={!canEdit || !current.data} onFinish={(v) => put(values(v))}>
            <Form.Item name="tileUrl" label={t('setTileUrl')} extra={t('setTileUrlHint')}
              rules={[{ max: 1000 }, { validator: async (_, v?: string) => {
                const problem = v?.trim() ? tileUrlProblem(v.trim(), t) : null;
                if (problem) throw new Error(problem);
              } }]}>
              <Input.TextArea rows={3} placeholder="https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=…"
                data-testid="tile-url" />
            </Form.Item>
            <Form.Item name="attribution" label={t('setTileAttribution')} rules={[{ max: 200 }]}>
              <Input placeholder={t('setTileAttributionPlaceholder')} />
            </Form.Item>
            <Form.Item name="maxZoom" label={t('setTileMaxZoom')} rules={[{ required: true }]}>
              <InputNumber min={1} max={22} precision={0} />
            </Form.Item>
            <Space wrap>
              {canEdit && <Button type="primary" htmlType="submit" loading={saving} data-testid="tile-save">{t('save')}</Button>}
              {canEdit && current.data?.tileUrl && <Button danger onClick={() => put({ tileUrl: null })} loading={saving} data-testid="tile-clear">{t('setTileClear')}</Button>}
              <Button disabled={false} onClick={async () => {
                const v = await form.validateFields().catch(() => undefined);
                if (v) setPreview(values(v));
              }} data-testid="tile-preview-button">{t('setTilePreview')}</Button>
            </Space>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('setTilePreview')}>
          {preview ? <Preview settings={preview} /> : <Typography.Text type="secondary">{t('setTilePreviewHint')}</Typography.Text>}
        </Card>
      </Col>
    </Row>
  );
}
