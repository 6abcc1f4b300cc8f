// The workflow configuration of this city (两级派遣, 受理即立案, sources needing 核实 …), kept in settings under
// 'command.workflow' and merged over the defaults of the pure rules.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import type { Queryable } from '../db/types.ts';
import { DEFAULT_WORKFLOW_CONFIG, type WorkflowConfig } from './rules/case-model.ts';
import { writeSetting } from '../platform/settings.ts';

const KEY = 'command.workflow';

export async function loadWorkflowConfig(q: Queryable): Promise<WorkflowConfig> {
  const row = await q.maybeOne<{ value: Partial<WorkflowConfig> }>('select value from settings where key = $1', [KEY]);
  return { ...DEFAULT_WORKFLOW_CONFIG, ...row?.value };
}

export async function saveWorkflowConfig(tx: Queryable, actor: Actor, patch: Partial<WorkflowConfig>): Promise<WorkflowConfig> {
  const before = await loadWorkflowConfig(tx);
  const after: WorkflowConfig = { ...before, ...patch };
  await writeSetting(tx, actor, KEY, after);
  await audit(tx, actor, { action: 'update', entity: 'workflow_config', entityId: KEY, before, after });
  return after;
}
