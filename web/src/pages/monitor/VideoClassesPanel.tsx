// Detection classes: matter type, minimum confidence, merge window, auto case or review, enabled (PUT per class).
import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Radio, Select, Switch, Table, Tag } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { loadCatalog, typeOptions } from '../../catalog.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { VideoClassList, VideoClassView } from '../../../../src/monitor/views.ts';
import { MONITOR_MANAGE } from './model.ts';

export default function VideoClassesPanel() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const classes = useLoad(() => api.get<VideoClassList>('/api/monitor/video-classes'), []);
  const matters = useLoad(() => loadCatalog('matter'), []);
  const [editing, setEditing] = useState<VideoClassView | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<VideoClassView>();
  const manage = can(MONITOR_MANAGE);
  const matterName = (code: string) => matters.data?.find((m) => m.code === code)?.name ?? '';

  async function save() {
    if (!editing) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.put(`/api/monitor/video-classes/${editing.class}`, { name: v.name.trim(), matterCode: v.matterCode, minConfidence: v.minConfidence,
        mergeSeconds: v.mergeSeconds, mode: v.mode, enabled: v.enabled });
      setEditing(null);
      classes.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Table<VideoClassView> rowKey="class" size="middle" pagination={false} loading={classes.loading} dataSource={classes.data?.items ?? []}
        data-testid="class-table" columns={[
          { title: t('code'), dataIndex: 'class' },
          { title: t('name'), dataIndex: 'name' },
          { title: t('monMatterType'), dataIndex: 'matterCode', render: (c: string) => `${c} ${matterName(c)}` },
          { title: t('monVidMinConfidence'), dataIndex: 'minConfidence', render: (c: number) => `${Math.round(c * 100)}%` },
          { title: t('monVidMergeSeconds'), dataIndex: 'mergeSeconds', render: (s: number) => `${s}s` },
          { title: t('monVidMode'), dataIndex: 'mode', render: (m: string) => (m === 'auto' ? <Tag color="blue">{t('monVidModeAuto')}</Tag> : <Tag>{t('monVidModeReview')}</Tag>) },
          { title: t('status'), dataIndex: 'enabled', render: (e: boolean) => (e ? <Tag color="green">{t('enabled')}</Tag> : <Tag>{t('disabled')}</Tag>) },
          ...(manage ? [{ title: t('actions'), key: 'a', render: (_: unknown, c: VideoClassView) => <a onClick={() => setEditing(c)}>{t('edit')}</a> }] : []),
        ]} />
      <Modal open={!!editing} title={editing ? `${t('edit')} · ${editing.name}` : ''} onCancel={() => setEditing(null)} onOk={save} confirmLoading={busy}
        okButtonProps={{ disabled: !matters.data }} destroyOnHidden>
        {editing && (
          <Form form={form} layout="vertical" initialValues={editing} disabled={!matters.data}>
            <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 32 }]}><Input /></Form.Item>
            <Form.Item name="matterCode" label={t('monMatterType')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={typeOptions(matters.data ?? [])} />
            </Form.Item>
            <Form.Item name="minConfidence" label={t('monVidMinConfidence')} rules={[{ required: true }]}><InputNumber min={0} max={1} step={0.05} /></Form.Item>
            <Form.Item name="mergeSeconds" label={t('monVidMergeSeconds')} rules={[{ required: true }]}><InputNumber min={0} max={86400} suffix="s" /></Form.Item>
            <Form.Item name="mode" label={t('monVidMode')}>
              <Radio.Group options={[{ value: 'auto', label: t('monVidModeAuto') }, { value: 'review', label: t('monVidModeReview') }]} />
            </Form.Item>
            <Form.Item name="enabled" label={t('enabled')} valuePropName="checked"><Switch /></Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
