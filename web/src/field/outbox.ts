// Sending the outbox: photos first (each hash saved as soon as it is uploaded), then POST /api/cases with the report's
// own Idempotency-Key, then — for a report handled on the spot — 自行处置. A step interrupted by a lost connection is
// simply repeated later: uploads are content-addressed and the key returns the case already made, so nothing doubles.
import type { CaseDetail } from '../../../src/command/views.ts';
import { api, ApiError, errorMessage } from '../api.ts';
import { deleteReport, listReports, putReport, type QueuedReport } from './outbox-store.ts';
import { uploadPhoto } from './photos.ts';

/** Sent reports stay listed (with their case numbers) this long. */
const KEEP_SENT_MS = 3 * 24 * 3600_000;

const listeners = new Set<() => void>();
let running: Promise<void> | null = null;

export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

function changed(): void {
  for (const listener of listeners) listener();
}

export async function enqueueReport(report: QueuedReport): Promise<void> {
  await putReport(report);
  changed();
}

export async function removeReport(key: string): Promise<void> {
  await deleteReport(key);
  changed();
}

/** A failed report goes back to pending and the outbox is sent again. */
export async function retryReport(report: QueuedReport): Promise<void> {
  await putReport({ ...report, status: 'pending', error: undefined });
  changed();
  await syncOutbox(report.userId);
}

/** Sends the user's pending reports, one run at a time (a second call while one runs joins it). */
export function syncOutbox(userId: number): Promise<void> {
  running ??= sendAll(userId).finally(() => { running = null; changed(); });
  return running;
}

/** No connection, session gone or server trouble: the report stays pending and the run stops until next time. */
function isTransient(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status === 401 || err.status >= 500);
}

async function sendAll(userId: number): Promise<void> {
  for (const report of await listReports(userId)) {
    if (report.status === 'sent') {
      if (Date.now() - Date.parse(report.sentAt!) > KEEP_SENT_MS) await deleteReport(report.key);
      continue;
    }
    if (report.status === 'failed') continue;
    try {
      await send(report);
    } catch (err) {
      if (isTransient(err)) return;
      await putReport({ ...report, status: 'failed', error: errorMessage(err) });
    }
    changed();
  }
}

async function send(report: QueuedReport): Promise<void> {
  for (const photo of report.photos) {
    if (photo.hash) continue;
    photo.hash = await uploadPhoto(photo.blob!);
    await putReport(report);
  }
  const hashes = (phase: 'before' | 'after') => report.photos.filter((p) => p.phase === phase).map((p) => p.hash!);
  if (report.caseId === undefined) {
    const created = await api.post<CaseDetail>('/api/cases', { ...report.body, photos: hashes('before') }, undefined,
      { 'idempotency-key': report.key });
    report.caseId = created.id;
    report.caseNo = created.caseNo;
    await putReport(report);
  }
  if (report.selfHandle) {
    const current = await api.get<CaseDetail>(`/api/cases/${report.caseId}`);
    if (current.allowedActions.includes('self_handle')) {
      await api.post(`/api/cases/${report.caseId}/actions/self_handle`,
        { version: current.version, beforePhotos: hashes('before'), afterPhotos: hashes('after') });
    } else if (current.stage !== 'self_review') {
      report.error = `案件当前为「${current.stageName}」，未能自行处置`;
    }
  }
  await putReport({ ...report, status: 'sent', sentAt: new Date().toISOString(),
    photos: report.photos.map(({ hash, phase }) => ({ hash, phase })) });
}
