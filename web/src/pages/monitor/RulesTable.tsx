// The alarm rules of a device type (or of one device), with add / edit / delete for monitor.manage.
import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useLoad } from '../../hooks.ts';
import { useI18n, type T } from '../../i18n.tsx';
import type { MetricView, OfflineParamsView, RateParamsView, RuleList, RuleView, ThresholdParamsView } from '../../../../src/monitor/views.ts';
import { LEVELS, LEVEL_KEYS, MONITOR_MANAGE } from './model.ts';
import RuleForm from './RuleForm.tsx';

export type RuleTarget = { type: { code: string; metrics: MetricView[] } } | { device: { id: number; metrics: MetricView[] } };

/** The rule's conditions in words. */
export function ruleSummary(t: T, r: RuleView): string {
  if (r.kind === 'threshold') {
    const p = r.params as ThresholdParamsView;
    const levels = LEVELS.filter((l) => p.levels[l] !== undefined).map((l) => `${t(LEVEL_KEYS[l])} ${p.direction === 'above' ? '≥' : '≤'} ${p.levels[l]}`);
    return `${levels.join('，')}；${t('monForSeconds')} ${p.forSeconds}s；${t('monHysteresis')} ${p.hysteresis}`;
  }
  if (r.kind === 'rate') {
    const p = r.params as RateParamsView;
    return `|Δ| ≥ ${p.perMinute}/min → ${t(LEVEL_KEYS[p.level])}；${t('monHysteresis')} ${p.hysteresis}`;
  }
  const p = r.params as OfflineParamsView;
  return `${t('monOfflineMinutes')} ${p.minutes} → ${t(LEVEL_KEYS[p.level])}`;
}

export default function RulesTable({ target }: { target: RuleTarget }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const query = 'type' in target ? { deviceType: target.type.code } : { device: target.device.id };
  const rules = useLoad(() => api.get<RuleList>('/api/monitor/rules', query), [JSON.stringify(query)]);
  const [editing, setEditing] = useState<RuleView | 'new' | null>(null);
  const manage = can(MONITOR_MANAGE);
  const metrics = 'type' in target ? target.type.metrics : target.device.metrics;

  async function remove(r: RuleView) {
    try {
      await api.del(`/api/monitor/rules/${r.id}`);
      rules.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <div data-testid="rules-table">
      <Table<RuleView> rowKey="id" size="small" pagination={false} loading={rules.loading} dataSource={rules.data?.items ?? []} columns={[
        { title: t('name'), dataIndex: 'name' },
        { title: t('monRuleKind'), dataIndex: 'kind', render: (k: RuleView['kind']) => <Tag>{t(k === 'threshold' ? 'monKindThreshold' : k === 'rate' ? 'monKindRate' : 'monKindOffline')}</Tag> },
        { title: t('monMetric'), dataIndex: 'metric', render: (m: string | null) => (m ? metrics.find((x) => x.key === m)?.name ?? m : '') },
        { title: t('monCondition'), key: 'c', render: (_, r) => ruleSummary(t, r) },
        { title: t('status'), dataIndex: 'enabled', render: (e: boolean) => (e ? <Tag color="green">{t('enabled')}</Tag> : <Tag>{t('disabled')}</Tag>) },
        ...(manage ? [{ title: t('actions'), key: 'a', render: (_: unknown, r: RuleView) => (
          <Space>
            <a onClick={() => setEditing(r)}>{t('edit')}</a>
            <Popconfirm title={t('monDeleteRuleConfirm')} onConfirm={() => remove(r)}><a>{t('monDelete')}</a></Popconfirm>
          </Space>
        ) }] : []),
      ]} />
      {manage && <Button size="small" style={{ marginTop: 8 }} onClick={() => setEditing('new')}>{t('monNewRule')}</Button>}
      {editing && (
        <RuleForm rule={editing === 'new' ? null : editing} target={target} metrics={metrics} onClose={() => setEditing(null)}
          onSaved={() => { setEditing(null); rules.reload(); }} />
      )}
    </div>
  );
}
