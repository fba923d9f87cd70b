import { type JobView, RETRYABLE_JOB_STATUSES } from '@lpdesk/contracts';
import { sql } from 'kysely';
import type { Row } from '../db/schema.js';
import { type Actor, systemActor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict, Invalid, NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { JOBS_CHANNEL } from '../kernel/outbox.js';
import { type WriteScope, write } from '../kernel/write.js';
import { presentJob } from './presenter.js';
import { nextCronRun, parseCron } from './schedule.js';

export interface EnqueueJobInput {
  kind: string;
  payload?: unknown;
  /** Not before this instant (default: now, by the core's clock). */
  runAt?: Date | string;
  /** A second enqueue with the same key returns the first job instead of adding one. */
  idempotencyKey?: string;
  /** Runs before the job is dead (default 5). */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/** Jobs run as the system, through the job door: their writes are logged as such. */
export const jobActor = (): Actor => systemActor('job');

function checkEnqueue(input: EnqueueJobInput): { runAt: string | null; maxAttempts: number } {
  if (!/^[a-z][a-zA-Z0-9_.:-]*$/.test(input.kind) || input.kind.length > 100) throw new Invalid(`job kind "${input.kind}" is not a valid name`);
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) throw new Invalid('maxAttempts must be a whole number from 1 to 100');
  if (input.idempotencyKey !== undefined && (input.idempotencyKey.length === 0 || input.idempotencyKey.length > 300)) {
    throw new Invalid('idempotencyKey must be 1 to 300 characters');
  }
  if (input.runAt === undefined) return { runAt: null, maxAttempts };
  const runAt = new Date(input.runAt);
  if (Number.isNaN(runAt.getTime())) throw new Invalid(`runAt "${String(input.runAt)}" is not a valid instant`);
  return { runAt: runAt.toISOString(), maxAttempts };
}

async function findByKey(scope: WriteScope, key: string): Promise<Row<'jobs'> | undefined> {
  return scope.tx.selectFrom('jobs').selectAll().where('idempotencyKey', '=', key).executeTakeFirst();
}

/** Enqueue inside a caller's transaction: the job exists only if the caller's change commits. */
export async function enqueueJobIn(scope: WriteScope, dialect: CoreContext['dialect'], input: EnqueueJobInput): Promise<JobView> {
  const { runAt, maxAttempts } = checkEnqueue(input);
  if (input.idempotencyKey !== undefined) {
    const existing = await findByKey(scope, input.idempotencyKey);
    if (existing) return presentJob(existing);
  }
  const row: Row<'jobs'> = {
    id: newId(),
    kind: input.kind,
    payloadJson: JSON.stringify(input.payload ?? null),
    status: 'queued',
    attempts: 0,
    maxAttempts,
    runAt: runAt ?? scope.now,
    leaseUntil: null,
    leasedBy: null,
    lastError: null,
    idempotencyKey: input.idempotencyKey ?? null,
    createdAt: scope.now,
    updatedAt: scope.now,
    finishedAt: null,
    resultJson: null,
  };
  // Two processes may pass the look-up above at once; the unique index lets exactly one insert land.
  const inserted = await scope.tx
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.column('idempotencyKey').where('idempotencyKey', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const winner = await findByKey(scope, input.idempotencyKey as string);
    if (!winner) throw new Conflict('The job was enqueued and removed concurrently; try again');
    return presentJob(winner);
  }
  await scope.log({ action: 'enqueue', entityType: 'job', entityId: row.id, diff: { after: { kind: row.kind, runAt: row.runAt, maxAttempts, idempotencyKey: row.idempotencyKey } } });
  if (dialect === 'postgres') await sql`SELECT pg_notify(${JOBS_CHANNEL}, '')`.execute(scope.tx);
  return presentJob(row);
}

export async function enqueueJob(core: CoreContext, actor: Actor, input: EnqueueJobInput): Promise<JobView> {
  const job = await write(core, actor, (scope) => enqueueJobIn(scope, core.dialect, input));
  core.jobs.wake();
  return job;
}

/** A person gives a failed or dead job a fresh set of attempts, now. */
export async function retryJob(core: CoreContext, actor: Actor, id: string): Promise<JobView> {
  const job = await write(core, actor, async (scope) => {
    const row = await scope.tx.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('Job', id);
    if (!(RETRYABLE_JOB_STATUSES as readonly string[]).includes(row.status)) {
      throw new Conflict(`Only failed or dead jobs can be retried; this one is ${row.status}`);
    }
    const changes = { status: 'queued', attempts: 0, runAt: scope.now, finishedAt: null, leaseUntil: null, leasedBy: null, updatedAt: scope.now };
    await scope.tx.updateTable('jobs').set(changes).where('id', '=', id).where('status', '=', row.status).execute();
    await scope.log({
      action: 'retry',
      entityType: 'job',
      entityId: id,
      diff: { before: { status: row.status, attempts: row.attempts, lastError: row.lastError }, after: { status: 'queued', attempts: 0 } },
    });
    if (core.dialect === 'postgres') await sql`SELECT pg_notify(${JOBS_CHANNEL}, '')`.execute(scope.tx);
    return presentJob({ ...row, ...changes });
  });
  core.jobs.wake();
  return job;
}

export interface ScheduleDefinition {
  /** Unique and stable: it keys the schedule row and every run's idempotency key. */
  name: string;
  kind: string;
  /** Five-field cron, UTC (see schedule.ts). */
  cron: string;
  payload?: unknown;
}

/**
 * Create the schedule, or bring its cron, kind and payload up to date. Whether it is enabled is the
 * operator's to decide, so an existing row keeps its flag.
 */
export async function ensureSchedule(core: CoreContext, definition: ScheduleDefinition): Promise<void> {
  const cron = parseCron(definition.cron);
  const now = core.clock.now();
  const payloadJson = JSON.stringify(definition.payload ?? null);
  const nowIso = now.toISOString();
  const existing = await core.db.selectFrom('jobSchedules').selectAll().where('name', '=', definition.name).executeTakeFirst();
  if (!existing) {
    await core.db
      .insertInto('jobSchedules')
      .values({
        name: definition.name,
        kind: definition.kind,
        payloadJson,
        cron: cron.source,
        nextRunAt: nextCronRun(cron, now).toISOString(),
        lastRunAt: null,
        enabled: 1,
        createdAt: nowIso,
        updatedAt: nowIso,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    return;
  }
  if (existing.cron === cron.source && existing.kind === definition.kind && existing.payloadJson === payloadJson) return;
  const nextRunAt = existing.cron === cron.source ? existing.nextRunAt : nextCronRun(cron, now).toISOString();
  await core.db.updateTable('jobSchedules').set({ kind: definition.kind, payloadJson, cron: cron.source, nextRunAt, updatedAt: nowIso }).where('name', '=', definition.name).execute();
}

/**
 * Enqueue one run of every due schedule among `kinds`. A missed stretch (the server was down) yields one
 * run, not one per missed slot. Several processes may call this at once: moving next_run_at is a
 * compare-and-set, and the run's idempotency key (schedule name + due instant) backs it up.
 */
export async function enqueueDueSchedules(core: CoreContext, kinds: readonly string[]): Promise<number> {
  if (kinds.length === 0) return 0;
  const now = core.clock.now();
  const due = await core.db
    .selectFrom('jobSchedules')
    .selectAll()
    .where('enabled', '=', 1)
    .where('nextRunAt', '<=', now.toISOString())
    .where('kind', 'in', kinds)
    .execute();
  let enqueued = 0;
  for (const schedule of due) {
    const created = await write(core, jobActor(), async (scope) => {
      const moved = await scope.tx
        .updateTable('jobSchedules')
        .set({ nextRunAt: nextCronRun(schedule.cron, now).toISOString(), lastRunAt: schedule.nextRunAt, updatedAt: scope.now })
        .where('name', '=', schedule.name)
        .where('nextRunAt', '=', schedule.nextRunAt)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) return false;
      await enqueueJobIn(scope, core.dialect, {
        kind: schedule.kind,
        payload: JSON.parse(schedule.payloadJson) as unknown,
        idempotencyKey: `schedule:${schedule.name}:${schedule.nextRunAt}`,
      });
      return true;
    });
    if (created) enqueued += 1;
  }
  return enqueued;
}
