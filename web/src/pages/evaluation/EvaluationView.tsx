// One evaluation table (区域/部门/岗位评价) for a period: ranking with grade tags and score bars, every count and
// rate clickable to the cases behind it, a ranking chart and the grade distribution, XLSX/CSV export.
import { Alert, Button, Card, Col, Empty, Progress, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, withQuery } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { GradeCode, KpiRow, KpiTable } from '../../../../src/evaluation/views.ts';
import DrillDrawer, { type DrillTarget } from './DrillDrawer.tsx';
import EvaChart from './EvaChart.tsx';
import PeriodPicker, { defaultPeriod, type PeriodValue } from './PeriodPicker.tsx';

export const GRADE_COLORS: Record<GradeCode, string> = { A: 'green', B: 'cyan', C: 'blue', D: 'orange', E: 'red' };
const GRADE_HEX: Record<GradeCode, string> = { A: '#52c41a', B: '#13c2c2', C: '#1677ff', D: '#fa8c16', E: '#f5222d' };

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

export default function EvaluationView({ object, title, controls, selector }: {
  object: Record<string, string>;
  title: string;
  /** The level or position picker. */
  controls?: ReactNode;
  selector: string;
}) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  // ?period=month&date=2026-10-01 (or period=custom&from=…&to=…) opens a given period
  const [period, setPeriod] = useState<PeriodValue>(() => (params.get('period')
    ? { period: params.get('period') as PeriodValue['period'], date: params.get('date') ?? defaultPeriod().date,
      from: params.get('from') ?? undefined, to: params.get('to') ?? undefined }
    : defaultPeriod()));
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const query = useMemo(() => {
    const q: Record<string, string> = { ...object, period: period.period };
    if (period.period === 'custom') { q.from = period.from!; q.to = period.to!; } else q.date = period.date;
    return q;
  }, [object, period]);
  const table = useLoad(() => api.get<KpiTable>('/api/evaluation/table', query), [query]);
  const data = table.data;

  const open = (row: KpiRow, figure: string, figureName: string) =>
    setDrill({ query, key: row.key, name: row.name, figure, figureName });
  const figureName = (key: string) => data?.figureColumns.find((c) => c.key === key)?.name ?? key;

  const scored = (data?.rows ?? []).filter((r) => r.score !== null);
  const top = scored.slice(0, 20);
  const barOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', inverse: true, data: top.map((r) => r.name), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [{ type: 'bar', name: t('evaScore'), data: top.map((r) => ({ value: r.score, itemStyle: { color: GRADE_HEX[r.grade!] } })),
      label: { show: true, position: 'right' } }],
  }), [data]); // eslint-disable-line react-hooks/exhaustive-deps
  const gradeOption = useMemo(() => ({
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['40%', '68%'], label: { formatter: '{b}: {c}' }, data: (['A', 'B', 'C', 'D', 'E'] as GradeCode[])
      .map((g) => ({ name: g, value: scored.filter((r) => r.grade === g).length, itemStyle: { color: GRADE_HEX[g] } }))
      .filter((d) => d.value > 0) }],
  }), [data]); // eslint-disable-line react-hooks/exhaustive-deps

  const columns = data ? [
    { title: t('evaRank'), dataIndex: 'rank', width: 64, fixed: 'left' as const, render: (v: number | null) => v ?? '—' },
    { title: t('evaName'), dataIndex: 'name', width: 180, fixed: 'left' as const,
      render: (v: string, r: KpiRow) => <Space direction="vertical" size={0}><span>{v}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.context ?? r.key}</Typography.Text></Space> },
    { title: t('evaScore'), dataIndex: 'score', width: 150, sorter: (a: KpiRow, b: KpiRow) => (a.score ?? -1) - (b.score ?? -1),
      render: (v: number | null, r: KpiRow) => (v === null ? '—' : (
        <Tooltip title={r.parts.map((p) => `${p.label} ${p.value ?? '—'} × ${p.weight}%`).join('；')}>
          <Progress percent={v} size="small" format={() => v.toFixed(1)} strokeColor={GRADE_HEX[r.grade!]} />
        </Tooltip>)) },
    { title: t('evaGrade'), dataIndex: 'grade', width: 64,
      render: (g: GradeCode | null) => (g ? <Tag color={GRADE_COLORS[g]} data-testid="eva-grade">{g}</Tag> : '—') },
    ...data.rateColumns.map((c) => ({
      title: c.name, key: c.key, width: 96, sorter: (a: KpiRow, b: KpiRow) => (a.rates[c.key] ?? -1) - (b.rates[c.key] ?? -1),
      render: (_: unknown, r: KpiRow) => (
        <Tooltip title={c.figures.map((f) => `${figureName(f)} ${r.figures[f] ?? ''}`).join(' / ')}>
          {r.rates[c.key] === null ? <span>—</span>
            : <a onClick={() => open(r, c.figures[0], figureName(c.figures[0]))}>{pct(r.rates[c.key])}</a>}
        </Tooltip>),
    })),
    ...data.figureColumns.map((c) => ({
      title: c.name, key: c.key, width: 88, sorter: (a: KpiRow, b: KpiRow) => a.figures[c.key] - b.figures[c.key],
      render: (_: unknown, r: KpiRow) => (r.figures[c.key] > 0
        ? <a data-testid={`eva-fig-${c.key}`} onClick={() => open(r, c.key, c.name)}>{r.figures[c.key]}</a> : 0),
    })),
  ] : [];

  const exportUrl = (format: 'xlsx' | 'csv') => withQuery('/api/evaluation/export', { ...query, format });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid={selector}>
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
            {controls}
            <PeriodPicker value={period} onChange={setPeriod} />
            {data && <Typography.Text type="secondary">{data.period.label}（{data.period.from} 至 {data.period.to}）</Typography.Text>}
          </Space>
          <Space>
            <Button icon={<DownloadOutlined />} href={exportUrl('xlsx')} data-testid="eva-export-xlsx">{t('evaExportXlsx')}</Button>
            <Button icon={<DownloadOutlined />} href={exportUrl('csv')}>{t('evaExportCsv')}</Button>
          </Space>
        </Space>
      </Card>
      {table.error && <Alert type="error" message={table.error} showIcon />}
      {data && data.pendingClocks > 0 && <Alert type="info" showIcon message={t('evaPending', { n: data.pendingClocks })} />}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('evaChartTitle')}>
            {top.length > 0 ? <EvaChart testId="eva-chart" option={barOption} height={Math.max(200, top.length * 24 + 40)} /> : <Empty />}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('evaGradeCount')}>
            {scored.length > 0 ? <EvaChart testId="eva-grade-chart" option={gradeOption} /> : <Empty />}
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Table<KpiRow> rowKey="key" size="small" loading={table.loading} dataSource={data?.rows ?? []} columns={columns}
          scroll={{ x: 'max-content' }} pagination={{ pageSize: 50, showSizeChanger: false }} data-testid="eva-table" />
      </Card>
      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </Space>
  );
}
