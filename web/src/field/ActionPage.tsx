// One action form of the field app (核实, 核查, 自行处置, 处置反馈, 协办反馈, 申请延期/回退/挂账): photos are uploaded
// first, then the action is sent with the version read, and the user goes back to the task list.
import { useState } from 'react';
import { Alert, App, Button, Input, InputNumber, Radio, Select, Spin } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import type { CaseAction, CaseDetail, LimitUnitCode } from '../../../src/command/views.ts';
import { api, ApiError, errorMessage } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { enqueueAction } from './action-queue.ts';
import { caseSnapshot, useCachedLoad } from './cached.ts';
import { useField } from './context.tsx';
import { FIELD_FORMS, isFieldForm, type FieldForm } from './forms.ts';
import type { ActionBody } from './offline-store.ts';
import { newReportKey } from './outbox-store.ts';
import { uploadPhotos } from './photos.ts';
import PhotoInput from './PhotoInput.tsx';

const UNITS: LimitUnitCode[] = ['working_days', 'working_hours', 'natural_days'];

export default function ActionPage() {
  const { id, form } = useParams();
  const { t } = useI18n();
  const { me } = useAuth();
  const userId = me!.user!.id;
  const { online } = useField();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const detail = useCachedLoad(userId, caseSnapshot(id!), () => api.get<CaseDetail>(`/api/cases/${id}`), [id]);
  const [found, setFound] = useState<boolean>();
  const [passed, setPassed] = useState<boolean>();
  const [opinion, setOpinion] = useState('');
  const [before, setBefore] = useState<Blob[]>([]);
  const [after, setAfter] = useState<Blob[]>([]);
  const [amount, setAmount] = useState<number | null>(1);
  const [unit, setUnit] = useState<LimitUnitCode>('working_days');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!isFieldForm(form)) return <Alert type="error" showIcon title={t('fdUnknownForm')} />;
  const def = FIELD_FORMS[form];
  const c = detail.data;
  if (detail.error && !c) return <Alert type="error" showIcon title={detail.error} />;
  if (!c) return <Spin />;

  const action: CaseAction = form === 'check' ? (passed === false ? 'check_fail' : 'check_pass') : def.actions[0];
  const opinionRequired = def.opinion === 'required' || action === 'check_fail';

  function missing(): string | null {
    if (form === 'verify' && found === undefined) return t('fdNeedFound');
    if (form === 'check' && passed === undefined) return t('fdNeedCheckResult');
    if (def.beforePhotos === 'required' && !before.length) return t('fdNeedBeforePhotos');
    if (def.afterPhotos === 'required' && !after.length) return t('fdNeedAfterPhotos');
    if (form === 'request_extension' && !amount) return t('fdNeedExtension');
    if (opinionRequired && !opinion.trim()) return t('fdNeedOpinion');
    return null;
  }

  /** Without a connection the action waits on the phone (with its photos) and is sent when the connection returns. */
  async function queue(body: ActionBody) {
    await enqueueAction({
      key: newReportKey(), userId, createdAt: new Date().toISOString(), caseId: c!.id, caseNo: c!.caseNo, typeName: c!.typeName,
      form: form as FieldForm, action, version: c!.version, fromStage: c!.stage,
      lastEventId: Math.max(0, ...c!.timeline.map((e) => e.id)), body,
      photos: [...before.map((blob) => ({ blob, phase: 'before' as const })), ...after.map((blob) => ({ blob, phase: 'after' as const }))],
      status: 'pending',
    });
    message.info(t('fdActionSaved', { action: t(def.title) }));
    navigate('/m', { replace: true });
  }

  async function submit() {
    const lacking = missing();
    setProblem(lacking);
    if (lacking) return;
    const body: ActionBody = {
      ...(opinion.trim() ? { opinion: opinion.trim() } : {}),
      ...(form === 'verify' ? { found } : {}),
      ...(form === 'request_extension' ? { extension: { amount: amount!, unit } } : {}),
    };
    setBusy(true);
    try {
      if (!online) return await queue(body);
      const [beforePhotos, afterPhotos] = [await uploadPhotos(before), await uploadPhotos(after)];
      await api.post(`/api/cases/${c!.id}/actions/${action}`, {
        version: c!.version, ...body,
        ...(beforePhotos.length ? { beforePhotos } : {}),
        ...(afterPhotos.length ? { afterPhotos } : {}),
      });
      message.success(t('fdActionDone', { action: t(def.title) }));
      navigate('/m', { replace: true });
    } catch (err) {
      // the connection dropped on the way: the queue sends it (and finds it on the case if it did arrive)
      if (err instanceof ApiError && err.status === 0) await queue(body);
      else setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid={`fd-action-${form}`}>
      {!online && <Alert type="warning" showIcon title={t('fdOfflineActionHint')} style={{ marginBottom: 10 }} data-testid="fd-action-offline" />}
      <section className="fd-card">
        <h3 style={{ margin: 0 }}>{t(def.title)}</h3>
        <div className="fd-muted">{c.caseNo} · {c.typeName}</div>
        <div className="fd-muted">{c.address}</div>
      </section>
      {form === 'verify' && (
        <section className="fd-card">
          <div className="fd-label">{t('fdVerifyResult')}</div>
          <Radio.Group value={found} onChange={(e) => setFound(e.target.value)} optionType="button" buttonStyle="solid" size="large"
            options={[{ value: true, label: t('fdFound') }, { value: false, label: t('fdNotFound') }]} data-testid="fd-found" />
        </section>
      )}
      {form === 'check' && (
        <section className="fd-card">
          <div className="fd-label">{t('fdCheckResult')}</div>
          <Radio.Group value={passed} onChange={(e) => setPassed(e.target.value)} optionType="button" buttonStyle="solid" size="large"
            options={[{ value: true, label: t('fdCheckPass') }, { value: false, label: t('fdCheckFail') }]} data-testid="fd-check-result" />
        </section>
      )}
      {form === 'request_extension' && (
        <section className="fd-card">
          <div className="fd-label">{t('fdExtension')}</div>
          <div className="fd-row">
            <InputNumber min={1} max={365} value={amount} onChange={setAmount} size="large" aria-label={t('fdExtension')} data-testid="fd-extension-amount" />
            <Select value={unit} onChange={setUnit} size="large" style={{ flex: 1, marginLeft: 8 }}
              options={UNITS.map((u) => ({ value: u, label: t(`fdUnit_${u}` as 'fdUnit_working_days') }))} />
          </div>
        </section>
      )}
      {def.beforePhotos && (
        <section className="fd-card">
          <div className="fd-label">{form === 'verify' ? t('fdSitePhotos') : t('fdBeforePhotos')}{def.beforePhotos === 'required' ? ' *' : ''}</div>
          <PhotoInput value={before} onChange={setBefore} testId="fd-before-photos" />
        </section>
      )}
      {def.afterPhotos && (
        <section className="fd-card">
          <div className="fd-label">{form === 'check' ? t('fdSitePhotos') : t('fdAfterPhotos')}{def.afterPhotos === 'required' ? ' *' : ''}</div>
          <PhotoInput value={after} onChange={setAfter} testId="fd-after-photos" />
        </section>
      )}
      <section className="fd-card">
        <label className="fd-label" htmlFor="fd-opinion">{t('fdOpinion')}{opinionRequired ? ' *' : ''}</label>
        <Input.TextArea id="fd-opinion" value={opinion} onChange={(e) => setOpinion(e.target.value)} maxLength={2000}
          autoSize={{ minRows: 3, maxRows: 6 }} data-testid="fd-opinion" />
      </section>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="fd-action-problem" />}
      <Button type="primary" danger={def.tone === 'danger'} size="large" block loading={busy} onClick={() => void submit()} data-testid="fd-action-submit">
        {t('fdSubmitAction')}
      </Button>
    </div>
  );
}
