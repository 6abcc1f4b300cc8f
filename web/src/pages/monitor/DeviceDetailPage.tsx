// 设备详情: the device, a history chart per metric over a chosen time range (thresholds as lines), its alarms, its
// bad-payload counter, its own rules and its position.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Card, Col, Descriptions, Row, Skeleton, Space, Table, Typography } from 'antd';
import { api } from '../../api.ts';
import { formatTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { AlarmList, AlarmView, DeviceView, RuleList } from '../../../../src/monitor/views.ts';
import MetricChart from './MetricChart.tsx';
import RangePicker, { rangeOf, type TimeRange } from './RangePicker.tsx';
import RulesTable from './RulesTable.tsx';
import { AlarmStatusTag, LevelTag, PointMap } from './ui.tsx';

export default function DeviceDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const device = useLoad(() => api.get<DeviceView>(`/api/monitor/devices/${id}`), [id]);
  const alarms = useLoad(() => api.get<AlarmList>('/api/monitor/alarms', { device: id, pageSize: 20 }), [id]);
  const d = device.data;
  const rules = useLoad(async () => {
    if (!d) return [];
    const [own, type] = await Promise.all([api.get<RuleList>('/api/monitor/rules', { device: d.id }),
      api.get<RuleList>('/api/monitor/rules', { deviceType: d.typeCode })]);
    // a device's own rule replaces its type's rule of the same kind and metric
    return [...own.items, ...type.items.filter((r) => !own.items.some((o) => o.kind === r.kind && o.metric === r.metric))].filter((r) => r.enabled);
  }, [d?.id, d?.typeCode]);
  const [range, setRange] = useState<TimeRange>({ preset: '24h' });
  const [now, setNow] = useState(() => Date.now());

  if (device.error) return <Alert type="error" showIcon title={device.error} />;
  if (!d) return <Skeleton active />;
  const { from, to } = rangeOf(range, now);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<span data-testid="device-title">{d.name}（{d.code}）</span>} extra={<Link to="/monitor/devices">{t('menuMonDevices')}</Link>}>
        <Row gutter={16}>
          <Col xs={24} lg={15}>
            <Descriptions size="small" column={2} bordered items={[
              { key: 'type', label: t('monDeviceType'), children: d.typeName },
              { key: 'state', label: t('enabled'), children: d.enabled ? t('yes') : t('no') },
              { key: 'facility', label: t('monFacility'), children: d.facility ?? '' },
              { key: 'component', label: t('monWatchedComponent'), children: d.componentId ?? '' },
              { key: 'dept', label: t('ownerDepartment'), children: d.departmentName ?? '' },
              { key: 'grid', label: t('gridCode'), children: d.gridCode },
              { key: 'seen', label: t('monLastSeen'), children: formatTime(d.lastSeenAt) },
              { key: 'alarms', label: t('monActiveAlarms'), children: d.activeAlarms },
              { key: 'bad', label: t('monBadPayloads'), children: <span data-testid="device-bad">{d.badPayloads}</span> },
              { key: 'badAt', label: t('monLastBad'), children: d.lastBadReason
                ? <Typography.Text type="warning">{formatTime(d.lastBadAt)} {d.lastBadReason}</Typography.Text> : '' },
            ]} />
          </Col>
          <Col xs={24} lg={9}><PointMap lon={Number(d.lon)} lat={Number(d.lat)} height={220} /></Col>
        </Row>
      </Card>
      <Card title={t('monHistory')} extra={<RangePicker value={range} onChange={(r) => { setRange(r); setNow(Date.now()); }} />}>
        <Row gutter={[16, 16]}>
          {d.metrics.map((m) => (
            <Col key={m.key} xs={24} xl={d.metrics.length > 1 ? 12 : 24}>
              <MetricChart deviceId={d.id} metric={m} from={from} to={to} rules={rules.data ?? []} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={t('monDeviceAlarms')}>
        <Table<AlarmView> rowKey="id" size="small" loading={alarms.loading} dataSource={alarms.data?.items ?? []} pagination={false} data-testid="device-alarms"
          columns={[
            { title: t('level'), dataIndex: 'level', render: (_, a) => <LevelTag level={a.level} /> },
            { title: t('monRule'), dataIndex: 'ruleName', render: (n: string, a) => <Link to={`/monitor/alarms?alarm=${a.id}`}>{n}</Link> },
            { title: t('status'), dataIndex: 'status', render: (_, a) => <AlarmStatusTag status={a.status} /> },
            { title: t('monLastValue'), dataIndex: 'lastValue' },
            { title: t('monRaisedAt'), dataIndex: 'raisedAt', render: formatTime },
            { title: t('monCase'), dataIndex: 'caseNo', render: (no: string | null, a) => (no ? <Link to={`/cases/${a.caseId}`}>{no}</Link> : '') },
          ]} />
      </Card>
      <Card title={t('monDeviceRules')}><RulesTable target={{ device: { id: d.id, metrics: d.metrics } }} /></Card>
    </Space>
  );
}
