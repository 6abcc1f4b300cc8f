// Events that reach every app node: NOTIFY on one channel, so an event sent inside a transaction
// is delivered only if it commits. PGlite delivers NOTIFY within its own process, which is the only node it has.
import type { Db, Queryable } from '../db/types.ts';

const CHANNEL = 'cityops_events';
const MAX_PAYLOAD = 7900; // NOTIFY payloads must stay under 8000 bytes

export interface PlatformEvent<T = unknown> {
  topic: string;
  data: T;
  node: string;
}

type Handler = (event: PlatformEvent) => void;

export class EventBus {
  private handlers = new Map<string, Set<Handler>>();
  private stop?: () => Promise<void>;

  constructor(private db: Db, readonly nodeId: string) {}

  async start(): Promise<void> {
    this.stop = await this.db.listen(CHANNEL, (payload) => {
      let event: PlatformEvent;
      try {
        event = JSON.parse(payload);
      } catch {
        return;
      }
      for (const topic of [event.topic, '*']) {
        for (const h of this.handlers.get(topic) ?? []) {
          try {
            h(event);
          } catch { /* a subscriber's failure must not stop the others */ }
        }
      }
    });
  }

  /** Publishes through q, so inside a transaction the event follows the commit. */
  async publish<T>(q: Queryable, topic: string, data: T): Promise<void> {
    const payload = JSON.stringify({ topic, data, node: this.nodeId });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) throw new Error(`event ${topic} too large for NOTIFY`);
    await q.query('select pg_notify($1, $2)', [CHANNEL, payload]);
  }

  subscribe(topic: string, handler: Handler): () => void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
    return () => set!.delete(handler);
  }

  async close(): Promise<void> {
    await this.stop?.();
    this.handlers.clear();
  }
}
