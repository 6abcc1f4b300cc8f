import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchRules, ruleSpecificity, type ResponsibilityRule } from '../../src/base/responsibility-match.ts';

let nextId = 1;
const rule = (p: Partial<ResponsibilityRule>): ResponsibilityRule => ({
  id: nextId++, kind: 'matter', typeCode: '09006', divisionCode: '379900', gridCode: null, roadName: null,
  departmentId: 1, role: 'lead', autoDispatch: false, ...p,
});
const place = { gridCode: '379902001001007', roadNames: ['人民路'] };

describe('权责清单 matching', () => {
  it('ranks grid over road over community over street over district over city', () => {
    const weights = [
      rule({ divisionCode: '379900' }), rule({ divisionCode: '379902' }), rule({ divisionCode: '379902001' }),
      rule({ divisionCode: '379902001001' }), rule({ roadName: '人民路' }), rule({ gridCode: '379902001001007' }),
    ].map((r) => ruleSpecificity(r, place));
    assert.deepEqual([...weights].sort((a, b) => a - b), weights);
    assert.equal(new Set(weights).size, weights.length);
  });

  it('ignores rules for other places, roads, grids and types', () => {
    assert.equal(ruleSpecificity(rule({ divisionCode: '379903' }), place), -1);
    assert.equal(ruleSpecificity(rule({ roadName: '解放路' }), place), -1);
    assert.equal(ruleSpecificity(rule({ gridCode: '379902001001008' }), place), -1);
    const m = matchRules([rule({ typeCode: '09005' })], 'matter', '09006', place);
    assert.deepEqual(m, { lead: [], assist: [] });
  });

  it('lets the most specific lead win and keeps assists apart', () => {
    const city = rule({ departmentId: 10 });
    const street = rule({ divisionCode: '379902001', departmentId: 20 });
    const assist = rule({ divisionCode: '379902', departmentId: 30, role: 'assist' });
    const m = matchRules([city, street, assist], 'matter', '09006', place);
    assert.deepEqual(m.lead.map((r) => r.departmentId), [20]);
    assert.deepEqual(m.assist.map((r) => r.departmentId), [30]);
  });

  it('returns every candidate of equal weight (unknown owner → all candidates)', () => {
    const a = rule({ typeCode: '01001', kind: 'matter', departmentId: 1 });
    const b = rule({ typeCode: '01001', kind: 'matter', departmentId: 2 });
    assert.deepEqual(matchRules([a, b], 'matter', '01001', place).lead.map((r) => r.departmentId), [1, 2]);
  });

  it('drops an assist that is also the lead department', () => {
    const lead = rule({ departmentId: 5 });
    const same = rule({ departmentId: 5, role: 'assist' });
    assert.deepEqual(matchRules([lead, same], 'matter', '09006', place).assist, []);
  });
});
