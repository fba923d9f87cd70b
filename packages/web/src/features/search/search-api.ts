import { RETRIEVAL_MODES, type RetrievalMode, type RetrievalSearchResult, type RetrievalStatus } from '@lpdesk/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../../api/client';

export type { RetrievalEntity, RetrievalHit, RetrievalMode, RetrievalSearchResult, RetrievalStatus } from '@lpdesk/contracts';

/** What the Search screen asks for; also its URL (`/search?q=…&kind=call,email&fund=…&from=…&to=…&mode=…`). */
export interface ContentSearchParams {
  q: string;
  mode: RetrievalMode;
  /** Communication kinds and source types, as the API's `kind` comma list takes them. */
  kinds: string[];
  fundId: string | null;
  /** Calendar dates (YYYY-MM-DD): the API reads each as that whole day in the team's zone. */
  from: string | null;
  to: string | null;
}

export const DEFAULT_MODE: RetrievalMode = 'hybrid';

const isMode = (value: string | null): value is RetrievalMode => (RETRIEVAL_MODES as readonly string[]).includes(value ?? '');
const isCalendarDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The screen's state from its URL; anything unreadable falls back to no filter rather than a failing request. */
export function searchParamsFromUrl(params: URLSearchParams): ContentSearchParams {
  const mode = params.get('mode');
  const from = params.get('from');
  const to = params.get('to');
  return {
    q: params.get('q') ?? '',
    mode: isMode(mode) ? mode : DEFAULT_MODE,
    kinds: (params.get('kind') ?? '')
      .split(',')
      .map((kind) => kind.trim())
      .filter(Boolean),
    fundId: params.get('fund') || null,
    from: isCalendarDate(from) ? from : null,
    to: isCalendarDate(to) ? to : null,
  };
}

/** The URL for a state; defaults are left out so a plain search reads `/search?q=ddq`. */
export function searchParamsToUrl(state: ContentSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.kinds.length > 0) params.set('kind', state.kinds.join(','));
  if (state.fundId) params.set('fund', state.fundId);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.mode !== DEFAULT_MODE) params.set('mode', state.mode);
  return params;
}

/** The API's query string for a state (`GET /api/search`). */
export function searchApiQuery(state: ContentSearchParams, limit: number) {
  return {
    q: state.q.trim(),
    mode: state.mode,
    limit,
    kind: state.kinds.length > 0 ? state.kinds.join(',') : undefined,
    fundId: state.fundId ?? undefined,
    from: state.from ?? undefined,
    to: state.to ?? undefined,
  };
}

export const searchKeys = {
  content: ['content-search'] as const,
  status: ['content-search-status'] as const,
};

/**
 * Ranked passages for a query. A new query cancels the request in flight (TanStack Query aborts the
 * signal of a query nobody observes any more); the previous results stay on screen until the new ones land.
 */
export function useContentSearch(state: ContentSearchParams, { limit = 30, enabled = true } = {}) {
  const query = searchApiQuery(state, limit);
  return useQuery({
    queryKey: [...searchKeys.content, query],
    queryFn: ({ signal }) => api.get<RetrievalSearchResult>('/api/search', query, signal),
    enabled: enabled && query.q.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** How often the index status is asked for while it is catching up. */
const STATUS_POLL_MS = 4_000;

/**
 * The index's progress. Polled only while something is pending; when it catches up, the results on
 * screen are asked for again so they include what was indexed meanwhile.
 */
export function useSearchStatus() {
  const client = useQueryClient();
  const status = useQuery({
    queryKey: searchKeys.status,
    queryFn: ({ signal }) => api.get<RetrievalStatus>('/api/search/status', undefined, signal),
    refetchInterval: (query) => ((query.state.data?.pending ?? 0) > 0 ? STATUS_POLL_MS : false),
  });
  const pending = status.data?.pending ?? 0;
  const wasPending = useRef(false);
  useEffect(() => {
    if (wasPending.current && pending === 0) void client.invalidateQueries({ queryKey: searchKeys.content });
    wasPending.current = pending > 0;
  }, [pending, client]);
  return status;
}
