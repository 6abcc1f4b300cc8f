// Brings a database to the current schema with the standard reference data every city needs: the catalogue and
// the evaluation counters' rules (the rollup of any case written afterwards — live or bulk — reads them).
import { seedCatalog } from '../base/catalog.ts';
import { syncCountRules } from '../command/counts.ts';
import { migrate, type Migration } from '../db/migrate.ts';
import type { Db } from '../db/types.ts';

export async function prepareDatabase(db: Db, onApplied?: (m: Migration) => void): Promise<Migration[]> {
  const applied = await migrate(db, onApplied);
  await db.transaction((tx) => seedCatalog(tx));
  await db.transaction((tx) => syncCountRules(tx));
  return applied;
}
