// 焦点问题: one type of problem recurring in one grid or community within a few days, with its responsible department
// and a button that issues a 提示函 (numbered, stored, downloadable as DOCX and PDF); below, the letters issued so far.
import { useState } from 'react';
import { Alert, App, Button, Card, InputNumber, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { defaultFilter, ExportButtons, FilterBar, type Filter } from './common.tsx';
import { formatTime } from '../../format.ts';
import type { FocusLevel, FocusProblem, LetterRecord } from '../../../../src/evaluation/analysis/views.ts';

export default function FocusPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const canIssue = can('analysis.issue');
  const [filter, setFilter] = useState<Filter>(defaultFilter);
  const [level, setLevel] = useState<FocusLevel>('grid');
  const [windowDays, setWindowDays] = useState(7);
  const [minCount, setMinCount] = useState(3);
  const [busy, setBusy] = useState<string | null>(null);
  const list = useLoad(() => api.get<{ items: FocusProblem[] }>('/api/analysis/focus', { ...filter, level, windowDays, minCount }),
    [filter, level, windowDays, minCount]);
  const letters = useLoad(() => api.get<{ items: LetterRecord[] }>('/api/analysis/letters'), []);

  async function issue(p: FocusProblem) {
    setBusy(`${p.placeCode}-${p.typeCode}`);
    try {
      const l = await api.post<LetterRecord>('/api/analysis/letters', { placeLevel: p.placeLevel, placeCode: p.placeCode, kind: p.kind,
        typeCode: p.typeCode, caseIds: p.caseIds, ...(p.department ? { departmentId: p.department.id } : {}) });
      message.success(t('anaIssued', { no: l.letterNo }));
      list.reload();
      letters.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const downloads = (id: number) => (
    <Space size={4}>
      <Button size="small" href={`/api/analysis/letters/${id}/docx`} data-testid={`letter-docx-${id}`}>DOCX</Button>
      <Button size="small" href={`/api/analysis/letters/${id}/pdf`} data-testid={`letter-pdf-${id}`}>PDF</Button>
    </Space>
  );

  return (
    <>
      <Card title={t('menuAnaFocus')} style={{ marginBottom: 16 }}
        extra={<ExportButtons table="focus" query={{ ...filter, level, windowDays, minCount }} />}>
        <FilterBar value={filter} onChange={setFilter} extra={
          <Space wrap>
            <Segmented value={level} onChange={(v) => setLevel(v as FocusLevel)}
              options={[{ value: 'grid', label: t('anaGrid') }, { value: 'community', label: t('anaCommunity') }]} />
            <span>{t('anaWindowDays')}</span><InputNumber min={1} max={90} value={windowDays} onChange={(v) => setWindowDays(v ?? 7)} style={{ width: 70 }} />
            <span>{t('anaMinCount')}</span><InputNumber min={2} max={1000} value={minCount} onChange={(v) => setMinCount(v ?? 3)} style={{ width: 70 }} />
          </Space>} />
        {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
        <Table<FocusProblem> size="small" loading={list.loading} rowKey={(r) => `${r.placeCode}-${r.kind}-${r.typeCode}`} data-testid="ana-focus"
          dataSource={list.data?.items ?? []} pagination={{ pageSize: 15 }} columns={[
            { title: t('anaPlace'), dataIndex: 'placeName' },
            { title: t('anaType'), dataIndex: 'typeName' },
            { title: t('anaCount'), dataIndex: 'count', align: 'right', render: (n: number) => <Tag color="red">{n}</Tag> },
            { title: t('anaSpan'), key: 'span', render: (_: unknown, r) => `${r.firstDate} ~ ${r.lastDate}` },
            { title: t('anaDepartment'), key: 'dept', render: (_: unknown, r) => r.department?.name ?? <Tag>{t('anaUnknownDept')}</Tag> },
            { title: t('anaLetter'), key: 'letter', render: (_: unknown, r) => (
              <Space>
                {r.letter && <Tag color="blue">{r.letter.letterNo}</Tag>}
                {canIssue && (
                  <Popconfirm title={t('anaIssueConfirm', { dept: r.department?.name ?? '—', place: r.placeName, type: r.typeName })}
                    onConfirm={() => issue(r)} disabled={!r.department}>
                    <Button size="small" type="primary" disabled={!r.department} loading={busy === `${r.placeCode}-${r.typeCode}`}
                      data-testid={`issue-${r.placeCode}-${r.typeCode}`}>{t('anaIssueLetter')}</Button>
                  </Popconfirm>
                )}
                {r.letter && downloads(r.letter.id)}
              </Space>
            ) },
          ]} />
      </Card>
      <Card title={t('anaLettersTitle')}>
        <Table<LetterRecord> size="small" rowKey="id" loading={letters.loading} dataSource={letters.data?.items ?? []} data-testid="ana-letters"
          pagination={{ pageSize: 10 }} columns={[
            { title: t('anaLetterNo'), dataIndex: 'letterNo' },
            { title: t('anaDepartment'), dataIndex: 'departmentName' },
            { title: t('anaPlace'), dataIndex: 'placeName' },
            { title: t('anaType'), dataIndex: 'typeName' },
            { title: t('anaCount'), key: 'n', align: 'right', render: (_: unknown, r) => r.caseIds.length },
            { title: t('anaIssuedBy'), dataIndex: 'issuedByName' },
            { title: t('anaIssuedAt'), dataIndex: 'issuedAt', render: (v: string) => formatTime(v) },
            { title: t('anaDownload'), key: 'dl', render: (_: unknown, r) => downloads(r.id) },
          ]} />
      </Card>
    </>
  );
}
