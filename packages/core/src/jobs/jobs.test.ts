import { describe, expect, it, onTestFinished } from 'vitest';
import { type Clock, ManualClock } from '../kernel/clock.js';
import { NOTHING_TO_WAKE } from '../kernel/context.js';
import { execute } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore, type TestDialect } from '../testing/index.js';
import { enqueueJob, pruneDelivered } from './index.js';
import { createJobRunner, JOB_BACKOFF, type JobHandler, type JobRunner } from './runner.js';

const admin = testActor({ role: 'admin' });
const quietLog = { info() {}, warn() {}, error() {} };
const MINUTE = 60_000;

async function freshCore(dialect: TestDialect, clock?: Clock): Promise<TestCore> {
  const core = await openTestCore(dialect, clock ? { clock } : {});
  onTestFinished(() => core.dispose());
  return core;
}

/** A second runner on the same database: another worker, as far as the queue can tell. */
function extraRunner(core: TestCore, ...handlers: JobHandler[]): JobRunner {
  const runner = createJobRunner(core, { skipLocked: core.dialect === 'postgres' });
  for (const handler of handlers) runner.register(handler);
  onTestFinished(() => runner.stop());
  return runner;
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const jobRow = (core: TestCore, id: string) => core.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/**
 * Schedules are cron in UTC, so these tests pin the calendar to a known instant (a fixed date is not
 * "today": it never turns into the past) instead of taking the suite's moving test clock.
 */
const scheduleClock = () => new ManualClock('2031-03-14T15:00:00.000Z');

describe.each(testDialects())('jobs on %s', (dialect) => {
  it('runs a queued job as the system through the job door, and keeps its result', async () => {
    const core = await freshCore(dialect);
    const calls: unknown[] = [];
    core.jobs.register<{ to: string }>({
      kind: 'test.greet',
      run: (payload, context) => {
        calls.push({ payload, actor: context.actor, attempt: context.job.attempt });
        return { greeted: payload.to };
      },
    });
    const job = await enqueueJob(core, admin, { kind: 'test.greet', payload: { to: 'Eleanor' } });
    expect(job).toMatchObject({ kind: 'test.greet', status: 'queued', attempts: 0, maxAttempts: 5, lastError: null, finishedAt: null });
    expect(await core.jobs.runDue()).toEqual({ succeeded: 1, failed: 0, dead: 0, lost: 0 });
    expect(calls).toEqual([{ payload: { to: 'Eleanor' }, actor: expect.objectContaining({ kind: 'system', door: 'job' }), attempt: 1 }]);
    const row = await jobRow(core, job.id);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 1, leasedBy: null, leaseUntil: null });
    expect(JSON.parse(row.resultJson ?? 'null')).toEqual({ greeted: 'Eleanor' });
    expect(row.finishedAt).not.toBeNull();
    // Enqueueing is a logged write.
    const log = await core.db.selectFrom('activityLog').selectAll().where('entityId', '=', job.id).execute();
    expect(log.map((entry) => entry.action)).toEqual(['enqueue']);
    expect(await core.jobs.runDue()).toEqual({ succeeded: 0, failed: 0, dead: 0, lost: 0 });
  });

  it('does not run a job before its time', async () => {
    const clock = scheduleClock();
    const core = await freshCore(dialect, clock);
    const ran: string[] = [];
    core.jobs.register({ kind: 'test.later', run: () => void ran.push('later') });
    await enqueueJob(core, admin, { kind: 'test.later', runAt: new Date(clock.now().getTime() + 10 * MINUTE) });
    expect((await core.jobs.runDue()).succeeded).toBe(0);
    clock.advance(10 * MINUTE);
    expect((await core.jobs.runDue()).succeeded).toBe(1);
    expect(ran).toEqual(['later']);
  });

  it('retries a failing job with backoff, then marks it dead after its last attempt; a person can retry it', async () => {
    const clock = scheduleClock();
    const core = await freshCore(dialect, clock);
    let healthy = false;
    core.jobs.register({
      kind: 'test.flaky',
      run: () => {
        if (!healthy) throw new Error('mail server refused');
        return 'sent';
      },
    });
    const job = await enqueueJob(core, admin, { kind: 'test.flaky', maxAttempts: 3 });

    expect(await core.jobs.runDue()).toMatchObject({ failed: 1 });
    let row = await jobRow(core, job.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: 'mail server refused', finishedAt: null });
    expect(row.runAt).toBe(new Date(clock.now().getTime() + JOB_BACKOFF.baseMs).toISOString());

    expect(await core.jobs.runDue()).toMatchObject({ failed: 0 }); // not due yet
    clock.advance(JOB_BACKOFF.baseMs);
    expect(await core.jobs.runDue()).toMatchObject({ failed: 1 });
    row = await jobRow(core, job.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row.runAt).toBe(new Date(clock.now().getTime() + 2 * JOB_BACKOFF.baseMs).toISOString());

    clock.advance(2 * JOB_BACKOFF.baseMs);
    expect(await core.jobs.runDue()).toMatchObject({ dead: 1 });
    row = await jobRow(core, job.id);
    expect(row).toMatchObject({ status: 'dead', attempts: 3, lastError: 'mail server refused', finishedAt: clock.now().toISOString() });
    clock.advance(60 * MINUTE);
    expect(await core.jobs.runDue()).toEqual({ succeeded: 0, failed: 0, dead: 0, lost: 0 });

    const retried = await execute(operations.jobs.retry, { core, actor: admin }, { id: job.id });
    expect(retried).toMatchObject({ status: 'queued', attempts: 0, finishedAt: null });
    healthy = true;
    expect(await core.jobs.runDue()).toMatchObject({ succeeded: 1 });
    expect(await jobRow(core, job.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
    await expect(execute(operations.jobs.retry, { core, actor: admin }, { id: job.id })).rejects.toThrow(/Only failed or dead jobs/);
    await expect(execute(operations.jobs.list, { core, actor: testActor({ role: 'manager' }) }, { limit: 10, offset: 0 })).rejects.toThrow(/does not allow/);
  });

  it('dedupes by idempotency key, returning the job already queued', async () => {
    const core = await freshCore(dialect);
    const first = await enqueueJob(core, admin, { kind: 'test.report', idempotencyKey: 'monthly-report:2031-03' });
    const again = await enqueueJob(core, admin, { kind: 'test.report', idempotencyKey: 'monthly-report:2031-03' });
    const other = await enqueueJob(core, admin, { kind: 'test.report', idempotencyKey: 'monthly-report:2031-04' });
    const unkeyed = await Promise.all([enqueueJob(core, admin, { kind: 'test.report' }), enqueueJob(core, admin, { kind: 'test.report' })]);
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(unkeyed[0].id).not.toBe(unkeyed[1].id);
    const rows = await core.db.selectFrom('jobs').select('id').execute();
    expect(rows).toHaveLength(4);
    const enqueues = await core.db.selectFrom('activityLog').select('entityId').where('action', '=', 'enqueue').execute();
    expect(enqueues).toHaveLength(4);
    await expect(enqueueJob(core, admin, { kind: 'Not A Kind' })).rejects.toThrow(/not a valid name/);
  });

  it('lets another runner reclaim a job whose lease expired, and drops the late finisher’s outcome', async () => {
    const clock = scheduleClock();
    const core = await freshCore(dialect, clock);
    const stuck = deferred();
    const runs: string[] = [];
    const crashing = extraRunner(core, {
      kind: 'test.lease',
      run: () => {
        runs.push('first');
        return stuck.promise;
      },
    });
    const rescuer = extraRunner(core, { kind: 'test.lease', run: () => void runs.push('second') });
    const job = await enqueueJob(core, admin, { kind: 'test.lease' });

    const firstRun = crashing.runDue();
    await expect.poll(() => runs).toEqual(['first']);
    expect(await jobRow(core, job.id)).toMatchObject({ status: 'running', attempts: 1, leasedBy: crashing.id });
    expect(await rescuer.runDue()).toMatchObject({ succeeded: 0 }); // leased: hands off

    clock.advance(5 * MINUTE);
    expect(await rescuer.runDue()).toMatchObject({ succeeded: 1 });
    expect(runs).toEqual(['first', 'second']);
    expect(await jobRow(core, job.id)).toMatchObject({ status: 'succeeded', attempts: 2, leasedBy: null });

    stuck.resolve();
    expect(await firstRun).toMatchObject({ succeeded: 0, lost: 1 });
    expect(await jobRow(core, job.id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('marks a job dead when its runner vanished during the last attempt', async () => {
    const clock = scheduleClock();
    const core = await freshCore(dialect, clock);
    const stuck = deferred();
    const crashing = extraRunner(core, { kind: 'test.once', run: () => stuck.promise });
    const rescuer = extraRunner(core, { kind: 'test.once', run: () => undefined });
    const job = await enqueueJob(core, admin, { kind: 'test.once', maxAttempts: 1 });
    const firstRun = crashing.runDue();
    await expect.poll(async () => (await jobRow(core, job.id)).status).toBe('running');
    clock.advance(5 * MINUTE);
    await rescuer.runDue();
    expect(await jobRow(core, job.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringMatching(/lease expired/) });
    stuck.resolve();
    expect(await firstRun).toMatchObject({ lost: 1 });
  });

  it('enqueues a schedule’s run once per due time, however many runners look', async () => {
    const clock = scheduleClock();
    const core = await freshCore(dialect, clock);
    const ticks: string[] = [];
    const handler: JobHandler = { kind: 'test.tick', run: (_payload, context) => void ticks.push(context.job.id) };
    const one = extraRunner(core, handler);
    const two = extraRunner(core, handler);
    await one.schedule({ name: 'test.hourly', kind: 'test.tick', cron: '0 * * * *', payload: { n: 1 } });
    await two.schedule({ name: 'test.hourly', kind: 'test.tick', cron: '0 * * * *', payload: { n: 1 } });
    const schedule = () => core.db.selectFrom('jobSchedules').selectAll().where('name', '=', 'test.hourly').executeTakeFirstOrThrow();
    expect(await schedule()).toMatchObject({ nextRunAt: '2031-03-14T16:00:00.000Z', lastRunAt: null, enabled: 1 });

    await Promise.all([one.runDue(), two.runDue()]);
    expect(ticks).toEqual([]);

    clock.set('2031-03-14T16:00:30.000Z');
    await Promise.all([one.runDue(), two.runDue(), one.runDue()]);
    let jobs = await core.db.selectFrom('jobs').selectAll().orderBy('createdAt').execute();
    expect(jobs.map((j) => j.idempotencyKey)).toEqual(['schedule:test.hourly:2031-03-14T16:00:00.000Z']);
    expect(ticks).toEqual([jobs[0]?.id]);
    expect(await schedule()).toMatchObject({ nextRunAt: '2031-03-14T17:00:00.000Z', lastRunAt: '2031-03-14T16:00:00.000Z' });

    // Down for three hours: one catch-up run, not three.
    clock.set('2031-03-14T19:10:00.000Z');
    await Promise.all([two.runDue(), one.runDue()]);
    jobs = await core.db.selectFrom('jobs').selectAll().orderBy('createdAt').execute();
    expect(jobs.map((j) => j.idempotencyKey)).toEqual(['schedule:test.hourly:2031-03-14T16:00:00.000Z', 'schedule:test.hourly:2031-03-14T17:00:00.000Z']);
    expect(ticks).toHaveLength(2);
    expect(await schedule()).toMatchObject({ nextRunAt: '2031-03-14T20:00:00.000Z' });

    // A disabled schedule stays quiet, and re-registering it does not switch it back on.
    await core.db.updateTable('jobSchedules').set({ enabled: 0 }).where('name', '=', 'test.hourly').execute();
    await one.schedule({ name: 'test.hourly', kind: 'test.tick', cron: '0 * * * *', payload: { n: 1 } });
    clock.set('2031-03-14T21:00:00.000Z');
    await one.runDue();
    expect(ticks).toHaveLength(2);
  });

  it('schedules the built-in maintenance jobs on start, and they run on this database', async () => {
    const clock = scheduleClock();
    const core = await freshCore(dialect, clock);
    await core.jobs.start({ log: quietLog });
    await core.jobs.stop();
    const schedules = await core.db.selectFrom('jobSchedules').selectAll().orderBy('name').execute();
    expect(schedules.map((s) => [s.name, s.cron, s.nextRunAt])).toEqual([
      ['automations.schedule', '*/5 * * * *', '2031-03-14T15:05:00.000Z'],
      ['backups.scheduled', '* * * * *', '2031-03-14T15:01:00.000Z'],
      ['email.sync-all', '* * * * *', '2031-03-14T15:01:00.000Z'],
      ['maintenance.optimize', '30 3 * * *', '2031-03-15T03:30:00.000Z'],
      ['maintenance.prune', '45 3 * * *', '2031-03-15T03:45:00.000Z'],
      ['notifications.digest', '0 * * * *', '2031-03-14T16:00:00.000Z'],
      ['notifications.task-reminders', '5 * * * *', '2031-03-14T15:05:00.000Z'],
    ]);
    clock.set('2031-03-15T04:00:00.000Z');
    expect(await core.jobs.runDue()).toEqual({ succeeded: 7, failed: 0, dead: 0, lost: 0 });
    const ran = await core.db.selectFrom('jobs').select(['kind', 'status', 'resultJson']).orderBy('kind').execute();
    expect(ran.map((j) => [j.kind, j.status])).toEqual([
      ['automations.schedule', 'succeeded'],
      ['backups.scheduled', 'succeeded'],
      ['email.sync-all', 'succeeded'],
      ['maintenance.optimize', 'succeeded'],
      ['maintenance.prune', 'succeeded'],
      ['notifications.digest', 'succeeded'],
      ['notifications.task-reminders', 'succeeded'],
    ]);
  });

  it('prunes delivered outbox events and old finished jobs, never what a subscriber still needs', async () => {
    const clock = scheduleClock();
    const core = await freshCore(dialect, clock);
    await core.dispatcher.subscribe({ name: 'test.slow', handle: () => undefined });
    core.jobs.register({ kind: 'test.noop', run: () => undefined });
    await enqueueJob(core, admin, { kind: 'test.noop' });
    await core.jobs.runDue();
    await core.dispatcher.drain(); // the subscriber has seen the enqueue event
    await enqueueJob(core, admin, { kind: 'test.pending' }); // this one it has not
    clock.advance(31 * 24 * 60 * MINUTE);
    expect(await pruneDelivered(core)).toEqual({ events: 1, jobs: 1 });
    expect(await core.db.selectFrom('outboxEvents').select('action').execute()).toHaveLength(1);
    expect(await core.db.selectFrom('jobs').select('kind').execute()).toEqual([{ kind: 'test.pending' }]);
  });

  it('prunes succeeded every-minute email syncs after two days, other jobs after a month', async () => {
    const clock = scheduleClock();
    const core = await freshCore(dialect, clock);
    core.jobs.register({ kind: 'test.noop', run: () => undefined });
    await enqueueJob(core, admin, { kind: 'test.noop' });
    // A mailbox that is not there: the real handler skips it and succeeds.
    await enqueueJob(core, admin, { kind: 'email.sync', payload: { mailboxId: '00000000-0000-4000-8000-000000000000', trigger: 'schedule' } });
    await core.jobs.runDue();
    clock.advance(24 * 60 * MINUTE);
    expect((await pruneDelivered(core)).jobs).toBe(0);
    clock.advance(2 * 24 * 60 * MINUTE);
    expect((await pruneDelivered(core)).jobs).toBe(1);
    expect((await core.db.selectFrom('jobs').select('kind').execute()).map((j) => j.kind)).toEqual(['test.noop']);
  });

  it('lists jobs by status and subscribers with their lag', async () => {
    const core = await freshCore(dialect);
    core.jobs.register({ kind: 'test.ok', run: () => undefined });
    await enqueueJob(core, admin, { kind: 'test.ok' });
    await core.jobs.runDue();
    await enqueueJob(core, admin, { kind: 'test.waiting' });
    await core.dispatcher.subscribe({ name: 'test.lagging', from: 'beginning', handle: () => undefined });
    const ctx = { core, actor: admin };
    const all = await execute(operations.jobs.list, ctx, { limit: 50, offset: 0 });
    expect(all.total).toBe(2);
    expect(all.data.map((j) => [j.kind, j.status])).toEqual([
      ['test.waiting', 'queued'],
      ['test.ok', 'succeeded'],
    ]);
    expect(Object.keys(all.data[0] ?? {}).sort()).toEqual(['attempts', 'createdAt', 'finishedAt', 'id', 'kind', 'lastError', 'maxAttempts', 'runAt', 'status']);
    expect((await execute(operations.jobs.list, ctx, { status: 'succeeded', limit: 50, offset: 0 })).data.map((j) => j.kind)).toEqual(['test.ok']);
    const lagging = async () => (await execute(operations.jobs.subscriptions, ctx, {})).filter((s) => s.name.startsWith('test.'));
    expect(await lagging()).toEqual([expect.objectContaining({ name: 'test.lagging', position: 0, lag: 2, attempts: 0, lastError: null, retryAt: null })]);
    await core.dispatcher.drain();
    expect((await lagging())[0]?.lag).toBe(0);
  });

  it('wakes on enqueue once started, and a job started from a bare context waits for the poll', async () => {
    const core = await openTestCore(dialect, { pollMs: 60_000 });
    onTestFinished(() => core.dispose());
    const ran: string[] = [];
    core.jobs.register({ kind: 'test.prompt', run: (payload) => void ran.push(String(payload)) });
    await core.jobs.start({ log: quietLog });
    await enqueueJob(core, admin, { kind: 'test.prompt', payload: 'now' });
    await expect.poll(() => ran, { timeout: 5_000 }).toEqual(['now']);
    if (dialect === 'sqlite') {
      // No NOTIFY on SQLite: a job enqueued by another process (here: a context that wakes nobody) waits for the next poll.
      await enqueueJob({ ...core, jobs: NOTHING_TO_WAKE }, admin, { kind: 'test.prompt', payload: 'later' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(ran).toEqual(['now']);
    }
  });
});
