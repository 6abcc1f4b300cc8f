// Register or edit a camera: code, name, department, position picked on the map.
import { useState } from 'react';
import { App, Col, Form, Input, Modal, Row, Select, Switch, Typography } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Department } from '../../types.ts';
import PickMap from '../register/PickMap.tsx';
import type { CameraView } from '../../../../src/monitor/views.ts';

interface Values { code: string; name: string; departmentId?: number; enabled: boolean }

export default function CameraForm({ camera, onClose, onSaved }: { camera: CameraView | null; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const departments = useLoad(() => api.get<Department[]>('/api/departments'), []);
  const [point, setPoint] = useState<[number, number] | null>(camera ? [Number(camera.lon), Number(camera.lat)] : null);
  const [busy, setBusy] = useState(false);
  const ready = !!departments.data;

  async function save() {
    const v = await form.validateFields();
    if (!point) { message.error(t('monPickPosition')); return; }
    setBusy(true);
    const body = { code: v.code.trim(), name: v.name.trim(), position: { lon: point[0], lat: point[1] }, departmentId: v.departmentId ?? null, enabled: v.enabled };
    try {
      if (camera) await api.put(`/api/monitor/cameras/${camera.id}`, body);
      else await api.post('/api/monitor/cameras', body);
      onSaved();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={camera ? t('monVidEditCamera') : t('monVidNewCamera')} width={900} onCancel={onClose} onOk={save} confirmLoading={busy}
      okButtonProps={{ disabled: !ready }} destroyOnHidden>
      <Row gutter={16}>
        <Col span={9}>
          <Form form={form} layout="vertical" disabled={!ready}
            initialValues={camera ? { code: camera.code, name: camera.name, departmentId: camera.departmentId ?? undefined, enabled: camera.enabled } : { enabled: true }}>
            <Form.Item name="code" label={t('code')} rules={[{ required: true }, { pattern: /^[A-Za-z0-9_-]{3,64}$/, message: t('monCodePattern') }]}><Input /></Form.Item>
            <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input /></Form.Item>
            <Form.Item name="departmentId" label={t('ownerDepartment')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
            <Form.Item name="enabled" label={t('enabled')} valuePropName="checked"><Switch /></Form.Item>
          </Form>
        </Col>
        <Col span={15}>
          <Typography.Text type="secondary">{t('position')}：{point ? `${point[0].toFixed(6)}, ${point[1].toFixed(6)}` : t('monPickPosition')}</Typography.Text>
          <div style={{ marginTop: 6 }}><PickMap point={point} focus={camera ? 1 : 0} onPick={setPoint} height={380} /></div>
        </Col>
      </Row>
    </Modal>
  );
}
