import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { api, rememberCsrf, whenSignedOut } from '../api/client';
import type { Session as SessionAnswer } from '../api/types';

export type Role = 'OPERATOR' | 'AUDITOR' | 'ADMIN';

export interface Session {
  authenticated: boolean;
  username: string | null;
  roles: Role[];
  csrfHeaderName: string | null;
  csrfToken: string | null;
}

const ANONYMOUS: Session = { authenticated: false, username: null, roles: [], csrfHeaderName: null, csrfToken: null };

export const SESSION_KEY = ['session'];

/** Who is signed in, and the CSRF token of the browser session; anonymous when nobody is. */
export async function fetchSession(): Promise<Session> {
  const { data, response } = await api.GET('/api/session');
  if (response.status === 401 || !data) {
    return ANONYMOUS;
  }
  return toSession(data);
}

/** The session as the API describes it (from GET /api/session, or the answer to a sign-in). */
export function toSession(view: SessionAnswer): Session {
  return {
    authenticated: view.authenticated,
    username: view.username ?? null,
    roles: (view.roles ?? []) as Role[],
    csrfHeaderName: view.csrfHeaderName ?? null,
    csrfToken: view.csrfToken ?? null,
  };
}

const SessionContext = createContext<Session>(ANONYMOUS);

/**
 * Keeps the session and hands its CSRF token to the API client. When any request finds the session gone, the
 * user is sent to sign-in, which brings them back to where they were.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { data } = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
  const session = data ?? ANONYMOUS;
  rememberCsrf(session.csrfHeaderName, session.csrfToken);

  useEffect(() => {
    whenSignedOut(() => {
      if (window.location.pathname === '/login') return;
      const next = window.location.pathname + window.location.search;
      client.setQueryData(SESSION_KEY, ANONYMOUS);
      void client.invalidateQueries({ queryKey: SESSION_KEY });
      navigate(`/login?next=${encodeURIComponent(next)}&expired=1`, { replace: true });
    });
  }, [client, navigate]);

  useEffect(() => {
    if (data && !data.authenticated && location.pathname !== '/login') {
      const next = location.pathname + location.search;
      navigate(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, { replace: true });
    }
  }, [data, location.pathname, location.search, navigate]);

  // nothing but sign-in is shown, or asks the API, until somebody is signed in
  if (!data || (!data.authenticated && location.pathname !== '/login')) return null;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}

/** Whether the signed-in user holds one of the roles (the API gives an ADMIN the other two as well). */
export function useCan(...roles: Role[]): boolean {
  const { roles: held } = useSession();
  return roles.some((r) => held.includes(r));
}

/** The role to show beside the user's name: the widest one held. */
export function mainRole(roles: Role[]): Role | null {
  return (['ADMIN', 'OPERATOR', 'AUDITOR'] as Role[]).find((r) => roles.includes(r)) ?? null;
}
