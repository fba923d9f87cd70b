import type { BackupKind, BackupView } from '@lpdesk/contracts';
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
import { digestFile, encryptFile, keyFingerprint } from './crypto.js';
import { type BackupSource, backupSourceOf, dumpPostgres, dumpSqlite, type Snapshot, snapshotPostgres, snapshotSqliteFile } from './engines.js';
import { type BackupManifest, MANIFEST_FORMAT, MANIFEST_VERSION, manifestPathOf, writeManifest } from './manifest.js';
import { presentBackup } from './presenter.js';
import { decideRetention } from './retention.js';
import { effectiveDirectory, loadBackupSettings } from './settings.js';

export function sourceOf(core: CoreContext): BackupSource {
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
    try {
      ensurePrivateDirectory(directory);
    } catch (error) {
      throw new Invalid(
        `Cannot write backups to ${directory}: ${(error as Error).message}. Choose another directory in the backup settings or LPDESK_BACKUP_DIR`,
      );
    }
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
    // A half-written payload must not be taken for a backup; a directory that never existed has nothing to remove.
    for (const file of [payload, manifestPathOf(payload)]) {
      try {
        rmSync(file, { force: true });
      } catch {}
    }
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
export async function locate(core: CoreContext, reference: string): Promise<{ row: Row<'backups'> | null; payload: string }> {
  if (UUID.test(reference)) {
    const row = await findBackup(core, reference);
    if (row.status === 'pruned') throw new Invalid(`Backup ${reference} was pruned by the retention policy: its files are gone`);
    if (!row.file) throw new Invalid(`Backup ${reference} has no file (${row.status}${row.error ? `: ${row.error}` : ''})`);
    return { row, payload: row.file };
  }
  const payload = reference.endsWith('.manifest.json') ? reference.slice(0, -'.manifest.json'.length) : reference;
  const row = (await core.db.selectFrom('backups').selectAll().where('file', '=', payload).executeTakeFirst()) ?? null;
  return { row, payload };
}

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
