// The field app's offline copies in IndexedDB (beside the report outbox): the last answer of each task list and case
// detail the user fetched (snapshots, per user), and the case actions taken offline waiting to be sent.
import type { CaseAction, CaseStage, LimitUnitCode } from '../../../src/command/views.ts';
import type { FieldForm } from './forms.ts';
import type { OutboxStatus, QueuedPhoto } from './outbox-store.ts';

export interface Snapshot<T> { key: string; userId: number; savedAt: string; data: T }

export interface ActionBody {
  opinion?: string;
  found?: boolean;
  extension?: { amount: number; unit: LimitUnitCode };
}

export interface QueuedAction {
  /** Made when the action was written; identifies it in the queue across retries. */
  key: string;
  userId: number;
  createdAt: string;
  caseId: number;
  caseNo: string;
  typeName: string;
  form: FieldForm;
  action: CaseAction;
  /** The case as the user saw it: the action is sent with this version (the server refuses it on any other). */
  version: number;
  fromStage: CaseStage;
  /** The newest timeline entry the user knew of: a later entry by the user with this action is this action, done. */
  lastEventId: number;
  body: ActionBody;
  photos: QueuedPhoto[];
  status: OutboxStatus;
  error?: string;
  sentAt?: string;
}

const DB_NAME = 'cityops-field-offline';
const SNAPSHOTS = 'snapshots';
const ACTIONS = 'actions';
let opened: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(SNAPSHOTS, { keyPath: 'key' });
      request.result.createObjectStore(ACTIONS, { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => { opened = null; reject(request.error); };
  });
  return opened;
}

async function run<T>(store: string, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = work(tx.objectStore(store));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

const snapshotKey = (userId: number, name: string) => `${userId}:${name}`;

export async function saveSnapshot<T>(userId: number, name: string, data: T): Promise<void> {
  const snap: Snapshot<T> = { key: snapshotKey(userId, name), userId, savedAt: new Date().toISOString(), data };
  await run(SNAPSHOTS, 'readwrite', (s) => s.put(snap));
}

export async function readSnapshot<T>(userId: number, name: string): Promise<Snapshot<T> | undefined> {
  return run<Snapshot<T> | undefined>(SNAPSHOTS, 'readonly', (s) => s.get(snapshotKey(userId, name)) as IDBRequest<Snapshot<T> | undefined>);
}

export const putAction = (action: QueuedAction) => run(ACTIONS, 'readwrite', (s) => s.put(action)).then(() => undefined);
export const deleteAction = (key: string) => run(ACTIONS, 'readwrite', (s) => s.delete(key)).then(() => undefined);

/** The user's queued actions, oldest first. */
export async function listActions(userId: number): Promise<QueuedAction[]> {
  const all = await run<QueuedAction[]>(ACTIONS, 'readonly', (s) => s.getAll() as IDBRequest<QueuedAction[]>);
  return all.filter((a) => a.userId === userId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
