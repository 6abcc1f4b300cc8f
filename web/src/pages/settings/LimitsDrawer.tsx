// One type's 立结案标准 in a drawer: conditions, the limit of each stage clock (ordinary and urgent), the duplicate
// radius and window, and the history of changes. Read only without case.settings.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Empty, Form, Input, InputNumber, Select, Space, Table, Tabs, Timeline, Typography } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { formatTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n, type T } from '../../i18n.tsx';
import { CLOCKS, clockKey, LIMIT_UNITS, unitKey, type CaseLimits, type Clock, type ClockLimits, type LimitsHistoryEntry, type TimeLimit } from './model.ts';

type Values = Pick<CaseLimits, 'filingCondition' | 'closingCondition' | 'limits' | 'urgentLimits' | 'duplicateRadiusM' | 'duplicateWindowHours'>;

export const formatLimit = (l: TimeLimit, t: T) => `${l.amount} ${t(unitKey(l.unit))}`;

/** What one history entry changed, in words. */
function changes(h: LimitsHistoryEntry, t: T): string[] {
  const out: string[] = [];
  const clocks = (label: string, a: ClockLimits, b: ClockLimits) => {
    for (const c of CLOCKS) {
      if (a[c].amount !== b[c].amount || a[c].unit !== b[c].unit) out.push(`${label}${t(clockKey(c))}：${formatLimit(a[c], t)} → ${formatLimit(b[c], t)}`);
    }
  };
  clocks('', h.before.limits, h.after.limits);
  clocks(t('setUrgentPrefix'), h.before.urgentLimits, h.after.urgentLimits);
  if (h.before.filingCondition !== h.after.filingCondition) out.push(`${t('setFilingCondition')}：${h.after.filingCondition}`);
  if (h.before.closingCondition !== h.after.closingCondition) out.push(`${t('setClosingCondition')}：${h.after.closingCondition}`);
  if (h.before.duplicateRadiusM !== h.after.duplicateRadiusM) out.push(`${t('setDuplicateRadius')}：${h.before.duplicateRadiusM} → ${h.after.duplicateRadiusM}`);
  if (h.before.duplicateWindowHours !== h.after.duplicateWindowHours) out.push(`${t('setDuplicateWindow')}：${h.before.duplicateWindowHours} → ${h.after.duplicateWindowHours}`);
  return out;
}

function LimitsTable({ name, readOnly }: { name: 'limits' | 'urgentLimits'; readOnly: boolean }) {
  const { t } = useI18n();
  return (
    <Table<Clock> size="small" pagination={false} rowKey={(c) => c} dataSource={[...CLOCKS]} columns={[
      { title: t('setClock'), width: 90, render: (_, c) => t(clockKey(c)) },
      { title: t('setLimit'), render: (_, c) => (
        <Space.Compact>
          <Form.Item name={[name, c, 'amount']} noStyle rules={[{ required: true }, { type: 'number', min: 0.01, max: 10000 }]}>
            <InputNumber min={0.01} max={10000} step={1} style={{ width: 110 }} disabled={readOnly} data-testid={`${name}-${c}-amount`} />
          </Form.Item>
          <Form.Item name={[name, c, 'unit']} noStyle rules={[{ required: true }]}>
            <Select style={{ width: 120 }} disabled={readOnly} data-testid={`${name}-${c}-unit`}
              options={LIMIT_UNITS.map((u) => ({ value: u, label: t(unitKey(u)) }))} />
          </Form.Item>
        </Space.Compact>
      ) },
    ]} />
  );
}

interface Props {
  type: { kind: CaseLimits['kind']; typeCode: string; typeName?: string } | null;
  readOnly: boolean;
  onClose(): void;
  onSaved(): void;
}

export default function LimitsDrawer({ type, readOnly, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const detail = useLoad(async () => (type
    ? api.get<CaseLimits & { history: LimitsHistoryEntry[] }>(`/api/case-limits/${type.kind}/${type.typeCode}`)
    : undefined), [type?.kind, type?.typeCode]);

  useEffect(() => {
    if (detail.data) form.setFieldsValue(detail.data);
  }, [detail.data, form]);

  async function save() {
    if (!type) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    try {
      await api.put(`/api/case-limits/${type.kind}/${type.typeCode}`, values);
      message.success(t('saved'));
      detail.reload();
      onSaved();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const history = detail.data?.history ?? [];
  return (
    <Drawer open={!!type} onClose={onClose} size={640} destroyOnHidden data-testid="limits-drawer"
      title={type ? `${type.typeCode} ${type.typeName ?? ''} · ${t('menuCaseLimits')}` : ''}
      extra={!readOnly && <Button type="primary" loading={saving} onClick={save} data-testid="limits-save">{t('save')}</Button>}>
      {detail.error && <Alert type="error" showIcon title={detail.error} style={{ marginBottom: 12 }} />}
      {readOnly && <Alert type="info" showIcon title={t('setReadOnly')} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" disabled={readOnly}>
        <Tabs items={[
          { key: 'limits', label: t('setTabLimits'), forceRender: true, children: (
            <>
              <Typography.Paragraph type="secondary">{t('setUnitsHint')}</Typography.Paragraph>
              <LimitsTable name="limits" readOnly={readOnly} />
            </>
          ) },
          { key: 'urgent', label: t('setTabUrgent'), forceRender: true, children: <LimitsTable name="urgentLimits" readOnly={readOnly} /> },
          { key: 'conditions', label: t('setTabConditions'), forceRender: true, children: (
            <>
              <Form.Item name="filingCondition" label={t('setFilingCondition')} rules={[{ required: true, whitespace: true }, { max: 1000 }]}>
                <Input.TextArea rows={4} />
              </Form.Item>
              <Form.Item name="closingCondition" label={t('setClosingCondition')} rules={[{ required: true, whitespace: true }, { max: 1000 }]}>
                <Input.TextArea rows={4} />
              </Form.Item>
              <Space size={24}>
                <Form.Item name="duplicateRadiusM" label={t('setDuplicateRadius')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={5000} precision={0} suffix={t('setMetres')} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name="duplicateWindowHours" label={t('setDuplicateWindow')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={8760} precision={0} suffix={t('setHours')} style={{ width: 140 }} />
                </Form.Item>
              </Space>
            </>
          ) },
          { key: 'history', label: `${t('setTabHistory')}（${history.length}）`, children: history.length === 0
            ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('setNoHistory')} />
            : (
              <Timeline items={history.map((h) => ({
                content: (
                  <div>
                    <Typography.Text strong>{formatTime(h.changedAt)}</Typography.Text>
                    {h.changedBy !== null && <Typography.Text type="secondary">{` · ${t('setChangedBy', { id: h.changedBy })}`}</Typography.Text>}
                    {changes(h, t).map((line) => <div key={line}>{line}</div>)}
                  </div>
                ),
              }))} />
            ) },
        ]} />
      </Form>
    </Drawer>
  );
}
