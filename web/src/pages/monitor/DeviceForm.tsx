// Register or edit a device: type, code, name, position picked on the map, watched component, facility, department.
import { useState } from 'react';
import { App, Col, Form, Input, Modal, Row, Select, Switch, Typography } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Department } from '../../types.ts';
import PickMap from '../register/PickMap.tsx';
import type { DeviceTypeView, DeviceView, RegisteredDevice } from '../../../../src/monitor/views.ts';

interface Values { code: string; name: string; typeCode: string; componentId?: string; facility?: string; departmentId?: number; enabled: boolean }
interface Props { device: DeviceView | null; types?: DeviceTypeView[]; onClose(): void; onSaved(saved: DeviceView | RegisteredDevice): void }

export default function DeviceForm({ device, types, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const departments = useLoad(() => api.get<Department[]>('/api/departments'), []);
  const [point, setPoint] = useState<[number, number] | null>(device ? [Number(device.lon), Number(device.lat)] : null);
  const [busy, setBusy] = useState(false);
  const ready = !!types && !!departments.data;

  async function save() {
    const v = await form.validateFields();
    if (!point) { message.error(t('monPickPosition')); return; }
    setBusy(true);
    const body = { name: v.name.trim(), typeCode: v.typeCode, position: { lon: point[0], lat: point[1] }, componentId: v.componentId?.trim() || null,
      facility: v.facility?.trim() || null, departmentId: v.departmentId ?? null, enabled: v.enabled };
    try {
      const saved = device
        ? await api.put<DeviceView>(`/api/monitor/devices/${device.id}`, body)
        : await api.post<RegisteredDevice>('/api/monitor/devices', { ...body, code: v.code.trim() });
      onSaved(saved);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={device ? t('monEditDevice') : t('monRegisterDevice')} width={960} onCancel={onClose} onOk={save} confirmLoading={busy}
      okButtonProps={{ disabled: !ready, 'data-testid': 'device-save' } as any} destroyOnHidden>
      <Row gutter={16}>
        <Col span={10}>
          <Form form={form} layout="vertical" disabled={!ready} data-testid="device-form" initialValues={device
            ? { code: device.code, name: device.name, typeCode: device.typeCode, componentId: device.componentId ?? undefined,
              facility: device.facility ?? undefined, departmentId: device.departmentId ?? undefined, enabled: device.enabled }
            : { enabled: true }}>
            <Form.Item name="typeCode" label={t('monDeviceType')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={(types ?? []).map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))}
                data-testid="device-type" />
            </Form.Item>
            <Form.Item name="code" label={t('code')} extra={t('monCodeHint')}
              rules={[{ required: true }, { pattern: /^[A-Za-z0-9_-]{3,64}$/, message: t('monCodePattern') }]}>
              <Input disabled={!!device} data-testid="device-code" />
            </Form.Item>
            <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input data-testid="device-name" /></Form.Item>
            <Form.Item name="componentId" label={t('monWatchedComponent')} rules={[{ pattern: /^[0-9]{17}$/, message: t('monComponentPattern') }]}>
              <Input placeholder={t('componentId')} />
            </Form.Item>
            <Form.Item name="facility" label={t('monFacility')} rules={[{ max: 100 }]}><Input /></Form.Item>
            <Form.Item name="departmentId" label={t('ownerDepartment')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={departments.loading}
                options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} data-testid="device-department" />
            </Form.Item>
            <Form.Item name="enabled" label={t('enabled')} valuePropName="checked"><Switch /></Form.Item>
          </Form>
        </Col>
        <Col span={14}>
          <Typography.Text type="secondary">{t('position')}：{point ? `${point[0].toFixed(6)}, ${point[1].toFixed(6)}` : t('monPickPosition')}</Typography.Text>
          <div data-testid="device-pick-map" style={{ marginTop: 6 }}><PickMap point={point} focus={device ? 1 : 0} onPick={setPoint} height={420} /></div>
        </Col>
      </Row>
    </Modal>
  );
}
