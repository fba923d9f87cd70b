import SQLite from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool, SqliteDialect } from 'kysely';
import type pg from 'pg';
import { setRoleStatement } from './app-role.js';
import { restrictFileToOwner, withPrivateUmask } from './file-modes.js';
import type { Dialect } from './migration-context.js';
import { APP_ROLE } from './migrations/0004_protect_activity_log.js';
import { type Listen, pgListen, pgliteListen } from './notifications.js';
import { loadPg, type PgDriver, parseSafeInteger } from './pg-driver.js';
import type { Database } from './schema.js';
import { withStatementCache } from './sqlite-statement-cache.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  /** The application's connection. On PostgreSQL it runs as the app role, which owns no table. */
  db: Db;
  dialect: Dialect;
  /** A description safe to log (no password). */
  describe: string;
  /**
   * Run `body` on a connection that owns the schema, for migrations: on PostgreSQL without the app
   * role (and through the migration URL when one is set); elsewhere the same connection.
   */
  withOwner<T>(body: (db: Db) => Promise<T>): Promise<T>;
  /** Only a PostgreSQL server is shared by several processes; SQLite and PGlite have one owner each. */
  shared: boolean;
  /** PostgreSQL LISTEN, where the database has it. */
  listen?: Listen;
  close(): Promise<void>;
}

/**
 * `appRole`: the role the application's queries assume with SET ROLE on every new connection
 * (default `lpdesk_app`, created by migration 0004); `null` to use the login role as it is.
 * `ownerUrl`: where migrations connect, when the application's login does not own the schema.
 */
export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; appRole?: string | null; ownerUrl?: string }
  | { kind: 'pglite'; dataDir?: string; appRole?: string | null };

export const DEFAULT_APP_ROLE = APP_ROLE;

const plugins = () => [new CamelCasePlugin()];

/**
 * Startup parameters of every PostgreSQL connection. JIT compilation pays off for long analytical
 * queries; LP Desk's are short and indexed, and a list search once spent 272 of 340 ms compiling.
 */
const SESSION_OPTIONS = '-c jit=off';

/**
 * The pool the application's Kysely draws from: each new connection first switches to the app role.
 * If that fails the connection is destroyed and the query refused — never left running as the owner.
 */
function poolAssumingRole(pool: pg.Pool, role: string): PostgresPool {
  const switched = new WeakSet<pg.PoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      if (switched.has(client)) return client;
      try {
        await client.query(setRoleStatement(role));
      } catch (error) {
        client.release(error as Error);
        throw new Error(
          `Cannot switch to the PostgreSQL role "${role}" (${(error as Error).message}). Apply the migrations with a role that owns the ` +
            `database (lpdesk migrate up), make this login a member of "${role}", or set LPDESK_DATABASE_ROLE (see docs/postgresql.md).`,
          { cause: error },
        );
      }
      switched.add(client);
      return client;
    },
    end: () => pool.end(),
  };
}

function describeUrl(raw: string): string {
  const url = new URL(raw);
  url.password = url.password ? '***' : '';
  return url.toString();
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'sqlite') return openSqlite(target.file);
  if (target.kind === 'postgres') return openPostgres(target, await loadPg());
  return openPglite(target);
}

function openSqlite(file: string): DatabaseHandle {
  // The database holds investor data: created readable by the owner only. SQLite gives the -wal and
  // -shm files the main file's mode; the chmod also tightens files an older version created.
  const sqlite = withPrivateUmask(() => {
    const connection = new SQLite(file);
    connection.pragma('journal_mode = WAL');
    return connection;
  });
  for (const suffix of ['', '-wal', '-shm']) restrictFileToOwner(`${file}${suffix}`);
  // sqlite-vec: the vec0 table of retrieval vectors (core/retrieval) is readable only with it loaded.
  sqliteVec.load(sqlite);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // SQLite's advice for long-lived connections: re-analyze tables that grew or shrank a lot since
  // their statistics were taken (an import, a seed), so the planner keeps choosing the list indexes.
  // Cheap when nothing changed; the daily maintenance job repeats it.
  sqlite.pragma('optimize=0x10002');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: plugins() });
  return { db, dialect: 'sqlite', describe: `sqlite:${file}`, shared: false, withOwner: (body) => body(db), close: () => db.destroy() };
}

/**
 * An idle pooled connection that the server ends (a restart, a failover, an administrator's terminate)
 * makes the pool emit 'error'; unheard, that kills the process. The pool has already dropped the
 * client, and the next query opens a fresh connection, so there is nothing else to do.
 */
function survivingDroppedConnections(pool: pg.Pool): pg.Pool {
  pool.on('error', () => {});
  return pool;
}

function openPostgres(target: Extract<DatabaseTarget, { kind: 'postgres' }>, pg: PgDriver): DatabaseHandle {
  const role = target.appRole === undefined ? DEFAULT_APP_ROLE : target.appRole;
  const pool = survivingDroppedConnections(new pg.Pool({ connectionString: target.url, max: 10, options: SESSION_OPTIONS }));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: role ? poolAssumingRole(pool, role) : pool }), plugins: plugins() });
  const withOwner = async <T>(body: (db: Db) => Promise<T>): Promise<T> => {
    if (!role && !target.ownerUrl) return body(db);
    const ownerPool = survivingDroppedConnections(new pg.Pool({ connectionString: target.ownerUrl ?? target.url, max: 2, options: SESSION_OPTIONS }));
    const owner = new Kysely<Database>({ dialect: new PostgresDialect({ pool: ownerPool }), plugins: plugins() });
    try {
      return await body(owner);
    } finally {
      await owner.destroy();
    }
  };
  return { db, dialect: 'postgres', describe: describeUrl(target.url), shared: true, listen: pgListen(target.url), withOwner, close: () => db.destroy() };
}

async function openPglite(target: Extract<DatabaseTarget, { kind: 'pglite' }>): Promise<DatabaseHandle> {
  // PGlite is a dev dependency for tests; load it lazily so production installs need not carry it.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('./pglite-dialect.js');
  // Search needs trigram indexes (migration 0006); PGlite ships pg_trgm as a loadable extension.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  // pgvector, as a PostgreSQL server with the extension installed has it (migration 0027, retrieval/pgvector.ts).
  const { vector } = await import('@electric-sql/pglite-pgvector');
  // In memory spelled out: PGlite loads no extensions when it is given no data directory at all.
  const pglite = new PGlite(target.dataDir ?? 'memory://', { parsers: { 20: parseSafeInteger }, extensions: { pg_trgm, vector } });
  await pglite.waitReady;
  const role = target.appRole === undefined ? DEFAULT_APP_ROLE : target.appRole;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, { role, closesInstance: true }), plugins: plugins() });
  const withOwner = async <T>(body: (db: Db) => Promise<T>): Promise<T> => {
    if (!role) return body(db);
    // One PGlite session is shared: the owner's Kysely takes turns with the application's and resets the role.
    const owner = new Kysely<Database>({ dialect: new PGliteDialect(pglite, { role: null, closesInstance: false }), plugins: plugins() });
    try {
      return await body(owner);
    } finally {
      await owner.destroy();
    }
  };
  return { db, dialect: 'postgres', describe: 'pglite', shared: false, listen: pgliteListen(pglite, db), withOwner, close: () => db.destroy() };
}
