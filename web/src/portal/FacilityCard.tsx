// One facility in the list: name, open now, hours, distance, navigation and its page.
import { Button, Tag } from 'antd';
import { CompassOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n.tsx';
import type { Facility } from '../../../src/public/views.ts';
import { distanceText } from './client.ts';

export function OpenTag({ facility }: { facility: Facility }) {
  const { t } = useI18n();
  return <Tag color={facility.openNow ? 'green' : 'default'}>{facility.openNow ? t('ptOpenNow') : t('ptClosedNow')}</Tag>;
}

export default function FacilityCard({ facility: f }: { facility: Facility }) {
  const { t } = useI18n();
  return (
    <div className="pt-card" data-testid="pt-facility">
      <div className="pt-row">
        <Link to={`/p/f/${f.code}`} style={{ color: '#1f2329' }}><b>{f.name}</b></Link>
        <OpenTag facility={f} />
      </div>
      <div className="pt-muted" style={{ margin: '4px 0' }}>
        {[f.address, `${t('ptOpeningHours')} ${f.openingHours}`, f.distanceM !== null ? t('ptDistance', { d: distanceText(f.distanceM) }) : null]
          .filter(Boolean).join(' · ')}
      </div>
      <div className="pt-row" style={{ justifyContent: 'flex-start' }}>
        <a href={f.navigationUrl} target="_blank" rel="noreferrer"><Button size="small" icon={<CompassOutlined />}>{t('ptNavigate')}</Button></a>
        <Link to={`/p/f/${f.code}`}><Button size="small">{t('ptDetails')}</Button></Link>
      </div>
    </div>
  );
}
