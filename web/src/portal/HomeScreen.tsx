// 首页: report a problem, track a case, facilities nearby, my points, 店招服务.
import { useState, type ReactNode } from 'react';
import { Button, Input, Space } from 'antd';
import { CameraOutlined, EnvironmentOutlined, GiftOutlined, SearchOutlined, ShopOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useI18n, type TKey } from '../i18n.tsx';
import { CASE_NO } from './client.ts';
import { usePortal } from './context.tsx';

const TILES: { to: string; title: TKey; hint: TKey; icon: ReactNode; color: string }[] = [
  { to: '/p/report', title: 'ptTitleReport', hint: 'ptHomeReportHint', icon: <CameraOutlined />, color: '#12a182' },
  { to: '/p/track', title: 'ptTitleTrack', hint: 'ptHomeTrackHint', icon: <SearchOutlined />, color: '#1f8fd6' },
  { to: '/p/facilities', title: 'ptTitleFacilities', hint: 'ptHomeFacilitiesHint', icon: <EnvironmentOutlined />, color: '#f08c00' },
  { to: '/p/points', title: 'ptTitlePoints', hint: 'ptHomePointsHint', icon: <GiftOutlined />, color: '#d4380d' },
];

export default function HomeScreen() {
  const { t } = useI18n();
  const { config } = usePortal();
  const navigate = useNavigate();
  const [caseNo, setCaseNo] = useState('');
  return (
    <>
      <div className="pt-hero">
        <h2>{t('ptAppName')}</h2>
        <p>{config?.city?.name ? `${config.city.name} · ` : ''}{t('ptSlogan')}</p>
      </div>
      <div className="pt-grid">
        {TILES.map((tile) => (
          <Link key={tile.to} to={tile.to} className="pt-tile" data-testid={`pt-home-${tile.to.split('/')[2]}`}>
            <span style={{ color: tile.color }}>{tile.icon}</span>
            <b>{t(tile.title)}</b>
            <span className="pt-muted">{t(tile.hint)}</span>
          </Link>
        ))}
      </div>
      <div className="pt-card">
        <span className="pt-label">{t('ptTitleTrack')}</span>
        <Space.Compact style={{ width: '100%' }}>
          <Input placeholder={t('ptCaseNoPlaceholder')} aria-label={t('ptCaseNo')} value={caseNo} onChange={(e) => setCaseNo(e.target.value)} />
          <Button type="primary" disabled={!CASE_NO.test(caseNo.trim())} onClick={() => navigate(`/p/track/${caseNo.trim()}`)}>{t('ptQuery')}</Button>
        </Space.Compact>
      </div>
      <Link to="/p/sign" className="pt-card pt-row">
        <span><ShopOutlined style={{ color: '#722ed1', marginRight: 8 }} /><b>{t('ptTitleSign')}</b></span>
        <span className="pt-muted">{t('ptHomeSignHint')}</span>
      </Link>
    </>
  );
}
