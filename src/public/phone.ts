// 手机号验证: a six-digit code by SMS (through the notification interface's PushChannel; the default channel only
// logs, which is how the demo shows the code), then a citizen account for that phone and a session token.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { hashPassword } from '../admin/passwords.ts';
import { maskPhone } from '../admin/privacy.ts';
import { LoggingChannel, type PushChannel } from '../command/notifications.ts';
import type { Db } from '../db/types.ts';
import { badRequest } from '../platform/errors.ts';
import { hit, LIMITS } from './rate-limit.ts';
import type { CitizenSession, CodeSent } from './views.ts';

const CODE_MINUTES = 5;
const MAX_TRIES = 5;
const SESSION_DAYS = 30;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let smsChannel: PushChannel | undefined;
/** Replaces the SMS channel (a real gateway, or a test's recorder); the default only logs. */
export function useSmsChannel(channel: PushChannel | undefined): void {
  smsChannel = channel;
}
const channelFor = (log: Logger) => smsChannel ?? new LoggingChannel('短信 sms', log);

export function checkPhone(phone: unknown): string {
  const p = typeof phone === 'string' ? phone.replace(/[\s-]/g, '') : '';
  if (!/^1[3-9]\d{9}$/.test(p)) throw badRequest('INVALID_PHONE', '请输入正确的 11 位手机号');
  return p;
}

export async function requestCode(db: Db, log: Logger, phoneInput: unknown, ip: string): Promise<CodeSent> {
  const phone = checkPhone(phoneInput);
  await hit(db, `code:ip:${ip}`, LIMITS.codePerIp);
  await hit(db, `code:phone:${phone}`, LIMITS.codePerPhone);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.query(
    `insert into public_phone_codes (phone, code_hash, expires_at) values ($1, $2, now() + make_interval(mins => $3))`,
    [phone, sha256(`${phone}:${code}`), CODE_MINUTES]);
  const user = await db.maybeOne<{ id: number }>("select id from users where role = 'citizen' and phone = $1 order by id limit 1", [phone]);
  await channelFor(log).send({ userId: user ? Number(user.id) : 0, phone, caseId: null,
    message: `【城市运行管理服务平台】您的验证码是 ${code}，${CODE_MINUTES} 分钟内有效。如非本人操作请忽略。` });
  return { phone: maskPhone(phone)!, expiresInSeconds: CODE_MINUTES * 60 };
}

/** Checks the latest code for the phone; on success finds or creates the citizen and opens a session. */
export async function verifyCode(db: Db, phoneInput: unknown, code: unknown, ip: string): Promise<CitizenSession> {
  const phone = checkPhone(phoneInput);
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) throw badRequest('INVALID_CODE', '请输入 6 位数字验证码');
  const row = await db.maybeOne<{ id: number; code_hash: string; attempts: number }>(
    `select id, code_hash, attempts from public_phone_codes where phone = $1 and used_at is null and expires_at > now() order by id desc limit 1`, [phone]);
  if (!row || row.attempts >= MAX_TRIES) throw badRequest('CODE_EXPIRED', '验证码已失效，请重新获取');
  if (row.code_hash !== sha256(`${phone}:${code}`)) {
    await db.query('update public_phone_codes set attempts = attempts + 1 where id = $1', [row.id]);
    throw badRequest('CODE_WRONG', '验证码不正确');
  }
  const passwordHash = await hashPassword(randomBytes(24).toString('base64url')); // citizens sign in by code only
  return db.transaction(async (tx) => {
    const used = await tx.query('update public_phone_codes set used_at = now() where id = $1 and used_at is null returning id', [row.id]);
    if (used.length === 0) throw badRequest('CODE_EXPIRED', '验证码已使用，请重新获取');
    let user = await tx.maybeOne<{ id: number; display_name: string }>(
      "select id, display_name from users where role = 'citizen' and phone = $1 and active order by id limit 1", [phone]);
    if (!user) {
      user = await tx.maybeOne<{ id: number; display_name: string }>(
        `insert into users (username, display_name, phone, password_hash, role) values ($1, $2, $3, $4, 'citizen')
         on conflict (username) do update set phone = excluded.phone returning id, display_name`,
        [`p${phone}`, `市民${phone.slice(-4)}`, phone, passwordHash]);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
    await tx.query('insert into sessions (token_hash, user_id, expires_at, ip, user_agent) values ($1, $2, $3, $4, $5)',
      [sha256(token), user!.id, expiresAt.toISOString(), ip, 'citizen-portal']);
    return { token, expiresAt: expiresAt.toISOString(), user: { id: Number(user!.id), displayName: user!.display_name, phone: maskPhone(phone)! } };
  });
}
