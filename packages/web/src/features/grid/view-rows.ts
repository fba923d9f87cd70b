import { type GridColumnView, type GridRowView, matchesFilter, Stage, type ViewState } from '@lpdesk/contracts';

// The same ordering rules as the server's grid sort (core/grid/sorting.ts), so the screen and the CSV
// export list rows in the same order.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const STAGE_ORDER = new Map<string, number>(Stage.options.map((stage, index) => [stage, index]));

function sortKey(value: unknown, column: GridColumnView | undefined): number | string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return value.map((item) => (item && typeof item === 'object' ? String((item as { name?: unknown }).name ?? '') : String(item))).join(', ');
  }
  if (column?.type === 'stage' && typeof value === 'string') return STAGE_ORDER.get(value) ?? Number.MAX_SAFE_INTEGER;
  if ((column?.type === 'user' || column?.type === 'select') && typeof value === 'string') return column.options?.find((o) => o.value === value)?.label ?? value;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return String(value);
}

function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * The rows the view shows: the filter (the same `matchesFilter` the server runs, on the row's cells)
 * then the sorts in order, empty values last whatever the direction, ties by name then id. Grouping
 * sorts by the group field first.
 */
export function viewRows(rows: readonly GridRowView[], columns: readonly GridColumnView[], state: Pick<ViewState, 'filters' | 'sort' | 'groupBy'>, today?: string): GridRowView[] {
  const byField = new Map(columns.map((c) => [c.field, c]));
  const filtered = rows.filter((row) => matchesFilter(row.cells, state.filters, today ? { today } : {}));
  const keys = [...(state.groupBy ? [{ field: state.groupBy, direction: 'asc' as const }] : []), ...state.sort, { field: 'name', direction: 'asc' as const }];
  return filtered
    .map((row) => ({ row, keys: keys.map((key) => sortKey(row.cells[key.field], byField.get(key.field))) }))
    .sort((a, b) => {
      for (const [index, key] of keys.entries()) {
        const left = a.keys[index] ?? null;
        const right = b.keys[index] ?? null;
        if (left === null && right === null) continue;
        if (left === null) return 1;
        if (right === null) return -1;
        const order = compareKeys(left, right);
        if (order !== 0) return key.direction === 'desc' ? -order : order;
      }
      return a.row.organizationId < b.row.organizationId ? -1 : a.row.organizationId > b.row.organizationId ? 1 : 0;
    })
    .map((entry) => entry.row);
}
