// 综合评价: a period splits into whole China months (read from the monthly totals) and partial-month edges.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { splitPeriod } from '../../src/evaluation/figures-sql.ts';
import type { Period } from '../../src/evaluation/rules/periods.ts';

const p = (from: string, to: string): Period => ({ kind: 'custom', from, to, label: '' });
const spans = (from: string, to: string) => {
  const s = splitPeriod(p(from, to));
  return { months: s.months, edges: s.edges.map((e) => [e.from, e.to]) };
};

it('splits periods into whole months and edges', () => {
  assert.deepEqual(spans('2025-11-01', '2026-10-31'), { months: { first: '2025-11-01', last: '2026-10-01' }, edges: [] });
  assert.deepEqual(spans('2025-11-15', '2026-02-10'),
    { months: { first: '2025-12-01', last: '2026-01-01' }, edges: [['2025-11-15', '2025-11-30'], ['2026-02-01', '2026-02-10']] });
  assert.deepEqual(spans('2024-02-01', '2024-02-29'), { months: { first: '2024-02-01', last: '2024-02-01' }, edges: [] });
  assert.deepEqual(spans('2026-03-31', '2026-05-01'),
    { months: { first: '2026-04-01', last: '2026-04-01' }, edges: [['2026-03-31', '2026-03-31'], ['2026-05-01', '2026-05-01']] });
  assert.deepEqual(spans('2026-04-03', '2026-04-27'), { months: undefined, edges: [['2026-04-03', '2026-04-27']] });
  assert.deepEqual(spans('2026-04-01', '2026-04-29'), { months: undefined, edges: [['2026-04-01', '2026-04-29']] });
  assert.deepEqual(spans('2026-12-02', '2027-01-31'),
    { months: { first: '2027-01-01', last: '2027-01-01' }, edges: [['2026-12-02', '2026-12-31']] });
});
