// 进度查询: a form for the case number, then the public timeline (no personal data, as the server gives it);
// after 结案 the verified reporter rates the result (回访: 满意 / 基本满意 / 不满意).
import { useState } from 'react';
import { Alert, App, Button, Image, Input, Radio, Space, Spin, Tag, Timeline } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useI18n, type TKey } from '../i18n.tsx';
import type { SatisfactionCode, TrackedCase } from '../../../src/public/views.ts';
import { CASE_NO, portalApi, timeText } from './client.ts';
import { usePortal } from './context.tsx';
import MyReports from './MyReports.tsx';
import PhoneVerify from './PhoneVerify.tsx';

export const SATISFACTION_LABEL: Record<SatisfactionCode, TKey> = {
  satisfied: 'ptSatisfied', basically_satisfied: 'ptBasicallySatisfied', unsatisfied: 'ptUnsatisfied',
};

function CaseNoForm({ initial }: { initial?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [value, setValue] = useState(initial ?? '');
  const ok = CASE_NO.test(value.trim());
  return (
    <div className="pt-card">
      <span className="pt-label">{t('ptCaseNo')}</span>
      <Space.Compact style={{ width: '100%' }}>
        <Input placeholder={t('ptCaseNoPlaceholder')} aria-label={t('ptCaseNo')} value={value} onChange={(e) => setValue(e.target.value)}
          onPressEnter={() => ok && navigate(`/p/track/${value.trim()}`)} data-testid="pt-caseno" />
        <Button type="primary" disabled={!ok} onClick={() => navigate(`/p/track/${value.trim()}`)} data-testid="pt-query">{t('ptQuery')}</Button>
      </Space.Compact>
      {value.trim() && !ok && <div className="pt-muted" style={{ marginTop: 6 }}>{t('ptCaseNoInvalid')}</div>}
    </div>
  );
}

function RatingForm({ caseNo, onRated }: { caseNo: string; onRated(c: TrackedCase): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [value, setValue] = useState<SatisfactionCode | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      onRated(await portalApi.post<TrackedCase>(`/api/public/reports/${caseNo}/rating`,
        { satisfaction: value, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
      message.success(t('ptRateThanks'));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="pt-card" data-testid="pt-rating">
      <span className="pt-label">{t('ptRateTitle')}</span>
      <Radio.Group value={value} onChange={(e) => setValue(e.target.value)} optionType="button" buttonStyle="solid"
        options={(Object.keys(SATISFACTION_LABEL) as SatisfactionCode[]).map((s) => ({ value: s, label: t(SATISFACTION_LABEL[s]) }))} />
      <Input.TextArea rows={2} maxLength={500} style={{ marginTop: 10 }} placeholder={t('ptComment')} aria-label={t('ptComment')}
        value={comment} onChange={(e) => setComment(e.target.value)} />
      <Button type="primary" block style={{ marginTop: 10 }} disabled={!value} loading={busy} onClick={() => void send()} data-testid="pt-rate-submit">
        {t('ptRateSubmit')}
      </Button>
    </div>
  );
}

function CaseView({ caseNo }: { caseNo: string }) {
  const { t } = useI18n();
  const { session } = usePortal();
  const loaded = useLoad(() => portalApi.get<TrackedCase>(`/api/public/reports/${caseNo}`), [caseNo, session?.token]);
  const [rated, setRated] = useState<TrackedCase | null>(null);
  const c = rated?.caseNo === caseNo ? rated : loaded.data;
  if (loaded.loading && !c) return <div style={{ padding: 32, textAlign: 'center' }}><Spin /></div>;
  if (loaded.error || !c) return <Alert type="error" showIcon title={loaded.error} />;
  const photoGroups: [TKey, TrackedCase['photos']][] = [
    ['ptPhotosBefore', c.photos.filter((p) => p.phase === 'before')], ['ptPhotosAfter', c.photos.filter((p) => p.phase === 'after')]];
  return (
    <div data-testid="pt-case">
      <div className="pt-card">
        <div className="pt-row" style={{ marginBottom: 10 }}>
          <b style={{ fontSize: 16 }}>{c.typeName}</b>
          <Tag color={c.status === 'closed' ? 'green' : 'blue'} data-testid="pt-stage">{c.stageName}</Tag>
        </div>
        <dl className="pt-kv">
          <dt>{t('ptCaseNo')}</dt><dd>{c.caseNo}</dd>
          {c.address && <><dt>{t('ptPosition')}</dt><dd>{c.address}</dd></>}
          {c.department && <><dt>{t('ptDepartment')}</dt><dd>{c.department}</dd></>}
          <dt>{t('ptReportedAt')}</dt><dd>{timeText(c.createdAt)}</dd>
          {c.closedAt && <><dt>{t('ptClosedAt')}</dt><dd>{timeText(c.closedAt)}</dd></>}
        </dl>
      </div>
      {c.photos.length > 0 && (
        <div className="pt-card">
          {photoGroups.filter(([, list]) => list.length > 0).map(([label, list]) => (
            <div key={label} style={{ marginBottom: 8 }}>
              <span className="pt-label">{t(label)}</span>
              <div className="pt-case-photos"><Image.PreviewGroup>
                {list.map((p) => <Image key={p.url} src={p.url} width={96} height={96} />)}
              </Image.PreviewGroup></div>
            </div>
          ))}
        </div>
      )}
      <div className="pt-card pt-timeline">
        <span className="pt-label">{t('ptTimeline')}</span>
        <Timeline data-testid="pt-timeline" items={[...c.timeline].reverse().map((e, i) => ({
          color: i === 0 ? 'green' : 'gray',
          content: (<div><b>{e.label}</b> <span className="pt-muted">{timeText(e.at)}</span>
            {e.note && <div style={{ marginTop: 2 }}>{e.note}</div>}</div>),
        }))} />
      </div>
      {c.rating && <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="pt-rated"
        title={t('ptRated', { rating: t(SATISFACTION_LABEL[c.rating]) })} />}
      {c.canRate && <RatingForm caseNo={c.caseNo} onRated={setRated} />}
      {c.status === 'closed' && !c.mine && !session && (
        <div className="pt-card">
          <div className="pt-muted" style={{ marginBottom: 8 }}>{t('ptRateVerify')}</div>
          <PhoneVerify />
        </div>
      )}
    </div>
  );
}

export default function TrackScreen() {
  const { caseNo } = useParams();
  return (
    <>
      <CaseNoForm key={caseNo} initial={caseNo} />
      {caseNo ? <CaseView caseNo={caseNo} /> : <MyReports />}
    </>
  );
}
