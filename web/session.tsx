import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, get, setCsrfToken, type Session } from './api.ts';

interface SessionState {
  /** undefined while loading, null when signed out. */
  session: Session | null | undefined;
  setSession(session: Session | null): void;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children, probe }: { children: ReactNode; probe: boolean }) {
  const [session, setState] = useState<Session | null | undefined>(probe ? undefined : null);
  const setSession = useCallback((s: Session | null) => {
    setCsrfToken(s?.csrfToken ?? '');
    setState(s);
  }, []);
  const refresh = useCallback(async () => {
    try {
      setSession(await get<Session>('/api/session', { allow401: true }));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setSession(null);
      else setSession(null);
    }
  }, [setSession]);
  useEffect(() => {
    if (probe) void refresh();
  }, [probe, refresh]);
  const value = useMemo(() => ({ session, setSession, refresh }), [session, setSession, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
