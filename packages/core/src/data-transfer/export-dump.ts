import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { sql } from 'kysely';
import { MIGRATION_TABLE } from '../db/migrator.js';
import type { CoreContext } from '../kernel/context.js';
import { dumpValue, type TableShape, tableShapes } from './columns.js';
import { DUMP_DOCUMENTATION, DUMP_END, DUMP_FORMAT, DUMP_VERSION, type DumpSummary, headerLine, tableClosingLine, tableOpeningLine } from './format.js';
import { DUMPED_TABLES } from './plan.js';

/** Rows read per query; binary tables (attachment bytes) take fewer at a time. */
const PAGE_ROWS = 1000;
const BINARY_PAGE_ROWS = 20;

async function write(sink: Writable, text: string): Promise<void> {
  if (!sink.write(text)) await once(sink, 'drain');
}

/** The last migration the database recorded: what a restore must match. */
export async function currentSchemaVersion(core: CoreContext): Promise<string> {
  const rows = await core.db
    .withoutPlugins()
    .selectFrom(MIGRATION_TABLE as never)
    .select('name' as never)
    .execute();
  const names = (rows as { name: string }[]).map((row) => row.name).sort();
  const last = names.at(-1);
  if (!last) throw new Error('The database has no migrations applied');
  return last;
}

/** Text sorts by code point on both dialects (PostgreSQL's default collation follows the locale). */
function orderExpression(core: CoreContext, shape: TableShape, column: string) {
  const kind = shape.columns.find((c) => c.name === column)?.kind;
  return core.dialect === 'postgres' && kind === 'text' ? sql`${sql.ref(column)} COLLATE "C"` : sql.ref(column);
}

async function* pagesOf(core: CoreContext, shape: TableShape): AsyncGenerator<Record<string, unknown>[]> {
  const pageRows = shape.columns.some((c) => c.kind === 'binary') ? BINARY_PAGE_ROWS : PAGE_ROWS;
  const order = sql.join(shape.orderBy.map((column) => orderExpression(core, shape, column)));
  for (let offset = 0; ; offset += pageRows) {
    const result = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(shape.table)} ORDER BY ${order} LIMIT ${pageRows} OFFSET ${offset}`.execute(
      core.db.withoutPlugins(),
    );
    if (result.rows.length > 0) yield result.rows;
    if (result.rows.length < pageRows) return;
  }
}

/**
 * Writes the whole database (every table DUMP_PLAN keeps) to `sink` as one dump file and ends it.
 * Reads run in one transaction, so the dump is one consistent moment even while the server writes.
 */
export async function writeDump(core: CoreContext, sink: Writable): Promise<DumpSummary> {
  const run = async (reader: CoreContext): Promise<DumpSummary> => {
    const schemaVersion = await currentSchemaVersion(reader);
    const shapes = await tableShapes(reader, DUMPED_TABLES);
    await write(sink, headerLine({ format: DUMP_FORMAT, version: DUMP_VERSION, schemaVersion, exportedAt: reader.clock.now().toISOString(), documentation: DUMP_DOCUMENTATION }));
    const tables: Record<string, number> = {};
    let first = true;
    for (const table of DUMPED_TABLES) {
      const shape = shapes.get(table) as TableShape;
      const opening = { columns: shape.columns.map((c) => c.name), binary: shape.columns.filter((c) => c.kind === 'binary').map((c) => c.name) };
      await write(sink, tableOpeningLine(table, opening, first));
      first = false;
      let count = 0;
      for await (const page of pagesOf(reader, shape)) {
        let text = '';
        for (const row of page) {
          const values = shape.columns.map((column) => dumpValue(row[column.name], column.kind));
          text += `${count === 0 ? '' : ','}${JSON.stringify(values)}\n`;
          count += 1;
        }
        await write(sink, text);
      }
      await write(sink, tableClosingLine(count));
      tables[table] = count;
    }
    await write(sink, DUMP_END);
    return { schemaVersion, tables };
  };
  const finished = new Promise<void>((resolve, reject) => {
    sink.once('finish', resolve);
    sink.once('error', reject);
  });
  // A sink destroyed after a failure (the HTTP route does) must not become an unhandled rejection.
  finished.catch(() => undefined);
  // On SQLite the one connection is held for the read: a dump of a team's CRM takes well under a second.
  const transaction = core.dialect === 'postgres' ? core.db.transaction().setIsolationLevel('repeatable read') : core.db.transaction();
  const summary = await transaction.execute((tx) => run({ ...core, db: tx }));
  sink.end();
  await finished;
  return summary;
}
