// 数据导入: validate a file first (dryRun), then import it; per-row errors and topology findings; history.
import { useState } from 'react';
import { Alert, App, Button, Card, Select, Space, Table, Tag, Upload, type UploadFile } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, UploadOutlined } from '@ant-design/icons';
import { api, ApiError, errorMessage } from '../api.ts';
import PagedTable from '../components/PagedTable.tsx';
import { formatNumber, formatTime } from '../format.ts';
import { usePagedList } from '../hooks.ts';
import { useI18n, type T, type TKey } from '../i18n.tsx';

const KINDS = ['divisions', 'grids', 'components', 'roads', 'landmarks'] as const;
type Kind = (typeof KINDS)[number];

interface RowIssue {
  row?: number | null;
  field?: string | null;
  code: string;
  message: string;
}

interface TopologyReport {
  overlaps: { a: string; b: string; areaM2: number }[];
  gaps: { communityCode: string; areaM2: number }[];
  outside: { gridCode: string; communityCode: string; outsideAreaM2: number }[];
  missingCommunity: string[];
}

/** What POST /api/import/:kind answers, dry run or not (errors and warnings are capped; the counts are not). */
interface ImportReport {
  runId: number | null;
  dryRun: boolean;
  /** done: written; refused: bad rows, nothing written; failed: the write failed; valid: dry run without errors */
  status: 'done' | 'refused' | 'failed' | 'valid';
  totalRows: number;
  okRows: number;
  inserted: number;
  errorCount: number;
  warningCount: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  topology?: TopologyReport;
}

/** Topology findings as rows of the same table as the row errors. */
function topologyIssues(topo: TopologyReport | undefined, t: T): RowIssue[] {
  if (!topo) return [];
  const m2 = (n: number) => formatNumber(n, 1);
  return [
    ...topo.overlaps.map((o) => ({ code: 'OVERLAP', field: o.a, message: t('topoOverlap', { a: o.a, b: o.b, area: m2(o.areaM2) }) })),
    ...topo.gaps.map((g) => ({ code: 'GAP', field: g.communityCode, message: t('topoGap', { c: g.communityCode, area: m2(g.areaM2) }) })),
    ...topo.outside.map((o) => ({ code: 'OUTSIDE_COMMUNITY', field: o.gridCode,
      message: t('topoOutside', { g: o.gridCode, c: o.communityCode, area: m2(o.outsideAreaM2) }) })),
    ...topo.missingCommunity.map((c) => ({ code: 'MISSING_COMMUNITY', field: c, message: t('topoMissing', { c }) })),
  ];
}

interface ImportRun {
  id: number;
  kind: string;
  fileName: string;
  status: string;
  totalRows: number;
  okRows: number;
  errorCount: number;
  warningCount: number;
  userName: string | null;
  startedAt: string;
  finishedAt: string | null;
}

const RUN_STATUS_COLORS: Record<string, string> = { done: 'green', valid: 'green', running: 'blue', refused: 'orange', failed: 'red' };
const RUN_STATUS: Record<string, TKey> = { done: 'run_done', valid: 'run_valid', running: 'run_running', refused: 'run_refused', failed: 'run_failed' };

function IssueTable({ issues }: { issues: RowIssue[] }) {
  const { t } = useI18n();
  return (
    <Table<RowIssue> size="small" dataSource={issues} rowKey={(_, i) => String(i)} pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: t('row'), dataIndex: 'row', width: 80, render: (r: number | null | undefined) => r ?? '-' },
        { title: t('field'), dataIndex: 'field', width: 140, render: (f: string | null | undefined) => f ?? '-' },
        { title: t('errorCode'), dataIndex: 'code', width: 200, render: (c: string) => <Tag>{c}</Tag> },
        { title: t('message'), dataIndex: 'message' },
      ]} />
  );
}

export default function ImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<Kind>('grids');
  const [file, setFile] = useState<UploadFile | null>(null);
  const [busy, setBusy] = useState<'dry' | 'real' | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const history = usePagedList<ImportRun, Record<string, never>>('/api/import/runs', {}, 10);

  async function run(dryRun: boolean) {
    if (!file?.originFileObj) return;
    const form = new FormData();
    form.append('file', file.originFileObj, file.name);
    setBusy(dryRun ? 'dry' : 'real');
    setError(null);
    try {
      const result = await api.post<ImportReport>(`/api/import/${kind}`, form, { dryRun });
      setReport(result);
      if (result.status === 'done') message.success(t('importDone', { ok: result.inserted, total: result.totalRows }));
      history.reload();
    } catch (err) {
      // a real import with bad rows is refused with 400 and the full report as details
      if (err instanceof ApiError && err.code === 'IMPORT_REFUSED' && err.details) {
        setReport(err.details as ImportReport);
        history.reload();
      } else {
        setReport(null);
        setError(errorMessage(err));
      }
    } finally {
      setBusy(null);
    }
  }

  const findings = [...topologyIssues(report?.topology, t), ...(report?.warnings ?? [])];
  const validated = report?.status === 'valid';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('menuImport')}>
        <Space wrap size="middle" align="start">
          <Select<Kind> value={kind} style={{ width: 160 }} onChange={(k) => { setKind(k); setReport(null); }}
            options={KINDS.map((k) => ({ value: k, label: t(`import_${k}`) }))} />
          <Upload maxCount={1} beforeUpload={() => false} fileList={file ? [file] : []} accept=".geojson,.json,.csv,.zip"
            onChange={({ fileList }) => { setFile(fileList[0] ?? null); setReport(null); }}>
            <Button icon={<UploadOutlined />}>{t('chooseFile')}</Button>
          </Upload>
          <Button icon={<CheckCircleOutlined />} disabled={!file} loading={busy === 'dry'} onClick={() => run(true)}>{t('validate')}</Button>
          <Button type="primary" icon={<CloudUploadOutlined />} disabled={!validated} loading={busy === 'real'} onClick={() => run(false)}>
            {t('runImport')}
          </Button>
        </Space>
        <div style={{ color: '#999', marginTop: 8 }}>{t('importFileHint')}</div>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
        {report && (
          <Alert style={{ marginTop: 16 }} showIcon data-testid="import-result"
            type={report.status === 'valid' || report.status === 'done' ? 'success' : 'error'}
            title={report.status === 'valid' ? t('validateOk', { ok: report.okRows, total: report.totalRows })
              : report.status === 'done' ? t('importDone', { ok: report.inserted, total: report.totalRows })
                : report.status === 'refused' ? t('validateFailed', { n: report.errorCount })
                  : t('importFailed')}
            description={report.warningCount > 0 ? t('warningCount', { n: report.warningCount }) : undefined} />
        )}
      </Card>
      {report && report.errors.length > 0 && <Card title={t('rowErrors')} size="small"><IssueTable issues={report.errors} /></Card>}
      {report && findings.length > 0 && <Card title={t('topology')} size="small"><IssueTable issues={findings} /></Card>}
      <Card title={t('importHistory')} size="small">
        <PagedTable<ImportRun> list={history} rowKey="id" size="small" columns={[
          { title: 'ID', dataIndex: 'id', width: 70 },
          { title: t('importKind'), dataIndex: 'kind', render: (k: string) => (KINDS as readonly string[]).includes(k) ? t(`import_${k as Kind}`) : k },
          { title: t('fileName'), dataIndex: 'fileName' },
          { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag color={RUN_STATUS_COLORS[s]}>{RUN_STATUS[s] ? t(RUN_STATUS[s]) : s}</Tag> },
          { title: t('totalRows'), dataIndex: 'totalRows', align: 'right' },
          { title: t('okRows'), dataIndex: 'okRows', align: 'right' },
          { title: t('errorCount'), align: 'right', dataIndex: 'errorCount' },
          { title: t('operator'), dataIndex: 'userName', render: (n: string | null | undefined) => n ?? '-' },
          { title: t('startedAt'), dataIndex: 'startedAt', render: formatTime },
          { title: t('finishedAt'), dataIndex: 'finishedAt', render: formatTime },
        ]} />
      </Card>
    </Space>
  );
}
