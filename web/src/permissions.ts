// Permission names as the server declares them (src/admin/roles.ts).
export const PERM = {
  baseRead: 'base.read',
  baseWrite: 'base.write',
  userManage: 'user.manage',
  apiKeyManage: 'apikey.manage',
  auditRead: 'audit.read',
} as const;
