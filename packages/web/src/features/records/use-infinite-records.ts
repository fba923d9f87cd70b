import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, type QueryParams, toQueryString } from '../../api/client';
import type { Collection } from '../../api/hooks';
import type { ListEnvelope } from '../../api/types';

/** A small first page paints quickly; later pages use the API maximum so thousands of rows take few requests. */
const FIRST_PAGE = 100;
const NEXT_PAGE = 500;

const prefetched = new Map<string, Promise<unknown>>();

/**
 * Called at boot for a list URL opened directly: the first page is requested while the app's code is
 * still loading. Only the unfiltered default view is prefetched; anything else fetches normally.
 */
export function prefetchFirstPage(collection: Collection) {
  const url = `/api/${collection}${toQueryString({ offset: 0, limit: FIRST_PAGE })}`;
  const request = fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } }).then((r) => (r.ok ? r.json() : null));
  prefetched.set(
    url,
    request.catch(() => null),
  );
}

function firstPage<T>(collection: Collection, params: QueryParams, signal: AbortSignal): Promise<ListEnvelope<T>> {
  const query = { ...params, offset: 0, limit: FIRST_PAGE };
  const url = `/api/${collection}${toQueryString(query)}`;
  const early = prefetched.get(url);
  prefetched.delete(url);
  const fallback = () => api.get<ListEnvelope<T>>(`/api/${collection}`, query, signal);
  return early ? early.then((data) => (data ? (data as ListEnvelope<T>) : fallback())) : fallback();
}

export function useInfiniteRecords<T>(collection: Collection, params: QueryParams) {
  const query = useInfiniteQuery({
    queryKey: [collection, 'infinite', params],
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      pageParam === 0
        ? firstPage<T>(collection, params, signal)
        : api.get<ListEnvelope<T>>(`/api/${collection}`, { ...params, offset: pageParam, limit: NEXT_PAGE }, signal),
    getNextPageParam: (last) => (last.offset + last.data.length < last.total ? last.offset + last.data.length : undefined),
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  return { ...query, rows, total };
}
