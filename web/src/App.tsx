// Providers (antd locale, auth), the router and the permission guard around every page.
import { Suspense } from 'react';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Link, Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';
import AppLayout from './layout/AppLayout.tsx';
import LoginPage from './pages/LoginPage.tsx';
import { PAGES, type PageDef } from './routes.tsx';

function Loading() {
  return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
}

function Guarded({ page }: { page: PageDef }) {
  const { can } = useAuth();
  const { t } = useI18n();
  if (!can(page.permission)) {
    return <Result status="403" title="403" subTitle={t('noPermission')} extra={<Link to="/">{t('backHome')}</Link>} />;
  }
  const Page = page.component;
  return <Suspense fallback={<Loading />}><Page /></Suspense>;
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('notFound')} extra={<Link to="/">{t('backHome')}</Link>} />;
}

/** Pages need a session; framed pages sit inside the console layout, bare ones (the big screen) fill the window. */
function RequireLogin({ bare }: { bare?: boolean }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return bare ? <Outlet /> : <AppLayout />;
}

export default function App() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1668dc', borderRadius: 6 } }}>
      <AntApp style={{ height: '100%' }}>
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              {PAGES.filter((page) => page.public).map((page) => <Route key={page.path} path={page.path} element={<Guarded page={page} />} />)}
              <Route element={<RequireLogin bare />}>
                {PAGES.filter((page) => page.bare && !page.public).map((page) => <Route key={page.path} path={page.path} element={<Guarded page={page} />} />)}
              </Route>
              <Route element={<RequireLogin />}>
                {PAGES.filter((page) => !page.bare).map((page) => <Route key={page.path} path={page.path} element={<Guarded page={page} />} />)}
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
