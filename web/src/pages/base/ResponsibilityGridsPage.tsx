// 责任网格: groups of unit grids, each patrolled by one collector (监督员).
import { Button, Card, Form } from 'antd';
import { Link } from 'react-router-dom';
import { ListTable } from '../../components/PagedTable.tsx';
import RegionPicker from '../../components/RegionPicker.tsx';
import { formatNumber } from '../../format.ts';
import { useFilteredList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { ResponsibilityGrid } from '../../types.ts';

export default function ResponsibilityGridsPage() {
  const { t } = useI18n();
  const list = useFilteredList<ResponsibilityGrid, { division?: string }>('/api/responsibility-grids', {});
  return (
    <Card title={t('menuResponsibility')}>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => list.setFilters({ division: v.division || undefined })}>
        <Form.Item name="division" label={t('regionFilter')}><RegionPicker /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">{t('search')}</Button></Form.Item>
      </Form>
      <ListTable<ResponsibilityGrid> list={list} rowKey="code" columns={[
        { title: t('code'), dataIndex: 'code' },
        { title: t('name'), dataIndex: 'name' },
        { title: t('division'), dataIndex: 'divisionName', render: (n: string | null | undefined, r) => n ?? r.divisionCode },
        { title: t('collector'), dataIndex: 'collectorName', render: (n: string | null | undefined) => n ?? '-' },
        { title: t('areaM2'), dataIndex: 'areaM2', align: 'right', render: (n: number) => formatNumber(n) },
        { title: t('memberGrids'), dataIndex: 'members', render: (codes: string[]) => (
          <span>{codes.length}{codes.length > 0 && '：'}{codes.slice(0, 3).map((c) =>
            <Link key={c} to={`/base/grids?code=${c}`} style={{ marginRight: 6 }}>{c}</Link>)}{codes.length > 3 && '…'}</span>
        ) },
      ]} />
    </Card>
  );
}
