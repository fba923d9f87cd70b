import type { Db } from '../db/connect.js';
import type { Listen } from '../db/notifications.js';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import { addMs, type BackgroundLog, describeError, exponentialBackoffMs, SILENT_LOG, WakeLoop } from '../kernel/background.js';
import type { CoreContext, Wakeable } from '../kernel/context.js';
import { newId } from '../kernel/ids.js';
import { JOBS_CHANNEL } from '../kernel/outbox.js';
import { enqueueDueSchedules, ensureSchedule, jobActor, type ScheduleDefinition } from './commands.js';

export interface JobContext {
  core: CoreContext;
  /** `system` through the `job` door: pass it to any command the job calls. */
  actor: Actor;
  job: { id: string; kind: string; attempt: number; maxAttempts: number };
}

export interface JobHandler<Payload = unknown> {
  kind: string;
  /** What it returns is stored as the job's result. A throw is a failed attempt. */
  run(payload: Payload, context: JobContext): Promise<unknown> | unknown;
  /** Wait before the next attempt after `attempt` failures (default: 5 s doubling, at most 1 h). */
  backoffMs?(attempt: number): number;
  /** Run it on a schedule too (the schedule's name defaults to the kind). */
  schedule?: { cron: string; name?: string; payload?: Payload };
}

export interface JobRunnerOptions {
  /** Lock claimed rows with FOR UPDATE SKIP LOCKED (PostgreSQL and PGlite). */
  skipLocked: boolean;
  listen?: Listen | undefined;
  /** How often to look without being told (default: 1 s; 5 s where NOTIFY carries the news). */
  pollMs?: number;
  /** How long a claim lasts without a heartbeat before another runner may take the job (default 5 min). */
  leaseMs?: number;
}

export interface JobRunnerStartOptions {
  log?: BackgroundLog;
  /** Jobs run at once by this runner (default 4). */
  concurrency?: number;
}

export type JobOutcome = 'succeeded' | 'failed' | 'dead' | 'lost';

export interface RunSummary {
  succeeded: number;
  failed: number;
  dead: number;
  /** Finished after another runner had taken the job over (its lease expired). */
  lost: number;
}

export interface JobRunner extends Wakeable {
  /** Identifies this runner in `jobs.leased_by`. */
  readonly id: string;
  register<Payload>(handler: JobHandler<Payload>): void;
  /** Create or update a schedule for a registered kind. */
  schedule(definition: ScheduleDefinition): Promise<void>;
  start(options?: JobRunnerStartOptions): Promise<void>;
  /** Claim and run due jobs until none is left (jobs waiting for a retry time are not due), for tests and tools. */
  runDue(): Promise<RunSummary>;
  /** Stop claiming; wait a while for running jobs, whose leases otherwise expire and let another runner retry them. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

export const JOB_BACKOFF = { baseMs: 5_000, maxMs: 60 * 60_000 };
const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_CONCURRENCY = 4;
const RESULT_LIMIT = 64 * 1024;

export function createJobRunner(core: CoreContext, options: JobRunnerOptions): JobRunner {
  return new QueueRunner(core, options);
}

function storableResult(result: unknown): string | null {
  if (result === undefined) return null;
  try {
    const text = JSON.stringify(result);
    return text.length > RESULT_LIMIT ? JSON.stringify({ truncated: true, bytes: text.length }) : text;
  } catch {
    return JSON.stringify({ unserializable: true });
  }
}

class QueueRunner implements JobRunner {
  readonly id = newId();
  private readonly handlers = new Map<string, JobHandler>();
  private readonly active = new Set<Promise<JobOutcome>>();
  private log: BackgroundLog = SILENT_LOG;
  private concurrency = DEFAULT_CONCURRENCY;
  private readonly loop: WakeLoop;
  /** Schedules and abandoned leases are looked at once per poll, not on every claim. */
  private housekeepingDue = true;
  /** The last claim found nothing. */
  private idle = true;

  constructor(
    private readonly core: CoreContext,
    private readonly options: JobRunnerOptions,
  ) {
    this.loop = new WakeLoop({
      label: 'job runner',
      channel: JOBS_CHANNEL,
      listen: options.listen,
      pollMs: options.pollMs,
      pass: () => this.fillSlots(),
      onPoll: () => {
        this.housekeepingDue = true;
      },
    });
  }

  private get db(): Db {
    return this.core.db;
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  private get kinds(): string[] {
    return [...this.handlers.keys()];
  }

  register<Payload>(handler: JobHandler<Payload>): void {
    if (this.handlers.has(handler.kind)) throw new Error(`A handler for job kind ${handler.kind} is already registered`);
    this.handlers.set(handler.kind, handler as JobHandler);
  }

  async schedule(definition: ScheduleDefinition): Promise<void> {
    await ensureSchedule(this.core, definition);
    this.wake();
  }

  async start(options: JobRunnerStartOptions = {}): Promise<void> {
    if (this.loop.isRunning) return;
    this.log = options.log ?? SILENT_LOG;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    for (const handler of this.handlers.values()) {
      if (handler.schedule) {
        await ensureSchedule(this.core, { name: handler.schedule.name ?? handler.kind, kind: handler.kind, cron: handler.schedule.cron, payload: handler.schedule.payload });
      }
    }
    await this.loop.start(this.log);
  }

  wake(): void {
    this.loop.wake();
  }

  async runDue(): Promise<RunSummary> {
    const summary: RunSummary = { succeeded: 0, failed: 0, dead: 0, lost: 0 };
    for (;;) {
      await this.housekeeping();
      const claimed = await this.claim(this.kinds, this.concurrency);
      if (claimed.length === 0) return summary;
      for (const outcome of await Promise.all(claimed.map((row) => this.execute(row)))) summary[outcome] += 1;
    }
  }

  async stop(options: { graceMs?: number } = {}): Promise<void> {
    await this.loop.stop();
    if (this.active.size === 0) return;
    let timeout: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timeout = setTimeout(resolve, options.graceMs ?? 10_000);
    });
    await Promise.race([Promise.allSettled([...this.active]), grace]);
    clearTimeout(timeout);
  }

  /**
   * Claim as many due jobs as there are free slots and start them; a finished job wakes the loop again.
   * True when every slot filled, so there may be more due right away.
   */
  private async fillSlots(): Promise<boolean> {
    const free = this.concurrency - this.active.size;
    if (free <= 0) return false;
    if (this.housekeepingDue) {
      this.housekeepingDue = false;
      await this.housekeeping();
    }
    const claimed = await this.claim(this.kinds, free);
    for (const row of claimed) {
      const run = this.execute(row).finally(() => {
        this.active.delete(run);
        this.wake();
      });
      this.active.add(run);
    }
    return claimed.length === free;
  }

  private async housekeeping(): Promise<void> {
    const kinds = this.kinds;
    if (kinds.length === 0) return;
    await enqueueDueSchedules(this.core, kinds);
    await this.buryAbandoned(kinds);
  }

  /**
   * Due jobs: queued or failed ones whose time has come, and running ones whose lease expired (their
   * runner crashed or hung). One statement claims them: on PostgreSQL the inner SELECT locks rows and
   * skips those another runner is claiming; SQLite runs the statement under its single write lock.
   */
  private async claim(kinds: string[], limit: number): Promise<Row<'jobs'>[]> {
    if (kinds.length === 0) return [];
    const now = this.now();
    const due = () =>
      this.db
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', kinds)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', 'in', ['queued', 'failed']), eb('runAt', '<=', now)]),
            eb.and([eb('status', '=', 'running'), eb('leaseUntil', '<=', now), eb('attempts', '<', eb.ref('maxAttempts'))]),
          ]),
        )
        .orderBy('runAt')
        .orderBy('id')
        .limit(limit);
    // An idle poll only reads: on SQLite an UPDATE takes the database's one write lock even when it matches nothing.
    if (this.idle && !(await due().limit(1).executeTakeFirst())) return [];
    let pick = due();
    if (this.options.skipLocked) pick = pick.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1), leaseUntil: addMs(now, this.leaseMs), leasedBy: this.id, updatedAt: now }))
      .where('id', 'in', pick)
      .returningAll()
      .execute();
    this.idle = rows.length === 0;
    return rows.sort((a, b) => a.runAt.localeCompare(b.runAt) || a.id.localeCompare(b.id));
  }

  /** A job whose runner vanished on its last attempt will not be claimed again: mark it dead, saying why. */
  private async buryAbandoned(kinds: string[]): Promise<void> {
    const now = this.now();
    const abandoned = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'in', kinds)
      .where('status', '=', 'running')
      .where('leaseUntil', '<=', now)
      .where((eb) => eb('attempts', '>=', eb.ref('maxAttempts')))
      .execute();
    if (abandoned.length === 0) return;
    await this.db
      .updateTable('jobs')
      .set({ status: 'dead', finishedAt: now, updatedAt: now, leaseUntil: null, leasedBy: null, lastError: 'The runner stopped before finishing its last attempt (lease expired)' })
      .where(
        'id',
        'in',
        abandoned.map((row) => row.id),
      )
      .where('status', '=', 'running')
      .where('leaseUntil', '<=', now)
      .execute();
  }

  private async execute(row: Row<'jobs'>): Promise<JobOutcome> {
    const handler = this.handlers.get(row.kind);
    const attempt = Number(row.attempts);
    const maxAttempts = Number(row.maxAttempts);
    const heartbeat = setInterval(() => {
      this.renewLease(row.id, attempt).catch((error) => this.log.warn({ err: error, job: row.id }, 'job lease renewal failed'));
    }, this.leaseMs / 3);
    heartbeat.unref();
    try {
      if (!handler) throw new Error(`No handler for job kind ${row.kind} in this runner`);
      const context: JobContext = { core: this.core, actor: jobActor(), job: { id: row.id, kind: row.kind, attempt, maxAttempts } };
      const result = await handler.run(JSON.parse(row.payloadJson) as unknown, context);
      clearInterval(heartbeat);
      return await this.finish(row.id, attempt, { status: 'succeeded', finishedAt: this.now(), resultJson: storableResult(result) });
    } catch (error) {
      clearInterval(heartbeat);
      const now = this.now();
      const lastError = describeError(error);
      if (attempt >= maxAttempts) {
        this.log.error({ job: row.id, kind: row.kind, attempt, error: lastError }, 'job failed its last attempt; dead');
        return this.finish(row.id, attempt, { status: 'dead', finishedAt: now, lastError });
      }
      const delay = handler?.backoffMs?.(attempt) ?? exponentialBackoffMs(attempt, JOB_BACKOFF.baseMs, JOB_BACKOFF.maxMs);
      this.log.warn({ job: row.id, kind: row.kind, attempt, error: lastError }, 'job failed; will retry');
      return this.finish(row.id, attempt, { status: 'failed', runAt: addMs(now, delay), lastError });
    }
  }

  /** Record the outcome only while this runner still holds the claim it ran under. */
  private async finish(id: string, attempt: number, changes: { status: 'succeeded' | 'failed' | 'dead'; finishedAt?: string; runAt?: string; lastError?: string; resultJson?: string | null }): Promise<JobOutcome> {
    const result = await this.db
      .updateTable('jobs')
      .set({ ...changes, leaseUntil: null, leasedBy: null, updatedAt: this.now() })
      .where('id', '=', id)
      .where('leasedBy', '=', this.id)
      .where('attempts', '=', attempt)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      this.log.warn({ job: id, attempt }, 'job finished after its lease expired and another runner took it; outcome dropped');
      return 'lost';
    }
    return changes.status;
  }

  private async renewLease(id: string, attempt: number): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ leaseUntil: addMs(this.now(), this.leaseMs) })
      .where('id', '=', id)
      .where('leasedBy', '=', this.id)
      .where('attempts', '=', attempt)
      .where('status', '=', 'running')
      .execute();
  }

  private now(): string {
    return this.core.clock.now().toISOString();
  }
}
