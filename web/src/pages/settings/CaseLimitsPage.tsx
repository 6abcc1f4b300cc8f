// 立结案标准: every catalogue type's conditions and stage time limits, searchable, with an editor (case.settings) and
// the history of changes. New cases take the limits in force when each clock starts.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Input, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { PERM } from '../../permissions.ts';
import LimitsDrawer, { formatLimit } from './LimitsDrawer.tsx';
import { CLOCKS, clockKey, type CaseLimits, type Clock, type Kind } from './model.ts';

type Row = CaseLimits & { typeName: string };

export default function CaseLimitsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const canEdit = can(PERM.caseSettings);
  const [kind, setKind] = useState<Kind | 'all'>('all');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<Row | null>(null);
  const list = useLoad(() => api.get<{ items: Row[] }>('/api/case-limits'), []);

  const rows = useMemo(() => {
    const text = q.trim().toLowerCase();
    return (list.data?.items ?? []).filter((r) => (kind === 'all' || r.kind === kind)
      && (!text || r.typeCode.startsWith(text) || r.typeName.toLowerCase().includes(text)));
  }, [list.data, kind, q]);

  return (
    <Card title={t('menuCaseLimits')} extra={!canEdit && <Tag>{t('setReadOnlyTag')}</Tag>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<Kind | 'all'> value={kind} onChange={setKind} data-testid="limits-kind"
          options={[{ value: 'all', label: t('all') }, { value: 'component', label: t('setKindComponent') }, { value: 'matter', label: t('setKindMatter') }]} />
        <Input.Search allowClear placeholder={t('setLimitsSearch')} style={{ width: 260 }} value={q}
          onChange={(e) => setQ(e.target.value)} data-testid="limits-search" />
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<Row> size="small" loading={list.loading} dataSource={rows} rowKey={(r) => `${r.kind}-${r.typeCode}`}
        scroll={{ x: 'max-content' }} data-testid="limits-table"
        pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => t('total', { n }) }}
        columns={[
          { title: t('setKind'), dataIndex: 'kind', width: 70, render: (k: Kind) => (k === 'component' ? t('setKindComponent') : t('setKindMatter')) },
          { title: t('code'), dataIndex: 'typeCode', width: 80 },
          { title: t('name'), dataIndex: 'typeName', width: 160 },
          ...CLOCKS.map((c: Clock) => ({
            title: t(clockKey(c)), key: c,
            render: (_: unknown, r: Row) => (
              <Tooltip title={`${t('setUrgentPrefix')}${formatLimit(r.urgentLimits[c], t)}`}>
                <span style={c === 'handle' ? { fontWeight: 600 } : undefined}>{formatLimit(r.limits[c], t)}</span>
              </Tooltip>
            ),
          })),
          { title: t('setDuplicateShort'), key: 'dup', render: (_: unknown, r: Row) => t('setDuplicateValue', { m: r.duplicateRadiusM, h: r.duplicateWindowHours }) },
          { title: t('actions'), key: 'actions', fixed: 'right', render: (_: unknown, r: Row) => (
            <Button size="small" type="link" onClick={() => setOpen(r)} data-testid={`limits-open-${r.kind}-${r.typeCode}`}>
              {canEdit ? t('edit') : t('detail')}
            </Button>
          ) },
        ]} />
      <LimitsDrawer type={open} readOnly={!canEdit} onClose={() => setOpen(null)} onSaved={list.reload} />
    </Card>
  );
}
