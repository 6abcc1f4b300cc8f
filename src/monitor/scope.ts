// Data scope of monitor lists: a placed device, camera, alarm or video event is visible when its grid code lies in
// the actor's scope (the same prefix test as every other placed record).
import type { Actor } from '../admin/actor.ts';
import { likePatterns } from '../admin/scope.ts';
import type { SqlFilter } from '../base/sql.ts';

export function scopeFilter(f: SqlFilter, actor: Actor, column: string): void {
  if (actor.scope === 'all') return;
  f.add(`${column} like any(?)`, likePatterns(actor.scope));
}
