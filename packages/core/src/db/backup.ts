import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Invalid } from '../kernel/errors.js';
import { ensurePrivateDirectory, PRIVATE_FILE_MODE, restrictFileToOwner, withPrivateUmask } from './file-modes.js';

/**
 * A consistent copy of a live SQLite database (SQLite's online backup API: safe while the server
 * runs and writes). PostgreSQL deployments use pg_dump instead; see docs/backups.md.
 */
export async function backupSqlite(source: string, destination: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Invalid(`No database at ${source}`);
  if (existsSync(destination)) throw new Invalid(`${destination} already exists; choose a new file name`);
  // Backups hold investor data: the file is created owner-only before SQLite writes a page into it
  // (an empty file is an empty database to SQLite), and its journal takes the same mode.
  const folder = dirname(destination);
  if (!existsSync(folder)) ensurePrivateDirectory(folder);
  try {
    closeSync(withPrivateUmask(() => openSync(destination, 'wx', PRIVATE_FILE_MODE)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Invalid(`${destination} already exists; choose a new file name`);
    throw error;
  }
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    const result = await db.backup(destination);
    restrictFileToOwner(destination);
    return { pages: result.totalPages };
  } catch (error) {
    rmSync(destination, { force: true });
    throw error;
  } finally {
    db.close();
  }
}
