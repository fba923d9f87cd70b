import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../api/client';
import type { Session, SessionProbe, User } from '../../api/types';
import { setTeamTime } from '../../ui/team-time';

export const SESSION_KEY = ['session'] as const;

/** What the first-load probe learned: the session, or that there is none (and whether setup is needed). */
export interface SessionCheck {
  session: Session | null;
  setupNeeded: boolean | null;
}

/**
 * A reload keeps the httpOnly cookie but loses the in-memory CSRF token, so ask the server again.
 * GET /api/auth/session answers 200 either way: a signed-out first load logs no 401 in the console.
 */
export async function checkSession(): Promise<SessionCheck> {
  const { data } = await api.get<{ data: SessionProbe }>('/api/auth/session');
  if (!data.authenticated || !data.user || !data.csrfToken) {
    setCsrfToken(null);
    return { session: null, setupNeeded: data.authenticated ? null : data.setupNeeded };
  }
  setCsrfToken(data.csrfToken);
  setTeamTime(data.team);
  return { session: { user: data.user, csrfToken: data.csrfToken, team: data.team }, setupNeeded: false };
}

// Asked as soon as the bundle runs, in parallel with React's first render, to shorten time to first screen.
let bootSession: Promise<SessionCheck> | null = typeof window !== 'undefined' && !import.meta.env?.VITEST ? checkSession() : null;

function takeSessionCheck(): Promise<SessionCheck> {
  const pending = bootSession;
  bootSession = null;
  return pending ?? checkSession();
}

export function useSession() {
  const client = useQueryClient();
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const check = await takeSessionCheck();
      // The probe already answered whether setup is needed; the gate need not ask again.
      if (check.setupNeeded !== null) client.setQueryData(['setup'], check.setupNeeded);
      return check.session;
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

let lastUser: User | null = null;

/**
 * Inside the signed-in shell the session is present; during the render that signs out, screens still
 * mounted see the last user instead of crashing before the gate swaps in the sign-in screen.
 */
export function useCurrentUser(): User {
  const { data } = useSession();
  if (data) lastUser = data.user;
  if (!lastUser) throw new Error('useCurrentUser used outside a signed-in screen');
  return data?.user ?? lastUser;
}

export function useSetupStatus(enabled: boolean) {
  return useQuery({
    queryKey: ['setup'],
    queryFn: () => api.get<{ data: { needed: boolean } }>('/api/setup').then((r) => r.data.needed),
    enabled,
    // Only setup itself changes the answer, and it writes the new one into the cache.
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

function useStartSession() {
  const client = useQueryClient();
  return (session: Session) => {
    setCsrfToken(session.csrfToken);
    setTeamTime(session.team);
    client.setQueryData(['setup'], false);
    client.setQueryData(SESSION_KEY, session);
  };
}

export function useLogin() {
  const start = useStartSession();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => api.post<{ data: Session }>('/api/auth/login', input).then((r) => r.data),
    onSuccess: start,
  });
}

export function useSetup() {
  const start = useStartSession();
  return useMutation({
    mutationFn: (input: { username: string; password: string; email?: string; fullName?: string }) =>
      api.post<{ data: Session }>('/api/setup', input).then((r) => r.data),
    onSuccess: start,
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      // Sign-out first (the gate unmounts the app), then forget everything the old session loaded.
      client.setQueryData(SESSION_KEY, null);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
    },
  });
}

export function displayName(user: Pick<User, 'fullName' | 'username'>): string {
  return user.fullName?.trim() || user.username;
}
