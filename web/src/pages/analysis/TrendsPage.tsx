// 同比环比: one indicator for a period against the previous period (环比) and the same period last year (同比), in
// total or by district, street or type, with the 12 months to the period's end beside last year's.
import { useMemo, useState } from 'react';
import { Alert, Card, Segmented, Select, Space, Table } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n, type TKey } from '../../i18n.tsx';
import Chart from './Chart.tsx';
import { changeColor, defaultFilter, ExportButtons, FilterBar, pct, signedPct, type Filter } from './common.tsx';
import type { GroupBy, Indicator, TrendRow, Trends } from '../../../../src/evaluation/analysis/views.ts';

const INDICATORS: [Indicator, TKey][] = [['reported', 'anaIndReported'], ['filed', 'anaIndFiled'], ['closed', 'anaIndClosed'], ['onTimeHandlingRate', 'anaIndOnTime']];
const GROUPS: [GroupBy, TKey][] = [['none', 'anaGroupNone'], ['district', 'anaGroupDistrict'], ['street', 'anaGroupStreet'], ['type', 'anaGroupType']];

export default function TrendsPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>(defaultFilter);
  const [indicator, setIndicator] = useState<Indicator>('reported');
  const [groupBy, setGroupBy] = useState<GroupBy>('district');
  const data = useLoad(() => api.get<Trends>('/api/analysis/trends', { ...filter, indicator, groupBy }), [filter, indicator, groupBy]);
  const rate = indicator === 'onTimeHandlingRate';
  const fmt = (v: number | null) => (rate ? pct(v) : v === null ? t('anaNoRecords') : String(v));
  const change = (v: number | null) => (rate ? (v === null ? '—' : t('anaPoints', { n: `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}` })) : signedPct(v));

  const chart = useMemo(() => {
    const months = data.data?.months ?? [];
    const val = (v: number | null) => (v === null ? null : rate ? Math.round(v * 1000) / 10 : v);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('anaThisYear'), t('anaLastYear')] },
      grid: { left: 50, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: { type: 'value', ...(rate ? { axisLabel: { formatter: '{value}%' } } : {}) },
      series: [
        { name: t('anaThisYear'), type: 'bar', data: months.map((m) => val(m.value)), itemStyle: { color: '#3b82f6' } },
        { name: t('anaLastYear'), type: 'line', data: months.map((m) => val(m.lastYear)), itemStyle: { color: '#f59e0b' } },
      ],
    };
  }, [data.data, rate, t]);

  return (
    <Card title={t('menuAnaTrends')}>
      <FilterBar value={filter} onChange={setFilter} extra={
        <Space wrap>
          <span>{t('anaIndicator')}</span>
          <Select value={indicator} onChange={setIndicator} style={{ width: 140 }} data-testid="ana-indicator"
            options={INDICATORS.map(([v, k]) => ({ value: v, label: t(k) }))} />
          <Segmented<GroupBy> value={groupBy} onChange={setGroupBy} options={GROUPS.map(([v, k]) => ({ value: v, label: t(k) }))} />
          <ExportButtons table="trends" query={{ ...filter, indicator, groupBy }} />
        </Space>} />
      {data.error && <Alert type="error" showIcon title={data.error} style={{ marginBottom: 12 }} />}
      <Card size="small" title={t('anaMonths')} style={{ marginBottom: 16 }}><Chart option={chart} testId="ana-trend-chart" height={280} /></Card>
      <Table<TrendRow> size="small" rowKey="key" loading={data.loading} dataSource={data.data?.rows ?? []} data-testid="ana-trends"
        pagination={{ pageSize: 20 }} columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: `${t('anaValue')}（${filter.from} ~ ${filter.to}）`, dataIndex: 'value', align: 'right', render: fmt },
          { title: `${t('anaPrevious')}（${data.data?.previous.from ?? ''} ~ ${data.data?.previous.to ?? ''}）`, dataIndex: 'previous', align: 'right', render: fmt },
          { title: t('anaMom'), dataIndex: 'mom', align: 'right', render: (v: number | null) => <span style={{ color: changeColor(v) }}>{change(v)}</span> },
          { title: `${t('anaLastYear')}（${data.data?.lastYear.from ?? ''} ~ ${data.data?.lastYear.to ?? ''}）`, dataIndex: 'lastYear', align: 'right', render: fmt },
          { title: t('anaYoy'), dataIndex: 'yoy', align: 'right', render: (v: number | null) => <span style={{ color: changeColor(v) }}>{change(v)}</span> },
        ]} />
    </Card>
  );
}
