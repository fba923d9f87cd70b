import {
  BackupCreateInput,
  BackupPreview,
  BackupRestoreInput,
  BackupRestoreResult,
  BackupSettingsInput,
  BackupSettingsView,
  BackupVerifyResult,
  BackupView,
  IdParams,
  ListEnvelope,
} from '@lpdesk/contracts';
import { z } from 'zod';
import { defineOperation } from '../kernel/operations.js';
import { createBackup, getBackup, listBackups, pruneBackups } from './commands.js';
import { previewRestore, restoreBackup, verifyBackup } from './restore.js';
import { getBackupSettings, updateBackupSettings } from './settings.js';

export { BackupKeyProblem } from './crypto.js';
export { BACKUP_JOBS, BACKUP_SCHEDULED_JOB, scheduledBackupDue } from './jobs.js';
export { createBackup, getBackup, listBackups, liveSnapshot, pruneBackups } from './commands.js';
export { previewRestore, restoreBackup, verifyBackup } from './restore.js';
export { type BackupManifest, readManifest } from './manifest.js';
export { DEFAULT_RETENTION, decideRetention, isoWeek, type RetentionPolicy } from './retention.js';
export { getBackupSettings, updateBackupSettings } from './settings.js';

/** A backup file on the server's disk, by path: the CLI's door only (the API names backups by id). */
const FileReference = z.strictObject({ reference: z.string().min(1) });

const SettingsUpdate = z.strictObject({ changes: BackupSettingsInput, expectedVersion: z.int().min(0).optional() });

/** Backups hold every investor record: admins only (backups.manage), and every action is logged. */
export const backupOperations = {
  list: defineOperation({
    name: 'backups.list',
    summary: 'List backups, newest first: kind, time, size, verified, status',
    permission: 'backups.manage',
    input: z.strictObject({}),
    output: ListEnvelope(BackupView),
    run: ({ core }) => listBackups(core),
  }),
  get: defineOperation({
    name: 'backups.get',
    summary: 'Get one backup with its row counts',
    permission: 'backups.manage',
    input: IdParams,
    output: BackupView,
    run: ({ core }, { id }) => getBackup(core, id),
  }),
  create: defineOperation({
    name: 'backups.create',
    summary: 'Back up the whole database now (encrypted when a backup key is configured)',
    permission: 'backups.manage',
    input: BackupCreateInput,
    output: BackupView,
    run: ({ core, actor }) => createBackup(core, actor, 'manual'),
  }),
  verify: defineOperation({
    name: 'backups.verify',
    summary: 'Verify a backup: checksum, decryption, integrity check and row counts against its manifest',
    permission: 'backups.manage',
    input: IdParams,
    output: BackupVerifyResult,
    run: ({ core, actor }, { id }) => verifyBackup(core, actor, id),
  }),
  preview: defineOperation({
    name: 'backups.preview',
    summary: 'What a restore would change: rows per table now and in the backup',
    permission: 'backups.manage',
    input: IdParams,
    output: BackupPreview,
    run: ({ core }, { id }) => previewRestore(core, id),
  }),
  restore: defineOperation({
    name: 'backups.restore',
    summary: 'Replace all data with a backup, after taking a pre-restore backup',
    permission: 'backups.manage',
    input: BackupRestoreInput,
    output: BackupRestoreResult,
    run: ({ core, actor }, { id }) => restoreBackup(core, actor, id),
  }),
  prune: defineOperation({
    name: 'backups.prune',
    summary: 'Apply the retention policy now',
    permission: 'backups.manage',
    input: z.strictObject({}),
    output: z.object({ pruned: z.array(z.string()), kept: z.int() }),
    run: ({ core, actor }) => pruneBackups(core, actor),
  }),
  settings: defineOperation({
    name: 'backups.settings',
    summary: 'The backup schedule, retention and directory',
    permission: 'backups.manage',
    input: z.strictObject({}),
    output: BackupSettingsView,
    run: ({ core }) => getBackupSettings(core),
  }),
  updateSettings: defineOperation({
    name: 'backups.updateSettings',
    summary: 'Change the backup schedule, retention or directory',
    permission: 'backups.manage',
    input: SettingsUpdate,
    output: BackupSettingsView,
    run: ({ core, actor }, { changes, expectedVersion }) => updateBackupSettings(core, actor, changes, expectedVersion),
  }),
  verifyFile: defineOperation({
    name: 'backups.verifyFile',
    summary: 'Verify a backup file by path (CLI)',
    permission: 'backups.manage',
    doors: ['cli'],
    input: FileReference,
    output: BackupVerifyResult,
    run: ({ core, actor }, { reference }) => verifyBackup(core, actor, reference),
  }),
  previewFile: defineOperation({
    name: 'backups.previewFile',
    summary: 'Preview restoring a backup file by path (CLI)',
    permission: 'backups.manage',
    doors: ['cli'],
    input: FileReference,
    output: BackupPreview,
    run: ({ core }, { reference }) => previewRestore(core, reference),
  }),
  restoreFile: defineOperation({
    name: 'backups.restoreFile',
    summary: 'Restore a backup file by path (CLI)',
    permission: 'backups.manage',
    doors: ['cli'],
    input: FileReference,
    output: BackupRestoreResult,
    run: ({ core, actor }, { reference }) => restoreBackup(core, actor, reference),
  }),
};
