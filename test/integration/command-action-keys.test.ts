// Idempotency-Key on case actions: a retried action (its first answer lost) is taken once and answers the first
// result; the key is the sender's own and belongs to one case and action; a refused action claims no key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCaseDriver, type CaseDriver } from '../helpers/command.ts';

describe('case actions with an Idempotency-Key', () => {
  let d: CaseDriver;
  before(async () => { d = await startCaseDriver(); });
  after(async () => { await d?.p.close(); });

  const act = (user: string, id: number, action: string, body: object, key: string) => d.p.request({
    method: 'POST', url: `/api/cases/${id}/actions/${action}`, headers: { ...d.headers[user], 'idempotency-key': key }, payload: body });
  const events = async (id: number, action: string) => Number((await d.p.db.maybeOne<{ n: number }>(
    'select count(*)::int as n from case_events where case_id = $1 and action = $2', [id, action]))!.n);

  it('takes a repeated action once and answers the first result', async () => {
    const c = (await d.report('collector1')).body;
    const first = await act('acceptor1', c.id, 'accept', { version: c.version }, 'accept-key-0001');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.headers['idempotent-replayed'], undefined);
    // the answer was lost: the same request again, with the version the sender still holds
    const again = await act('acceptor1', c.id, 'accept', { version: c.version }, 'accept-key-0001');
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual([again.body.stage, again.body.version], [first.body.stage, first.body.version]);
    assert.equal(await events(c.id, 'accept'), 1);
    // without the key the stale version is refused as before
    const stale = await d.act('acceptor1', c.id, 'accept', { version: c.version });
    assert.deepEqual([stale.status, stale.body.code], [409, 'STALE_VERSION']);
  });

  it('takes it once when both sendings arrive at the same time', async () => {
    const c = (await d.report('collector1')).body;
    const both = await Promise.all([0, 1].map(() => act('acceptor1', c.id, 'accept', { version: c.version }, 'racing-key-0004')));
    assert.deepEqual(both.map((r) => r.status), [200, 200], JSON.stringify(both.map((r) => r.body)));
    assert.deepEqual(both.map((r) => r.headers['idempotent-replayed'] ?? 'first').sort(), ['first', 'true']);
    assert.equal(await events(c.id, 'accept'), 1);
  });

  it('keeps a key to its sender, its case and its action', async () => {
    const a = (await d.report('collector1')).body;
    const b = (await d.report('collector1')).body;
    assert.equal((await act('acceptor1', a.id, 'accept', { version: a.version }, 'shared-key-0002')).status, 200);
    const otherCase = await act('acceptor1', b.id, 'accept', { version: b.version }, 'shared-key-0002');
    assert.deepEqual([otherCase.status, otherCase.body.code], [409, 'IDEMPOTENCY_KEY_REUSED']);
    // another user's identical key is theirs alone: the 值班长 files the first case with it
    const accepted = await d.get('shift1', a.id);
    assert.equal(accepted.stage, 'to_file');
    const mine = await act('shift1', a.id, 'file', { version: accepted.version }, 'shared-key-0002');
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.equal(mine.headers['idempotent-replayed'], undefined);
    assert.equal((await act('acceptor1', a.id, 'reject', { version: a.version + 1, opinion: 'x', rejectReason: 'out_of_scope' },
      'shared-key-0002')).body.code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('claims nothing when the action is refused, so the corrected request may use the key', async () => {
    const c = (await d.report('collector1')).body;
    const refused = await act('acceptor1', c.id, 'accept', { version: c.version + 5 }, 'retry-key-0003');
    assert.equal(refused.status, 409);
    const ok = await act('acceptor1', c.id, 'accept', { version: c.version }, 'retry-key-0003');
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.headers['idempotent-replayed'], undefined);
    assert.equal(await events(c.id, 'accept'), 1);
    assert.equal((await act('acceptor1', c.id, 'accept', { version: c.version }, 'k')).status, 400);   // too short
  });
});
