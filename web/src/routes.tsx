// Every page of the console with the permission it needs; the side menu and the router both read this.
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined, AppstoreOutlined, AuditOutlined, BookOutlined, BorderOutlined, ClusterOutlined, DatabaseOutlined,
  GlobalOutlined, HomeOutlined, KeyOutlined, ProfileOutlined, SettingOutlined, TeamOutlined, UploadOutlined, UserOutlined,
} from '@ant-design/icons';
import type { TKey } from './i18n.tsx';
import { PERM } from './permissions.ts';
import HomePage from './pages/HomePage.tsx';

export interface PageDef {
  path: string;
  label: TKey;
  icon: ReactNode;
  permission?: string;
  component: ComponentType | LazyExoticComponent<ComponentType>;
}

export interface MenuGroup {
  key: string;
  label: TKey;
  icon: ReactNode;
  pages: PageDef[];
}

export type MenuEntry = PageDef | MenuGroup;

export const MENU: MenuEntry[] = [
  { path: '/', label: 'menuHome', icon: <HomeOutlined />, component: HomePage },
  { path: '/map', label: 'menuMap', icon: <GlobalOutlined />, permission: PERM.baseRead,
    component: lazy(() => import('./pages/map/MapPage.tsx')) },
  { key: 'base', label: 'menuBase', icon: <DatabaseOutlined />, pages: [
    { path: '/base/divisions', label: 'menuDivisions', icon: <ApartmentOutlined />, permission: PERM.baseRead,
      component: lazy(() => import('./pages/base/DivisionsPage.tsx')) },
    { path: '/base/grids', label: 'menuGrids', icon: <BorderOutlined />, permission: PERM.baseRead,
      component: lazy(() => import('./pages/base/GridsPage.tsx')) },
    { path: '/base/components', label: 'menuComponents', icon: <AppstoreOutlined />, permission: PERM.baseRead,
      component: lazy(() => import('./pages/base/ComponentsPage.tsx')) },
    { path: '/base/catalog', label: 'menuCatalog', icon: <BookOutlined />, permission: PERM.baseRead,
      component: lazy(() => import('./pages/base/CatalogPage.tsx')) },
    { path: '/base/departments', label: 'menuDepartments', icon: <TeamOutlined />, permission: PERM.baseRead,
      component: lazy(() => import('./pages/base/DepartmentsPage.tsx')) },
    { path: '/base/responsibility-grids', label: 'menuResponsibility', icon: <ClusterOutlined />, permission: PERM.baseRead,
      component: lazy(() => import('./pages/base/ResponsibilityGridsPage.tsx')) },
    { path: '/base/responsibility-rules', label: 'menuRules', icon: <ProfileOutlined />, permission: PERM.baseRead,
      component: lazy(() => import('./pages/base/ResponsibilityRulesPage.tsx')) },
  ] },
  { path: '/import', label: 'menuImport', icon: <UploadOutlined />, permission: PERM.baseWrite,
    component: lazy(() => import('./pages/ImportPage.tsx')) },
  { key: 'system', label: 'menuSystem', icon: <SettingOutlined />, pages: [
    { path: '/system/users', label: 'menuUsers', icon: <UserOutlined />, permission: PERM.userManage,
      component: lazy(() => import('./pages/admin/UsersPage.tsx')) },
    { path: '/system/api-keys', label: 'menuApiKeys', icon: <KeyOutlined />, permission: PERM.apiKeyManage,
      component: lazy(() => import('./pages/admin/ApiKeysPage.tsx')) },
    { path: '/system/audit', label: 'menuAudit', icon: <AuditOutlined />, permission: PERM.auditRead,
      component: lazy(() => import('./pages/admin/AuditPage.tsx')) },
  ] },
];

export function isGroup(entry: MenuEntry): entry is MenuGroup {
  return 'pages' in entry;
}

export const PAGES: PageDef[] = MENU.flatMap((e) => (isGroup(e) ? e.pages : [e]));
