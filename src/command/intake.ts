// 上报: a new case. Validates type and position, places it in its grid, allocates the case number, stores the
// reporter and photos, suggests the department (权责清单), starts the 受理 clock — all in one transaction.
// An idempotency key gives the same case back when the request is repeated.
import { SYSTEM_ACTOR, type Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import { requireCityBounds } from '../base/grids.ts';
import { placePoint } from '../base/placement.ts';
import type { Crs } from '../base/spatial/coords.ts';
import { getSpatialService } from '../base/spatial/service.ts';
import type { Queryable } from '../db/types.ts';
import { badRequest, conflict } from '../platform/errors.ts';
import type { AppContext } from '../server/context.ts';
import { actInTransaction } from './actions.ts';
import { waitingColumns } from './case-record.ts';
import { findDuplicates } from './duplicates.ts';
import { applyEffects, CASE_CHANGED, type CaseChange } from './effects.ts';
import { suggestRouting, typeWithRules, type RoutingSuggestion } from './routing.ts';
import { CASE_SOURCES, type CaseSource, type CaseState } from './rules/case-model.ts';
import { chinaDayIndex, dayKey } from './rules/china-time.ts';
import { intakeOutcome } from './rules/outcome.ts';
import { linkAttachments, missingMedia, type TimelineEntry } from './timeline.ts';

export interface IntakeInput {
  kind: 'component' | 'matter';
  typeCode?: string;
  componentId?: string;
  position?: { lon: number; lat: number; crs?: Crs };
  address?: string;
  description: string;
  source?: CaseSource;
  urgent?: boolean;
  photos?: string[];
  reporter?: { name?: string; phone?: string };
}

type IntakeContext = Pick<AppContext, 'db' | 'events'>;

/** Machine sources merge into an open duplicate automatically (the same camera or sensor reporting again). */
const AUTO_MERGE_SOURCES: readonly CaseSource[] = ['video_ai', 'iot'];

/** The sources a role reports from: collectors and citizens have their own; centre staff and machines choose. */
function sourceFor(actor: Actor, requested: CaseSource | undefined): CaseSource {
  if (actor.role === 'collector') return 'collector';
  if (actor.role === 'citizen') return 'public';
  if (!requested) throw badRequest('SOURCE_REQUIRED', '请填写案件来源');
  if (!CASE_SOURCES.includes(requested)) throw badRequest('INVALID_SOURCE', `案件来源无效: ${requested}`);
  if (requested === 'collector') throw badRequest('INVALID_SOURCE', '监督员上报须由监督员本人提交');
  return requested;
}

/** The columns a new case is inserted with (case_no comes from the counter). */
interface NewCase {
  kind: string; type_code: string; matter_code: string; component_id: string | null; lon: number; lat: number; address: string;
  grid_code: string; community_code: string; street_code: string; district_code: string; description: string; source: CaseSource;
  urgent: boolean; waiting_role: string | null; waiting_region_code: string | null; waiting_department_id: number | null;
  waiting_user_id: number | null; routing: RoutingSuggestion; created_by: number | null; idempotency_key: string | null;
}

/**
 * Inserts the case with its first reporter and its first timeline entry (上报, see timeline.ts) in one statement;
 * returns its id, number and the entry's id. The number is YYYY-DDDDDD-NNNNNN: the China calendar year, the district,
 * a sequence per year and district (safe across nodes).
 */
async function insertCase(tx: Queryable, c: NewCase, reporter: Reporter, actor: Actor, report: TimelineEntry, now: Date,
): Promise<{ id: number; caseNo: string; eventId: number }> {
  const year = Number(dayKey(chinaDayIndex(now)).slice(0, 4));
  const row = await tx.maybeOne<{ id: number; case_no: string; event_id: number }>(
    `with counter as (
       insert into case_counters (year, district_code, last_seq) values ($1, $12, 1)
       on conflict (year, district_code) do update set last_seq = case_counters.last_seq + 1 returning last_seq),
     created as (
       insert into cases (case_no, kind, type_code, matter_code, component_id, lon, lat, address, grid_code, community_code,
         street_code, district_code, description, source, urgent, stage, waiting_role, waiting_region_code, waiting_department_id,
         waiting_user_id, routing, created_by, idempotency_key, created_at, updated_at)
       select $1::text || '-' || $12 || '-' || lpad(last_seq::text, greatest(6, length(last_seq::text)), '0'),
         $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'reported', $16, $17, $18, $19, $20, $21, $22, $23, $23
       from counter
       returning id, case_no),
     reporter as (
       insert into case_reporters (case_id, user_id, name, phone, source, reported_at) select id, $24, $25, $26, $14, $23 from created),
     reported as (
       insert into case_events (case_id, at, actor_id, actor_name, actor_role, action, from_stage, to_stage, opinion, attachments, details)
       select id, $23, $27, $28, $29, $30, null, 'reported', $31, $32, $33 from created returning id)
     select created.id, case_no, reported.id as event_id from created, reported`,
    [year, c.kind, c.type_code, c.matter_code, c.component_id, c.lon, c.lat, c.address, c.grid_code, c.community_code, c.street_code,
      c.district_code, c.description, c.source, c.urgent, c.waiting_role, c.waiting_region_code, c.waiting_department_id,
      c.waiting_user_id, JSON.stringify(c.routing), c.created_by, c.idempotency_key, now.toISOString(),
      reporter.userId, reporter.name, reporter.phone, actor.kind === 'user' ? actor.id : null, actor.name, actor.role,
      report.action, report.opinion?.trim() || null, JSON.stringify(report.attachments ?? []), JSON.stringify(report.details ?? {})]);
  return { id: Number(row!.id), caseNo: row!.case_no, eventId: Number(row!.event_id) };
}

async function byIdempotencyKey(q: Queryable, actor: Actor, key: string): Promise<number | undefined> {
  const row = await q.maybeOne<{ id: number; created_by: number | null }>('select id, created_by from cases where idempotency_key = $1', [key]);
  if (!row) return undefined;
  const mine = actor.kind === 'user' ? actor.id : null;
  if ((row.created_by === null ? null : Number(row.created_by)) !== mine) {
    throw conflict('IDEMPOTENCY_KEY_REUSED', '该幂等键已被其他用户使用，请换一个');
  }
  return Number(row.id);
}

/** Creates the case; returns its id and whether it is new (false when the idempotency key found an earlier one). */
export async function createCase(ctx: IntakeContext, actor: Actor, input: IntakeInput, idempotencyKey?: string): Promise<{ id: number; created: boolean }> {
  if (idempotencyKey) {
    const existing = await byIdempotencyKey(ctx.db, actor, idempotencyKey);
    if (existing !== undefined) return { id: existing, created: false };
  }
  const source = sourceFor(actor, input.source);
  const component = input.componentId
    ? await ctx.db.maybeOne<{ type_code: string; lon: number; lat: number; owner_department_id: number | null; maintainer_department_id: number | null }>(
      'select type_code, lon, lat, owner_department_id, maintainer_department_id from components where id = $1', [input.componentId])
    : undefined;
  if (input.componentId && !component) throw badRequest('UNKNOWN_COMPONENT', `部件不存在: ${input.componentId}`);
  const typeCode = input.typeCode ?? component?.type_code;
  if (!typeCode) throw badRequest('TYPE_REQUIRED', '请填写案件类型代码');
  if (component && component.type_code !== typeCode) {
    throw badRequest('TYPE_MISMATCH', `部件 ${input.componentId} 的类型为 ${component.type_code}，与填写的类型 ${typeCode} 不符`);
  }
  const type = await typeWithRules(ctx.db, input.kind, typeCode);
  if (!type) throw badRequest('UNKNOWN_TYPE', `目录中没有该类型: ${input.kind === 'component' ? '部件' : '事项'} ${typeCode}`);
  if (!type.enabled) throw badRequest('TYPE_DISABLED', `该类型已停用: ${typeCode}`);
  const position = input.position ?? (component ? { lon: Number(component.lon), lat: Number(component.lat) } : undefined);
  if (!position) throw badRequest('POSITION_REQUIRED', '请填写事发位置坐标，或选择部件');
  const spatial = getSpatialService(ctx);
  const place = await placePoint(spatial, await requireCityBounds(ctx), position.lon, position.lat, position.crs ?? 'WGS84');
  if (!place.ok) throw badRequest(place.code, place.message);
  const address = input.address?.trim() || (await spatial.describe(place.lon, place.lat)) || `${place.lon.toFixed(6)}, ${place.lat.toFixed(6)}`;
  if (address.length > 256) throw badRequest('ADDRESS_TOO_LONG', '事发位置描述不能超过 256 个字');
  const photos = [...new Set(input.photos ?? [])];
  const unknown = await missingMedia(ctx.db, photos);
  if (unknown.length > 0) throw badRequest('UNKNOWN_MEDIA', `照片或视频不存在，请先上传: ${unknown.join(', ')}`);
  const routing = await suggestRouting(spatial, type.rules, input.kind, typeCode, place,
    component ? { owner: numOrNull(component.owner_department_id), maintainer: numOrNull(component.maintainer_department_id) } : null);
  const reporter = await reporterOf(ctx.db, actor, input.reporter);

  try {
    return await ctx.db.transaction(async (tx) => {
      const now = new Date();
      const urgent = input.urgent ?? false;
      const state: CaseState = {
        stage: 'reported', source, urgent, regionCode: place.gridCode, verification: 'none',
        reporterUserIds: reporter.userId === null ? [] : [reporter.userId], reporterContact: !!reporter.phone,
        leadDepartmentId: null, assistDepartmentIds: [], dispatchLevel: null, dispatchRegion: null, assigneeUserId: null,
        requestedExtension: null, overdue: false,
      };
      const outcome = intakeOutcome(state);
      const waiting = waitingColumns(outcome.waitingOn);
      const report: TimelineEntry = {
        action: 'report', fromStage: null, toStage: 'reported', opinion: input.description,
        attachments: photos.map((hash) => ({ hash, phase: 'before' as const })), details: { source, urgent, routing },
      };
      const { id, caseNo, eventId } = await insertCase(tx, {
        kind: input.kind, type_code: typeCode, matter_code: place.districtCode + typeCode, component_id: input.componentId ?? null,
        lon: place.lon, lat: place.lat, address, grid_code: place.gridCode, community_code: place.communityCode,
        street_code: place.streetCode, district_code: place.districtCode, description: input.description.trim(), source, urgent,
        ...waiting, routing, created_by: actor.kind === 'user' ? actor.id : null, idempotency_key: idempotencyKey ?? null,
      }, reporter, actor, report, now);
      await linkAttachments(tx, id, eventId, report.attachments!, now);
      await applyEffects(tx, ctx.events, { id, case_no: caseNo, kind: input.kind, type_code: typeCode }, outcome.effects, now);
      // the new case as it stands (the intake effects change no case column), without reading it back
      const change: CaseChange = { id, caseNo, gridCode: place.gridCode, stage: 'reported', action: 'report',
        departmentIds: waiting.waiting_department_id === null ? [] : [waiting.waiting_department_id] };
      await ctx.events.publish(tx, CASE_CHANGED, change);
      await audit(tx, actor, { action: 'create', entity: 'case', entityId: id,
        after: { caseNo, kind: input.kind, typeCode, gridCode: place.gridCode, source, urgent } });
      if (AUTO_MERGE_SOURCES.includes(source)) {
        const [target] = await findDuplicates(tx, { kind: input.kind, typeCode, lon: place.lon, lat: place.lat, at: now }, { exceptId: id });
        if (target) {
          await actInTransaction(tx, ctx.events, SYSTEM_ACTOR, id, 'merge',
            { version: 1, mergeTargetId: target.id, opinion: `与案件 ${target.caseNo} 重复，系统自动合并` });
        }
      }
      return { id, created: true };
    });
  } catch (err: any) {
    // Two identical requests at once: the second insert hits the unique key; answer with the first case.
    if (idempotencyKey && err?.code === '23505') {
      const existing = await byIdempotencyKey(ctx.db, actor, idempotencyKey);
      if (existing !== undefined) return { id: existing, created: false };
    }
    throw err;
  }
}

const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The reporter: the logged-in collector or citizen, or the caller a centre user registers (12345 热线). */
interface Reporter { userId: number | null; name: string | null; phone: string | null }

async function reporterOf(q: Queryable, actor: Actor, given: IntakeInput['reporter']): Promise<Reporter> {
  if (actor.kind === 'user' && (actor.role === 'collector' || actor.role === 'citizen')) {
    const u = await q.maybeOne<{ phone: string | null }>('select phone from users where id = $1', [actor.id]);
    return { userId: actor.id, name: actor.name, phone: given?.phone ?? u?.phone ?? null };
  }
  return { userId: null, name: given?.name?.trim() || null, phone: given?.phone?.trim() || null };
}
