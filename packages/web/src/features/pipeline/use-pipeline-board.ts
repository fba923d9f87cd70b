import type { PipelineBoard, Stage } from '@lpdesk/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BoardFilters } from './kanban-logic';

/** Cards a column shows at first, and how many more each "Show more" adds. */
export const CARDS_PER_PAGE = 20;

/** `lead:60,committed:90`: the columns whose "Show more" was pressed, and how far. */
export function moreParam(more: Partial<Record<Stage, number>>): string | undefined {
  const pairs = Object.entries(more).map(([stage, count]) => `${stage}:${count}`);
  return pairs.length ? pairs.join(',') : undefined;
}

/**
 * The kanban of one fund from the server: every column's count and amount over all matching
 * commitments, and its first cards. Under 'reports' so any CRM change refreshes it.
 */
export function usePipelineBoard(fundId: string | null, filters: BoardFilters, more: Partial<Record<Stage, number>>) {
  const params = { fundId: fundId ?? undefined, q: filters.q.trim() || undefined, ownerId: filters.ownerId ?? undefined, limit: CARDS_PER_PAGE, more: moreParam(more) };
  return useQuery<PipelineBoard>({
    queryKey: ['reports', 'pipeline', params],
    queryFn: ({ signal }) => api.get<{ data: PipelineBoard }>('/api/reports/pipeline', params, signal).then((r) => r.data),
    enabled: Boolean(fundId),
    // A new search keeps the board on screen until its answer arrives.
    placeholderData: keepPreviousData,
  });
}
