// 设施健康评估: availability, thresholds reached, the conclusion's status.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { availability, healthConclusion, reachedLevel, type MetricStat } from '../../src/monitor/facilities/health.ts';

const stat = (max: number | null, min: number | null, thresholds: MetricStat['thresholds']): MetricStat =>
  ({ label: '桥·挠度', unit: 'mm', max, min, mean: null, thresholds });
const above = [{ level: 'yellow' as const, value: 30, direction: 'above' as const, rule: 'r' }, { level: 'red' as const, value: 50, direction: 'above' as const, rule: 'r' }];
const none = { blue: 0, yellow: 0, orange: 0, red: 0 };

describe('facility health', () => {
  it('computes availability on an hourly basis', () => {
    assert.equal(availability(0, 0), null);
    assert.equal(availability(18, 24), 0.75);
    assert.equal(availability(30, 24), 1);
  });

  it('finds the highest threshold reached, above or below', () => {
    assert.equal(reachedLevel(stat(29, 1, above)), null);
    assert.equal(reachedLevel(stat(35, 1, above)), 'yellow');
    assert.equal(reachedLevel(stat(55, 1, above)), 'red');
    assert.equal(reachedLevel(stat(0.3, 0.15, [{ level: 'yellow', value: 0.16, direction: 'below', rule: 'r' }])), 'yellow');
    assert.equal(reachedLevel(stat(null, null, above)), null);
  });

  it('says 良好, 基本正常, 需关注 or 无数据', () => {
    const base = { sensors: 2, hoursWithData: 48, hoursExpected: 48, stats: [stat(20, 5, above)], alarms: { total: 0, falseAlarms: 0, byLevel: none } };
    assert.equal(healthConclusion(base).status, '良好');
    assert.equal(healthConclusion({ ...base, hoursWithData: 40 }).status, '基本正常');
    assert.equal(healthConclusion({ ...base, stats: [stat(35, 5, above)] }).status, '基本正常');
    assert.equal(healthConclusion({ ...base, alarms: { total: 1, falseAlarms: 1, byLevel: { ...none, red: 0, yellow: 1 } } }).status, '良好');
    const serious = healthConclusion({ ...base, alarms: { total: 2, falseAlarms: 0, byLevel: { ...none, orange: 1, blue: 1 } } });
    assert.equal(serious.status, '需关注');
    assert.ok(serious.lines[0].includes('橙色 1 次'));
    assert.equal(healthConclusion({ ...base, sensors: 0 }).status, '无数据');
    assert.equal(healthConclusion({ ...base, hoursWithData: 0 }).status, '无数据');
  });
});
