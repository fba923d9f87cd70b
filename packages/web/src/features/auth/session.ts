import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../../api/client';
import type { Session, User } from '../../api/types';
import { setTeamTime } from '../../ui/team-time';

export const SESSION_KEY = ['session'] as const;

/** A reload keeps the httpOnly cookie but loses the in-memory CSRF token, so ask the server again. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const response = await api.get<{ data: { user: User | null; csrfToken: string | null; team: Session['team'] } }>('/api/auth/me');
    if (!response.data.user || !response.data.csrfToken) return null;
    setCsrfToken(response.data.csrfToken);
    setTeamTime(response.data.team);
    return { user: response.data.user, csrfToken: response.data.csrfToken, team: response.data.team };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

// Asked as soon as the bundle runs, in parallel with React's first render, to shorten time to first screen.
let bootSession: Promise<Session | null> | null = typeof window !== 'undefined' && !import.meta.env?.VITEST ? fetchSession() : null;

function sessionQuery(): Promise<Session | null> {
  const pending = bootSession;
  bootSession = null;
  return pending ?? fetchSession();
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: sessionQuery, staleTime: Number.POSITIVE_INFINITY, retry: false });
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
