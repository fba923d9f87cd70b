import type { GridColumnView, GridRowView } from './grid.js';
import { Stage } from './commitments.js';
import type { ViewSort } from './saved-views.js';

/*
 * The grid's one row order: the server (GET /api/grid, the CSV export) and the screen (its instant
 * re-sort) both call `sortGridRows`, so what the screen shows and what the export writes line up.
 */

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const STAGE_ORDER = new Map<string, number>(Stage.options.map((stage, index) => [stage, index]));

/** A cell as something comparable: null for empty (always last), numbers as numbers, the rest as text. */
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
 * Multi-key sort: each key ascending or descending, empty cells last either way, money and numbers
 * numerically, text by the locale's rules (case and accents aside), stages in pipeline order, owners
 * and selects by their label. Ties fall back to the name, then the id, so the order is stable.
 */
export function sortGridRows(rows: readonly GridRowView[], sort: readonly ViewSort[], columns: readonly GridColumnView[]): GridRowView[] {
  const byField = new Map(columns.map((column) => [column.field, column]));
  const keys = [...sort, { field: 'name', direction: 'asc' as const }];
  const decorated = rows.map((row) => ({ row, keys: keys.map((key) => sortKey(row.cells[key.field], byField.get(key.field))) }));
  decorated.sort((a, b) => {
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
  });
  return decorated.map((entry) => entry.row);
}
