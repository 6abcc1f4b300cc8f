// 我要反映: photos, position (geolocation or a tap on the small map), a public category, a description; as the
// verified citizen or anonymously. /p/report?facility=CODE comes from a facility's page (position and facility filled).
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Input, InputNumber, Radio, Result, Segmented } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { Facility, FiledReport } from '../../../src/public/views.ts';
import { portalApi } from './client.ts';
import { usePortal } from './context.tsx';
import { locate } from './locate.ts';
import PhoneVerify from './PhoneVerify.tsx';
import PhotoPicker, { uploadPublicPhotos } from './PhotoPicker.tsx';
import PointMap, { type LonLat } from './PointMap.tsx';

/** The category a facility's problems most likely belong to. */
const FACILITY_CATEGORY: Record<string, string> = { toilet: 'toilet' };

export default function ReportScreen() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { config, session, setSession } = usePortal();
  const [params] = useSearchParams();
  const facilityCode = params.get('facility');
  const [facility, setFacility] = useState<Facility | null>(null);
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [point, setPoint] = useState<LonLat | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);
  const [address, setAddress] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const [area, setArea] = useState<number | null>(null);
  const [description, setDescription] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [sending, setSending] = useState<string | null>(null);
  const [filed, setFiled] = useState<FiledReport | null>(null);
  const idempotencyKey = useRef(crypto.randomUUID());

  const useMyPosition = async () => {
    setLocating(true);
    setLocateError(null);
    try {
      setPoint(await locate());
    } catch (err) {
      setLocateError(errorMessage(err));
    } finally {
      setLocating(false);
    }
  };

  useEffect(() => {
    if (!facilityCode) { void useMyPosition(); return; }
    portalApi.get<Facility>(`/api/public/facilities/${encodeURIComponent(facilityCode)}`).then((f) => {
      setFacility(f);
      setPoint([f.lon, f.lat]);
      setAddress(f.address ?? f.name);
      if (FACILITY_CATEGORY[f.kind]) setCategory(FACILITY_CATEGORY[f.kind]);
    }, (err) => message.error(errorMessage(err)));
    // the form is filled once, from the link it was opened with
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [facilityCode]);

  const problem = !point ? t('ptNoPosition') : !category ? t('ptChooseCategory')
    : category === 'illegal_building' && !stage ? t('ptBuildingStage')
      : description.trim().length < 2 ? t('ptDescriptionShort') : !anonymous && !session ? t('ptNeedVerify') : null;

  const submit = async () => {
    if (problem || !point || !category) return;
    try {
      setSending(photos.length ? t('ptUploading') : t('ptSubmit'));
      const hashes = await uploadPublicPhotos(photos, anonymous);
      setSending(t('ptSubmit'));
      const body = {
        category, lon: point[0], lat: point[1], description: description.trim(), photos: hashes,
        ...(address.trim() ? { address: address.trim() } : {}),
        ...(facility ? { facilityCode: facility.code } : {}),
        ...(category === 'illegal_building' ? { building: { stage, ...(area !== null ? { areaM2: area } : {}) } } : {}),
      };
      const headers = { 'idempotency-key': idempotencyKey.current };
      const made = anonymous
        ? await portalApi.postAnonymous<FiledReport>('/api/public/reports', body, headers)
        : await portalApi.post<FiledReport>('/api/public/reports', body, headers);
      setFiled(made);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSending(null);
    }
  };

  const again = () => {
    setFiled(null); setPhotos([]); setDescription(''); setCategory(null); setStage(null); setArea(null); setFacility(null);
    idempotencyKey.current = crypto.randomUUID();
  };

  if (filed) {
    return (
      <div className="pt-card">
        <Result status="success" title={t('ptSubmitted')} subTitle={<span data-testid="pt-filed">{t('ptCaseNoIs', { caseNo: filed.caseNo })}</span>}
          extra={[
            <Link key="track" to={`/p/track/${filed.caseNo}`}><Button type="primary" data-testid="pt-view-progress">{t('ptViewProgress')}</Button></Link>,
            <Button key="again" onClick={again}>{t('ptReportAnother')}</Button>,
          ]} />
        {filed.photoFarFromPoint && <Alert type="warning" showIcon title={t('ptPhotoFar')} />}
      </div>
    );
  }

  return (
    <>
      {facility && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ptFacilityPrefill', { name: facility.name })} data-testid="pt-facility-prefill" />}
      <div className="pt-card">
        <span className="pt-label">{t('ptPhoto')}</span>
        <PhotoPicker value={photos} onChange={setPhotos} />
      </div>
      <div className="pt-card">
        <div className="pt-row">
          <span className="pt-label" style={{ margin: 0 }}>{t('ptPosition')}</span>
          <Button size="small" icon={<AimOutlined />} loading={locating} onClick={() => void useMyPosition()} data-testid="pt-locate">{t('ptLocate')}</Button>
        </div>
        {locateError && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('ptLocateFailed', { reason: locateError })} />}
        <PointMap point={point} bounds={config?.bounds ?? null} onPick={setPoint} />
        <div className="pt-muted" style={{ marginTop: 6 }} data-testid="pt-position">
          {point ? `${point[0].toFixed(5)}, ${point[1].toFixed(5)} · ${t('ptPickOnMap')}` : t('ptNoPosition')}
        </div>
        <Input style={{ marginTop: 8 }} placeholder={t('ptAddress')} aria-label={t('ptAddress')} value={address} maxLength={200}
          onChange={(e) => setAddress(e.target.value)} />
      </div>
      <div className="pt-card">
        <span className="pt-label">{t('ptCategory')}</span>
        <div className="pt-chips">
          {(config?.categories ?? []).map((c) => (
            <button key={c.key} type="button" title={c.hint} className={`pt-chip${category === c.key ? ' active' : ''}`}
              onClick={() => setCategory(c.key)} data-testid={`pt-cat-${c.key}`}>{c.name}</button>
          ))}
        </div>
        {category && <div className="pt-muted" style={{ marginTop: 8 }}>{config?.categories.find((c) => c.key === category)?.hint}</div>}
        {category === 'illegal_building' && (
          <div style={{ marginTop: 10 }}>
            <span className="pt-label">{t('ptBuildingStage')}</span>
            <Radio.Group value={stage} onChange={(e) => setStage(e.target.value)} options={[
              { value: 'in_progress', label: t('ptStageInProgress') }, { value: 'completed', label: t('ptStageCompleted') }]} />
            <InputNumber style={{ width: '100%', marginTop: 8 }} min={0} max={1e6} placeholder={t('ptArea')} aria-label={t('ptArea')}
              value={area} onChange={(v) => setArea(v)} />
          </div>
        )}
      </div>
      <div className="pt-card">
        <span className="pt-label">{t('ptDescription')}</span>
        <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('ptDescriptionPlaceholder')} aria-label={t('ptDescription')}
          value={description} onChange={(e) => setDescription(e.target.value)} data-testid="pt-description" />
      </div>
      <div className="pt-card">
        <span className="pt-label">{t('ptIdentity')}</span>
        <Segmented block value={anonymous ? 'anon' : 'verified'} onChange={(v) => setAnonymous(v === 'anon')} data-testid="pt-identity"
          options={[{ value: 'verified', label: t('ptVerifiedReport') }, { value: 'anon', label: t('ptAnonymous') }]} />
        <div style={{ marginTop: 10 }}>
          {anonymous ? <div className="pt-muted">{t('ptAnonymousHint')}</div>
            : session ? (
              <div className="pt-row" data-testid="pt-verified">
                <span>{t('ptVerified', { phone: session.user.phone })}</span>
                <Button size="small" type="link" onClick={() => setSession(null)}>{t('ptSignOut')}</Button>
              </div>
            ) : <PhoneVerify />}
        </div>
      </div>
      <div className="pt-submit">
        {problem && <div className="pt-muted" style={{ marginBottom: 6, textAlign: 'center' }}>{problem}</div>}
        <Button type="primary" size="large" block disabled={!!problem} loading={!!sending} onClick={() => void submit()} data-testid="pt-submit">
          {sending ?? t('ptSubmit')}
        </Button>
      </div>
    </>
  );
}

