// 框选结果: the cases, components and unit grids inside the drawn polygon, with links to their pages.
import type { ReactNode } from 'react';
import { Alert, Button, Drawer, List, Spin, Tabs, Tag, Tooltip } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n, type TKey } from '../../i18n.tsx';
import { LIGHT_COLORS } from '../../map/layers.ts';

export interface SelectedCase {
  id: number; caseNo: string; typeName: string; stageName: string; light: string; urgent: boolean; address: string;
  createdAt: string; lon: number; lat: number;
}
export interface SelectedComponent { id: string; typeName: string; status: string; gridCode: string; lon: number; lat: number }
export interface SelectedGrid { code: string; name: string; communityCode: string }
interface Part<T> { total: number; items: T[] }
export interface SelectionResult { cases: Part<SelectedCase>; components: Part<SelectedComponent>; grids: Part<SelectedGrid> }

const LIGHT = Object.fromEntries(LIGHT_COLORS);

function More({ part }: { part: Part<unknown> }) {
  const { t } = useI18n();
  return part.total > part.items.length
    ? <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('mapSelectionMore', { total: part.total, n: part.items.length })} />
    : null;
}

export default function SelectionDrawer({ open, loading, error, result, periodNote, onClose, onLocate }: {
  open: boolean;
  loading: boolean;
  error?: string;
  result?: SelectionResult;
  periodNote: string;
  onClose(): void;
  onLocate(lon: number, lat: number): void;
}) {
  const { t } = useI18n();
  const locate = (lon: number, lat: number) => (
    <Tooltip title={t('mapLocateOnMap')}><Button size="small" type="text" icon={<AimOutlined />} onClick={() => onLocate(lon, lat)} /></Tooltip>
  );
  const tab = (key: string, label: TKey, n: number, children: ReactNode) => ({ key, label: t(label, { n }), children });
  return (
    <Drawer title={t('mapSelection')} open={open} onClose={onClose} mask={false} size={400} data-testid="selection-drawer"
      styles={{ body: { paddingTop: 8 } }}>
      {error && <Alert type="error" showIcon title={error} />}
      {loading && <Spin style={{ display: 'block', margin: '40px auto' }} />}
      {result && !loading && (
        <Tabs items={[
          tab('cases', 'mapSelectionCases', result.cases.total, <>
            <div style={{ color: '#8c8c8c', fontSize: 12, marginBottom: 6 }}>{periodNote}</div>
            <More part={result.cases} />
            <List size="small" dataSource={result.cases.items} data-testid="selection-cases" rowKey="id"
              renderItem={(c) => (
                <List.Item actions={[locate(c.lon, c.lat)]}>
                  <List.Item.Meta
                    title={<span><span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, marginRight: 6,
                      background: LIGHT[c.light] ?? '#8c8c8c' }} /><Link to={`/cases/${c.id}`}>{c.caseNo}</Link>
                      {c.urgent && <Tag color="red" style={{ marginLeft: 6 }}>{t('mapUrgentTag')}</Tag>}</span>}
                    description={<span style={{ fontSize: 12 }}>{c.typeName} · {c.stageName} · {c.address}</span>} />
                </List.Item>
              )} />
          </>),
          tab('components', 'mapSelectionComponents', result.components.total, <>
            <More part={result.components} />
            <List size="small" dataSource={result.components.items} data-testid="selection-components" rowKey="id"
              renderItem={(c) => (
                <List.Item actions={[locate(c.lon, c.lat)]}>
                  <List.Item.Meta title={<Link to={`/base/components?id=${c.id}`}>{c.id}</Link>}
                    description={<span style={{ fontSize: 12 }}>{c.typeName} · {c.status} · {c.gridCode}</span>} />
                </List.Item>
              )} />
          </>),
          tab('grids', 'mapSelectionGrids', result.grids.total, <>
            <More part={result.grids} />
            <List size="small" dataSource={result.grids.items} data-testid="selection-grids" rowKey="code"
              renderItem={(g) => (
                <List.Item>
                  <List.Item.Meta title={<Link to={`/base/grids?code=${g.code}`}>{g.code}</Link>}
                    description={<span style={{ fontSize: 12 }}>{g.name}</span>} />
                </List.Item>
              )} />
          </>),
        ]} />
      )}
    </Drawer>
  );
}
