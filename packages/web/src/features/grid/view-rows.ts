import { type GridColumnView, type GridRowView, matchesFilter, type ViewState } from '@lpdesk/contracts';
import { ALL_STAGES } from '../../ui/stages';
import { formatCell } from './cell-values';

function sortKey(column: GridColumnView | undefined, value: unknown): number | string | null {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  if (!column) return String(value);
  if (column.type === 'money' || column.type === 'number') return typeof value === 'number' ? value : Number(value);
  if (column.type === 'stage') return ALL_STAGES.indexOf(value as (typeof ALL_STAGES)[number]);
  if (column.type === 'boolean') return value ? 1 : 0;
  return formatCell(column, value).toLocaleLowerCase();
}

/**
 * The rows the view shows: the filter (the same `matchesFilter` the server runs, on the row's cells)
 * then the sorts in order, empty values last whatever the direction, ties by name.
 */
export function viewRows(rows: readonly GridRowView[], columns: readonly GridColumnView[], state: Pick<ViewState, 'filters' | 'sort' | 'groupBy'>, today?: string): GridRowView[] {
  const byField = new Map(columns.map((c) => [c.field, c]));
  const filtered = rows.filter((row) => matchesFilter(row.cells, state.filters, today ? { today } : {}));
  const sorts = [...(state.groupBy ? [{ field: state.groupBy, direction: 'asc' as const }] : []), ...state.sort, { field: 'name', direction: 'asc' as const }];
  return filtered
    .map((row) => ({ row, keys: sorts.map((s) => sortKey(byField.get(s.field), row.cells[s.field])) }))
    .sort((a, b) => {
      for (let i = 0; i < sorts.length; i += 1) {
        const x = a.keys[i] ?? null;
        const y = b.keys[i] ?? null;
        if (x === y) continue;
        if (x === null) return 1;
        if (y === null) return -1;
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        if (order !== 0) return sorts[i]?.direction === 'desc' ? -order : order;
      }
      return 0;
    })
    .map((entry) => entry.row);
}
