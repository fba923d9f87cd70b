import { z } from 'zod';
import { Id } from './common.js';

/**
 * Backups of the whole database (core/backups): made by hand, by the daily schedule, or automatically
 * before a restore; verified against their manifest; pruned by the retention policy (scheduled ones only).
 */
export const BACKUP_KINDS = ['manual', 'scheduled', 'pre_restore'] as const;
export const BackupKind = z.enum(BACKUP_KINDS);
export type BackupKind = z.infer<typeof BackupKind>;

/** `ok`: written (not yet checked, or checked fine); `corrupt`: a verify failed; `failed`: never written; `pruned`: its files were removed by retention. */
export const BACKUP_STATUSES = ['ok', 'corrupt', 'failed', 'pruned'] as const;
export const BackupStatus = z.enum(BACKUP_STATUSES);
export type BackupStatus = z.infer<typeof BackupStatus>;

export const BackupView = z.object({
  id: Id,
  kind: BackupKind,
  dialect: z.enum(['sqlite', 'postgres']),
  file: z.string().nullable(),
  bytes: z.int().nullable(),
  sha256: z.string().nullable(),
  encrypted: z.boolean(),
  status: BackupStatus,
  schemaVersion: z.string(),
  verifiedAt: z.string().nullable(),
  error: z.string().nullable(),
  counts: z.record(z.string(), z.int()),
  durationMs: z.int().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type BackupView = z.infer<typeof BackupView>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time of day as HH:MM (24-hour)' });
const KeepCount = z.int().min(0).max(1000);

export const BackupSettingsView = z.object({
  enabled: z.boolean(),
  /** Local time in the team's time zone. */
  time: ClockTime,
  timeZone: z.string(),
  keepDaily: z.int(),
  keepWeekly: z.int(),
  keepMonthly: z.int(),
  /** Pre-restore backups are removed after this many days (the newest one always stays). */
  keepPreRestoreDays: z.int(),
  /** Where backups are written; null: the configured default (LPDESK_BACKUP_DIR or <data dir>/backups). */
  directory: z.string().nullable(),
  effectiveDirectory: z.string().nullable(),
  /** A key is configured (LPDESK_BACKUP_KEY): new backups are encrypted. The key itself is never shown. */
  encryption: z.boolean(),
  /** When the next scheduled backup is due (null when the schedule is off). */
  nextRunAt: z.string().nullable(),
  version: z.int(),
});
export type BackupSettingsView = z.infer<typeof BackupSettingsView>;

export const BackupSettingsInput = z.strictObject({
  enabled: z.boolean().optional(),
  time: ClockTime.optional(),
  keepDaily: KeepCount.optional(),
  keepWeekly: KeepCount.optional(),
  keepMonthly: KeepCount.optional(),
  keepPreRestoreDays: z.int().min(1).max(3650).optional(),
  directory: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .refine((path) => path.startsWith('/'), { error: 'must be an absolute path' })
    .nullable()
    .optional(),
});
export type BackupSettingsInput = z.infer<typeof BackupSettingsInput>;

export const BackupCreateInput = z.strictObject({});
export type BackupCreateInput = z.infer<typeof BackupCreateInput>;

export const BackupVerifyResult = z.object({
  ok: z.boolean(),
  /** One line per check: sha256, decrypt, integrity, counts. */
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
  backup: BackupView.nullable(),
});
export type BackupVerifyResult = z.infer<typeof BackupVerifyResult>;

export const BackupPreview = z.object({
  backup: BackupView,
  sameSchema: z.boolean(),
  tables: z.array(z.object({ table: z.string(), now: z.int(), backup: z.int() })),
});
export type BackupPreview = z.infer<typeof BackupPreview>;

export const BackupRestoreInput = z.strictObject({
  id: Id,
  /** The restore replaces every record: the caller says so explicitly. */
  confirm: z.literal(true, { error: 'a restore replaces all data: send confirm: true' }),
});
export type BackupRestoreInput = z.infer<typeof BackupRestoreInput>;

export const BackupRestoreResult = z.object({
  restored: BackupView,
  preRestore: BackupView,
  tables: z.array(z.object({ table: z.string(), before: z.int(), after: z.int() })),
});
export type BackupRestoreResult = z.infer<typeof BackupRestoreResult>;
