// 城管通: the mobile field app for collectors (监督员) and department handlers, at /m/ without the console frame.
// A header (back, title, connection, messages), the screen, and a tab bar at the bottom sized for thumbs.
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Badge, Button, Result, Spin, Tag } from 'antd';
import {
  AimOutlined, BellOutlined, EditOutlined, LeftOutlined, MessageOutlined, ProfileOutlined, UnorderedListOutlined, UserOutlined,
} from '@ant-design/icons';
import { Link, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { useI18n, type TKey } from '../i18n.tsx';
import ActionPage from './ActionPage.tsx';
import CasePage from './CasePage.tsx';
import { FieldProvider, useField } from './context.tsx';
import MePage from './MePage.tsx';
import MessagesPage from './MessagesPage.tsx';
import OutboxPage from './OutboxPage.tsx';
import { keepLoadedAssets, usePwa } from './pwa.ts';
import ReportPage from './ReportPage.tsx';
import TasksPage from './TasksPage.tsx';
import './field.css';

const FieldMap = lazy(() => import('./FieldMap.tsx'));
const ROLES = ['collector', 'handler'];

interface Tab { to: string; label: TKey; icon: ReactNode; badge?: 'outbox' | 'unread' }

const TABS: Record<string, Tab[]> = {
  collector: [
    { to: '/m', label: 'fdTabTasks', icon: <UnorderedListOutlined /> },
    { to: '/m/report', label: 'fdTabReport', icon: <EditOutlined />, badge: 'outbox' },
    { to: '/m/map', label: 'fdTabMap', icon: <AimOutlined /> },
    { to: '/m/me', label: 'fdTabMe', icon: <UserOutlined /> },
  ],
  handler: [
    { to: '/m', label: 'fdTabTodo', icon: <ProfileOutlined /> },
    { to: '/m/map', label: 'fdTabMap', icon: <AimOutlined /> },
    { to: '/m/messages', label: 'fdTabMessages', icon: <MessageOutlined />, badge: 'unread' },
    { to: '/m/me', label: 'fdTabMe', icon: <UserOutlined /> },
  ],
};

const TITLES: [RegExp, TKey][] = [
  [/^\/m\/report/, 'fdTitleReport'], [/^\/m\/outbox/, 'fdOutbox'], [/^\/m\/cases\/\d+\/act/, 'fdTitleAction'],
  [/^\/m\/cases\//, 'fdTitleCase'], [/^\/m\/map/, 'fdTabMap'], [/^\/m\/messages/, 'fdTabMessages'], [/^\/m\/me/, 'fdTabMe'],
];

function Header() {
  const { t } = useI18n();
  const { online, unread } = useField();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const deep = /^\/m\/(cases|outbox)/.test(pathname);
  const title = TITLES.find(([re]) => re.test(pathname))?.[1] ?? 'fdAppName';
  return (
    <header className="fd-header">
      {deep
        ? <Button type="text" icon={<LeftOutlined />} onClick={() => navigate(-1)} aria-label={t('fdBack')} className="fd-header-btn" />
        : <span className="fd-header-gap" />}
      <h1 data-testid="fd-title">{t(title)}</h1>
      {!online && <Tag color="orange" data-testid="fd-offline">{t('fdOffline')}</Tag>}
      <Link to="/m/messages" aria-label={t('fdTabMessages')} className="fd-header-btn" data-testid="fd-bell">
        <Badge count={unread} size="small" data-testid="fd-unread"><BellOutlined style={{ fontSize: 20, color: '#fff' }} /></Badge>
      </Link>
    </header>
  );
}

function TabBar({ tabs }: { tabs: Tab[] }) {
  const { t } = useI18n();
  const { outbox, unread } = useField();
  const pending = outbox.filter((r) => r.status !== 'sent').length;
  return (
    <nav className="fd-tabs">
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end={tab.to === '/m'} className={({ isActive }) => `fd-tab${isActive ? ' active' : ''}`}
          data-testid={`fd-tab-${tab.label}`}>
          <Badge count={tab.badge === 'outbox' ? pending : tab.badge === 'unread' ? unread : 0} size="small">{tab.icon}</Badge>
          <span>{t(tab.label)}</span>
        </NavLink>
      ))}
    </nav>
  );
}

export default function FieldApp() {
  const { me } = useAuth();
  const { t } = useI18n();
  usePwa(t('fdAppName'));
  // Load the map's code once in the background, then let the service worker keep everything loaded for offline use.
  // Again when the connection returns, in case the first attempt fell into a dead spot.
  useEffect(() => {
    const warm = () => {
      void Promise.allSettled([import('./FieldMap.tsx'), import('../map/MiniMap.tsx')]).then(keepLoadedAssets);
    };
    const timer = setTimeout(warm, 1500);
    window.addEventListener('online', warm);
    return () => { clearTimeout(timer); window.removeEventListener('online', warm); };
  }, []);
  if (!me?.user || !ROLES.includes(me.role)) {
    return <Result status="info" title={t('fdAppName')} subTitle={t('fdOnlyField')} extra={<Button href="/">{t('fdConsole')}</Button>} />;
  }
  return (
    <FieldProvider>
      <div className="fd-app" data-testid="fd-app">
        <Header />
        <main className="fd-main">
          <Suspense fallback={<Spin />}>
            <Routes>
              <Route index element={<TasksPage />} />
              {me.role === 'collector' && <Route path="report" element={<ReportPage />} />}
              {me.role === 'collector' && <Route path="outbox" element={<OutboxPage />} />}
              <Route path="cases/:id" element={<CasePage />} />
              <Route path="cases/:id/act/:form" element={<ActionPage />} />
              <Route path="map" element={<FieldMap />} />
              <Route path="messages" element={<MessagesPage />} />
              <Route path="me" element={<MePage />} />
              <Route path="*" element={<Result status="404" subTitle={t('notFound')} />} />
            </Routes>
          </Suspense>
        </main>
        <TabBar tabs={TABS[me.role]} />
      </div>
    </FieldProvider>
  );
}
