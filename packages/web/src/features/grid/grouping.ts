import type { GridColumnView, GridRowView } from '@lpdesk/contracts';
import { computeTotals } from './totals';

export interface GroupHeaderRow {
  kind: 'group';
  /** Stable id for AG Grid's getRowId. */
  id: string;
  key: string;
  label: string;
  count: number;
  collapsed: boolean;
  totals: Record<string, number>;
}

export interface DataRow {
  kind: 'row';
  id: string;
  row: GridRowView;
}

export type DisplayRow = GroupHeaderRow | DataRow;

/** The key a row groups under: arrays (tags, multi-select) group by their joined values. */
export function groupKey(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map((item) => (item && typeof item === 'object' ? String((item as { name?: unknown }).name ?? '') : String(item))).join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/**
 * Grouping, which AG Grid Community does not have: keep the rows' (already sorted) order inside each
 * group, order groups by key (empty last), and put a full-width header with count and per-fund
 * subtotals before each group. A collapsed group keeps its header only.
 */
export function groupRows(
  rows: readonly GridRowView[],
  columns: readonly GridColumnView[],
  groupBy: string | null,
  collapsed: ReadonlySet<string>,
  labelFor: (key: string) => string = (key) => key,
): DisplayRow[] {
  if (!groupBy) return rows.map((row) => ({ kind: 'row', id: row.organizationId, row }));
  const groups = new Map<string, GridRowView[]>();
  for (const row of rows) {
    const key = groupKey(row.cells[groupBy]);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const out: DisplayRow[] = [];
  for (const key of keys) {
    const members = groups.get(key) ?? [];
    const isCollapsed = collapsed.has(key);
    out.push({
      kind: 'group',
      id: `group:${key}`,
      key,
      label: key === '' ? '(empty)' : labelFor(key),
      count: members.length,
      collapsed: isCollapsed,
      totals: computeTotals(columns, members),
    });
    if (!isCollapsed) for (const row of members) out.push({ kind: 'row', id: row.organizationId, row });
  }
  return out;
}
