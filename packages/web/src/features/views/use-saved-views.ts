import type { SavedView, SavedViewCreateInput, ViewScreen, ViewState } from '@lpdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../../api/client';
import type { ListEnvelope } from '../../api/types';

export const savedViewKeys = { all: ['views'] as const, screen: (screen: ViewScreen) => ['views', screen] as const };

export interface SavedViewChanges {
  name?: string;
  shared?: boolean;
  state?: ViewState;
}

/** The views of one screen the signed-in user can see (shared first, then by name), and their changes. */
export function useSavedViews(screen: ViewScreen) {
  const client = useQueryClient();
  const list = useQuery({
    queryKey: savedViewKeys.screen(screen),
    queryFn: ({ signal }) => api.get<ListEnvelope<SavedView>>('/api/views', { screen }, signal).then((r) => r.data),
  });
  const refresh = () => client.invalidateQueries({ queryKey: savedViewKeys.all });
  const create = useMutation({
    mutationFn: (input: Omit<SavedViewCreateInput, 'screen'>) => api.post<{ data: SavedView }>('/api/views', { ...input, screen }).then((r) => r.data),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: SavedViewChanges }) => api.patch<{ data: SavedView }>(`/api/views/${id}`, changes).then((r) => r.data),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/views/${id}`),
    onSuccess: refresh,
  });
  return { views: list.data ?? [], isPending: list.isPending, create, update, remove };
}

/**
 * Opening a view link (`?view=<id>`) on a screen whose filters live in component state: apply the view
 * once, when the views have loaded. Screens whose filters are in the URL need not.
 */
export function useApplyViewFromLink(screen: ViewScreen, activeViewId: string | null, apply: (view: SavedView) => void) {
  const { views } = useSavedViews(screen);
  const applied = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per view id, when the views arrive
  useEffect(() => {
    const view = views.find((v) => v.id === activeViewId);
    if (!view || applied.current === view.id) return;
    applied.current = view.id;
    apply(view);
  }, [views, activeViewId]);
  return applied;
}
