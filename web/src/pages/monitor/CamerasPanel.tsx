// Cameras: list, register and edit (position picked on the map), delete.
import { useState } from 'react';
import { App, Button, Popconfirm, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import PagedTable from '../../components/PagedTable.tsx';
import RegionPicker from '../../components/RegionPicker.tsx';
import { usePagedList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { CameraView } from '../../../../src/monitor/views.ts';
import CameraForm from './CameraForm.tsx';
import { MONITOR_MANAGE } from './model.ts';

export default function CamerasPanel() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const list = usePagedList<CameraView, { region?: string }>('/api/monitor/cameras', {});
  const [editing, setEditing] = useState<CameraView | 'new' | null>(null);
  const manage = can(MONITOR_MANAGE);

  async function remove(c: CameraView) {
    try {
      await api.del(`/api/monitor/cameras/${c.id}`);
      list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionPicker value={list.filters.region} placeholder={t('region')} onChange={(region) => list.setFilters({ region })} />
        {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('monVidNewCamera')}</Button>}
      </Space>
      <PagedTable<CameraView> list={list} rowKey="id" data-testid="camera-table" columns={[
        { title: t('code'), dataIndex: 'code' },
        { title: t('name'), dataIndex: 'name' },
        { title: t('gridCode'), dataIndex: 'gridCode' },
        { title: t('lonLat'), key: 'p', render: (_, c) => `${Number(c.lon).toFixed(6)}, ${Number(c.lat).toFixed(6)}` },
        { title: t('status'), dataIndex: 'enabled', render: (e: boolean) => (e ? <Tag color="green">{t('enabled')}</Tag> : <Tag>{t('disabled')}</Tag>) },
        ...(manage ? [{ title: t('actions'), key: 'a', render: (_: unknown, c: CameraView) => (
          <Space>
            <a onClick={() => setEditing(c)}>{t('edit')}</a>
            <Popconfirm title={t('monVidDeleteCameraConfirm')} onConfirm={() => remove(c)}><a>{t('monDelete')}</a></Popconfirm>
          </Space>
        ) }] : []),
      ]} />
      {editing && <CameraForm camera={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} />}
    </>
  );
}
