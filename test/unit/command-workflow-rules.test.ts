// Conditions and Chinese messages of the case workflow: what each refusal says and which HTTP status it maps to.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_WORKFLOW_CONFIG, type ActionInput, type CaseState, type Stage, type WorkflowActor, type WorkflowRole,
} from '../../src/command/rules/case-model.ts';
import { WORKFLOW_ERROR_STATUS } from '../../src/command/rules/failures.ts';
import { ACTIONS, type Action } from '../../src/command/rules/transitions.ts';
import { decide, isAction } from '../../src/command/rules/workflow.ts';

const caseAt = (stage: Stage, over: Partial<CaseState> = {}): CaseState => ({
  stage, source: 'collector', urgent: false, regionCode: '379902001001', verification: 'none', reporterUserIds: [21],
  reporterContact: true, leadDepartmentId: 7, assistDepartmentIds: [8], dispatchLevel: 1, dispatchRegion: null,
  assigneeUserId: 21, requestedExtension: null, overdue: false, ...over,
});
const actor = (role: WorkflowRole, id: number | null = 1, departmentId: number | null = null): WorkflowActor =>
  ({ id, role, departmentId, scope: role === 'system' ? 'all' : ['3799'] });
const refusal = (c: CaseState, action: Action, who: WorkflowActor, input: ActionInput = {}) => {
  const d = decide(c, action, who, input);
  if (d.ok) assert.fail(`${action} should be refused`);
  return { code: d.code, status: d.status, message: d.message, allowed: d.allowed };
};

describe('workflow refusals', () => {
  it('an illegal transition names the stage and lists what can be done now', () => {
    assert.deepEqual(refusal(caseAt('reported'), 'dispatch', actor('acceptor')), {
      code: 'ILLEGAL_TRANSITION', status: 409,
      message: '案件当前为「待受理」，不能派遣；当前可执行：受理、不予受理、派发核实、合并重复案件、设为紧急',
      allowed: ['accept', 'reject', 'request_verify', 'merge', 'mark_urgent'],
    });
    assert.equal(refusal(caseAt('voided'), 'close', actor('shift_leader')).message,
      '案件当前为「已作废」，不能结案；当前没有你可执行的操作');
  });

  it('a wrong role is refused with the role\'s Chinese name', () => {
    assert.deepEqual(refusal(caseAt('reported'), 'accept', actor('dispatcher')),
      { code: 'FORBIDDEN', status: 403, message: '派遣员无权受理', allowed: ['mark_urgent'] });
    assert.equal(refusal(caseAt('reported'), 'accept', actor('machine')).message, '接口客户端无权受理');
    assert.equal(refusal(caseAt('to_file'), 'file', actor('system')).message, '系统无权立案');
    assert.equal(refusal(caseAt('to_close'), 'close', actor('leader')).message, '领导无权结案');
  });

  it('centre staff act only inside their region', () => {
    const outsider: WorkflowActor = { id: 1, role: 'acceptor', departmentId: null, scope: ['379903'] };
    assert.deepEqual(refusal(caseAt('reported'), 'accept', outsider),
      { code: 'OUT_OF_SCOPE', status: 403, message: '案件不在你的管辖区域内', allowed: [] });
  });

  it('departments act only on cases dispatched to them, 协办 only as helpers', () => {
    const c = caseAt('handling');
    assert.equal(refusal(c, 'handle_feedback', actor('handler', 41, 8), { afterPhotos: ['h'] }).message, '案件未派遣给你所在的部门');
    assert.equal(refusal(c, 'assist_feedback', actor('handler', 41, 7), { opinion: 'x' }).message, '你所在的部门不是本案件的协办部门');
    assert.equal(refusal(c, 'handle_feedback', actor('handler', 41, null), { afterPhotos: ['h'] }).code, 'NOT_ASSIGNED');
    assert.equal(refusal(c, 'handle_feedback', actor('handler', 41, 7)).message, '须上传处置后照片');
  });

  it('checks the dispatch target', () => {
    const c = caseAt('to_dispatch', { leadDepartmentId: null, assistDepartmentIds: [] });
    const d = actor('dispatcher');
    assert.deepEqual(refusal(c, 'dispatch', d), { code: 'MISSING_DEPARTMENT', status: 400, message: '请选择主办部门',
      allowed: ['dispatch', 'mark_urgent'] });
    assert.equal(refusal(c, 'dispatch', d, { leadDepartmentId: 7, assistDepartmentIds: [7] }).message, '主办部门不能同时是协办部门');
    assert.equal(refusal(c, 'dispatch', d, { leadDepartmentId: 7, assistDepartmentIds: [8, 8] }).message, '协办部门重复');
    const twoLevel = { ...DEFAULT_WORKFLOW_CONFIG, twoLevelDispatch: true };
    const region = (r: string, extra: ActionInput = {}) => decide(c, 'dispatch', d, { region: r, ...extra }, twoLevel);
    assert.deepEqual(region('3799'), { ok: false, code: 'INVALID_INPUT', status: 400, message: '二级派遣的区域须是 6 位区县代码', allowed: ['dispatch', 'mark_urgent'] });
    assert.equal(region('379900').ok, false);
    assert.equal(region('379902', { leadDepartmentId: 7 }).ok, false);
    assert.equal(region('379902').ok, true);
  });

  it('checks the collector tasks', () => {
    assert.equal(refusal(caseAt('reported'), 'request_verify', actor('acceptor')).message, '请选择执行任务的监督员');
    assert.equal(refusal(caseAt('to_check'), 'request_check', actor('acceptor')).code, 'MISSING_ASSIGNEE');
    assert.equal(refusal(caseAt('verifying'), 'verify', actor('collector', 21)).message, '请填写核实结果：问题是否存在');
    assert.equal(refusal(caseAt('checking'), 'check_pass', actor('collector', 22)).message, '该任务未派给你');
  });

  it('checks the close type against the overdue flag', () => {
    const leader = actor('shift_leader');
    const overdue = caseAt('to_close', { overdue: true });
    assert.deepEqual(refusal(overdue, 'close', leader, { closeType: 'normal' }),
      { code: 'INVALID_CLOSE_TYPE', status: 400, message: '案件已超期，应按超时结案', allowed: ['close', 'void', 'supervise', 'mark_urgent'] });
    const auto = decide(overdue, 'close', leader);
    assert.ok(auto.ok && auto.patch.closeType === 'overdue');
    assert.equal(refusal(caseAt('to_close'), 'close', leader, { closeType: 'overdue' }).message, '案件未超期，不能按超时结案');
    assert.equal(refusal(overdue, 'close', leader, { closeType: 'special' }).message, '差错结案和特殊结案须填写说明');
    const special = decide(overdue, 'close', leader, { closeType: 'special', opinion: '道路改造，原设施已拆除' });
    assert.ok(special.ok && special.patch.closeType === 'special');
    assert.equal(refusal(caseAt('to_close'), 'close', leader, { closeType: 'later' as never }).message, '结案类型无效');
  });

  it('checks the 不予受理 reason', () => {
    assert.equal(refusal(caseAt('reported'), 'reject', actor('acceptor'), { opinion: 'x', rejectReason: 'boring' as never }).message,
      '不予受理原因无效');
  });

  it('maps every code to 400, 403 or 409', () => {
    for (const [code, status] of Object.entries(WORKFLOW_ERROR_STATUS)) {
      const expected = code === 'ILLEGAL_TRANSITION' || ['VERIFICATION_REQUIRED', 'NOT_FOUND_ON_SITE', 'ALREADY_URGENT',
        'NO_REPORTER_CONTACT', 'BAD_MERGE_TARGET'].includes(code) ? 409
        : ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_ASSIGNED'].includes(code) ? 403 : 400;
      assert.equal(status, expected, code);
    }
  });

  it('recognises action names', () => {
    assert.equal(isAction('dispatch'), true);
    assert.equal(isAction('teleport'), false);
  });
});

describe('each action needs only its documented input', () => {
  const ready: Record<Action, [CaseState, WorkflowActor, ActionInput]> = {
    accept: [caseAt('reported'), actor('acceptor'), {}],
    reject: [caseAt('reported'), actor('acceptor'), { opinion: '无效' }],
    request_verify: [caseAt('reported'), actor('acceptor'), { assigneeUserId: 21 }],
    verify: [caseAt('verifying'), actor('collector', 21), { found: true }],
    file: [caseAt('to_file'), actor('shift_leader'), {}],
    refuse_file: [caseAt('to_file'), actor('shift_leader'), { opinion: '不符合立案条件' }],
    dispatch: [caseAt('to_dispatch'), actor('dispatcher'), { leadDepartmentId: 7 }],
    handle_feedback: [caseAt('handling'), actor('handler', 41, 7), { afterPhotos: ['h'] }],
    assist_feedback: [caseAt('handling'), actor('handler', 42, 8), { opinion: '已配合' }],
    request_return: [caseAt('handling'), actor('handler', 41, 7), { opinion: '非本部门' }],
    approve_return: [caseAt('return_review'), actor('dispatcher'), {}],
    deny_return: [caseAt('return_review'), actor('dispatcher'), { opinion: '属本部门' }],
    request_extension: [caseAt('handling'), actor('handler', 41, 7), { opinion: '材料', extension: { amount: 1, unit: 'working_days' } }],
    approve_extension: [caseAt('extension_review', { requestedExtension: { amount: 1, unit: 'working_days' } }), actor('dispatcher'), {}],
    deny_extension: [caseAt('extension_review'), actor('dispatcher'), { opinion: '不需要' }],
    request_suspend: [caseAt('handling'), actor('handler', 41, 7), { opinion: '预算' }],
    approve_suspend: [caseAt('suspend_review'), actor('dispatcher'), {}],
    deny_suspend: [caseAt('suspend_review'), actor('dispatcher'), { opinion: '不需要' }],
    resume: [caseAt('suspended'), actor('dispatcher'), {}],
    request_check: [caseAt('to_check'), actor('acceptor'), { assigneeUserId: 21 }],
    check_pass: [caseAt('checking'), actor('collector', 21), {}],
    check_fail: [caseAt('checking'), actor('collector', 21), { opinion: '未修复' }],
    close: [caseAt('to_close'), actor('shift_leader'), {}],
    void: [caseAt('handling'), actor('shift_leader'), { opinion: '误报' }],
    supervise: [caseAt('handling'), actor('inspector'), { opinion: '催办' }],
    self_handle: [caseAt('reported'), actor('collector', 21), { beforePhotos: ['b'], afterPhotos: ['a'] }],
    approve_self_handle: [caseAt('self_review'), actor('acceptor'), {}],
    deny_self_handle: [caseAt('self_review'), actor('acceptor'), { opinion: '照片不清' }],
    merge: [caseAt('reported'), actor('acceptor'), { mergeTarget: { caseId: 5, stage: 'handling' } }],
    mark_urgent: [caseAt('handling'), actor('dispatcher'), { opinion: '紧急' }],
    revisit: [caseAt('closed'), actor('acceptor'), { satisfaction: 'unsatisfied' }],
  };
  for (const action of ACTIONS) {
    it(`${action} with exactly its input`, () => {
      const [c, who, input] = ready[action];
      const d = decide(c, action, who, input);
      assert.ok(d.ok, d.ok ? '' : d.message);
      for (const key of Object.keys(input) as (keyof ActionInput)[]) {
        const without = { ...input };
        delete without[key];
        const missing = decide(c, action, who, without);
        assert.equal(missing.ok, false, `${action} without ${key}`);
        if (!missing.ok) assert.match(missing.message, /[\u4e00-\u9fff]/, `${action}: Chinese message`);
      }
    });
  }
});
