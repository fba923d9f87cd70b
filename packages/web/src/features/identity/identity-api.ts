import type {
  IdentityCandidateView as CandidateSchema,
  IdentityCandidatesInput as CandidatesInputSchema,
  IdentityComparisonView as ComparisonSchema,
  IdentityEntityType,
  IdentityEvidence,
  IdentityHowView as HowSchema,
  IdentityMergeInput,
  IdentityMergeView,
  IdentitySuggestionView,
  IdentityWhyView,
} from '@lpdesk/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';
import { useInvalidate } from '../../api/hooks';
import type { ListEnvelope } from '../../api/types';
import { useCurrentUser } from '../auth/session';

// The shapes are the contracts' (packages/contracts/src/identity.ts); only the ones not exported as types are inferred here.
export type IdentityComparisonView = z.infer<typeof ComparisonSchema>;
export type IdentityHowView = z.infer<typeof HowSchema>;
export type IdentityCandidateView = z.infer<typeof CandidateSchema>;
export type IdentityCandidatesInput = z.input<typeof CandidatesInputSchema>;
export type { IdentityEntityType, IdentityEvidence, IdentityMergeView, IdentitySuggestionView, IdentityWhyView };

/**
 * The server wraps single results as `{data: …}` (lists come as `{data, total, limit, offset}`); the
 * identity hooks hand the screens the bare view either way.
 */
export function unwrapData<T>(body: unknown): T {
  let value = body;
  while (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && 'data' in value)
    value = (value as { data: unknown }).data;
  return value as T;
}

/** Every identity query starts with 'identity' so one invalidation after a merge refreshes them all. */
export const identityKeys = {
  all: ['identity'] as const,
  suggestions: (params: Record<string, unknown>) => ['identity', 'suggestions', params] as const,
  compare: (a: string, b: string) => ['identity', 'compare', a, b] as const,
  why: (a: string, b: string) => ['identity', 'why', a, b] as const,
  merges: (params: Record<string, unknown>) => ['identity', 'merges', params] as const,
  how: (id: string) => ['identity', 'how', id] as const,
  candidates: (draft: IdentityCandidatesInput) => ['identity', 'candidates', draft] as const,
};

/** Merging needs `identity.merge` (admin, manager, member); agents only look. */
export function useCanMerge(): boolean {
  return useCurrentUser().role !== 'agent';
}

export interface SuggestionFilter {
  entityType?: IdentityEntityType | undefined;
  entityId?: string | undefined;
  limit?: number;
  offset?: number;
}

export function useSuggestions(filter: SuggestionFilter) {
  const params = { status: 'open', limit: 50, offset: 0, ...filter };
  return useQuery({
    queryKey: identityKeys.suggestions(params),
    queryFn: ({ signal }) => api.get<ListEnvelope<IdentitySuggestionView>>('/api/identity/suggestions', params, signal),
    placeholderData: keepPreviousData,
  });
}

/** The open count shown on the list pages' Duplicates button (one row fetched, `total` read). */
export function useOpenSuggestionCount(entityType: IdentityEntityType) {
  const params = { status: 'open', entityType, limit: 1, offset: 0 };
  return useQuery({
    queryKey: identityKeys.suggestions(params),
    queryFn: ({ signal }) => api.get<ListEnvelope<IdentitySuggestionView>>('/api/identity/suggestions', params, signal),
    select: (envelope) => envelope.total,
    retry: false,
    staleTime: 30_000,
  });
}

export function useComparison(a: string | null, b: string | null) {
  return useQuery({
    queryKey: identityKeys.compare(a ?? '', b ?? ''),
    queryFn: ({ signal }) => api.get<unknown>('/api/identity/compare', { a, b }, signal).then(unwrapData<IdentityComparisonView>),
    enabled: Boolean(a && b),
    retry: false,
  });
}

export function useWhy(a: string | null, b: string | null) {
  return useQuery({
    queryKey: identityKeys.why(a ?? '', b ?? ''),
    queryFn: ({ signal }) => api.get<unknown>('/api/identity/why', { a, b }, signal).then(unwrapData<IdentityWhyView>),
    enabled: Boolean(a && b),
    retry: false,
  });
}

export function useMerges(options: { entityId?: string; includeUndone?: boolean; limit?: number } = {}) {
  const params = { includeUndone: options.includeUndone ?? true, limit: options.limit ?? 50, entityId: options.entityId };
  return useQuery({
    queryKey: identityKeys.merges(params),
    queryFn: ({ signal }) => api.get<ListEnvelope<IdentityMergeView>>('/api/identity/merges', params, signal),
  });
}

export function useHow(entityId: string) {
  return useQuery({
    queryKey: identityKeys.how(entityId),
    queryFn: ({ signal }) => api.get<unknown>(`/api/identity/entities/${entityId}/how`, undefined, signal).then(unwrapData<IdentityHowView>),
    retry: false,
  });
}

/** After a merge, an undo or a rejection: identity views, both records' lists and details, and dashboards change. */
function useRefreshAfterIdentityChange() {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return () =>
    Promise.all([client.invalidateQueries({ queryKey: identityKeys.all }), invalidate('contacts', 'organizations', 'commitments', 'communications', 'tasks')]);
}

export function useMergeEntities() {
  const refresh = useRefreshAfterIdentityChange();
  return useMutation({
    mutationFn: (input: IdentityMergeInput) => api.post<unknown>('/api/identity/merges', input).then(unwrapData<IdentityMergeView>),
    // Not awaited: the refetch can unmount the pane that asked (its pair leaves the queue) before its own callbacks run.
    onSuccess: () => {
      void refresh();
    },
  });
}

export function useUndoMerge() {
  const refresh = useRefreshAfterIdentityChange();
  return useMutation({
    mutationFn: (mergeId: string) => api.post<unknown>(`/api/identity/merges/${mergeId}/undo`).then(unwrapData<IdentityMergeView>),
    // Not awaited: the refetch can unmount the pane that asked (its pair leaves the queue) before its own callbacks run.
    onSuccess: () => {
      void refresh();
    },
  });
}

export function useRejectSuggestion() {
  const refresh = useRefreshAfterIdentityChange();
  return useMutation({
    mutationFn: (suggestionId: string) => api.post<unknown>(`/api/identity/suggestions/${suggestionId}/reject`).then(unwrapData<IdentitySuggestionView>),
    // Not awaited: the refetch can unmount the pane that asked (its pair leaves the queue) before its own callbacks run.
    onSuccess: () => {
      void refresh();
    },
  });
}

/** Existing records a draft (the create form's fields) may duplicate; nothing is written. */
export function useCandidates(draft: IdentityCandidatesInput | null) {
  return useQuery({
    queryKey: identityKeys.candidates(draft ?? { kind: 'person' }),
    queryFn: () => api.post<unknown>('/api/identity/candidates', draft).then(unwrapData<IdentityCandidateView[]>),
    enabled: draft !== null,
    retry: false,
    staleTime: 10_000,
  });
}

/** Where an identity entity's page is. */
export function entityPath(entityType: IdentityEntityType, entityId: string): string {
  return entityType === 'organization' ? `/organizations/${entityId}` : `/contacts/${entityId}`;
}

export function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

/** The strongest evidence first: what a row shows as its "top reasons". */
export function topReasons(evidence: IdentityEvidence[], count = 2): IdentityEvidence[] {
  return [...evidence]
    .filter((e) => e.direction === 'for')
    .sort((x, y) => y.confidence - x.confidence)
    .slice(0, count);
}

/** A field value as shown in the side-by-side table. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(displayValue).join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') {
    const named = value as { name?: unknown; label?: unknown; number?: unknown };
    if (typeof named.name === 'string') return named.name;
    if (typeof named.label === 'string') return named.label;
    if (typeof named.number === 'string') return named.number;
    return JSON.stringify(value);
  }
  return String(value);
}
