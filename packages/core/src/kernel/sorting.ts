import { type Expression, type SelectQueryBuilder, sql } from 'kysely';
import { resolveSort } from './records.js';

export type SortDirection = 'asc' | 'desc';

/**
 * How a list orders by one field. The ORDER BY it produces is exactly the column list of an index in
 * migration 0005 (on live rows), so the database walks the index and stops after one page instead of
 * sorting every row. Change a key here and the index must change with it; the plan tests say so.
 */
export interface SortKey {
  /** Column references such as `c.lastName`: the field asked for, then the ties it breaks on. */
  columns: readonly (string | Expression<unknown>)[];
  /**
   * The first column can be empty. Such rows come last in both directions on both dialects, by ordering
   * on `(column is null)` first: the index starts with the same expression. Never set it for a NOT NULL
   * column: the extra term alone would keep the index from being used.
   */
  nullable?: boolean;
}

export interface ResolvedSort {
  field: string;
  key: SortKey;
  direction: SortDirection;
}

/** `-name` → the `name` key, descending; an unknown field is a 400, not a silent default. */
export function resolveListSort<F extends string>(
  sort: string | undefined,
  keys: Record<F, SortKey>,
  fallback: { field: F; direction: SortDirection },
): ResolvedSort {
  const names = Object.fromEntries(Object.keys(keys).map((name) => [name, name])) as Record<string, F>;
  const { column: field, direction } = resolveSort(sort, names, { column: fallback.field, direction: fallback.direction });
  return { field, key: keys[field], direction };
}

const asExpression = (column: string | Expression<unknown>) => (typeof column === 'string' ? sql.ref(column) : column);

/**
 * Apply the sort, then the row id in the same direction: one index serves both directions (walked
 * backwards for descending), and equal values never shuffle between pages.
 */
export function orderBySort<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  sort: ResolvedSort,
  idColumn: string,
): SelectQueryBuilder<DB, TB, O> {
  const [first, ...rest] = sort.key.columns;
  if (first === undefined) throw new Error(`sort ${sort.field} names no column`);
  let ordered = query;
  if (sort.key.nullable) ordered = ordered.orderBy(sql`(${asExpression(first)} is null)`);
  for (const column of [first, ...rest, idColumn]) ordered = ordered.orderBy(asExpression(column), sort.direction);
  return ordered;
}
