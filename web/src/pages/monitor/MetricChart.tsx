// One metric's history (GET /api/monitor/devices/:id/series, resolution auto) with its threshold levels as lines.
import { Alert, Card, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import Chart from '../analysis/Chart.tsx';
import type { DeviceSeries, MetricView, RuleView } from '../../../../src/monitor/views.ts';
import { seriesOption, thresholdLines } from './charts.ts';
import { metricLabel } from './model.ts';

interface Props { deviceId: number; metric: MetricView; from: string; to: string; rules: RuleView[] }

export default function MetricChart({ deviceId, metric, from, to, rules }: Props) {
  const { t } = useI18n();
  const series = useLoad(() => api.get<DeviceSeries>(`/api/monitor/devices/${deviceId}/series`, { metric: metric.key, from, to, resolution: 'auto' }),
    [deviceId, metric.key, from, to]);
  const points = series.data?.points ?? [];
  const last = points[points.length - 1];
  const latest = last ? ('value' in last ? last.value : last.avg) : undefined;
  return (
    <Card size="small" title={metricLabel(metric)} data-testid={`metric-${metric.key}`}
      extra={<Typography.Text type="secondary">
        {series.data && t('monResolution', { r: series.data.resolution, n: points.length })}
        {latest !== undefined && ` · ${t('monLatest')} ${Number(latest.toFixed(3))}${metric.unit}`}
      </Typography.Text>}>
      {series.error && <Alert type="error" showIcon title={series.error} />}
      <Chart testId={`chart-${metric.key}`} height={260} option={seriesOption(t, series.data, metric.name, thresholdLines(rules, metric.key), { from, to })} />
    </Card>
  );
}
