// 反向控制 (pure): which of a rule's actions run on a change, action checks, device acknowledgements; and the simulator's
// weather and anomalies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../src/demo/random.ts';
import { actionsProblem, actionsToRun, parseAck, type RuleAction } from '../../src/monitor/rules/commands.ts';
import { DRY, nextWeather, readingsOf, startAnomaly } from '../../src/monitor/simulate/patterns.ts';

const VENT: RuleAction = { name: 'start_ventilation', onRaise: true };
const SIREN: RuleAction = { name: 'sound_alarm', atLevel: 'orange' };

describe('rule actions', () => {
  it('runs onRaise on a raise only, atLevel on the change that first reaches the level', () => {
    const names = (from: any, to: any) => actionsToRun([VENT, SIREN], from, to).map((a) => a.name);
    assert.deepEqual(names(null, 'yellow'), ['start_ventilation']);
    assert.deepEqual(names(null, 'red'), ['start_ventilation', 'sound_alarm']);
    assert.deepEqual(names('yellow', 'orange'), ['sound_alarm']);
    assert.deepEqual(names('orange', 'red'), []);
    assert.deepEqual(names('red', 'orange'), []);
    assert.deepEqual(names('yellow', 'yellow'), []);
  });

  it('checks actions', () => {
    assert.equal(actionsProblem([VENT, SIREN]), null);
    assert.equal(actionsProblem([]), null);
    assert.match(actionsProblem({})!, /数组/);
    assert.match(actionsProblem([{ name: 'x' }])!, /指令名/);
    assert.match(actionsProblem([{ name: 'fan_on' }])!, /onRaise 或 atLevel/);
    assert.match(actionsProblem([{ name: 'fan_on', atLevel: 'purple' }])!, /atLevel/);
    assert.match(actionsProblem([{ name: 'fan_on', onRaise: true, params: [1] }])!, /参数/);
    assert.match(actionsProblem(Array(6).fill(VENT))!, /最多/);
  });

  it('reads acknowledgements', () => {
    assert.deepEqual(parseAck({ id: 7 }), { id: 7, ok: true, message: null });
    assert.deepEqual(parseAck({ id: '8', ok: false, message: '风机故障' }), { id: 8, ok: false, message: '风机故障' });
    assert.equal(parseAck({ id: 0 }), null);
    assert.equal(parseAck({ id: 'x' }), null);
    assert.equal(parseAck({ id: 3, ok: 'yes' }), null);
    assert.equal(parseAck('7'), null);
  });
});

describe('simulator patterns', () => {
  it('plays a storm in the flood scenario: rain rises and stops, water follows it', () => {
    const rng = new Rng(1, 'w');
    const span = 3 * 3_600_000;
    let w = DRY;
    let peakRain = 0;
    let peakWet = 0;
    for (let t = 0; t <= span; t += 60_000) {
      w = nextWeather(w, rng, 'flood', t, 60_000, 0, span);
      peakRain = Math.max(peakRain, w.rain);
      peakWet = Math.max(peakWet, w.wet);
    }
    assert.ok(peakRain > 80, `peak ${peakRain}`);
    assert.equal(w.rain, 0);
    assert.ok(peakWet > 20 && w.wet < peakWet);
    const pond = readingsOf({ code: 'P', typeCode: 'road_ponding', metrics: ['depth'] }, 0, { rain: 60, wet: peakWet, river: 0 }, rng, null);
    assert.ok(pond.depth > 27, `ponding ${pond.depth}`);
  });

  it('pushes an anomaly past the red threshold while it lasts', () => {
    const rng = new Rng(2, 'a');
    const gas = { code: 'G', typeCode: 'gas_lel', metrics: ['lel', 'temp'] };
    const normal = readingsOf(gas, 0, DRY, rng, null);
    assert.ok(normal.lel < 10);
    const leak = startAnomaly(gas, rng, 0)!;
    assert.ok(readingsOf(gas, 1000, DRY, rng, leak).lel >= 50);
    assert.ok(readingsOf(gas, leak.untilMs + 1, DRY, rng, leak).lel < 10);
  });
});
