import type { Db } from '../db/types.ts';
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.maybeOne<{ n: number }>('select count(*)::int as n from divisions');
  return row!.n === 0;
}
export async function generateDemoCity(_db: Db, _opts: { log?: (msg: string) => void }): Promise<void> {}
