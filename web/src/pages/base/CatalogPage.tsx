// 部件事项目录: the standard catalogue plus local types; admins add local types and enable/disable any type.
import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Segmented, Select, Switch, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { loadCatalog, majorsOf } from '../../catalog.ts';
import { ListTable } from '../../components/PagedTable.tsx';
import { useFilteredList, useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { PERM } from '../../permissions.ts';
import type { CatalogType } from '../../types.ts';

type Kind = CatalogType['kind'];
type Filters = { kind: Kind; major?: string; q?: string; includeDisabled?: boolean };

function AddTypeModal({ kind, majors, open, onClose, onCreated }: {
  kind: Kind; majors: { code: string; name: string }[]; open: boolean; onClose(): void; onCreated(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ major: string; minor: number; name: string }>();
  const [busy, setBusy] = useState(false);
  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post('/api/catalog', { kind, code: `${v.major}${String(v.minor).padStart(3, '0')}`, name: v.name.trim() });
      message.success(t('saved'));
      form.resetFields();
      onCreated();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open={open} title={`${t('addLocalType')}（${t(`kind_${kind}`)}）`} onCancel={onClose} onOk={submit} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="major" label={t('majorClass')} rules={[{ required: true }]}>
          <Select options={majors.map((m) => ({ value: m.code, label: `${m.code} ${m.name}` }))} />
        </Form.Item>
        <Form.Item name="minor" label={t('minorCode')} extra={t('localCodeHint')} rules={[{ required: true }]}>
          <InputNumber min={900} max={999} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 64 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CatalogPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const canWrite = can(PERM.baseWrite);
  // administrators also see disabled types, so they can enable them again
  const includeDisabled = canWrite || undefined;
  const list = useFilteredList<CatalogType, Filters>('/api/catalog', { kind: 'component', includeDisabled });
  const kind = list.filters.kind;
  const all = useLoad(() => loadCatalog(kind, canWrite), [kind, canWrite]);
  const majors = all.data ? majorsOf(all.data) : [];
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ major?: string; q?: string }>();

  async function toggle(type: CatalogType, enabled: boolean) {
    try {
      await api.patch(`/api/catalog/${type.kind}/${type.code}`, { enabled });
      list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Card title={t('menuCatalog')} extra={canWrite && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('addLocalType')}</Button>}>
      <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => list.setFilters({ kind, includeDisabled, major: v.major || undefined, q: v.q?.trim() || undefined })}>
        <Form.Item label={t('kind')}>
          <Segmented<Kind> value={kind} onChange={(k) => { form.resetFields(); list.setFilters({ kind: k, includeDisabled }); }}
            options={[{ value: 'component', label: t('kind_component') }, { value: 'matter', label: t('kind_matter') }]} />
        </Form.Item>
        <Form.Item name="major" label={t('majorClass')}>
          <Select allowClear style={{ width: 180 }} options={majors.map((m) => ({ value: m.code, label: `${m.code} ${m.name}` }))} />
        </Form.Item>
        <Form.Item name="q" label={t('search')}><Input allowClear style={{ width: 180 }} placeholder={t('codeOrName')} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">{t('search')}</Button></Form.Item>
      </Form>
      <ListTable<CatalogType> list={list} rowKey={(r) => `${r.kind}-${r.code}`} columns={[
        { title: t('code'), dataIndex: 'code' },
        { title: t('name'), dataIndex: 'name' },
        { title: t('majorClass'), dataIndex: 'majorName', render: (n: string, r) => `${r.majorCode} ${n}` },
        { title: t('source'), dataIndex: 'isStandard', render: (std: boolean) => (std ? <Tag color="blue">{t('standard')}</Tag> : <Tag color="gold">{t('local')}</Tag>) },
        { title: t('status'), dataIndex: 'enabled', render: (on: boolean, r) => (canWrite
          ? <Switch size="small" checked={on} onChange={(v) => toggle(r, v)} checkedChildren={t('enabled')} unCheckedChildren={t('disabled')} />
          : on ? <Tag color="green">{t('enabled')}</Tag> : <Tag>{t('disabled')}</Tag>) },
      ]} />
      {canWrite && <AddTypeModal kind={kind} majors={majors} open={adding} onClose={() => setAdding(false)}
        onCreated={() => { setAdding(false); list.reload(); all.reload(); }} />}
    </Card>
  );
}
