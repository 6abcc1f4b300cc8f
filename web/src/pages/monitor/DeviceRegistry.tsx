// The device table with search and filters; register, edit, reset secret, delete (monitor.manage).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import PagedTable from '../../components/PagedTable.tsx';
import RegionPicker from '../../components/RegionPicker.tsx';
import { formatTime } from '../../format.ts';
import { useLoad, usePagedList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { DeviceSecret, DeviceTypeList, DeviceView } from '../../../../src/monitor/views.ts';
import DeviceForm from './DeviceForm.tsx';
import { MONITOR_MANAGE } from './model.ts';
import SecretModal from './SecretModal.tsx';

type Filters = { q?: string; type?: string; region?: string };

export default function DeviceRegistry() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const list = usePagedList<DeviceView, Filters>('/api/monitor/devices', {});
  const types = useLoad(() => api.get<DeviceTypeList>('/api/monitor/device-types'), []);
  const [editing, setEditing] = useState<DeviceView | 'new' | null>(null);
  const [secret, setSecret] = useState<{ code: string; secret: string } | null>(null);
  const manage = can(MONITOR_MANAGE);

  async function resetSecret(d: DeviceView) {
    try {
      const r = await api.post<DeviceSecret>(`/api/monitor/devices/${d.id}/secret`);
      setSecret({ code: d.code, secret: r.secret });
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  async function remove(d: DeviceView) {
    try {
      await api.del(`/api/monitor/devices/${d.id}`);
      list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const state = (d: DeviceView) => {
    if (!d.enabled) return <Tag>{t('disabled')}</Tag>;
    if (d.activeAlarms > 0) return <Tag color="red">{t('monAlarmsN', { n: d.activeAlarms })}</Tag>;
    return d.lastSeenAt ? <Tag color="green">{t('monNormal')}</Tag> : <Tag>{t('monNeverSeen')}</Tag>;
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('monDeviceSearch')} style={{ width: 240 }} data-testid="device-search"
          onSearch={(q) => list.setFilters({ ...list.filters, q: q.trim() || undefined })} />
        <Select style={{ width: 180 }} allowClear placeholder={t('monDeviceType')} value={list.filters.type} loading={types.loading}
          options={(types.data?.items ?? []).map((d) => ({ value: d.code, label: d.name }))}
          onChange={(type) => list.setFilters({ ...list.filters, type })} />
        <RegionPicker value={list.filters.region} placeholder={t('region')} onChange={(region) => list.setFilters({ ...list.filters, region })} />
        {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="device-new">{t('monRegisterDevice')}</Button>}
      </Space>
      <PagedTable<DeviceView> list={list} rowKey="id" data-testid="device-table" columns={[
        { title: t('monDeviceType'), dataIndex: 'typeName' },
        { title: t('code'), dataIndex: 'code', render: (c: string, d) => <Link to={`/monitor/devices/${d.id}`}>{c}</Link> },
        { title: t('name'), dataIndex: 'name' },
        { title: t('monFacility'), dataIndex: 'facility' },
        { title: t('gridCode'), dataIndex: 'gridCode' },
        { title: t('ownerDepartment'), dataIndex: 'departmentName' },
        { title: t('monLastSeen'), dataIndex: 'lastSeenAt', render: formatTime },
        { title: t('status'), key: 'state', render: (_, d) => state(d) },
        { title: t('monBadPayloads'), dataIndex: 'badPayloads', render: (n: number, d) => (n > 0
          ? <Typography.Text type="warning" title={d.lastBadReason ?? ''}>{n}</Typography.Text> : n) },
        ...(manage ? [{ title: t('actions'), key: 'actions', render: (_: unknown, d: DeviceView) => (
          <Space>
            <a onClick={() => setEditing(d)}>{t('edit')}</a>
            <Popconfirm title={t('monResetSecretConfirm')} onConfirm={() => resetSecret(d)}><a>{t('monResetSecret')}</a></Popconfirm>
            <Popconfirm title={t('monDeleteDeviceConfirm')} onConfirm={() => remove(d)}><a>{t('monDelete')}</a></Popconfirm>
          </Space>
        ) }] : []),
      ]} />
      {editing && (
        <DeviceForm device={editing === 'new' ? null : editing} types={types.data?.items} onClose={() => setEditing(null)}
          onSaved={(saved) => { setEditing(null); list.reload(); if ('secret' in saved) setSecret({ code: saved.code, secret: saved.secret }); }} />
      )}
      <SecretModal value={secret} onClose={() => setSecret(null)} />
    </>
  );
}
