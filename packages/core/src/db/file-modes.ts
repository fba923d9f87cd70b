import { chmodSync, existsSync, mkdirSync } from 'node:fs';

/**
 * Investor data at rest is readable by the server's user only: the data directory is 0700 and the
 * database, its WAL and shared-memory files, the secret and backups are 0600, whatever the umask.
 */
export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Run synchronous work that creates files with a umask that leaves group and others nothing, so a
 * file is never briefly world-readable. Worker threads cannot change the umask; there the chmod
 * that callers do afterwards is what counts.
 */
export function withPrivateUmask<T>(body: () => T): T {
  let previous: number | undefined;
  try {
    previous = process.umask(0o077);
  } catch {
    previous = undefined;
  }
  try {
    return body();
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
}

export function restrictFileToOwner(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}

/** Create the directory (and missing parents) owner-only, and tighten it if it already existed. */
export function ensurePrivateDirectory(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  chmodSync(path, PRIVATE_DIRECTORY_MODE);
}
