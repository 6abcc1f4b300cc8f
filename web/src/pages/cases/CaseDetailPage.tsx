// 案件详情 (/cases/:ref, id or case number): header with badges, place on a small map, description, photos before and
// after, reporters, timeline, stage clocks with traffic lights, the routing suggestion and why, possible duplicates,
// and the viewer's actions. Reloaded when the SSE stream reports a change to this case.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { FeatureCollection, Geometry } from 'geojson';
import { Alert, Button, Card, Col, Descriptions, Empty, Image, Row, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api.ts';
import { chinaTime, formatTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n, type T } from '../../i18n.tsx';
import type { ActionResultView, CaseDetail, CaseMediaView, RoutingDepartmentView } from '../../../../src/command/views.ts';
import CaseActions, { type PendingAction } from './CaseActions.tsx';
import CaseClocks from './CaseClocks.tsx';
import CaseTimeline from './CaseTimeline.tsx';
import { CaseFlags, LightDot, Rows, sourceLabel, stageLabel, StageTag } from './caseUi.tsx';

const MiniMap = lazy(() => import('../../map/MiniMap.tsx'));

function Photos({ title, media }: { title: string; media: CaseMediaView[] }) {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div style={{ marginTop: 6 }}>
        {media.length === 0 ? <Typography.Text type="secondary">{t('cc_noPhotos')}</Typography.Text> : (
          <Image.PreviewGroup>
            <Space wrap size={8}>
              {media.map((m) => (
                <Image key={m.hash} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 4 }} src={m.thumbnailUrl}
                  preview={{ src: m.url }} alt={formatTime(m.addedAt)} data-testid={`case-photo-${m.phase}`} />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
      </div>
    </div>
  );
}

/** Why the department was suggested: the 权责清单 rule (its area, grid, road) or the component's owner. */
function routingReason(t: T, source: CaseDetail['routing']['source'], d: RoutingDepartmentView): string {
  if (source === 'component' || d.ruleId === null) return t('cc_routingComponent');
  const where = d.rule ? [d.rule.divisionName ?? d.rule.divisionCode, d.rule.gridCode && t('cc_routingGrid', { grid: d.rule.gridCode }),
    d.rule.roadName && t('cc_routingRoad', { road: d.rule.roadName })].filter(Boolean).join(' · ') : '';
  return t('cc_routingRule', { id: d.ruleId, where });
}

function Routing({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const r = c.routing;
  if (r.source === 'none' || r.lead.length === 0) return <Typography.Text type="secondary">{t('cc_routingNone')}</Typography.Text>;
  const rows = [...r.lead.map((d) => ({ d, role: 'cc_lead' as const })), ...r.assist.map((d) => ({ d, role: 'cc_assist' as const }))];
  return (
    <Rows items={rows} testId="case-routing" render={({ d, role }) => (
        <Space orientation="vertical" size={0}>
          <Space size={6}>
            <Tag color={role === 'cc_lead' ? 'blue' : 'default'}>{t(role)}</Tag>
            <Typography.Text strong>{d.departmentName ?? d.departmentId}</Typography.Text>
            {d.rule?.autoDispatch && <Tag color="purple">{t('cc_autoDispatch')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{routingReason(t, r.source, d)}</Typography.Text>
        </Space>
    )} />
  );
}

export default function CaseDetailPage() {
  const { ref = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const loaded = useLoad(() => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(ref)}`), [ref]);
  const config = useLoad(() => api.get<{ verifySources: string[]; acceptorMaySkipVerification: boolean }>('/api/workflow-config'), []);
  const [detail, setDetail] = useState<CaseDetail>();
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingAction | null>(null);
  useEffect(() => { if (loaded.data) setDetail(loaded.data); }, [loaded.data]);
  const c = detail;
  const community = c?.communityCode;
  const grids = useLoad(() => (community ? api.get<FeatureCollection>('/api/map/grids.geojson', { community }) : Promise.resolve(undefined)),
    [community]);
  const lon = c?.lon;
  const lat = c?.lat;
  const point = useMemo<Geometry>(() => ({ type: 'Point', coordinates: [lon ?? 0, lat ?? 0] }), [lon, lat]);

  // Live: another user's change to this case reloads it (unless a form is open, whose version check then answers).
  const [changed, setChanged] = useState(0);
  const reloadIfIdle = useCallback(() => setChanged((n) => n + 1), []);
  useEffect(() => { if (changed > 0 && !pending) loaded.reload(); }, [changed]); // eslint-disable-line react-hooks/exhaustive-deps
  useCaseStreamFor(c?.id, reloadIfIdle);

  const onDone = (next: CaseDetail | ActionResultView) => {
    if ('timeline' in next) { setDetail(next); setNotice(null); } else { setNotice(t('cc_outOfSight')); }
  };

  if (loaded.error && !c) {
    return <Card><Alert type="error" showIcon title={`${t('loadFailed')}：${loaded.error}`} action={<Link to="/cases">{t('cc_backToList')}</Link>} /></Card>;
  }
  if (!c) return <Card loading />;
  const before = c.media.filter((m) => m.phase === 'before');
  const after = c.media.filter((m) => m.phase === 'after');
  const other = c.media.filter((m) => m.phase === 'other');
  const running = c.clocks.find((k) => k.stoppedAt === null);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="case-detail">
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space size={10} wrap align="center">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('cc_backToList')} />
            <LightDot light={c.light} />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-no">{c.caseNo}</Typography.Title>
            <Typography.Text>{c.typeName}</Typography.Text>
            <span data-testid="case-stage"><StageTag stage={c.stage} name={c.stageName} /></span>
            <CaseFlags c={c} />
            <Tag>{sourceLabel(t, c.source, c.sourceName)}</Tag>
          </Space>
          <Button icon={<ReloadOutlined />} onClick={loaded.reload}>{t('refresh')}</Button>
        </Space>
      </Card>
      {notice && <Alert type="info" showIcon title={notice} action={<Link to="/cases">{t('cc_backToList')}</Link>} />}
      {loaded.error && <Alert type="error" showIcon title={loaded.error} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('cc_basic')} size="small">
              <Descriptions size="small" column={2} items={[
                { key: 'type', label: t('cc_type'), children: `${c.typeCode} ${c.typeName}` },
                { key: 'matter', label: t('cc_matterCode'), children: c.matterCode },
                { key: 'address', label: t('cc_address'), children: c.address, span: 2 },
                // full rows before the two-column facts: a long text in a half row would squeeze the other column
                { key: 'desc', label: t('cc_description'), span: 2, children: (
                  <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} data-testid="case-description">{c.description}</Typography.Paragraph>) },
                { key: 'grid', label: t('cc_grid'), children: c.gridCode },
                { key: 'community', label: t('cc_community'), children: c.communityCode },
                ...(c.componentId ? [{ key: 'component', label: t('cc_component'), children: c.componentId }] : []),
                { key: 'created', label: t('cc_createdAt'), children: formatTime(c.createdAt) },
                { key: 'lead', label: t('cc_leadDepartment'), children: c.leadDepartmentName ?? '-' },
                ...(c.closeType ? [{ key: 'closeType', label: t('cc_closeTypeShown'), children: t(`cc_close_${c.closeType}` as 'cc_close_normal') }] : []),
                ...(c.mergedInto ? [{ key: 'merged', label: t('cc_stage'), children: (
                  <Link to={`/cases/${c.mergedInto}`}>{t('cc_mergedInto', { id: c.mergedInto })}</Link>) }] : []),
              ]} />
            </Card>
            <Card title={t('photos')} size="small">
              <Row gutter={16}>
                <Col span={other.length ? 8 : 12}><Photos title={t('cc_photosBefore')} media={before} /></Col>
                <Col span={other.length ? 8 : 12}><Photos title={t('cc_photosAfter')} media={after} /></Col>
                {other.length > 0 && <Col span={8}><Photos title={t('cc_photosOther')} media={other} /></Col>}
              </Row>
            </Card>
            <Card title={t('cc_timeline')} size="small"><CaseTimeline entries={c.timeline} /></Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('cc_actions')} size="small">
              <CaseActions detail={c} pending={pending} setPending={setPending} onDone={onDone} onStale={loaded.reload}
                verifySources={config.data?.verifySources ?? []} maySkipVerification={config.data?.acceptorMaySkipVerification ?? false} />
            </Card>
            {c.possibleDuplicates.length > 0 && (
              <Card title={t('cc_duplicates')} size="small" data-testid="case-duplicates">
                <Rows items={c.possibleDuplicates} render={(d) => (
                  <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                    <Space size={6} wrap>
                      <Link to={`/cases/${d.id}`}>{d.caseNo}</Link>
                      <Tag>{stageLabel(t, d.stage)}</Tag>
                      <Typography.Text type="secondary">{t('cc_distance', { n: d.distanceM })} · {chinaTime(d.createdAt, 'short')}</Typography.Text>
                    </Space>
                    {c.allowedActions.includes('merge') && (
                      <a onClick={() => setPending({ action: 'merge', values: { mergeTargetId: d.id } })}>{t('cc_mergeInto')}</a>)}
                  </Space>
                )} />
              </Card>
            )}
            <Card title={t('cc_clocks')} size="small" extra={running?.light && <LightDot light={running.light} />}>
              {c.clocks.length ? <CaseClocks clocks={c.clocks} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            </Card>
            <Card title={t('cc_routing')} size="small"><Routing c={c} /></Card>
            <Card title={t('cc_position')} size="small">
              <Suspense fallback={<div style={{ height: 220 }} />}>
                {!grids.loading && <MiniMap geometry={point} context={grids.data} height={220} />}
              </Suspense>
            </Card>
            <Card title={t('cc_reporters')} size="small">
              <Rows items={c.reporters} testId="case-reporters" render={(r) => (
                  <Space size={8} wrap>
                    <span>{r.name ?? t('cc_reporterAnonymous')}</span>
                    {r.phone && <Typography.Text copyable={false}>{r.phone}</Typography.Text>}
                    <Tag>{sourceLabel(t, r.source)}</Tag>
                    <Typography.Text type="secondary">{chinaTime(r.reportedAt, 'minute')}</Typography.Text>
                  </Space>
              )} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

/** Reloads when the stream reports a change to this case. */
function useCaseStreamFor(id: number | undefined, onChange: () => void): void {
  useEffect(() => {
    if (id === undefined) return;
    const source = new EventSource('/api/cases/stream');
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener('case', (e) => {
      try {
        if (JSON.parse((e as MessageEvent).data).id !== id) return;
      } catch (err) {
        console.warn(errorMessage(err));
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(onChange, 500);
    });
    return () => { clearTimeout(timer); source.close(); };
  }, [id, onChange]);
}
