// 管理部件: components with type/status/grid filters and text search; a drawer shows one with its position and photos.
import { lazy, Suspense } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, Select, Space, Tag } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { loadCatalog, typeOptions } from '../../catalog.ts';
import PagedTable from '../../components/PagedTable.tsx';
import PhotoWall from '../../components/PhotoWall.tsx';
import { useLoad, usePagedList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import { PERM } from '../../permissions.ts';
import { COMPONENT_STATUSES, STATUS_COLORS, type Component } from '../../types.ts';
import type { FeatureCollection } from 'geojson';

const MiniMap = lazy(() => import('../../map/MiniMap.tsx'));

function ComponentDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const item = useLoad(() => (id ? api.get<Component>(`/api/components/${encodeURIComponent(id)}`) : Promise.resolve(undefined)), [id]);
  const c = item.data;
  const photosUrl = c ? `/api/components/${encodeURIComponent(c.id)}/photos` : '';
  const canEdit = can(PERM.baseWrite);
  // the grids of the component's community, drawn around it
  const community = c?.communityCode;
  const grids = useLoad(() => (community ? api.get<FeatureCollection>('/api/map/grids.geojson', { community }) : Promise.resolve(undefined)), [community]);
  const row = (key: string, label: string, value: string | number | null | undefined) =>
    value === null || value === undefined || value === '' ? [] : [{ key, label, children: String(value) }];
  return (
    <Drawer open={!!id} onClose={onClose} size={560} title={t('componentDetail')} destroyOnHidden>
      {item.error && <Alert type="error" showIcon title={item.error} />}
      {c && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered items={[
            ...row('id', t('componentId'), c.id),
            ...row('name', t('componentName'), c.name),
            ...row('type', t('componentType'), [c.typeCode, c.typeName].filter(Boolean).join(' ')),
            { key: 'status', label: t('status'), children: <Tag color={STATUS_COLORS[c.status]}>{c.status}</Tag> },
            ...row('grid', t('gridCode'), c.gridCode),
            ...row('community', t('community'), c.communityName ?? c.communityCode),
            ...row('street', t('street'), c.streetName ?? c.streetCode),
            ...row('owner', t('ownerDepartment'), c.ownerDepartmentName),
            ...row('maintainer', t('maintainer'), c.maintainerDepartmentName),
            ...row('property', t('propertyUnit'), c.propertyUnitName),
            ...row('initial', t('startDate'), c.initialDate),
            ...row('source', t('source'), c.dataSource),
            ...row('remark', t('remark'), c.remark),
            ...row('lonlat', t('lonLat'), `${c.lon.toFixed(6)}, ${c.lat.toFixed(6)}`),
          ]} />
          <Card size="small" title={t('photos')}>
            <PhotoWall photos={c.photos} onChanged={item.reload}
              uploadUrl={canEdit ? photosUrl : undefined} removeUrl={canEdit ? (hash) => `${photosUrl}/${hash}` : undefined} />
          </Card>
          {!grids.loading && (
            <Suspense fallback={<div style={{ height: 240 }} />}>
              <MiniMap geometry={{ type: 'Point', coordinates: [c.lon, c.lat] }} context={grids.data} />
            </Suspense>
          )}
        </Space>
      )}
    </Drawer>
  );
}

type Filters = { type?: string; status?: string; grid?: string; q?: string };

export default function ComponentsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const catalog = useLoad(() => loadCatalog('component'), []);
  const list = usePagedList<Component, Filters>('/api/components', { grid: params.get('grid') ?? undefined });
  const open = params.get('id');
  const setOpen = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('id', id); else next.delete('id');
    setParams(next, { replace: true });
  };
  return (
    <Card title={t('menuComponents')}>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} initialValues={list.filters}
        onFinish={(v: Filters) => list.setFilters({ type: v.type || undefined, status: v.status || undefined,
          grid: v.grid?.trim() || undefined, q: v.q?.trim() || undefined })}>
        <Form.Item name="type" label={t('componentType')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={catalog.data ? typeOptions(catalog.data) : []}
            loading={catalog.loading} style={{ width: 240 }} popupMatchSelectWidth={false} />
        </Form.Item>
        <Form.Item name="status" label={t('status')}>
          <Select allowClear style={{ width: 110 }} options={COMPONENT_STATUSES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item name="grid" label={t('gridCode')}><Input allowClear style={{ width: 180 }} /></Form.Item>
        <Form.Item name="q" label={t('search')}><Input allowClear style={{ width: 180 }} placeholder={`${t('componentId')} / ${t('componentName')}`} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">{t('search')}</Button></Form.Item>
      </Form>
      <PagedTable<Component> list={list} rowKey="id" columns={[
        { title: t('componentId'), dataIndex: 'id', render: (id: string) => <a onClick={() => setOpen(id)}>{id}</a> },
        { title: t('componentName'), dataIndex: 'name' },
        { title: t('componentType'), dataIndex: 'typeCode', render: (code: string, c) => `${code} ${c.typeName}` },
        { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLORS[s]}>{s}</Tag> },
        { title: t('gridCode'), dataIndex: 'gridCode' },
        { title: t('ownerDepartment'), dataIndex: 'ownerDepartmentName', render: (n: string | null) => n ?? '-' },
        { title: t('actions'), key: 'actions', render: (_, c) => <a onClick={() => setOpen(c.id)}>{t('detail')}</a> },
      ]} />
      <ComponentDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
