// 城市啄木鸟: the citizen portal at /p/ — no login; a verified phone gives a citizen session for 回访 and 积分.
// A header (back, title), the screen, and a tab bar at the bottom sized for thumbs.
import { lazy, Suspense, type ReactNode } from 'react';
import { Button, ConfigProvider, Result, Spin } from 'antd';
import { CameraOutlined, EnvironmentOutlined, HomeOutlined, LeftOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { Link, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useI18n, type TKey } from '../i18n.tsx';
import { PortalProvider } from './context.tsx';
import HomeScreen from './HomeScreen.tsx';
import './portal.css';

const ReportScreen = lazy(() => import('./ReportScreen.tsx'));
const TrackScreen = lazy(() => import('./TrackScreen.tsx'));
const PointsScreen = lazy(() => import('./PointsScreen.tsx'));
const FacilitiesScreen = lazy(() => import('./FacilitiesScreen.tsx'));
const FacilityScreen = lazy(() => import('./FacilityScreen.tsx'));
const SignScreen = lazy(() => import('./SignScreen.tsx'));

const TABS: { to: string; label: TKey; icon: ReactNode }[] = [
  { to: '/p', label: 'ptTabHome', icon: <HomeOutlined /> },
  { to: '/p/report', label: 'ptTabReport', icon: <CameraOutlined /> },
  { to: '/p/track', label: 'ptTabTrack', icon: <SearchOutlined /> },
  { to: '/p/facilities', label: 'ptTabFacilities', icon: <EnvironmentOutlined /> },
  { to: '/p/points', label: 'ptTabMe', icon: <UserOutlined /> },
];

const TITLES: [RegExp, TKey][] = [
  [/^\/p\/report/, 'ptTitleReport'], [/^\/p\/track/, 'ptTitleTrack'], [/^\/p\/points/, 'ptTitlePoints'],
  [/^\/p\/facilities/, 'ptTitleFacilities'], [/^\/p\/(f|facility)\//, 'ptTitleFacility'], [/^\/p\/sign/, 'ptTitleSign'],
];

function Header() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const home = /^\/p\/?$/.test(pathname);
  const title = TITLES.find(([re]) => re.test(pathname))?.[1] ?? 'ptAppName';
  return (
    <header className="pt-header">
      {home ? <span className="pt-header-gap" />
        : <Button type="text" icon={<LeftOutlined />} aria-label={t('ptBack')} className="pt-header-btn"
          onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/p'))} />}
      <h1 data-testid="pt-title">{t(title)}</h1>
      <span className="pt-header-gap" />
    </header>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('notFound')} extra={<Link to="/p">{t('ptTabHome')}</Link>} />;
}

export default function PortalApp() {
  const { t } = useI18n();
  return (
    <PortalProvider>
      <ConfigProvider theme={{ token: { colorPrimary: '#12a182' } }}>
        <div className="pt-app" data-testid="portal">
          <Header />
          <main className="pt-main">
            <Suspense fallback={<div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>}>
              <Routes>
                <Route index element={<HomeScreen />} />
                <Route path="report" element={<ReportScreen />} />
                <Route path="track" element={<TrackScreen />} />
                <Route path="track/:caseNo" element={<TrackScreen />} />
                <Route path="points" element={<PointsScreen />} />
                <Route path="facilities" element={<FacilitiesScreen />} />
                <Route path="f/:code" element={<FacilityScreen />} />
                <Route path="facility/:code" element={<FacilityScreen />} />
                <Route path="sign" element={<SignScreen />} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </main>
          <nav className="pt-tabs">
            {TABS.map((tab) => (
              <NavLink key={tab.to} to={tab.to} end={tab.to === '/p'} className={({ isActive }) => `pt-tab${isActive ? ' active' : ''}`}
                data-testid={`pt-tab-${tab.to.split('/')[2] ?? 'home'}`}>
                {tab.icon}<span>{t(tab.label)}</span>
              </NavLink>
            ))}
          </nav>
        </div>
      </ConfigProvider>
    </PortalProvider>
  );
}
