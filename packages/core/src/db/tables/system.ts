import type { Generated } from 'kysely';
import type { Bool } from './common.js';

// The activity log, bulk batches, sign-in throttling, the outbox, event subscriptions and jobs.

export interface ActivityLogTable {
  id: string;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  door: string;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  diffJson: string;
  /** The bulk action (batches.id) this entry belongs to, if any. */
  batchId: string | null;
  /** 1: carried over from the legacy tool's audit log with its own time and actor (migration 0018). */
  historical: Generated<Bool>;
}

/** One bulk action over many records of a list (batch/bulk.ts). */
export interface BatchesTable {
  id: string;
  collection: string;
  entityType: string;
  action: string;
  paramsJson: string;
  matched: number;
  count: number;
  actorId: string | null;
  actorName: string | null;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

/** A record a bulk action changed: the value its undo puts back, and the version the batch left. */
export interface BatchItemsTable {
  batchId: string;
  entityId: string;
  beforeJson: string;
  versionAfter: number;
}

/** One failed sign-in or password check, kept for the throttling window (access/login-throttle.ts). */
export interface LoginFailuresTable {
  id: string;
  at: string;
  usernameNormalized: string;
  ip: string | null;
  kind: string;
}

export interface LoginLockoutsTable {
  usernameNormalized: string;
  lockedUntil: string;
  /** How many lockouts in a row: each doubles the next one, up to a cap. */
  level: number;
  updatedAt: string;
}

/** The transactional outbox: activity-log entries as events, in commit order by `position`. */
export interface OutboxEventsTable {
  position: Generated<number>;
  id: string;
  at: string;
  action: string;
  entityType: string;
  entityId: string | null;
  version: number | null;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  door: string;
  requestId: string | null;
  diffJson: string;
  createdAt: string;
}

/** One delivery cursor per named subscriber. */
export interface EventSubscriptionsTable {
  name: string;
  /** The last position delivered. */
  position: number;
  /** Failed deliveries in a row; 0 when healthy. */
  attempts: number;
  lastError: string | null;
  retryAt: string | null;
  /** When the current run of failures began. */
  failedAt: string | null;
  leasedBy: string | null;
  leaseUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  payloadJson: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  leaseUntil: string | null;
  leasedBy: string | null;
  lastError: string | null;
  idempotencyKey: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  resultJson: string | null;
}

export interface JobSchedulesTable {
  name: string;
  kind: string;
  payloadJson: string;
  cron: string;
  nextRunAt: string;
  lastRunAt: string | null;
  enabled: Bool;
  createdAt: string;
  updatedAt: string;
}
