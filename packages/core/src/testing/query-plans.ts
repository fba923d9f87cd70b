import {
  CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';
import type { Db } from '../db/connect.js';
import type { Dialect } from '../db/migration-context.js';

/** Records every query a Kysely instance runs, after the other plugins (so with snake_case names). */
class CaptureQueries implements KyselyPlugin {
  readonly nodes: RootOperationNode[] = [];
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(node);
    return node;
  }
  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(result);
  }
}

/**
 * Run `body` against a db that remembers its queries, and return the compiled SQL of the first one
 * `pick` accepts: the statement whose plan a test wants to read, exactly as the code built it.
 */
export async function captureQuery(db: Db, body: (db: Db) => Promise<unknown>, pick: (node: RootOperationNode) => boolean): Promise<CompiledQuery> {
  const capture = new CaptureQueries();
  await body(db.withPlugin(capture));
  const node = capture.nodes.find(pick);
  if (!node) throw new Error(`none of the ${capture.nodes.length} queries matched`);
  return db.getExecutor().compileQuery(node, { queryId: 'plan' });
}

/** A list's page: the SELECT with a LIMIT (the count beside it has none). */
export const isPageQuery = (node: RootOperationNode) => node.kind === 'SelectQueryNode' && node.limit !== undefined;

export interface QueryPlan {
  /** The plan as text, one node per line (SQLite's EXPLAIN QUERY PLAN details, PostgreSQL's EXPLAIN). */
  text: string;
  /** Index names the plan reads. */
  indexes: string[];
  /** Whether the rows are sorted after reading (rather than read in index order). */
  sortsAllRows: boolean;
}

/**
 * The plan of a compiled query. On PostgreSQL sorting is priced out of reach first, so the planner
 * shows whether an index CAN deliver the order: on a small test table it would otherwise rightly
 * prefer a sequential scan, which says nothing about 25,000 rows.
 */
export async function explain(db: Db, dialect: Dialect, query: CompiledQuery, options: { discourage?: ('sort' | 'seqscan' | 'bitmapscan')[] } = {}): Promise<QueryPlan> {
  if (dialect === 'sqlite') {
    const { rows } = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]));
    const text = rows.map((r) => r.detail).join('\n');
    return {
      text,
      indexes: [...text.matchAll(/USING (?:COVERING )?INDEX (\w+)/g)].map((m) => m[1] as string),
      sortsAllRows: /USE TEMP B-TREE FOR ORDER BY/.test(text),
    };
  }
  const discourage = options.discourage ?? ['sort'];
  const rows = await db.transaction().execute(async (tx) => {
    for (const setting of discourage) await sql.raw(`set local enable_${setting} = off`).execute(tx);
    return (await tx.executeQuery<Record<string, string>>(CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]))).rows;
  });
  // One column, "QUERY PLAN" (whatever the result plugins make of that name).
  const text = rows.map((r) => Object.values(r)[0]).join('\n');
  return {
    text,
    indexes: [...text.matchAll(/Index (?:Only )?Scan(?: Backward)? using (\w+)|Bitmap Index Scan on (\w+)/g)].map((m) => (m[1] ?? m[2]) as string),
    // A Sort node, not an Incremental Sort (which orders within groups the index already delivers in order).
    sortsAllRows: /^(?:\s*->)?\s*Sort {2}\(/m.test(text),
  };
}
