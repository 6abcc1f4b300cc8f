// The alarm console's reads (routes-console.ts): the list filtered by device type and the counts by level under the
// same filters, both within the data scope.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMonitorEnv, type MonitorEnv } from '../helpers/monitor.ts';

describe('alarm console reads', () => {
  let env: MonitorEnv;
  before(async () => {
    env = await startMonitorEnv();
    const gas = await env.device('GAS-C1', 'gas_lel');
    const drain = await env.device('DRAIN-C1', 'drain_level');
    const gas2 = await env.device('GAS-C2', 'gas_lel');
    const send = (code: string, secret: string, values: Record<string, number>, ts?: string) => env.p.request({ method: 'POST',
      url: '/api/monitor/readings', headers: env.basic(code, secret), payload: { readings: [{ ts, values }] } });
    assert.equal((await send('GAS-C1', gas.secret, { lel: 60 })).status, 200);                 // red
    assert.equal((await send('GAS-C2', gas2.secret, { lel: 12 })).status, 200);                // blue
    // drain level: held 60 s at ≥ 2 m → yellow
    await send('DRAIN-C1', drain.secret, { level: 2.2 }, new Date(Date.now() - 120_000).toISOString());
    await send('DRAIN-C1', drain.secret, { level: 2.2 });
  });
  after(async () => { await env?.p.close(); });

  const get = (url: string, user = env.admin) => env.p.request({ method: 'GET', url, headers: user });

  it('counts active alarms by level, also per device type', async () => {
    const all = await get('/api/monitor/console/alarm-counts?active=true');
    assert.equal(all.status, 200);
    assert.deepEqual(all.body, { total: 3, byLevel: { blue: 1, yellow: 1, orange: 0, red: 1 } });
    const gas = await get('/api/monitor/console/alarm-counts?active=true&type=gas_lel');
    assert.deepEqual(gas.body.byLevel, { blue: 1, yellow: 0, orange: 0, red: 1 });
    const none = await get('/api/monitor/console/alarm-counts?status=archived');
    assert.equal(none.body.total, 0);
  });

  it('lists alarms by device type and level, highest level first', async () => {
    const gas = await get('/api/monitor/alarms?active=true&type=gas_lel');
    assert.equal(gas.body.total, 2);
    assert.deepEqual(gas.body.items.map((a: any) => [a.deviceCode, a.level]), [['GAS-C1', 'red'], ['GAS-C2', 'blue']]);
    assert.deepEqual(gas.body.items[0].actions, ['confirm', 'false_alarm', 'dispatch']);
    assert.equal(gas.body.items[0].events, undefined);
    const yellow = await get('/api/monitor/alarms?level=yellow');
    assert.deepEqual(yellow.body.items.map((a: any) => a.deviceCode), ['DRAIN-C1']);
    const paged = await get('/api/monitor/alarms?pageSize=1&page=2');
    assert.equal(paged.body.total, 3);
    assert.equal(paged.body.items.length, 1);
  });

  it('keeps to the data scope and the permission, and refuses bad filters', async () => {
    const other = await env.p.loginAs('district_admin');    // another district
    assert.equal((await get('/api/monitor/console/alarm-counts', other)).body.total, 0);
    assert.equal((await get('/api/monitor/alarms', other)).body.total, 0);
    assert.equal((await get('/api/monitor/alarms', await env.p.loginAs('collector1'))).status, 403);
    assert.equal((await get('/api/monitor/alarms?type=Bad-Type')).status, 400);
    assert.equal((await get('/api/monitor/console/alarm-counts?status=nope')).status, 400);
  });
});
