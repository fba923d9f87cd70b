import { sql } from 'kysely';
import type { CoreContext } from '../kernel/context.js';

/** How a column's values are written in a dump, whatever the dialect stored them as. */
export type ValueKind = 'integer' | 'real' | 'text' | 'binary';

export interface DumpColumn {
  name: string;
  kind: ValueKind;
}

export interface TableShape {
  table: string;
  /** Sorted by name, so a SQLite and a PostgreSQL database of the same schema list them alike. */
  columns: DumpColumn[];
  /** The primary key (or every non-binary column when there is none): the dump's row order. */
  orderBy: string[];
}

function kindOf(dataType: string): ValueKind {
  const type = dataType.toLowerCase();
  if (type.includes('blob') || type.includes('bytea')) return 'binary';
  if (type.includes('int') || type === 'bigserial' || type === 'serial') return 'integer';
  if (type.includes('real') || type.includes('float') || type.includes('double') || type.includes('numeric')) return 'real';
  return 'text';
}

async function primaryKeyOf(core: CoreContext, table: string): Promise<string[]> {
  if (core.dialect === 'sqlite') {
    const result = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}) WHERE pk > 0 ORDER BY pk`.execute(core.db);
    return result.rows.map((row) => row.name);
  }
  const result = await sql<{ name: string }>`
    SELECT a.attname AS name
    FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = ${table}::regclass AND i.indisprimary
    ORDER BY array_position(i.indkey, a.attnum)`.execute(core.db);
  return result.rows.map((row) => row.name);
}

/** The live shape of each named table (names as the database spells them). */
export async function tableShapes(core: CoreContext, tables: readonly string[]): Promise<Map<string, TableShape>> {
  const metadata = await core.db.introspection.getTables();
  const byName = new Map(metadata.map((table) => [table.name, table]));
  const shapes = new Map<string, TableShape>();
  for (const table of tables) {
    const found = byName.get(table);
    if (!found) throw new Error(`The database has no table ${table}: is it migrated?`);
    const columns = found.columns
      .map((column) => ({ name: column.name, kind: kindOf(column.dataType) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const key = await primaryKeyOf(core, table);
    shapes.set(table, { table, columns, orderBy: key.length > 0 ? key : columns.filter((c) => c.kind !== 'binary').map((c) => c.name) });
  }
  return shapes;
}

/** Every table the database has, for the coverage check. */
export async function databaseTables(core: CoreContext): Promise<string[]> {
  return (await core.db.introspection.getTables()).map((table) => table.name);
}

/** A stored value as the dump writes it: the same JSON for the same data on SQLite and PostgreSQL. */
export function dumpValue(value: unknown, kind: ValueKind): string | number | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'integer': {
      const number = Number(value);
      if (!Number.isSafeInteger(number)) throw new Error(`integer ${String(value)} is outside the safe range`);
      return number;
    }
    case 'real':
      return Number(value);
    case 'binary':
      return Buffer.from(value as Uint8Array).toString('base64');
    default:
      return String(value);
  }
}

/** A dumped value as the database takes it back. */
export function restoredValue(value: unknown, kind: ValueKind): unknown {
  if (value === null) return null;
  if (kind === 'binary') {
    if (typeof value !== 'string') throw new Error('a binary value must be a base64 string');
    return Buffer.from(value, 'base64');
  }
  if ((kind === 'integer' || kind === 'real') && typeof value !== 'number') throw new Error(`expected a number, found ${JSON.stringify(value)}`);
  if (kind === 'text' && typeof value !== 'string') throw new Error(`expected a string, found ${JSON.stringify(value)}`);
  return value;
}
