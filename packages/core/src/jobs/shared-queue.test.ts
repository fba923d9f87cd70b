import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type Core, openCore } from '../core.js';
import { type CoreContext, NOTHING_TO_WAKE } from '../kernel/context.js';
import { createDispatcher, type Dispatcher } from '../kernel/dispatcher.js';
import type { DomainEvent } from '../kernel/outbox.js';
import { write } from '../kernel/write.js';
import { createTestTarget, openTestCore, testActor, testClock, testDialects, type TestDialect } from '../testing/index.js';
import { enqueueJob } from './commands.js';
import { createJobRunner, type JobHandler, type JobRunner } from './runner.js';

// PostgreSQL only: several processes share one database. On a real server each "process" is a Core
// of its own (its own pool, its own LISTEN connection) on the same database; PGlite lives inside one
// process, so there the two sides are two runners and two dispatchers over one Core.
const postgresDialects = testDialects().filter((dialect) => dialect !== 'sqlite');
const actor = testActor({ kind: 'system', door: 'cli' });
const quietLog = { info() {}, warn() {}, error() {} };

interface Side {
  runner: JobRunner;
  dispatcher: Dispatcher;
}

interface TwoProcesses {
  one: Side;
  two: Side;
  /** Writes as a third party: a context that wakes nobody in this process, as another process would. */
  writer: CoreContext;
}

async function twoProcesses(dialect: TestDialect, options: { pollMs?: number } = {}): Promise<TwoProcesses> {
  const poll = options.pollMs === undefined ? {} : { pollMs: options.pollMs };
  if (dialect === 'postgres') {
    const target = await createTestTarget('postgres');
    const cores: Core[] = [];
    for (const migrate of [true, false, false]) cores.push(await openCore(target.target, { migrate, clock: testClock(), ...poll }));
    onTestFinished(async () => {
      for (const core of cores) await core.close();
      await target.cleanup();
    });
    const [one, two, writer] = cores as [Core, Core, Core];
    return { one: { runner: one.jobs, dispatcher: one.dispatcher }, two: { runner: two.jobs, dispatcher: two.dispatcher }, writer };
  }
  const core = await openTestCore(dialect, poll);
  onTestFinished(() => core.dispose());
  // The Core's own runner and dispatcher (which LISTEN) are side two; side one is a bare pair.
  const firstRunner = createJobRunner(core, { skipLocked: true, ...poll });
  const firstDispatcher = createDispatcher(core, { shared: false, ...poll });
  onTestFinished(async () => {
    await firstRunner.stop();
    await firstDispatcher.stop();
  });
  return { one: { runner: firstRunner, dispatcher: firstDispatcher }, two: { runner: core.jobs, dispatcher: core.dispatcher }, writer: { ...core, dispatcher: NOTHING_TO_WAKE, jobs: NOTHING_TO_WAKE } };
}

describe.skipIf(postgresDialects.length === 0).each(postgresDialects)('a queue and an outbox shared by two processes on %s', (dialect) => {
  it('runs each of 200 jobs exactly once between two runners', async () => {
    const { one, two, writer } = await twoProcesses(dialect);
    const ranBy = new Map<string, string[]>();
    const handler = (who: string): JobHandler => ({
      kind: 'test.shared',
      async run(_payload, { job }) {
        ranBy.set(job.id, [...(ranBy.get(job.id) ?? []), who]);
        await sleep(2);
      },
    });
    one.runner.register(handler('one'));
    two.runner.register(handler('two'));
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push((await enqueueJob(writer, actor, { kind: 'test.shared', payload: { i } })).id);

    await Promise.all([one.runner.start({ log: quietLog }), two.runner.start({ log: quietLog })]);
    onTestFinished(async () => {
      await one.runner.stop();
      await two.runner.stop();
    });
    await expect.poll(() => ranBy.size, { timeout: 60_000, interval: 100 }).toBe(200);
    await one.runner.stop();
    await two.runner.stop();

    expect([...ranBy.keys()].sort()).toEqual([...ids].sort());
    const twice = [...ranBy.entries()].filter(([, runners]) => runners.length !== 1);
    expect(twice).toEqual([]);
    const counts = { one: 0, two: 0 };
    for (const [runner] of ranBy.values()) counts[runner as 'one' | 'two'] += 1;
    expect(counts.one).toBeGreaterThan(0);
    expect(counts.two).toBeGreaterThan(0);
    const statuses = await writer.db.selectFrom('jobs').select(['status', 'attempts']).where('kind', '=', 'test.shared').execute();
    expect(statuses.every((row) => row.status === 'succeeded' && Number(row.attempts) === 1)).toBe(true);
  });

  it('delivers each event once, in order, to a subscriber both processes run', async () => {
    const { one, two, writer } = await twoProcesses(dialect);
    const delivered: { by: string; position: number }[] = [];
    const subscriber = (by: string) => ({
      name: 'test.shared-subscriber',
      async handleBatch(events: DomainEvent[]) {
        for (const event of events) delivered.push({ by, position: event.position });
        await sleep(2);
      },
      batchSize: 5,
    });
    await one.dispatcher.subscribe(subscriber('one'));
    await two.dispatcher.subscribe(subscriber('two'));
    await Promise.all([one.dispatcher.start({ log: quietLog }), two.dispatcher.start({ log: quietLog })]);
    onTestFinished(async () => {
      await one.dispatcher.stop();
      await two.dispatcher.stop();
    });
    for (let i = 0; i < 100; i++) {
      await write(writer, actor, (scope) => scope.log({ action: 'probe', entityType: 'probe', entityId: null, diff: { after: { i } } }));
      if (i % 10 === 0) {
        one.dispatcher.wake();
        two.dispatcher.wake();
      }
    }
    await expect.poll(() => delivered.length, { timeout: 60_000, interval: 100 }).toBe(100);
    await one.dispatcher.drain();
    await two.dispatcher.drain();
    expect(delivered).toHaveLength(100);
    const positions = delivered.map((d) => d.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(100);
  });

  it('wakes the other process with NOTIFY when a job is enqueued or an event committed', async () => {
    // Polling is an hour apart here, so only a notification can deliver within the test.
    const { two, writer } = await twoProcesses(dialect, { pollMs: 3_600_000 });
    const ran: string[] = [];
    const heard: string[] = [];
    two.runner.register({ kind: 'test.notify', run: (payload) => void ran.push(String(payload)) });
    await two.dispatcher.subscribe({ name: 'test.notify-subscriber', handle: (event) => void heard.push(event.action) });
    await two.runner.start({ log: quietLog });
    await two.dispatcher.start({ log: quietLog });
    onTestFinished(async () => {
      await two.runner.stop();
      await two.dispatcher.stop();
    });
    // Let the start-up look finish, so what follows can only arrive by notification.
    await sleep(200);

    await enqueueJob(writer, actor, { kind: 'test.notify', payload: 'from elsewhere' });
    await expect.poll(() => ran, { timeout: 10_000 }).toEqual(['from elsewhere']);
    await write(writer, actor, (scope) => scope.log({ action: 'nudge', entityType: 'probe', entityId: null, diff: {} }));
    await expect.poll(() => heard, { timeout: 10_000 }).toContain('nudge');
  });
});
