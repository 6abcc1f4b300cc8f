import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyFigures, ratesOf } from '../../src/evaluation/rules/figures.ts';
import { periodOf } from '../../src/evaluation/rules/periods.ts';
import {
  compositeScore, DEFAULT_SCORING, gradeOf, scoringProblem, stepScore, TABLE_COLUMNS, type ScoringConfig,
} from '../../src/evaluation/rules/scoring.ts';
import { RATE_NAMES } from '../../src/evaluation/kpis.ts';

describe('evaluation periods', () => {
  it('maps a day to its day, Monday-based week, month, quarter and year in China days', () => {
    const p = (kind: any, date: string) => { const r = periodOf(kind, date); assert.ok(r.ok); return [r.period.from, r.period.to, r.period.label]; };
    assert.deepEqual(p('day', '2026-10-15'), ['2026-10-15', '2026-10-15', '2026-10-15']);
    assert.deepEqual(p('week', '2026-10-15').slice(0, 2), ['2026-10-12', '2026-10-18']);   // Thursday → Monday..Sunday
    assert.deepEqual(p('week', '2026-10-18').slice(0, 2), ['2026-10-12', '2026-10-18']);   // a Sunday stays in its week
    assert.deepEqual(p('month', '2026-02-10'), ['2026-02-01', '2026-02-28', '2026年2月']);
    assert.deepEqual(p('quarter', '2026-11-30'), ['2026-10-01', '2026-12-31', '2026年第4季度']);
    assert.deepEqual(p('year', '2024-06-01').slice(0, 2), ['2024-01-01', '2024-12-31']);
  });
  it('checks custom ranges and dates', () => {
    assert.equal(periodOf('custom', undefined, '2026-10-05', '2026-10-01').ok, false);
    assert.equal(periodOf('custom', undefined, '2020-01-01', '2026-10-01').ok, false);
    assert.equal(periodOf('month', '2026-02-30').ok, false);
    const r = periodOf('custom', undefined, '2026-10-01', '2026-10-07');
    assert.ok(r.ok && r.period.to === '2026-10-07');
  });
});

describe('composite scores and grades', () => {
  it('reads count scores from the step table (domain §3 department table)', () => {
    const steps = DEFAULT_SCORING.objects.department.steps;
    assert.deepEqual([0, 50, 51, 100, 101, 200, 201, 500, 501, 1000, 1001].map((n) => stepScore(n, steps)),
      [100, 100, 90, 90, 75, 75, 60, 60, 40, 40, 0]);
  });
  it('ships the reference weights and grade lines', () => {
    const w = (o: keyof typeof DEFAULT_SCORING.objects) => DEFAULT_SCORING.objects[o].indicators.map((i) => i.weight);
    assert.deepEqual(w('collector'), [40, 20, 20, 20]);
    assert.deepEqual(w('acceptor'), [25, 40, 35]);
    assert.deepEqual(w('shift_leader'), [25, 40, 35]);
    assert.deepEqual(w('dispatcher'), [20, 40, 40]);
    assert.deepEqual(w('department'), [10, 30, 30, 30]);
    assert.deepEqual(w('region'), [10, 20, 30, 40]);
    assert.equal(scoringProblem(DEFAULT_SCORING), null);
    assert.deepEqual([95, 90, 89.9, 75, 60, 40, 39.9].map((s) => gradeOf(s, DEFAULT_SCORING.grades)), ['A', 'A', 'B', 'B', 'C', 'D', 'E']);
    assert.equal(gradeOf(null, DEFAULT_SCORING.grades), null);
  });
  it('weights the indicators that have a value, inverts where asked, and scores nothing without any rate', () => {
    const f = { ...emptyFigures(), toHandle: 40, handled: 36, handledOnTime: 30, toClose: 36, closedOfDue: 27, reworked: 9 };
    const s = compositeScore(DEFAULT_SCORING.objects.department, f, ratesOf(f, TABLE_COLUMNS.department.rates), RATE_NAMES);
    // 10 × 100 (40 cases) + 30 × 75 (结案率 27/36) + 30 × 75 (按期处置率 30/40) + 30 × 75 (1 − 返工率 9/36)
    assert.equal(s.score, 77.5);
    assert.deepEqual(s.parts.map((p) => p.label), ['应处置数得分', '结案率', '按期处置率', '1 − 返工率']);
    const none = compositeScore(DEFAULT_SCORING.objects.department, emptyFigures(), ratesOf(emptyFigures(), TABLE_COLUMNS.department.rates), RATE_NAMES);
    assert.equal(none.score, null);
    const partial = { ...emptyFigures(), toHandle: 10, handledOnTime: 5 };   // 结案 and 返工 not due: only 按期处置率 and the count
    assert.equal(compositeScore(DEFAULT_SCORING.objects.department, partial,
      ratesOf(partial, TABLE_COLUMNS.department.rates), RATE_NAMES).score, (10 * 100 + 30 * 50) / 40);
  });
  it('refuses weights not adding up to 100, bad grade lines, bad steps and rates foreign to the object', () => {
    const bad = (change: (c: ScoringConfig) => void) => { const c = structuredClone(DEFAULT_SCORING); change(c); return scoringProblem(c); };
    assert.match(bad((c) => { c.objects.region.indicators[0].weight = 11; }) ?? '', /合计必须为 100/);
    assert.match(bad((c) => { c.grades.B = 95; }) ?? '', /A > B > C > D/);
    assert.match(bad((c) => { c.objects.department.steps = [{ upTo: 10, score: 100 }]; }) ?? '', /最后一档/);
    assert.match(bad((c) => { c.objects.department.steps = [{ upTo: 10, score: 100 }, { upTo: 5, score: 50 }, { upTo: null, score: 0 }]; }) ?? '', /递增/);
    assert.match(bad((c) => { c.objects.collector.indicators[0] = { kind: 'rate', rate: 'reworkRate', invert: false, weight: 40 }; }) ?? '',
      /不适用/);
  });
});
