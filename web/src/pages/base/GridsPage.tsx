// 单元网格: server-paginated table with region and code/name filters; a drawer shows one grid with its polygon.
import { lazy, Suspense } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, Space } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import RegionPicker from '../../components/RegionPicker.tsx';
import PagedTable from '../../components/PagedTable.tsx';
import { formatNumber } from '../../format.ts';
import { useLoad, usePagedList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Grid } from '../../types.ts';
import type { FeatureCollection } from 'geojson';

const MiniMap = lazy(() => import('../../map/MiniMap.tsx'));

function GridDrawer({ code, onClose }: { code: string | null; onClose(): void }) {
  const { t } = useI18n();
  const grid = useLoad(() => (code ? api.get<Grid>(`/api/grids/${encodeURIComponent(code)}`) : Promise.resolve(undefined)), [code]);
  const g = grid.data;
  // the other grids of the community, drawn around this one
  const community = g?.communityCode;
  const neighbours = useLoad(() => (community ? api.get<FeatureCollection>('/api/map/grids.geojson', { community }) : Promise.resolve(undefined)), [community]);
  return (
    <Drawer open={!!code} onClose={onClose} size={560} title={t('gridDetail')} destroyOnHidden>
      {grid.error && <Alert type="error" showIcon title={grid.error} />}
      {g && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered items={[
            { key: 'code', label: t('gridCode'), children: g.code },
            { key: 'name', label: t('gridName'), children: g.name },
            { key: 'community', label: t('community'), children: [g.communityName, g.communityCode].filter(Boolean).join(' ') },
            { key: 'street', label: t('street'), children: [g.streetName, g.streetCode].filter(Boolean).join(' ') },
            { key: 'area', label: t('areaM2'), children: formatNumber(g.areaM2) },
            { key: 'start', label: t('startDate'), children: g.startDate ?? '-' },
            { key: 'end', label: t('endDate'), children: g.endDate ?? '-' },
            ...(g.componentCount !== undefined ? [{ key: 'components', label: t('countComponents'),
              children: <Link to={`/base/components?grid=${g.code}`}>{g.componentCount}</Link> }] : []),
            ...(g.responsibilityCodes?.length ? [{ key: 'resp', label: t('menuResponsibility'), children: g.responsibilityCodes.join('、') }] : []),
          ]} />
          {g.geometry && !neighbours.loading && (
            <Suspense fallback={<div style={{ height: 260 }} />}><MiniMap geometry={g.geometry} context={neighbours.data} height={260} /></Suspense>
          )}
        </Space>
      )}
    </Drawer>
  );
}

type Filters = { district?: string; street?: string; community?: string; q?: string };

/** The grid list filters by district (6 digits), street (9) or community (12); a city code needs no filter. */
function regionFilter(code: string | undefined): Filters {
  if (!code) return {};
  if (code.length === 12) return { community: code };
  if (code.length === 9) return { street: code };
  return code.endsWith('00') ? {} : { district: code };
}

export default function GridsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const initialRegion = params.get('region') ?? undefined;
  const list = usePagedList<Grid, Filters>('/api/grids', regionFilter(initialRegion));
  const open = params.get('code');
  const setOpen = (code: string | null) => {
    const next = new URLSearchParams(params);
    if (code) next.set('code', code); else next.delete('code');
    setParams(next, { replace: true });
  };
  return (
    <Card title={t('menuGrids')}>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} initialValues={{ regionCode: initialRegion }}
        onFinish={(v) => list.setFilters({ ...regionFilter(v.regionCode), q: v.q?.trim() || undefined })}>
        <Form.Item name="regionCode" label={t('regionFilter')}><RegionPicker /></Form.Item>
        <Form.Item name="q" label={t('codeOrName')}><Input allowClear style={{ width: 200 }} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">{t('search')}</Button></Form.Item>
      </Form>
      <PagedTable<Grid> list={list} rowKey="code" columns={[
        { title: t('gridCode'), dataIndex: 'code', render: (code: string) => <a onClick={() => setOpen(code)}>{code}</a> },
        { title: t('gridName'), dataIndex: 'name' },
        { title: t('community'), dataIndex: 'communityName', render: (name: string | undefined, g) => name ?? g.communityCode },
        { title: t('areaM2'), dataIndex: 'areaM2', align: 'right', render: (n: number) => formatNumber(n) },
        { title: t('startDate'), dataIndex: 'startDate' },
        { title: t('endDate'), dataIndex: 'endDate', render: (d: string | null) => d ?? '-' },
        { title: t('actions'), key: 'actions', render: (_, g) => <a onClick={() => setOpen(g.code)}>{t('detail')}</a> },
      ]} />
      <GridDrawer code={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
