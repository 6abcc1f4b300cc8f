// 防汛: the scenario dashboard — streets shaded by their area warning, rain gauges, river gauges and ponding points
// coloured by level; rainfall and river level over the last day; the warnings with the teams notified and their
// acknowledgements; the teams. Refreshed every 30 s.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { FeatureCollection } from 'geojson';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { FeatureMap, LEVEL_COLOR, TimeChart } from './FacWidgets.tsx';
import { chinaTime } from '../../format.ts';
import type { FloodEvaluation, FloodOverview, FloodTeam, FloodTeamList, FloodWarning } from '../../../../src/monitor/flood/views.ts';

const time = (iso: string | null) => chinaTime(iso, 'short', '—');
const GAUGE_TYPES = ['rain_gauge', 'river_level', 'road_ponding'] as const;

function useTick(seconds: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => { const h = setInterval(() => setTick((n) => n + 1), seconds * 1000); return () => clearInterval(h); }, [seconds]);
  return tick;
}

export default function FloodPage() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const tick = useTick(30);
  const overview = useLoad(() => api.get<FloodOverview>('/api/monitor/flood/overview'), [tick]);
  const teams = useLoad(() => api.get<FloodTeamList>('/api/monitor/flood/teams'), []);
  const o = overview.data;
  const [busy, setBusy] = useState(false);

  const areas = useMemo<FeatureCollection>(() => ({ type: 'FeatureCollection', features: (o?.areas ?? []).flatMap((a) => (a.geometry ? [{
    type: 'Feature' as const, geometry: a.geometry, properties: { code: a.code, ...(a.warning ? { color: LEVEL_COLOR[a.warning.level] } : {}) } }] : [])) }), [o]);
  const points = useMemo<FeatureCollection>(() => ({ type: 'FeatureCollection', features: (o?.gauges ?? []).map((g) => ({
    type: 'Feature', geometry: { type: 'Point', coordinates: [g.lon, g.lat] },
    properties: { id: g.deviceId, label: g.name, color: g.level ? LEVEL_COLOR[g.level] : g.stale ? '#d9d9d9' : '#8c8c8c' } })) }), [o]);

  const of = (type: string) => (o?.gauges ?? []).filter((g) => g.typeCode === type && !g.stale);
  const wettest = of('rain_gauge').sort((a, b) => (b.values.rain_24h ?? 0) - (a.values.rain_24h ?? 0))[0];
  const highest = of('river_level').sort((a, b) => ((b.values.river_level ?? 0) - (b.warningLevel ?? 0)) - ((a.values.river_level ?? 0) - (a.warningLevel ?? 0)))[0];
  const hour = Math.floor(Date.now() / 3_600_000);
  const range = useMemo(() => ({ from: new Date((hour - 24) * 3_600_000).toISOString(), to: new Date((hour + 1) * 3_600_000).toISOString() }), [hour]);
  const rain = useLoad(async () => (wettest ? api.get<{ points: any[] }>(`/api/monitor/devices/${wettest.deviceId}/series`,
    { metric: 'rain_1h', resolution: '1h', ...range }) : null), [wettest?.deviceId, range, tick]);
  const river = useLoad(async () => (highest ? api.get<{ points: any[] }>(`/api/monitor/devices/${highest.deviceId}/series`,
    { metric: 'level', resolution: '1h', ...range }) : null), [highest?.deviceId, range, tick]);
  const pts = (s: { points: any[] } | null | undefined) => (s?.points ?? []).map((p) => ({ t: p.t, value: p.max ?? p.value }));

  const evaluate = async () => {
    setBusy(true);
    try {
      const r = await api.post<FloodEvaluation>('/api/monitor/flood/evaluate');
      message.success(t('fldEvaluated', { s: r.started, e: r.escalated, d: r.deescalated, x: r.ended }));
      overview.reload();
    } catch (err) { message.error(errorMessage(err)); } finally { setBusy(false); }
  };
  const ack = async (id: number) => {
    try { await api.post(`/api/monitor/flood/warnings/${id}/ack`); message.success(t('fldAckDone')); overview.reload(); }
    catch (err) { message.error(errorMessage(err)); }
  };
  const counts = (type: string) => {
    const all = (o?.gauges ?? []).filter((g) => g.typeCode === type);
    return `${all.filter((g) => g.level).length} / ${all.length}`;
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {overview.error && <Alert type="error" message={overview.error} />}
      <Row gutter={16}>
        <Col span={6}><Card size="small"><Statistic title={t('fldWarnings')} value={o?.warnings.length ?? 0}
          valueStyle={{ color: o?.warnings.length ? '#cf1322' : undefined }} /></Card></Col>
        {GAUGE_TYPES.map((type) => (
          <Col span={6} key={type}><Card size="small"><Statistic title={t(type === 'rain_gauge' ? 'fldRainGauges' : type === 'river_level' ? 'fldRiverGauges' : 'fldPondingPoints')}
            value={counts(type)} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>（{t('fldLevel')} / {t('fldGauges')}）</Typography.Text>} /></Card></Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('menuMonFlood')} extra={<Space>
            <Button size="small" icon={<ReloadOutlined />} onClick={overview.reload} />
            {can('monitor.manage') && <Button size="small" icon={<ThunderboltOutlined />} loading={busy} onClick={evaluate} data-testid="fld-evaluate">{t('fldEvaluate')}</Button>}
          </Space>}>
            <FeatureMap areas={areas} features={points} height={460} testId="fld-map" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('fldLegend')}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={`${t('fldRainChart')}${wettest ? `：${wettest.name}` : ''}`}>
            {wettest ? <TimeChart testId="fld-rain-chart" unit="mm" height={190} series={[{ name: t('fldRain1h'), kind: 'bar', points: pts(rain.data) }]}
              thresholds={[{ level: 'blue', value: 20 }, { level: 'yellow', value: 30 }, { level: 'orange', value: 50 }]} /> : <Empty />}
            {wettest && <Typography.Text type="secondary">{t('fldRain1h')} {wettest.values.rain_1h} mm · {t('fldRain3h')} {wettest.values.rain_3h} mm ·
              {' '}{t('fldRain24h')} {wettest.values.rain_24h} mm</Typography.Text>}
          </Card>
          <Card size="small" style={{ marginTop: 16 }} title={`${t('fldLevelChart')}${highest ? `：${highest.name}` : ''}`}>
            {highest ? <TimeChart testId="fld-level-chart" unit="m" height={190} series={[{ name: t('fldRiverLevel'), points: pts(river.data) }]}
              thresholds={[{ level: 'yellow', value: highest.warningLevel!, label: `${t('fldWarningLine')} ${highest.warningLevel}` },
                { level: 'red', value: highest.guaranteeLevel!, label: `${t('fldGuaranteeLine')} ${highest.guaranteeLevel}` }]} /> : <Empty />}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('fldWarnings')}>
        <Table<FloodWarning> rowKey="id" size="small" dataSource={o?.warnings ?? []} pagination={false} data-testid="fld-warnings"
          locale={{ emptyText: t('fldNoWarnings') }} columns={[
            { title: t('fldArea'), dataIndex: 'areaName', width: 120 },
            { title: t('fldLevel'), dataIndex: 'levelName', width: 120, render: (n, r) => <Tag color={LEVEL_COLOR[r.level]}>{n}</Tag> },
            { title: t('fldReasons'), render: (_, r) => r.reasons.slice(0, 3).map((x, i) => (
              <div key={i}><Tag color={LEVEL_COLOR[x.level]} style={{ marginRight: 4 }}>{x.indicatorName}</Tag>{x.deviceName} {x.value}{x.unit}</div>)) },
            { title: t('fldStartedAt'), dataIndex: 'startedAt', width: 110, render: time },
            { title: t('fldNotified'), render: (_, r) => r.notified.length === 0 ? '—' : r.notified.map((n, i) => (
              <Tooltip key={i} title={`${n.team ?? ''} · ${time(n.at)}${n.ackedAt ? ` · ${t('fldAcked')} ${time(n.ackedAt)}` : ''}`}>
                <Tag color={n.ackedAt ? 'green' : 'default'}>{n.name}{n.ackedAt ? ' ✓' : ''}</Tag></Tooltip>)) },
            { title: '', width: 110, render: (_, r) => r.notified.some((n) => n.userId === me?.user?.id && !n.ackedAt)
              ? <Button size="small" type="primary" onClick={() => ack(r.id)}>{t('fldAck')}</Button> : null },
          ]} />
      </Card>
      <Card size="small" title={t('fldTeams')}>
        <Table<FloodTeam> rowKey="id" size="small" pagination={false} dataSource={teams.data?.items ?? []} columns={[
          { title: t('fldTeams'), dataIndex: 'name' },
          { title: t('fldArea'), dataIndex: 'areaName', width: 120 },
          { title: t('facDepartment'), dataIndex: 'departmentName' },
          { title: t('fldMembers'), render: (_, r) => r.members.map((m) => m.name).join('、') },
        ]} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}><Link to="/monitor/facilities">{t('menuMonFacilities')}</Link></Typography.Text>
      </Card>
    </Space>
  );
}
