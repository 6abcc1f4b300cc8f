// 实地考察 scores or 问卷调查 results of a year: one row per region (the city and its districts), one column per
// indicator of that source; administrators fill in the form and save, or import an XLSX/CSV (a template with the
// current values to download) — a file with a bad row is refused whole and the report says what is wrong in each row.
import { Alert, App, Button, Card, InputNumber, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, errorMessage } from '../../../api.ts';
import { useLoad } from '../../../hooks.ts';
import { useI18n } from '../../../i18n.tsx';
import type { EntryRow, ImportRowReport, TreeState } from '../../../../../src/evaluation/city-index/views.ts';

type Kind = 'inspection' | 'questionnaire';
interface Entries { regions: { code: string; name: string; level: string }[]; inspections: EntryRow[]; questionnaires: EntryRow[] }
/** What the form holds per region/indicator: a score, or a sample size and a share satisfied. */
type Cell = { score?: number | null; sampleSize?: number | null; satisfaction?: number | null };

export default function EntryEditor({ year, kind, editable, onSaved }: { year: number; kind: Kind; editable: boolean; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const tree = useLoad(() => api.get<TreeState>(`/api/city-index/${year}/tree`), [year]);
  const entries = useLoad(() => api.get<Entries>(`/api/city-index/${year}/entries`), [year]);
  const [cells, setCells] = useState<Record<string, Cell>>({});
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<{ ok: boolean; message: string; rows: ImportRowReport[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const indicators = useMemo(() => (tree.data?.tree.dimensions ?? []).flatMap((d) => d.indicators).filter((i) => i.source.kind === kind), [tree.data, kind]);
  const stored = useMemo(() => {
    const m: Record<string, Cell> = {};
    for (const e of (kind === 'inspection' ? entries.data?.inspections : entries.data?.questionnaires) ?? []) {
      m[`${e.regionCode}/${e.indicatorKey}`] = kind === 'inspection' ? { score: e.score } : { sampleSize: e.sampleSize, satisfaction: e.satisfaction };
    }
    return m;
  }, [entries.data, kind]);
  useEffect(() => setCells(stored), [stored]);

  const setCell = (key: string, patch: Cell) => setCells((c) => ({ ...c, [key]: { ...c[key], ...patch } }));
  const save = async () => {
    const keys = new Set([...Object.keys(cells), ...Object.keys(stored)]);
    const items = [...keys].map((key) => {
      const [regionCode, indicatorKey] = key.split('/');
      const c = cells[key] ?? {};
      return kind === 'inspection' ? { regionCode, indicatorKey, score: c.score ?? null }
        : { regionCode, indicatorKey, sampleSize: c.satisfaction == null ? null : c.sampleSize ?? null, satisfaction: c.satisfaction ?? null };
    }).filter((x) => {
      const was = stored[`${x.regionCode}/${x.indicatorKey}`];
      return was !== undefined || ('score' in x ? x.score !== null : x.satisfaction !== null);
    });
    if (!items.length) return;
    setSaving(true);
    try {
      await api.put(`/api/city-index/${year}/${kind === 'inspection' ? 'inspections' : 'questionnaires'}`, { items });
      setError(null);
      message.success(t('ciSaved'));
      entries.reload(); onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  const upload = async (file: File) => {
    const form = new FormData();
    form.append('file', file);
    try {
      const res = await api.post<{ imported: number; rows: ImportRowReport[] }>(`/api/city-index/${year}/import/${kind}`, form);
      setReport({ ok: true, message: t('ciImported', { n: res.imported }), rows: res.rows });
      entries.reload(); onSaved();
    } catch (err) {
      const rows = err instanceof ApiError ? (err.details as { rows?: ImportRowReport[] } | undefined)?.rows ?? [] : [];
      setReport({ ok: false, message: errorMessage(err), rows });
    }
  };

  if (tree.error || entries.error) return <Alert type="error" title={tree.error ?? entries.error} />;
  if (!tree.data || !entries.data) return <Card loading />;
  const regions = entries.data.regions;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`ci-entry-${kind}`}>
      <Typography.Text type="secondary">{t(kind === 'inspection' ? 'ciInspectionHelp' : 'ciQuestionnaireHelp')}</Typography.Text>
      <Space>
        {editable && <Button type="primary" loading={saving} onClick={save} data-testid={`ci-save-${kind}`}>{t('ciSaveEntries')}</Button>}
        <Button icon={<DownloadOutlined />} href={`/api/city-index/${year}/template/${kind}`}>{t('ciTemplate')}</Button>
        {editable && <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => { void upload(f); return false; }}>
          <Button icon={<UploadOutlined />} data-testid={`ci-import-${kind}`}>{t('ciImport')}</Button></Upload>}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {report && (
        <Alert type={report.ok ? 'success' : 'error'} showIcon closable onClose={() => setReport(null)} title={report.message} data-testid={`ci-import-report-${kind}`}
          description={report.rows.some((r) => r.errors.length) && (
            <Table<ImportRowReport> size="small" rowKey="row" pagination={false} dataSource={report.rows.filter((r) => r.errors.length)} columns={[
              { title: t('ciRow'), dataIndex: 'row', width: 60 },
              { title: t('ciProblems'), dataIndex: 'errors', render: (e: string[]) => e.join('；') },
            ]} />)} />
      )}
      <Table size="small" rowKey="code" pagination={false} dataSource={regions} scroll={{ x: true }} data-testid={`ci-entry-table-${kind}`}
        columns={[
          { title: t('ciRegion'), dataIndex: 'name', fixed: 'left', width: 100 },
          ...indicators.map((i) => ({
            title: i.name, key: i.key, width: kind === 'inspection' ? 150 : 230,
            render: (_: unknown, r: { code: string }) => {
              const key = `${r.code}/${i.key}`;
              const c = cells[key] ?? {};
              return kind === 'inspection'
                ? <InputNumber disabled={!editable} min={0} max={100} value={c.score ?? null} placeholder={t('ciScore')} style={{ width: 110 }}
                  data-testid={`ci-cell-${r.code}-${i.key}`} onChange={(v) => setCell(key, { score: v === null ? null : Number(v) })} />
                : <Space size={4}>
                  <InputNumber disabled={!editable} min={1} precision={0} value={c.sampleSize ?? null} placeholder={t('ciSampleSize')} style={{ width: 90 }}
                    data-testid={`ci-cell-${r.code}-${i.key}-n`} onChange={(v) => setCell(key, { sampleSize: v === null ? null : Number(v) })} />
                  <InputNumber disabled={!editable} min={0} max={100} value={c.satisfaction ?? null} placeholder={t('ciSatisfaction')} style={{ width: 110 }}
                    suffix="%" data-testid={`ci-cell-${r.code}-${i.key}-p`} onChange={(v) => setCell(key, { satisfaction: v === null ? null : Number(v) })} />
                </Space>;
            },
          })),
        ]} />
    </Space>
  );
}
