// Case actions taken offline (核实, 核查, 处置反馈 …): kept in IndexedDB with their photos and sent when the connection
// returns — photos first (content-addressed, so an upload repeated after a lost answer stores nothing twice), then the
// action with the case version the user saw and the Idempotency-Key made when it was written. A repeat after a lost
// answer gets the first one's result from the server (one action); should the server refuse it anyway (the stale
// version), the queue finds its own action in the case timeline (an entry by this user with this action after the
// newest entry known when it was written) and marks it sent — one record, never two.
import type { CaseDetail } from '../../../src/command/views.ts';
import { api, ApiError, errorMessage } from '../api.ts';
import { deleteAction, listActions, putAction, type QueuedAction } from './offline-store.ts';
import { uploadPhoto } from './photos.ts';

const KEEP_SENT_MS = 24 * 3600_000;
const listeners = new Set<() => void>();
let running: Promise<void> | null = null;

export function onActionsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

function changed(): void {
  for (const listener of listeners) listener();
}

export async function enqueueAction(action: QueuedAction): Promise<void> {
  await putAction(action);
  changed();
}

export async function removeAction(key: string): Promise<void> {
  await deleteAction(key);
  changed();
}

export async function retryAction(action: QueuedAction, userId: number): Promise<void> {
  await putAction({ ...action, status: 'pending', error: undefined });
  changed();
  await syncActions(userId);
}

/** Sends the user's pending actions, one run at a time (a second call while one runs joins it). */
export function syncActions(userId: number): Promise<void> {
  running ??= sendAll(userId).finally(() => { running = null; changed(); });
  return running;
}

const isTransient = (err: unknown) => err instanceof ApiError && (err.status === 0 || err.status === 401 || err.status >= 500);

async function sendAll(userId: number): Promise<void> {
  for (const action of await listActions(userId)) {
    if (action.status === 'sent') {
      if (Date.now() - Date.parse(action.sentAt!) > KEEP_SENT_MS) await deleteAction(action.key);
      continue;
    }
    if (action.status === 'failed') continue;
    try {
      await send(action);
    } catch (err) {
      if (isTransient(err)) return;
      await putAction({ ...action, status: 'failed', error: errorMessage(err) });
    }
    changed();
  }
}

/** The action is already on the case: a timeline entry by this user, of this action, newer than what was known. */
async function alreadyDone(action: QueuedAction): Promise<boolean> {
  const current = await api.get<CaseDetail>(`/api/cases/${action.caseId}`);
  return current.timeline.some((e) => e.id > action.lastEventId && e.actorId === action.userId && e.action === action.action);
}

async function send(action: QueuedAction): Promise<void> {
  for (const photo of action.photos) {
    if (photo.hash) continue;
    photo.hash = await uploadPhoto(photo.blob!);
    await putAction(action);
  }
  const hashes = (phase: 'before' | 'after') => action.photos.filter((p) => p.phase === phase).map((p) => p.hash!);
  const [beforePhotos, afterPhotos] = [hashes('before'), hashes('after')];
  try {
    // the key made when the action was written: sent again, the server answers the first result (one action)
    await api.post(`/api/cases/${action.caseId}/actions/${action.action}`, {
      version: action.version, ...action.body,
      ...(beforePhotos.length ? { beforePhotos } : {}), ...(afterPhotos.length ? { afterPhotos } : {}),
    }, undefined, { 'idempotency-key': action.key });
  } catch (err) {
    // a server without the key's record (an action sent before it kept keys): its own entry on the case says it is done
    if (isTransient(err) || !(err instanceof ApiError) || !(await alreadyDone(action))) throw err;
  }
  await putAction({ ...action, status: 'sent', sentAt: new Date().toISOString(), error: undefined,
    photos: action.photos.map(({ hash, phase }) => ({ hash, phase })) });
}
