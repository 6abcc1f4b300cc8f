// 审计日志: every write, newest first, with before/after; 校验 walks the hash chain.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api.ts';
import PagedTable from '../../components/PagedTable.tsx';
import { formatTime } from '../../format.ts';
import { usePagedList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';

interface AuditRow {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  actorRole: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

interface VerifyResult { ok: boolean; checked: number; firstBadId?: number; reason?: string }

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">-</Typography.Text>;
  return <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(value, null, 2)}</pre>;
}

export default function AuditPage() {
  const { t } = useI18n();
  const list = usePagedList<AuditRow, { entity?: string; entityId?: string }>('/api/audit', {});
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  async function verify() {
    setVerifying(true);
    setVerifyError(null);
    try {
      setResult(await api.get<VerifyResult>('/api/audit/verify'));
    } catch (err) {
      setResult(null);
      setVerifyError(errorMessage(err));
    } finally {
      setVerifying(false);
    }
  }

  return (
    <Card title={t('menuAudit')}
      extra={<Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={verify} data-testid="audit-verify">{t('verify')}</Button>}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {result && (result.ok
          ? <Alert type="success" showIcon title={t('verifyOk', { n: result.checked })} data-testid="audit-verify-result" />
          : <Alert type="error" showIcon data-testid="audit-verify-result"
              title={t('verifyBad', { reason: result.reason ?? '', id: result.firstBadId ?? '-', n: result.checked })} />)}
        {verifyError && <Alert type="error" showIcon title={verifyError} />}
        <Form layout="inline" style={{ rowGap: 8 }}
          onFinish={(v) => list.setFilters({ entity: v.entity?.trim() || undefined, entityId: v.entityId?.trim() || undefined })}>
          <Form.Item name="entity" label={t('entity')}><Input allowClear style={{ width: 160 }} /></Form.Item>
          <Form.Item name="entityId" label={t('entityId')}><Input allowClear style={{ width: 160 }} /></Form.Item>
          <Form.Item><Button type="primary" htmlType="submit">{t('search')}</Button></Form.Item>
        </Form>
        <PagedTable<AuditRow> list={list} rowKey="id"
          expandable={{ rowExpandable: (r) => r.before != null || r.after != null, expandedRowRender: (r) => (
            <div style={{ display: 'flex', gap: 24 }}>
              <div style={{ flex: 1 }}><Typography.Text strong>{t('before')}</Typography.Text><Json value={r.before} /></div>
              <div style={{ flex: 1 }}><Typography.Text strong>{t('after')}</Typography.Text><Json value={r.after} /></div>
            </div>
          ) }}
          columns={[
            { title: 'ID', dataIndex: 'id', width: 80 },
            { title: t('auditAt'), dataIndex: 'at', render: formatTime },
            { title: t('actor'), dataIndex: 'actorName', render: (n: string, r) => `${n}（${r.actorRole}）` },
            { title: t('action'), dataIndex: 'action' },
            { title: t('entity'), dataIndex: 'entity' },
            { title: t('entityId'), dataIndex: 'entityId', render: (id: string | null) => id ?? '-' },
          ]} />
      </Space>
    </Card>
  );
}
