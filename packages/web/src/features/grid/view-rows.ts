import { type GridColumnView, type GridRowView, matchesFilter, sortGridRows, type ViewState } from '@lpdesk/contracts';

/**
 * The rows the view shows: the filter (the same `matchesFilter` the server runs, on the row's cells)
 * then the sorts in order, empty values last whatever the direction, ties by name then id. Grouping
 * sorts by the group field first.
 */
export function viewRows(rows: readonly GridRowView[], columns: readonly GridColumnView[], state: Pick<ViewState, 'filters' | 'sort' | 'groupBy'>, today?: string): GridRowView[] {
  const filtered = rows.filter((row) => matchesFilter(row.cells, state.filters, today ? { today } : {}));
  // The server's sort (contracts' sortGridRows), with the group field first when grouping.
  return sortGridRows(filtered, [...(state.groupBy ? [{ field: state.groupBy, direction: 'asc' as const }] : []), ...state.sort], columns);
}
