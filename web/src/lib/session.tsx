import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Me, Role } from '@/features/auth/api/types';
import { api, isApiError, markSignedOut, onSessionEvent } from './api-client';
import { startRealtime, stopRealtime } from './realtime';

/** Staff roles that open the management console. */
export const consoleRoles: readonly Role[] = ['frontDesk', 'manager', 'admin', 'board'];

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out';

interface SessionState {
  status: SessionStatus;
  me: Me | null;
  /** True when the session ended on its own (expired refresh), to say so on the sign-in page. */
  expired: boolean;
  signedIn: (me: Me) => void;
  reload: () => Promise<void>;
  signOut: (options?: { everywhere?: boolean }) => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * The signed-in person (`GET /api/me`), shared by the whole app. `initialMe` skips the first fetch
 * (tests); `realtime` false keeps the SignalR connection closed (tests drive pushes directly).
 */
export function SessionProvider({ children, initialMe, realtime = true }: { children: ReactNode; initialMe?: Me | null; realtime?: boolean }) {
  const [me, setMe] = useState<Me | null>(initialMe ?? null);
  const [status, setStatus] = useState<SessionStatus>(initialMe === undefined ? 'loading' : initialMe ? 'signed-in' : 'signed-out');
  const [expired, setExpired] = useState(false);
  const deliberate = useRef(false);

  const reload = useCallback(async () => {
    try {
      const current = await api.get<Me>('/api/me');
      setMe(current);
      setStatus('signed-in');
    } catch (error) {
      if (isApiError(error) && (error.status === 401 || error.status === 403)) {
        setMe(null);
        setStatus('signed-out');
        return;
      }
      // Server unreachable: stay signed out, the pages show their own errors.
      setMe(null);
      setStatus('signed-out');
    }
  }, []);

  useEffect(() => {
    if (initialMe === undefined) {
      // Fetching the session on start is synchronising with the server, what effects are for.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      void reload();
    }
  }, [initialMe, reload]);

  useEffect(
    () =>
      onSessionEvent('signed-out', () => {
        const wasDeliberate = deliberate.current;
        deliberate.current = false;
        setMe((previous) => {
          if (previous && !wasDeliberate) {
            setExpired(true);
          }
          return null;
        });
        setStatus('signed-out');
      }),
    [],
  );

  useEffect(() => {
    if (!realtime) {
      return;
    }
    if (status === 'signed-in') {
      void startRealtime();
    } else if (status === 'signed-out') {
      void stopRealtime();
    }
  }, [status, realtime]);

  const signedIn = useCallback((next: Me) => {
    setExpired(false);
    setMe(next);
    setStatus('signed-in');
  }, []);

  const signOut = useCallback(async (options?: { everywhere?: boolean }) => {
    try {
      await api.post(options?.everywhere ? '/api/auth/sign-out-everywhere' : '/api/auth/sign-out', undefined, { waitForUnlock: false });
    } catch {
      // The cookies may already be gone; signing out on the client is what matters to the person.
    }
    setExpired(false);
    deliberate.current = true;
    markSignedOut();
  }, []);

  const value = useMemo<SessionState>(
    () => ({ status, me, expired, signedIn, reload, signOut }),
    [status, me, expired, signedIn, reload, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession outside SessionProvider');
  }
  return value;
}

/** Buildings where the person holds a console role, with the role. */
export function staffMemberships(me: Me | null) {
  return (me?.memberships ?? []).filter((m) => consoleRoles.includes(m.role));
}

export function hasConsole(me: Me | null): boolean {
  return staffMemberships(me).length > 0;
}
