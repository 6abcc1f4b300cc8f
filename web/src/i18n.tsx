// The console's own strings in Chinese (default) and English; antd's texts follow through its locale.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

const DICT = {
  appName: ['城市运行管理服务平台', 'City Operations Platform'],
  // login
  loginTitle: ['登录', 'Sign in'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  usernameRequired: ['请输入用户名', 'Enter your username'],
  passwordRequired: ['请输入密码', 'Enter your password'],
  login: ['登录', 'Sign in'],
  logout: ['退出登录', 'Sign out'],
  loginFooter: ['开源城市运行管理服务平台', 'Open-source city operation and service platform'],
  // menu
  menuHome: ['首页', 'Home'],
  menuMap: ['一张图', 'City map'],
  menuBase: ['基础数据', 'Base data'],
  menuDivisions: ['行政区划', 'Divisions'],
  menuGrids: ['单元网格', 'Unit grids'],
  menuComponents: ['管理部件', 'Components'],
  menuCatalog: ['部件事项目录', 'Catalogue'],
  menuDepartments: ['部门', 'Departments'],
  menuResponsibility: ['责任网格', 'Responsibility grids'],
  menuRules: ['权责清单', 'Responsibility list'],
  typeCodeFilter: ['类型编码', 'Type code'],
  typeCodeHint: ['大类 2 位或类型 5 位数字', '2-digit major or 5-digit type'],
  typeName: ['类型名称', 'Type'],
  ruleWhere: ['适用范围', 'Applies to'],
  responsibleDepartment: ['责任部门', 'Department'],
  ruleRole: ['主办/协办', 'Role'],
  roleLead: ['主办', 'Lead'],
  roleAssist: ['协办', 'Assist'],
  autoDispatch: ['机器派单', 'Auto dispatch'],
  menuImport: ['数据导入', 'Data import'],
  menuSystem: ['系统管理', 'System'],
  menuUsers: ['用户', 'Users'],
  menuApiKeys: ['API 密钥', 'API keys'],
  menuAudit: ['审计日志', 'Audit log'],
  // common
  search: ['搜索', 'Search'],
  reset: ['重置', 'Reset'],
  all: ['全部', 'All'],
  allScope: ['全部区域', 'All regions'],
  noScope: ['无', 'None'],
  create: ['新建', 'New'],
  edit: ['编辑', 'Edit'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  actions: ['操作', 'Actions'],
  detail: ['详情', 'Details'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  enabled: ['启用', 'Enabled'],
  disabled: ['停用', 'Disabled'],
  enable: ['启用', 'Enable'],
  disable: ['停用', 'Disable'],
  status: ['状态', 'Status'],
  name: ['名称', 'Name'],
  code: ['代码', 'Code'],
  level: ['级别', 'Level'],
  total: ['共 {n} 条', '{n} in total'],
  saved: ['已保存', 'Saved'],
  loadFailed: ['加载失败', 'Failed to load'],
  noPermission: ['当前角色无权访问此页面', 'Your role may not open this page'],
  notFound: ['页面不存在', 'Page not found'],
  backHome: ['返回首页', 'Back home'],
  refresh: ['刷新', 'Refresh'],
  language: ['语言', 'Language'],
  // home
  goodMorning: ['早上好', 'Good morning'],
  goodAfternoon: ['下午好', 'Good afternoon'],
  goodEvening: ['晚上好', 'Good evening'],
  yourScope: ['管辖范围', 'Scope'],
  yourRole: ['角色', 'Role'],
  countGrids: ['单元网格', 'Unit grids'],
  countComponents: ['管理部件', 'Components'],
  countCommunities: ['社区', 'Communities'],
  componentStatus: ['部件状态分布', 'Components by status'],
  inYourScope: ['您管辖范围内的基础数据', 'Base data in your scope'],
  // role descriptions (职责)
  role_collector: ['在责任网格内巡查，发现并上报城市管理问题，核实公众举报，核查处置结果。', 'Patrols the assigned grids, reports problems, verifies public reports and checks results.'],
  role_acceptor: ['受理各渠道上报的问题，派发核实、核查任务，登记热线来电。', 'Accepts reports from every channel, sends verification and check tasks, registers hotline calls.'],
  role_shift_leader: ['对受理的问题立案、结案，审批作废。', 'Files and closes cases and approves voiding.'],
  role_dispatcher: ['将案件派遣到责任部门，审批延期、回退与挂账。', 'Dispatches cases to departments and approves extensions, returns and suspensions.'],
  role_handler: ['处置派遣到本单位的案件并反馈结果。', 'Handles the cases dispatched to the department and reports back.'],
  role_inspector: ['督查督办重点与超期案件，查看审计日志。', 'Supervises key and overdue cases and reads the audit log.'],
  role_leader: ['查看城市运行情况与综合评价。', 'Follows city operations and evaluations.'],
  role_admin: ['维护基础数据、用户、密钥与系统设置。', 'Maintains base data, users, keys and settings.'],
  role_citizen: ['通过公众渠道反映问题并查看办理进度。', 'Reports problems and follows their progress.'],
  // divisions
  divisionTree: ['行政区划树', 'Division tree'],
  level_province: ['省', 'Province'],
  level_city: ['市', 'City'],
  level_district: ['区县', 'District'],
  level_street: ['街道', 'Street'],
  level_community: ['社区', 'Community'],
  area: ['面积', 'Area'],
  areaKm2: ['面积（km²）', 'Area (km²)'],
  areaM2: ['面积（m²）', 'Area (m²)'],
  parent: ['上级', 'Parent'],
  gridCountShort: ['{n} 个网格', '{n} grids'],
  // grids
  gridCode: ['网格编码', 'Grid code'],
  gridName: ['网格名称', 'Grid name'],
  community: ['社区', 'Community'],
  street: ['街道', 'Street'],
  district: ['区县', 'District'],
  startDate: ['启用日期', 'Start date'],
  endDate: ['停用日期', 'End date'],
  gridDetail: ['网格详情', 'Grid details'],
  codeOrName: ['编码或名称', 'Code or name'],
  regionFilter: ['所属区域', 'Region'],
  // components
  componentId: ['部件标识码', 'Component id'],
  componentName: ['部件名称', 'Component name'],
  componentType: ['部件类型', 'Type'],
  componentDetail: ['部件详情', 'Component details'],
  ownerDepartment: ['主管部门', 'Owner'],
  maintainer: ['养护单位', 'Maintainer'],
  propertyUnit: ['权属单位', 'Property unit'],
  position: ['位置', 'Position'],
  remark: ['备注', 'Remark'],
  photos: ['照片', 'Photos'],
  noPhotos: ['暂无照片', 'No photos'],
  uploadPhoto: ['上传照片', 'Upload photos'],
  photoUploaded: ['照片已上传', 'Photo uploaded'],
  removePhoto: ['移除照片', 'Remove photo'],
  removePhotoConfirm: ['从部件上移除这张照片？', 'Remove this photo from the component?'],
  // catalog
  kind: ['类别', 'Kind'],
  kind_component: ['部件', 'Component'],
  kind_matter: ['事项', 'Matter'],
  majorClass: ['大类', 'Major class'],
  standard: ['国标', 'Standard'],
  local: ['本地', 'Local'],
  source: ['来源', 'Source'],
  addLocalType: ['新增本地类型', 'Add local type'],
  localCodeHint: ['本地类型的小类编码为 900–999', 'Local types use minor codes 900–999'],
  minorCode: ['小类编码', 'Minor code'],
  // departments
  creditCode: ['统一社会信用代码', 'Credit code'],
  category: ['行业', 'Category'],
  phone: ['电话', 'Phone'],
  mobile: ['手机号', 'Mobile'],
  regions: ['服务区域', 'Regions'],
  shortName: ['简称', 'Short name'],
  level_company: ['企业', 'Company'],
  // responsibility grids
  collector: ['监督员', 'Collector'],
  memberGrids: ['单元网格', 'Unit grids'],
  division: ['所属区划', 'Division'],
  // import
  importKind: ['数据类别', 'Data kind'],
  import_divisions: ['行政区划', 'Divisions'],
  import_grids: ['单元网格', 'Unit grids'],
  import_components: ['管理部件', 'Components'],
  import_roads: ['道路', 'Roads'],
  import_landmarks: ['地标', 'Landmarks'],
  chooseFile: ['选择文件', 'Choose file'],
  importFileHint: ['支持 GeoJSON、CSV、Shapefile（zip）', 'GeoJSON, CSV or zipped Shapefile'],
  validate: ['校验', 'Validate'],
  runImport: ['导入', 'Import'],
  validateOk: ['校验通过：{ok}/{total} 行可以导入', 'Valid: {ok} of {total} rows can be imported'],
  validateFailed: ['校验未通过：{n} 处错误', 'Validation failed: {n} errors'],
  importDone: ['导入完成：写入 {ok} 条（共 {total} 行）', 'Imported {ok} records ({total} rows)'],
  importFailed: ['导入失败，未写入任何数据', 'Import failed; nothing was written'],
  warningCount: ['{n} 条警告（不影响导入）', '{n} warnings (import not blocked)'],
  topoOverlap: ['网格 {a} 与 {b} 重叠 {area} m²', 'Grids {a} and {b} overlap by {area} m²'],
  topoGap: ['社区 {c} 有 {area} m² 未被网格覆盖', 'Community {c} has {area} m² not covered by grids'],
  topoOutside: ['网格 {g} 有 {area} m² 超出所属社区 {c}', 'Grid {g} reaches {area} m² outside community {c}'],
  topoMissing: ['社区 {c} 没有边界，无法检查', 'Community {c} has no boundary to check against'],
  run_done: ['已导入', 'Imported'],
  run_valid: ['校验通过', 'Valid'],
  run_running: ['进行中', 'Running'],
  run_refused: ['已拒绝', 'Refused'],
  run_failed: ['失败', 'Failed'],
  rowErrors: ['逐行错误', 'Row errors'],
  topology: ['拓扑检查', 'Topology findings'],
  row: ['行号', 'Row'],
  field: ['字段', 'Field'],
  errorCode: ['错误代码', 'Code'],
  message: ['说明', 'Message'],
  importHistory: ['导入记录', 'Import history'],
  fileName: ['文件', 'File'],
  totalRows: ['总行数', 'Rows'],
  okRows: ['成功行数', 'Imported'],
  errorCount: ['错误数', 'Errors'],
  startedAt: ['开始时间', 'Started'],
  finishedAt: ['结束时间', 'Finished'],
  operator: ['操作人', 'By'],
  // users
  displayName: ['姓名', 'Name'],
  role: ['角色', 'Role'],
  region: ['所辖区域', 'Region'],
  department: ['所属部门', 'Department'],
  active: ['启用', 'Active'],
  createdAt: ['创建时间', 'Created'],
  newUser: ['新建用户', 'New user'],
  editUser: ['编辑用户', 'Edit user'],
  resetPassword: ['重置密码', 'Reset password'],
  newPassword: ['新密码', 'New password'],
  passwordReset: ['密码已重置', 'Password reset'],
  userCreated: ['用户已创建', 'User created'],
  idNumber: ['身份证号', 'ID number'],
  passwordHint: ['至少 8 位，包含字母和数字', 'At least 8 characters with letters and digits'],
  // api keys
  newApiKey: ['签发密钥', 'Issue key'],
  keyPrefix: ['前缀', 'Prefix'],
  scopes: ['权限范围', 'Scopes'],
  lastUsedAt: ['最近使用', 'Last used'],
  revokedAt: ['吊销时间', 'Revoked'],
  revoke: ['吊销', 'Revoke'],
  revokeConfirm: ['吊销后使用此密钥的系统将无法访问，确定？', 'Systems using this key will lose access. Revoke?'],
  keyCreated: ['密钥已签发', 'Key issued'],
  keyOnce: ['请立即复制保存，密钥只显示这一次。', 'Copy it now: the key is shown only once.'],
  revoked: ['已吊销', 'Revoked'],
  valid: ['有效', 'Valid'],
  // audit
  auditAt: ['时间', 'Time'],
  actor: ['操作人', 'Actor'],
  action: ['动作', 'Action'],
  entity: ['对象', 'Entity'],
  entityId: ['对象编号', 'Entity id'],
  before: ['修改前', 'Before'],
  after: ['修改后', 'After'],
  verify: ['校验', 'Verify'],
  verifyOk: ['哈希链完整：已校验 {n} 条记录', 'Chain intact: {n} records checked'],
  verifyBad: ['哈希链异常：{reason}（第 {id} 条，已校验 {n} 条）', 'Chain broken: {reason} (record {id}, {n} checked)'],
  // map
  layers: ['图层', 'Layers'],
  layer_tiles: ['底图瓦片', 'Base tiles'],
  layer_districts: ['区县界', 'Districts'],
  layer_streets: ['街道界', 'Streets'],
  layer_communities: ['社区界', 'Communities'],
  layer_areas: ['水系绿地', 'Water & parks'],
  layer_roads: ['道路', 'Roads'],
  layer_grids: ['单元网格', 'Unit grids'],
  layer_landmarks: ['地标', 'Landmarks'],
  layer_components: ['管理部件', 'Components'],
  mapSearch: ['网格编码 / 部件标识码 / 地标 / 道路', 'Grid code / component id / landmark / road'],
  locate: ['点选定位', 'Pick a place'],
  locateHint: ['在地图上点击要定位的位置', 'Click a place on the map'],
  locateResult: ['定位结果', 'Position'],
  openDetail: ['查看详情', 'Open details'],
  noResult: ['未找到', 'Nothing found'],
  lonLat: ['经纬度', 'Lon/lat'],
  mapLoading: ['地图加载中…', 'Loading map…'],
  layerLoadFailed: ['图层加载失败：{name}', 'Layer failed to load: {name}'],
  grid: ['网格', 'Grid'],
  landmark: ['地标', 'Landmark'],
  road: ['道路', 'Road'],
  address: ['地址', 'Address'],
  roadClass: ['道路等级', 'Road class'],
  layersFailed: ['部分图层未能加载', 'Some layers failed to load'],
} as const satisfies Record<string, readonly [string, string]>;

export type TKey = keyof typeof DICT;
export type T = (key: TKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: T;
}

const STORAGE_KEY = 'cityops.lang';
const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const t = useCallback<T>((key, vars) => {
    let s: string = DICT[key][lang === 'zh' ? 0 : 1];
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** Looks up a dynamic key (e.g. `level_${level}`), falling back to the raw value. */
export function tMaybe(t: T, key: string, fallback: string): string {
  return key in DICT ? t(key as TKey) : fallback;
}
