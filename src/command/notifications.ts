// Notifications of the case loop: every `notify` effect becomes in-app messages (站内消息) for the users it concerns;
// urgent ones are also pushed through the external channels (短信, 企业微信, 钉钉) by a job that runs once after the
// commit. The external channels share one interface; until a city configures real gateways they only log.
import type { Logger } from 'pino';
import type { Queryable } from '../db/types.ts';
import { scheduleJob, type JobRow } from '../platform/jobs.ts';
import type { NotifyTarget } from './rules/outcome.ts';

export const PUSH_JOB = 'notification.push';

export interface PushMessage { userId: number; phone: string | null; message: string; caseId: number | null }

/** An external channel (SMS gateway, WeCom, DingTalk …). */
export interface PushChannel {
  readonly name: string;
  send(message: PushMessage): Promise<void>;
}

/** The default for every external channel: writes what would be sent to the log, sends nothing. */
export class LoggingChannel implements PushChannel {
  constructor(readonly name: string, private readonly log: Logger) {}
  async send(m: PushMessage): Promise<void> {
    this.log.info({ channel: this.name, userId: m.userId, caseId: m.caseId }, `【仅记录日志，未实际发送】${this.name}: ${m.message}`);
  }
}

export function defaultChannels(log: Logger): PushChannel[] {
  return [new LoggingChannel('短信 sms', log), new LoggingChannel('企业微信 wecom', log), new LoggingChannel('钉钉 dingtalk', log)];
}

/** The scope prefix of a user's region, as divisionPrefix() does: 379900 → 3799, 370000 → 37. */
const USER_PREFIX = `(case when length(region_code) = 6 and region_code like '%0000' then left(region_code, 2)
  when length(region_code) = 6 and region_code like '%00' then left(region_code, 4) else region_code end)`;

/** The users a target concerns, as a query over $4 and $5 ($1 is the case) — or null when it concerns nobody. */
function recipients(to: NotifyTarget): { sql: string; params: unknown[] } | null {
  if (to.kind === 'reporters') {
    return { sql: 'select distinct user_id as id from case_reporters where case_id = $1 and user_id is not null', params: [] };
  }
  if (to.kind === 'departments') {
    return { sql: "select id from users where active and role = 'handler' and department_id = any($4)", params: [to.departmentIds] };
  }
  const w = to.waitingOn;
  if (w.userId !== null) return { sql: 'select id from users where active and id = $4', params: [w.userId] };
  if (w.departmentIds.length > 0) {
    return { sql: 'select id from users where active and role = $4 and department_id = any($5)', params: [w.role, w.departmentIds] };
  }
  if (w.regionCode !== null) {
    return { sql: `select id from users where active and role = $4 and region_code is not null and $5 like ${USER_PREFIX} || '%'`,
      params: [w.role, w.regionCode] };
  }
  return null;
}

/** Stores the messages (in the caller's transaction, one statement) and, when urgent, schedules their push. */
export async function notify(tx: Queryable, c: { id: number; case_no: string }, to: NotifyTarget, message: string, urgent: boolean): Promise<number> {
  const users = recipients(to);
  if (!users) return 0;
  const rows = await tx.query<{ id: number }>(
    `insert into notifications (user_id, case_id, message, urgent)
     select u.id, $1, $2, $3 from (${users.sql}) as u returning id`, [c.id, `【${c.case_no}】${message}`, urgent, ...users.params]);
  if (urgent && rows.length > 0) await scheduleJob(tx, { kind: PUSH_JOB, payload: { ids: rows.map((r) => Number(r.id)) } });
  return rows.length;
}

export function pushHandler(channels: readonly PushChannel[]) {
  return async (job: JobRow, tx: Queryable): Promise<void> => {
    const rows = await tx.query<{ user_id: number; phone: string | null; message: string; case_id: number | null }>(
      'select n.user_id, u.phone, n.message, n.case_id from notifications n join users u on u.id = n.user_id where n.id = any($1)',
      [job.payload.ids]);
    for (const r of rows) {
      const m = { userId: Number(r.user_id), phone: r.phone, message: r.message, caseId: r.case_id === null ? null : Number(r.case_id) };
      for (const channel of channels) await channel.send(m);
    }
  };
}

export async function listNotifications(q: Queryable, userId: number, unreadOnly: boolean, limit: number) {
  const rows = await q.query(
    `select * from notifications where user_id = $1 and ($2::boolean is false or read_at is null) order by id desc limit $3`,
    [userId, unreadOnly, limit]);
  const unread = (await q.maybeOne<{ n: number }>('select count(*)::int as n from notifications where user_id = $1 and read_at is null', [userId]))!.n;
  return {
    unread: Number(unread),
    items: rows.map((r) => ({ id: Number(r.id), caseId: r.case_id === null ? null : Number(r.case_id), message: r.message, urgent: r.urgent,
      createdAt: new Date(r.created_at).toISOString(), readAt: r.read_at ? new Date(r.read_at).toISOString() : null })),
  };
}

/** Marks the user's messages read (the given ones, or all). */
export async function markRead(q: Queryable, userId: number, ids?: number[]): Promise<number> {
  const rows = await q.query(
    `update notifications set read_at = now() where user_id = $1 and read_at is null and ($2::bigint[] is null or id = any($2))
     returning id`, [userId, ids ?? null]);
  return rows.length;
}
