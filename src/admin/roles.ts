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
} as const;
export type Permission = string;

const STAFF_READ = [PERMISSIONS.baseRead];
const CASE_WORK = [PERMISSIONS.caseRead, PERMISSIONS.caseAct];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  collector: [...STAFF_READ, ...CASE_WORK, PERMISSIONS.caseReport],
  acceptor: [...STAFF_READ, PERMISSIONS.personalData, ...CASE_WORK, PERMISSIONS.caseReport],
  shift_leader: [...STAFF_READ, PERMISSIONS.personalData, ...CASE_WORK],
  dispatcher: [...STAFF_READ, PERMISSIONS.personalData, ...CASE_WORK],
  handler: [...STAFF_READ, ...CASE_WORK],
  inspector: [...STAFF_READ, PERMISSIONS.auditRead, ...CASE_WORK],
  leader: [...STAFF_READ, PERMISSIONS.caseRead],
  admin: [...STAFF_READ, PERMISSIONS.baseWrite, PERMISSIONS.userManage, PERMISSIONS.apiKeyManage,
    PERMISSIONS.auditRead, PERMISSIONS.personalData, ...CASE_WORK, PERMISSIONS.caseReport, PERMISSIONS.caseSettings],
  citizen: [],
};

/** Scopes an API key may carry; each maps to the permissions a machine client gets. */
export const API_KEY_SCOPES: Record<string, readonly Permission[]> = {
  'base:read': [PERMISSIONS.baseRead],
  'base:write': [PERMISSIONS.baseRead, PERMISSIONS.baseWrite],
  'case:report': [PERMISSIONS.caseRead, PERMISSIONS.caseReport],   // 视频AI、物联感知 等系统上报
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
