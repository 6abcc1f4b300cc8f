// The portal's reports: file one (category → matter type), follow it by case number (public timeline), list a
// citizen's own reports, and rate the result after closing (回访, through the case loop's revisit action).
import type { Actor } from '../admin/actor.ts';
import type { Db } from '../db/types.ts';
import { takeAction } from '../command/actions.ts';
import type { Satisfaction } from '../command/rules/case-model.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import type { AppContext } from '../server/context.ts';
import { categoryByKey, ILLEGAL_BUILDING_STAGES } from './categories.ts';
import { ANONYMOUS_ACTOR, createPublicReport } from './intake.ts';
import { awardRating } from './points.ts';
import { isClosed, PUBLIC_STAGE_NAMES, publicStage, publicTimeline } from './status.ts';
import type { MyReport, SatisfactionCode, TrackedCase } from './views.ts';

// views.ts repeats the satisfaction levels without importing them; this fails to compile when the two drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const VIEW_VOCABULARY_MATCHES: [Same<Satisfaction, SatisfactionCode>] = [true];

export interface PortalReportInput {
  category: string; lon: number; lat: number; address?: string; description: string; photos?: string[]; facilityCode?: string;
  building?: { stage?: string; areaM2?: number };
}

export async function fileReport(ctx: Pick<AppContext, 'db' | 'events'>, citizen: Actor | undefined, input: PortalReportInput, idempotencyKey?: string) {
  const category = categoryByKey(input.category);
  if (!category) throw badRequest('UNKNOWN_CATEGORY', `没有该问题类别：${input.category}`);
  const facility = input.facilityCode
    ? await ctx.db.maybeOne<{ id: number; name: string }>('select id, name from facilities where code = $1 and active', [input.facilityCode])
    : undefined;
  if (input.facilityCode && !facility) throw badRequest('UNKNOWN_FACILITY', `设施不存在：${input.facilityCode}`);
  const extra: string[] = [];
  const attributes: Record<string, unknown> = {};
  if (category.key === 'illegal_building') {
    const stage = input.building?.stage;
    if (!stage || !ILLEGAL_BUILDING_STAGES[stage]) throw badRequest('BUILDING_STAGE_REQUIRED', '违建举报请选择建设状态（正在建设 / 已建成）');
    attributes.building_stage = stage;
    extra.push(`【建设状态：${ILLEGAL_BUILDING_STAGES[stage]}】`);
    if (input.building?.areaM2 !== undefined) {
      attributes.area_m2 = input.building.areaM2;
      extra.push(`【估计面积：${input.building.areaM2} 平方米】`);
    }
  }
  if (facility) extra.push(`【设施：${facility.name}】`);
  const description = [input.description.trim(), ...extra].join(' ');
  return createPublicReport(ctx, citizen ?? ANONYMOUS_ACTOR, {
    typeCode: category.typeCode, position: { lon: input.lon, lat: input.lat }, address: input.address, description,
    photos: input.photos, channel: 'portal', category: category.key, attributes, facilityId: facility ? Number(facility.id) : undefined,
    idempotencyKey: idempotencyKey ? `portal:${citizen?.id ?? 'anon'}:${idempotencyKey}` : undefined,
  });
}

/** What anyone may see of a case by its number; `rating` when the citizen viewing it reported it. */
export async function trackReport(db: Db, caseNo: string, citizen: Actor | undefined): Promise<TrackedCase> {
  const c = await db.maybeOne<any>(
    `select c.id, c.case_no, c.stage, c.address, c.created_at, c.closed_at, c.satisfaction, t.name as type_name, d.name as department
     from cases c join catalog_types t on t.kind = c.kind and t.code = c.type_code
     left join departments d on d.id = c.lead_department_id where c.case_no = $1`, [caseNo]);
  if (!c) throw notFound('案件', caseNo);
  const id = Number(c.id);
  const mine = citizen?.id != null
    && !!(await db.maybeOne('select 1 from case_reporters where case_id = $1 and user_id = $2', [id, citizen.id]));
  const rated = mine ? await db.maybeOne<{ details: any }>(
    "select details from case_events where case_id = $1 and action = 'revisit' and actor_id = $2 order by id desc limit 1", [id, citizen!.id]) : undefined;
  const photos = await db.query<{ hash: string; phase: 'before' | 'after' }>(
    "select hash, phase from case_media where case_id = $1 and phase in ('before', 'after') order by added_at", [id]);
  const stage = publicStage(c.stage);
  return {
    caseNo: c.case_no, typeName: c.type_name, address: c.address, department: c.department ?? null,
    status: isClosed(c.stage) ? 'closed' : 'open', stage, stageName: PUBLIC_STAGE_NAMES[stage],
    createdAt: new Date(c.created_at).toISOString(), closedAt: c.closed_at ? new Date(c.closed_at).toISOString() : null,
    timeline: await publicTimeline(db, id),
    photos: photos.map((p) => ({ phase: p.phase, url: `/api/public/media/${p.hash}` })),
    mine, canRate: mine && c.stage === 'closed' && !rated, rating: rated ? (rated.details?.satisfaction ?? null) : null,
  };
}

export async function myReports(db: Db, citizen: Actor): Promise<MyReport[]> {
  const rows = await db.query<any>(
    `select c.case_no, c.stage, c.address, c.created_at, t.name as type_name from case_reporters r
     join cases c on c.id = r.case_id join catalog_types t on t.kind = c.kind and t.code = c.type_code
     where r.user_id = $1 order by c.id desc limit 100`, [citizen.id]);
  return rows.map((r) => ({ caseNo: r.case_no, typeName: r.type_name, address: r.address, createdAt: new Date(r.created_at).toISOString(),
    stageName: PUBLIC_STAGE_NAMES[publicStage(r.stage)], status: isClosed(r.stage) ? 'closed' : 'open' }));
}

/** 回访 by the reporter: the revisit action of the case loop, once per citizen, plus the rating's points. */
export async function rateReport(ctx: Pick<AppContext, 'db' | 'events'>, citizen: Actor, caseNo: string, satisfaction: Satisfaction, comment?: string) {
  const c = await ctx.db.maybeOne<{ id: number; version: number; stage: string }>('select id, version, stage from cases where case_no = $1', [caseNo]);
  if (!c) throw notFound('案件', caseNo);
  if (c.stage !== 'closed') throw conflict('NOT_CLOSED', '案件办结后才能评价');
  const already = await ctx.db.maybeOne("select 1 from case_events where case_id = $1 and action = 'revisit' and actor_id = $2", [c.id, citizen.id]);
  if (already) throw conflict('ALREADY_RATED', '您已评价过该案件');
  const result = await takeAction(ctx, citizen, Number(c.id), 'revisit', { version: Number(c.version), satisfaction, opinion: comment?.trim() || undefined });
  await awardRating(ctx.db, citizen.id!, Number(c.id));
  return result;
}
