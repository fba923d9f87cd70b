import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { CoreContext } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { restoredValue, type TableShape, tableShapes } from './columns.js';
import { assertEmptyTarget, clearFirstStartRows } from './empty-target.js';
import { currentSchemaVersion } from './export-dump.js';
import { DUMP_FORMAT, DUMP_VERSION, type DumpHeader, type DumpSummary, type TableOpening } from './format.js';
import { DUMPED_TABLES } from './plan.js';

/** Bound by SQLite's 32,766 bound parameters per statement (PostgreSQL allows 65,535). */
const MAX_PARAMETERS = 30_000;
const MAX_BATCH_ROWS = 500;
/** Attachment bytes are flushed sooner, so a batch stays a few megabytes. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

const TABLES_SUFFIX = ',"tables":{';
const ROWS_SUFFIX = ',"rows":[';
const CLOSING_PREFIX = '],"count":';

class DumpReader {
  private lineNumber = 0;
  constructor(private readonly lines: AsyncIterator<string>) {}

  async next(): Promise<string | null> {
    const result = await this.lines.next();
    if (result.done) return null;
    this.lineNumber += 1;
    return result.value;
  }

  fail(message: string): never {
    throw new Invalid(`Line ${this.lineNumber} of the dump: ${message}. Nothing was imported.`);
  }

  parse<T>(text: string, what: string): T {
    try {
      return JSON.parse(text) as T;
    } catch {
      return this.fail(`${what} is not valid JSON (a damaged or truncated file, or one reformatted after export)`);
    }
  }
}

function checkHeader(reader: DumpReader, line: string | null, schemaVersion: string): DumpHeader {
  if (line === null) return reader.fail('the file is empty');
  if (!line.startsWith('{') || !line.endsWith(TABLES_SUFFIX)) {
    return reader.fail('this is not an LP Desk dump written by `lpdesk export json`');
  }
  const header = reader.parse<Partial<DumpHeader>>(`${line.slice(0, -TABLES_SUFFIX.length)}}`, 'the header');
  if (header.format !== DUMP_FORMAT) return reader.fail(`the format is ${JSON.stringify(header.format)}, not "${DUMP_FORMAT}"`);
  if (header.version !== DUMP_VERSION) return reader.fail(`dump format version ${String(header.version)} is not supported (this LP Desk reads version ${DUMP_VERSION})`);
  if (header.schemaVersion !== schemaVersion) {
    // Older dumps are not migrated here: restore into the LP Desk version that wrote it, upgrade that, export again.
    return reader.fail(
      `the dump is of schema ${String(header.schemaVersion)} and this database is at ${schemaVersion}; restore it with the LP Desk version that wrote it, upgrade that instance, and export again`,
    );
  }
  return header as DumpHeader;
}

function checkOpening(reader: DumpReader, table: string, opening: TableOpening, shape: TableShape | undefined, seen: Set<string>): TableShape {
  if (!shape) return reader.fail(`unknown table ${JSON.stringify(table)}`);
  if (seen.has(table)) return reader.fail(`table ${table} appears twice`);
  const expected = shape.columns.map((c) => c.name);
  if (!Array.isArray(opening.columns) || opening.columns.join(',') !== expected.join(',')) {
    return reader.fail(`table ${table} has columns ${JSON.stringify(opening.columns)}; this database has ${JSON.stringify(expected)}`);
  }
  return shape;
}

async function insertBatch(db: Db, shape: TableShape, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map((values) => Object.fromEntries(shape.columns.map((column, index) => [column.name, values[index]])));
  await db
    .withoutPlugins()
    .insertInto(shape.table as never)
    .values(records as never)
    .execute();
}

async function readTable(reader: DumpReader, db: Db, shape: TableShape): Promise<number> {
  const batchRows = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / shape.columns.length)));
  let batch: unknown[][] = [];
  let batchBytes = 0;
  let count = 0;
  for (;;) {
    const line = await reader.next();
    if (line === null) return reader.fail(`the file ends inside table ${shape.table} (truncated)`);
    if (line.startsWith(CLOSING_PREFIX)) {
      await insertBatch(db, shape, batch);
      const { count: declared } = reader.parse<{ count?: unknown }>(`{${line.slice(2)}`, `the end of table ${shape.table}`);
      if (declared !== count) return reader.fail(`table ${shape.table} declares ${String(declared)} rows but holds ${count}`);
      return count;
    }
    const values = reader.parse<unknown>(line.startsWith(',') ? line.slice(1) : line, `a row of ${shape.table}`);
    if (!Array.isArray(values) || values.length !== shape.columns.length) return reader.fail(`a row of ${shape.table} does not have ${shape.columns.length} values`);
    try {
      batch.push(shape.columns.map((column, index) => restoredValue(values[index], column.kind)));
    } catch (error) {
      return reader.fail(`a row of ${shape.table}: ${(error as Error).message}`);
    }
    count += 1;
    batchBytes += line.length;
    if (batch.length >= batchRows || batchBytes >= MAX_BATCH_BYTES) {
      await insertBatch(db, shape, batch);
      batch = [];
      batchBytes = 0;
    }
  }
}

/**
 * Serial columns continue after the restored ids (PostgreSQL keeps sequences apart from the rows).
 * Read from pg_catalog: information_schema hides column defaults from a role that does not own the table.
 */
async function resetSequences(db: Db): Promise<void> {
  const serials = await sql<{ table_name: string; column_name: string }>`
    SELECT c.relname AS table_name, a.attname AS column_name
    FROM pg_attrdef d
    JOIN pg_class c ON c.oid = d.adrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
    WHERE n.nspname = current_schema() AND pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%'`.execute(db.withoutPlugins());
  for (const { table_name: table, column_name: column } of serials.rows) {
    if (!DUMPED_TABLES.includes(table)) continue;
    await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}), COALESCE((SELECT MAX(${sql.ref(column)}) FROM ${sql.table(table)}), 0) + 1, false)`.execute(db);
  }
}

async function verifyCounts(db: Db, counts: Record<string, number>, staying: Record<string, number>): Promise<void> {
  for (const [table, dumped] of Object.entries(counts)) {
    const expected = dumped + (staying[table] ?? 0);
    const result = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(db);
    const actual = Number(result.rows[0]?.n ?? 0);
    if (actual !== expected) throw new Error(`After the import ${table} holds ${actual} rows, expected ${expected}; nothing was imported`);
  }
}

/**
 * Restores a dump written by writeDump into an empty database of the same schema, in one
 * transaction: any error (damaged file, wrong format, a non-empty target) leaves the database as it was.
 * Not written through the activity log: the restored log must be the source's, row for row.
 */
export async function restoreDump(core: CoreContext, source: Readable): Promise<DumpSummary> {
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  const reader = new DumpReader(lines[Symbol.asyncIterator]());
  try {
    return await core.db.transaction().execute(async (tx) => {
      const context = { ...core, db: tx };
      const schemaVersion = await currentSchemaVersion(context);
      checkHeader(reader, await reader.next(), schemaVersion);
      const staying = await assertEmptyTarget(context);
      await clearFirstStartRows(context);
      const shapes = await tableShapes(context, DUMPED_TABLES);
      const tables: Record<string, number> = {};
      const seen = new Set<string>();
      for (;;) {
        const line = await reader.next();
        if (line === null) return reader.fail('the file ends before the closing "}}" (truncated)');
        if (line === '}}') break;
        const body = line.startsWith(',') ? line.slice(1) : line;
        if (!body.endsWith(ROWS_SUFFIX)) return reader.fail('expected the start of a table');
        const section = reader.parse<Record<string, TableOpening>>(`{${body.slice(0, -ROWS_SUFFIX.length)}}}`, 'the start of a table');
        const [table, opening] = Object.entries(section)[0] ?? [];
        if (!table || !opening) return reader.fail('expected the start of a table');
        const shape = checkOpening(reader, table, opening, shapes.get(table), seen);
        seen.add(table);
        tables[table] = await readTable(reader, tx, shape);
      }
      const missing = DUMPED_TABLES.filter((table) => !seen.has(table));
      if (missing.length > 0) throw new Invalid(`The dump has no section for ${missing.join(', ')}; nothing was imported.`);
      if (core.dialect === 'postgres') await resetSequences(tx);
      await verifyCounts(tx, tables, staying);
      return { schemaVersion, tables };
    });
  } finally {
    lines.close();
  }
}
