// A facility's own page (the target of its QR code, /p/f/<code>): what and where it is, opening hours, navigation,
// and "report a problem here" with the position and the facility filled in.
import { Alert, Button, Spin } from 'antd';
import { CompassOutlined, EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import type { Facility } from '../../../src/public/views.ts';
import { distanceText, portalApi } from './client.ts';
import { OpenTag } from './FacilityCard.tsx';
import PointMap from './PointMap.tsx';

export default function FacilityScreen() {
  const { t } = useI18n();
  const { code = '' } = useParams();
  const loaded = useLoad(() => portalApi.get<Facility>(`/api/public/facilities/${encodeURIComponent(code)}`), [code]);
  const f = loaded.data;
  if (loaded.loading && !f) return <div style={{ padding: 32, textAlign: 'center' }}><Spin /></div>;
  if (loaded.error || !f) return <Alert type="error" showIcon title={loaded.error} />;
  return (
    <div data-testid="pt-facility-page">
      <div className="pt-card">
        <div className="pt-row" style={{ marginBottom: 10 }}>
          <b style={{ fontSize: 17 }}>{f.name}</b>
          <OpenTag facility={f} />
        </div>
        <dl className="pt-kv">
          <dt>{t('ptFacilityKind')}</dt><dd>{f.kindName}</dd>
          {f.address && <><dt>{t('ptFacilityAddress')}</dt><dd>{f.address}</dd></>}
          <dt>{t('ptOpeningHours')}</dt><dd>{f.openingHours}</dd>
          {f.phone && <><dt>{t('ptFacilityPhone')}</dt><dd><a href={`tel:${f.phone}`}>{f.phone}</a></dd></>}
          {f.distanceM !== null && <><dt /><dd>{t('ptDistance', { d: distanceText(f.distanceM) })}</dd></>}
        </dl>
        <PointMap point={[f.lon, f.lat]} bounds={null} height={200} />
      </div>
      <div style={{ display: 'flex', gap: 10 }}>
        <a href={f.navigationUrl} target="_blank" rel="noreferrer" style={{ flex: 1 }}>
          <Button size="large" block icon={<CompassOutlined />}>{t('ptNavigate')}</Button>
        </a>
        <Link to={`/p/report?facility=${encodeURIComponent(f.code)}`} style={{ flex: 1 }}>
          <Button size="large" type="primary" block icon={<EditOutlined />} data-testid="pt-report-here">{t('ptReportHere')}</Button>
        </Link>
      </div>
    </div>
  );
}
