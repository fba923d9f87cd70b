import type { JobScheduleView, JobStatus, JobView, SubscriptionView } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';

/** What leaves the core about a job: no lease internals, no payload (it may hold anything). */
export function presentJob(row: Row<'jobs'>): JobView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as JobStatus,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.maxAttempts),
    lastError: row.lastError,
    runAt: row.runAt,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

export function presentSubscription(row: Row<'eventSubscriptions'>, lag: number): SubscriptionView {
  return {
    name: row.name,
    position: Number(row.position),
    lag,
    attempts: Number(row.attempts),
    lastError: row.lastError,
    retryAt: row.retryAt,
    failedAt: row.failedAt,
    updatedAt: row.updatedAt,
  };
}

export function presentSchedule(row: Row<'jobSchedules'>): JobScheduleView {
  return { name: row.name, kind: row.kind, cron: row.cron, nextRunAt: row.nextRunAt, lastRunAt: row.lastRunAt, enabled: row.enabled === 1 };
}
