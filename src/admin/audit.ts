// Hash-chained audit log (审计日志): each row's hash covers its content and the previous row's hash,
// so changing, removing or reordering any row breaks the chain. audit_head serialises writers across nodes.
import { createHash } from 'node:crypto';
import stringify from 'fast-json-stable-stringify';
import type { Db, Queryable } from '../db/types.ts';
import type { Actor } from './actor.ts';

export interface AuditEntry {
  action: string;        // create | update | delete | import | login | ...
  entity: string;        // table-like name: unit_grid, component, user ...
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

interface AuditRow {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string;
  actor_role: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

function rowHash(r: Omit<AuditRow, 'hash'>): string {
  const content = stringify({
    id: Number(r.id), at: new Date(r.at).toISOString(), actor_id: r.actor_id, actor_name: r.actor_name,
    actor_role: r.actor_role, action: r.action, entity: r.entity, entity_id: r.entity_id,
    before: r.before ?? null, after: r.after ?? null,
  });
  return createHash('sha256').update(r.prev_hash).update(content).digest('hex');
}

/** Appends entries inside the caller's transaction, so the record and the change commit together. */
export async function audit(tx: Queryable, actor: Actor, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const head = await tx.maybeOne<{ last_id: number; last_hash: string }>(
    'select last_id, last_hash from audit_head where id = 1 for update',
  );
  let prevHash = head!.last_hash;
  let lastId = Number(head!.last_id);
  const at = new Date(Math.floor(Date.now()));
  const rows: AuditRow[] = [];
  for (const e of entries) {
    const row = {
      id: ++lastId, at, actor_id: actor.id, actor_name: actor.name, actor_role: actor.role,
      action: e.action, entity: e.entity, entity_id: e.entityId == null ? null : String(e.entityId),
      before: e.before === undefined ? null : JSON.parse(JSON.stringify(e.before)),
      after: e.after === undefined ? null : JSON.parse(JSON.stringify(e.after)),
      prev_hash: prevHash,
    };
    const hash = rowHash(row);
    rows.push({ ...row, hash });
    prevHash = hash;
  }
  await tx.query(
    `insert into audit_log (id, at, actor_id, actor_name, actor_role, action, entity, entity_id, before, after, prev_hash, hash)
     select * from json_populate_recordset(null::audit_log, $1::json)`,
    [JSON.stringify(rows)],
  );
  await tx.query('update audit_head set last_id = $1, last_hash = $2 where id = 1', [lastId, prevHash]);
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBadId?: number;
  reason?: string;
}

/** Walks the whole chain in id order; reports the first row that breaks it. */
export async function verifyAudit(db: Db, onProgress?: (checked: number, total: number) => void): Promise<AuditVerifyResult> {
  const total = Number((await db.maybeOne<{ n: number }>('select count(*)::int as n from audit_log'))!.n);
  const head = (await db.maybeOne<{ last_id: number; last_hash: string }>('select last_id, last_hash from audit_head'))!;
  let prevHash = '0'.repeat(64);
  let expectedId = 1;
  let checked = 0;
  const PAGE = 5000;
  for (;;) {
    const rows = await db.query<AuditRow>(
      'select * from audit_log where id >= $1 order by id limit $2', [expectedId, PAGE]);
    for (const r of rows) {
      const id = Number(r.id);
      if (id !== expectedId) return { ok: false, checked, firstBadId: expectedId, reason: `缺少第 ${expectedId} 条记录` };
      if (r.prev_hash !== prevHash) return { ok: false, checked, firstBadId: id, reason: `第 ${id} 条的前序哈希与链不符` };
      if (rowHash(r) !== r.hash) return { ok: false, checked, firstBadId: id, reason: `第 ${id} 条内容被修改` };
      prevHash = r.hash;
      expectedId++;
      checked++;
    }
    onProgress?.(checked, total);
    if (rows.length < PAGE) break;
  }
  if (Number(head.last_id) !== checked || head.last_hash !== prevHash) {
    return { ok: false, checked, firstBadId: checked + 1, reason: '链尾与记录不符：末尾记录被删除或追加了未登记的记录' };
  }
  return { ok: true, checked };
}
