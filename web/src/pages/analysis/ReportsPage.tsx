// 运行报告: the stored daily, weekly and monthly 城市运行 reports with download, and "generate now" for any period.
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Segmented, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, errorMessage } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n, type TKey } from '../../i18n.tsx';
import { formatTime } from '../../format.ts';
import type { ReportKindCode as Kind, ReportRecord } from '../../../../src/evaluation/analysis/views.ts';

const KINDS: [Kind, TKey][] = [['daily', 'anaDaily'], ['weekly', 'anaWeekly'], ['monthly', 'anaMonthly']];

export default function ReportsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<Kind>('monthly');
  const [date, setDate] = useState(dayjs().subtract(1, 'month').format('YYYY-MM-DD'));
  const [busy, setBusy] = useState(false);
  const list = useLoad(() => api.get<{ items: ReportRecord[] }>('/api/analysis/reports'), []);

  async function generate() {
    setBusy(true);
    try {
      const r = await api.post<ReportRecord>('/api/analysis/reports', { kind, date });
      message.success(t('anaGenerated', { title: r.title }));
      list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('menuAnaReports')}>
      <Space wrap style={{ marginBottom: 8 }}>
        <span>{t('anaReportKind')}</span>
        <Segmented<Kind> value={kind} onChange={setKind} options={KINDS.map(([v, k]) => ({ value: v, label: t(k) }))} data-testid="report-kind" />
        <span>{t('anaReportDate')}</span>
        <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
          picker={kind === 'monthly' ? 'month' : kind === 'weekly' ? 'week' : 'date'} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        <Button type="primary" loading={busy} onClick={generate} data-testid="report-generate">{t('anaGenerateNow')}</Button>
      </Space>
      <div style={{ marginBottom: 12 }}><Typography.Text type="secondary">{t('anaScheduleNote')}</Typography.Text></div>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<ReportRecord> size="small" rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} data-testid="report-list"
        pagination={{ pageSize: 20 }} columns={[
          { title: t('anaReportTitle'), dataIndex: 'title' },
          { title: t('anaReportKind'), dataIndex: 'kind', render: (k: Kind) => t(KINDS.find((x) => x[0] === k)![1]) },
          { title: t('anaReportPeriod'), key: 'p', render: (_: unknown, r) => (r.periodFrom === r.periodTo ? r.periodFrom : `${r.periodFrom} ~ ${r.periodTo}`) },
          { title: t('anaSize'), dataIndex: 'sizeBytes', align: 'right', render: (n: number) => `${Math.round(n / 1024)} KB` },
          { title: t('anaGeneratedBy'), dataIndex: 'generatedByName' },
          { title: t('anaGeneratedAt'), dataIndex: 'generatedAt', render: (v: string) => formatTime(v) },
          { title: t('anaDownload'), key: 'dl', render: (_: unknown, r) => (
            <Button size="small" href={`/api/analysis/reports/${r.id}/pdf`} data-testid={`report-download-${r.id}`}>PDF</Button>) },
        ]} />
    </Card>
  );
}
