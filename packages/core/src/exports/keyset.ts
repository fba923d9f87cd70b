import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { orderBySort, type ResolvedSort } from '../kernel/sorting.js';

const asExpression = (column: string | Expression<unknown>) => (typeof column === 'string' ? sql.ref(column) : column);
const keyAlias = (index: number) => `sortKey${index}`;

type SortValues = Record<string, unknown>;

/**
 * The rows after `last` in the list's order (orderBySort: an optional "first column is empty" flag,
 * the sort columns, then the id, all one direction). One row-value comparison on both dialects, so
 * each page starts where the index left off instead of skipping OFFSET rows again.
 */
function after(sort: ResolvedSort, idColumn: string, last: SortValues): Expression<SqlBool> {
  const columns = [...sort.key.columns.map(asExpression), sql.ref(idColumn)];
  const values = columns.map((_, index) => last[keyAlias(index)]);
  const op = sql.raw(sort.direction === 'asc' ? '>' : '<');
  const tuple = (from: number) => sql<SqlBool>`(${sql.join(columns.slice(from))}) ${op} (${sql.join(values.slice(from).map((value) => sql.val(value)))})`;
  if (!sort.key.nullable) return tuple(0);
  const [first] = columns;
  // Empty first values come last in both directions; among them the remaining columns decide.
  if (values[0] === null || values[0] === undefined) return sql<SqlBool>`(${first} is null and ${tuple(1)})`;
  return sql<SqlBool>`(${first} is null or ${tuple(0)})`;
}

/**
 * Every row of `query` in the list's order, a page at a time (keyset paging: the last row's sort
 * values bound the next page). Memory holds one page, whatever the size of the table.
 */
export async function* pagesInListOrder<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  sort: ResolvedSort,
  idColumn: string,
  pageSize: number,
): AsyncGenerator<O[]> {
  const columns = [...sort.key.columns.map(asExpression), sql.ref(idColumn)];
  const withKeys = query.select(columns.map((column, index) => sql`${column}`.as(keyAlias(index))) as never);
  let last: SortValues | null = null;
  for (;;) {
    let page = withKeys;
    if (last) page = page.where(after(sort, idColumn, last) as never);
    // orderBySort's own order, so pages follow exactly the list the user saw.
    const rows = (await orderBySort(page, sort, idColumn).limit(pageSize).execute()) as (O & SortValues)[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    last = rows[rows.length - 1] as SortValues;
  }
}
