// An alarm rule (src/monitor/rules/alarm-rules.ts): threshold levels held for forSeconds with hysteresis, rate of
// change per minute, or offline after some minutes.
import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import type { LevelCode, MetricView, RuleView } from '../../../../src/monitor/views.ts';
import { LEVELS, LEVEL_KEYS, metricLabel } from './model.ts';
import type { RuleTarget } from './RulesTable.tsx';

interface Values {
  name: string; kind: RuleView['kind']; metric?: string; enabled: boolean; matterCode?: string;
  direction: 'above' | 'below'; levels: Partial<Record<LevelCode, number | null>>; forSeconds: number; hysteresis: number;
  perMinute: number; level: LevelCode; minutes: number;
}

function initial(rule: RuleView | null): Partial<Values> {
  const base = { direction: 'above' as const, levels: {}, forSeconds: 0, hysteresis: 0, perMinute: 1, level: 'yellow' as LevelCode, minutes: 30 };
  if (!rule) return { ...base, kind: 'threshold', enabled: true };
  return { ...base, ...(rule.params as object), name: rule.name, kind: rule.kind, metric: rule.metric ?? undefined, enabled: rule.enabled,
    matterCode: rule.matterCode ?? undefined };
}

function paramsOf(v: Values) {
  if (v.kind === 'threshold') {
    const levels = Object.fromEntries(LEVELS.filter((l) => typeof v.levels?.[l] === 'number').map((l) => [l, v.levels[l]]));
    return { direction: v.direction, levels, forSeconds: v.forSeconds, hysteresis: v.hysteresis };
  }
  if (v.kind === 'rate') return { perMinute: v.perMinute, level: v.level, hysteresis: v.hysteresis };
  return { minutes: v.minutes, level: v.level };
}

interface Props { rule: RuleView | null; target: RuleTarget; metrics: MetricView[]; onClose(): void; onSaved(): void }

export default function RuleForm({ rule, target, metrics, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? rule?.kind ?? 'threshold';
  const [busy, setBusy] = useState(false);

  async function save() {
    const v = await form.validateFields();
    setBusy(true);
    const body = {
      name: v.name.trim(), kind: v.kind, metric: v.kind === 'offline' ? null : v.metric, params: paramsOf(v), enabled: v.enabled,
      matterCode: v.matterCode?.trim() || null,
      // the form does not edit 联动指令: an edit keeps the rule's own (a body without them would clear them)
      actions: rule?.actions ?? [],
      ...('type' in target ? { deviceTypeCode: target.type.code, deviceId: null } : { deviceTypeCode: null, deviceId: target.device.id }),
    };
    try {
      if (rule) await api.put(`/api/monitor/rules/${rule.id}`, body);
      else await api.post('/api/monitor/rules', body);
      onSaved();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const levelSelect = <Select style={{ width: 140 }} options={LEVELS.map((l) => ({ value: l, label: t(LEVEL_KEYS[l]) }))} />;
  return (
    <Modal open title={rule ? `${t('edit')} · ${rule.name}` : t('monNewRule')} width={640} onCancel={onClose} onOk={save} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial(rule)} data-testid="rule-form">
        <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 64 }]}><Input /></Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('monRuleKind')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={[{ value: 'threshold', label: t('monKindThreshold') }, { value: 'rate', label: t('monKindRate') },
              { value: 'offline', label: t('monKindOffline') }]} />
          </Form.Item>
          {kind !== 'offline' && (
            <Form.Item name="metric" label={t('monMetric')} rules={[{ required: true }]}>
              <Select style={{ width: 200 }} options={metrics.map((m) => ({ value: m.key, label: metricLabel(m) }))} />
            </Form.Item>
          )}
        </Space>
        {kind === 'threshold' && (
          <>
            <Form.Item name="direction" label={t('monDirection')}>
              <Radio.Group options={[{ value: 'above', label: t('monAbove') }, { value: 'below', label: t('monBelow') }]} />
            </Form.Item>
            <Space wrap>
              {LEVELS.map((l) => (
                <Form.Item key={l} name={['levels', l]} label={t(LEVEL_KEYS[l])}><InputNumber style={{ width: 110 }} /></Form.Item>
              ))}
            </Space>
            <Space wrap>
              <Form.Item name="forSeconds" label={t('monForSeconds')} rules={[{ required: true }]}><InputNumber min={0} suffix="s" /></Form.Item>
              <Form.Item name="hysteresis" label={t('monHysteresis')} rules={[{ required: true }]}><InputNumber min={0} /></Form.Item>
            </Space>
          </>
        )}
        {kind === 'rate' && (
          <Space wrap>
            <Form.Item name="perMinute" label={t('monPerMinute')} rules={[{ required: true }]}><InputNumber min={0} /></Form.Item>
            <Form.Item name="level" label={t('level')} rules={[{ required: true }]}>{levelSelect}</Form.Item>
            <Form.Item name="hysteresis" label={t('monHysteresis')} rules={[{ required: true }]}><InputNumber min={0} /></Form.Item>
          </Space>
        )}
        {kind === 'offline' && (
          <Space wrap>
            <Form.Item name="minutes" label={t('monOfflineMinutes')} rules={[{ required: true }]}><InputNumber min={1} /></Form.Item>
            <Form.Item name="level" label={t('level')} rules={[{ required: true }]}>{levelSelect}</Form.Item>
          </Space>
        )}
        <Space wrap>
          <Form.Item name="matterCode" label={t('monMatterOverride')} rules={[{ pattern: /^[0-9]{5}$/, message: t('monMatterPattern') }]}><Input style={{ width: 160 }} /></Form.Item>
          <Form.Item name="enabled" label={t('enabled')} valuePropName="checked"><Switch /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
