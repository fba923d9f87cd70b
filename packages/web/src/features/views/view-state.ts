import type { ViewColumn, ViewSort, ViewState } from '@lpdesk/contracts';

/** URL parameters a list screen keeps as its filters; `q` is the search, saved as `search`. */
export const LIST_FILTER_PARAMS = ['tab', 'ownerId', 'tagId', 'stage', 'kind', 'customField'] as const;

/** `-name` → [{field: 'name', direction: 'desc'}]; the list routes sort by one field. */
export function sortOfParam(sort: string | null): ViewSort[] {
  if (!sort) return [];
  return sort.startsWith('-') ? [{ field: sort.slice(1), direction: 'desc' }] : [{ field: sort, direction: 'asc' }];
}

export function paramOfSort(sort: ViewSort[]): string | null {
  const [first] = sort;
  return first ? `${first.direction === 'desc' ? '-' : ''}${first.field}` : null;
}

/** What a list screen shows, as a view: its URL filters, search, sort and columns. */
export function listViewState(params: URLSearchParams, columns: ViewColumn[]): ViewState {
  const query: Record<string, string> = {};
  for (const key of LIST_FILTER_PARAMS) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  const search = params.get('q')?.trim();
  return { query, sort: sortOfParam(params.get('sort')), groupBy: null, columns, ...(search ? { search } : {}) };
}

/** The URL parameters that show a view: `view=<id>` and its filters, everything else of the list cleared. */
export function paramsOfView(current: URLSearchParams, view: { id: string; state: ViewState } | null): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const key of [...LIST_FILTER_PARAMS, 'q', 'sort', 'view']) next.delete(key);
  if (!view) return next;
  next.set('view', view.id);
  for (const [key, value] of Object.entries(view.state.query ?? {})) if (value && key !== 'view') next.set(key, value);
  if (view.state.search) next.set('q', view.state.search);
  const sort = paramOfSort(view.state.sort);
  if (sort) next.set('sort', sort);
  return next;
}

/** One spelling per state, so "does the screen still match the view?" is a string comparison. */
export function stateKey(state: ViewState): string {
  const query = Object.entries(state.query ?? {})
    .filter(([, value]) => value)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({
    query,
    search: state.search?.trim() || null,
    sort: state.sort,
    groupBy: state.groupBy ?? null,
    filters: state.filters ?? null,
    fundIds: state.fundIds ?? null,
    columns: state.columns.map((c) => [c.field, Boolean(c.hidden), c.width ?? null]),
  });
}

export const sameState = (a: ViewState, b: ViewState) => stateKey(a) === stateKey(b);
