import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateReading, initialState, isOffline, ruleProblem, type RuleSpec, type RuleState } from '../../src/monitor/rules/alarm-rules.ts';
import { higher, rank } from '../../src/monitor/rules/levels.ts';

const MIN = 60_000;
const gas: RuleSpec = { kind: 'threshold', metric: 'lel', params: { direction: 'above', levels: { blue: 10, yellow: 20, orange: 35, red: 50 }, forSeconds: 0, hysteresis: 2 } };

/** Feeds (minute, value) pairs; returns each change as text and the final state. */
function run(rule: RuleSpec, points: [number, number][], start: RuleState = initialState()) {
  let state = start;
  const changes: string[] = [];
  for (const [minute, value] of points) {
    const e = evaluateReading(rule, state, minute * MIN, value);
    state = e.state;
    changes.push(e.change.kind === 'none' ? '-' : e.change.kind === 'clear' ? 'clear' : `${e.change.kind}:${e.change.level}`);
  }
  return { changes, state };
}

describe('levels', () => {
  it('orders blue < yellow < orange < red', () => {
    assert.ok(rank('blue') < rank('yellow') && rank('yellow') < rank('orange') && rank('orange') < rank('red'));
    assert.equal(rank(null), -1);
    assert.equal(higher('orange', 'yellow'), 'orange');
    assert.equal(higher(null, 'blue'), 'blue');
  });
});

describe('threshold rule, above', () => {
  it('raises at the highest level reached and escalates, de-escalates and clears', () => {
    const { changes, state } = run(gas, [[0, 5], [1, 12], [2, 25], [3, 60], [4, 30], [5, 15], [6, 3]]);
    assert.deepEqual(changes, ['-', 'raise:blue', 'escalate:yellow', 'escalate:red', 'deescalate:yellow', 'deescalate:blue', 'clear']);
    assert.equal(state.level, null);
  });
  it('jumps straight to red from nothing', () => {
    assert.deepEqual(run(gas, [[0, 51]]).changes, ['raise:red']);
  });
  it('a value exactly at a threshold reaches it', () => {
    assert.deepEqual(run(gas, [[0, 10], [1, 20], [2, 35], [3, 50]]).changes, ['raise:blue', 'escalate:yellow', 'escalate:orange', 'escalate:red']);
  });
  it('keeps the level within the hysteresis band and clears only past it', () => {
    // blue at 10, hysteresis 2: 9 and 8 keep it, 7.9 clears
    assert.deepEqual(run(gas, [[0, 11], [1, 9], [2, 8], [3, 7.9]]).changes, ['raise:blue', '-', '-', 'clear']);
  });
  it('de-escalates only past the hysteresis of the current level', () => {
    // red at 50: 48.5 stays red, 47.9 drops to orange (still ≥ 35)
    assert.deepEqual(run(gas, [[0, 55], [1, 48.5], [2, 47.9]]).changes, ['raise:red', '-', 'deescalate:orange']);
  });
  it('does not flap around a threshold', () => {
    const points: [number, number][] = [[0, 10.5], [1, 9.5], [2, 10.2], [3, 9.1], [4, 10.4], [5, 8.5]];
    assert.deepEqual(run(gas, points).changes, ['raise:blue', '-', '-', '-', '-', '-']);
  });
  it('ignores levels the rule does not set', () => {
    const onlyRed: RuleSpec = { kind: 'threshold', metric: 'open', params: { direction: 'above', levels: { red: 1 }, forSeconds: 0, hysteresis: 0 } };
    assert.deepEqual(run(onlyRed, [[0, 0], [1, 1], [2, 1], [3, 0]]).changes, ['-', 'raise:red', '-', 'clear']);
  });
});

describe('threshold rule, below', () => {
  const o2: RuleSpec = { kind: 'threshold', metric: 'o2', params: { direction: 'below', levels: { yellow: 19.5, red: 18 }, forSeconds: 0, hysteresis: 0.3 } };
  it('raises as the value falls and clears above threshold + hysteresis', () => {
    assert.deepEqual(run(o2, [[0, 20.9], [1, 19.4], [2, 17.9], [3, 18.2], [4, 18.4], [5, 19.7], [6, 19.9]]).changes,
      ['-', 'raise:yellow', 'escalate:red', '-', 'deescalate:yellow', '-', 'clear']);
  });
});

describe('threshold rule held for N minutes', () => {
  const ponding: RuleSpec = { kind: 'threshold', metric: 'depth', params: { direction: 'above', levels: { yellow: 15, red: 40 }, forSeconds: 300, hysteresis: 2 } };
  it('raises only after the condition held for the whole duration', () => {
    assert.deepEqual(run(ponding, [[0, 16], [2, 17], [4, 18], [5, 18]]).changes, ['-', '-', '-', 'raise:yellow']);
  });
  it('starts counting again after a break', () => {
    assert.deepEqual(run(ponding, [[0, 16], [3, 10], [4, 16], [8, 16], [9, 16]]).changes, ['-', '-', '-', '-', 'raise:yellow']);
  });
  it('escalates to a higher level only once that level held for the duration too', () => {
    const { changes } = run(ponding, [[0, 20], [5, 45], [7, 45], [10, 45]]);
    assert.deepEqual(changes, ['-', 'raise:yellow', '-', 'escalate:red']);
  });
  it('clears at once when the value falls past the hysteresis (clearing has no delay)', () => {
    assert.deepEqual(run(ponding, [[0, 20], [5, 20], [6, 12.9]]).changes, ['-', 'raise:yellow', 'clear']);
  });
  it('a spike shorter than the duration raises nothing', () => {
    assert.deepEqual(run(ponding, [[0, 50], [1, 50], [2, 3], [10, 3]]).changes, ['-', '-', '-', '-']);
  });
});

describe('rate-of-change rule', () => {
  const burst: RuleSpec = { kind: 'rate', metric: 'pressure', params: { perMinute: 0.1, level: 'orange', hysteresis: 0.02 } };
  it('needs two readings and compares the change per minute', () => {
    // 0.35 → 0.34 in 1 min (0.01/min), → 0.2 in 1 min (0.14/min), → 0.12 in 1 min (0.08/min stays: above 0.1-0.02),
    // → 0.1 in 2 min (0.01/min clears)
    assert.deepEqual(run(burst, [[0, 0.35], [1, 0.34], [2, 0.2], [3, 0.12], [5, 0.1]]).changes, ['-', '-', 'raise:orange', '-', 'clear']);
  });
  it('counts rises as well as drops, scaled by the time between readings', () => {
    assert.deepEqual(run(burst, [[0, 0.2], [0.5, 0.26]]).changes, ['-', 'raise:orange']);   // 0.06 in 30 s = 0.12/min
    assert.deepEqual(run(burst, [[0, 0.2], [10, 0.5]]).changes, ['-', '-']);                // 0.03/min
  });
});

describe('out-of-order and duplicate readings', () => {
  it('change nothing: they are stored but not evaluated', () => {
    let state = initialState();
    state = evaluateReading(gas, state, 10 * MIN, 12).state;
    const older = evaluateReading(gas, state, 5 * MIN, 99);
    assert.equal(older.change.kind, 'none');
    assert.equal(older.state, state);
    const same = evaluateReading(gas, state, 10 * MIN, 99);
    assert.equal(same.change.kind, 'none');
    assert.equal(evaluateReading(gas, state, 11 * MIN, 99).change.kind, 'escalate');
  });
  it('a state seeded from an active alarm is not raised again', () => {
    const { changes } = run(gas, [[0, 25]], initialState('yellow'));
    assert.deepEqual(changes, ['-']);
  });
});

describe('offline rule', () => {
  const p = { minutes: 30, level: 'blue' as const };
  it('is offline once the last reading (or the registration) is N minutes old', () => {
    assert.equal(isOffline(p, 0, 0, 29 * MIN), false);
    assert.equal(isOffline(p, 0, 0, 30 * MIN), true);
    assert.equal(isOffline(p, null, 10 * MIN, 39 * MIN), false);
    assert.equal(isOffline(p, null, 10 * MIN, 40 * MIN), true);
  });
  it('readings do not evaluate an offline rule', () => {
    const off: RuleSpec = { kind: 'offline', metric: null, params: p };
    assert.equal(evaluateReading(off, initialState(), MIN, 1).change.kind, 'none');
  });
});

describe('rule parameters', () => {
  it('accepts good ones', () => {
    assert.equal(ruleProblem('threshold', gas.params), null);
    assert.equal(ruleProblem('rate', { perMinute: 1, level: 'red', hysteresis: 0 }), null);
    assert.equal(ruleProblem('offline', { minutes: 5, level: 'blue' }), null);
  });
  it('names what is wrong', () => {
    assert.match(ruleProblem('threshold', { ...gas.params, direction: 'up' })!, /direction/);
    assert.match(ruleProblem('threshold', { ...gas.params, levels: {} })!, /至少/);
    assert.match(ruleProblem('threshold', { ...gas.params, levels: { purple: 1 } })!, /blue/);
    assert.match(ruleProblem('threshold', { ...gas.params, levels: { blue: 30, red: 20 } })!, /越大/);
    assert.match(ruleProblem('threshold', { direction: 'below', levels: { blue: 10, red: 20 }, forSeconds: 0, hysteresis: 0 })!, /越小/);
    assert.match(ruleProblem('threshold', { ...gas.params, forSeconds: -1 })!, /持续/);
    assert.match(ruleProblem('threshold', { ...gas.params, hysteresis: 'x' })!, /回差/);
    assert.match(ruleProblem('rate', { perMinute: 0, level: 'red', hysteresis: 0 })!, /变化率/);
    assert.match(ruleProblem('rate', { perMinute: 1, level: 'red', hysteresis: 1 })!, /回差/);
    assert.match(ruleProblem('offline', { minutes: 0, level: 'blue' })!, /离线/);
    assert.match(ruleProblem('offline', { minutes: 5, level: 'pink' })!, /等级/);
  });
});
