// Who is acting: a logged-in user, a machine with an API key, or the system itself (timers, imports by CLI).
import type { Permission, Role } from './roles.ts';
import { ROLE_PERMISSIONS } from './roles.ts';

export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  id: number | null;              // user id or api key id
  name: string;
  role: Role | 'machine' | 'system';
  regionCode: string | null;
  departmentId: number | null;
  /** Division-code prefixes this actor may see; 'all' for the system. Empty means nothing. */
  scope: readonly string[] | 'all';
  permissions: ReadonlySet<Permission>;
}

export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  id: null,
  name: '系统',
  role: 'system',
  regionCode: null,
  departmentId: null,
  scope: 'all',
  permissions: new Set(Object.values(ROLE_PERMISSIONS).flat()),
};

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
