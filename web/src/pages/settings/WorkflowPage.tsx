// 流程配置: two-level dispatch, 受理即立案, which sources need 核实 before 受理, whether the acceptor may skip it, and how
// often urgent cases are chased (紧急案件催办).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, InputNumber, Switch } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { PERM } from '../../permissions.ts';
import { SOURCES, sourceKey } from './model.ts';

interface WorkflowConfig {
  twoLevelDispatch: boolean;
  acceptorFiles: boolean;
  verifySources: string[];
  acceptorMaySkipVerification: boolean;
  urgentReminderMinutes: number;
}

export default function WorkflowPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const canEdit = can(PERM.caseSettings);
  const config = useLoad(() => api.get<WorkflowConfig>('/api/workflow-config'), []);
  const [form] = Form.useForm<WorkflowConfig>();
  const [saving, setSaving] = useState(false);

  useEffect(() => { if (config.data) form.setFieldsValue(config.data); }, [config.data, form]);

  async function save(values: WorkflowConfig) {
    setSaving(true);
    try {
      form.setFieldsValue(await api.put<WorkflowConfig>('/api/workflow-config', values));
      message.success(t('saved'));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={t('menuWorkflow')} style={{ maxWidth: 860 }}>
      {config.error && <Alert type="error" showIcon title={config.error} style={{ marginBottom: 12 }} />}
      <Form<WorkflowConfig> form={form} layout="vertical" disabled={!canEdit || !config.data} onFinish={save}>
        <Form.Item name="twoLevelDispatch" label={t('setTwoLevelDispatch')} extra={t('setTwoLevelDispatchHint')} valuePropName="checked">
          <Switch data-testid="wf-two-level" />
        </Form.Item>
        <Form.Item name="acceptorFiles" label={t('setAcceptorFiles')} extra={t('setAcceptorFilesHint')} valuePropName="checked">
          <Switch data-testid="wf-acceptor-files" />
        </Form.Item>
        <Form.Item name="verifySources" label={t('setVerifySources')} extra={t('setVerifySourcesHint')}>
          <Checkbox.Group options={SOURCES.map((s) => ({ value: s, label: t(sourceKey(s)) }))} data-testid="wf-verify-sources" />
        </Form.Item>
        <Form.Item name="acceptorMaySkipVerification" label={t('setSkipVerification')} extra={t('setSkipVerificationHint')} valuePropName="checked">
          <Switch data-testid="wf-skip" />
        </Form.Item>
        <Form.Item name="urgentReminderMinutes" label={t('setUrgentReminder')} extra={t('setUrgentReminderHint')}
          rules={[{ required: true, type: 'integer', min: 0, max: 240 }]}>
          <InputNumber min={0} max={240} precision={0} suffix={t('cc_unit_minutes')} style={{ width: 160 }} data-testid="wf-reminder" />
        </Form.Item>
        {canEdit && <Button type="primary" htmlType="submit" loading={saving} data-testid="wf-save">{t('save')}</Button>}
      </Form>
    </Card>
  );
}
