// Every page of the console with the permission it needs; the side menu and the router both read this.
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined, AppstoreOutlined, AuditOutlined, BookOutlined, BorderOutlined, CalendarOutlined, ClusterOutlined,
  DatabaseOutlined, DesktopOutlined, EditOutlined, FieldTimeOutlined, FileSearchOutlined, GlobalOutlined, HomeOutlined,
  KeyOutlined, NodeIndexOutlined, PhoneOutlined, PictureOutlined, ProfileOutlined, SettingOutlined, SolutionOutlined, TeamOutlined,
  UploadOutlined, UserOutlined, AlertOutlined, ApiOutlined, VideoCameraOutlined, BankOutlined, CloudOutlined, ShopOutlined,
  FundOutlined,
} from '@ant-design/icons';
import type { TKey } from './i18n.tsx';
import { PERM } from './permissions.ts';
import HomePage from './pages/HomePage.tsx';

export interface PageDef {
  path: string;
  label: TKey;
  icon: ReactNode;
  permission?: string;
  /** A route only (e.g. a case's detail), reached by links rather than the side menu. */
  hidden?: boolean;
  /** Drawn without the console frame (the big screen fills the display). */
  bare?: boolean;
  /** Needs no login (the citizen portal); drawn bare. */
  public?: boolean;
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
  { key: 'command', label: 'menuCommand', icon: <SolutionOutlined />, pages: [
    { path: '/cases', label: 'menuCases', icon: <FileSearchOutlined />, permission: PERM.caseRead,
      component: lazy(() => import('./pages/cases/CaseListPage.tsx')) },
    { path: '/cases/new', label: 'menuRegisterCase', icon: <EditOutlined />, permission: PERM.caseReport,
      component: lazy(() => import('./pages/register/RegisterCasePage.tsx')) },
    { path: '/services/shop-signs', label: 'menuShopSigns', icon: <ShopOutlined />, permission: PERM.caseRead,
      component: lazy(() => import('./pages/exchange/ShopSignsPage.tsx')) },
    { path: '/cases/:ref', label: 'menuCaseDetail', icon: <FileSearchOutlined />, permission: PERM.caseRead, hidden: true,
      component: lazy(() => import('./pages/cases/CaseDetailPage.tsx')) },
  ] },
  { path: '/screen', label: 'menuScreen', icon: <DesktopOutlined />, permission: PERM.caseRead, bare: true,
    component: lazy(() => import('./pages/screen/ScreenPage.tsx')) },
  // 城管通: the mobile field app (its own screens under /m/, see web/src/field/)
  { path: '/m/*', label: 'menuField', icon: <DesktopOutlined />, bare: true, hidden: true,
    component: lazy(() => import('./field/FieldApp.tsx')) },
  // 城市啄木鸟: the citizen portal (its own screens under /p/, see web/src/portal/), open without login
  { path: '/p/*', label: 'menuPortal', icon: <GlobalOutlined />, bare: true, hidden: true, public: true,
    component: lazy(() => import('./portal/PortalApp.tsx')) },
  { key: 'monitor', label: 'menuMonitor', icon: <AlertOutlined />, pages: [
    { path: '/monitor/alarms', label: 'menuMonAlarms', icon: <AlertOutlined />, permission: 'monitor.read',
      component: lazy(() => import('./pages/monitor/AlarmsPage.tsx')) },
    { path: '/monitor/devices', label: 'menuMonDevices', icon: <ApiOutlined />, permission: 'monitor.read',
      component: lazy(() => import('./pages/monitor/DevicesPage.tsx')) },
    { path: '/monitor/devices/:id', label: 'menuMonDevice', icon: <ApiOutlined />, permission: 'monitor.read', hidden: true,
      component: lazy(() => import('./pages/monitor/DeviceDetailPage.tsx')) },
    { path: '/monitor/video', label: 'menuMonVideo', icon: <VideoCameraOutlined />, permission: 'monitor.read',
      component: lazy(() => import('./pages/monitor/VideoPage.tsx')) },
    { path: '/monitor/facilities', label: 'menuMonFacilities', icon: <BankOutlined />, permission: 'monitor.read',
      component: lazy(() => import('./pages/monitor/FacilitiesPage.tsx')) },
    { path: '/monitor/facilities/:id', label: 'menuMonFacility', icon: <BankOutlined />, permission: 'monitor.read', hidden: true,
      component: lazy(() => import('./pages/monitor/FacilityDetailPage.tsx')) },
    { path: '/monitor/flood', label: 'menuMonFlood', icon: <CloudOutlined />, permission: 'monitor.read',
      component: lazy(() => import('./pages/monitor/FloodPage.tsx')) },
  ] },
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
  { key: 'evaluation', label: 'menuEvaluation', icon: <AuditOutlined />, pages: [
    { path: '/evaluation/regions', label: 'menuEvaRegions', icon: <GlobalOutlined />, permission: 'evaluation.read',
      component: lazy(() => import('./pages/evaluation/RegionEvaluationPage.tsx')) },
    { path: '/evaluation/departments', label: 'menuEvaDepartments', icon: <TeamOutlined />, permission: 'evaluation.read',
      component: lazy(() => import('./pages/evaluation/DepartmentEvaluationPage.tsx')) },
    { path: '/evaluation/positions', label: 'menuEvaPositions', icon: <UserOutlined />, permission: 'evaluation.read',
      component: lazy(() => import('./pages/evaluation/PositionEvaluationPage.tsx')) },
    { path: '/evaluation/scoring', label: 'menuEvaScoring', icon: <SettingOutlined />, permission: 'evaluation.read',
      component: lazy(() => import('./pages/evaluation/ScoringSettingsPage.tsx')) },
    { path: '/evaluation/city-index', label: 'menuEvaCityIndex', icon: <FundOutlined />, permission: 'evaluation.read',
      component: lazy(() => import('./pages/evaluation/CityIndexPage.tsx')) },
  ] },
  { key: 'analysis', label: 'menuAnalysis', icon: <FileSearchOutlined />, pages: [
    { path: '/analysis/incidence', label: 'menuAnaIncidence', icon: <GlobalOutlined />, permission: 'analysis.read',
      component: lazy(() => import('./pages/analysis/IncidencePage.tsx')) },
    { path: '/analysis/trends', label: 'menuAnaTrends', icon: <FieldTimeOutlined />, permission: 'analysis.read',
      component: lazy(() => import('./pages/analysis/TrendsPage.tsx')) },
    { path: '/analysis/forecast', label: 'menuAnaForecast', icon: <CalendarOutlined />, permission: 'analysis.read',
      component: lazy(() => import('./pages/analysis/ForecastPage.tsx')) },
    { path: '/analysis/focus', label: 'menuAnaFocus', icon: <AuditOutlined />, permission: 'analysis.read',
      component: lazy(() => import('./pages/analysis/FocusPage.tsx')) },
    { path: '/analysis/reports', label: 'menuAnaReports', icon: <ProfileOutlined />, permission: 'analysis.read',
      component: lazy(() => import('./pages/analysis/ReportsPage.tsx')) },
  ] },
  { key: 'system', label: 'menuSystem', icon: <SettingOutlined />, pages: [
    { path: '/system/case-limits', label: 'menuCaseLimits', icon: <FieldTimeOutlined />, permission: PERM.caseRead,
      component: lazy(() => import('./pages/settings/CaseLimitsPage.tsx')) },
    { path: '/system/calendar', label: 'menuCalendar', icon: <CalendarOutlined />, permission: PERM.caseRead,
      component: lazy(() => import('./pages/settings/CalendarPage.tsx')) },
    { path: '/system/workflow', label: 'menuWorkflow', icon: <NodeIndexOutlined />, permission: PERM.caseSettings,
      component: lazy(() => import('./pages/settings/WorkflowPage.tsx')) },
    { path: '/system/map', label: 'menuMapSettings', icon: <PictureOutlined />, permission: PERM.caseSettings,
      component: lazy(() => import('./pages/settings/MapSettingsPage.tsx')) },
    { path: '/system/users', label: 'menuUsers', icon: <UserOutlined />, permission: PERM.userManage,
      component: lazy(() => import('./pages/admin/UsersPage.tsx')) },
    { path: '/system/hotline', label: 'menuHotline', icon: <PhoneOutlined />, permission: PERM.caseSettings,
      component: lazy(() => import('./pages/exchange/HotlinePage.tsx')) },
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
