// What base data an actor sees (数据权限): placed records by code prefix, divisions also when they are
// ancestors of the actor's region (a district collector sees the city and district above their streets).
import type { Actor } from '../admin/actor.ts';
import { inScope, likePatterns } from '../admin/scope.ts';
import { forbidden } from '../platform/errors.ts';
import type { SqlFilter } from './sql.ts';

/** The division code a scope prefix stands for: "37" → 370000, "3799" → 379900, longer prefixes are codes. */
export function scopeRootCode(prefix: string): string {
  if (prefix.length === 2) return `${prefix}0000`;
  if (prefix.length === 4) return `${prefix}00`;
  return prefix;
}

/** Codes above a division: community → street → district → city → province. */
export function ancestorCodes(code: string): string[] {
  const out: string[] = [];
  if (code.length === 12) out.push(code.slice(0, 9));
  if (code.length >= 9) out.push(code.slice(0, 6));
  const six = code.slice(0, 6);
  const city = `${six.slice(0, 4)}00`;
  const province = `${six.slice(0, 2)}0000`;
  if (six !== city && six !== province) out.push(city);
  if (six !== province) out.push(province);
  return out;
}

/** Ancestors of every scope root (the roots themselves match by prefix). */
export function scopeAncestors(scope: readonly string[]): string[] {
  return [...new Set(scope.flatMap((p) => ancestorCodes(scopeRootCode(p))))];
}

/** Restricts a code column (grid, component, community …) to the actor's prefixes. */
export function filterByPrefix(filter: SqlFilter, actor: Actor, column: string): void {
  if (actor.scope !== 'all') filter.add(`${column} like any(?)`, likePatterns(actor.scope));
}

/** Restricts a division code column to the actor's subtree and the divisions above it. */
export function filterDivisions(filter: SqlFilter, actor: Actor, column: string): void {
  if (actor.scope === 'all') return;
  filter.add(`(${column} like any(?) or ${column} = any(?))`, likePatterns(actor.scope), scopeAncestors(actor.scope));
}

export function divisionVisible(actor: Actor, code: string): boolean {
  if (actor.scope === 'all') return true;
  return inScope(code, actor.scope) || scopeAncestors(actor.scope).includes(code);
}

/** Throws 403 OUT_OF_SCOPE unless the code lies inside the actor's region. */
export function assertInScope(actor: Actor, code: string, what: string): void {
  if (!inScope(code, actor.scope)) throw forbidden(`${what}不在您的管辖范围内: ${code}`, 'OUT_OF_SCOPE');
}

/** City-wide data (catalogue, roads, landmarks) may be changed only by city-level (or system) actors. */
export function isCityWide(actor: Actor): boolean {
  return actor.scope === 'all' || actor.scope.some((p) => p.length <= 4);
}

export function assertCityWide(actor: Actor, what: string): void {
  if (!isCityWide(actor)) throw forbidden(`只有市级管理员可以维护${what}`, 'OUT_OF_SCOPE');
}
