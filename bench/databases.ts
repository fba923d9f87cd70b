import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseTarget } from '@lpdesk/core';
import pg from 'pg';

// Throwaway databases for the bench: SQLite in a temporary directory, or a fresh database on the
// PostgreSQL server at LPDESK_BENCH_PG_URL, dropped afterwards.
export type BenchDialect = 'sqlite' | 'postgres';

export interface BenchDatabase {
  dialect: BenchDialect;
  label: string;
  /** A fresh directory: the SQLite file (on SQLite) and the server's secret live there. */
  dataDir: string;
  /** For a Core opened directly (as the bench's own process does). */
  target: DatabaseTarget;
  /** The environment an LP Desk process needs to use this database, the way an operator sets it. */
  env: Record<string, string>;
  /** PostgreSQL: the database's name, to find its server processes. */
  databaseName: string | null;
  cleanup(): Promise<void>;
}

export const benchPgUrl = () => process.env.LPDESK_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Run `body` with a client on the bench's PostgreSQL server (its maintenance database). */
export async function withPgAdmin<T>(body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: benchPgUrl(), connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

let created = 0;
const live = new Set<BenchDatabase>();

/** Remove every bench database still there: the watchdog's way out must not leave them behind. */
export async function cleanupAllBenchDatabases(): Promise<void> {
  await Promise.allSettled([...live].map((database) => database.cleanup()));
}

function tracked(database: BenchDatabase): BenchDatabase {
  const cleanup = database.cleanup;
  const entry: BenchDatabase = {
    ...database,
    cleanup: async () => {
      live.delete(entry);
      await cleanup();
    },
  };
  live.add(entry);
  return entry;
}

/** `tag` keeps the names of databases made in one run apart (`lpdesk_bench_<pid>_<tag>`). */
export async function createBenchDatabase(dialect: BenchDialect, tag: string): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `lpdesk-bench-${tag}-`));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    const file = join(dataDir, 'lpdesk.sqlite');
    return tracked({
      dialect,
      label: 'SQLite',
      dataDir,
      target: { kind: 'sqlite', file },
      env: { LPDESK_DATA_DIR: dataDir },
      databaseName: null,
      cleanup: async () => removeDir(),
    });
  }
  created += 1;
  const name = `lpdesk_bench_${process.pid}_${tag.replace(/\W/g, '_')}_${created}`.toLowerCase();
  try {
    await withPgAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    removeDir();
    throw error;
  }
  const url = new URL(benchPgUrl());
  url.pathname = `/${name}`;
  return tracked({
    dialect,
    label: 'PostgreSQL',
    dataDir,
    target: { kind: 'postgres', url: url.toString() },
    env: { LPDESK_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    databaseName: name,
    cleanup: async () => {
      removeDir();
      await withPgAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  });
}

/** Whether a failure means "no PostgreSQL server to talk to" (a skipped row) rather than a broken bench. */
export const isUnreachable = (error: unknown) => /ECONNREFUSED|ENOTFOUND|timeout|connect/i.test(String((error as Error)?.message ?? error));
