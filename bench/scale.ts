import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coreOptionsFrom, loadConfig, openCore } from '@lpdesk/core';
import { withPgAdmin } from './databases.js';
import { type ExportTiming, measureExports } from './export.js';
import { fetchOk, type LatencyResult, type LatencySettings, measureLatency } from './latency.js';
import { measureLoad } from './load.js';
import { canReadCpu, type ChildServer, rssMb, startChildServer, totalCpuMs } from './processes.js';
import { CONTACTS_LIST_PATH, DASHBOARD_PATH, LP_TRACKER_PATH, OWN_STACK_FLOOR_PATH, SEARCH_TERM } from './scenarios.js';
import type { SeededDatabase } from './seeded-database.js';

// One dialect at one size: the contacts list under load beside its two floors, then one-at-a-time
// latency of search, the dashboard and the LP tracker. Every server under test is a child process.

export interface LoadSettings {
  connections: number;
  warmUpSeconds: number;
  /** Length of one measured run; the list and both floors alternate for `rounds` runs each. */
  seconds: number;
  rounds: number;
}

export interface Throughput {
  /** Medians over the rounds. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU of the server process per request completed (null where /proc is unavailable). */
  cpuMsPerRequest: number | null;
  /** PostgreSQL: CPU of the database's server processes per request. */
  databaseCpuMsPerRequest: number | null;
  slowest: number;
  fastest: number;
}

export interface ScaleResult {
  seeded: SeededDatabase;
  bodyBytes: number;
  /** Time the server took after start to deliver seed events and run due jobs before measuring. */
  settleSeconds: number;
  list: Throughput;
  ownStackFloor: Throughput;
  bareFloor: Throughput;
  /** Medians of each round's own ratio, so both sides of a ratio saw the same background load. */
  listToOwnStack: number;
  listToBare: number;
  search: LatencyResult;
  dashboard: LatencyResult;
  lpTracker: LatencyResult & { path: string };
  /** The whole contacts list exported by the server, CSV then XLSX. */
  exports: ExportTiming[];
  /** Resident memory of the LP Desk process after all of the above. */
  serverRssMb: number | null;
}

const SEARCH_LATENCY: LatencySettings = { maxRequests: 200, maxSeconds: 3, warmUp: 5 };
const REPORT_LATENCY: LatencySettings = { maxRequests: 100, maxSeconds: 2, warmUp: 2 };
const SETTLE_TIMEOUT_MS = 60_000;

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/**
 * Wait until the server has delivered every event the seed logged and run every job that is due, so
 * the load is not measured against catch-up work (a search index built from events, say).
 */
async function waitUntilSettled(seeded: SeededDatabase): Promise<number> {
  const config = loadConfig({ env: seeded.database.env });
  const core = await openCore(coreOptionsFrom(config).target, { migrate: false });
  const started = performance.now();
  try {
    for (;;) {
      const outbox = await core.db
        .selectFrom('outboxEvents')
        .select((eb) => eb.fn.max('position').as('last'))
        .executeTakeFirst();
      const slowest = await core.db
        .selectFrom('eventSubscriptions')
        .select((eb) => eb.fn.min('position').as('position'))
        .executeTakeFirst();
      const due = await core.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', ['queued', 'running'])
        .where('runAt', '<=', new Date().toISOString())
        .executeTakeFirstOrThrow();
      const eventsDone = slowest?.position === null || slowest?.position === undefined || Number(slowest.position) >= Number(outbox?.last ?? 0);
      if (eventsDone && Number(due.n) === 0) return (performance.now() - started) / 1000;
      if (performance.now() - started > SETTLE_TIMEOUT_MS)
        throw new Error(`the server was still catching up on events or jobs after ${SETTLE_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await core.close();
  }
}

/** The PostgreSQL server processes serving this database (the LP Desk pool's connections). */
async function databaseBackends(seeded: SeededDatabase): Promise<number[]> {
  const name = seeded.database.databaseName;
  if (!name || !canReadCpu()) return [];
  const { rows } = await withPgAdmin((client) => client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]));
  return rows.map((row) => row.pid);
}

interface Target {
  url: string;
  headers: Record<string, string>;
  pid: number;
  databasePids: number[];
}

interface Sample {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number | null;
  databaseCpuMsPerRequest: number | null;
}

async function sample(target: Target, settings: LoadSettings, warmUp: boolean): Promise<Sample> {
  const load = { url: target.url, headers: target.headers, connections: settings.connections };
  if (warmUp && settings.warmUpSeconds > 0) await measureLoad({ ...load, seconds: settings.warmUpSeconds, warmUpSeconds: 0 });
  const measureCpu = canReadCpu();
  const before = measureCpu ? totalCpuMs([target.pid]) : 0;
  const databaseBefore = totalCpuMs(target.databasePids);
  const result = await measureLoad({ ...load, seconds: settings.seconds, warmUpSeconds: 0 });
  const cpuMsPerRequest = measureCpu ? (totalCpuMs([target.pid]) - before) / result.requests : null;
  const databaseCpuMsPerRequest = target.databasePids.length ? (totalCpuMs(target.databasePids) - databaseBefore) / result.requests : null;
  return { requestsPerSecond: result.requestsPerSecond, p50Ms: result.p50Ms, p99Ms: result.p99Ms, cpuMsPerRequest, databaseCpuMsPerRequest };
}

function summarise(samples: Sample[]): Throughput {
  const rates = samples.map((s) => s.requestsPerSecond);
  const cpu = samples.map((s) => s.cpuMsPerRequest).filter((v): v is number => v !== null);
  const databaseCpu = samples.map((s) => s.databaseCpuMsPerRequest).filter((v): v is number => v !== null);
  return {
    requestsPerSecond: median(rates),
    p50Ms: median(samples.map((s) => s.p50Ms)),
    p99Ms: median(samples.map((s) => s.p99Ms)),
    cpuMsPerRequest: cpu.length ? median(cpu) : null,
    databaseCpuMsPerRequest: databaseCpu.length ? median(databaseCpu) : null,
    slowest: Math.min(...rates),
    fastest: Math.max(...rates),
  };
}

/** The LP tracker's first page where the route pages (`limit`), else the whole report as it is today. */
async function lpTrackerPath(baseUrl: string, headers: Record<string, string>): Promise<string> {
  const paged = `${LP_TRACKER_PATH}?limit=50`;
  return (await fetchOk(`${baseUrl}${paged}`, headers)).status === 200 ? paged : LP_TRACKER_PATH;
}

export async function benchScale(seeded: SeededDatabase, settings: LoadSettings): Promise<ScaleResult> {
  const headers = { authorization: `Bearer ${seeded.apiKey}` };
  const lpdesk = await startChildServer<{ url: string; bytes: number }>('./server-process.ts', [], {
    ...seeded.database.env,
    LPDESK_PORT: '0',
    LPDESK_HOST: '127.0.0.1',
    LPDESK_BENCH_API_KEY: seeded.apiKey,
  });
  let bare: ChildServer<{ url: string }> | undefined;
  try {
    const settleSeconds = await waitUntilSettled(seeded);
    const reference = await fetchOk(`${lpdesk.ready.url}${CONTACTS_LIST_PATH}`, headers);
    const bodyFile = join(seeded.database.dataDir, 'contacts-page.json');
    writeFileSync(bodyFile, reference.body);
    bare = await startChildServer<{ url: string }>('./floor-process.ts', [bodyFile, 'application/json; charset=utf-8'], {});
    const databasePids = await databaseBackends(seeded);
    const targets = {
      list: { url: `${lpdesk.ready.url}${CONTACTS_LIST_PATH}`, headers, pid: lpdesk.pid, databasePids },
      ownStackFloor: { url: `${lpdesk.ready.url}${OWN_STACK_FLOOR_PATH}`, headers, pid: lpdesk.pid, databasePids },
      bareFloor: { url: `${bare.ready.url}${OWN_STACK_FLOOR_PATH}`, headers: {}, pid: bare.pid, databasePids: [] },
    };
    const rounds: { list: Sample; ownStackFloor: Sample; bareFloor: Sample }[] = [];
    // Alternate the three so each sees the same background load (the box may be shared).
    for (let round = 0; round < settings.rounds; round++) {
      const list = await sample(targets.list, settings, round === 0);
      const ownStackFloor = await sample(targets.ownStackFloor, settings, round === 0);
      const bareFloor = await sample(targets.bareFloor, settings, round === 0);
      rounds.push({ list, ownStackFloor, bareFloor });
    }
    await bare.stop();

    const search = await measureLatency(`${lpdesk.ready.url}${CONTACTS_LIST_PATH}&q=${SEARCH_TERM}`, headers, SEARCH_LATENCY);
    const dashboard = await measureLatency(`${lpdesk.ready.url}${DASHBOARD_PATH}`, headers, REPORT_LATENCY);
    const trackerPath = await lpTrackerPath(lpdesk.ready.url, headers);
    const lpTracker = await measureLatency(`${lpdesk.ready.url}${trackerPath}`, headers, REPORT_LATENCY);
    const exports = await measureExports(lpdesk.ready.url, headers);
    return {
      seeded,
      bodyBytes: reference.bytes,
      settleSeconds,
      list: summarise(rounds.map((r) => r.list)),
      ownStackFloor: summarise(rounds.map((r) => r.ownStackFloor)),
      bareFloor: summarise(rounds.map((r) => r.bareFloor)),
      listToOwnStack: median(rounds.map((r) => r.list.requestsPerSecond / r.ownStackFloor.requestsPerSecond)),
      listToBare: median(rounds.map((r) => r.list.requestsPerSecond / r.bareFloor.requestsPerSecond)),
      search,
      dashboard,
      lpTracker: { ...lpTracker, path: trackerPath },
      exports,
      serverRssMb: canReadCpu() ? rssMb(lpdesk.pid) : null,
    };
  } finally {
    await bare?.stop();
    await lpdesk.stop();
  }
}
