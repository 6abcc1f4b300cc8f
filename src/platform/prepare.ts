// Brings a database to the current schema with the standard reference data every city needs.
import { seedCatalog } from '../base/catalog.ts';
import { migrate, type Migration } from '../db/migrate.ts';
import type { Db } from '../db/types.ts';

export async function prepareDatabase(db: Db, onApplied?: (m: Migration) => void): Promise<Migration[]> {
  const applied = await migrate(db, onApplied);
  await db.transaction((tx) => seedCatalog(tx));
  return applied;
}
