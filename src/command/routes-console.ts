// Routes the case console needs beside the workflow: whom an action may name (collectors for 核实/核查, departments
// for 派遣). Called at the end of registerCommandRoutes.
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses, idParam } from '../server/schemas.ts';
import { assigneeOptions, dispatchOptions } from './console-options.ts';

const tags = ['指挥协调 command'];

export function registerCaseConsoleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  app.get('/api/cases/:id/assignees', {
    config: { permission: PERMISSIONS.caseAct },
    schema: { tags, summary: '可派去核实/核查该案件的监督员（在岗且所辖区域包含案件网格，责任网格监督员在前）', params: idParam,
      response: errorResponses },
  }, async (request) => assigneeOptions(db, actorOf(request), (request.params as { id: number }).id));

  app.get('/api/cases/:id/departments', {
    config: { permission: PERMISSIONS.caseAct },
    schema: { tags, summary: '可派遣的处置部门（服务区域包含案件位置，权责清单推荐的主办、协办在前）及两级派遣的区县', params: idParam,
      response: errorResponses },
  }, async (request) => dispatchOptions(db, actorOf(request), (request.params as { id: number }).id));
}
