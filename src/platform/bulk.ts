// Bulk insert that runs the same on PGlite and PostgreSQL: rows travel as one JSON array per statement.
import type { Queryable } from '../db/types.ts';

export async function bulkInsert(q: Queryable, table: string, rows: object[], options: { chunk?: number; onConflict?: string } = {}): Promise<void> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name ${table}`);
  const chunk = options.chunk ?? 5000;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const columns = Object.keys(part[0]);
    const list = columns.map((c) => `"${c}"`).join(', ');
    await q.query(
      `insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, $1::json) ${options.onConflict ?? ''}`,
      [JSON.stringify(part)],
    );
  }
}
