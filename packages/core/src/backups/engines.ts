import { spawn } from 'node:child_process';
import SQLite from 'better-sqlite3';
import type { DatabaseTarget } from '../db/connect.js';
import { MIGRATION_TABLE } from '../db/migrator.js';
import { loadPg } from '../db/pg-driver.js';
import { Invalid } from '../kernel/errors.js';
import { backupSqlite } from '../db/backup.js';
import * as sqliteVec from 'sqlite-vec';

/**
 * The two ways a database is copied, checked and put back: SQLite through its online backup API (safe
 * while the server writes), PostgreSQL through pg_dump / pg_restore. Counts exclude the backup
 * bookkeeping tables, which a restore keeps as they are (the history must survive going back in time).
 */
export const BOOKKEEPING_TABLES = ['backups', 'backup_settings'];

export interface Snapshot {
  counts: Record<string, number>;
  schemaVersion: string;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export type BackupSource = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export function backupSourceOf(target: DatabaseTarget | undefined): BackupSource {
  if (!target) throw new Invalid('Backups are not available: this core was opened without a database target');
  if (target.kind === 'sqlite') return { kind: 'sqlite', file: target.file };
  if (target.kind === 'postgres') return { kind: 'postgres', url: target.ownerUrl ?? target.url };
  throw new Invalid('Backups are not available on the in-memory PGlite database (tests and demos); use SQLite or PostgreSQL');
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

// ---------- SQLite ----------

function sqliteSnapshot(db: SQLite.Database): Snapshot {
  // The retrieval vectors live in a sqlite-vec virtual table: counting it needs the extension loaded.
  sqliteVec.load(db);
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[])
    .map((row) => row.name)
    .filter((name) => !BOOKKEEPING_TABLES.includes(name));
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(table)}`).get() as { n: number }).n);
  const last = tables.includes(MIGRATION_TABLE) ? (db.prepare(`SELECT max(name) AS name FROM ${MIGRATION_TABLE}`).get() as { name: string | null }).name : null;
  return { counts, schemaVersion: last ?? 'none' };
}

export function snapshotSqliteFile(file: string): Snapshot {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return sqliteSnapshot(db);
  } finally {
    db.close();
  }
}

export async function dumpSqlite(source: string, destination: string): Promise<Snapshot> {
  await backupSqlite(source, destination);
  // The copy inherits the live database's WAL mode; as a rollback-journal file it stands alone, and opening
  // it later (verify) leaves no -wal/-shm files beside it. A restore puts the live file back in WAL mode.
  const copy = new SQLite(destination, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  // Counted on the copy: exactly what it holds, whatever the server wrote meanwhile.
  return snapshotSqliteFile(destination);
}

export function checkSqliteCopy(file: string, expected: Record<string, number>): Check[] {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return [{ name: 'open', ok: false, detail: `cannot open the copy: ${(error as Error).message}` }];
  }
  try {
    const integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((row) => row.integrity_check);
    const intact = integrity.length === 1 && integrity[0] === 'ok';
    const checks: Check[] = [{ name: 'integrity', ok: intact, detail: intact ? 'PRAGMA integrity_check: ok' : integrity.slice(0, 5).join('; ') }];
    if (!intact) return checks;
    checks.push(compareCounts(sqliteSnapshot(db).counts, expected));
    return checks;
  } catch (error) {
    return [{ name: 'open', ok: false, detail: `not a readable SQLite database: ${(error as Error).message}` }];
  } finally {
    db.close();
  }
}

/**
 * Copies the backup into the live database file with the online backup API, through a connection of its
 * own: SQLite locks the live file while pages are replaced, and the server's connection reads the restored
 * data on its next query (no restart, no file swapped under an open handle).
 */
export async function restoreSqlite(copy: string, live: string): Promise<void> {
  const source = new SQLite(copy, { readonly: true, fileMustExist: true });
  try {
    await source.backup(live, { progress: () => 1_000_000 });
  } finally {
    source.close();
  }
}

export function compareCounts(actual: Record<string, number>, expected: Record<string, number>): Check {
  const names = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
  const differing = names.filter((name) => actual[name] !== expected[name]);
  if (differing.length === 0) return { name: 'counts', ok: true, detail: `${names.length} tables, row counts match the manifest` };
  return {
    name: 'counts',
    ok: false,
    detail: `row counts differ from the manifest: ${differing
      .slice(0, 5)
      .map((name) => `${name} ${actual[name] ?? 'missing'} vs ${expected[name] ?? 'missing'}`)
      .join(', ')}`,
  };
}

// ---------- PostgreSQL ----------

/** pg_dump / pg_restore: LPDESK_PG_BIN names their directory when they are not on the PATH. */
function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const dir = process.env.LPDESK_PG_BIN;
  return dir ? `${dir.replace(/\/$/, '')}/${name}` : name;
}

/** The password travels in the environment, never on a command line other users can read. */
function pgConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => reject(new Invalid(`cannot run ${command}: ${error.message} (install the PostgreSQL client tools, or set LPDESK_PG_BIN)`)));
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} exited with ${code}: ${stderr.trim().slice(0, 2000)}`))));
  });
}

async function pgSnapshotOn(client: { query: (text: string) => Promise<{ rows: Record<string, unknown>[] }> }): Promise<Snapshot> {
  const tables = (
    await client.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).rows
    .map((row) => String(row.name))
    .filter((name) => !BOOKKEEPING_TABLES.includes(name));
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`)).rows[0]?.n ?? 0);
  const last = tables.includes(MIGRATION_TABLE)
    ? ((await client.query(`SELECT max(name) AS name FROM ${MIGRATION_TABLE}`)).rows[0]?.name as string | null)
    : null;
  return { counts, schemaVersion: last ?? 'none' };
}

export async function snapshotPostgres(url: string): Promise<Snapshot> {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await pgSnapshotOn(client);
  } finally {
    await client.end();
  }
}

/**
 * pg_dump --format=custom inside an exported snapshot: the counts in the manifest are read in the very
 * snapshot pg_dump copies, so they agree exactly even while the server keeps writing.
 */
export async function dumpPostgres(url: string, destination: string): Promise<Snapshot> {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshotId = String((await client.query('SELECT pg_export_snapshot() AS id')).rows[0]?.id);
    const snapshot = await pgSnapshotOn(client);
    const { dbname, env } = pgConnection(url);
    await run(pgTool('pg_dump'), ['--format=custom', `--snapshot=${snapshotId}`, `--file=${destination}`, `--dbname=${dbname}`], env);
    await client.query('COMMIT');
    return snapshot;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Without restoring: pg_restore reads the archive's table of contents, which must list the data of every table the manifest counts. */
export async function checkPostgresArchive(file: string, expected: Record<string, number>): Promise<Check[]> {
  let listing: string;
  try {
    listing = await run(pgTool('pg_restore'), ['--list', file], process.env);
  } catch (error) {
    return [{ name: 'archive', ok: false, detail: `pg_restore cannot read the archive: ${(error as Error).message}` }];
  }
  const withData = new Set([...listing.matchAll(/TABLE DATA \S+ (\S+) /g)].map((match) => match[1] as string));
  const missing = Object.keys(expected).filter((table) => !withData.has(table));
  return [
    { name: 'archive', ok: true, detail: `pg_restore --list: ${withData.size} tables with data` },
    {
      name: 'tables',
      ok: missing.length === 0,
      detail:
        missing.length === 0
          ? `every table of the manifest is in the archive (row counts are checked by a restore)`
          : `tables missing from the archive: ${missing.join(', ')}`,
    },
  ];
}

/** pg_restore --clean --if-exists in one transaction: it replaces everything or, on any error, nothing. */
export async function restorePostgres(file: string, url: string): Promise<void> {
  const { dbname, env } = pgConnection(url);
  await run(pgTool('pg_restore'), ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, file], env);
}
