// AI 视频事件: cameras placed in grids; detection classes mapped to matter types with a confidence threshold, a merge
// window and a mode; detections from AI boxes or an algorithm platform become events — ignored below the threshold,
// merged into the same camera and class's event within the window, otherwise a new event that creates a case at once
// (auto) or waits for review. Cases go through the case loop's intake with source 视频AI and the snapshot as photo.
import type { Actor } from '../admin/actor.ts';
import { audit } from '../admin/audit.ts';
import { pageClause, SqlFilter } from '../base/sql.ts';
import { createCase } from '../command/intake.ts';
import type { Queryable } from '../db/types.ts';
import { saveMedia } from '../media/store.ts';
import { badRequest, conflict, notFound } from '../platform/errors.ts';
import type { AppContext } from '../server/context.ts';
import { placeOrThrow } from './registry.ts';
import { parseTimestamp } from './rules/telemetry.ts';
import { decideVideoEvent } from './rules/video.ts';
import { scopeFilter } from './scope.ts';
import type { CameraList, CameraView, VideoClassList, VideoClassView, VideoEventList, VideoEventView } from './views.ts';

type Ctx = Pick<AppContext, 'db' | 'events'>;
export const VIDEO_EVENT = 'monitor.video.event';
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

// ---- cameras ----

export interface CameraInput { code: string; name: string; position: { lon: number; lat: number }; departmentId?: number | null; enabled?: boolean }

const cameraView = (r: any): CameraView => ({
  id: Number(r.id), code: r.code, name: r.name, lon: r.lon, lat: r.lat, gridCode: r.grid_code, districtCode: r.district_code,
  departmentId: r.department_id === null ? null : Number(r.department_id), enabled: r.enabled,
});

export async function listCameras(q: Queryable, actor: Actor, query: { page?: number; pageSize?: number; region?: string }): Promise<CameraList> {
  const f = new SqlFilter();
  scopeFilter(f, actor, 'grid_code');
  if (query.region) f.add('grid_code like ?', `${query.region}%`);
  const total = (await q.maybeOne<{ n: number }>(`select count(*)::int as n from monitor_cameras ${f.where()}`, f.values))!.n;
  const rows = await q.query(`select * from monitor_cameras ${f.where()} order by id ${pageClause(query.page, query.pageSize)}`, f.values);
  return { total: Number(total), items: rows.map(cameraView) };
}

async function cameraInScope(q: Queryable, actor: Actor, id: number) {
  const f = new SqlFilter().add('id = ?', id);
  scopeFilter(f, actor, 'grid_code');
  const row = await q.maybeOne(`select * from monitor_cameras ${f.where()}`, f.values);
  if (!row) throw notFound('摄像机', id);
  return row;
}

export async function saveCamera(ctx: Ctx, actor: Actor, input: CameraInput, id?: number): Promise<CameraView> {
  if (input.departmentId && !(await ctx.db.maybeOne('select 1 from departments where id = $1', [input.departmentId]))) {
    throw badRequest('UNKNOWN_DEPARTMENT', `部门不存在: ${input.departmentId}`);
  }
  const before = id === undefined ? undefined : await cameraInScope(ctx.db, actor, id);
  const place = await placeOrThrow(ctx, input.position.lon, input.position.lat);
  return ctx.db.transaction(async (tx) => {
    if (await tx.maybeOne('select 1 from monitor_cameras where code = $1 and id is distinct from $2', [input.code, id ?? null])) {
      throw conflict('DUPLICATE_CODE', `摄像机编码已存在: ${input.code}`);
    }
    const values = [input.code, input.name, place.lon, place.lat, place.gridCode, place.districtCode, input.departmentId ?? null, input.enabled ?? true];
    const row = id === undefined
      ? await tx.maybeOne(`insert into monitor_cameras (code, name, lon, lat, grid_code, district_code, department_id, enabled)
          values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`, values)
      : await tx.maybeOne(`update monitor_cameras set code = $1, name = $2, lon = $3, lat = $4, grid_code = $5, district_code = $6,
          department_id = $7, enabled = $8, updated_at = now() where id = $9 returning *`, [...values, id]);
    await audit(tx, actor, { action: id === undefined ? 'create' : 'update', entity: 'monitor_camera', entityId: Number(row!.id),
      before: before ? cameraView(before) : undefined, after: cameraView(row) });
    return cameraView(row);
  });
}

export async function deleteCamera(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  const before = await cameraInScope(ctx.db, actor, id);
  await ctx.db.transaction(async (tx) => {
    if (await tx.maybeOne('select 1 from monitor_video_events where camera_id = $1 and case_id is not null', [id])) {
      throw conflict('CAMERA_HAS_CASES', '该摄像机的事件已转为案件，不能删除；可改为停用');
    }
    await tx.query('delete from monitor_cameras where id = $1', [id]);
    await audit(tx, actor, { action: 'delete', entity: 'monitor_camera', entityId: id, before: cameraView(before) });
  });
}

// ---- classes ----

const classView = (r: any): VideoClassView => ({
  class: r.class, name: r.name, matterCode: r.matter_code, minConfidence: r.min_confidence, mergeSeconds: r.merge_seconds,
  mode: r.mode, enabled: r.enabled,
});

export async function listVideoClasses(q: Queryable): Promise<VideoClassList> {
  return { items: (await q.query('select * from monitor_video_classes order by class')).map(classView) };
}

export interface VideoClassInput { name: string; matterCode: string; minConfidence: number; mergeSeconds: number; mode: 'auto' | 'review'; enabled: boolean }

export async function saveVideoClass(tx: Queryable, actor: Actor, cls: string, input: VideoClassInput): Promise<VideoClassView> {
  if (!(await tx.maybeOne("select 1 from catalog_types where kind = 'matter' and code = $1", [input.matterCode]))) {
    throw badRequest('UNKNOWN_TYPE', `目录中没有该事项类型: ${input.matterCode}`);
  }
  const before = await tx.maybeOne('select * from monitor_video_classes where class = $1', [cls]);
  const row = await tx.maybeOne(
    `insert into monitor_video_classes (class, name, matter_code, min_confidence, merge_seconds, mode, enabled) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (class) do update set name = excluded.name, matter_code = excluded.matter_code, min_confidence = excluded.min_confidence,
       merge_seconds = excluded.merge_seconds, mode = excluded.mode, enabled = excluded.enabled, updated_at = now() returning *`,
    [cls, input.name, input.matterCode, input.minConfidence, input.mergeSeconds, input.mode, input.enabled]);
  await audit(tx, actor, { action: before ? 'update' : 'create', entity: 'monitor_video_class', entityId: cls,
    before: before ? classView(before) : undefined, after: classView(row) });
  return classView(row);
}

// ---- events ----

export interface DetectionInput {
  camera: string; class: string; confidence: number; detectedAt?: string | number; snapshot?: string; snapshotBase64?: string; externalId?: string;
}

/** Where a detection comes from: a camera, or a drone or vehicle patrol at a position (merged by distance). */
export type DetectionOrigin =
  | { kind: 'camera'; cameraId: number; gridCode: string }
  | { kind: 'patrol'; source: 'drone' | 'vehicle'; patrolId: string; lon: number; lat: number; gridCode: string; mergeMetres: number };

/** A detection checked and placed, ready to be decided. */
export interface Detection {
  origin: DetectionOrigin; class: string; confidence: number; detectedAt: number; snapshot?: string; snapshotBase64?: string;
}

export type DetectionOutcome =
  | { status: 'ignored'; reason: 'disabled' | 'low_confidence' }
  | { status: 'merged'; eventId: number }
  | { status: 'pending_review' | 'case_created'; eventId: number; caseId: number | null };

const EVENT_SELECT = `select e.*, c.code as camera_code, c.name as camera_name, k.name as class_name, cs.case_no
  from monitor_video_events e left join monitor_cameras c on c.id = e.camera_id join monitor_video_classes k on k.class = e.class
  left join cases cs on cs.id = e.case_id`;

const eventView = (r: any): VideoEventView => ({
  id: Number(r.id), source: r.source, cameraId: r.camera_id === null ? null : Number(r.camera_id), cameraCode: r.camera_code ?? null,
  cameraName: r.camera_name ?? null, patrolId: r.patrol_id ?? null, lon: r.lon ?? null, lat: r.lat ?? null, class: r.class, className: r.class_name,
  confidence: r.confidence, snapshot: r.snapshot, detectedAt: iso(r.detected_at)!, lastAt: iso(r.last_at)!, repeats: Number(r.repeats),
  status: r.status, caseId: r.case_id === null ? null : Number(r.case_id), caseNo: r.case_no ?? null, note: r.note, gridCode: r.grid_code,
});

async function eventById(q: Queryable, id: number): Promise<VideoEventView> {
  return eventView(await q.maybeOne(`${EVENT_SELECT} where e.id = $1`, [id]));
}

export interface VideoEventQuery { page?: number; pageSize?: number; status?: string; camera?: number; class?: string; source?: string; patrol?: string }

export async function listVideoEvents(q: Queryable, actor: Actor, query: VideoEventQuery): Promise<VideoEventList> {
  const f = new SqlFilter();
  scopeFilter(f, actor, 'e.grid_code');
  if (query.status) f.add('e.status = ?', query.status);
  if (query.camera) f.add('e.camera_id = ?', query.camera);
  if (query.class) f.add('e.class = ?', query.class);
  if (query.source) f.add('e.source = ?', query.source);
  if (query.patrol) f.add('e.patrol_id = ?', query.patrol);
  const total = (await q.maybeOne<{ n: number }>(`select count(*)::int as n from monitor_video_events e ${f.where()}`, f.values))!.n;
  const rows = await q.query(`${EVENT_SELECT} ${f.where()} order by e.id desc ${pageClause(query.page, query.pageSize)}`, f.values);
  return { total: Number(total), items: rows.map(eventView) };
}

const SOURCE_NAMES = { camera: '视频AI识别', drone: '无人机巡查识别', vehicle: '车载巡查识别' } as const;

/** Creates the event's case and records it; on failure the event stays in the review queue with the reason. */
async function openCase(ctx: Ctx, actor: Actor, eventId: number): Promise<void> {
  const e = await ctx.db.maybeOne(
    `select e.*, c.name as camera_name, c.code as camera_code, coalesce(e.lon, c.lon) as at_lon, coalesce(e.lat, c.lat) as at_lat,
       k.name as class_name, k.matter_code
     from monitor_video_events e left join monitor_cameras c on c.id = e.camera_id join monitor_video_classes k on k.class = e.class where e.id = $1`, [eventId]);
  const where = e!.source === 'camera' ? `摄像机 ${e!.camera_name}（${e!.camera_code}）` : `巡查任务 ${e!.patrol_id}`;
  const description = `${SOURCE_NAMES[e!.source as keyof typeof SOURCE_NAMES]}：${e!.class_name}（置信度 ${Math.round(e!.confidence * 100)}%），${where}`;
  const { id: caseId } = await createCase(ctx, actor, {
    kind: 'matter', typeCode: e!.matter_code, position: { lon: Number(e!.at_lon), lat: Number(e!.at_lat) }, description,
    source: e!.source === 'camera' ? 'video_ai' : 'patrol', photos: e!.snapshot ? [e!.snapshot] : [],
  }, `monitor-video-${eventId}`);
  await ctx.db.transaction(async (tx) => {
    await tx.query(`update monitor_video_events set status = 'case_created', case_id = $2, note = null where id = $1`, [eventId, caseId]);
    await ctx.events.publish(tx, VIDEO_EVENT, { id: eventId, status: 'case_created', caseId });
  });
}

/** The detection time: given (ISO 8601 or ms) or now; not in the future. */
export function detectionTime(value: string | number | undefined): number {
  const at = value === undefined ? Date.now() : parseTimestamp(value);
  if (at === null) throw badRequest('INVALID_TIME', 'detectedAt 须为 ISO 8601 时间或毫秒时间戳');
  if (at > Date.now() + 300_000) throw badRequest('INVALID_TIME', '识别时间晚于当前时间');
  return at;
}

/** Checks a detection's class and snapshot; returns the class settings. */
export async function checkDetection(q: Queryable, cls: string, snapshot: { snapshot?: string; snapshotBase64?: string }) {
  if (snapshot.snapshot && snapshot.snapshotBase64) throw badRequest('SNAPSHOT_TWICE', 'snapshot 与 snapshotBase64 只能填一个');
  const row = await q.maybeOne('select * from monitor_video_classes where class = $1', [cls]);
  if (!row) throw badRequest('UNKNOWN_CLASS', `未配置的识别类别: ${cls}`);
  if (snapshot.snapshot && !(await q.maybeOne('select 1 from media where hash = $1', [snapshot.snapshot]))) {
    throw badRequest('UNKNOWN_MEDIA', `抓拍图片不存在，请先上传: ${snapshot.snapshot}`);
  }
  return row;
}

const METRES_PER_DEGREE = 111_320;

/** Ground distance in metres (equirectangular: exact enough within a merge radius of a few hundred metres). */
export function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const x = (a.lon - b.lon) * Math.cos(((a.lat + b.lat) / 2) * Math.PI / 180);
  return Math.hypot(x, a.lat - b.lat) * METRES_PER_DEGREE;
}

/** The latest event this detection could merge into: same camera and class, or the nearest patrol event of the class in range. */
async function mergeCandidate(tx: Queryable, d: Detection, windowSeconds: number): Promise<{ id: number; lastAtMs: number } | null> {
  if (d.origin.kind === 'camera') {
    const latest = await tx.maybeOne<{ id: number; last_at: string }>(
      'select id, last_at from monitor_video_events where camera_id = $1 and class = $2 order by last_at desc limit 1', [d.origin.cameraId, d.class]);
    return latest ? { id: Number(latest.id), lastAtMs: +new Date(latest.last_at) } : null;
  }
  const o = d.origin;
  const dLat = o.mergeMetres / METRES_PER_DEGREE;
  const dLon = dLat / Math.cos(o.lat * Math.PI / 180);
  const rows = await tx.query<{ id: number; last_at: string; lon: number; lat: number }>(
    `select id, last_at, lon, lat from monitor_video_events where source <> 'camera' and class = $1 and last_at between $2 and $3
       and lon between $4 and $5 and lat between $6 and $7`,
    [d.class, new Date(d.detectedAt - windowSeconds * 1000).toISOString(), new Date(d.detectedAt + windowSeconds * 1000).toISOString(),
      o.lon - dLon, o.lon + dLon, o.lat - dLat, o.lat + dLat]);
  const near = rows.map((r) => ({ id: Number(r.id), lastAtMs: +new Date(r.last_at), m: metresBetween(o, { lon: Number(r.lon), lat: Number(r.lat) }) }))
    .filter((r) => r.m <= o.mergeMetres).sort((a, b) => a.m - b.m || b.lastAtMs - a.lastAtMs);
  return near[0] ?? null;
}

/**
 * Decides one checked detection: ignored (class disabled, below its threshold), merged into the latest event of the
 * same camera (or, for patrols, the nearest within the merge distance) and class within the window, or a new event —
 * a case at once (auto) or waiting for review. Shared by camera events and patrol imports.
 */
export async function recordDetection(ctx: Ctx, actor: Actor, d: Detection, cls: any): Promise<DetectionOutcome> {
  const outcome = await ctx.db.transaction(async (tx) => {
    // one camera (or the patrols) and class at a time, so two copies of a detection cannot both open an event
    const lockKey = d.origin.kind === 'camera' ? `monitor-video:${d.origin.cameraId}:${d.class}` : `monitor-video:patrol:${d.class}`;
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [lockKey]);
    const latest = await mergeCandidate(tx, d, cls.merge_seconds);
    const decision = decideVideoEvent(
      { minConfidence: cls.min_confidence, mergeSeconds: cls.merge_seconds, mode: cls.mode, enabled: cls.enabled }, d.confidence, d.detectedAt, latest);
    if (decision.kind === 'ignore') return { status: 'ignored' as const, reason: decision.reason };
    if (decision.kind === 'merge') {
      await tx.query(`update monitor_video_events set repeats = repeats + 1, last_at = greatest(last_at, $2), confidence = greatest(confidence, $3)
        where id = $1`, [decision.eventId, new Date(d.detectedAt).toISOString(), d.confidence]);
      return { status: 'merged' as const, eventId: decision.eventId };
    }
    const snapshot = d.snapshotBase64 ? (await saveMedia(tx, actor, Buffer.from(d.snapshotBase64, 'base64'), 'snapshot.jpg')).hash : d.snapshot;
    const o = d.origin;
    const row = await tx.maybeOne<{ id: number }>(
      `insert into monitor_video_events (camera_id, source, patrol_id, lon, lat, class, confidence, snapshot, detected_at, last_at, status, grid_code)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 'pending_review', $10) returning id`,
      [o.kind === 'camera' ? o.cameraId : null, o.kind === 'camera' ? 'camera' : o.source, o.kind === 'patrol' ? o.patrolId : null,
        o.kind === 'patrol' ? o.lon : null, o.kind === 'patrol' ? o.lat : null, d.class, d.confidence, snapshot ?? null,
        new Date(d.detectedAt).toISOString(), o.gridCode]);
    await ctx.events.publish(tx, VIDEO_EVENT, { id: Number(row!.id), status: 'pending_review' });
    return { status: 'new' as const, eventId: Number(row!.id), mode: decision.mode };
  });
  if (outcome.status !== 'new') return outcome;
  if (outcome.mode === 'auto') {
    try {
      await openCase(ctx, actor, outcome.eventId);
    } catch (err: any) {
      await ctx.db.query('update monitor_video_events set note = $2 where id = $1', [outcome.eventId, `自动立案失败：${err?.message ?? err}`]);
    }
  }
  const event = await eventById(ctx.db, outcome.eventId);
  return { status: event.status === 'case_created' ? 'case_created' : 'pending_review', eventId: outcome.eventId, caseId: event.caseId };
}

/** One detection of a camera; returns what became of it. */
export async function ingestDetection(ctx: Ctx, actor: Actor, input: DetectionInput): Promise<DetectionOutcome> {
  const detectedAt = detectionTime(input.detectedAt);
  if (input.snapshot && input.snapshotBase64) throw badRequest('SNAPSHOT_TWICE', 'snapshot 与 snapshotBase64 只能填一个');
  const camera = await ctx.db.maybeOne<{ id: number; enabled: boolean; grid_code: string }>(
    'select id, enabled, grid_code from monitor_cameras where code = $1', [input.camera]);
  if (!camera) throw notFound('摄像机', input.camera);
  if (!camera.enabled) throw conflict('CAMERA_DISABLED', `摄像机已停用: ${input.camera}`);
  const cls = await checkDetection(ctx.db, input.class, input);
  return recordDetection(ctx, actor, {
    origin: { kind: 'camera', cameraId: Number(camera.id), gridCode: camera.grid_code }, class: input.class, confidence: input.confidence,
    detectedAt, snapshot: input.snapshot, snapshotBase64: input.snapshotBase64,
  }, cls);
}

/** 审核: approve (a case is created) or reject a waiting event. */
export async function reviewVideoEvent(ctx: Ctx, actor: Actor, id: number, approve: boolean, note: string | null): Promise<VideoEventView> {
  const f = new SqlFilter().add('e.id = ?', id);
  scopeFilter(f, actor, 'e.grid_code');
  const e = await ctx.db.maybeOne(`select e.status from monitor_video_events e ${f.where()}`, f.values);
  if (!e) throw notFound('视频事件', id);
  if (e.status !== 'pending_review') throw conflict('EVENT_REVIEWED', '该事件已处理');
  if (approve) await openCase(ctx, actor, id);
  await ctx.db.transaction(async (tx) => {
    await tx.query(`update monitor_video_events set status = case when $2 then status else 'rejected' end, reviewed_by = $3, reviewed_at = now(),
      note = coalesce($4, note) where id = $1`, [id, approve, actor.kind === 'user' ? actor.id : null, note]);
    await audit(tx, actor, { action: approve ? 'approve' : 'reject', entity: 'monitor_video_event', entityId: id, after: { note } });
    if (!approve) await ctx.events.publish(tx, VIDEO_EVENT, { id, status: 'rejected' });
  });
  return eventById(ctx.db, id);
}
