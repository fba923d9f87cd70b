import type { BackupSettingsInput, BackupSettingsView } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import { calendarDate } from '../kernel/clock.js';
import type { CoreContext } from '../kernel/context.js';
import { PreconditionFailed } from '../kernel/errors.js';
import { write } from '../kernel/write.js';
import { DEFAULT_RETENTION, type RetentionPolicy } from './retention.js';

const SETTINGS_ID = 'default';

export interface BackupSettings {
  enabled: boolean;
  time: string;
  retention: RetentionPolicy;
  directory: string | null;
  version: number;
  /** When an admin last changed them; null while the defaults apply. */
  updatedAt: string | null;
}

/** Daily at 02:00 team time, on by default: a fresh install is backed up without anyone remembering to. */
export const DEFAULT_BACKUP_SETTINGS: BackupSettings = {
  enabled: true,
  time: '02:00',
  retention: DEFAULT_RETENTION,
  directory: null,
  version: 0,
  updatedAt: null,
};

export async function loadBackupSettings(core: Pick<CoreContext, 'db'>): Promise<BackupSettings> {
  const row = await core.db.selectFrom('backupSettings').selectAll().where('id', '=', SETTINGS_ID).executeTakeFirst();
  if (!row) return DEFAULT_BACKUP_SETTINGS;
  return {
    enabled: row.enabled === 1,
    time: row.time,
    retention: { daily: row.keepDaily, weekly: row.keepWeekly, monthly: row.keepMonthly, preRestoreDays: row.keepPreRestoreDays },
    directory: row.directory,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

/** The directory backups go to: the admin's choice, else the configured default; null when this core has no backup environment. */
export function effectiveDirectory(core: Pick<CoreContext, 'settings'>, settings: BackupSettings): string | null {
  return settings.directory ?? core.settings.backups?.directory ?? null;
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a wall-clock time (HH:MM) on a calendar date happens in a time zone (DST gaps move forward). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const guess = wall - offsetMs(new Date(wall), timeZone);
  return new Date(wall - offsetMs(new Date(guess), timeZone));
}

/** The most recent moment the schedule fired, at or before `now`. */
export function lastScheduledAt(now: Date, time: string, timeZone: string): Date {
  const date = calendarDate(now, timeZone);
  const todays = zonedInstant(date, time, timeZone);
  if (todays.getTime() <= now.getTime()) return todays;
  const yesterday = calendarDate(new Date(todays.getTime() - 86_400_000), timeZone);
  return zonedInstant(yesterday, time, timeZone);
}

export function nextScheduledAt(now: Date, time: string, timeZone: string): Date {
  const date = calendarDate(now, timeZone);
  const todays = zonedInstant(date, time, timeZone);
  if (todays.getTime() > now.getTime()) return todays;
  const tomorrow = calendarDate(new Date(todays.getTime() + 36 * 3_600_000), timeZone);
  return zonedInstant(tomorrow, time, timeZone);
}

export function presentSettings(core: Pick<CoreContext, 'settings' | 'clock'>, settings: BackupSettings): BackupSettingsView {
  const timeZone = core.settings.timeZone;
  return {
    enabled: settings.enabled,
    time: settings.time,
    timeZone,
    keepDaily: settings.retention.daily,
    keepWeekly: settings.retention.weekly,
    keepMonthly: settings.retention.monthly,
    keepPreRestoreDays: settings.retention.preRestoreDays,
    directory: settings.directory,
    effectiveDirectory: effectiveDirectory(core, settings),
    encryption: Boolean(core.settings.backups?.key),
    nextRunAt: settings.enabled ? nextScheduledAt(core.clock.now(), settings.time, timeZone).toISOString() : null,
    version: settings.version,
  };
}

export async function getBackupSettings(core: CoreContext): Promise<BackupSettingsView> {
  return presentSettings(core, await loadBackupSettings(core));
}

export async function updateBackupSettings(
  core: CoreContext,
  actor: Actor,
  changes: BackupSettingsInput,
  expectedVersion?: number,
): Promise<BackupSettingsView> {
  await write(core, actor, async (scope) => {
    const before = await loadBackupSettings({ db: scope.tx });
    if (expectedVersion !== undefined && expectedVersion !== before.version)
      throw new PreconditionFailed('The backup settings', expectedVersion, { version: before.version });
    const after: BackupSettings = {
      enabled: changes.enabled ?? before.enabled,
      time: changes.time ?? before.time,
      retention: {
        daily: changes.keepDaily ?? before.retention.daily,
        weekly: changes.keepWeekly ?? before.retention.weekly,
        monthly: changes.keepMonthly ?? before.retention.monthly,
        preRestoreDays: changes.keepPreRestoreDays ?? before.retention.preRestoreDays,
      },
      directory: changes.directory === undefined ? before.directory : changes.directory,
      version: before.version + 1,
      updatedAt: scope.now,
    };
    const row = {
      enabled: after.enabled ? 1 : 0,
      time: after.time,
      keepDaily: after.retention.daily,
      keepWeekly: after.retention.weekly,
      keepMonthly: after.retention.monthly,
      keepPreRestoreDays: after.retention.preRestoreDays,
      directory: after.directory,
      version: after.version,
      updatedAt: scope.now,
      updatedBy: actor.userId,
    };
    if (before.version === 0)
      await scope.tx
        .insertInto('backupSettings')
        .values({ id: SETTINGS_ID, ...row })
        .execute();
    else await scope.tx.updateTable('backupSettings').set(row).where('id', '=', SETTINGS_ID).execute();
    const diff: Record<string, { before: unknown; after: unknown }> = {};
    for (const key of ['enabled', 'time', 'directory'] as const) if (before[key] !== after[key]) diff[key] = { before: before[key], after: after[key] };
    for (const key of ['daily', 'weekly', 'monthly', 'preRestoreDays'] as const)
      if (before.retention[key] !== after.retention[key]) diff[`keep.${key}`] = { before: before.retention[key], after: after.retention[key] };
    await scope.log({ action: 'backup.settings_updated', entityType: 'backup_settings', entityId: null, diff });
  });
  return getBackupSettings(core);
}
