import { randomBytes } from 'node:crypto';
import { type Core, enqueueJob, invoke, openCore, operations, systemActor } from '@lpdesk/core';
import { type BenchDatabase, type BenchDialect, createBenchDatabase } from './databases.js';
import { type BenchRow, judged } from './table.js';

// Events and jobs: how long a committed change takes to reach a subscriber, and how many no-op jobs
// a runner gets through per second. SQLite in a temp directory, and a real PostgreSQL server (a fresh
// database, dropped afterwards) at LPDESK_BENCH_PG_URL. Each scenario is bounded by its counts and a
// deadline, so a regression shows as a slow number, not a hung bench.
export type BackgroundDialect = BenchDialect;

const WRITES = 500;
const CROSS_PROCESS_WRITES = 200;
const JOBS = 2_000;
const CONCURRENCY = 8;
const DEADLINE_MS = 20_000;
// Live updates should feel instant: a tenth of a second from commit to every subscriber. A runner
// should clear a burst of small jobs (an import's indexing, a mailbox's first sync) in seconds.
const GOALS = { eventP95Ms: 100, jobsPerSecond: 300 };

const actor = systemActor('cli');
const quiet = { info() {}, warn() {}, error() {} };

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + DEADLINE_MS;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`${what} did not finish within ${DEADLINE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * `writes` organization creates, one after another, each timed from its commit to the moment a
 * durable subscriber on `listener` handles its event. `writer` and `listener` are the same Core (an
 * in-process wake) or two Cores on one database (PostgreSQL NOTIFY between processes).
 */
async function eventLatencies(writer: Core, listener: Core, writes: number): Promise<number[]> {
  const committedAt = new Map<string, number>();
  const deliveredAt = new Map<string, number>();
  await listener.dispatcher.subscribe({
    name: `bench.latency.${randomBytes(3).toString('hex')}`,
    handle: (event) => {
      if (event.entityId) deliveredAt.set(event.entityId, performance.now());
    },
  });
  // Only the listener runs a dispatcher: across processes, NOTIFY is what wakes it.
  await listener.dispatcher.start({ log: quiet });
  for (let i = 0; i < writes; i++) {
    const created = await invoke(operations.organizations.create, { core: writer, actor }, { name: `Latency probe ${i}` });
    committedAt.set(created.id, performance.now());
  }
  await until(() => [...committedAt.keys()].every((id) => deliveredAt.has(id)), 'event delivery');
  // A subscriber may see an event before the writer's await resumes: that counts as no delay.
  return [...committedAt].map(([id, committed]) => Math.max(0, (deliveredAt.get(id) as number) - committed));
}

/** JOBS no-op jobs queued beforehand (not timed), then timed from the runner's start to the last one done. */
async function jobThroughput(core: Core): Promise<{ perSecond: number; seconds: number }> {
  let done = 0;
  core.jobs.register({
    kind: 'bench.noop',
    run: () => {
      done += 1;
    },
  });
  for (let i = 0; i < JOBS; i += 500) {
    await Promise.all(Array.from({ length: Math.min(500, JOBS - i) }, (_, j) => enqueueJob(core, actor, { kind: 'bench.noop', payload: { n: i + j } })));
  }
  const started = performance.now();
  await core.jobs.start({ log: quiet, concurrency: CONCURRENCY });
  await until(() => done >= JOBS, 'the job run');
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: JOBS / seconds, seconds };
}

async function withCores<T>(database: BenchDatabase, count: number, body: (cores: Core[]) => Promise<T>): Promise<T> {
  const cores: Core[] = [];
  try {
    for (let i = 0; i < count; i++) cores.push(await openCore(database.target, { migrate: i === 0 }));
    return await body(cores);
  } finally {
    for (const core of cores) await core.close();
  }
}

export async function benchBackground(dialect: BackgroundDialect): Promise<BenchRow[]> {
  const database = await createBenchDatabase(dialect, 'events');
  const { label } = database;
  try {
    const rows: BenchRow[] = [];
    const latencies = await withCores(database, 1, ([core]) => eventLatencies(core as Core, core as Core, WRITES));
    const p95 = percentile(latencies, 95);
    rows.push({
      scenario: `event commit → subscriber, ${label}, ${WRITES} sequential creates, same process: p50 ${ms(percentile(latencies, 50))}, p95`,
      value: judged(ms(p95), p95 <= GOALS.eventP95Ms),
      goal: `p95 ≤ ${GOALS.eventP95Ms} ms`,
    });
    if (dialect === 'postgres') {
      const across = await withCores(database, 2, ([writer, listener]) => eventLatencies(writer as Core, listener as Core, CROSS_PROCESS_WRITES));
      const acrossP95 = percentile(across, 95);
      rows.push({
        scenario: `event commit → subscriber, ${label}, ${CROSS_PROCESS_WRITES} creates, other process via NOTIFY: p50 ${ms(percentile(across, 50))}, p95`,
        value: judged(ms(acrossP95), acrossP95 <= GOALS.eventP95Ms),
        goal: `p95 ≤ ${GOALS.eventP95Ms} ms`,
      });
    }
    const jobs = await withCores(database, 1, ([core]) => jobThroughput(core as Core));
    rows.push({
      scenario: `job runner, ${label}, ${JOBS.toLocaleString('en-US')} no-op jobs, concurrency ${CONCURRENCY} (${jobs.seconds.toFixed(1)} s)`,
      value: judged(`${Math.round(jobs.perSecond).toLocaleString('en-US')} jobs/s`, jobs.perSecond >= GOALS.jobsPerSecond),
      goal: `≥ ${GOALS.jobsPerSecond} jobs/s`,
    });
    return rows;
  } finally {
    await database.cleanup();
  }
}
