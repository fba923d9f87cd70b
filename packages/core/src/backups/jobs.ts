import type { JobHandler } from '../jobs/runner.js';
import type { CoreContext } from '../kernel/context.js';
import { createBackup, pruneBackups } from './commands.js';
import { effectiveDirectory, lastScheduledAt, loadBackupSettings } from './settings.js';

export const BACKUP_SCHEDULED_JOB = 'backups.scheduled';

/**
 * Whether the daily backup is due: the configured time (team time zone) has passed since the last
 * scheduled attempt. A server that was down at that time backs up as soon as it runs again; a failed
 * attempt is not retried every minute (it is recorded and shown), the next day's time is. The schedule is
 * armed when it was first set up or last changed: a fresh install (or a new time) starts at the next
 * occurrence of the time, instead of backing up the moment the server first starts.
 */
export async function scheduledBackupDue(core: CoreContext): Promise<{ due: boolean; reason: string }> {
  const settings = await loadBackupSettings(core);
  if (!settings.enabled) return { due: false, reason: 'schedule off' };
  if (!effectiveDirectory(core, settings)) return { due: false, reason: 'no backup directory configured' };
  const target = core.settings.database;
  if (!target || target.kind === 'pglite') return { due: false, reason: 'backups are not available on this database' };
  const since = lastScheduledAt(core.clock.now(), settings.time, core.settings.timeZone).toISOString();
  const armedAt =
    settings.updatedAt ?? (await core.db.selectFrom('jobSchedules').select('createdAt').where('name', '=', BACKUP_SCHEDULED_JOB).executeTakeFirst())?.createdAt;
  if (armedAt && armedAt > since) return { due: false, reason: `the first scheduled backup is at the next ${settings.time}` };
  const attempt = await core.db.selectFrom('backups').select('id').where('kind', '=', 'scheduled').where('createdAt', '>=', since).executeTakeFirst();
  return attempt ? { due: false, reason: `already backed up since ${since}` } : { due: true, reason: `due since ${since}` };
}

/** Checked every minute (cheap: one settings read, one indexed lookup); backs up and prunes once a day. */
export const scheduledBackupJob: JobHandler = {
  kind: BACKUP_SCHEDULED_JOB,
  schedule: { cron: '* * * * *' },
  // A backup attempt is recorded in the history either way; the job does not retry it.
  backoffMs: () => 60_000,
  async run(_payload, { core, actor }) {
    const { due, reason } = await scheduledBackupDue(core);
    if (!due) return { skipped: reason };
    const backup = await createBackup(core, actor, 'scheduled');
    const pruned = await pruneBackups(core, actor);
    return { backupId: backup.id, bytes: backup.bytes, pruned: pruned.pruned.length };
  },
};

export const BACKUP_JOBS: JobHandler[] = [scheduledBackupJob];
