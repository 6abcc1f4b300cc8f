// 权责清单: which department leads (主办) or assists (协办) for a type of problem in a region, grid or road.
import { Button, Card, Form, Input, Select, Tag } from 'antd';
import PagedTable from '../../components/PagedTable.tsx';
import RegionPicker from '../../components/RegionPicker.tsx';
import { usePagedList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';

interface Rule {
  id: number;
  kind: 'component' | 'matter';
  typeCode: string;
  typeName: string;
  divisionCode: string;
  divisionName: string;
  gridCode: string | null;
  roadName: string | null;
  departmentName: string;
  role: 'lead' | 'assist';
  autoDispatch: boolean;
  note: string | null;
}

type Filters = { type?: string; division?: string };

export default function ResponsibilityRulesPage() {
  const { t } = useI18n();
  const list = usePagedList<Rule, Filters>('/api/responsibility-rules', {});
  return (
    <Card title={t('menuRules')}>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => list.setFilters({ type: v.type?.trim() || undefined, division: v.division || undefined })}>
        <Form.Item name="type" label={t('typeCodeFilter')} rules={[{ pattern: /^\d{2}(\d{3})?$/, message: t('typeCodeHint') }]}>
          <Input allowClear placeholder="09006" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="division" label={t('regionFilter')}><RegionPicker /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">{t('search')}</Button></Form.Item>
      </Form>
      <PagedTable<Rule> list={list} rowKey="id" columns={[
        { title: t('typeCodeFilter'), dataIndex: 'typeCode' },
        { title: t('typeName'), dataIndex: 'typeName' },
        { title: t('ruleWhere'), key: 'where', render: (_, r) => (
          <span>{r.divisionName}{r.roadName && <Tag style={{ marginLeft: 6 }}>{r.roadName}</Tag>}{r.gridCode && <Tag style={{ marginLeft: 6 }}>{r.gridCode}</Tag>}</span>
        ) },
        { title: t('responsibleDepartment'), dataIndex: 'departmentName' },
        { title: t('ruleRole'), dataIndex: 'role', render: (role: Rule['role']) =>
          <Tag color={role === 'lead' ? 'blue' : 'default'}>{t(role === 'lead' ? 'roleLead' : 'roleAssist')}</Tag> },
        { title: t('autoDispatch'), dataIndex: 'autoDispatch', render: (v: boolean) => (v ? <Tag color="green">{t('yes')}</Tag> : t('no')) },
        { title: t('remark'), dataIndex: 'note', render: (n: string | null) => n ?? '-' },
      ]} />
    </Card>
  );
}
