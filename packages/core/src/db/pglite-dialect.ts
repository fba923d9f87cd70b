import type { PGlite } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import { setRoleStatement } from './app-role.js';

/**
 * Kysely dialect over PGlite (in-process PostgreSQL), so `npm test` exercises the PostgreSQL
 * dialect on a machine with no PostgreSQL server. PGlite has one connection: a mutex serialises
 * Kysely's connection use so a transaction owns it until commit or rollback.
 */
export interface PGliteDialectOptions {
  /** Role to SET before each use (the application's), or null for the session user (migrations). */
  role?: string | null;
  /** Close the PGlite instance when this Kysely is destroyed (false for a second Kysely over it). */
  closesInstance?: boolean;
}

/** PGlite has one session, possibly shared by several Kysely instances: one queue and one current role each. */
interface SharedSession {
  queue: Promise<void>;
  role: string | null;
}

const sessions = new WeakMap<PGlite, SharedSession>();

function sessionOf(pglite: PGlite): SharedSession {
  let session = sessions.get(pglite);
  if (!session) {
    session = { queue: Promise.resolve(), role: null };
    sessions.set(pglite, session);
  }
  return session;
}

export class PGliteDialect implements Dialect {
  constructor(
    private readonly pglite: PGlite,
    private readonly options: PGliteDialectOptions = {},
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.options.role ?? null, this.options.closesInstance ?? true);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  /* biome-ignore lint/suspicious/noExplicitAny: the Dialect interface takes an untyped Kysely */
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}

class PGliteDriver implements Driver {
  private release: (() => void) | undefined;
  private readonly session: SharedSession;

  constructor(
    private readonly pglite: PGlite,
    private readonly role: string | null,
    private readonly closesInstance: boolean,
  ) {
    this.session = sessionOf(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.session.queue;
    let release!: () => void;
    this.session.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.release = release;
    if (this.session.role !== this.role) {
      try {
        await this.pglite.query(this.role ? setRoleStatement(this.role) : 'RESET ROLE');
      } catch (error) {
        this.releaseNow();
        throw error;
      }
      this.session.role = this.role;
    }
    return new PGliteConnection(this.pglite);
  }

  private releaseNow() {
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: 'begin', parameters: [] } as unknown as CompiledQuery);
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: 'commit', parameters: [] } as unknown as CompiledQuery);
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: 'rollback', parameters: [] } as unknown as CompiledQuery);
  }

  async releaseConnection(): Promise<void> {
    this.releaseNow();
  }

  async destroy(): Promise<void> {
    if (this.closesInstance) await this.pglite.close();
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  // biome-ignore lint/correctness/useYield: streaming is not supported by PGlite; Kysely never streams here
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect does not support streaming');
  }
}
