// API 密钥: keys for machines (IoT gateways, hotline, other platforms); the key itself is shown once.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api.ts';
import RegionPicker from '../../components/RegionPicker.tsx';
import { formatTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';

interface ApiKey {
  id: number;
  name: string;
  keyPrefix: string;
  scopes: string[];
  regionCode: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const SCOPES = ['base:read', 'base:write', 'case:report', 'monitor:ingest', 'open311:write', 'hotline:write'];

export default function ApiKeysPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const keys = useLoad(() => api.get<ApiKey[]>('/api/api-keys'), []);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string; scopes: string[]; regionCode?: string }>();

  async function create() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const result = await api.post<{ id: number; key: string; prefix: string }>('/api/api-keys',
        { name: v.name.trim(), scopes: v.scopes, regionCode: v.regionCode || null });
      setCreating(false);
      setCreated(result.key);
      keys.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(id: number) {
    try {
      await api.del(`/api/api-keys/${id}`);
      keys.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Card title={t('menuApiKeys')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('newApiKey')}</Button>}>
      {keys.error && <Alert type="error" showIcon title={keys.error} style={{ marginBottom: 12 }} />}
      <Table<ApiKey> rowKey="id" size="middle" loading={keys.loading} dataSource={keys.data ?? []} scroll={{ x: 'max-content' }} columns={[
        { title: t('name'), dataIndex: 'name' },
        { title: t('keyPrefix'), dataIndex: 'keyPrefix', render: (p: string) => <Typography.Text code>cok_{p}_…</Typography.Text> },
        { title: t('scopes'), dataIndex: 'scopes', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
        { title: t('region'), dataIndex: 'regionCode', render: (r: string | null) => r ?? t('allScope') },
        { title: t('status'), dataIndex: 'revokedAt', render: (r: string | null) => (r ? <Tag>{t('revoked')}</Tag> : <Tag color="green">{t('valid')}</Tag>) },
        { title: t('createdAt'), dataIndex: 'createdAt', render: formatTime },
        { title: t('lastUsedAt'), dataIndex: 'lastUsedAt', render: formatTime },
        { title: t('actions'), key: 'actions', render: (_, k) => !k.revokedAt && (
          <Popconfirm title={t('revokeConfirm')} onConfirm={() => revoke(k.id)}><a>{t('revoke')}</a></Popconfirm>
        ) },
      ]} />
      <Modal open={creating} title={t('newApiKey')} onCancel={() => setCreating(false)} onOk={create} confirmLoading={busy} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ scopes: ['base:read'] }}>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input /></Form.Item>
          <Form.Item name="scopes" label={t('scopes')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={SCOPES} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('region')}><RegionPicker /></Form.Item>
        </Form>
      </Modal>
      <Modal open={!!created} title={t('keyCreated')} onCancel={() => setCreated(null)} footer={null} destroyOnHidden>
        <Alert type="warning" showIcon title={t('keyOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code data-testid="new-api-key" style={{ wordBreak: 'break-all' }}>{created}</Typography.Paragraph>
      </Modal>
    </Card>
  );
}
