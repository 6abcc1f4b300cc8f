// Create or edit a device type: name, category, the matter type its alarms become, and its metrics.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api.ts';
import { loadCatalog, typeOptions } from '../../catalog.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { DeviceTypeView } from '../../../../src/monitor/views.ts';

const KEY = /^[a-z][a-z0-9_]{1,39}$/;

export default function TypeForm({ type, onClose, onSaved }: { type: DeviceTypeView | null; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DeviceTypeView>();
  const matters = useLoad(() => loadCatalog('matter'), []);
  const [busy, setBusy] = useState(false);

  async function save() {
    const v = await form.validateFields();
    setBusy(true);
    const body = { name: v.name.trim(), category: v.category.trim(), matterCode: v.matterCode,
      metrics: v.metrics.map((m) => ({ key: m.key, name: m.name.trim(), unit: (m.unit ?? '').trim() })) };
    try {
      if (type) await api.put(`/api/monitor/device-types/${type.code}`, body);
      else await api.post('/api/monitor/device-types', { ...body, code: v.code });
      onSaved();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={type ? `${t('edit')} · ${type.name}` : t('monNewType')} width={720} onCancel={onClose} onOk={save} confirmLoading={busy}
      okButtonProps={{ disabled: !matters.data }} destroyOnHidden>
      <Form form={form} layout="vertical" disabled={!matters.data} initialValues={type ?? { metrics: [{ key: '', name: '', unit: '' }] }}>
        <Space wrap>
          <Form.Item name="code" label={t('code')} rules={[{ required: true, pattern: KEY, message: t('monKeyPattern') }]}><Input disabled={!!type} /></Form.Item>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 64 }]}><Input /></Form.Item>
          <Form.Item name="category" label={t('category')} rules={[{ required: true, whitespace: true, max: 32 }]}><Input /></Form.Item>
        </Space>
        <Form.Item name="matterCode" label={t('monMatterType')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={typeOptions(matters.data ?? [])} loading={matters.loading} />
        </Form.Item>
        <Form.List name="metrics">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: KEY, message: t('monKeyPattern') }]}><Input placeholder={t('monMetricKey')} /></Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, max: 32 }]}><Input placeholder={t('name')} /></Form.Item>
                  <Form.Item name={[f.name, 'unit']} rules={[{ max: 16 }]}><Input placeholder={t('monUnit')} style={{ width: 100 }} /></Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', name: '', unit: '' })}>{t('monAddMetric')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
