// 城市管理指数 rules: the default tree is valid, bad trees are refused with a reason, raw values score by each method,
// a region's index weighs dimensions and indicators (leaving out what has no value), districts rank, weak points.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cityFallback, DEFAULT_TREE, rankDistricts, regionIndex, scoreOf, treeProblem, weakPoints, type RawValue } from '../../src/evaluation/city-index/rules.ts';
import { reportModel } from '../../src/evaluation/city-index/report-model.ts';
import type { IndexTree } from '../../src/evaluation/city-index/views.ts';

const clone = (t: IndexTree): IndexTree => structuredClone(t);

describe('城市管理指数 tree', () => {
  it('ships a valid default of the five dimensions, weights adding up to 100', () => {
    assert.equal(treeProblem(DEFAULT_TREE), null);
    assert.deepEqual(DEFAULT_TREE.dimensions.map((d) => d.name), ['干净', '整洁', '有序', '安全', '群众满意']);
    const sources = new Set(DEFAULT_TREE.dimensions.flatMap((d) => d.indicators.map((i) => i.source.kind)));
    assert.deepEqual([...sources].sort(), ['inspection', 'platform', 'questionnaire']);
  });

  it('refuses weights not adding up, duplicate keys, bad bounds, steps and rates', () => {
    const t1 = clone(DEFAULT_TREE); t1.dimensions[0].weight = 30;
    assert.match(treeProblem(t1)!, /维度权重合计必须为 100（现为 105）/);
    const t2 = clone(DEFAULT_TREE); t2.dimensions[1].indicators[0].weight = 10;
    assert.match(treeProblem(t2)!, /“整洁”的指标权重合计必须为 100/);
    const t3 = clone(DEFAULT_TREE); t3.dimensions[1].indicators[1].key = t3.dimensions[0].indicators[0].key;
    assert.match(treeProblem(t3)!, /指标代码无效或重复/);
    const t4 = clone(DEFAULT_TREE); t4.dimensions[2].indicators[1].scoring = { kind: 'linear', worst: 5, best: 5 };
    assert.match(treeProblem(t4)!, /不能相同/);
    const t5 = clone(DEFAULT_TREE); t5.dimensions[2].indicators[0].scoring = { kind: 'steps', steps: [{ upTo: 50, score: 90 }, { upTo: 20, score: 80 }, { upTo: null, score: 0 }] };
    assert.match(treeProblem(t5)!, /递增/);
    const t6 = clone(DEFAULT_TREE); t6.dimensions[2].indicators[0].scoring = { kind: 'steps', steps: [{ upTo: 50, score: 90 }] };
    assert.match(treeProblem(t6)!, /最后一档/);
    const t7 = clone(DEFAULT_TREE); t7.dimensions[3].indicators[1].source = { kind: 'platform', metric: { kind: 'rate', rate: 'nope' } };
    assert.match(treeProblem(t7)!, /未知的比率/);
    const t8 = clone(DEFAULT_TREE); t8.dimensions[0].indicators[0].source = { kind: 'platform', metric: { kind: 'density', types: ['06010'] } };
    assert.match(treeProblem(t8)!, /matter:06010/);
  });
});

describe('城市管理指数 scoring', () => {
  it('scores linear (both directions, clamped), steps and direct', () => {
    assert.equal(scoreOf(80, { kind: 'linear', worst: 60, best: 100 }), 50);
    assert.equal(scoreOf(50, { kind: 'linear', worst: 60, best: 100 }), 0);
    assert.equal(scoreOf(120, { kind: 'linear', worst: 60, best: 100 }), 100);
    assert.equal(scoreOf(110, { kind: 'linear', worst: 200, best: 20 }), 50);   // lower is better
    const steps = { kind: 'steps' as const, steps: [{ upTo: 20, score: 100 }, { upTo: 50, score: 85 }, { upTo: null, score: 30 }] };
    assert.equal(scoreOf(20, steps), 100);
    assert.equal(scoreOf(20.5, steps), 85);
    assert.equal(scoreOf(999, steps), 30);
    assert.equal(scoreOf(87.44, { kind: 'direct' }), 87.4);
    assert.equal(scoreOf(130, { kind: 'direct' }), 100);
    assert.equal(scoreOf(null, { kind: 'direct' }), null);
  });

  const tree: IndexTree = { dimensions: [
    { key: 'clean', name: '干净', weight: 60, indicators: [
      { key: 'a', name: 'A', weight: 50, source: { kind: 'inspection' }, scoring: { kind: 'direct' } },
      { key: 'b', name: 'B', weight: 50, source: { kind: 'platform', metric: { kind: 'rate', rate: 'closureRate' } }, scoring: { kind: 'linear', worst: 80, best: 100 } },
    ] },
    { key: 'satisfied', name: '群众满意', weight: 40, indicators: [
      { key: 'q', name: 'Q', weight: 100, source: { kind: 'questionnaire' }, scoring: { kind: 'direct' } },
    ] },
  ] };
  const v = (raw: number | null, unit = ''): RawValue => ({ raw, unit });

  it('weighs indicators into dimensions and dimensions into the index; contributions add up', () => {
    const r = regionIndex(tree, { code: '379902', name: '中心区', level: 'district' }, new Map([['a', v(80)], ['b', v(90, '%')], ['q', v(70)]]));
    assert.deepEqual(r.dimensions.map((d) => d.score), [65, 70]);      // (80 + 50)/2, 70
    assert.equal(r.total, 67);                                          // 0.6 × 65 + 0.4 × 70
    assert.deepEqual(r.indicators.map((i) => i.effectiveWeight), [30, 30, 40]);
    assert.deepEqual(r.indicators.map((i) => i.contribution), [24, 15, 28]);
    assert.equal(r.indicators.reduce((a, i) => a + i.contribution!, 0), r.total);
  });

  it('leaves out what has no value: the rest of the dimension and the other dimensions carry its weight', () => {
    const r = regionIndex(tree, { code: '379902', name: '中心区', level: 'district' }, new Map([['a', v(80)], ['b', v(null)]]));
    assert.deepEqual(r.dimensions.map((d) => d.score), [80, null]);
    assert.equal(r.total, 80);
    assert.equal(r.indicators[0].effectiveWeight, 100);
    assert.equal(r.indicators[1].score, null);
    const none = regionIndex(tree, { code: '379903', name: '河东区', level: 'district' }, new Map());
    assert.equal(none.total, null);
  });

  it('ranks districts (ties share a rank, the city is not ranked) and names the weak points', () => {
    const mk = (code: string, level: 'city' | 'district', a: number) =>
      regionIndex(tree, { code, name: code, level }, new Map([['a', v(a)], ['b', v(100)], ['q', v(a)]]));
    const rs = [mk('379900', 'city', 70), mk('379902', 'district', 90), mk('379903', 'district', 50), mk('379904', 'district', 90)];
    rankDistricts(rs);
    assert.deepEqual(rs.map((r) => r.rank), [null, 1, 3, 1]);
    const weak = weakPoints(tree, rs);
    assert.deepEqual(weak.map((w) => [w.regionCode, w.indicatorKey, w.score]), [['379903', 'a', 50], ['379903', 'q', 50]]);
    const none = weakPoints(tree, [mk('379900', 'city', 95)]);
    assert.equal(none.length, 3);                                       // no score below 60: the city's lowest three
    assert.equal(none[0].score, 95);
  });

  it('averages district results for the city: by sample size for questionnaires', () => {
    assert.deepEqual(cityFallback([{ value: 80, sample: 100 }, { value: 60, sample: 300 }]), { value: 65, sample: 400 });
    assert.deepEqual(cityFallback([{ value: 80 }, { value: 60 }]), { value: 70, sample: null });
    assert.equal(cityFallback([]), null);
  });

  it('builds the report text: summary, tables, ranking and weak points', () => {
    const rs = [regionIndex(tree, { code: '379900', name: '云河市', level: 'city' }, new Map([['a', v(80)], ['b', v(90)], ['q', v(70)]])),
      regionIndex(tree, { code: '379902', name: '中心区', level: 'district' }, new Map([['a', v(40)], ['q', v(70)]]))];
    rankDistricts(rs);
    const m = reportModel({ year: 2026, period: { from: '2026-01-01', to: '2026-12-31' }, treeIsDefault: true, regions: rs,
      weakPoints: weakPoints(tree, rs) }, '云河市', '2026-11-21 10:00');
    assert.equal(m.title, '云河市2026年度城市管理指数自评报告');
    assert.match(m.summary[0], /城市管理指数为 67\.0 分/);
    assert.deepEqual(m.dimensionTable.header, ['维度', '权重', '云河市', '中心区']);
    assert.deepEqual(m.ranking, [{ label: '中心区', value: rs[1].total }]);
    assert.match(m.weakPoints[0], /中心区「干净」维度的“A”得分 40\.0 分/);
    assert.equal(m.indicatorTable.rows.length, 3);
  });
});
