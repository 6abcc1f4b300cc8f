// Roles and what each may do. Pure data: the server checks a route's permission against the actor's set.

export const ROLES = [
  'collector',     // 监督员 (信息采集员)
  'acceptor',      // 受理员
  'shift_leader',  // 值班长
  'dispatcher',    // 派遣员
  'handler',       // 处置单位人员
  'inspector',     // 督查员
  'leader',        // 领导 (read only)
  'admin',         // 管理员
  'citizen',       // 公众
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  collector: '监督员',
  acceptor: '受理员',
  shift_leader: '值班长',
  dispatcher: '派遣员',
  handler: '处置单位人员',
  inspector: '督查员',
  leader: '领导',
  admin: '管理员',
  citizen: '公众',
};

/** Permissions the foundation knows; later systems add theirs to ROLE_PERMISSIONS. */
export const PERMISSIONS = {
  baseRead: 'base.read',        // 基础数据查看
  baseWrite: 'base.write',      // 基础数据维护、导入
  userManage: 'user.manage',    // 用户与角色管理
  apiKeyManage: 'apikey.manage',
  auditRead: 'audit.read',
  personalData: 'pii.read',     // 查看完整手机号、身份证号
  caseRead: 'case.read',        // 案件查看（按数据范围）
  caseReport: 'case.report',    // 上报、登记案件
  caseAct: 'case.act',          // 案件办理（受理、派遣、处置……，角色由工作流规则判定）
  caseSettings: 'case.settings', // 立结案标准、工作日历维护
  monitorRead: 'monitor.read',     // 运行监测：设备、读数、告警、视频事件查看
  monitorManage: 'monitor.manage', // 运行监测：设备登记、告警处置、视频事件审核
  monitorIngest: 'monitor.ingest', // 运行监测：读数与视频事件上报（仅 API 密钥）
  analysisRead: 'analysis.read',   // 分析研判：三高、同比环比、预测、焦点问题、运行报告
  analysisIssue: 'analysis.issue', // 分析研判：就焦点问题发提示函
  publicSelf: 'public.self',         // 公众自助：本人举报的跟踪、回访评价、积分
  open311Write: 'open311.write',     // Open311 GeoReport v2 提交诉求（仅 API 密钥）
  hotlineWrite: 'hotline.write',     // 12345 热线工单转办（仅 API 密钥）
  evaluationRead: 'evaluation.read',     // 综合评价：区域、部门、岗位评价查看（按数据范围）
  evaluationManage: 'evaluation.manage', // 综合评价：权重、计数得分表与等级设置
} as const;
export type Permission = string;

const STAFF_READ = [PERMISSIONS.baseRead];
const CASE_WORK = [PERMISSIONS.caseRead, PERMISSIONS.caseAct];
const MONITOR_WORK = [PERMISSIONS.monitorRead, PERMISSIONS.monitorManage];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  collector: [...STAFF_READ, ...CASE_WORK, PERMISSIONS.caseReport],
  acceptor: [...STAFF_READ, PERMISSIONS.personalData, ...CASE_WORK, PERMISSIONS.caseReport, PERMISSIONS.monitorRead, PERMISSIONS.analysisRead, PERMISSIONS.evaluationRead],
  shift_leader: [...STAFF_READ, PERMISSIONS.personalData, ...CASE_WORK, ...MONITOR_WORK, PERMISSIONS.analysisRead, PERMISSIONS.analysisIssue, PERMISSIONS.evaluationRead],
  dispatcher: [...STAFF_READ, PERMISSIONS.personalData, ...CASE_WORK, ...MONITOR_WORK, PERMISSIONS.analysisRead, PERMISSIONS.evaluationRead],
  handler: [...STAFF_READ, ...CASE_WORK, PERMISSIONS.monitorRead],
  inspector: [...STAFF_READ, PERMISSIONS.auditRead, ...CASE_WORK, PERMISSIONS.monitorRead, PERMISSIONS.analysisRead, PERMISSIONS.analysisIssue, PERMISSIONS.evaluationRead],
  leader: [...STAFF_READ, PERMISSIONS.caseRead, PERMISSIONS.monitorRead, PERMISSIONS.analysisRead, PERMISSIONS.evaluationRead],
  admin: [...STAFF_READ, PERMISSIONS.analysisRead, PERMISSIONS.analysisIssue, PERMISSIONS.baseWrite, PERMISSIONS.userManage, PERMISSIONS.apiKeyManage,
    PERMISSIONS.auditRead, PERMISSIONS.personalData, ...CASE_WORK, PERMISSIONS.caseReport, PERMISSIONS.caseSettings, ...MONITOR_WORK,
    PERMISSIONS.evaluationRead, PERMISSIONS.evaluationManage],
  citizen: [PERMISSIONS.caseReport, PERMISSIONS.publicSelf],
};

/** Scopes an API key may carry; each maps to the permissions a machine client gets. */
export const API_KEY_SCOPES: Record<string, readonly Permission[]> = {
  'base:read': [PERMISSIONS.baseRead],
  'base:write': [PERMISSIONS.baseRead, PERMISSIONS.baseWrite],
  'case:report': [PERMISSIONS.caseRead, PERMISSIONS.caseReport],   // 视频AI、物联感知 等系统上报
  'monitor:ingest': [PERMISSIONS.monitorIngest],                    // 物联读数批量上报、AI 视频事件上报
  'open311:write': [PERMISSIONS.open311Write],                      // Open311 GeoReport v2 客户端提交诉求
  'hotline:write': [PERMISSIONS.hotlineWrite],                      // 12345 热线转办工单
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
