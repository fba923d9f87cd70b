import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Dialect } from './migration-context.js';
import { type Listen, pgListen, pgliteListen } from './notifications.js';
import type { Database } from './schema.js';
import { withStatementCache } from './sqlite-statement-cache.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** A description safe to log (no password). */
  describe: string;
  /** Only a PostgreSQL server is shared by several processes; SQLite and PGlite have one owner each. */
  shared: boolean;
  /** PostgreSQL LISTEN, where the database has it. */
  listen?: Listen;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir?: string };

/** BIGINT money columns come back from PostgreSQL as text; they are always within 2^53 by validation. */
function parseSafeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`integer ${value} exceeds the safe range`);
  return parsed;
}
pg.types.setTypeParser(pg.types.builtins.INT8, parseSafeInteger);

const plugins = () => [new CamelCasePlugin()];

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'sqlite') {
    const sqlite = new SQLite(target.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: plugins() });
    return { db, dialect: 'sqlite', describe: `sqlite:${target.file}`, shared: false, close: () => db.destroy() };
  }
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: plugins() });
    const url = new URL(target.url);
    url.password = url.password ? '***' : '';
    return { db, dialect: 'postgres', describe: url.toString(), shared: true, listen: pgListen(target.url), close: () => db.destroy() };
  }
  // PGlite is a dev dependency for tests; load it lazily so production installs need not carry it.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('./pglite-dialect.js');
  const pglite = new PGlite(target.dataDir, { parsers: { 20: parseSafeInteger } });
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), plugins: plugins() });
  return { db, dialect: 'postgres', describe: 'pglite', shared: false, listen: pgliteListen(pglite, db), close: () => db.destroy() };
}
