import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from './client';
import type { CustomFieldDefinition, EntityType, Fund, ListEnvelope, Tag, TeamMember, User } from './types';

export type Collection = 'organizations' | 'contacts' | 'funds' | 'commitments' | 'communications' | 'tasks' | 'tags' | 'custom-fields' | 'users' | 'api-keys';

/** Keys start with the collection so one invalidation refreshes every list and detail of it. */
export const keys = {
  list: (collection: Collection, params?: QueryParams): QueryKey => [collection, 'list', params ?? {}],
  detail: (collection: Collection, id: string): QueryKey => [collection, 'detail', id],
  dashboard: (fundId?: string | null): QueryKey => ['reports', 'dashboard', fundId ?? null],
  /** Without params: every page and filter of the fund's tracker (for optimistic updates and invalidation). */
  lpTracker: (fundId?: string | null, params?: QueryParams): QueryKey =>
    params ? ['reports', 'lp-tracker', fundId ?? null, params] : ['reports', 'lp-tracker', fundId ?? null],
};

export function useList<T>(collection: Collection, params?: QueryParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.list(collection, params),
    queryFn: ({ signal }) => api.get<ListEnvelope<T>>(`/api/${collection}`, params, signal),
    enabled: options.enabled ?? true,
  });
}

export function useRecord<T>(collection: Collection, id: string | null | undefined) {
  return useQuery({
    queryKey: keys.detail(collection, id ?? ''),
    queryFn: ({ signal }) => api.get<{ data: T }>(`/api/${collection}/${id}`, undefined, signal).then((r) => r.data),
    enabled: Boolean(id),
  });
}

/** Anything that changes CRM data can move dashboard numbers and detail timelines, so refresh them too. */
export function useInvalidate() {
  const client = useQueryClient();
  return (...collections: Collection[]) =>
    Promise.all([...collections.map((c) => client.invalidateQueries({ queryKey: [c] })), client.invalidateQueries({ queryKey: ['reports'] })]);
}

const RELATED: Record<Collection, Collection[]> = {
  organizations: ['organizations', 'contacts', 'commitments'],
  contacts: ['contacts', 'organizations'],
  funds: ['funds', 'commitments'],
  commitments: ['commitments', 'organizations', 'contacts'],
  communications: ['communications', 'tasks', 'contacts', 'organizations'],
  tasks: ['tasks', 'contacts', 'organizations'],
  tags: ['tags', 'contacts', 'organizations', 'commitments'],
  'custom-fields': ['custom-fields'],
  users: ['users'],
  'api-keys': ['api-keys'],
};

export function useCreate<T, Input = unknown>(collection: Collection) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: Input) => api.post<{ data: T }>(`/api/${collection}`, input).then((r) => r.data),
    onSuccess: () => invalidate(...RELATED[collection]),
  });
}

export function useUpdate<T, Input = unknown>(collection: Collection) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: Input }) => api.patch<{ data: T }>(`/api/${collection}/${id}`, changes).then((r) => r.data),
    onSuccess: () => invalidate(...RELATED[collection]),
  });
}

export function useTrash(collection: Collection) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (ids: string[]) => {
      for (const id of ids) await api.delete(`/api/${collection}/${id}`);
    },
    onSuccess: () => invalidate(...RELATED[collection]),
  });
}

export function useRestore(collection: Collection) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/${collection}/${id}/restore`),
    onSuccess: () => invalidate(...RELATED[collection]),
  });
}

export function useFunds() {
  return useList<Fund>('funds', { limit: 100, sort: '-createdAt' });
}

export function useTags() {
  return useList<Tag>('tags', { limit: 500 });
}

export function useCustomFields(entityType: EntityType) {
  const query = useList<CustomFieldDefinition>('custom-fields', { limit: 500, entityType });
  const fields = [...(query.data?.data ?? [])].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label));
  return { ...query, fields };
}

/** Active team members (any role may read them) for owner, assignee and author pickers. */
export function useTeam() {
  return useQuery({
    // Under 'users' so that user changes in Settings refresh the pickers too.
    queryKey: ['users', 'team'],
    queryFn: () => api.get<{ data: TeamMember[] }>('/api/team').then((r) => r.data),
    staleTime: 60_000,
  });
}

/** Full user records, admin-only on the server (users.manage): the Users settings screen. */
export function useUsers(enabled = true) {
  return useQuery({
    queryKey: keys.list('users'),
    queryFn: () => api.get<{ data: User[] }>('/api/users').then((r) => r.data),
    retry: false,
    enabled,
  });
}
