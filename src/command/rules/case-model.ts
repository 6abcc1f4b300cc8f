// The vocabulary of the case loop (指挥协调): stages, stage clocks, sources, close types, and the shapes the pure
// workflow reads (case state, actor, input, configuration). See docs/case-workflow.md.
import type { Role } from '../../admin/roles.ts';
import type { TimeLimit } from './deadline.ts';

export const STAGES = [
  'reported',          // 待受理
  'verifying',         // 待核实 (a collector checks a report on site)
  'to_file',           // 待立案
  'to_dispatch',       // 待派遣 (first level: city centre)
  'to_dispatch_2',     // 待二级派遣 (second level: district centre)
  'handling',          // 待处置
  'return_review',     // 回退待审核
  'extension_review',  // 延期待审核
  'suspend_review',    // 挂账待审核
  'suspended',         // 挂账 (clock stopped)
  'to_check',          // 待核查 (feedback in, acceptor sends a collector)
  'checking',          // 核查中 (the collector checks the result on site)
  'to_close',          // 待结案
  'self_review',       // 自行处置待审核
  'closed',            // 已结案
  'voided',            // 已作废
  'rejected',          // 不予受理 / 不予立案
  'merged',            // 已合并 (a duplicate merged into another case)
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_NAMES: Record<Stage, string> = {
  reported: '待受理', verifying: '待核实', to_file: '待立案', to_dispatch: '待派遣', to_dispatch_2: '待二级派遣',
  handling: '待处置', return_review: '回退待审核', extension_review: '延期待审核', suspend_review: '挂账待审核',
  suspended: '挂账', to_check: '待核查', checking: '核查中', to_close: '待结案', self_review: '自行处置待审核',
  closed: '已结案', voided: '已作废', rejected: '不予受理/不予立案', merged: '已合并',
};

export const TERMINAL_STAGES: ReadonlySet<Stage> = new Set(['closed', 'voided', 'rejected', 'merged']);

/** Stage clocks: each has its own limit per matter type (立结案标准). */
export const CLOCKS = ['accept', 'verify', 'file', 'dispatch', 'handle', 'check', 'close'] as const;
export type StageClock = (typeof CLOCKS)[number];
export const CLOCK_NAMES: Record<StageClock, string> = {
  accept: '受理', verify: '核实', file: '立案', dispatch: '派遣', handle: '处置', check: '核查', close: '结案',
};

/** Which clock runs while a case is in a stage. The three review stages keep the 处置 clock running; 挂账 pauses it. */
export const STAGE_CLOCK: Record<Stage, StageClock | null> = {
  reported: 'accept', verifying: 'verify', to_file: 'file', to_dispatch: 'dispatch', to_dispatch_2: 'dispatch',
  handling: 'handle', return_review: 'handle', extension_review: 'handle', suspend_review: 'handle', suspended: 'handle',
  to_check: 'check', checking: 'check', to_close: 'close', self_review: 'close',
  closed: null, voided: null, rejected: null, merged: null,
};

export const CASE_SOURCES = ['collector', 'public', 'hotline', 'video_ai', 'iot', 'patrol', 'leader', 'media'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const SOURCE_NAMES: Record<CaseSource, string> = {
  collector: '监督员上报', public: '公众举报', hotline: '12345热线', video_ai: '视频AI', iot: '物联感知',
  patrol: '无人机/车巡', leader: '领导交办', media: '媒体曝光',
};

export const CLOSE_TYPES = ['normal', 'overdue', 'error', 'special'] as const;
export type CloseType = (typeof CLOSE_TYPES)[number];
export const CLOSE_TYPE_NAMES: Record<CloseType, string> = { normal: '正常结案', overdue: '超时结案', error: '差错结案', special: '特殊结案' };

export const SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

export const REJECT_REASONS = ['invalid', 'duplicate', 'out_of_scope', 'other'] as const;   // 无效, 重复, 非职责范围, 其他
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Who acts: a user's role, the timer/intake service ('system'), or an API-key client ('machine'). Actor fits. */
export type WorkflowRole = Role | 'system' | 'machine';
export interface WorkflowActor {
  id: number | null;
  role: WorkflowRole;
  departmentId: number | null;
  /** Division-code prefixes the actor may act in, or 'all'. */
  scope: readonly string[] | 'all';
}

/** What the rules need to know about a case. */
export interface CaseState {
  stage: Stage;
  source: CaseSource;
  urgent: boolean;
  /** Division code where the case is (community or grid code), for the data scope of centre staff. */
  regionCode: string;
  /** 核实 result: none yet, problem found, or not found. */
  verification: 'none' | 'found' | 'not_found';
  /** Users who reported it (the collector, citizens with an account); several after a merge. */
  reporterUserIds: readonly number[];
  /** Whether some reporter left a phone number, so the acceptor can 回访. */
  reporterContact: boolean;
  leadDepartmentId: number | null;          // 主办
  assistDepartmentIds: readonly number[];   // 协办
  /** The level of the dispatch that sent it to handling (1 city, 2 district). */
  dispatchLevel: 1 | 2 | null;
  /** The district chosen by a first-level dispatch in two-level mode (二级派遣). */
  dispatchRegion: string | null;
  /** The collector sent to 核实 or 核查. */
  assigneeUserId: number | null;
  /** The extension a department asked for, awaiting approval. */
  requestedExtension: TimeLimit | null;
  /** Whether the case went past a deadline (the timer service sets it); decides 超时结案. */
  overdue: boolean;
}

/** What an action may carry. Photos are content hashes of stored files. */
export interface ActionInput {
  opinion?: string;
  beforePhotos?: readonly string[];
  afterPhotos?: readonly string[];
  /** 核实/核查: the collector to send. */
  assigneeUserId?: number;
  /** 派遣: 主办 department and 协办 departments. */
  leadDepartmentId?: number;
  assistDepartmentIds?: readonly number[];
  /** 派遣 in two-level mode: the district (6-digit code) whose centre dispatches further. */
  region?: string;
  /** 延期: the time asked for (request) or granted (approval, defaults to the request). */
  extension?: TimeLimit;
  /** 核实反馈: whether the reported problem exists. */
  found?: boolean;
  closeType?: CloseType;
  /** 受理 an unverified report from a source that needs verification (only when the configuration allows). */
  skipVerification?: boolean;
  rejectReason?: RejectReason;
  /** 合并: the case this duplicate joins, with its current stage. */
  mergeTarget?: { caseId: number; stage: Stage };
  /** 回访: the reporter's satisfaction. */
  satisfaction?: Satisfaction;
}

export interface WorkflowConfig {
  /** 两级派遣: the city centre may dispatch to a district centre, which dispatches to a department. */
  twoLevelDispatch: boolean;
  /** 受理即立案: the acceptor's 受理 also files the case (merged 监督/指挥 centre), skipping 待立案. */
  acceptorFiles: boolean;
  /** Sources whose reports must be verified (核实) before they are accepted. */
  verifySources: readonly CaseSource[];
  /** The acceptor may accept such a report unverified, with an opinion (e.g. the photo leaves no doubt). */
  acceptorMaySkipVerification: boolean;
  /** 紧急案件催办: remind whoever an urgent case waits on every this many minutes while its clock runs; 0 = never. */
  urgentReminderMinutes: number;
}

export const DEFAULT_WORKFLOW_CONFIG: WorkflowConfig = {
  twoLevelDispatch: false,
  acceptorFiles: false,
  verifySources: ['public'],
  acceptorMaySkipVerification: false,
  urgentReminderMinutes: 15,
};

/** Changes to the case the IO layer stores with the new stage. */
export type CasePatch = Partial<Omit<CaseState, 'stage'>> & {
  closeType?: CloseType;
  rejection?: 'not_accepted' | 'not_filed';
  rejectReason?: RejectReason;
  mergedInto?: number;
  satisfaction?: Satisfaction;
};
