import type { BackupPreview, BackupRestoreResult, BackupVerifyResult, BackupView } from '@lpdesk/contracts';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../kernel/actor.js';
import { splitIntoChunks } from '../kernel/chunks.js';
import type { CoreContext } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { write } from '../kernel/write.js';
import { createBackup, liveSnapshot, locate, sourceOf } from './commands.js';
import { BackupKeyProblem, decryptFile, digestFile, isEncryptedFile, keyFingerprint } from './crypto.js';
import { type Check, checkPostgresArchive, checkSqliteCopy, restorePostgres, restoreSqlite } from './engines.js';
import { type BackupManifest, readManifest } from './manifest.js';
import { presentBackup } from './presenter.js';

// Verify, preview and restore: everything that reads a backup back.

interface Opened {
  manifest: BackupManifest;
  checks: Check[];
  /** The decrypted (or original) payload, ready to restore; removed by cleanup(). */
  plain: string | null;
  cleanup(): void;
}

/**
 * Checks a backup step by step, stopping at the first failure: manifest, sha256 of the payload as stored
 * (a flipped byte shows here), decryption (the GCM tag), then the copy itself (SQLite: opened read-only,
 * PRAGMA integrity_check and row counts against the manifest; PostgreSQL: pg_restore --list).
 */
async function openBackup(core: CoreContext, payload: string): Promise<Opened> {
  const { manifest } = readManifest(payload);
  const checks: Check[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'lpdesk-verify-'));
  const cleanup = () => rmSync(scratch, { recursive: true, force: true });
  const done = (plain: string | null): Opened => ({ manifest, checks, plain, cleanup });
  try {
    checks.push({
      name: 'manifest',
      ok: true,
      detail: `${manifest.kind} backup of ${manifest.dialect} at ${manifest.createdAt}, schema ${manifest.schemaVersion}`,
    });
    if (!existsSync(payload)) {
      checks.push({ name: 'sha256', ok: false, detail: `the payload ${payload} is missing` });
      return done(null);
    }
    const digest = await digestFile(payload);
    const intact = digest.sha256 === manifest.payload.sha256 && digest.bytes === manifest.payload.bytes;
    checks.push({
      name: 'sha256',
      ok: intact,
      detail: intact
        ? `sha256 ${digest.sha256.slice(0, 16)}…, ${digest.bytes} bytes`
        : `the payload does not match its manifest (sha256 ${digest.sha256.slice(0, 16)}… vs ${manifest.payload.sha256.slice(0, 16)}…, ${digest.bytes} vs ${manifest.payload.bytes} bytes): the file is corrupted`,
    });
    if (!intact) return done(null);
    let plain = payload;
    if (manifest.encryption) {
      const key = core.settings.backups?.key;
      if (!key) throw new BackupKeyProblem('This backup is encrypted: set LPDESK_BACKUP_KEY to the key it was made with to verify or restore it');
      if (keyFingerprint(key) !== manifest.encryption.keyFingerprint)
        throw new BackupKeyProblem('This backup was encrypted with a different key than LPDESK_BACKUP_KEY: set the key it was made with');
      plain = join(scratch, 'plain');
      await decryptFile(key, payload, plain);
      checks.push({ name: 'decrypt', ok: true, detail: 'AES-256-GCM: decrypted and authenticated' });
    } else if (isEncryptedFile(payload)) {
      checks.push({ name: 'decrypt', ok: false, detail: 'the payload is encrypted but its manifest says it is not' });
      return done(null);
    }
    checks.push(...(manifest.dialect === 'sqlite' ? checkSqliteCopy(plain, manifest.counts) : await checkPostgresArchive(plain, manifest.counts)));
    return done(plain);
  } catch (error) {
    cleanup();
    throw error;
  }
}

const allOk = (checks: Check[]) => checks.every((check) => check.ok);

export async function verifyBackup(core: CoreContext, actor: Actor, reference: string): Promise<BackupVerifyResult> {
  const { row, payload } = await locate(core, reference);
  const opened = await openBackup(core, payload);
  opened.cleanup();
  const ok = allOk(opened.checks);
  let backup: BackupView | null = row ? presentBackup(row) : null;
  if (row) {
    const failed = opened.checks.find((check) => !check.ok);
    const changes = {
      status: ok ? 'ok' : 'corrupt',
      verifiedAt: core.clock.now().toISOString(),
      error: failed ? `${failed.name}: ${failed.detail}`.slice(0, 2000) : null,
    };
    await write(core, actor, async (scope) => {
      await scope.tx.updateTable('backups').set(changes).where('id', '=', row.id).execute();
      await scope.log({
        action: ok ? 'backup.verified' : 'backup.verify_failed',
        entityType: 'backup',
        entityId: row.id,
        diff: { checks: opened.checks.map((check) => `${check.ok ? 'ok' : 'FAILED'} ${check.name}`) },
      });
    });
    backup = presentBackup({ ...row, ...changes });
  }
  return { ok, checks: opened.checks, backup };
}

function previewTables(now: Record<string, number>, backup: Record<string, number>): BackupPreview['tables'] {
  return [...new Set([...Object.keys(now), ...Object.keys(backup)])].sort().map((table) => ({ table, now: now[table] ?? 0, backup: backup[table] ?? 0 }));
}

function manifestAsView(manifest: BackupManifest, payload: string): BackupView {
  return {
    id: manifest.id,
    kind: manifest.kind,
    dialect: manifest.dialect,
    file: payload,
    bytes: manifest.payload.bytes,
    sha256: manifest.payload.sha256,
    encrypted: manifest.encryption !== null,
    status: 'ok',
    schemaVersion: manifest.schemaVersion,
    verifiedAt: null,
    error: null,
    counts: manifest.counts,
    durationMs: null,
    createdAt: manifest.createdAt,
    createdBy: null,
  };
}

/** What a restore would change: rows per table now and in the backup (from its manifest; nothing is decrypted). */
export async function previewRestore(core: CoreContext, reference: string): Promise<BackupPreview> {
  const { row, payload } = await locate(core, reference);
  const { manifest } = readManifest(payload);
  const now = await liveSnapshot(core);
  return {
    backup: row ? presentBackup(row) : manifestAsView(manifest, payload),
    sameSchema: now.schemaVersion === manifest.schemaVersion,
    tables: previewTables(now.counts, manifest.counts),
  };
}

/**
 * Replaces all data with the backup's. It must verify and be of this schema version; a pre-restore backup
 * is taken first (so a mistaken restore can itself be undone); the backup history and settings are kept
 * as they are now; the restore is logged after the replacement, so the log shows who did it.
 */
export async function restoreBackup(core: CoreContext, actor: Actor, reference: string): Promise<BackupRestoreResult> {
  const source = sourceOf(core);
  const { row, payload } = await locate(core, reference);
  const opened = await openBackup(core, payload);
  try {
    const failed = opened.checks.find((check) => !check.ok);
    if (failed || !opened.plain)
      throw new Invalid(`The backup did not verify (${failed ? `${failed.name}: ${failed.detail}` : 'no payload'}); nothing was restored`);
    const { manifest } = opened;
    if (manifest.dialect !== source.kind)
      throw new Invalid(
        `This is a ${manifest.dialect} backup and the database is ${source.kind}: move data between them with lpdesk export json / import json`,
      );
    const before = await liveSnapshot(core);
    if (before.schemaVersion !== manifest.schemaVersion) {
      throw new Invalid(
        `The backup is of schema ${manifest.schemaVersion} and the database is at ${before.schemaVersion}: restore it with the LP Desk version that made it, then upgrade`,
      );
    }
    const preRestore = await createBackup(core, actor, 'pre_restore');
    const history = await core.db.selectFrom('backups').selectAll().execute();
    const settings = await core.db.selectFrom('backupSettings').selectAll().execute();
    if (source.kind === 'sqlite') await restoreSqlite(opened.plain, source.file);
    else await restorePostgres(opened.plain, source.url);
    const after = await liveSnapshot(core);
    await write(core, actor, async (scope) => {
      await scope.tx.deleteFrom('backups').execute();
      // 16 columns a row: chunks stay far below SQLite's 32,766 parameters, however long the history.
      for (const chunk of splitIntoChunks(history, 500)) await scope.tx.insertInto('backups').values(chunk).execute();
      await scope.tx.deleteFrom('backupSettings').execute();
      if (settings.length > 0) await scope.tx.insertInto('backupSettings').values(settings).execute();
      await scope.log({
        action: 'backup.restored',
        entityType: 'backup',
        entityId: row?.id ?? manifest.id,
        diff: {
          file: payload,
          backupCreatedAt: manifest.createdAt,
          preRestoreBackupId: preRestore.id,
          rows: { before: total(before.counts), after: total(after.counts) },
        },
      });
    });
    const tables = [...new Set([...Object.keys(before.counts), ...Object.keys(after.counts)])]
      .sort()
      .map((table) => ({ table, before: before.counts[table] ?? 0, after: after.counts[table] ?? 0 }));
    return { restored: row ? presentBackup(row) : manifestAsView(manifest, payload), preRestore, tables };
  } finally {
    opened.cleanup();
  }
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
