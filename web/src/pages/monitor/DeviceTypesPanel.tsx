// Device types with their metrics; each type's alarm rules below it. Editing needs monitor.manage.
import { useState } from 'react';
import { Alert, Button, Space, Table, Tag } from 'antd';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { DeviceTypeList, DeviceTypeView } from '../../../../src/monitor/views.ts';
import { MONITOR_MANAGE, metricLabel } from './model.ts';
import RulesTable from './RulesTable.tsx';
import TypeForm from './TypeForm.tsx';

export default function DeviceTypesPanel() {
  const { t } = useI18n();
  const { can } = useAuth();
  const types = useLoad(() => api.get<DeviceTypeList>('/api/monitor/device-types'), []);
  const [editing, setEditing] = useState<DeviceTypeView | 'new' | null>(null);
  const manage = can(MONITOR_MANAGE);
  return (
    <>
      {types.error && <Alert type="error" showIcon title={types.error} style={{ marginBottom: 12 }} />}
      {manage && <Button style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>{t('monNewType')}</Button>}
      <Table<DeviceTypeView> rowKey="code" size="middle" loading={types.loading} dataSource={types.data?.items ?? []} data-testid="type-table"
        pagination={false} expandable={{ expandedRowRender: (d) => <RulesTable target={{ type: d }} /> }} columns={[
          { title: t('code'), dataIndex: 'code' },
          { title: t('name'), dataIndex: 'name' },
          { title: t('category'), dataIndex: 'category' },
          { title: t('monMetrics'), dataIndex: 'metrics', render: (_, d) => <Space wrap size={4}>{d.metrics.map((m) => <Tag key={m.key}>{metricLabel(m)}</Tag>)}</Space> },
          { title: t('monMatterType'), dataIndex: 'matterCode' },
          ...(manage ? [{ title: t('actions'), key: 'a', render: (_: unknown, d: DeviceTypeView) => <a onClick={() => setEditing(d)}>{t('edit')}</a> }] : []),
        ]} />
      {editing && <TypeForm type={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); types.reload(); }} />}
    </>
  );
}
