import type pg from 'pg';

export type PgDriver = typeof pg;

/** BIGINT money columns come back from PostgreSQL as text; they are always within 2^53 by validation. */
export function parseSafeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`integer ${value} exceeds the safe range`);
  return parsed;
}

let loading: Promise<PgDriver> | undefined;

/**
 * node-postgres, loaded on first use: a server on SQLite never needs it, and loading it costs ~0.1 s
 * of start-up (it also pulls in Node's fetch stack). Every PostgreSQL connection is opened through this.
 */
export function loadPg(): Promise<PgDriver> {
  loading ??= import('pg').then(({ default: driver }) => {
    driver.types.setTypeParser(driver.types.builtins.INT8, parseSafeInteger);
    return driver;
  });
  return loading;
}
