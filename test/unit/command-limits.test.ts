// Default 立结案标准: every catalogue type gets usable limits for every stage clock, by category.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { standardCatalog } from '../../src/base/catalog.ts';
import { defaultLimits } from '../../src/command/limits.ts';
import { CLOCKS } from '../../src/command/rules/case-model.ts';
import { limitProblem } from '../../src/command/rules/deadline.ts';

describe('default case limits', () => {
  it('gives every standard type a valid ordinary and urgent limit for every clock', () => {
    for (const t of standardCatalog()) {
      const l = defaultLimits(t.kind, t.code, t.name);
      for (const clock of CLOCKS) {
        assert.equal(limitProblem(l.limits[clock]), null, `${t.code} ${clock}`);
        assert.equal(l.urgentLimits[clock].unit, 'urgent_hours', `${t.code} ${clock}`);
      }
      assert.ok(l.filingCondition.startsWith(t.name) && l.closingCondition.startsWith(t.name));
    }
  });

  it('sets the 处置 limit by category: hazards in hours, ordinary 1–3 工作日, complex 5–10', () => {
    assert.deepEqual(defaultLimits('matter', '01001', '供水井盖异常').limits.handle, { amount: 2, unit: 'urgent_hours' });
    assert.deepEqual(defaultLimits('matter', '06003', '违章接坡').limits.handle, { amount: 1, unit: 'working_days' });
    assert.deepEqual(defaultLimits('matter', '07007', '违规标语宣传品').limits.handle, { amount: 3, unit: 'working_days' });
    assert.deepEqual(defaultLimits('matter', '08005', '施工废弃料').limits.handle, { amount: 5, unit: 'working_days' });
    assert.deepEqual(defaultLimits('matter', '06001', '私搭乱建').limits.handle, { amount: 10, unit: 'working_days' });
    const verify = defaultLimits('matter', '06003', '违章接坡').limits.verify;
    assert.equal(verify.unit, 'minutes');
    assert.ok(verify.amount >= 30 && verify.amount <= 120);
  });
});
