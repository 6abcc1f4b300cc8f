// The demo city's year of case history, part 2 (pure): one planned case lived through the real state machine
// (rules/outcome.ts gives every next stage, patch and clock effect), with stage times drawn in working time from
// the real WorkingCalendar (so nights, weekends and holidays stretch them), the timer service's yellow/red lights,
// 超期 marking and automatic 督办 replayed, and variants: 不予受理/不予立案, 核实, 自行处置, 回退 and re-dispatch, refused 回退/延期,
// 延期, 挂账 (some still 挂账), 返工, 作废, 督办, 紧急, 回访. A case whose next step would fall after HISTORY_END stays open.
import { matchRules } from '../base/responsibility-match.ts';
import { sceneOf } from './photos.ts';
import { defaultLimits } from '../command/limits.ts';
import { componentRouting } from '../command/routing.ts';
import {
  DEFAULT_WORKFLOW_CONFIG, TERMINAL_STAGES, type ActionInput, type CaseState, type StageClock, type WorkflowRole,
} from '../command/rules/case-model.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../command/rules/china-time.ts';
import { computeDeadline, lightChangeTimes, type StageTiming, type TimeLimit } from '../command/rules/deadline.ts';
import { outcomeOf, waitingOnFor } from '../command/rules/outcome.ts';
import type { Action } from '../command/rules/transitions.ts';
import { AUTO_SUPERVISE_OPINION } from '../command/timers.ts';
import { waitingColumns } from '../command/case-record.ts';
import { HISTORY_END, type HistoryInputs, type HistoryUser, type PlannedCase } from './history-plan.ts';
import { Rng } from './random.ts';

/** Who takes a step: the timeline's actor columns. */
export interface StepActor { id: number | null; name: string; role: WorkflowRole }
const SYSTEM: StepActor = { id: null, name: '系统', role: 'system' };
const MACHINES: Record<string, StepActor> = {
  video_ai: { id: null, name: '视频AI识别平台', role: 'machine' },
  iot: { id: null, name: '物联感知平台', role: 'machine' },
};

export interface CaseRowOut { [column: string]: unknown }
export interface ClockRowOut {
  case_id: number; clock: StageClock; urgent: boolean; started_at: string; time_limit: TimeLimit;
  pauses: { from: string; to: string | null }[]; extensions: TimeLimit[]; deadline: string | null; yellow_at: string | null;
  red_at: string | null; yellow_fired_at: string | null; red_fired_at: string | null; stopped_at: string | null;
  outcome: 'done' | 'cancelled' | null; on_time: boolean | null;
}
export interface CaseRows { case: CaseRowOut; reporters: object[]; events: object[]; clocks: ClockRowOut[]; media: object[] }

/** Users the generator acts as, by role and district / department. */
export class Staff {
  private byKey = new Map<string, HistoryUser[]>();
  constructor(users: readonly HistoryUser[]) {
    for (const u of users) {
      const key = u.role === 'handler' ? `handler:${u.departmentId}` : `${u.role}:${u.regionCode}`;
      const list = this.byKey.get(key) ?? [];
      list.push(u);
      this.byKey.set(key, list);
    }
  }
  list(role: string, region: string): HistoryUser[] { return this.byKey.get(`${role}:${region}`) ?? []; }
  one(role: string, district: string, city: string, rng: Rng): StepActor {
    const list = this.list(role, district).length > 0 ? this.list(role, district) : this.list(role, city);
    if (list.length === 0) return { id: null, name: role, role: role as WorkflowRole };
    const u = rng.pick(list);
    return { id: u.id, name: u.name, role: u.role as WorkflowRole };
  }
  handler(departmentId: number, departmentName: string): StepActor {
    const u = this.byKey.get(`handler:${departmentId}`)?.[0];
    return u ? { id: u.id, name: u.name, role: 'handler' } : { id: null, name: departmentName, role: 'handler' };
  }
}

/** Lookups built once per inputs: type names and landmarks by grid. */
const lookups = new WeakMap<HistoryInputs, {
  types: Map<string, string>; marks: Map<number, HistoryInputs['landmarks']>; rules: Map<string, HistoryInputs['rules']>;
}>();
function lookupsOf(inputs: HistoryInputs) {
  let l = lookups.get(inputs);
  if (!l) {
    const marks = new Map<number, HistoryInputs['landmarks']>();
    for (const m of inputs.landmarks) marks.set(m.gridIndex, [...(marks.get(m.gridIndex) ?? []), m]);
    const rules = new Map<string, HistoryInputs['rules']>();
    for (const r of inputs.rules) rules.set(`${r.kind}:${r.typeCode}`, [...(rules.get(`${r.kind}:${r.typeCode}`) ?? []), r]);
    l = { types: new Map(inputs.types.map((t) => [`${t.kind}:${t.code}`, t.name])), marks, rules };
    lookups.set(inputs, l);
  }
  return l;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}
/** Log-normal draw with this median. */
const logNormal = (rng: Rng, median: number, sigma: number) => median * Math.exp(sigma * normal(rng));

function pointInRing(lon: number, lat: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
export function inGrid(lon: number, lat: number, rings: number[][][]): boolean {
  return rings.some((r) => pointInRing(lon, lat, r));
}

/** Lives one case; `id` is its database id. */
export class CaseLife {
  private state: CaseState;
  private t: number;
  private ended = false;
  private version = 1;
  private supervised = 0;
  private closedAt: number | null = null;
  private patch: Record<string, unknown> = {};
  private events: ({ attachments: { hash: string; phase: string }[]; at: string | null } & Record<string, unknown>)[] = [];
  private media: object[] = [];
  private clocks: ClockRowOut[] = [];
  private running: { row: ClockRowOut; timing: StageTiming } | null = null;
  private readonly limits;
  private readonly urgentLimits;

  constructor(private inputs: HistoryInputs, private id: number, kind: 'component' | 'matter', typeCode: string, state: CaseState, at: number) {
    const l = inputs.limits.get(`${kind}:${typeCode}`) ?? defaultLimits(kind, typeCode, lookupsOf(inputs).types.get(`${kind}:${typeCode}`) ?? typeCode);
    this.limits = l.limits;
    this.urgentLimits = l.urgentLimits;
    this.state = state;
    this.t = at;
  }

  get now(): number { return this.t; }

  /** A photo on the latest timeline entry (上报's before photo, 处置反馈's after photo), and so on the case. */
  attach(phase: 'before' | 'after', hash: string | null | undefined) {
    const last = this.events.at(-1);
    if (!hash || !last) return;
    last.attachments.push({ hash, phase });
    this.media.push({ case_id: this.id, hash, phase, event_id: null, added_at: last.at });
  }
  get stage() { return this.state.stage; }
  get source() { return this.state.source; }
  get open(): boolean { return !this.ended && !TERMINAL_STAGES.has(this.state.stage); }
  get overdue(): boolean { return this.state.overdue; }
  handleLimit(): TimeLimit { return (this.state.urgent ? this.urgentLimits : this.limits).handle; }

  /** Stage clock effects, as clocks.ts carries them out. */
  private startClock(clock: StageClock, urgent: boolean, at: number) {
    const limit = (urgent ? this.urgentLimits : this.limits)[clock];
    const row: ClockRowOut = {
      case_id: this.id, clock, urgent, started_at: iso(at)!, time_limit: limit, pauses: [], extensions: [], deadline: null,
      yellow_at: null, red_at: null, yellow_fired_at: null, red_fired_at: null, stopped_at: null, outcome: null, on_time: null,
    };
    this.running = { row, timing: { start: new Date(at), limit, extensions: [], pauses: [] } };
    this.retime();
    this.clocks.push(row);
  }

  private retime() {
    const r = this.running!;
    const cal = this.inputs.calendar;
    r.timing = {
      start: r.timing.start, limit: r.timing.limit, extensions: r.row.extensions,
      pauses: r.row.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null })),
    };
    const deadline = computeDeadline(r.timing, cal);
    const { yellowAt, redAt } = lightChangeTimes(r.timing, cal);
    r.row.deadline = iso(deadline ? +deadline : null);
    r.row.yellow_at = iso(yellowAt ? +yellowAt : null);
    r.row.red_at = iso(redAt ? +redAt : null);
  }

  /** The timer service: lights that turn before `until` fire; a red 处置 clock marks 超期 and asks for 督办. */
  private fireTimers(until: number) {
    const r = this.running;
    if (!r) return;
    if (r.row.yellow_at && !r.row.yellow_fired_at && +new Date(r.row.yellow_at) <= until) r.row.yellow_fired_at = r.row.yellow_at;
    if (r.row.red_at && !r.row.red_fired_at && +new Date(r.row.red_at) <= until) {
      r.row.red_fired_at = r.row.red_at;
      const redAt = +new Date(r.row.red_at);
      if (r.row.clock === 'handle' && !this.state.overdue) {
        this.state = { ...this.state, overdue: true };
        this.version++;
        this.event(SYSTEM, 'overdue', this.state.stage, this.state.stage, redAt, '处置超期', {});
        this.t = Math.max(this.t, redAt);
        this.apply('supervise', SYSTEM, redAt + 1000, { opinion: AUTO_SUPERVISE_OPINION }, {});
      }
    }
  }

  private event(actor: StepActor, action: string, from: string | null, to: string | null, at: number, opinion: string | null, details: object) {
    this.events.push({
      case_id: this.id, at: iso(at), actor_id: actor.id, actor_name: actor.name, actor_role: actor.role, action,
      from_stage: from, to_stage: to, opinion, attachments: [], details,
    });
  }

  /** The 上报 entry and the 受理 clock. */
  report(actor: StepActor, opinion: string, details: object) {
    this.event(actor, 'report', null, 'reported', this.t, opinion, details);
    this.startClock('accept', this.state.urgent, this.t);
  }

  /** Takes an action at `at` (clamped to after the previous step); false once the case would pass HISTORY_END. */
  act(action: Action, actor: StepActor, at: number, input: ActionInput = {}, details: object = {}): boolean {
    // only 回访 follows the close
    if (this.ended || (TERMINAL_STAGES.has(this.state.stage) && action !== 'revisit')) return false;
    let when = Math.max(at, this.t + 1000);
    this.fireTimers(Math.min(when, +HISTORY_END));
    when = Math.max(when, this.t + 1000);
    if (when > +HISTORY_END) { this.ended = true; return false; }
    this.apply(action, actor, when, input, details);
    return true;
  }

  private apply(action: Action, actor: StepActor, at: number, input: ActionInput, details: object) {
    const out = outcomeOf(action, this.state, input, DEFAULT_WORKFLOW_CONFIG);
    for (const e of out.effects) {
      const r = this.running;
      switch (e.type) {
        case 'start_clock': this.startClock(e.clock, e.urgent, at); break;
        case 'stop_clock':
          if (r) {
            r.row.stopped_at = iso(at);
            r.row.outcome = e.outcome;
            r.row.on_time = e.outcome === 'done' ? r.row.deadline === null || at <= +new Date(r.row.deadline) : null;
            this.running = null;
          }
          break;
        case 'pause_clock': if (r) { r.row.pauses = [...r.row.pauses, { from: iso(at)!, to: null }]; this.retime(); } break;
        case 'resume_clock': if (r) { r.row.pauses = r.row.pauses.map((p) => (p.to ? p : { ...p, to: iso(at) })); this.retime(); } break;
        case 'extend_clock': if (r) { r.row.extensions = [...r.row.extensions, e.limit]; this.retime(); } break;
        default: break;
      }
    }
    this.event(actor, action, this.state.stage, out.next, at, input.opinion ?? null, details);
    if (TERMINAL_STAGES.has(out.next) && out.next !== this.state.stage) this.closedAt = at;
    this.state = { ...this.state, ...out.patch, stage: out.next };
    Object.assign(this.patch, out.patch);
    if (action === 'supervise') this.supervised++;
    this.version++;
    this.t = at;
  }

  /** Advance `ms` of working time (staff work in working periods); urgent cases run round the clock. */
  working(ms: number): number {
    return this.state.urgent ? this.t + ms : this.inputs.calendar.addWorkingMs(this.t, ms);
  }

  /** Advance a fraction of a limit in the limit's own clock. */
  inLimit(limit: TimeLimit, fraction: number): number {
    const cal = this.inputs.calendar;
    switch (limit.unit) {
      case 'urgent_hours': return this.t + fraction * limit.amount * HOUR_MS;
      case 'natural_days': return this.t + fraction * limit.amount * DAY_MS;
      case 'working_days': return cal.addWorkingMs(this.t, fraction * limit.amount * cal.workingDayMinutes * MINUTE_MS);
      case 'working_hours': return cal.addWorkingMs(this.t, fraction * limit.amount * HOUR_MS);
      default: return cal.addWorkingMs(this.t, fraction * limit.amount * MINUTE_MS);
    }
  }

  /** The rows, with the case as it stands at the end of its life (or at HISTORY_END). */
  finish(base: CaseRowOut): CaseRows {
    if (this.open) this.fireTimers(+HISTORY_END);
    const s = this.state;
    const waiting = waitingColumns(TERMINAL_STAGES.has(s.stage) ? null : waitingOnFor(s.stage, s));
    const p = this.patch;
    const row: CaseRowOut = {
      ...base, stage: s.stage, urgent: s.urgent, ...waiting,
      lead_department_id: s.leadDepartmentId, assist_department_ids: s.assistDepartmentIds, dispatch_level: s.dispatchLevel,
      dispatch_region: s.dispatchRegion, assignee_user_id: s.assigneeUserId, verification: s.verification,
      requested_extension: s.requestedExtension, overdue: s.overdue, supervised_count: this.supervised,
      close_type: p.closeType ?? null, rejection: p.rejection ?? null, reject_reason: p.rejectReason ?? null,
      satisfaction: p.satisfaction ?? null, version: this.version, updated_at: iso(this.t), closed_at: iso(this.closedAt),
    };
    return { case: row, reporters: [], events: this.events, clocks: this.clocks, media: this.media };
  }
}

/** Where the case is: near its component, near a landmark of its grid, or anywhere in the grid. */
function position(inputs: HistoryInputs, c: PlannedCase, rng: Rng): { lon: number; lat: number; address: string } {
  const grid = inputs.grids[c.gridIndex];
  const names = inputs.divisionNames;
  const street = names.get(grid.communityCode.slice(0, 9)) ?? '';
  const community = names.get(grid.communityCode) ?? '';
  const jitter = (lon: number, lat: number, m: number) => {
    for (let k = 0; k < 8; k++) {
      const x = lon + (rng.next() - 0.5) * 2 * m / 90_000;
      const y = lat + (rng.next() - 0.5) * 2 * m / 111_000;
      if (inGrid(x, y, grid.rings)) return [x, y];
    }
    return undefined;
  };
  if (c.componentIndex >= 0) {
    const comp = inputs.components[c.componentIndex];
    const [lon, lat] = jitter(comp.lon, comp.lat, 3) ?? [comp.lon, comp.lat];
    return { lon, lat, address: `${street}${community}${comp.name}旁` };
  }
  const marks = lookupsOf(inputs).marks.get(c.gridIndex) ?? [];
  if (marks.length > 0 && rng.chance(0.4)) {
    const l = rng.pick(marks);
    const p = jitter(l.lon, l.lat, 60);
    if (p) return { lon: p[0], lat: p[1], address: `${l.address ?? street + l.name}附近` };
  }
  const [minx, miny, maxx, maxy] = grid.bbox;
  for (let k = 0; k < 200; k++) {
    const lon = minx + (maxx - minx) * rng.next();
    const lat = miny + (maxy - miny) * rng.next();
    if (inGrid(lon, lat, grid.rings)) return { lon, lat, address: `${street}${community}` };
  }
  throw new Error(`no point found inside grid ${grid.code}`);
}

const RAIN_WORDS = '道路积水，雨水箅子堵塞，排水不畅';
const DESCRIPTION_TAILS = ['，请尽快处理', '，影响通行', '，群众反映强烈', '，已持续数日', '', ''];
const CITIZEN_NAMES = ['王先生', '李女士', '张先生', '刘女士', '陈先生', '杨女士', '赵先生', '周女士'];

interface Variant {
  reject: boolean; refuseFile: boolean; verifyNotFound: boolean; selfHandle: boolean; returned: boolean; extended: boolean;
  suspended: boolean; stillSuspended: boolean; reworked: boolean; voided: boolean; supervised: boolean; urgent: boolean; revisit: boolean;
  /** 回退 or 延期 asked for and refused by the dispatcher. */
  returnDenied: boolean; extensionDenied: boolean;
}

function drawVariant(c: PlannedCase, rng: Rng): Variant {
  const citizen = c.source === 'public' || c.source === 'hotline' || c.source === 'media';
  const suspended = rng.chance(0.015);
  return {
    reject: rng.chance(citizen ? 0.08 : c.source === 'collector' ? 0.01 : 0.03),
    refuseFile: rng.chance(0.012),
    verifyNotFound: rng.chance(0.1),
    selfHandle: c.source === 'collector' && ['ads', 'garbage', 'parking', 'misc'].includes(c.category) && rng.chance(0.12),
    returned: rng.chance(0.05),
    extended: rng.chance(0.04),
    suspended, stillSuspended: suspended && rng.chance(0.35),
    reworked: rng.chance(0.045),
    voided: rng.chance(0.01),
    supervised: rng.chance(0.01),
    urgent: rng.chance(c.category === 'water' || c.typeCode < '01024' ? 0.15 : 0.02),
    revisit: citizen && rng.chance(0.6),
    returnDenied: rng.chance(0.015),
    extensionDenied: rng.chance(0.01),
  };
}

/** Generates one case's rows: the case, its reporter, timeline and stage clocks. */
export function generateCase(inputs: HistoryInputs, staff: Staff, c: PlannedCase, id: number): CaseRows {
  const rng = new Rng(inputs.seed, `history-case-${c.index}`);
  const grid = inputs.grids[c.gridIndex];
  const district = grid.communityCode.slice(0, 6);
  const city = district.slice(0, 4) + '00';
  const v = drawVariant(c, rng);
  const place = position(inputs, c, rng);
  const typeName = lookupsOf(inputs).types.get(`${c.kind}:${c.typeCode}`) ?? c.typeCode;
  const description = c.category === 'water' ? RAIN_WORDS : `${typeName}${rng.pick(DESCRIPTION_TAILS)}`;

  // 权责清单: a component's own 主管/养护单位 first, else the most specific rules
  const comp = c.componentIndex >= 0 ? inputs.components[c.componentIndex] : null;
  const own = comp ? comp.ownerId ?? comp.maintainerId : null;
  const typeRules = lookupsOf(inputs).rules.get(`${c.kind}:${c.typeCode}`) ?? [];
  const match = own === null ? matchRules(typeRules, c.kind, c.typeCode, { gridCode: grid.code, roadNames: grid.roadNames }) : null;
  const routing = own !== null
    ? componentRouting(own, typeRules, c.kind, c.typeCode)
    : match!.lead.length === 0 ? { source: 'none', lead: [], assist: [], autoDispatch: false }
      : { source: 'rules', lead: match!.lead.map((r) => ({ departmentId: r.departmentId, ruleId: r.id })),
        assist: match!.assist.map((r) => ({ departmentId: r.departmentId, ruleId: r.id })),
        autoDispatch: match!.lead.length === 1 && match!.lead[0].autoDispatch };

  const collectors = staff.list('collector', district);
  const gridCollector = collectors.length > 0 ? collectors[c.gridIndex % collectors.length] : undefined;
  const collector: StepActor = gridCollector ? { id: gridCollector.id, name: gridCollector.name, role: 'collector' } : SYSTEM;
  const citizens = staff.list('citizen', 'null');
  let reporter: { actor: StepActor; userId: number | null; name: string | null; phone: string | null };
  if (c.source === 'collector') {
    reporter = { actor: collector, userId: collector.id, name: collector.name, phone: gridCollector?.phone ?? null };
  } else if (c.source === 'public' && citizens.length > 0 && rng.chance(0.3)) {
    const u = rng.pick(citizens);
    reporter = { actor: { id: u.id, name: u.name, role: 'citizen' }, userId: u.id, name: u.name, phone: u.phone };
  } else if (MACHINES[c.source]) {
    reporter = { actor: MACHINES[c.source], userId: null, name: MACHINES[c.source].name, phone: null };
  } else {
    const phone = rng.chance(0.85) ? `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}` : null;
    reporter = { actor: staff.one('acceptor', district, city, rng), userId: null, name: rng.pick(CITIZEN_NAMES), phone };
  }
  const state: CaseState = {
    stage: 'reported', source: c.source, urgent: v.urgent, regionCode: grid.code, verification: 'none',
    reporterUserIds: reporter.userId === null ? [] : [reporter.userId], reporterContact: !!reporter.phone,
    leadDepartmentId: null, assistDepartmentIds: [], dispatchLevel: null, dispatchRegion: null, assigneeUserId: null,
    requestedExtension: null, overdue: false,
  };
  const life = new CaseLife(inputs, id, c.kind, c.typeCode, state, c.at);
  life.report(reporter.actor, description, { source: c.source, urgent: v.urgent, routing });
  // photos: collectors, cameras and patrols always send one, citizens often, hotline callers rarely
  const scene = inputs.photos?.[sceneOf(c.category, c.typeCode, typeName)];
  const photographed = ['collector', 'video_ai', 'patrol', 'media'].includes(c.source) || rng.chance(c.source === 'public' ? 0.7 : 0.15);
  if (scene && photographed && c.source !== 'iot') life.attach('before', rng.pick(scene.before));
  live(life, v, rng, {
    acceptor: () => staff.one('acceptor', district, city, rng), leader: () => staff.one('shift_leader', district, city, rng),
    dispatcher: () => staff.one('dispatcher', district, city, rng), inspector: () => staff.one('inspector', district, city, rng),
    collector, handler: (d) => staff.handler(d, inputs.departmentNames.get(d) ?? String(d)),
    leads: routing.lead.map((l) => l.departmentId), assists: routing.assist.map((a) => a.departmentId),
    fallback: [...inputs.departmentNames.keys()], autoDispatch: routing.autoDispatch, afterPhoto: scene?.after ?? null,
  });
  const rows = life.finish({
    id, case_no: c.caseNo, kind: c.kind, type_code: c.typeCode, matter_code: district + c.typeCode, component_id: comp?.id ?? null,
    lon: place.lon, lat: place.lat, address: place.address.slice(0, 256), grid_code: grid.code, community_code: grid.communityCode,
    street_code: grid.communityCode.slice(0, 9), district_code: district, description, source: c.source, routing,
    created_by: reporter.actor.id, created_at: new Date(c.at).toISOString(),
  });
  rows.reporters.push({ case_id: id, user_id: reporter.userId, name: reporter.name, phone: reporter.phone, source: c.source,
    reported_at: new Date(c.at).toISOString() });
  return rows;
}

interface Cast {
  acceptor(): StepActor; leader(): StepActor; dispatcher(): StepActor; inspector(): StepActor; collector: StepActor;
  handler(departmentId: number): StepActor; leads: number[]; assists: number[]; fallback: number[]; autoDispatch: boolean;
  /** The photo a handler or a collector sends when the problem is fixed. */
  afterPhoto: string | null;
}

const minutes = (m: number) => m * MINUTE_MS;

/** The case's path through the loop; stops wherever HISTORY_END cuts it. */
function live(life: CaseLife, v: Variant, rng: Rng, cast: Cast): void {
  const staffStep = (median: number) => life.working(minutes(Math.max(1, logNormal(rng, median, 0.7))));
  const acceptor = cast.acceptor();
  if (life.stage === 'reported' && v.selfHandle) {
    if (!life.act('self_handle', cast.collector, life.now + minutes(rng.int(5, 40)), { opinion: '现场自行处置完毕' })) return;
    life.attach('after', cast.afterPhoto);
    if (!life.act('approve_self_handle', acceptor, staffStep(20))) return;
    life.act('close', cast.leader(), staffStep(30));
    return;
  }
  if (life.stage === 'reported' && DEFAULT_WORKFLOW_CONFIG.verifySources.includes(life.source)) {
    if (!life.act('request_verify', acceptor, staffStep(12), { assigneeUserId: cast.collector.id ?? undefined },
      { assigneeUserId: cast.collector.id })) return;
    const found = !v.verifyNotFound;
    if (!life.act('verify', cast.collector, staffStep(45), { found, opinion: found ? '现场核实，问题属实' : '现场未发现该问题' }, { found })) return;
    if (!found) { life.act('reject', acceptor, staffStep(10), { opinion: '经核实问题不存在', rejectReason: 'invalid' }, { rejectReason: 'invalid' }); return; }
  }
  if (v.reject) {
    const reason = rng.pick(['duplicate', 'out_of_scope', 'invalid'] as const);
    life.act('reject', acceptor, staffStep(12), { opinion: reason === 'duplicate' ? '重复上报' : reason === 'out_of_scope' ? '不属于受理范围' : '信息不全，无法核实', rejectReason: reason },
      { rejectReason: reason });
    return;
  }
  if (!life.act('accept', acceptor, staffStep(12))) return;
  const leader = cast.leader();
  if (v.refuseFile) { life.act('refuse_file', leader, staffStep(10), { opinion: '不符合立案条件' }); return; }
  if (!life.act('file', leader, staffStep(10))) return;
  const dispatcher = cast.dispatcher();
  const leads = cast.leads.length > 0 ? cast.leads : [rng.pick(cast.fallback)];
  let lead = rng.pick(leads);
  const dispatch = (dept: number) => life.act('dispatch', dispatcher, staffStep(12),
    { leadDepartmentId: dept, assistDepartmentIds: cast.assists }, { leadDepartmentId: dept, assistDepartmentIds: cast.assists });
  // 机器派单: the rule's department at once, by the system (src/command/rules/auto-dispatch.ts)
  const auto = cast.autoDispatch ? life.act('dispatch', SYSTEM, life.now + 1000,
    { leadDepartmentId: lead, assistDepartmentIds: cast.assists, opinion: '机器派单：按权责清单自动派遣' },
    { leadDepartmentId: lead, assistDepartmentIds: cast.assists }) : false;
  if (!auto && !dispatch(lead)) return;
  let handler = cast.handler(lead);
  if (v.returned) {
    if (!life.act('request_return', handler, staffStep(180), { opinion: '不属于本单位职责，申请回退' })) return;
    if (!life.act('approve_return', dispatcher, staffStep(30))) return;
    const others = [...leads, ...cast.assists, ...cast.fallback].filter((d) => d !== lead);
    lead = others.length > 0 ? others[0] : lead;
    if (!dispatch(lead)) return;
    handler = cast.handler(lead);
  }
  if (v.returnDenied && !v.returned) {
    if (!life.act('request_return', handler, staffStep(120), { opinion: '该问题应由属地街道处置，申请回退' })) return;
    if (!life.act('deny_return', dispatcher, staffStep(30), { opinion: '按权责清单属于本单位职责，不同意回退' })) return;
  }
  if (v.supervised && !life.act('supervise', cast.inspector(), staffStep(240), { opinion: '请加快处置进度' })) return;
  if (v.voided) { life.act('void', leader, staffStep(600), { opinion: '重复立案，作废' }); return; }
  if (!handle(life, v, rng, handler, dispatcher, staffStep)) return;
  life.attach('after', cast.afterPhoto);
  for (let round = 0; ; round++) {
    if (!life.act('request_check', acceptor, staffStep(15), { assigneeUserId: cast.collector.id ?? undefined },
      { assigneeUserId: cast.collector.id })) return;
    if (round === 0 && v.reworked) {
      if (!life.act('check_fail', cast.collector, staffStep(60), { opinion: '现场未处置到位，返工' })) return;
      if (!life.act('handle_feedback', handler, life.inLimit(life.handleLimit(), Math.min(0.9, logNormal(rng, 0.2, 0.5))),
        { opinion: '已重新处置' })) return;
      life.attach('after', cast.afterPhoto);
      continue;
    }
    if (!life.act('check_pass', cast.collector, staffStep(60), { opinion: '现场核查，已处置完毕' })) return;
    break;
  }
  if (!life.act('close', leader, staffStep(30), {}, { closeType: life.overdue ? 'overdue' : 'normal' })) return;
  if (v.revisit) {
    const satisfaction = rng.weighted([['satisfied', 80], ['basically_satisfied', 15], ['unsatisfied', 5]] as const);
    life.act('revisit', acceptor, life.now + rng.int(1, 3) * DAY_MS, { satisfaction }, { satisfaction });
  }
}

/** 处置: optional 延期 and 挂账, then the feedback, its time a log-normal share of the limit (~6 % past it). */
function handle(life: CaseLife, v: Variant, rng: Rng, handler: StepActor, dispatcher: StepActor, staffStep: (m: number) => number): boolean {
  const limit = life.handleLimit();
  if (v.extended) {
    if (!life.act('request_extension', handler, life.inLimit(limit, 0.5), { opinion: '需协调施工队伍，申请延期', extension: limit },
      { extension: limit })) return false;
    if (!life.act('approve_extension', dispatcher, staffStep(30))) return false;
  }
  if (v.extensionDenied && !v.extended) {
    if (!life.act('request_extension', handler, life.inLimit(limit, 0.3), { opinion: '材料采购中，申请延期', extension: limit },
      { extension: limit })) return false;
    if (!life.act('deny_extension', dispatcher, staffStep(30), { opinion: '延期理由不充分，请按期处置' })) return false;
  }
  if (v.suspended) {
    if (!life.act('request_suspend', handler, life.inLimit(limit, 0.3), { opinion: '涉及产权纠纷，暂不具备处置条件，申请挂账' })) return false;
    if (!life.act('approve_suspend', dispatcher, staffStep(60))) return false;
    if (v.stillSuspended) return false;
    if (!life.act('resume', dispatcher, life.now + logNormal(rng, 12, 0.6) * DAY_MS, { opinion: '处置条件已具备，恢复办理' })) return false;
  }
  const share = logNormal(rng, 0.4, 0.6) * (v.extended ? 1.6 : 1);
  return life.act('handle_feedback', handler, life.inLimit(limit, share), { opinion: '已处置完毕' });
}
