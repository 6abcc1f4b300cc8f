// What the 12345 hotline API (/api/hotline/*) answers the console, as plain types shared by both sides: stats.ts,
// settings.ts and routes.ts declare them as their return types, and the web console imports this file by relative
// path. It must stay free of imports.

/** 转办 (a case is made) or 当即办理 (recorded only). */
export type HotlineModeCode = 'transfer' | 'immediate';
/** The result callback of an order: none (case not finished), pending, sent, failed (attempts used up). */
export type CallbackStatusCode = 'none' | 'pending' | 'sent' | 'failed';

/** The counts of orders received in a period. */
export interface HotlineCounts {
  received: number;
  immediate: number;
  transfer: number;
  /** transferred orders whose case is closed, and those closed on time */
  finished: number;
  onTime: number;
  /** per cent with one decimal; null without any finished */
  onTimeRate: number | null;
  callbacks: { sent: number; pending: number; failed: number };
}

/** GET /api/hotline/stats. */
export interface HotlineStats extends HotlineCounts { from: string; to: string }

/** A row of GET /api/hotline/orders. */
export interface HotlineOrderView {
  id: number;
  /** the hotline's own order number */
  orderId: string;
  mode: HotlineModeCode;
  caseNo: string | null;
  stage: string | null;
  callerName: string | null;
  /** masked for viewers without pii.read */
  callerPhone: string | null;
  content: string;
  receivedAt: string;
  dueAt: string | null;
  callbackStatus: CallbackStatusCode;
  callbackAt: string | null;
  attempts: number;
  lastError: string | null;
}

export interface HotlineOrderList { total: number; items: HotlineOrderView[] }

/** GET /api/hotline/orders/:id/callbacks: one attempt to push the result back. */
export interface CallbackAttempt {
  attempt: number;
  at: string;
  url: string;
  statusCode: number | null;
  ok: boolean;
  /** still being sent (its outcome not recorded yet) */
  sending: boolean;
  error: string | null;
}

/** GET/PUT /api/hotline/settings. */
export interface HotlineSettings { callbackUrl: string | null; token: string | null; maxAttempts: number }
