// Writes to divisions, grids, roads or landmarks tell every node to reload its spatial index: the event goes
// out inside the transaction (delivered on commit), and this node also drops its own cache at once.
import type { Queryable } from '../db/types.ts';
import type { AppContext } from '../server/context.ts';
import { getSpatialService } from './spatial/service.ts';

export type BaseContext = Pick<AppContext, 'db' | 'events'>;
export type BaseWhat = 'divisions' | 'grids' | 'roads' | 'landmarks';

export async function publishBaseChanged(ctx: BaseContext, tx: Queryable, what: BaseWhat): Promise<void> {
  await ctx.events.publish(tx, 'base.changed', { what });
}

/** Runs fn in one transaction that also announces the change; drops this node's spatial cache after commit. */
export async function writeBase<T>(ctx: BaseContext, what: BaseWhat, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction(async (tx) => {
    const value = await fn(tx);
    await publishBaseChanged(ctx, tx, what);
    return value;
  });
  getSpatialService(ctx).invalidate();
  return result;
}
