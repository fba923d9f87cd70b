import { z } from 'zod';
import { Id, ListQueryBase } from './common.js';

/**
 * Background work: queued jobs (with a lease, retries and an optional idempotency key) and the durable
 * event subscribers that follow the outbox. Settings → Jobs shows both.
 */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'dead'] as const;
export const JobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;

/** `failed` jobs wait for their next attempt; `dead` ones used every attempt and wait for a person. */
export const RETRYABLE_JOB_STATUSES: readonly JobStatus[] = ['failed', 'dead'];

export const JobKind = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z][a-zA-Z0-9_.:-]*$/, { error: 'must start with a lowercase letter; letters, digits and . _ : - only' });

export const JobListQuery = z.strictObject({
  status: JobStatus.optional(),
  limit: ListQueryBase.shape.limit,
  offset: ListQueryBase.shape.offset,
});
export type JobListQuery = z.infer<typeof JobListQuery>;

export const JobView = z.object({
  id: Id,
  kind: z.string(),
  status: JobStatus,
  attempts: z.int(),
  maxAttempts: z.int(),
  lastError: z.string().nullable(),
  runAt: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof JobView>;

export const JobListResponse = z.object({ data: z.array(JobView), total: z.int(), limit: z.int(), offset: z.int() });
export type JobListResponse = z.infer<typeof JobListResponse>;

export const JobResponse = z.object({ data: JobView });

export const SubscriptionView = z.object({
  name: z.string(),
  /** The last outbox position delivered. */
  position: z.int(),
  /** Committed events not yet delivered. */
  lag: z.int(),
  /** Failed deliveries in a row; 0 when healthy. */
  attempts: z.int(),
  lastError: z.string().nullable(),
  retryAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const SubscriptionListResponse = z.object({ data: z.array(SubscriptionView) });

/** A recurring job: what runs, when (5-field cron, UTC), and when it next and last ran. */
export const JobScheduleView = z
  .object({
    name: z.string(),
    kind: z.string(),
    cron: z.string(),
    nextRunAt: z.string(),
    lastRunAt: z.string().nullable(),
    enabled: z.boolean(),
  })
  .meta({ id: 'JobSchedule' });
export type JobScheduleView = z.infer<typeof JobScheduleView>;
