// What is evaluated (评价对象): regions at a level, departments, or staff in one position, and how each object's key
// is read from a rollup row (x) — the SQL shared by the KPI tables and the drill-down.
import type { PositionKey } from './rules/figures.ts';

export const REGION_LEVELS = ['district', 'street', 'community', 'grid', 'responsibility'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
export const REGION_LEVEL_NAMES: Record<RegionLevel, string> = {
  district: '区县', street: '街道', community: '社区', grid: '单元网格', responsibility: '责任网格',
};
const PREFIX_LENGTH: Record<Exclude<RegionLevel, 'responsibility'>, number> = { district: 6, street: 9, community: 12, grid: 15 };

export const POSITIONS = ['collector', 'acceptor', 'shift_leader', 'dispatcher'] as const;
export type Position = (typeof POSITIONS)[number];
export const POSITION_NAMES: Record<Position, string> = { collector: '监督员', acceptor: '受理员', shift_leader: '值班长', dispatcher: '派遣员' };

export type EvaluatedObject =
  | { kind: 'region'; level: RegionLevel }
  | { kind: 'department' }
  | { kind: 'position'; role: Position };

export interface KeySql { expr: string; join: string; where: string }

/** The key of a case_counts row (x) for the object, or null when timeline counters are not kept for it. */
export function eventKey(o: EvaluatedObject): KeySql {
  switch (o.kind) {
    case 'region': return regionKey(o.level);
    case 'department': return { expr: 'x.department_id::text', join: '', where: 'x.department_id <> 0' };
    case 'position': return { expr: 'x.actor_id::text', join: '', where: `x.actor_id <> 0 and x.actor_role = '${o.role}'` };
  }
}

/** The key of an evaluation_clock_counts row (x) for the object; positions by whose figure it is. */
export function clockKey(o: EvaluatedObject, position: PositionKey = 'actor'): KeySql {
  switch (o.kind) {
    case 'region': return regionKey(o.level);
    case 'department': return { expr: 'x.department_id::text', join: '', where: 'x.department_id <> 0' };
    case 'position':
      switch (position) {
        case 'actor': return { expr: 'x.actor_id::text', join: '', where: `x.actor_id <> 0 and x.actor_role = '${o.role}'` };
        case 'reporter': return { expr: 'x.reporter_id::text', join: '', where: 'x.reporter_id <> 0' };
        case 'dispatcher': return { expr: 'x.dispatcher_id::text', join: '', where: 'x.dispatcher_id <> 0' };
        case 'gridCollector': return {
          expr: 'rg.collector_id::text',
          join: `join responsibility_grid_members m on m.grid_code = x.grid_code
                 join responsibility_grids rg on rg.code = m.responsibility_code`,
          where: 'rg.collector_id is not null',
        };
      }
  }
}

function regionKey(level: RegionLevel): KeySql {
  if (level === 'responsibility') {
    return { expr: 'm.responsibility_code', join: 'join responsibility_grid_members m on m.grid_code = x.grid_code', where: 'true' };
  }
  return { expr: `left(x.grid_code, ${PREFIX_LENGTH[level]})`, join: '', where: 'true' };
}

/** Which position keys a table needs: every figure of a region or department is keyed the same way. */
export function positionKeysOf(o: EvaluatedObject): readonly PositionKey[] {
  return o.kind === 'position' ? ['actor', 'reporter', 'dispatcher', 'gridCollector'] : ['actor'];
}
