// What every screen of the field app shares: connectivity, the outbox (sent whenever the connection is back), live
// case changes (SSE), the unread-message count and, for a collector on duty, the position sent to 一张图.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { App } from 'antd';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { listReports, type QueuedReport } from './outbox-store.ts';
import { onOutboxChange, syncOutbox } from './outbox.ts';
import { onActionsChange, syncActions } from './action-queue.ts';
import { listActions, type QueuedAction } from './offline-store.ts';

/** How often a collector on duty sends the position (seconds). */
export const POSITION_INTERVAL_S = 30;
const SYNC_INTERVAL_MS = 30_000;
const DUTY_KEY = 'cityops.field.duty';
/** Actions that bring a case (back) to the department's 待处置. */
const NEW_FOR_HANDLER = new Set(['dispatch', 'check_fail', 'deny_return']);

interface Field {
  online: boolean;
  outbox: QueuedReport[];
  /** Case actions taken offline, waiting (or failed, or sent lately). */
  actions: QueuedAction[];
  /** Grows on every live case change the user hears of (lists reload on it). */
  changes: number;
  unread: number;
  refreshUnread(): void;
  onDuty: boolean;
  setOnDuty(on: boolean): void;
  lastFix: GeolocationPosition | null;
}

const FieldContext = createContext<Field | null>(null);

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => { window.removeEventListener('online', up); window.removeEventListener('offline', down); };
  }, []);
  return online;
}

/** The outbox's items, sent at start, when the connection returns and every half minute. */
function useOutbox(userId: number, online: boolean): QueuedReport[] {
  const [items, setItems] = useState<QueuedReport[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => { void listReports(userId).then((r) => { if (live) setItems(r); }); };
    load();
    const off = onOutboxChange(load);
    return () => { live = false; off(); };
  }, [userId]);
  useEffect(() => {
    if (!online) return;
    void syncOutbox(userId);
    const timer = setInterval(() => void syncOutbox(userId), SYNC_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [userId, online]);
  return items;
}

/** Case actions taken offline: listed live, sent like the outbox (at start, when back online, every half minute). */
function useActionQueue(userId: number, online: boolean): QueuedAction[] {
  const [items, setItems] = useState<QueuedAction[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => { void listActions(userId).then((r) => { if (live) setItems(r); }, () => undefined); };
    load();
    const off = onActionsChange(load);
    return () => { live = false; off(); };
  }, [userId]);
  useEffect(() => {
    if (!online) return;
    void syncActions(userId);
    const timer = setInterval(() => void syncActions(userId), SYNC_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [userId, online]);
  return items;
}

/** While on duty: watches the position and sends the latest fix to POST /api/me/position — the first at once, then
 *  every POSITION_INTERVAL_S (also when standing still, so 一张图 keeps showing the collector). */
function usePositionReports(onDuty: boolean, online: boolean): GeolocationPosition | null {
  const [fix, setFix] = useState<GeolocationPosition | null>(null);
  const latest = useRef<GeolocationPosition | null>(null);
  const sentAny = useRef(false);
  const send = useCallback(() => {
    const p = latest.current;
    if (!p || !navigator.onLine) return;
    sentAny.current = true;
    void api.post('/api/me/position', { lon: p.coords.longitude, lat: p.coords.latitude,
      accuracy: Math.min(p.coords.accuracy, 100000) }).catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!onDuty || !navigator.geolocation) return;
    sentAny.current = false;
    const watch = navigator.geolocation.watchPosition((p) => {
      latest.current = p;
      setFix(p);
      if (!sentAny.current) send();
    }, () => undefined, { enableHighAccuracy: true, maximumAge: 10_000 });
    return () => navigator.geolocation.clearWatch(watch);
  }, [onDuty, send]);
  useEffect(() => {
    if (!onDuty || !online) return;
    const timer = setInterval(send, POSITION_INTERVAL_S * 1000);
    return () => clearInterval(timer);
  }, [onDuty, online, send]);
  return fix;
}

export function FieldProvider({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const { t } = useI18n();
  const { notification } = App.useApp();
  const userId = me!.user!.id;
  const role = me!.role;
  const online = useOnline();
  const outbox = useOutbox(userId, online);
  const actions = useActionQueue(userId, online);
  const [changes, setChanges] = useState(0);
  const [unread, setUnread] = useState(0);
  const [onDuty, setDutyState] = useState(() => role === 'collector' && localStorage.getItem(DUTY_KEY) === '1');
  const lastFix = usePositionReports(onDuty, online);

  const refreshUnread = useCallback(() => {
    api.get<{ unread: number }>('/api/notifications', { unread: true, limit: 1 }).then((r) => setUnread(r.unread), () => undefined);
  }, []);

  useEffect(() => {
    if (!online) return;
    refreshUnread();
    const source = new EventSource('/api/cases/stream');
    source.addEventListener('case', (event) => {
      setChanges((n) => n + 1);
      refreshUnread();
      const change = JSON.parse((event as MessageEvent<string>).data) as { id: number; stage: string; action: string };
      if (role === 'handler' && change.stage === 'handling' && NEW_FOR_HANDLER.has(change.action)) {
        notification.info({ title: t('fdNewCase'), description: t('fdNewCaseHint'), placement: 'top', duration: 4 });
      }
    });
    return () => source.close();
  }, [online, role, refreshUnread, notification, t]);

  const setOnDuty = useCallback((on: boolean) => {
    localStorage.setItem(DUTY_KEY, on ? '1' : '0');
    setDutyState(on);
  }, []);

  const value = useMemo<Field>(() => ({ online, outbox, actions, changes, unread, refreshUnread, onDuty, setOnDuty, lastFix }),
    [online, outbox, actions, changes, unread, refreshUnread, onDuty, setOnDuty, lastFix]);
  return <FieldContext.Provider value={value}>{children}</FieldContext.Provider>;
}

export function useField(): Field {
  const ctx = useContext(FieldContext);
  if (!ctx) throw new Error('useField outside FieldProvider');
  return ctx;
}
