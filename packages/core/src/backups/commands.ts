import type { BackupKind, BackupPreview, BackupRestoreResult, BackupVerifyResult, BackupView } from '@lpdesk/contracts';
import { constants, copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Row } from '../db/schema.js';
import { ensurePrivateDirectory, restrictFileToOwner } from '../db/file-modes.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Invalid, NotFound } from '../kernel/errors.js';
import { splitIntoChunks } from '../kernel/chunks.js';
import { newId } from '../kernel/ids.js';
import { write } from '../kernel/write.js';
import { BackupKeyProblem, decryptFile, digestFile, encryptFile, isEncryptedFile, keyFingerprint } from './crypto.js';
import {
  type BackupSource,
  backupSourceOf,
  type Check,
  checkPostgresArchive,
  checkSqliteCopy,
  dumpPostgres,
  dumpSqlite,
  restorePostgres,
  restoreSqlite,
  type Snapshot,
  snapshotPostgres,
  snapshotSqliteFile,
} from './engines.js';
import { type BackupManifest, MANIFEST_FORMAT, MANIFEST_VERSION, manifestPathOf, readManifest, writeManifest } from './manifest.js';
import { presentBackup } from './presenter.js';
import { decideRetention } from './retention.js';
import { effectiveDirectory, loadBackupSettings } from './settings.js';

function sourceOf(core: CoreContext): BackupSource {
  return backupSourceOf(core.settings.database);
}

/** Rows per table and the schema version of the live database. */
export async function liveSnapshot(core: CoreContext): Promise<Snapshot> {
  const source = sourceOf(core);
  return source.kind === 'sqlite' ? snapshotSqliteFile(source.file) : snapshotPostgres(source.url);
}

const stampOf = (iso: string) => iso.replace(/[:.]/g, '-');

/**
 * A consistent copy of the whole database with its manifest, encrypted when a key is configured, and a
 * row in `backups`. A failure leaves no partial file and is recorded as a failed backup, then thrown.
 */
export async function createBackup(core: CoreContext, actor: Actor, kind: BackupKind): Promise<BackupView> {
  const source = sourceOf(core);
  const settings = await loadBackupSettings(core);
  const directory = effectiveDirectory(core, settings);
  if (!directory) throw new Invalid('No backup directory is configured (LPDESK_BACKUP_DIR or the backup settings)');
  const id = newId();
  const createdAt = core.clock.now().toISOString();
  const started = Date.now();
  const key = core.settings.backups?.key;
  const extension = source.kind === 'sqlite' ? 'sqlite' : 'pgdump';
  const payload = join(directory, `lpdesk-${stampOf(createdAt)}-${kind}-${id.slice(-8)}.${extension}${key ? '.enc' : ''}`);
  const scratch = mkdtempSync(join(tmpdir(), 'lpdesk-backup-'));
  try {
    ensurePrivateDirectory(directory);
    const plain = join(scratch, `copy.${extension}`);
    const snapshot = source.kind === 'sqlite' ? await dumpSqlite(source.file, plain) : await dumpPostgres(source.url, plain);
    if (key) await encryptFile(key, plain, payload);
    else moveFile(plain, payload);
    // pg_dump writes with the process umask; the scratch directory was private, the backup must stay so.
    restrictFileToOwner(payload);
    const digest = await digestFile(payload);
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      formatVersion: MANIFEST_VERSION,
      id,
      kind,
      dialect: source.kind,
      schemaVersion: snapshot.schemaVersion,
      createdAt,
      payload: { file: basename(payload), bytes: digest.bytes, sha256: digest.sha256, format: source.kind === 'sqlite' ? 'sqlite' : 'pg_dump-custom' },
      encryption: key ? { algorithm: 'aes-256-gcm', kdf: 'hkdf-sha256', keyFingerprint: keyFingerprint(key) } : null,
      counts: snapshot.counts,
      files: [],
    };
    writeManifest(payload, manifest);
    const row: Row<'backups'> = {
      id,
      kind,
      dialect: source.kind,
      file: payload,
      bytes: digest.bytes,
      sha256: digest.sha256,
      encrypted: key ? 1 : 0,
      status: 'ok',
      schemaVersion: snapshot.schemaVersion,
      verifiedAt: null,
      error: null,
      countsJson: JSON.stringify(snapshot.counts),
      durationMs: Date.now() - started,
      createdAt,
      createdBy: actor.userId,
    };
    await recordBackup(core, actor, row);
    return presentBackup(row);
  } catch (error) {
    rmSync(payload, { force: true });
    rmSync(manifestPathOf(payload), { force: true });
    const message = (error as Error).message;
    await recordBackup(core, actor, {
      id,
      kind,
      dialect: source.kind,
      file: null,
      bytes: null,
      sha256: null,
      encrypted: key ? 1 : 0,
      status: 'failed',
      schemaVersion: 'unknown',
      verifiedAt: null,
      error: message.slice(0, 2000),
      countsJson: '{}',
      durationMs: Date.now() - started,
      createdAt,
      createdBy: actor.userId,
    }).catch(() => undefined);
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A rename, or a copy where the scratch directory is on another file system. */
function moveFile(from: string, to: string): void {
  if (existsSync(to)) throw new Invalid(`${to} already exists`);
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(from, to, constants.COPYFILE_EXCL);
    rmSync(from, { force: true });
  }
}

async function recordBackup(core: CoreContext, actor: Actor, row: Row<'backups'>): Promise<void> {
  await write(core, actor, async (scope) => {
    await scope.tx.insertInto('backups').values(row).execute();
    await scope.log({
      action: row.status === 'failed' ? 'backup.failed' : 'backup.created',
      entityType: 'backup',
      entityId: row.id,
      diff: { kind: row.kind, file: row.file, bytes: row.bytes, encrypted: row.encrypted === 1, ...(row.error ? { error: row.error } : {}) },
    });
  });
}

export async function listBackups(core: CoreContext): Promise<{ data: BackupView[]; total: number; limit: number; offset: number }> {
  const rows = await core.db.selectFrom('backups').selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').execute();
  return { data: rows.map(presentBackup), total: rows.length, limit: rows.length, offset: 0 };
}

async function findBackup(core: CoreContext, id: string): Promise<Row<'backups'>> {
  const row = await core.db.selectFrom('backups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Backup', id);
  return row;
}

export async function getBackup(core: CoreContext, id: string): Promise<BackupView> {
  return presentBackup(await findBackup(core, id));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A backup named by its id (from the history) or by the path of its payload or manifest. */
async function locate(core: CoreContext, reference: string): Promise<{ row: Row<'backups'> | null; payload: string }> {
  if (UUID.test(reference)) {
    const row = await findBackup(core, reference);
    if (!row.file) throw new Invalid(`Backup ${reference} has no file (${row.status}${row.error ? `: ${row.error}` : ''})`);
    return { row, payload: row.file };
  }
  const payload = reference.endsWith('.manifest.json') ? reference.slice(0, -'.manifest.json'.length) : reference;
  const row = (await core.db.selectFrom('backups').selectAll().where('file', '=', payload).executeTakeFirst()) ?? null;
  return { row, payload };
}

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

/** Applies the retention policy: pruned backups lose their files and keep their history row (status `pruned`). */
export async function pruneBackups(core: CoreContext, actor: Actor): Promise<{ pruned: string[]; kept: number }> {
  const settings = await loadBackupSettings(core);
  const rows = await core.db.selectFrom('backups').selectAll().where('status', 'in', ['ok', 'corrupt']).execute();
  // A corrupt backup restores nothing: it neither counts towards the policy nor is kept by it.
  const candidates = rows.filter((row) => row.status === 'ok').map((row) => ({ id: row.id, kind: row.kind as BackupKind, createdAt: row.createdAt }));
  const decision = decideRetention(candidates, core.clock.now(), core.settings.timeZone, settings.retention);
  const kept = new Set(decision.keep.map((entry) => entry.id));
  const doomed = rows.filter((row) => !kept.has(row.id) && !(row.kind === 'manual'));
  for (const row of doomed) {
    if (row.file) {
      rmSync(row.file, { force: true });
      rmSync(manifestPathOf(row.file), { force: true });
    }
  }
  if (doomed.length > 0) {
    await write(core, actor, async (scope) => {
      for (const chunk of splitIntoChunks(doomed, 500)) {
        await scope.tx
          .updateTable('backups')
          .set({ status: 'pruned' })
          .where(
            'id',
            'in',
            chunk.map((row) => row.id),
          )
          .execute();
      }
      await scope.logMany(
        doomed.map((row) => ({
          action: 'backup.pruned',
          entityType: 'backup',
          entityId: row.id,
          diff: { kind: row.kind, createdAt: row.createdAt, file: row.file },
        })),
      );
    });
  }
  return { pruned: doomed.map((row) => row.id), kept: kept.size };
}
