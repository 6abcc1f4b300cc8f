// One case driven through every variant of the case loop, asserting stages, stored changes, clocks, counters and
// notifications at each step.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_WORKFLOW_CONFIG, type ActionInput, type CaseState, type WorkflowActor, type WorkflowConfig,
} from '../../src/command/rules/case-model.ts';
import { intakeOutcome, type Effect } from '../../src/command/rules/outcome.ts';
import type { Action } from '../../src/command/rules/transitions.ts';
import { decide, type Decision } from '../../src/command/rules/workflow.ts';

const person = (id: number | null, role: WorkflowActor['role'], scope: WorkflowActor['scope'], departmentId: number | null = null): WorkflowActor =>
  ({ id, role, departmentId, scope });
const acceptor = person(1, 'acceptor', ['3799']);
const leader = person(2, 'shift_leader', ['3799']);
const dispatcher = person(3, 'dispatcher', ['3799']);                 // city centre
const districtDispatcher = person(4, 'dispatcher', ['379902']);       // district centre
const otherDistrictDispatcher = person(5, 'dispatcher', ['379903']);
const collector = person(21, 'collector', ['379902001']);
const otherCollector = person(22, 'collector', ['379902001']);
const water = person(41, 'handler', ['379902'], 7);                   // 水务 department
const roads = person(42, 'handler', ['379902'], 8);
const parks = person(43, 'handler', ['379902'], 9);
const inspector = person(51, 'inspector', ['3799']);
const admin = person(61, 'admin', 'all');
const system = person(null, 'system', 'all');
const citizen = person(31, 'citizen', []);
const photo = ['sha256-1'];
const twoLevel: WorkflowConfig = { ...DEFAULT_WORKFLOW_CONFIG, twoLevelDispatch: true };

function newCase(over: Partial<CaseState> = {}): CaseState {
  return {
    stage: 'reported', source: 'collector', urgent: false, regionCode: '379902001001', verification: 'none',
    reporterUserIds: [21], reporterContact: false, leadDepartmentId: null, assistDepartmentIds: [], dispatchLevel: null,
    dispatchRegion: null, assigneeUserId: null, requestedExtension: null, overdue: false, ...over,
  };
}

type Done = Extract<Decision, { ok: true }>;
/** Takes an action that must succeed; returns the case as stored afterwards and the decision. */
function step(c: CaseState, action: Action, actor: WorkflowActor, input: ActionInput = {}, config = DEFAULT_WORKFLOW_CONFIG) {
  const d = decide(c, action, actor, input, config);
  if (!d.ok) assert.fail(`${action}: ${d.code} ${d.message}`);
  const next: CaseState = { ...c, ...d.patch, stage: d.next };
  return { c: next, d };
}
function refused(c: CaseState, action: Action, actor: WorkflowActor, input: ActionInput = {}, config = DEFAULT_WORKFLOW_CONFIG) {
  const d = decide(c, action, actor, input, config);
  if (d.ok) assert.fail(`${action} should have been refused`);
  return d;
}
const clocks = (d: Done) => d.effects.flatMap((e: Effect) => {
  switch (e.type) {
    case 'start_clock': return [`start ${e.clock}${e.urgent ? ' urgent' : ''}`];
    case 'stop_clock': return [`stop ${e.clock} ${e.outcome}`];
    case 'pause_clock': case 'resume_clock': return [`${e.type.slice(0, -6)} ${e.clock}`];
    case 'extend_clock': return [`extend ${e.clock} ${e.limit.amount} ${e.limit.unit}`];
    default: return [];
  }
});
const counters = (d: Done) => d.effects.flatMap((e) => (e.type === 'count' ? [e.counter] : []));
const notices = (d: Done) => d.effects.flatMap((e) => (e.type === 'notify' ? [e] : []));

describe('case loop scenarios', () => {
  it('normal: 上报 → 受理 → 立案 → 派遣 (主办 + 协办) → 处置 → 核查 → 结案', () => {
    const intake = intakeOutcome(newCase());
    assert.deepEqual([intake.next, clocks({ ok: true, ...intake }), counters({ ok: true, ...intake })], ['reported', ['start accept'], ['reported']]);
    assert.deepEqual(intake.waitingOn, { role: 'acceptor', regionCode: '379902001001', departmentIds: [], userId: null });
    let { c, d } = step(newCase(), 'accept', acceptor);
    assert.equal(c.stage, 'to_file');
    assert.deepEqual(clocks(d), ['stop accept done', 'start file']);
    assert.deepEqual(counters(d), ['accepted']);
    assert.deepEqual(d.waitingOn, { role: 'shift_leader', regionCode: '379902001001', departmentIds: [], userId: null });

    ({ c, d } = step(c, 'file', leader));
    assert.deepEqual([c.stage, clocks(d), counters(d)], ['to_dispatch', ['stop file done', 'start dispatch'], ['filed']]);

    ({ c, d } = step(c, 'dispatch', dispatcher, { leadDepartmentId: 7, assistDepartmentIds: [8] }));
    assert.deepEqual([c.stage, c.leadDepartmentId, c.assistDepartmentIds, c.dispatchLevel], ['handling', 7, [8], 1]);
    assert.deepEqual(clocks(d), ['stop dispatch done', 'start handle']);
    assert.deepEqual(notices(d).map((n) => [n.to, n.message]), [
      [{ kind: 'waiting', waitingOn: { role: 'handler', regionCode: null, departmentIds: [7], userId: null } }, '派遣：案件进入「待处置」'],
      [{ kind: 'departments', departmentIds: [8] }, '派遣：请协办该案件'],
    ]);

    ({ c, d } = step(c, 'assist_feedback', roads, { opinion: '已配合封闭道路' }));
    assert.deepEqual([c.stage, d.effects], ['handling', []]);

    ({ c, d } = step(c, 'handle_feedback', water, { afterPhotos: photo, opinion: '已更换井盖' }));
    assert.deepEqual([c.stage, clocks(d), counters(d)], ['to_check', ['stop handle done', 'start check'], ['handled']]);

    ({ c, d } = step(c, 'request_check', acceptor, { assigneeUserId: 21 }));
    assert.deepEqual([c.stage, c.assigneeUserId, clocks(d)], ['checking', 21, []]);   // the 核查 clock keeps running
    assert.equal(d.waitingOn?.userId, 21);

    ({ c, d } = step(c, 'check_pass', collector));
    assert.deepEqual([c.stage, c.assigneeUserId, clocks(d), counters(d)], ['to_close', null, ['stop check done', 'start close'], ['checked']]);

    ({ c, d } = step(c, 'close', leader));
    assert.deepEqual([c.stage, d.patch.closeType, clocks(d), counters(d)], ['closed', 'normal', ['stop close done'], ['closed']]);
    assert.deepEqual(notices(d).map((n) => [n.to, n.message]), [[{ kind: 'reporters' }, '您反映的问题已办结']]);
    assert.equal(d.waitingOn, null);
  });

  it('不予受理 ends the case and tells the reporter why', () => {
    const d = step(newCase(), 'reject', acceptor, { opinion: '不属于城市管理范围', rejectReason: 'out_of_scope' }).d;
    assert.deepEqual([d.next, d.patch], ['rejected', { rejection: 'not_accepted', rejectReason: 'out_of_scope' }]);
    assert.deepEqual([clocks(d), counters(d)], [['stop accept done'], ['rejected']]);
    assert.equal(notices(d)[0].message, '您反映的问题不予受理：不属于城市管理范围');
  });

  it('核实: a public report is verified on site before it is accepted', () => {
    let c = newCase({ source: 'public', reporterUserIds: [31], reporterContact: true });
    assert.equal(refused(c, 'accept', acceptor).code, 'VERIFICATION_REQUIRED');
    let d;
    ({ c, d } = step(c, 'request_verify', acceptor, { assigneeUserId: 21 }));
    assert.deepEqual([c.stage, clocks(d)], ['verifying', ['stop accept done', 'start verify']]);
    assert.equal(refused(c, 'verify', otherCollector, { found: true }).code, 'NOT_ASSIGNED');
    ({ c, d } = step(c, 'verify', collector, { found: true, afterPhotos: photo }));
    assert.deepEqual([c.stage, c.verification, clocks(d), counters(d)], ['reported', 'found', ['stop verify done', 'start accept'], ['verified']]);
    assert.equal(step(c, 'accept', acceptor).c.stage, 'to_file');
  });

  it('核实 that finds nothing leads to 不予受理', () => {
    const c = step(newCase({ source: 'public', stage: 'verifying', assigneeUserId: 21 }), 'verify', collector, { found: false }).c;
    assert.equal(c.verification, 'not_found');
    const d = refused(c, 'accept', acceptor);
    assert.deepEqual([d.code, d.status, d.message], ['NOT_FOUND_ON_SITE', 409, '核实反馈问题不存在，应作不予受理处理']);
    assert.ok(d.allowed.includes('reject') && !d.allowed.includes('accept'));
  });

  it('configuration: the acceptor may skip 核实 with a reason, and may file directly (受理即立案)', () => {
    const config: WorkflowConfig = { ...DEFAULT_WORKFLOW_CONFIG, acceptorMaySkipVerification: true, acceptorFiles: true };
    const c = newCase({ source: 'public' });
    assert.equal(refused(c, 'accept', acceptor, {}, config).code, 'VERIFICATION_REQUIRED');
    assert.equal(refused(c, 'accept', acceptor, { skipVerification: true }, config).message, '未经核实直接受理须填写理由');
    const d = step(c, 'accept', acceptor, { skipVerification: true, opinion: '照片清晰，无需核实' }, config).d;
    assert.deepEqual([d.next, clocks(d), counters(d)], ['to_dispatch', ['stop accept done', 'start dispatch'], ['accepted', 'filed']]);
    const hotline = newCase({ source: 'hotline' });
    assert.equal(step(hotline, 'accept', acceptor).c.stage, 'to_file');   // only listed sources need 核实
  });

  it('不予立案 by the shift leader', () => {
    const d = step(newCase({ stage: 'to_file' }), 'refuse_file', leader, { opinion: '不符合立案条件' }).d;
    assert.deepEqual([d.next, d.patch.rejection, clocks(d), counters(d)], ['rejected', 'not_filed', ['stop file done'], ['not_filed']]);
    assert.equal(notices(d)[0].message, '您反映的问题经审核不予立案：不符合立案条件');
  });

  it('两级派遣: city centre → district centre → department', () => {
    let c = newCase({ stage: 'to_dispatch' });
    assert.equal(refused(c, 'dispatch', dispatcher, { region: '379902' }).message, '未启用两级派遣，请直接派给处置部门');
    let d;
    ({ c, d } = step(c, 'dispatch', dispatcher, { region: '379902' }, twoLevel));
    assert.deepEqual([c.stage, c.dispatchRegion, clocks(d), counters(d)], ['to_dispatch_2', '379902', ['stop dispatch done', 'start dispatch'], ['dispatched']]);
    assert.deepEqual(d.waitingOn, { role: 'dispatcher', regionCode: '379902', departmentIds: [], userId: null });
    assert.equal(refused(c, 'dispatch', otherDistrictDispatcher, { leadDepartmentId: 7 }, twoLevel).code, 'OUT_OF_SCOPE');
    assert.equal(refused(c, 'dispatch', districtDispatcher, { region: '379902' }, twoLevel).message, '二级派遣须派给处置部门');
    ({ c, d } = step(c, 'dispatch', districtDispatcher, { leadDepartmentId: 7 }, twoLevel));
    assert.deepEqual([c.stage, c.dispatchLevel, clocks(d)], ['handling', 2, ['stop dispatch done', 'start handle']]);
    // A 回退 goes back to the level that dispatched it.
    ({ c } = step(c, 'request_return', water, { opinion: '非本部门职责' }, twoLevel));
    ({ c, d } = step(c, 'approve_return', districtDispatcher, {}, twoLevel));
    assert.deepEqual([c.stage, c.leadDepartmentId, c.dispatchLevel], ['to_dispatch_2', null, null]);
    assert.equal(refused(newCase({ stage: 'to_dispatch' }), 'dispatch', dispatcher, { region: '379903' }, twoLevel).message, '案件不在所选区县内');
  });

  it('回退 and re-dispatch', () => {
    let c = newCase({ stage: 'handling', leadDepartmentId: 7, dispatchLevel: 1 });
    assert.equal(refused(c, 'request_return', roads, { opinion: 'x' }).message, '案件未派遣给你所在的部门');
    assert.equal(refused(c, 'request_return', water).message, '申请回退须填写意见');
    let d;
    ({ c, d } = step(c, 'request_return', water, { opinion: '非本部门职责' }));
    assert.deepEqual([c.stage, clocks(d), counters(d)], ['return_review', [], []]);   // the 处置 clock keeps running
    assert.equal(d.waitingOn?.role, 'dispatcher');
    ({ c, d } = step(c, 'deny_return', dispatcher, { opinion: '属于水务职责' }));
    assert.deepEqual([c.stage, clocks(d)], ['handling', []]);
    ({ c } = step(c, 'request_return', water, { opinion: '井盖属燃气公司' }));
    ({ c, d } = step(c, 'approve_return', dispatcher));
    assert.deepEqual([c.stage, c.leadDepartmentId, clocks(d), counters(d)], ['to_dispatch', null, ['stop handle cancelled', 'start dispatch'], ['returned']]);
    ({ c } = step(c, 'dispatch', dispatcher, { leadDepartmentId: 9 }));
    assert.equal(refused(c, 'handle_feedback', water, { afterPhotos: photo }).code, 'NOT_ASSIGNED');
    assert.equal(step(c, 'handle_feedback', parks, { afterPhotos: photo }).c.stage, 'to_check');
  });

  it('延期: asked for, granted (as asked or changed) or refused', () => {
    let c = newCase({ stage: 'handling', leadDepartmentId: 7 });
    assert.equal(refused(c, 'request_extension', water, { opinion: '需采购材料' }).code, 'MISSING_EXTENSION');
    assert.equal(refused(c, 'request_extension', water, { opinion: '需采购材料', extension: { amount: 0, unit: 'working_days' } }).message,
      '延期时长无效：时限必须是大于 0 的数');
    ({ c } = step(c, 'request_extension', water, { opinion: '需采购材料', extension: { amount: 3, unit: 'working_days' } }));
    assert.deepEqual([c.stage, c.requestedExtension], ['extension_review', { amount: 3, unit: 'working_days' }]);
    let d;
    ({ c, d } = step(c, 'approve_extension', dispatcher));
    assert.deepEqual([c.stage, c.requestedExtension, clocks(d), counters(d)], ['handling', null, ['extend handle 3 working_days'], ['extended']]);
    ({ c } = step(c, 'request_extension', water, { opinion: '还需两天', extension: { amount: 2, unit: 'working_days' } }));
    d = step(c, 'approve_extension', dispatcher, { extension: { amount: 1, unit: 'working_days' } }).d;
    assert.deepEqual(clocks(d), ['extend handle 1 working_days']);
    d = step(c, 'deny_extension', dispatcher, { opinion: '时限内可以完成' }).d;
    assert.deepEqual([d.next, d.patch, clocks(d), counters(d)], ['handling', { requestedExtension: null }, [], []]);
    assert.equal(refused(newCase({ stage: 'extension_review' }), 'approve_extension', dispatcher).code, 'MISSING_EXTENSION');
  });

  it('挂账 stops the clock and 挂账恢复 restarts it', () => {
    let c = newCase({ stage: 'handling', leadDepartmentId: 7 });
    ({ c } = step(c, 'request_suspend', water, { opinion: '需列入明年预算' }));
    assert.equal(step(c, 'deny_suspend', dispatcher, { opinion: '可先临时修复' }).c.stage, 'handling');
    let d;
    ({ c, d } = step(c, 'approve_suspend', dispatcher));
    assert.deepEqual([c.stage, clocks(d), counters(d)], ['suspended', ['pause handle'], ['suspended']]);
    assert.equal(refused(c, 'handle_feedback', water, { afterPhotos: photo }).code, 'ILLEGAL_TRANSITION');
    assert.equal(refused(c, 'mark_urgent', dispatcher, { opinion: '紧急' }).code, 'ILLEGAL_TRANSITION');
    assert.equal(step(c, 'supervise', inspector, { opinion: '挂账超过三个月' }).c.stage, 'suspended');
    ({ c, d } = step(c, 'resume', dispatcher));
    assert.deepEqual([c.stage, clocks(d)], ['handling', ['resume handle']]);
  });

  it('返工: the check finds it not fixed and it goes back to the department', () => {
    let c = newCase({ stage: 'checking', leadDepartmentId: 7, assigneeUserId: 21 });
    assert.equal(refused(c, 'check_fail', collector).code, 'MISSING_OPINION');
    let d;
    ({ c, d } = step(c, 'check_fail', collector, { opinion: '井盖仍然松动', afterPhotos: photo }));
    assert.deepEqual([c.stage, clocks(d), counters(d)], ['handling', ['stop check done', 'start handle'], ['checked', 'reworked']]);
    assert.deepEqual(d.waitingOn?.departmentIds, [7]);
    assert.equal(step(c, 'handle_feedback', water, { afterPhotos: photo }).c.stage, 'to_check');
  });

  it('作废 by the shift leader or an administrator', () => {
    const c = newCase({ stage: 'handling', leadDepartmentId: 7 });
    assert.equal(refused(c, 'void', acceptor, { opinion: '重复' }).message, '受理员无权作废');
    assert.equal(refused(c, 'void', leader).message, '作废须填写意见');
    const d = step(c, 'void', leader, { opinion: '测试数据' }).d;
    assert.deepEqual([d.next, clocks(d), counters(d)], ['voided', ['stop handle cancelled'], ['voided']]);
    assert.equal(notices(d)[0].message, '您反映的问题已作废：测试数据');
    assert.equal(step(c, 'void', admin, { opinion: '误录' }).c.stage, 'voided');
    assert.equal(refused(newCase(), 'void', leader, { opinion: 'x' }).code, 'ILLEGAL_TRANSITION');
  });

  it('督办 by an inspector, the shift leader or the timer service, without changing the stage', () => {
    const c = newCase({ stage: 'handling', leadDepartmentId: 7 });
    const d = step(c, 'supervise', inspector, { opinion: '请尽快处置' }).d;
    assert.deepEqual([d.next, clocks(d), counters(d)], ['handling', [], ['supervised']]);
    assert.deepEqual(notices(d).map((n) => [n.to, n.message]),
      [[{ kind: 'waiting', waitingOn: { role: 'handler', regionCode: null, departmentIds: [7], userId: null } }, '督办：请尽快处置']]);
    assert.equal(step(c, 'supervise', system, { opinion: '超期自动督办' }).c.stage, 'handling');
    assert.equal(refused(c, 'supervise', person(70, 'leader', 'all'), { opinion: 'x' }).message, '领导无权督办');
    assert.equal(refused(c, 'supervise', person(52, 'inspector', ['379903']), { opinion: 'x' }).code, 'OUT_OF_SCOPE');
  });

  it('自行处置: the reporting collector fixes it on the spot, the acceptor reviews, the shift leader closes', () => {
    let c = newCase();
    assert.equal(refused(c, 'self_handle', collector, { afterPhotos: photo }).message, '须上传处置前照片');
    assert.equal(refused(c, 'self_handle', collector, { beforePhotos: photo }).message, '须上传处置后照片');
    assert.equal(refused(c, 'self_handle', otherCollector, { beforePhotos: photo, afterPhotos: photo }).message, '只有上报该问题的监督员可以自行处置');
    let d;
    ({ c, d } = step(c, 'self_handle', collector, { beforePhotos: photo, afterPhotos: photo }));
    assert.deepEqual([c.stage, clocks(d)], ['self_review', ['stop accept done', 'start close']]);
    const denied = step(c, 'deny_self_handle', acceptor, { opinion: '照片不清' }).d;
    assert.deepEqual([denied.next, clocks(denied)], ['reported', ['stop close cancelled', 'start accept']]);
    ({ c, d } = step(c, 'approve_self_handle', acceptor));
    assert.deepEqual([c.stage, clocks(d), counters(d)], ['to_close', [], ['self_handled']]);
    assert.equal(step(c, 'close', leader).c.stage, 'closed');
  });

  it('urgent: marked urgent, the stage runs on the urgent limit and everyone is pushed at once', () => {
    let c = newCase({ stage: 'handling', leadDepartmentId: 7 });
    assert.equal(refused(c, 'mark_urgent', dispatcher).message, '设为紧急须填写意见');
    let d;
    ({ c, d } = step(c, 'mark_urgent', dispatcher, { opinion: '燃气泄漏' }));
    assert.deepEqual([c.stage, c.urgent, clocks(d)], ['handling', true, ['stop handle cancelled', 'start handle urgent']]);
    assert.deepEqual(notices(d).map((n) => [n.urgent, n.message]), [[true, '设为紧急：燃气泄漏']]);
    assert.equal(refused(c, 'mark_urgent', dispatcher, { opinion: 'x' }).code, 'ALREADY_URGENT');
    ({ c, d } = step(c, 'handle_feedback', water, { afterPhotos: photo }));
    assert.deepEqual(clocks(d), ['stop handle done', 'start check urgent']);
    assert.equal(notices(d)[0].urgent, true);
  });

  it('merge: a duplicate joins an open case with its reporters', () => {
    const c = newCase({ source: 'public', reporterUserIds: [31] });
    assert.equal(refused(c, 'merge', acceptor).code, 'MISSING_TARGET');
    assert.equal(refused(c, 'merge', acceptor, { mergeTarget: { caseId: 9, stage: 'closed' } }).message, '目标案件当前为「已结案」，不能合并');
    const d = step(c, 'merge', system, { mergeTarget: { caseId: 9, stage: 'handling' } }).d;
    assert.deepEqual([d.next, d.patch, clocks(d), counters(d)], ['merged', { mergedInto: 9 }, ['stop accept cancelled'], ['merged']]);
    assert.ok(d.effects.some((e) => e.type === 'merge_into' && e.caseId === 9));
    assert.equal(notices(d)[0].message, '您反映的问题已合并到案件 9 一并办理');
  });

  it('回访 after closing, by the acceptor by phone or by the citizen in the app', () => {
    const c = newCase({ stage: 'closed', source: 'public', reporterUserIds: [31], reporterContact: true });
    assert.equal(refused(c, 'revisit', acceptor).code, 'MISSING_SATISFACTION');
    const d = step(c, 'revisit', acceptor, { satisfaction: 'basically_satisfied' }).d;
    assert.deepEqual([d.next, d.patch, counters(d)], ['closed', { satisfaction: 'basically_satisfied' }, ['revisited']]);
    assert.equal(step(c, 'revisit', citizen, { satisfaction: 'satisfied' }).c.stage, 'closed');
    assert.equal(refused(c, 'revisit', person(32, 'citizen', []), { satisfaction: 'satisfied' }).message, '只有举报人本人可以评价');
    assert.equal(refused({ ...c, reporterContact: false }, 'revisit', acceptor, { satisfaction: 'satisfied' }).code, 'NO_REPORTER_CONTACT');
  });
});
