// 案件详情 (field): what, where (small map and navigation links), photos, the last steps, and the forms the user may
// fill now (核实, 核查, 自行处置, 处置反馈, 申请延期/回退/挂账).
import { lazy, Suspense, useMemo } from 'react';
import { Alert, Button, Image, Spin, Tag } from 'antd';
import { CompassOutlined } from '@ant-design/icons';
import type { Point } from 'geojson';
import { useNavigate, useParams } from 'react-router-dom';
import type { CaseDetail } from '../../../src/command/views.ts';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { actionLabel } from '../pages/cases/caseUi.tsx';
import { caseGrids, caseSnapshot, useCachedLoad } from './cached.ts';
import { useField } from './context.tsx';
import { FIELD_FORMS, formsFor } from './forms.ts';
import { navigationLinks } from './navigation.ts';
import { formatTime, LightDot } from './ui.tsx';

const MiniMap = lazy(() => import('../map/MiniMap.tsx'));

export default function CasePage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { me } = useAuth();
  const { changes, online, actions } = useField();
  const navigate = useNavigate();
  const detail = useCachedLoad(me!.user!.id, caseSnapshot(id!), () => api.get<CaseDetail>(`/api/cases/${id}`), [id, changes, online]);
  const c = detail.data;
  const geometry = useMemo(() => (c ? ({ type: 'Point', coordinates: [c.lon, c.lat] } as Point) : null), [c?.lon, c?.lat]);
  const grids = useLoad(() => (c ? caseGrids(c) : Promise.resolve(undefined)), [c?.id]);

  if (detail.error && !c) return <Alert type="error" showIcon title={detail.error} />;
  if (!c || !geometry) return <Spin />;
  // an action already written for this case (offline, not yet sent) is not offered again
  const waiting = actions.some((a) => a.caseId === c.id && a.status !== 'sent');
  const forms = waiting ? [] : formsFor(c.allowedActions);

  return (
    <div data-testid="fd-case">
      {detail.savedAt && <Alert type="warning" showIcon title={t('fdOfflineData', { at: formatTime(detail.savedAt) })} style={{ marginBottom: 10 }}
        data-testid="fd-offline-data" />}
      {waiting && <Alert type="info" showIcon title={t('fdActionQueuedHint')} style={{ marginBottom: 10 }} data-testid="fd-case-queued-hint" />}
      <section className="fd-card">
        <div className="fd-row">
          <strong style={{ fontSize: 16 }}><LightDot light={c.light} />{c.typeName}</strong>
          <Tag color="blue" data-testid="fd-case-stage">{c.stageName}</Tag>
        </div>
        <div className="fd-muted" data-testid="fd-case-no">{c.caseNo}{c.urgent && <Tag color="red" style={{ marginLeft: 6 }}>{t('fdUrgent')}</Tag>}</div>
        <div className="fd-text">{c.description}</div>
        {c.deadline && <div className="fd-muted">{t('fdDeadline')} {formatTime(c.deadline)}</div>}
      </section>
      <section className="fd-card">
        <div className="fd-label">{t('fdPlace')}</div>
        <div className="fd-text">{c.address}</div>
        <Suspense fallback={<div style={{ height: 180 }} />}>
          <MiniMap geometry={geometry} context={grids.data} height={180} />
        </Suspense>
        <div className="fd-actions" data-testid="fd-nav-links">
          {navigationLinks(c.lon, c.lat, c.address).map((link) => (
            <Button key={link.key} href={link.href} target={link.key === 'geo' ? undefined : '_blank'} icon={<CompassOutlined />}>
              {t(link.key === 'geo' ? 'fdNavGeo' : link.key === 'amap' ? 'fdNavAmap' : 'fdNavBaidu')}
            </Button>
          ))}
        </div>
      </section>
      {c.media.length > 0 && (
        <section className="fd-card">
          <div className="fd-label">{t('fdCasePhotos')}</div>
          <div className="fd-photos">
            <Image.PreviewGroup>
              {c.media.map((m) => (
                <div key={m.hash} className="fd-photo">
                  <Image src={m.thumbnailUrl} preview={{ src: m.url }} width={72} height={72} style={{ objectFit: 'cover' }} />
                  <span className="fd-photo-phase">{m.phase === 'after' ? t('fdAfter') : t('fdBefore')}</span>
                </div>
              ))}
            </Image.PreviewGroup>
          </div>
        </section>
      )}
      <section className="fd-card">
        <div className="fd-label">{t('fdTimeline')}</div>
        {c.timeline.slice(-5).reverse().map((e) => (
          <div key={e.id} className="fd-timeline">
            <span className="fd-muted">{formatTime(e.at)}</span> {e.actorName} · {actionLabel(t, e.action)}
            {e.opinion && <div className="fd-muted">{e.opinion}</div>}
          </div>
        ))}
      </section>
      {forms.length > 0 && (
        <div className="fd-sticky-actions">
          {forms.map((f) => (
            <Button key={f} size="large" type={FIELD_FORMS[f].tone === 'primary' ? 'primary' : 'default'} danger={FIELD_FORMS[f].tone === 'danger'}
              onClick={() => navigate(`/m/cases/${c.id}/act/${f}`)} data-testid={`fd-form-${f}`}>
              {t(FIELD_FORMS[f].title)}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
