// The portal's API client: /api/public/* with the citizen's session (from phone verification) as a bearer token.
// Staff cookies are not sent — the portal is the citizen's view even in a browser where someone is logged in.
import { ApiError } from '../api.ts';
import { chinaTime } from '../format.ts';
import type { CitizenSession } from '../../../src/public/views.ts';

const SESSION_KEY = 'cityops.portal.session';

export function loadSession(): CitizenSession | null {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as CitizenSession | null;
    return s && new Date(s.expiresAt).getTime() > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function storeSession(session: CitizenSession | null): void {
  if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else localStorage.removeItem(SESSION_KEY);
}

/** Called when the server refuses the stored token (expired or revoked): the portal forgets it. */
let onTokenRefused: (() => void) | undefined;
export function setTokenRefusedHandler(handler: (() => void) | undefined): void {
  onTokenRefused = handler;
}

async function send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, anonymous = false): Promise<T> {
  const session = anonymous ? null : loadSession();
  const init: RequestInit = { method, credentials: 'omit', headers: { accept: 'application/json', ...headers } };
  if (session) (init.headers as Record<string, string>).authorization = `Bearer ${session.token}`;
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请稍后重试');
  }
  const text = await res.text();
  let data: any;
  try { data = text ? JSON.parse(text) : undefined; } catch { data = text; }
  if (!res.ok) {
    if (res.status === 401 && session) onTokenRefused?.();
    throw new ApiError(res.status, data?.code ?? `HTTP_${res.status}`, data?.message ?? `${res.status} ${res.statusText}`, data?.details);
  }
  return data as T;
}

export const portalApi = {
  get: <T>(path: string) => send<T>('GET', path),
  post: <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => send<T>('POST', path, body, headers),
  /** Without the citizen's token (匿名: the server then keeps no reporter at all). */
  postAnonymous: <T>(path: string, body: unknown, headers?: Record<string, string>) => send<T>('POST', path, body, headers, true),
};

export const CASE_NO = /^\d{4}-\d{6}-\d{6,}$/;

/** A distance for people: metres below 1 km. */
export const distanceText = (m: number) => (m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(1)} 公里`);

export const timeText = (iso: string) => chinaTime(iso, 'minute');
