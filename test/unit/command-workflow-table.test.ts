// Walks every stage × action × role and checks decide() and allowedActions() against the transition table below,
// which is written out independently of src/command/rules/transitions.ts (and compared with it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES } from '../../src/admin/roles.ts';
import { STAGES, type ActionInput, type CaseState, type Stage, type WorkflowActor, type WorkflowRole } from '../../src/command/rules/case-model.ts';
import { ACTIONS, TRANSITIONS, type Action } from '../../src/command/rules/transitions.ts';
import { allowedActions, decide } from '../../src/command/rules/workflow.ts';

const FILED: Stage[] = ['to_dispatch', 'to_dispatch_2', 'handling', 'return_review', 'extension_review', 'suspend_review',
  'suspended', 'to_check', 'checking', 'to_close'];
const URGENCY: Stage[] = ['reported', 'verifying', 'to_file', 'self_review', ...FILED.filter((s) => s !== 'suspended')];

type Row = { from: Stage[]; roles: WorkflowRole[]; to: Stage | 'same' };
const r = (from: Stage[], roles: WorkflowRole[], to: Stage | 'same'): Row => ({ from, roles, to });

/** The expected table. `to` is the next stage for the fixture below (one-level dispatch, no acceptorFiles). */
const TABLE: Record<Action, Row> = {
  accept: r(['reported'], ['acceptor'], 'to_file'),
  reject: r(['reported'], ['acceptor'], 'rejected'),
  request_verify: r(['reported'], ['acceptor'], 'verifying'),
  verify: r(['verifying'], ['collector'], 'reported'),
  file: r(['to_file'], ['shift_leader'], 'to_dispatch'),
  refuse_file: r(['to_file'], ['shift_leader'], 'rejected'),
  dispatch: r(['to_dispatch', 'to_dispatch_2'], ['dispatcher', 'system'], 'handling'),
  handle_feedback: r(['handling'], ['handler'], 'to_check'),
  assist_feedback: r(['handling'], ['handler'], 'same'),
  request_return: r(['handling'], ['handler'], 'return_review'),
  approve_return: r(['return_review'], ['dispatcher'], 'to_dispatch'),
  deny_return: r(['return_review'], ['dispatcher'], 'handling'),
  request_extension: r(['handling'], ['handler'], 'extension_review'),
  approve_extension: r(['extension_review'], ['dispatcher'], 'handling'),
  deny_extension: r(['extension_review'], ['dispatcher'], 'handling'),
  request_suspend: r(['handling'], ['handler'], 'suspend_review'),
  approve_suspend: r(['suspend_review'], ['dispatcher'], 'suspended'),
  deny_suspend: r(['suspend_review'], ['dispatcher'], 'handling'),
  resume: r(['suspended'], ['dispatcher'], 'handling'),
  request_check: r(['to_check'], ['acceptor'], 'checking'),
  check_pass: r(['checking'], ['collector'], 'to_close'),
  check_fail: r(['checking'], ['collector'], 'handling'),
  close: r(['to_close'], ['shift_leader'], 'closed'),
  void: r(FILED, ['shift_leader', 'admin'], 'voided'),
  supervise: r(FILED, ['inspector', 'shift_leader', 'system'], 'same'),
  self_handle: r(['reported'], ['collector'], 'self_review'),
  approve_self_handle: r(['self_review'], ['acceptor'], 'to_close'),
  deny_self_handle: r(['self_review'], ['acceptor'], 'reported'),
  merge: r(['reported', 'verifying'], ['acceptor', 'system'], 'merged'),
  mark_urgent: r(URGENCY, ['acceptor', 'shift_leader', 'dispatcher'], 'same'),
  revisit: r(['closed'], ['acceptor', 'citizen'], 'same'),
};

const ALL_ROLES: WorkflowRole[] = [...ROLES, 'system', 'machine'];
const ME = 11;
const DEPT = 7;

/** A case where every condition holds for the actor below: it is theirs in every sense. */
function fixture(stage: Stage): CaseState {
  return {
    stage, source: 'collector', urgent: false, regionCode: '379902001001', verification: 'found',
    reporterUserIds: [ME], reporterContact: true, leadDepartmentId: DEPT, assistDepartmentIds: [DEPT],
    dispatchLevel: 1, dispatchRegion: '379902', assigneeUserId: ME,
    requestedExtension: { amount: 1, unit: 'working_days' }, overdue: false,
  };
}
const actorOf = (role: WorkflowRole): WorkflowActor => ({ id: ME, role, departmentId: DEPT, scope: role === 'system' ? 'all' : ['379902'] });
/** Input complete for every action at once (each action reads only its own fields). */
const INPUT: ActionInput = {
  opinion: '意见', beforePhotos: ['sha256-before'], afterPhotos: ['sha256-after'], assigneeUserId: 12,
  leadDepartmentId: 8, assistDepartmentIds: [9], extension: { amount: 2, unit: 'working_days' }, found: true,
  closeType: 'normal', satisfaction: 'satisfied', mergeTarget: { caseId: 99, stage: 'handling' },
};

describe('transition table', () => {
  it('matches the table in the source', () => {
    assert.deepEqual(new Set(ACTIONS), new Set(Object.keys(TABLE)));
    for (const action of ACTIONS) {
      assert.deepEqual(new Set(TRANSITIONS[action].from), new Set(TABLE[action].from), `${action} from`);
      assert.deepEqual(new Set(TRANSITIONS[action].roles), new Set(TABLE[action].roles), `${action} roles`);
    }
  });

  it('decide() agrees with the table for every stage × action × role', () => {
    let checked = 0;
    for (const stage of STAGES) {
      for (const action of ACTIONS) {
        for (const role of ALL_ROLES) {
          const row = TABLE[action];
          const c = fixture(stage);
          const actor = actorOf(role);
          const result = decide(c, action, actor, INPUT);
          const label = `${stage} × ${action} × ${role}`;
          if (!row.from.includes(stage)) {
            assert.equal(result.ok, false, label);
            if (!result.ok) assert.deepEqual([result.code, result.status], ['ILLEGAL_TRANSITION', 409], label);
          } else if (!row.roles.includes(role)) {
            assert.equal(result.ok, false, label);
            if (!result.ok) assert.deepEqual([result.code, result.status], ['FORBIDDEN', 403], label);
          } else {
            assert.equal(result.ok, true, `${label}: ${result.ok ? '' : result.message}`);
            if (result.ok) assert.equal(result.next, row.to === 'same' ? stage : row.to, label);
          }
          assert.equal(allowedActions(c, actor).includes(action), row.from.includes(stage) && row.roles.includes(role), label);
          checked++;
        }
      }
    }
    assert.equal(checked, STAGES.length * ACTIONS.length * ALL_ROLES.length);
  });

  it('refusals list exactly the actions allowed now', () => {
    for (const stage of STAGES) {
      for (const role of ALL_ROLES) {
        const expected = ACTIONS.filter((a) => TABLE[a].from.includes(stage) && TABLE[a].roles.includes(role));
        const probe = ACTIONS.find((a) => !expected.includes(a))!;
        const result = decide(fixture(stage), probe, actorOf(role), INPUT);
        assert.equal(result.ok, false);
        if (!result.ok) assert.deepEqual(result.allowed, expected, `${stage} × ${role}`);
      }
    }
  });

  it('terminal stages allow nothing but 回访 of a closed case', () => {
    for (const stage of ['voided', 'rejected', 'merged'] as const) {
      for (const role of ALL_ROLES) assert.deepEqual(allowedActions(fixture(stage), actorOf(role)), []);
    }
    assert.deepEqual(allowedActions(fixture('closed'), actorOf('acceptor')), ['revisit']);
  });
});
