import { notifications } from '@mantine/notifications';
import { type InfiniteData, keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, type QueryParams } from '../../api/client';
import { keys } from '../../api/hooks';
import type { LpTracker, LpTrackerRow } from '../../api/types';

/** The server's own default page size: the first screenful paints quickly, "Load more" fetches the next. */
const PAGE_SIZE = 50;

export interface LpTrackerFilters {
  q?: string | undefined;
  missing?: 'subscriptionDocs' | 'wire' | 'k1' | 'accreditation' | undefined;
  k1TaxYear?: number | undefined;
}

/** The fund's LPs a page at a time; summary and total come from the first page (they cover every page). */
export function useLpTracker(fundId: string | null, filters: LpTrackerFilters) {
  const params: QueryParams = {
    fundId: fundId ?? undefined,
    q: filters.q || undefined,
    missing: filters.missing,
    k1TaxYear: filters.missing === 'k1' ? filters.k1TaxYear : undefined,
  };
  const query = useInfiniteQuery({
    queryKey: keys.lpTracker(fundId, params),
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ data: LpTracker }>('/api/reports/lp-tracker', { ...params, limit: PAGE_SIZE, offset: pageParam }, signal).then((r) => r.data),
    getNextPageParam: (last) => (last.offset + last.rows.length < last.total ? last.offset + last.rows.length : undefined),
    // Typing in the search box keeps the old rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
  const first = query.data?.pages[0];
  const rows = query.data?.pages.flatMap((page) => page.rows) ?? [];
  return { ...query, tracker: first, rows };
}

/** Paperwork toggles flip at once in every cached page of the fund; the refetch afterwards brings the server's truth. */
export function usePatchLp(fundId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: Partial<LpTrackerRow> }) => api.patch(`/api/commitments/${id}`, changes),
    onMutate: ({ id, changes }) => {
      client.setQueriesData<InfiniteData<LpTracker>>({ queryKey: keys.lpTracker(fundId) }, (old) =>
        old ? { ...old, pages: old.pages.map((page) => ({ ...page, rows: page.rows.map((row) => (row.id === id ? { ...row, ...changes } : row)) })) } : old,
      );
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Could not update', message: errorMessage(error) }),
    onSettled: () => client.invalidateQueries({ queryKey: ['reports'] }),
  });
}
