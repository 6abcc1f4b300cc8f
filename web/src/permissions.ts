// Permission names as the server declares them (src/admin/roles.ts).
export const PERM = {
  baseRead: 'base.read',
  baseWrite: 'base.write',
  userManage: 'user.manage',
  apiKeyManage: 'apikey.manage',
  auditRead: 'audit.read',
  personalData: 'pii.read',
  caseRead: 'case.read',
  caseReport: 'case.report',
  caseAct: 'case.act',
  caseSettings: 'case.settings',
} as const;
