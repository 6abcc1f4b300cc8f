// 三高分析: when (weekday × hour heat matrix), where (H3 hexagons on the map, top grids) and what (type ranking) cases
// are reported most in a period, and the places growing fastest against the previous period.
import { useMemo, useState } from 'react';
import { Alert, Card, Col, InputNumber, Row, Select, Space, Table, Tag } from 'antd';
import type { FeatureCollection } from 'geojson';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import Chart from './Chart.tsx';
import { defaultFilter, ExportButtons, FilterBar, pct, type Filter } from './common.tsx';
import HexMap from './HexMap.tsx';
import type { Hotspots, Incidence } from '../../../../src/evaluation/analysis/views.ts';

export default function IncidencePage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>(defaultFilter);
  const [resolution, setResolution] = useState(8);
  const [minCount, setMinCount] = useState(5);
  const query = { from: filter.from, to: filter.to, region: filter.region };
  const inc = useLoad(() => api.get<Incidence>('/api/analysis/incidence', query), [filter]);
  const hex = useLoad(() => api.get<FeatureCollection>('/api/analysis/hexagons.geojson', { ...query, resolution }), [filter, resolution]);
  const hot = useLoad(() => api.get<Hotspots>('/api/analysis/hotspots', { ...query, minCount, limit: 15 }), [filter, minCount]);

  const heat = useMemo(() => {
    const m = inc.data?.matrix ?? [];
    const data = m.flatMap((row, d) => row.map((n, h) => [h, d, n]));
    const max = Math.max(1, ...data.map((x) => x[2]));
    return {
      tooltip: { position: 'top' },
      grid: { left: 50, right: 20, top: 10, bottom: 84 },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => `${h}时`), splitArea: { show: true } },
      yAxis: { type: 'category', data: t('anaWeekdays').split(','), inverse: true, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
        inRange: { color: ['#f7fbff', '#9ecae1', '#fdae61', '#d73027'] } },
      series: [{ type: 'heatmap', data, label: { show: false }, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
    };
  }, [inc.data, t]);

  const typeBars = useMemo(() => {
    const types = (inc.data?.types ?? []).slice(0, 10).reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 120, right: 40, top: 10, bottom: 20 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: types.map((x) => x.name) },
      series: [{ type: 'bar', barMaxWidth: 24, data: types.map((x) => x.n), itemStyle: { color: '#10b981' }, label: { show: true, position: 'right' } }],
    };
  }, [inc.data]);

  return (
    <Card title={t('menuAnaIncidence')} extra={<Space>
      {inc.data && <Tag color="blue" data-testid="ana-total">{t('anaTotal', { n: inc.data.total })}</Tag>}
      <ExportButtons table="incidence" query={query} />
    </Space>}>
      <FilterBar value={filter} onChange={setFilter} />
      {(inc.error || hex.error || hot.error) && <Alert type="error" showIcon title={inc.error ?? hex.error ?? hot.error} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('anaHeatTitle')}><Chart option={heat} testId="ana-heat" height={320} /></Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('anaHexTitle')} extra={
            <Space><span>{t('anaResolution')}</span>
              <Select size="small" value={resolution} onChange={setResolution} style={{ width: 80 }} data-testid="ana-resolution"
                options={[6, 7, 8, 9].map((r) => ({ value: r, label: `R${r}` }))} /></Space>}>
            <HexMap hexagons={hex.data} height={320} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('anaTypesTitle')}><Chart option={typeBars} testId="ana-types" height={320} /></Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('anaGridsTitle')}>
            <Table size="small" rowKey="code" loading={inc.loading} dataSource={inc.data?.places ?? []} pagination={{ pageSize: 8 }}
              data-testid="ana-grids" columns={[
                { title: t('anaPlace'), dataIndex: 'name' },
                { title: t('code'), dataIndex: 'code' },
                { title: t('anaCases'), dataIndex: 'n', align: 'right' },
                { title: t('anaShare'), key: 'share', align: 'right', render: (_: unknown, r) => pct(inc.data?.total ? r.n / inc.data.total : null) },
              ]} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('anaHotspotsTitle')} extra={
            <Space><span>{t('anaMinCount')}</span><InputNumber size="small" min={1} max={1000} value={minCount}
              onChange={(v) => setMinCount(v ?? 1)} style={{ width: 80 }} />
              <ExportButtons table="hotspots" size="small" query={{ ...query, minCount, limit: 15 }} /></Space>}>
            <Table size="small" rowKey="key" loading={hot.loading} dataSource={hot.data?.items ?? []} pagination={false}
              data-testid="ana-hotspots" columns={[
                { title: t('anaPlace'), dataIndex: 'name' },
                { title: t('anaCurrent'), dataIndex: 'current', align: 'right' },
                { title: t('anaPrevious'), dataIndex: 'previous', align: 'right' },
                { title: t('anaIncrease'), dataIndex: 'increase', align: 'right', render: (n: number) => <span style={{ color: '#cf1322' }}>+{n}</span> },
                { title: t('anaGrowth'), dataIndex: 'growth', align: 'right', render: (g: number | null) => (g === null ? <Tag color="red">{t('anaNew')}</Tag> : `+${(g * 100).toFixed(0)}%`) },
              ]} />
          </Card>
        </Col>
      </Row>
    </Card>
  );
}
