// Demo accounts: every role in the city and in each district, a handler per department, a few citizens.
// All share one password, DEMO_PASSWORD.
import { ROLE_NAMES, type Role } from '../admin/roles.ts';
import { buildDepartments, streetOfficeKey, type DepartmentDef } from './departments.ts';
import { CITY_CODE, CITY_NAME, DISTRICTS, GIVEN_CHARS, SURNAMES } from './names.ts';
import { DEMO_SEED, Rng } from './random.ts';

export const DEMO_PASSWORD = 'Demo@2026';
export const COLLECTORS_PER_STREET = 2;
const STAFF_ROLES: readonly Role[] = ['admin', 'leader', 'acceptor', 'shift_leader', 'dispatcher', 'inspector'];
const CITIZENS = 5;

export interface AccountSpec {
  username: string;
  role: Role;
  region_code: string | null;
  /** department key (handlers) */
  department: string | null;
  /** where the account works, in Chinese */
  scope: string;
}

export interface DemoAccount { username: string; role: Role; roleName: string; scope: string }

export interface DemoUser extends AccountSpec { display_name: string; phone: string }

export function collectorUsername(abbr: string, n: number): string {
  return `collector_${abbr}${String(n).padStart(2, '0')}`;
}

/** Every demo account; depends only on the static city outline and department list. */
export function accountSpecs(departments: readonly DepartmentDef[]): AccountSpec[] {
  const out: AccountSpec[] = STAFF_ROLES.map((role) => ({
    username: role, role, region_code: CITY_CODE, department: null, scope: `${CITY_NAME}（全市）`,
  }));
  for (const d of DISTRICTS) {
    for (const role of STAFF_ROLES) {
      out.push({ username: `${role}_${d.abbr}`, role, region_code: d.code, department: null, scope: d.name });
    }
    d.streets.forEach((street, s) => {
      for (let k = 1; k <= COLLECTORS_PER_STREET; k++) {
        out.push({
          username: collectorUsername(d.abbr, s * COLLECTORS_PER_STREET + k), role: 'collector', region_code: d.code,
          department: null, scope: `${d.name}（巡查${street}）`,
        });
      }
    });
  }
  for (const dept of departments) {
    out.push({ username: `handler_${dept.key}`, role: 'handler', region_code: null, department: dept.key, scope: dept.name });
  }
  for (let k = 1; k <= CITIZENS; k++) {
    out.push({ username: `citizen${String(k).padStart(2, '0')}`, role: 'citizen', region_code: null, department: null, scope: '公众（市民）' });
  }
  return out;
}

/** Accounts with names and phone numbers (fake, well-formed: 1380379xxxx). */
export function buildUsers(departments: readonly DepartmentDef[], seed: number): DemoUser[] {
  const rng = new Rng(seed, 'users');
  return accountSpecs(departments).map((spec, k) => ({
    ...spec,
    display_name: rng.pick(SURNAMES) + rng.pick(GIVEN_CHARS) + (rng.chance(0.6) ? rng.pick(GIVEN_CHARS) : ''),
    phone: `1380379${String(k + 1).padStart(4, '0')}`,
  }));
}

const NOTABLE_HANDLERS = new Set(['shizheng', 'yuanlin', 'huanwei', 'gongshui', 'jiaojing', 'zx_chengguan', streetOfficeKey('zx', 1)]);

/**
 * The accounts worth listing (README, docs/demo-city.md): the city-level ones, 中心区's, a few handlers and
 * a citizen. The other districts' accounts follow the same names with their own tag (_hd, _xc, _gw).
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = accountSpecs(buildDepartments(DEMO_SEED))
  .filter((a) => (a.role === 'handler' ? NOTABLE_HANDLERS.has(a.department!)
    : a.role === 'citizen' ? a.username === 'citizen01'
      : a.region_code === CITY_CODE || a.username.endsWith('_zx') || a.username === collectorUsername('zx', 1)))
  .map((a) => ({ username: a.username, role: a.role, roleName: ROLE_NAMES[a.role], scope: a.scope }));
