// 案件预测: next week's cases by day, district and type from the weekday / holiday / seasonal model, with its error on
// the last 4 held-back weeks.
import { useMemo, useState } from 'react';
import { Alert, Card, Col, DatePicker, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import RegionPicker from '../../components/RegionPicker.tsx';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import Chart from './Chart.tsx';
import { ExportButtons, pct } from './common.tsx';
import type { DayClassCode, ForecastResult } from '../../../../src/evaluation/analysis/views.ts';

const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** The day class in English (the answer carries the Chinese name): working day / rest day with the weekday, or the holiday. */
function dayClassEn(code: DayClassCode, holiday: string | null): string {
  if (code === 'holiday') return holiday ? `Holiday (${holiday})` : 'Holiday';
  const [kind, day] = code.split('-');
  return `${kind === 'work' ? 'Working' : 'Rest'} · ${WEEKDAYS_EN[Number(day)]}`;
}

export default function ForecastPage() {
  const { t, lang } = useI18n();
  const [date, setDate] = useState(dayjs().subtract(1, 'day').format('YYYY-MM-DD'));
  const [region, setRegion] = useState<string>();
  const data = useLoad(() => api.get<ForecastResult>('/api/analysis/forecast', { date, region }), [date, region]);
  const f = data.data;

  const days = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 50, right: 20, top: 20, bottom: 50 },
    xAxis: { type: 'category', data: (f?.days ?? []).map((d) => `${d.date.slice(5)}\n${lang === 'en' ? dayClassEn(d.dayClass, d.holiday) : d.holiday ?? d.className}`) },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: (f?.days ?? []).map((d) => d.forecast), itemStyle: { color: '#6366f1' }, label: { show: true, position: 'top' } }],
  }), [f, lang]);

  const heldBack = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('anaForecast'), t('anaActual')] },
    grid: { left: 50, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: (f?.heldBack ?? []).map((w) => `${w.from.slice(5)}~${w.to.slice(5)}`) },
    yAxis: { type: 'value' },
    series: [
      { name: t('anaActual'), type: 'bar', data: (f?.heldBack ?? []).map((w) => w.actual), itemStyle: { color: '#94a3b8' } },
      { name: t('anaForecast'), type: 'line', data: (f?.heldBack ?? []).map((w) => w.forecast), itemStyle: { color: '#6366f1' } },
    ],
  }), [f, t]);

  return (
    <Card title={f ? t('anaForecastTitle', { from: f.week.from, to: f.week.to }) : t('menuAnaForecast')}
      extra={<ExportButtons table="forecast" query={{ date, region }} />}>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('anaDataTo')}</span>
        <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
          disabledDate={(d) => !d.isBefore(dayjs(), 'day')} />
        <span>{t('anaRegion')}</span>
        <RegionPicker value={region} onChange={setRegion} style={{ width: 220 }} />
      </Space>
      {data.error && <Alert type="error" showIcon title={data.error} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Statistic title={t('anaForecastTotal')} value={f?.total ?? 0} precision={0} /></Col>
        <Col xs={12} md={6}><Statistic title={t('anaMape')} value={pct(f?.mape ?? null)} valueStyle={{ color: '#4f46e5' }} /></Col>
        <Col span={24}><Typography.Text type="secondary">{t('anaModelNote')}</Typography.Text></Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('anaForecast')}><Chart option={days} testId="ana-forecast-days" height={280} /></Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('anaHeldBack')}>
            <Chart option={heldBack} testId="ana-heldback" height={180} />
            <Table size="small" rowKey="from" pagination={false} dataSource={f?.heldBack ?? []} data-testid="ana-heldback-table" columns={[
              { title: t('anaWeek'), key: 'w', render: (_: unknown, w) => `${w.from} ~ ${w.to}` },
              { title: t('anaForecast'), dataIndex: 'forecast', align: 'right' },
              { title: t('anaActual'), dataIndex: 'actual', align: 'right' },
              { title: t('anaError'), dataIndex: 'ape', align: 'right', render: (v: number | null) => pct(v) },
            ]} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('anaByDistrict')}>
            <Table size="small" rowKey="code" pagination={false} dataSource={f?.byDistrict ?? []} columns={[
              { title: t('name'), dataIndex: 'name' }, { title: t('anaForecast'), dataIndex: 'forecast', align: 'right' }]} />
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" title={t('anaSeries')}>
            <Table size="small" rowKey={(r) => `${r.district}-${r.type}`} pagination={{ pageSize: 10 }} dataSource={f?.series ?? []}
              data-testid="ana-series" columns={[
                { title: t('anaRegion'), dataIndex: 'districtName' }, { title: t('anaType'), dataIndex: 'typeName' },
                { title: t('anaForecast'), dataIndex: 'forecast', align: 'right' },
                { title: t('anaLevel'), dataIndex: 'level', align: 'right' },
                { title: t('anaSeason'), dataIndex: 'season', align: 'right', render: (s: number) => (s === 1 ? s : <Tag color={s > 1 ? 'red' : 'green'}>{s}</Tag>) },
              ]} />
          </Card>
        </Col>
      </Row>
    </Card>
  );
}
