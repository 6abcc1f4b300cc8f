// 上报 (collector): type search, camera photos, GPS position with its place description (editable), description,
// optionally 自行处置 with after photos. The report goes into the outbox first, so it is never lost offline.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Input, Select } from 'antd';
import { AimOutlined, SendOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import type { CatalogType } from '../types.ts';
import { fieldCatalog, matchesType } from './catalog.ts';
import { useField } from './context.tsx';
import { newReportKey, type QueuedPhoto } from './outbox-store.ts';
import { enqueueReport, syncOutbox } from './outbox.ts';
import PhotoInput from './PhotoInput.tsx';

interface Located { gridCode: string; gridName: string; communityName: string; streetName: string; description: string }
interface Fix { lon: number; lat: number; accuracy: number }

const typeKey = (t: CatalogType) => `${t.kind}:${t.code}`;

function usePosition() {
  const { t } = useI18n();
  const [fix, setFix] = useState<Fix | null>(null);
  const [place, setPlace] = useState<Located | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const locate = () => {
    if (!navigator.geolocation) { setProblem(t('fdNoGps')); return; }
    setLocating(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(async (p) => {
      const next = { lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy };
      setFix(next);
      try {
        setPlace(await api.get<Located>('/api/locate', { lon: next.lon, lat: next.lat }));
      } catch (err) {
        setPlace(null);
        setProblem(navigator.onLine ? errorMessage(err) : t('fdOfflinePlace'));
      } finally {
        setLocating(false);
      }
    }, (err) => { setLocating(false); setProblem(`${t('fdGpsFailed')}${err.message}`); },
    { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 });
  };
  return { fix, place, problem, locating, locate };
}

export default function ReportPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { online } = useField();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [types, setTypes] = useState<CatalogType[]>([]);
  const [typeError, setTypeError] = useState<string | null>(null);
  const [type, setType] = useState<string>();
  const [search, setSearch] = useState('');
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [afterPhotos, setAfterPhotos] = useState<Blob[]>([]);
  const [selfHandle, setSelfHandle] = useState(false);
  const [address, setAddress] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const position = usePosition();

  useEffect(() => { fieldCatalog().then(setTypes, (err) => setTypeError(errorMessage(err))); }, []);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => position.locate(), []);
  useEffect(() => {
    const p = position.place;
    if (p) setAddress(p.description || `${p.streetName}${p.communityName}${p.gridName}`);
  }, [position.place]);

  const options = useMemo(() => types.filter((ty) => matchesType(ty, search)).slice(0, 80).map((ty) => ({
    value: typeKey(ty),
    label: <span>{ty.name} <span className="fd-muted">{ty.kind === 'component' ? t('fdComponent') : t('fdMatter')} · {ty.majorName} · {ty.code}</span></span>,
  })), [types, search, t]);

  async function submit() {
    const chosen = types.find((ty) => typeKey(ty) === type);
    const missing = !chosen ? t('fdNeedType') : !position.fix ? t('fdNeedPosition') : !description.trim() ? t('fdNeedDescription')
      : selfHandle && (!photos.length || !afterPhotos.length) ? t('fdNeedSelfPhotos') : null;
    setProblem(missing);
    if (missing || !chosen || !position.fix) return;
    setBusy(true);
    try {
      const queued: QueuedPhoto[] = [...photos.map((blob) => ({ blob, phase: 'before' as const })),
        ...(selfHandle ? afterPhotos.map((blob) => ({ blob, phase: 'after' as const })) : [])];
      await enqueueReport({
        key: newReportKey(), userId: me!.user!.id, createdAt: new Date().toISOString(), typeName: chosen.name,
        body: { kind: chosen.kind, typeCode: chosen.code, position: { lon: position.fix.lon, lat: position.fix.lat },
          address: address.trim() || undefined, description: description.trim() },
        photos: queued, selfHandle, status: 'pending',
      });
      message.success(online ? t('fdQueuedOnline') : t('fdQueuedOffline'));
      if (online) void syncOutbox(me!.user!.id);
      navigate('/m/outbox');
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="fd-report">
      {!online && <Alert type="warning" showIcon title={t('fdOfflineReport')} style={{ marginBottom: 12 }} />}
      <section className="fd-card">
        <label className="fd-label" htmlFor="fd-type">{t('fdType')}</label>
        <Select id="fd-type" showSearch={{ filterOption: false, onSearch: setSearch }} value={type} onChange={setType}
          placeholder={t('fdTypePlaceholder')} options={options} style={{ width: '100%' }} size="large"
          notFoundContent={typeError ?? t('fdNoType')} data-testid="fd-type" />
      </section>
      <section className="fd-card">
        <div className="fd-label">{selfHandle ? t('fdBeforePhotos') : t('fdPhotos')}</div>
        <PhotoInput value={photos} onChange={setPhotos} testId="fd-report-photos" />
      </section>
      <section className="fd-card">
        <div className="fd-label fd-row">
          <span>{t('fdPosition')}</span>
          <Button size="small" icon={<AimOutlined />} loading={position.locating} onClick={position.locate}>{t('fdRelocate')}</Button>
        </div>
        <div className="fd-muted" data-testid="fd-fix">
          {position.fix ? t('fdFix', { lon: position.fix.lon.toFixed(6), lat: position.fix.lat.toFixed(6), acc: Math.round(position.fix.accuracy) })
            : position.locating ? t('fdLocating') : t('fdNoFix')}
          {position.place && <> · {position.place.streetName}{position.place.communityName} {position.place.gridName}</>}
        </div>
        {position.problem && <div className="fd-warn">{position.problem}</div>}
        <Input.TextArea value={address} onChange={(e) => setAddress(e.target.value)} maxLength={256} autoSize={{ minRows: 1, maxRows: 3 }}
          placeholder={t('fdAddressPlaceholder')} aria-label={t('fdAddress')} data-testid="fd-address" style={{ marginTop: 8 }} />
      </section>
      <section className="fd-card">
        <label className="fd-label" htmlFor="fd-description">{t('fdDescription')}</label>
        <Input.TextArea id="fd-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000}
          autoSize={{ minRows: 3, maxRows: 6 }} placeholder={t('fdDescriptionPlaceholder')} data-testid="fd-description" />
        <Checkbox checked={selfHandle} onChange={(e) => setSelfHandle(e.target.checked)} style={{ marginTop: 10 }} data-testid="fd-self-handle">
          {t('fdSelfHandle')}
        </Checkbox>
        {selfHandle && (
          <div style={{ marginTop: 8 }}>
            <div className="fd-label">{t('fdAfterPhotos')}</div>
            <PhotoInput value={afterPhotos} onChange={setAfterPhotos} testId="fd-report-after-photos" />
          </div>
        )}
      </section>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="fd-report-problem" />}
      <Button type="primary" size="large" block icon={<SendOutlined />} loading={busy} onClick={() => void submit()} data-testid="fd-report-submit">
        {online ? t('fdSubmit') : t('fdSubmitOffline')}
      </Button>
    </div>
  );
}
