// 部门: departments with their credit codes and the regions they serve.
import { Button, Card, Form, Input, Tag } from 'antd';
import { ListTable } from '../../components/PagedTable.tsx';
import { useFilteredList } from '../../hooks.ts';
import { tMaybe, useI18n } from '../../i18n.tsx';
import type { Department } from '../../types.ts';

export default function DepartmentsPage() {
  const { t } = useI18n();
  const list = useFilteredList<Department, { q?: string }>('/api/departments', {});
  return (
    <Card title={t('menuDepartments')}>
      <Form layout="inline" style={{ marginBottom: 16 }} onFinish={(v) => list.setFilters({ q: v.q?.trim() || undefined })}>
        <Form.Item name="q" label={t('search')}><Input allowClear style={{ width: 220 }} placeholder={`${t('name')} / ${t('creditCode')}`} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">{t('search')}</Button></Form.Item>
      </Form>
      <ListTable<Department> list={list} rowKey="id" columns={[
        { title: t('name'), dataIndex: 'name' },
        { title: t('creditCode'), dataIndex: 'creditCode', render: (c: string | null) => c ?? '-' },
        { title: t('category'), dataIndex: 'category' },
        { title: t('level'), dataIndex: 'level', render: (l: string) => tMaybe(t, `level_${l}`, l) },
        { title: t('phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '-' },
        { title: t('parent'), dataIndex: 'parentName', render: (n: string | null) => n ?? '-' },
        { title: t('regions'), dataIndex: 'regions', render: (regions: Department['regions']) =>
          regions.length ? regions.map((r) => <Tag key={r.code}>{r.name}</Tag>) : '-' },
      ]} />
    </Card>
  );
}
