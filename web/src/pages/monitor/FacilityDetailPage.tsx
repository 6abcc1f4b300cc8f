// 设施详情: the facility on a small map, its sensors with their latest values and state, the charts of a sensor's
// metrics with the threshold lines of its rules, the alarm history with counts, and the health report (PDF) for a period.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, LeftOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { api, withQuery } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n, type TKey } from '../../i18n.tsx';
import MiniMap from '../../map/MiniMap.tsx';
import { LEVEL_COLOR, STATE_COLOR, TimeChart } from './FacWidgets.tsx';
import { chinaTime } from '../../format.ts';
import type { FacilityAlarm, FacilityOverview, FacilitySensor, SensorState } from '../../../../src/monitor/facilities/views.ts';

const RANGES = { '24h': 1, '7d': 7, '30d': 30 } as const;
const STATE_KEY: Record<SensorState, TKey> = { normal: 'facStateNormal', alarm: 'facStateAlarm', offline: 'facStateOffline', disabled: 'facStateDisabled' };
/** Labels of the facility attributes the demo and imports use; others show their key. */
const FACILITY_PROPS: Record<string, TKey> = {
  spans: 'facPropSpans', builtYear: 'facPropBuiltYear', lengthM: 'facPropLength', compartments: 'facPropCompartments',
  warningLevel: 'facPropWarningLevel', guaranteeLevel: 'facPropGuaranteeLevel',
};

const time = (iso: string | null) => chinaTime(iso, 'short', '—');

export default function FacilityDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const [range, setRange] = useState<keyof typeof RANGES | 'custom'>('7d');
  const [custom, setCustom] = useState<[Dayjs, Dayjs]>([dayjs().subtract(7, 'day'), dayjs()]);
  const [device, setDevice] = useState<number | undefined>();
  const period = useMemo(() => {
    if (range === 'custom') return { from: custom[0].toISOString(), to: custom[1].toISOString() };
    const to = dayjs().add(1, 'minute');
    return { from: to.subtract(RANGES[range], 'day').toISOString(), to: to.toISOString() };
  }, [range, custom]);
  const view = useLoad(() => api.get<FacilityOverview>(`/api/monitor/facilities/${id}/view`, period), [id, period]);
  const v = view.data;
  const shown = device ?? v?.sensors[0]?.id;
  const charts = (v?.series ?? []).filter((s) => s.deviceId === shown);
  if (view.error) return <Alert type="error" message={view.error} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space>
          <Link to="/monitor/facilities"><LeftOutlined /> {t('facBack')}</Link>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="fac-title">{v?.facility.name ?? '…'}</Typography.Title>
          {v && <Tag>{v.facility.kindName}</Tag>}
        </Space>
        <Space wrap>
          <span>{t('facPeriod')}</span>
          <Segmented value={range} onChange={(x) => setRange(x as any)} options={[
            { value: '24h', label: t('monRange24h') }, { value: '7d', label: t('monRange7d') }, { value: '30d', label: t('monRange30d') },
            { value: 'custom', label: t('monRangeCustom') }]} />
          {range === 'custom' && <DatePicker.RangePicker showTime allowClear={false} value={custom}
            onChange={(x) => x?.[0] && x[1] && setCustom([x[0], x[1]])} />}
          <Button type="primary" icon={<DownloadOutlined />} data-testid="fac-report"
            href={withQuery(`/api/monitor/facilities/${id}/report.pdf`, period)}>{t('facDownloadReport')}</Button>
        </Space>
      </Space>
      {v && (
        <Row gutter={16}>
          <Col xs={24} lg={9}>
            <Card size="small">
              <MiniMap geometry={v.facility.geometry} height={200} />
              <Descriptions size="small" column={1} style={{ marginTop: 8 }} items={[
                { key: 'c', label: t('facCode'), children: v.facility.code },
                { key: 'd', label: t('facDepartment'), children: v.facility.departmentName ?? '—' },
                ...Object.entries(v.facility.props).map(([k, val]) => ({ key: k, label: k in FACILITY_PROPS ? t(FACILITY_PROPS[k]) : k, children: String(val) })),
              ]} />
            </Card>
          </Col>
          <Col xs={24} lg={15}>
            <Card size="small" title={t('facSensors')}>
              {v.sensors.length === 0 ? <Empty description={t('facNoSensors')} /> : (
                <Table<FacilitySensor> rowKey="id" size="small" pagination={false} dataSource={v.sensors} data-testid="fac-sensors"
                  onRow={(r) => ({ onClick: () => setDevice(r.id), style: { cursor: 'pointer', background: r.id === shown ? '#e6f4ff' : undefined } })}
                  columns={[
                    { title: t('monDevice'), dataIndex: 'name', render: (name, r) => <Link to={`/monitor/devices/${r.id}`}>{name}</Link> },
                    { title: t('facState'), dataIndex: 'state', width: 80, render: (s: SensorState, r) =>
                      <Tag color={r.alarmLevel ? LEVEL_COLOR[r.alarmLevel] : STATE_COLOR[s]}>{t(STATE_KEY[s])}</Tag> },
                    { title: t('monLastValue'), render: (_, r) => r.metrics.filter((m) => r.latest[m.key]).slice(0, 4)
                      .map((m) => `${m.name} ${r.latest[m.key].value}${m.unit}`).join('；') || '—' },
                    { title: t('monLastSeen'), dataIndex: 'lastSeenAt', width: 110, render: time },
                  ]} />
              )}
            </Card>
          </Col>
        </Row>
      )}
      {v && v.sensors.length > 0 && (
        <Card size="small" title={t('facCharts')} extra={<Select style={{ width: 260 }} value={shown} onChange={setDevice}
          options={v.sensors.map((s) => ({ value: s.id, label: s.name }))} />}>
          <Row gutter={[16, 8]}>
            {charts.map((s) => (
              <Col xs={24} lg={12} key={s.metric}>
                <Typography.Text strong>{s.name}（{s.unit}）</Typography.Text>
                <TimeChart testId={`fac-chart-${s.metric}`} unit={s.unit} series={[{ name: s.name, points: s.points }]}
                  thresholds={s.thresholds.map((th) => ({ level: th.level, value: th.value }))} />
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {v && (
        <Card size="small" title={t('facAlarmHistory')} extra={<Space>
          <Tag>{t('facAlarmTotal', { n: v.alarms.counts.total })}</Tag><Tag color="red">{t('facAlarmActive', { n: v.alarms.counts.active })}</Tag>
          <Tag>{t('facAlarmFalse', { n: v.alarms.counts.falseAlarms })}</Tag><Tag color="blue">{t('facAlarmDispatched', { n: v.alarms.counts.dispatched })}</Tag>
        </Space>}>
          <Table<FacilityAlarm> rowKey="id" size="small" dataSource={v.alarms.items} pagination={{ pageSize: 10 }} data-testid="fac-alarms" columns={[
            { title: t('monRaisedAt'), dataIndex: 'raisedAt', width: 120, render: time },
            { title: t('monDevice'), dataIndex: 'deviceName' },
            { title: t('monRule'), dataIndex: 'ruleName' },
            { title: t('monPeakLevel'), dataIndex: 'levelName', width: 120, render: (n, r) => <Tag color={LEVEL_COLOR[r.peakLevel]}>{n}</Tag> },
            { title: t('monLastValue'), dataIndex: 'lastValue', width: 90 },
            { title: t('facState'), dataIndex: 'statusName', width: 90 },
            { title: t('monCase'), dataIndex: 'caseNo', width: 150, render: (n: string | null) => n ?? '—' },
          ]} />
        </Card>
      )}
    </Space>
  );
}
