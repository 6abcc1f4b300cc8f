import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autoDispatchFor } from '../../src/command/rules/auto-dispatch.ts';
import { componentRouting } from '../../src/command/routing.ts';

const routing = { source: 'rules', lead: [{ departmentId: 7, ruleId: 31 }], assist: [{ departmentId: 9, ruleId: 32 }], autoDispatch: true };

test('机器派单 when a case is filed into 待派遣 and its single rule says so', () => {
  assert.deepEqual(autoDispatchFor('file', 'to_dispatch', routing), { leadDepartmentId: 7, assistDepartmentIds: [9], ruleId: 31 });
  assert.deepEqual(autoDispatchFor('accept', 'to_dispatch', routing)?.leadDepartmentId, 7);   // 受理即立案
  const owner = { source: 'component', lead: [{ departmentId: 5, ruleId: 40 }], assist: [], autoDispatch: true };
  assert.deepEqual(autoDispatchFor('file', 'to_dispatch', owner), { leadDepartmentId: 5, assistDepartmentIds: [], ruleId: 40 });
});

test('no 机器派单 otherwise', () => {
  assert.equal(autoDispatchFor('accept', 'to_file', routing), null);                       // not filed yet
  assert.equal(autoDispatchFor('approve_return', 'to_dispatch', routing), null);           // a department said "not ours"
  assert.equal(autoDispatchFor('file', 'to_dispatch', { ...routing, autoDispatch: false }), null);
  assert.equal(autoDispatchFor('file', 'to_dispatch', { ...routing, lead: [...routing.lead, { departmentId: 8, ruleId: 33 }] }), null);
  assert.equal(autoDispatchFor('file', 'to_dispatch', { ...routing, source: 'none' }), null);
  assert.equal(autoDispatchFor('file', 'to_dispatch', null), null);
  assert.equal(autoDispatchFor('file', 'to_dispatch', {}), null);
});

test('a component owner gets 机器派单 only from its own automatic rule for the type', () => {
  const rules = [
    { id: 1, kind: 'component', typeCode: '01003', divisionCode: '379900', gridCode: null, roadName: null, departmentId: 5, role: 'lead', autoDispatch: true },
    { id: 2, kind: 'component', typeCode: '01003', divisionCode: '379900', gridCode: null, roadName: null, departmentId: 6, role: 'lead', autoDispatch: false },
  ] as const;
  assert.deepEqual(componentRouting(5, rules, 'component', '01003'),
    { source: 'component', lead: [{ departmentId: 5, ruleId: 1 }], assist: [], autoDispatch: true });
  assert.equal(componentRouting(6, rules, 'component', '01003').autoDispatch, false);
  assert.equal(componentRouting(5, rules, 'component', '01004').autoDispatch, false);
});
