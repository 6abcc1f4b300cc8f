// 便民设施: the nearest facilities of a kind (公厕, 便民服务点, 建筑垃圾转运点, 停车场) with opening hours, whether
// open now, distance and a navigation link; each opens its own page (the QR code's target).
import { useEffect, useState } from 'react';
import { Alert, Segmented, Spin } from 'antd';
import { useLoad } from '../hooks.ts';
import { useI18n, type TKey } from '../i18n.tsx';
import type { Facility } from '../../../src/public/views.ts';
import { portalApi } from './client.ts';
import { usePortal } from './context.tsx';
import FacilityCard from './FacilityCard.tsx';
import { locate } from './locate.ts';

const KIND_NAMES: Record<string, TKey> = { toilet: 'ptKindToilet', service_point: 'ptKindServicePoint', muck_transfer: 'ptKindMuck', parking: 'ptKindParking' };

export default function FacilitiesScreen() {
  const { t } = useI18n();
  const { config } = usePortal();
  const [kind, setKind] = useState('toilet');
  const [here, setHere] = useState<[number, number] | null | undefined>(undefined);
  useEffect(() => { locate().then(setHere, () => setHere(null)); }, []);
  const list = useLoad(() => (here === undefined ? Promise.resolve(undefined)
    : portalApi.get<Facility[]>(`/api/public/facilities?kind=${kind}&limit=20${here ? `&lon=${here[0]}&lat=${here[1]}` : ''}`)), [kind, here]);
  return (
    <>
      <Segmented block value={kind} onChange={(v) => setKind(String(v))} style={{ marginBottom: 12 }} data-testid="pt-kinds"
        options={(config?.facilityKinds ?? Object.keys(KIND_NAMES)).map((k) => ({ value: k, label: KIND_NAMES[k] ? t(KIND_NAMES[k]) : k }))} />
      {here === null && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ptNoLocationList')} />}
      {list.error && <Alert type="error" showIcon title={list.error} />}
      {(here === undefined || (list.loading && !list.data)) && <div style={{ padding: 32, textAlign: 'center' }}><Spin /></div>}
      {list.data?.length === 0 && <div className="pt-card pt-muted">{t('ptNoFacilities')}</div>}
      <div data-testid="pt-facilities">
        {list.data?.map((f) => <FacilityCard key={f.id} facility={f} />)}
      </div>
    </>
  );
}
