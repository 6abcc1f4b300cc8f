// The index of a year: each region's total, the five dimensions as bars per region, the district ranking, the weak
// points, and one region's indicator table (raw value, score, weight, contribution) whose case figures open the cases.
import { Alert, Button, Card, Col, Empty, List, Row, Segmented, Statistic, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../../api.ts';
import { useLoad } from '../../../hooks.ts';
import { useI18n } from '../../../i18n.tsx';
import type { CityIndexResult, IndicatorResult } from '../../../../../src/evaluation/city-index/views.ts';
import EvaChart from '../EvaChart.tsx';
import CasesDrawer, { type CasesTarget } from './CasesDrawer.tsx';

const num = (v: number | null, d = 1) => (v === null ? '—' : v.toFixed(d));
const COLORS = ['#1677ff', '#52c41a', '#fa8c16', '#13c2c2', '#eb2f96', '#722ed1'];

export default function IndexResultView({ year, version }: { year: number; version: number }) {
  const { t } = useI18n();
  const res = useLoad(() => api.get<CityIndexResult>(`/api/city-index/${year}`), [year, version]);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [drill, setDrill] = useState<CasesTarget | null>(null);
  const data = res.data;
  const region = data?.regions.find((r) => r.regionCode === regionCode) ?? data?.regions[0];

  const dimOption = useMemo(() => ({
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, color: COLORS,
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: data?.regions[0]?.dimensions.map((d) => d.name) ?? [] },
    yAxis: { type: 'value', max: 100 },
    series: (data?.regions ?? []).map((r) => ({ type: 'bar', name: r.regionName, data: r.dimensions.map((d) => d.score) })),
  }), [data]);
  const ranked = (data?.regions ?? []).filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const rankOption = useMemo(() => ({
    tooltip: { trigger: 'axis' }, grid: { left: 70, right: 40, top: 10, bottom: 24 },
    xAxis: { type: 'value', max: 100 }, yAxis: { type: 'category', inverse: true, data: ranked.map((r) => r.regionName) },
    series: [{ type: 'bar', data: ranked.map((r) => r.total), itemStyle: { color: '#52c41a' }, label: { show: true, position: 'right' } }],
  }), [ranked]);

  if (res.error) return <Alert type="error" title={res.error} />;
  if (!data) return <Card loading />;
  if (!data.regions.length) return <Empty description={t('ciNoRegions')} />;
  const sourceName = (s: IndicatorResult['sourceKind']) => t(s === 'platform' ? 'ciSourcePlatform' : s === 'inspection' ? 'ciSourceInspection' : 'ciSourceQuestionnaire');
  const dimName = new Map(region!.dimensions.map((d) => [d.key, d.name]));
  return (
    <div data-testid="ci-result">
      {data.treeIsDefault && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ciDefaultTree')} />}
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {data.regions.map((r) => (
          <Col key={r.regionCode} flex="1">
            <Card size="small" data-testid={`ci-total-${r.regionCode}`}>
              <Statistic title={<>{r.regionName}{r.rank !== null && <Tag style={{ marginLeft: 6 }}>{t('ciRankN', { n: r.rank })}</Tag>}</>}
                value={r.total ?? '—'} precision={r.total === null ? undefined : 1} suffix={r.total === null ? undefined : t('ciPoints')} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={14}><Card size="small" title={t('ciDimensionChart')}><EvaChart option={dimOption} testId="ci-dimension-chart" height={260} /></Card></Col>
        <Col span={10}><Card size="small" title={t('ciRankingChart')}>
          {ranked.length ? <EvaChart option={rankOption} testId="ci-ranking-chart" height={260} /> : <Empty />}</Card></Col>
      </Row>
      <Card size="small" title={t('ciIndicatorTable')} style={{ marginBottom: 12 }}
        extra={<Segmented value={region!.regionCode} onChange={(v) => setRegionCode(String(v))} data-testid="ci-region"
          options={data.regions.map((r) => ({ value: r.regionCode, label: r.regionName }))} />}>
        <Table<IndicatorResult> size="small" rowKey="key" pagination={false} dataSource={region!.indicators} data-testid="ci-indicator-table"
          columns={[
            { title: t('ciDimension'), dataIndex: 'dimensionKey', width: 90, render: (k: string) => dimName.get(k) ?? k,
              onCell: (r, i) => ({ rowSpan: i === 0 || region!.indicators[i! - 1].dimensionKey !== r.dimensionKey
                ? region!.indicators.filter((x) => x.dimensionKey === r.dimensionKey).length : 0 }) },
            { title: t('ciIndicator'), dataIndex: 'name' },
            { title: t('ciSource'), dataIndex: 'sourceKind', width: 90, render: (s) => <Tag>{sourceName(s)}</Tag> },
            { title: t('ciRaw'), key: 'raw', width: 170, render: (_, r) => {
              const text = r.raw === null ? '—' : `${num(r.raw, 2)} ${r.unit}`;
              const extra = r.caseCount !== null ? t('ciCases', { n: r.caseCount }) : r.sampleSize !== null ? t('ciSample', { n: r.sampleSize }) : '';
              const drillable = r.sourceKind === 'platform' && (r.caseCount !== null || region!.level === 'district');
              return drillable
                ? <Button type="link" size="small" style={{ padding: 0 }} data-testid={`ci-drill-${r.key}`}
                  onClick={() => setDrill({ year, region: region!.regionCode, regionName: region!.regionName, indicator: r.key, name: r.name })}>
                  {text}{extra && ` · ${extra}`}</Button>
                : <span>{text}{extra && ` · ${extra}`}</span>;
            } },
            { title: t('ciScore'), dataIndex: 'score', width: 80, render: (v) => num(v) },
            { title: t('ciWeight'), dataIndex: 'weight', width: 70, render: (v) => `${v}%` },
            { title: t('ciEffectiveWeight'), dataIndex: 'effectiveWeight', width: 90, render: (v) => (v === null ? '—' : `${num(v, 2)}%`) },
            { title: t('ciContribution'), dataIndex: 'contribution', width: 80, render: (v) => num(v, 2) },
          ]} />
      </Card>
      <Card size="small" title={t('ciWeakPoints')}>
        <List size="small" dataSource={data.weakPoints} data-testid="ci-weak-points" locale={{ emptyText: t('ciNoWeakPoints') }}
          renderItem={(w) => <List.Item>{t('ciWeakPoint', { region: w.regionName, dimension: w.dimensionName, indicator: w.indicatorName, score: num(w.score) })}</List.Item>} />
      </Card>
      <CasesDrawer target={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
