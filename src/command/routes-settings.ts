// Settings of the case loop: 立结案标准 per type (with history) and the working calendar (periods, holidays).
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../admin/roles.ts';
import { actorOf } from '../server/auth-hook.ts';
import type { AppContext } from '../server/context.ts';
import { errorResponses } from '../server/schemas.ts';
import { loadCalendar, loadExtraDays, loadWorkingPeriods, saveExtraDays, saveWorkingPeriods } from './calendar-store.ts';
import { caseLimitsHistory, getCaseLimits, listCaseLimits, updateCaseLimits, type CaseKind, type LimitsPatch } from './limits.ts';
import type { ExtraDay, WorkingPeriod } from './rules/calendar.ts';
import { CASE_SOURCES, CLOCKS, type WorkflowConfig } from './rules/case-model.ts';
import { LIMIT_UNITS } from './rules/deadline.ts';
import { settingsChanged } from './settings-cache.ts';
import { loadWorkflowConfig, saveWorkflowConfig } from './workflow-config.ts';

const tags = ['指挥协调 command'];

export const timeLimitSchema = {
  type: 'object', required: ['amount', 'unit'], additionalProperties: false,
  properties: { amount: { type: 'number', exclusiveMinimum: 0, maximum: 10000 }, unit: { type: 'string', enum: [...LIMIT_UNITS] } },
} as const;
const clockLimits = {
  type: 'object', additionalProperties: false,
  properties: Object.fromEntries(CLOCKS.map((c) => [c, timeLimitSchema])),
} as const;
const typeParams = {
  type: 'object', required: ['kind', 'code'],
  properties: { kind: { type: 'string', enum: ['component', 'matter'] }, code: { type: 'string', pattern: '^[0-9]{5}$' } },
} as const;
const time = { type: 'string', pattern: '^[0-9]{2}:[0-9]{2}$' } as const;

export async function registerCaseSettingsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const read = { permission: PERMISSIONS.caseRead };
  const write = { permission: PERMISSIONS.caseSettings };

  app.get('/api/case-limits', {
    config: read,
    schema: { tags, summary: '立结案标准列表（立案条件、结案条件、各环节时限）',
      querystring: { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', enum: ['component', 'matter'] } } },
      response: errorResponses },
  }, async (request) => ({ items: await listCaseLimits(db, (request.query as { kind?: CaseKind }).kind) }));

  app.get('/api/case-limits/:kind/:code', {
    config: read,
    schema: { tags, summary: '某类型的立结案标准及修改历史', params: typeParams, response: errorResponses },
  }, async (request) => {
    const { kind, code } = request.params as { kind: CaseKind; code: string };
    return { ...(await getCaseLimits(db, kind, code)), history: await caseLimitsHistory(db, kind, code) };
  });

  app.put('/api/case-limits/:kind/:code', {
    config: write,
    schema: {
      tags, summary: '修改立结案标准（记录历史）', params: typeParams, response: errorResponses,
      body: { type: 'object', additionalProperties: false, properties: {
        filingCondition: { type: 'string', minLength: 1, maxLength: 1000 }, closingCondition: { type: 'string', minLength: 1, maxLength: 1000 },
        limits: clockLimits, urgentLimits: clockLimits,
        duplicateRadiusM: { type: 'integer', minimum: 0, maximum: 5000, description: '重复案件判定半径（米）' },
        duplicateWindowHours: { type: 'integer', minimum: 0, maximum: 8760, description: '重复案件判定时间窗（小时）' } } },
    },
  }, async (request) => {
    const { kind, code } = request.params as { kind: CaseKind; code: string };
    return db.transaction(async (tx) => {
      const limits = await updateCaseLimits(tx, actorOf(request), kind, code, request.body as LimitsPatch);
      await settingsChanged(tx, ctx.events);
      return limits;
    });
  });

  app.get('/api/calendar', {
    config: read,
    schema: { tags, summary: '工作日历：工作时段与各年份节假日数据来源', response: errorResponses,
      querystring: { type: 'object', additionalProperties: false, properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } } } },
  }, async (request) => {
    const calendar = await loadCalendar(db);
    const year = (request.query as { year?: number }).year ?? new Date().getUTCFullYear();
    return { periods: calendar.periods, workingDayMinutes: calendar.workingDayMinutes, year, coverage: calendar.coverage(year) };
  });

  app.put('/api/calendar', {
    config: write,
    schema: {
      tags, summary: '设置工作时段（默认 08:00–12:00、14:00–18:00）', response: errorResponses,
      body: { type: 'object', required: ['periods'], additionalProperties: false, properties: {
        periods: { type: 'array', minItems: 1, maxItems: 6, items: { type: 'object', required: ['start', 'end'], additionalProperties: false,
          properties: { start: time, end: time } } } } },
    },
  }, async (request) => {
    const { periods } = request.body as { periods: WorkingPeriod[] };
    await db.transaction(async (tx) => {
      await saveWorkingPeriods(tx, actorOf(request), periods);
      await settingsChanged(tx, ctx.events);
    });
    return { periods: await loadWorkingPeriods(db) };
  });

  app.get('/api/calendar/days', {
    config: read,
    schema: { tags, summary: '管理员录入的节假日与调休工作日', response: errorResponses,
      querystring: { type: 'object', additionalProperties: false, properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } } } },
  }, async (request) => ({ days: await loadExtraDays(db, (request.query as { year?: number }).year) }));

  app.put('/api/calendar/days/:year', {
    config: write,
    schema: {
      tags, summary: '录入某年的节假日与调休工作日（整年替换；覆盖官方数据）', response: errorResponses,
      params: { type: 'object', required: ['year'], properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } } },
      body: { type: 'object', required: ['days'], additionalProperties: false, properties: {
        days: { type: 'array', maxItems: 366, items: { type: 'object', required: ['date', 'kind'], additionalProperties: false, properties: {
          date: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }, kind: { type: 'string', enum: ['holiday', 'workday'] },
          name: { type: 'string', maxLength: 32 } } } } } },
    },
  }, async (request) => {
    const { year } = request.params as { year: number };
    const { days } = request.body as { days: ExtraDay[] };
    return { days: await db.transaction(async (tx) => {
      const saved = await saveExtraDays(tx, actorOf(request), year, days);
      await settingsChanged(tx, ctx.events);
      return saved;
    }) };
  });

  app.get('/api/workflow-config', {
    config: read,
    schema: { tags, summary: '工作流配置：两级派遣、受理即立案、须核实的来源', response: errorResponses },
  }, async () => loadWorkflowConfig(db));

  app.put('/api/workflow-config', {
    config: write,
    schema: {
      tags, summary: '修改工作流配置', response: errorResponses,
      body: { type: 'object', additionalProperties: false, properties: {
        twoLevelDispatch: { type: 'boolean' }, acceptorFiles: { type: 'boolean' }, acceptorMaySkipVerification: { type: 'boolean' },
        urgentReminderMinutes: { type: 'integer', minimum: 0, maximum: 240, description: '紧急案件催办间隔（分钟），0 为不催办' },
        verifySources: { type: 'array', uniqueItems: true, items: { type: 'string', enum: [...CASE_SOURCES] } } } },
    },
  }, async (request) => db.transaction((tx) => saveWorkflowConfig(tx, actorOf(request), request.body as Partial<WorkflowConfig>)));
}
