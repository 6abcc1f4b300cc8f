// The outbox (待发送队列) in IndexedDB: reports written in the field wait here, photos included, until they reach the
// server. Each keeps the Idempotency-Key made when it was written, so sending it again never makes a second case.

export type OutboxStatus = 'pending' | 'failed' | 'sent';

export interface ReportBody {
  kind: 'component' | 'matter';
  typeCode: string;
  position?: { lon: number; lat: number };
  address?: string;
  description: string;
}

export interface QueuedPhoto {
  blob?: Blob;
  /** Set once uploaded (the blob is then dropped when the report is sent). */
  hash?: string;
  /** 处置后 photos of a report the collector handled on the spot (自行处置). */
  phase: 'before' | 'after';
}

export interface QueuedReport {
  /** The Idempotency-Key of POST /api/cases. */
  key: string;
  userId: number;
  createdAt: string;
  typeName: string;
  body: ReportBody;
  photos: QueuedPhoto[];
  /** 自行处置 right after the report (with the after photos). */
  selfHandle: boolean;
  status: OutboxStatus;
  error?: string;
  caseId?: number;
  caseNo?: string;
  sentAt?: string;
}

const DB_NAME = 'cityops-field';
const STORE = 'outbox';

let opened: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => { opened = null; reject(request.error); };
  });
  return opened;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** A random Idempotency-Key (getRandomValues works outside secure contexts too, unlike randomUUID). */
export function newReportKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `field-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const putReport = (report: QueuedReport) => run('readwrite', (s) => s.put(report)).then(() => undefined);
export const deleteReport = (key: string) => run('readwrite', (s) => s.delete(key)).then(() => undefined);

/** The user's queued reports, oldest first. */
export async function listReports(userId: number): Promise<QueuedReport[]> {
  const all = await run<QueuedReport[]>('readonly', (s) => s.getAll() as IDBRequest<QueuedReport[]>);
  return all.filter((r) => r.userId === userId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
