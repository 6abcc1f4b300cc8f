// What the case API (指挥协调) answers, as plain interfaces shared by both sides: src/command/queries.ts, queues.ts and
// routes-console.ts declare them as their return types, and the web console imports this file by relative path.
// It must stay free of imports so the web build can read it as is. queries.ts checks that the unions below are
// exactly the rules' own (stages, actions, sources, clocks, queues).

export type CaseStage =
  | 'reported' | 'verifying' | 'to_file' | 'to_dispatch' | 'to_dispatch_2' | 'handling' | 'return_review'
  | 'extension_review' | 'suspend_review' | 'suspended' | 'to_check' | 'checking' | 'to_close' | 'self_review'
  | 'closed' | 'voided' | 'rejected' | 'merged';

export type CaseAction =
  | 'accept' | 'reject' | 'request_verify' | 'verify' | 'file' | 'refuse_file' | 'dispatch'
  | 'handle_feedback' | 'assist_feedback' | 'request_return' | 'approve_return' | 'deny_return'
  | 'request_extension' | 'approve_extension' | 'deny_extension' | 'request_suspend' | 'approve_suspend' | 'deny_suspend'
  | 'resume' | 'request_check' | 'check_pass' | 'check_fail' | 'close' | 'void' | 'supervise'
  | 'self_handle' | 'approve_self_handle' | 'deny_self_handle' | 'merge' | 'mark_urgent' | 'revisit';

export type CaseSourceCode = 'collector' | 'public' | 'hotline' | 'video_ai' | 'iot' | 'patrol' | 'leader' | 'media';
export type StageClockCode = 'accept' | 'verify' | 'file' | 'dispatch' | 'handle' | 'check' | 'close';
export type WorkQueue = 'to_accept' | 'to_verify' | 'to_file' | 'to_dispatch' | 'handling' | 'to_check' | 'to_close'
  | 'supervised' | 'overdue';
export type Light = 'green' | 'yellow' | 'red';
export type LimitUnitCode = 'urgent_hours' | 'working_hours' | 'working_days' | 'natural_days' | 'minutes';

export interface TimeLimitView {
  amount: number;
  unit: LimitUnitCode;
}

/** 立结案标准 of one catalogue type (GET /api/case-limits): conditions and a limit per stage clock. */
export interface CaseLimitsView {
  kind: 'component' | 'matter';
  typeCode: string;
  filingCondition: string;
  closingCondition: string;
  limits: Record<StageClockCode, TimeLimitView>;
  urgentLimits: Record<StageClockCode, TimeLimitView>;
  /** Open cases of the type within this radius and time window are offered as duplicates (machine sources merge). */
  duplicateRadiusM: number;
  duplicateWindowHours: number;
}

/** One row of GET /api/cases. */
export interface CaseListItem {
  id: number;
  caseNo: string;
  kind: 'component' | 'matter';
  typeCode: string;
  typeName: string;
  matterCode: string;
  componentId: string | null;
  lon: number;
  lat: number;
  address: string;
  description: string;
  gridCode: string;
  communityCode: string;
  streetCode: string;
  districtCode: string;
  source: CaseSourceCode;
  sourceName: string;
  urgent: boolean;
  stage: CaseStage;
  stageName: string;
  overdue: boolean;
  supervisedCount: number;
  leadDepartmentId: number | null;
  leadDepartmentName: string | null;
  /** The stage clock running now, its deadline and light (null when none runs, e.g. closed or 挂账 without deadline). */
  runningClock: StageClockCode | null;
  deadline: string | null;
  light: Light | null;
  closeType: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface CaseListPage {
  /** Exact up to LIST_COUNT_LIMIT; beyond it the count stops there and `totalCapped` is true. */
  total: number;
  totalCapped: boolean;
  items: CaseListItem[];
}

/** A stage clock (受理, 核实, 立案, 派遣, 处置, 核查, 结案 timing) with its light now. */
export interface CaseClockView {
  id: number;
  clock: StageClockCode;
  urgent: boolean;
  startedAt: string;
  limit: TimeLimitView;
  extensions: TimeLimitView[];
  pauses: { from: string; to: string | null }[];
  deadline: string | null;
  stoppedAt: string | null;
  outcome: 'done' | 'cancelled' | null;
  onTime: boolean | null;
  /** For a running clock: its traffic light and the working minutes left now (negative when overdue). */
  light: Light | null;
  remainingMinutes: number | null;
}

export interface TimelineAttachment {
  hash: string;
  phase: 'before' | 'after' | 'other';
}

/** One step of the case's history (case_events). `action` is a workflow action or a system entry (report, overdue …). */
export interface TimelineEntryView {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  actorRole: string;
  action: string;
  fromStage: CaseStage | null;
  toStage: CaseStage | null;
  opinion: string | null;
  attachments: TimelineAttachment[];
  details: Record<string, unknown>;
}

export interface CaseMediaView {
  hash: string;
  phase: 'before' | 'after' | 'other';
  url: string;
  thumbnailUrl: string;
  addedAt: string;
}

export interface CaseReporterView {
  userId: number | null;
  name: string | null;
  /** Masked (138****1234) for viewers without pii.read. */
  phone: string | null;
  source: CaseSourceCode;
  reportedAt: string;
}

/** Why a department was suggested: the 权责清单 rule that matched, or the component's 主管/养护单位 (rule null). */
export interface RoutingRuleView {
  id: number;
  divisionCode: string;
  divisionName: string | null;
  gridCode: string | null;
  roadName: string | null;
  role: 'lead' | 'assist';
  autoDispatch: boolean;
  note: string | null;
}

export interface RoutingDepartmentView {
  departmentId: number;
  departmentName: string | null;
  ruleId: number | null;
  rule: RoutingRuleView | null;
}

/** The 权责清单 suggestion made at intake. */
export interface RoutingView {
  source: 'component' | 'rules' | 'none';
  lead: RoutingDepartmentView[];
  assist: RoutingDepartmentView[];
  autoDispatch: boolean;
}

export interface DuplicateView {
  id: number;
  caseNo: string;
  stage: string;
  distanceM: number;
  createdAt: string;
}

/** GET /api/cases/:ref and the answer of an action the actor can still see. */
export interface CaseDetail extends CaseListItem {
  assistDepartmentIds: number[];
  dispatchLevel: 1 | 2 | null;
  dispatchRegion: string | null;
  assigneeUserId: number | null;
  verification: 'none' | 'found' | 'not_found';
  requestedExtension: TimeLimitView | null;
  rejection: string | null;
  rejectReason: string | null;
  mergedInto: number | null;
  satisfaction: string | null;
  waiting: { role: string | null; regionCode: string | null; departmentId: number | null; userId: number | null };
  routing: RoutingView;
  reporters: CaseReporterView[];
  media: CaseMediaView[];
  timeline: TimelineEntryView[];
  clocks: CaseClockView[];
  /** The actions the viewer may take now. */
  allowedActions: CaseAction[];
  /** Open cases of the same type nearby (only while 待受理/待核实), nearest first. */
  possibleDuplicates: DuplicateView[];
}

/** The answer of an action that took the case out of the actor's sight (e.g. 同意回退 for the department). */
export interface ActionResultView {
  id: number;
  caseNo: string;
  stage: CaseStage;
  version: number;
}

export interface QueueCount {
  queue: WorkQueue;
  name: string;
  count: number;
}

/** GET /api/cases/queues */
export interface QueueCounts {
  queues: QueueCount[];
}

/** GET /api/cases/:id/assignees: collectors who may be sent to 核实/核查 the case. */
export interface AssigneeOption {
  id: number;
  displayName: string;
  regionCode: string | null;
  regionName: string | null;
  /** The collector of a 责任网格 containing the case's grid. */
  responsible: boolean;
}

/** GET /api/cases/:id/departments: where a dispatcher may send the case, suggested ones first. */
export interface DepartmentOption {
  id: number;
  name: string;
  shortName: string | null;
  category: string;
  level: string;
  suggested: 'lead' | 'assist' | null;
}

export interface DispatchOptions {
  departments: DepartmentOption[];
  /** The case's district, for 两级派遣 (dispatch to the district centre). */
  district: { code: string; name: string | null };
  twoLevelDispatch: boolean;
}
