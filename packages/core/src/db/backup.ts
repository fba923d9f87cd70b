import { chmodSync, existsSync } from 'node:fs';
import { Invalid } from '../kernel/errors.js';
import SQLite from 'better-sqlite3';

/**
 * A consistent copy of a live SQLite database (SQLite's online backup API: safe while the server
 * runs and writes). PostgreSQL deployments use pg_dump instead; see docs/backups.md.
 */
export async function backupSqlite(source: string, destination: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Invalid(`No database at ${source}`);
  if (existsSync(destination)) throw new Invalid(`${destination} already exists; choose a new file name`);
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    const result = await db.backup(destination);
    // Backups hold investor data: readable by the owner only.
    chmodSync(destination, 0o600);
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}
