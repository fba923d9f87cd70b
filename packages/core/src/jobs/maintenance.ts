import { refreshStatistics } from '../db/statistics.js';
import type { CoreContext } from '../kernel/context.js';
import type { JobHandler } from './runner.js';

const DAY_MS = 86_400_000;
/** Delivered events are kept a week for inspection; finished jobs a month, so Settings → Jobs shows recent history. */
export const RETENTION = { outboxDays: 7, succeededJobDays: 30, frequentJobDays: 2 };
/**
 * Jobs that run every minute or on every new message: a month of them would be tens of thousands of rows
 * per mailbox, and their outcome is kept elsewhere (email_sync_runs), so succeeded ones go after two days.
 */
export const FREQUENT_JOB_KINDS = ['email.sync-all', 'email.sync', 'backups.scheduled'];

/** Keep the query planner's statistics fresh: SQLite's own advice is PRAGMA optimize now and then. */
export const optimizeDatabase: JobHandler = {
  kind: 'maintenance.optimize',
  schedule: { cron: '30 3 * * *' },
  async run(_payload, { core }) {
    await refreshStatistics(core.db, core.dialect);
    return { dialect: core.dialect };
  },
};


/**
 * Outbox events every subscriber has seen, once older than the retention, and long-finished jobs.
 * A subscriber that is behind keeps its events however old they are.
 */
export async function pruneDelivered(core: CoreContext): Promise<{ events: number; jobs: number }> {
  const now = core.clock.now().getTime();
  const eventsBefore = new Date(now - RETENTION.outboxDays * DAY_MS).toISOString();
  const jobsBefore = new Date(now - RETENTION.succeededJobDays * DAY_MS).toISOString();
  const slowest = await core.db
    .selectFrom('eventSubscriptions')
    .select((eb) => eb.fn.min('position').as('position'))
    .executeTakeFirst();
  let events = core.db.deleteFrom('outboxEvents').where('at', '<', eventsBefore);
  if (slowest?.position !== null && slowest?.position !== undefined) events = events.where('position', '<=', Number(slowest.position));
  const deletedEvents = await events.executeTakeFirst();
  const deletedJobs = await core.db.deleteFrom('jobs').where('status', '=', 'succeeded').where('finishedAt', '<', jobsBefore).executeTakeFirst();
  const frequentBefore = new Date(now - RETENTION.frequentJobDays * DAY_MS).toISOString();
  const deletedFrequent = await core.db
    .deleteFrom('jobs')
    .where('status', '=', 'succeeded')
    .where('kind', 'in', FREQUENT_JOB_KINDS)
    .where('finishedAt', '<', frequentBefore)
    .executeTakeFirst();
  return { events: Number(deletedEvents.numDeletedRows), jobs: Number(deletedJobs.numDeletedRows) + Number(deletedFrequent.numDeletedRows) };
}

export const pruneOutboxAndJobs: JobHandler = {
  kind: 'maintenance.prune',
  schedule: { cron: '45 3 * * *' },
  run: (_payload, { core }) => pruneDelivered(core),
};

export const MAINTENANCE_JOBS: JobHandler[] = [optimizeDatabase, pruneOutboxAndJobs];
