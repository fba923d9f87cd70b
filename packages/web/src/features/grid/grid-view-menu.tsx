import type { SavedView, ViewState } from '@lpdesk/contracts';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { SavedViewMenu } from '../views/saved-view-menu';
import { useSavedViews } from '../views/use-saved-views';
import { EMPTY_VIEW_STATE } from './use-grid-view-state';

interface GridViewMenuProps {
  state: ViewState;
  /** Replaces the whole grid state (filters, sort, grouping, columns, funds, search). */
  onApply(state: ViewState): void;
}

/**
 * Saved views for the grid. The active view lives in the URL (`?view=<id>`), so a view is a link a
 * partner can send; opening such a link applies the view once its list has loaded.
 */
export function GridViewMenu({ state, onApply }: GridViewMenuProps) {
  const [params, setParams] = useSearchParams();
  const activeViewId = params.get('view');
  const { views } = useSavedViews('grid');
  const applied = useRef<string | null>(null);

  const apply = (view: SavedView | null) => {
    applied.current = view?.id ?? null;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (view) next.set('view', view.id);
        else next.delete('view');
        return next;
      },
      { replace: true },
    );
    onApply(view ? { ...EMPTY_VIEW_STATE, ...view.state } : EMPTY_VIEW_STATE);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: applies a linked view once, when the views have loaded
  useEffect(() => {
    const view = views.find((v) => v.id === activeViewId);
    if (!view || applied.current === view.id) return;
    apply(view);
  }, [views, activeViewId]);

  return (
    <SavedViewMenu
      screen="grid"
      currentState={state}
      activeViewId={activeViewId}
      onApply={apply}
      exportHref={(view) => `/api/views/${view.id}/export?format=csv`}
    />
  );
}
