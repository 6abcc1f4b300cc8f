// The portal's shared state: the citizen's session (kept in localStorage) and the server's portal configuration.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLoad } from '../hooks.ts';
import type { CitizenSession, PortalConfig } from '../../../src/public/views.ts';
import { loadSession, portalApi, setTokenRefusedHandler, storeSession } from './client.ts';

interface Portal {
  session: CitizenSession | null;
  setSession(session: CitizenSession | null): void;
  config: PortalConfig | undefined;
  configError: string | null;
}

const PortalContext = createContext<Portal | null>(null);

export function PortalProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<CitizenSession | null>(loadSession);
  const config = useLoad(() => portalApi.get<PortalConfig>('/api/public/config'), []);
  useEffect(() => {
    setTokenRefusedHandler(() => { storeSession(null); setSessionState(null); });
    return () => setTokenRefusedHandler(undefined);
  }, []);
  const value = useMemo<Portal>(() => ({
    session,
    setSession(s) { storeSession(s); setSessionState(s); },
    config: config.data,
    configError: config.error,
  }), [session, config.data, config.error]);
  return <PortalContext.Provider value={value}>{children}</PortalContext.Provider>;
}

export function usePortal(): Portal {
  const ctx = useContext(PortalContext);
  if (!ctx) throw new Error('usePortal outside PortalProvider');
  return ctx;
}
