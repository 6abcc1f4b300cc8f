// 无人机/车载巡查 import: a patrol's detections (source drone|vehicle, patrol id, a position instead of a camera) go
// through the AI video classes exactly like camera events (video.ts recordDetection: class threshold, merge, auto case
// or review), merged by class within the window and `mergeMetres` of an earlier patrol event. Taken as a JSON batch
// or a file (CSV, XLSX, GeoJSON points). Every detection is checked (class, snapshot, time, position in the city)
// before any is recorded: one bad row refuses the batch with a report per row.
import type { Actor } from '../admin/actor.ts';
import { readGeoJson } from '../base/import/read.ts';
import { readTable } from '../evaluation/city-index/import.ts';
import { AppError, badRequest } from '../platform/errors.ts';
import type { AppContext } from '../server/context.ts';
import { placeOrThrow } from './registry.ts';
import { checkDetection, detectionTime, recordDetection, type Detection, type DetectionOutcome } from './video.ts';

type Ctx = Pick<AppContext, 'db' | 'events'>;

export const PATROL_SOURCES = ['drone', 'vehicle'] as const;
export type PatrolSource = (typeof PATROL_SOURCES)[number];
export const DEFAULT_MERGE_METRES = 30;
export const MAX_PATROL_BATCH = 1000;

export interface PatrolDetectionInput {
  position: { lon: number; lat: number }; class: string; confidence: number; detectedAt?: string | number;
  snapshot?: string; snapshotBase64?: string; source?: PatrolSource; patrolId?: string;
}

export interface PatrolBatch { source: PatrolSource; patrolId: string; mergeMetres?: number; detections: PatrolDetectionInput[] }

export interface RowProblem { row: number; code: string; message: string }

/** Checks and places every detection; the problems, or the detections ready to record with their class settings. */
async function prepare(ctx: Ctx, batch: PatrolBatch): Promise<{ problems: RowProblem[]; ready: { d: Detection; cls: any }[] }> {
  const problems: RowProblem[] = [];
  const ready: { d: Detection; cls: any }[] = [];
  const mergeMetres = batch.mergeMetres ?? DEFAULT_MERGE_METRES;
  for (const [i, input] of batch.detections.entries()) {
    try {
      const source = input.source ?? batch.source;
      const patrolId = input.patrolId ?? batch.patrolId;
      if (!PATROL_SOURCES.includes(source)) throw badRequest('INVALID_SOURCE', `来源须为 drone 或 vehicle: ${source}`);
      if (!patrolId) throw badRequest('PATROL_ID_REQUIRED', '须填写巡查任务编号');
      if (!Number.isFinite(input.position.lon) || !Number.isFinite(input.position.lat)) throw badRequest('INVALID_POSITION', '须填写经纬度（lon、lat）');
      if (!(input.confidence >= 0 && input.confidence <= 1)) throw badRequest('INVALID_CONFIDENCE', '置信度须在 0–1 之间');
      const detectedAt = detectionTime(input.detectedAt);
      const cls = await checkDetection(ctx.db, input.class, input);
      const place = await placeOrThrow(ctx, input.position.lon, input.position.lat);
      ready.push({ cls, d: {
        origin: { kind: 'patrol', source, patrolId, lon: place.lon, lat: place.lat, gridCode: place.gridCode, mergeMetres },
        class: input.class, confidence: input.confidence, detectedAt, snapshot: input.snapshot, snapshotBase64: input.snapshotBase64,
      } });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problems.push({ row: i + 1, code: err.code, message: err.message });
    }
  }
  return { problems, ready };
}

export interface PatrolResult {
  checked: number; counts: Record<DetectionOutcome['status'], number>; results: (DetectionOutcome & { row: number })[];
}

/** Records a patrol's detections in order (a later one may merge into an earlier); `dryRun` only checks them. */
export async function ingestPatrol(ctx: Ctx, actor: Actor, batch: PatrolBatch, dryRun = false): Promise<PatrolResult> {
  if (batch.detections.length === 0) throw badRequest('EMPTY_BATCH', '没有识别结果');
  if (batch.detections.length > MAX_PATROL_BATCH) throw badRequest('BATCH_TOO_LARGE', `每批最多 ${MAX_PATROL_BATCH} 条`);
  const { problems, ready } = await prepare(ctx, batch);
  if (problems.length > 0) {
    throw new AppError(400, 'PATROL_REFUSED', `有 ${problems.length} 条识别结果不合格，已整体拒绝，未写入任何数据`, { problems });
  }
  const counts = { ignored: 0, merged: 0, pending_review: 0, case_created: 0 };
  const results: PatrolResult['results'] = [];
  if (dryRun) return { checked: ready.length, counts, results };
  for (const [i, { d, cls }] of ready.entries()) {
    const outcome = await recordDetection(ctx, actor, d, cls);
    counts[outcome.status]++;
    results.push({ row: i + 1, ...outcome });
  }
  return { checked: ready.length, counts, results };
}

// ---- files ----

const COLUMNS = {
  lon: ['lon', 'lng', 'longitude', '经度'], lat: ['lat', 'latitude', '纬度'], class: ['class', '类别', '识别类别'],
  confidence: ['confidence', '置信度'], detectedAt: ['detected_at', 'detectedat', 'time', '识别时间'], snapshot: ['snapshot', '抓拍图'],
  source: ['source', '来源'], patrolId: ['patrol_id', 'patrolid', '巡查任务'],
} as const;

function pick(row: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = row[n];
    if (v !== undefined && v !== null && String(v).trim() !== '') return String(v).trim();
  }
  return undefined;
}

/** A time cell: ISO 8601, milliseconds, or what a spreadsheet wrote ("2026-11-02 08:30:00", read as China time). */
function timeCell(v: string | undefined): string | number | undefined {
  if (v === undefined) return undefined;
  if (/^\d{12,14}$/.test(v)) return Number(v);
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(v)) return `${v.replace(' ', 'T')}${v.length === 16 ? ':00' : ''}+08:00`;
  const ms = Date.parse(v);
  return /^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(ms) ? v : ms;
}

/** The detections of a file: CSV or XLSX with lon/lat columns, or GeoJSON points with the same properties. */
export async function readPatrolFile(fileName: string, data: Buffer): Promise<PatrolDetectionInput[]> {
  const lower = fileName.toLowerCase();
  const rows: { position: { lon: number; lat: number }; props: Record<string, unknown> }[] = [];
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) {
    for (const r of readGeoJson(data)) {
      const g = r.geometry as { type?: string; coordinates?: unknown[] } | null;
      const point = g?.type === 'Point' && Array.isArray(g.coordinates) ? g.coordinates : [];
      rows.push({ position: { lon: Number(point[0]), lat: Number(point[1]) }, props: r.properties });
    }
  } else if (lower.endsWith('.csv') || lower.endsWith('.xlsx')) {
    for (const r of await readTable(fileName, data)) {
      rows.push({ position: { lon: Number(pick(r, COLUMNS.lon)), lat: Number(pick(r, COLUMNS.lat)) }, props: r });
    }
  } else {
    throw badRequest('UNSUPPORTED_FORMAT', '不支持的文件类型：请上传 .csv、.xlsx 或 .geojson/.json');
  }
  return rows.map(({ position, props }) => {
    const source = pick(props, COLUMNS.source);
    const snapshot = pick(props, COLUMNS.snapshot);
    return {
      position, class: pick(props, COLUMNS.class) ?? '', confidence: Number(pick(props, COLUMNS.confidence) ?? Number.NaN),
      detectedAt: timeCell(pick(props, COLUMNS.detectedAt)), ...(snapshot ? { snapshot } : {}),
      ...(source ? { source: source as PatrolSource } : {}), ...(pick(props, COLUMNS.patrolId) ? { patrolId: pick(props, COLUMNS.patrolId) } : {}),
    };
  });
}
