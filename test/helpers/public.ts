// Helpers for the public-channel tests: an API key of a scope, and driving a case through the whole loop to 结案.
import assert from 'node:assert/strict';
import type { TestPlatform } from './platform.ts';

export const AFTER = 'b'.repeat(64);

export async function seedAfterPhoto(p: TestPlatform): Promise<void> {
  await p.db.query(`insert into media (hash, content_type, size_bytes, data) values ($1, 'image/jpeg', 3, decode('ffd8ff', 'hex')) on conflict do nothing`, [AFTER]);
}

export async function apiKey(p: TestPlatform, scopes: string[]): Promise<string> {
  const res = await p.request({ method: 'POST', url: '/api/api-keys', headers: await p.loginAs('admin'), payload: { name: `test ${scopes.join(',')}`, scopes } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.key;
}

/** 核实 → 受理 → 立案 → 派遣 → 处置反馈 → 核查 → 结案, as the tiny city's staff. */
export async function closeCase(p: TestPlatform, id: number, closeOpinion = '问题已处理完毕'): Promise<void> {
  const h: Record<string, Record<string, string>> = {};
  for (const u of ['acceptor1', 'collector1', 'shift1', 'dispatcher1', 'handler1']) h[u] = await p.loginAs(u);
  const userId = async (name: string) => Number((await p.db.maybeOne<{ id: number }>('select id from users where username = $1', [name]))!.id);
  const act = async (user: string, action: string, body: Record<string, unknown> = {}) => {
    const v = await p.db.maybeOne<{ version: number }>('select version from cases where id = $1', [id]);
    const res = await p.request({ method: 'POST', url: `/api/cases/${id}/actions/${action}`, headers: h[user], payload: { version: v!.version, ...body } });
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
  };
  await act('acceptor1', 'request_verify', { assigneeUserId: await userId('collector1') });
  await act('collector1', 'verify', { found: true, opinion: '现场属实' });
  await act('acceptor1', 'accept');
  await act('shift1', 'file');
  const dept = await p.db.maybeOne<{ id: number }>("select department_id as id from users where username = 'handler1'");
  await act('dispatcher1', 'dispatch', { leadDepartmentId: Number(dept!.id) });
  await act('handler1', 'handle_feedback', { afterPhotos: [AFTER], opinion: '已处置' });
  await act('acceptor1', 'request_check', { assigneeUserId: await userId('collector1') });
  await act('collector1', 'check_pass', { opinion: '现场已整改' });
  await act('shift1', 'close', { opinion: closeOpinion });
}
