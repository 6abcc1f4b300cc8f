// The logged-in user (GET /api/auth/me), login and logout. Permissions decide the menu and the routes.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setUnauthorizedHandler } from './api.ts';
import { forgetDivisionTree } from './divisions.ts';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: string;
  roleName: string;
  regionCode: string | null;
  regionName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  phone: string | null;
  idNumber: string | null;
  active: boolean;
  createdAt: string;
}

export interface Me {
  kind: string;
  user: UserView | null;
  role: string;
  roleName: string;
  permissions: string[];
  scope: string[] | 'all';
  scopeRoot: { code: string; name: string; level: string } | null;
}

interface Auth {
  me: Me | null;
  loading: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  can(permission: string | undefined): boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const loadMe = useCallback(async () => {
    try {
      setMe(await api.get<Me>('/api/auth/me'));
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) throw err;
      setMe(null);
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => setMe(null));
    loadMe().finally(() => setLoading(false));
  }, [loadMe]);

  const value = useMemo<Auth>(() => ({
    me,
    loading,
    async login(username, password) {
      await api.post('/api/auth/login', { username, password });
      forgetDivisionTree();
      await loadMe();
    },
    async logout() {
      await api.post('/api/auth/logout');
      forgetDivisionTree();
      setMe(null);
    },
    can: (permission) => !permission || !!me?.permissions.includes(permission),
  }), [me, loading, loadMe]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
