import type { ViewColumn, ViewState } from '@lpdesk/contracts';
import { useCallback, useMemo, useState } from 'react';

const STORAGE_KEY = 'lpdesk.grid.view-state';

export const EMPTY_VIEW_STATE: ViewState = { sort: [], groupBy: null, columns: [] };

function load(): ViewState {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
    if (!raw) return EMPTY_VIEW_STATE;
    const parsed = JSON.parse(raw) as Partial<ViewState>;
    return { ...EMPTY_VIEW_STATE, ...parsed };
  } catch {
    return EMPTY_VIEW_STATE;
  }
}

/**
 * The grid's current view: filters, sort, grouping, columns (order, width, hidden), funds and search.
 * `apply` replaces it (a saved view was picked); `setPartial` changes parts of it (the toolbar, a column
 * drag). Kept in this browser between visits; a saved view is what makes it shareable.
 */
export function useGridViewState() {
  const [state, setState] = useState<ViewState>(load);
  const persist = useCallback((next: ViewState) => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Private mode or a full quota: the view still works for this visit.
    }
    return next;
  }, []);
  const apply = useCallback((next: ViewState) => setState(persist({ ...EMPTY_VIEW_STATE, ...next })), [persist]);
  const setPartial = useCallback(
    (patch: Partial<ViewState> | ((current: ViewState) => Partial<ViewState>)) =>
      setState((current) => persist({ ...current, ...(typeof patch === 'function' ? patch(current) : patch) })),
    [persist],
  );
  return useMemo(() => ({ state, apply, setPartial }), [state, apply, setPartial]);
}

/** Column order, widths and visibility as AG Grid reports them, in the view's shape. */
export function columnsFromGrid(columns: { field: string; width: number; hidden: boolean }[]): ViewColumn[] {
  return columns.map((c) => ({ field: c.field, width: Math.max(30, Math.min(2000, Math.round(c.width))), ...(c.hidden ? { hidden: true } : {}) }));
}
