// The frame after login: side menu filtered by permissions, header with who/role/scope, language and logout.
import { useMemo, useState } from 'react';
import { Button, Layout, Menu, Segmented, Space, Typography, type MenuProps } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { tMaybe, useI18n, type Lang } from '../i18n.tsx';
import { isGroup, MENU } from '../routes.tsx';
import { scopeLabel } from '../format.ts';

export default function AppLayout() {
  const { me, can, logout } = useAuth();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const items = useMemo<MenuProps['items']>(() => MENU.flatMap((entry) => {
    if (isGroup(entry)) {
      const children = entry.pages.filter((p) => !p.hidden && can(p.permission)).map((p) => ({ key: p.path, icon: p.icon, label: t(p.label) }));
      return children.length ? [{ key: entry.key, icon: entry.icon, label: t(entry.label), children }] : [];
    }
    return !entry.hidden && can(entry.permission) ? [{ key: entry.path, icon: entry.icon, label: t(entry.label) }] : [];
  }), [can, t]);

  const selected = location.pathname;
  const groupKeys = MENU.filter(isGroup).map((g) => g.key);
  const fullBleed = selected === '/map';

  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} theme="dark">
        <div data-testid="brand" style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#fff',
          fontWeight: 600, fontSize: collapsed ? 14 : 15, whiteSpace: 'nowrap', overflow: 'hidden', padding: '0 8px' }}>
          {collapsed ? 'CityOps' : t('appName')}
        </div>
        <Menu theme="dark" mode="inline" items={items} selectedKeys={[selected]}
          defaultOpenKeys={groupKeys}
          onClick={({ key }) => navigate(key)} data-testid="side-menu" />
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header style={{ background: '#fff', padding: '0 20px', display: 'flex', alignItems: 'center',
          justifyContent: 'flex-end', borderBottom: '1px solid #f0f0f0', height: 56, lineHeight: '56px' }}>
          <Space size="middle">
            <Typography.Text data-testid="who">
              {me?.user?.displayName ?? '-'} · {me && lang === 'en' ? tMaybe(t, `cc_role_${me.role}`, me.roleName) : me?.roleName} · {scopeLabel(me, t)}
            </Typography.Text>
            <Segmented<Lang> size="small" value={lang} onChange={setLang} data-testid="lang-switch"
              options={[{ label: '中文', value: 'zh' }, { label: 'EN', value: 'en' }]} />
            <Button icon={<LogoutOutlined />} size="small" onClick={async () => { await logout(); navigate('/login'); }}>
              {t('logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ overflow: fullBleed ? 'hidden' : 'auto', padding: fullBleed ? 0 : 20, position: 'relative' }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
