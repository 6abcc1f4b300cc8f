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

type AuditContent = Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>;

/** The hashed text of a row without its id: keys are sorted, so `id` comes last and the text ends `,"id":`. */
function contentBeforeId(r: AuditContent): string {
  const content = stringify({
    at: new Date(r.at).toISOString(), actor_id: r.actor_id, actor_name: r.actor_name,
    actor_role: r.actor_role, action: r.action, entity: r.entity, entity_id: r.entity_id,
    before: r.before ?? null, after: r.after ?? null,
  });
  return `${content.slice(0, -1)},"id":`;
}

/** sha256 of the previous hash and the row's content (with its id); APPEND computes the same in SQL. */
function rowHash(r: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256').update(r.prev_hash).update(`${contentBeforeId(r)}${Number(r.id)}}`).digest('hex');
}

/**
 * Appends one row in one statement: locks the head, takes the next id, hashes the previous hash with the row's content
 * ($10 is the content text before the id, see contentBeforeId), inserts the row and moves the head.
 */
const APPEND = `
  with head as (select last_id, last_hash from audit_head where id = 1 for update),
  next as (
    select last_id + 1 as id, last_hash as prev_hash,
      encode(sha256(convert_to(last_hash || $10 || (last_id + 1)::text || '}', 'UTF8')), 'hex') as hash
    from head),
  appended as (
    insert into audit_log (id, at, actor_id, actor_name, actor_role, action, entity, entity_id, before, after, prev_hash, hash)
    select id, $1, $2, $3, $4, $5, $6, $7, $8, $9, prev_hash, hash from next)
  update audit_head set last_id = next.id, last_hash = next.hash from next where audit_head.id = 1`;

/** Appends entries inside the caller's transaction, so the record and the change commit together. */
export async function audit(tx: Queryable, actor: Actor, ...entries: AuditEntry[]): Promise<void> {
  const at = new Date(Math.floor(Date.now()));
  for (const e of entries) {
    const row: AuditContent = {
      at, actor_id: actor.id, actor_name: actor.name, actor_role: actor.role,
      action: e.action, entity: e.entity, entity_id: e.entityId == null ? null : String(e.entityId),
      before: e.before === undefined ? null : JSON.parse(JSON.stringify(e.before)),
      after: e.after === undefined ? null : JSON.parse(JSON.stringify(e.after)),
    };
    await tx.query(APPEND, [at.toISOString(), row.actor_id, row.actor_name, row.actor_role, row.action, row.entity, row.entity_id,
      row.before === null ? null : JSON.stringify(row.before), row.after === null ? null : JSON.stringify(row.after),
      contentBeforeId(row)]);
  }
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
