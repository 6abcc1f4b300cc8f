// 首页: greeting, the role's duties and scope, the role's work queues (待办) with live counts, and how much base data
// the user can see.
import { lazy, Suspense } from 'react';
import { Alert, Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, type Page } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { countLevel, loadDivisionTree } from '../divisions.ts';
import { scopeLabel } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { tMaybe, useI18n, type T } from '../i18n.tsx';
import { PERM } from '../permissions.ts';
import { COMPONENT_STATUSES } from '../types.ts';
import WorkQueues from './cases/WorkQueues.tsx';

const StatusChart = lazy(() => import('../components/StatusChart.tsx'));

function greeting(t: T): string {
  const h = new Date().getHours();
  return h < 12 ? t('goodMorning') : h < 18 ? t('goodAfternoon') : t('goodEvening');
}

interface BaseCounts {
  grids: number;
  components: number;
  communities: number;
  byStatus: { name: string; value: number }[];
}

async function loadCounts(): Promise<BaseCounts> {
  const total = (path: string, query: Record<string, string> = {}) =>
    api.get<Page<unknown>>(path, { ...query, page: 1, pageSize: 1 }).then((p) => p.total);
  const [grids, components, tree, ...statusTotals] = await Promise.all([
    total('/api/grids'), total('/api/components'), loadDivisionTree(),
    ...COMPONENT_STATUSES.map((status) => total('/api/components', { status })),
  ]);
  return {
    grids, components, communities: countLevel(tree, 'community'),
    byStatus: COMPONENT_STATUSES.map((name, i) => ({ name, value: statusTotals[i] })).filter((s) => s.value > 0),
  };
}

function BaseDataOverview() {
  const { t } = useI18n();
  const counts = useLoad(loadCounts, []);
  if (counts.error) return <Alert type="error" showIcon title={`${t('loadFailed')}：${counts.error}`} />;
  const c = counts.data;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('inYourScope')} loading={counts.loading && !c}>
          <Row gutter={16}>
            <Col span={8}><Link to="/base/divisions"><Statistic title={t('countCommunities')} value={c?.communities} /></Link></Col>
            <Col span={8}><Link to="/base/grids"><Statistic title={t('countGrids')} value={c?.grids} data-testid="count-grids" /></Link></Col>
            <Col span={8}><Link to="/base/components"><Statistic title={t('countComponents')} value={c?.components} /></Link></Col>
          </Row>
        </Card>
      </Col>
      {c && c.byStatus.length > 0 && (
        <Col xs={24} lg={12}>
          <Card title={t('componentStatus')}>
            <Suspense fallback={<div style={{ height: 200 }} />}><StatusChart data={c.byStatus} height={200} /></Suspense>
          </Card>
        </Col>
      )}
    </Row>
  );
}

export default function HomePage() {
  const { me, can } = useAuth();
  const { t } = useI18n();
  if (!me) return null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="greeting">
          {greeting(t)}，{me.user?.displayName}
        </Typography.Title>
        <Space wrap size={[8, 8]} style={{ marginBottom: 8 }}>
          <Tag color="blue">{t('yourRole')}：{me.roleName}</Tag>
          <Tag color="geekblue">{t('yourScope')}：{scopeLabel(me, t)}</Tag>
          {me.user?.departmentName && <Tag>{me.user.departmentName}</Tag>}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {tMaybe(t, `role_${me.role}`, '')}
        </Typography.Paragraph>
      </Card>
      {can(PERM.caseRead) && <WorkQueues role={me.role} />}
      {can(PERM.baseRead) && <BaseDataOverview />}
    </Space>
  );
}
