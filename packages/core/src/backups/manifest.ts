import type { BackupKind } from '@lpdesk/contracts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { PRIVATE_FILE_MODE, withPrivateUmask } from '../db/file-modes.js';
import { Invalid } from '../kernel/errors.js';

/**
 * What a backup holds, written beside its payload as `<payload>.manifest.json`. Verify checks the payload
 * against it; restore previews from it. `files` lists stored files that live outside the database: none
 * today (email attachment bytes are in the email_blobs table), so a future file store adds itself here.
 */
export const MANIFEST_FORMAT = 'lpdesk-backup';
export const MANIFEST_VERSION = 1;

export const BackupManifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.literal(MANIFEST_VERSION),
  id: z.string(),
  kind: z.enum(['manual', 'scheduled', 'pre_restore']),
  dialect: z.enum(['sqlite', 'postgres']),
  /** The last migration applied in the copy. */
  schemaVersion: z.string(),
  createdAt: z.string(),
  payload: z.object({
    file: z.string(),
    bytes: z.int(),
    sha256: z.string(),
    /** `sqlite` (a database file) or `pg_dump-custom` (pg_dump --format=custom). */
    format: z.enum(['sqlite', 'pg_dump-custom']),
  }),
  encryption: z.object({ algorithm: z.literal('aes-256-gcm'), kdf: z.literal('hkdf-sha256'), keyFingerprint: z.string() }).nullable(),
  /** Rows per table in the copy (the backup bookkeeping tables excluded). */
  counts: z.record(z.string(), z.int()),
  files: z.array(z.object({ path: z.string(), bytes: z.int(), sha256: z.string() })),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export const manifestPathOf = (payload: string) => `${payload}.manifest.json`;

export function writeManifest(payload: string, manifest: BackupManifest): void {
  withPrivateUmask(() => writeFileSync(manifestPathOf(payload), `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' }));
}

/** Accepts the payload's path or the manifest's own. */
export function readManifest(path: string): { manifest: BackupManifest; payload: string; manifestPath: string } {
  const manifestPath = path.endsWith('.manifest.json') ? path : manifestPathOf(path);
  const payload = path.endsWith('.manifest.json') ? path.slice(0, -'.manifest.json'.length) : path;
  if (!existsSync(manifestPath)) throw new Invalid(`No backup manifest at ${manifestPath}: a backup is the payload file plus its .manifest.json beside it`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new Invalid(`${manifestPath} is not valid JSON (${(error as Error).message})`);
  }
  const parsed = BackupManifest.safeParse(raw);
  if (!parsed.success)
    throw new Invalid(`${manifestPath} is not an LP Desk backup manifest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { manifest: parsed.data, payload, manifestPath };
}

export type { BackupKind };
