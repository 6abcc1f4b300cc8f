// 防汛预警 rules: indicator levels, area level, warning transitions, rainfall windows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { areaLevel, DEFAULT_FLOOD_RULES, indicatorLevel, levelOf, nextWarning, rainOver, riverLevelOf, type Observation } from '../../src/monitor/flood/rules.ts';

const obs = (indicator: Observation['indicator'], value: number, extra: Partial<Observation> = {}): Observation =>
  ({ indicator, deviceId: 1, deviceName: 'g', value, unit: '', ...extra });

describe('flood rules', () => {
  it('gives rainfall levels per window', () => {
    assert.equal(indicatorLevel(obs('rain_1h', 19.9)), null);
    assert.equal(indicatorLevel(obs('rain_1h', 20)), 'blue');
    assert.equal(indicatorLevel(obs('rain_1h', 55)), 'orange');
    assert.equal(indicatorLevel(obs('rain_3h', 50)), 'yellow');
    assert.equal(indicatorLevel(obs('rain_3h', 120)), 'red');
    assert.equal(indicatorLevel(obs('rain_24h', 99)), 'blue');
    assert.equal(indicatorLevel(obs('rain_24h', 250)), 'red');
  });

  it('gives river levels against 警戒/保证水位, the section’s own or the defaults', () => {
    assert.equal(riverLevelOf(4.1, 4.5, 5.5, 0.3), null);
    assert.equal(riverLevelOf(4.2, 4.5, 5.5, 0.3), 'blue');
    assert.equal(riverLevelOf(4.5, 4.5, 5.5, 0.3), 'yellow');
    assert.equal(riverLevelOf(5.0, 4.5, 5.5, 0.3), 'orange');
    assert.equal(riverLevelOf(5.5, 4.5, 5.5, 0.3), 'red');
    assert.equal(indicatorLevel(obs('river_level', 3.2, { warningLevel: 3.0, guaranteeLevel: 4.0 })), 'yellow');
    assert.equal(indicatorLevel(obs('river_level', 3.2)), null);   // defaults 4.5 / 5.5
  });

  it('gives ponding levels and ignores missing thresholds', () => {
    assert.equal(indicatorLevel(obs('ponding', 4)), null);
    assert.equal(indicatorLevel(obs('ponding', 30)), 'orange');
    assert.equal(levelOf(100, { yellow: 10 }), 'yellow');
    assert.equal(levelOf(5, {}), null);
  });

  it('takes the highest indicator of an area with its reasons, highest first', () => {
    const a = areaLevel([obs('rain_1h', 25), obs('ponding', 42, { deviceId: 2 }), obs('river_level', 3)]);
    assert.equal(a.level, 'red');
    assert.deepEqual(a.reasons.map((r) => [r.indicator, r.level]), [['ponding', 'red'], ['rain_1h', 'blue']]);
    assert.deepEqual(areaLevel([obs('rain_1h', 1)]), { level: null, reasons: [] });
    assert.equal(areaLevel([]).level, null);
  });

  it('starts and escalates at once, de-escalates and ends only after the hold time', () => {
    const hold = DEFAULT_FLOOD_RULES.holdMinutes;
    const t0 = Date.UTC(2026, 6, 1);
    assert.deepEqual(nextWarning(null, null, t0, hold), { action: 'none' });
    assert.deepEqual(nextWarning(null, 'yellow', t0, hold), { action: 'start', level: 'yellow' });
    assert.deepEqual(nextWarning({ level: 'yellow', lowerSince: null }, 'red', t0, hold), { action: 'escalate', level: 'red' });
    assert.deepEqual(nextWarning({ level: 'yellow', lowerSince: t0 }, 'yellow', t0, hold), { action: 'keep', lowerSince: null });
    assert.deepEqual(nextWarning({ level: 'red', lowerSince: null }, 'blue', t0, hold), { action: 'keep', lowerSince: t0 });
    assert.deepEqual(nextWarning({ level: 'red', lowerSince: t0 }, 'blue', t0 + 29 * 60_000, hold), { action: 'keep', lowerSince: t0 });
    assert.deepEqual(nextWarning({ level: 'red', lowerSince: t0 }, 'blue', t0 + 30 * 60_000, hold), { action: 'deescalate', level: 'blue' });
    assert.deepEqual(nextWarning({ level: 'red', lowerSince: t0 }, null, t0 + 31 * 60_000, hold), { action: 'end' });
    assert.deepEqual(nextWarning({ level: 'red', lowerSince: t0 }, null, t0, 0), { action: 'end' });
  });

  it('sums rainfall over the last hours', () => {
    assert.equal(rainOver([10, 20, 30.25, 5], 3), 55.3);
    assert.equal(rainOver([1, 2], 24), 3);
    assert.equal(rainOver([], 3), 0);
  });
});
