// What the public may see of a case: a coarse stage, open/closed, and a timeline of actions and times — no names,
// phones or staff opinions (only the closing and refusal notes, which are written for the reporter).
import type { Queryable } from '../db/types.ts';
import { ACTION_NAMES, type Action } from '../command/rules/transitions.ts';
import { TERMINAL_STAGES, type Stage } from '../command/rules/case-model.ts';
import type { PublicEvent, PublicStage } from './views.ts';

export const PUBLIC_STAGE_NAMES: Record<PublicStage, string> = {
  submitted: '已提交，待受理', verifying: '核实中', dispatching: '已立案，待派遣', handling: '处置中', checking: '核查结案中',
  closed: '已办结', voided: '已作废', rejected: '不予受理', merged: '与其他举报合并办理',
};

export function publicStage(stage: string): PublicStage {
  switch (stage as Stage) {
    case 'reported': return 'submitted';
    case 'verifying': case 'to_file': return 'verifying';
    case 'to_dispatch': case 'to_dispatch_2': return 'dispatching';
    case 'handling': case 'return_review': case 'extension_review': case 'suspend_review': case 'suspended': return 'handling';
    case 'to_check': case 'checking': case 'to_close': case 'self_review': return 'checking';
    case 'closed': return 'closed';
    case 'voided': return 'voided';
    case 'rejected': return 'rejected';
    case 'merged': return 'merged';
    default: return 'handling';
  }
}

export const isClosed = (stage: string) => TERMINAL_STAGES.has(stage as Stage);

/** Actions whose opinion is written for the reporter and may be shown. */
const PUBLIC_OPINIONS = new Set(['close', 'reject', 'refuse_file', 'void']);
/** Actions not worth showing to the public (internal reviews and reminders). */
const INTERNAL = new Set(['supervise', 'mark_urgent', 'deny_return', 'deny_extension', 'deny_suspend', 'request_return',
  'approve_return', 'request_suspend', 'request_extension', 'deny_self_handle', 'overdue']);

export async function publicTimeline(q: Queryable, caseId: number): Promise<PublicEvent[]> {
  const rows = await q.query<{ at: Date; action: string; to_stage: string | null; opinion: string | null }>(
    'select at, action, to_stage, opinion from case_events where case_id = $1 order by id', [caseId]);
  let stage: PublicStage = 'submitted';
  const out: PublicEvent[] = [];
  for (const r of rows) {
    if (r.to_stage) stage = publicStage(r.to_stage);
    if (INTERNAL.has(r.action)) continue;
    out.push({
      at: new Date(r.at).toISOString(), action: r.action,
      label: r.action === 'report' ? '提交举报' : (ACTION_NAMES[r.action as Action] ?? r.action),
      stage, stageName: PUBLIC_STAGE_NAMES[stage],
      note: PUBLIC_OPINIONS.has(r.action) ? r.opinion?.trim() || null : null,
    });
  }
  return out;
}

/** Actions whose note (opinion) is written for the reporter, as a list for SQL. */
export const PUBLIC_NOTE_ACTIONS = [...PUBLIC_OPINIONS];

/** Open311 status_notes: the public stage, and the closing or refusal note (the latest PUBLIC_NOTE_ACTIONS opinion). */
export function statusNotes(stage: string, note: string | null): string {
  const name = PUBLIC_STAGE_NAMES[publicStage(stage)];
  return isClosed(stage) && note?.trim() ? `${name}：${note.trim()}` : name;
}
