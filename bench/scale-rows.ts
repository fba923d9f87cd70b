import { EXPORT_GOAL_MS, EXPORT_PATH } from './export.js';
import type { LatencyResult } from './latency.js';
import type { ScaleResult, Throughput } from './scale.js';
import { CONTACTS_LIST_PATH, DASHBOARD_PATH, SEARCH_TERM } from './scenarios.js';
import { type BenchRow, verdict } from './table.js';

// Goals from issue 8, graded at the largest size on SQLite (the default install); PostgreSQL is held to
// "within 2× of SQLite" at that size. Everything else is printed for information.
export const GOALS = {
  /** List throughput at the largest size ÷ at the smallest: the list must not slow down with the data. */
  throughputKept: 0.8,
  /** List throughput ÷ LP Desk's own stack answering fixed bytes: the query and presenting cost at most as much again. */
  listToOwnStack: 0.5,
  searchP99Ms: 15,
  reportP50Ms: 20,
  postgresToSqlite: 2,
};

const INFO = 'info';
const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 100 ? `${whole(n)} ms` : `${n.toFixed(1)} ms`);
const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
const cpu = (value: number | null) => (value === null ? 'CPU n/a' : `${value.toFixed(2)} CPU ms/req`);

function throughputValue(t: Throughput): string {
  const database = t.databaseCpuMsPerRequest === null ? '' : ` + ${t.databaseCpuMsPerRequest.toFixed(2)} in PostgreSQL`;
  return `${whole(t.requestsPerSecond)} req/s · ${cpu(t.cpuMsPerRequest)}${database} · p50 ${ms(t.p50Ms)} · p99 ${ms(t.p99Ms)}`;
}

const latencyRuns = (l: LatencyResult) => `${l.requests} requests one at a time, ${kb(l.bytes)}`;

export const labelOf = (result: ScaleResult) => `${result.seeded.database.label}, ${whole(result.seeded.seeded.contacts)} contacts`;

/** The rows of one dialect at one size; `graded` when this is where the issue's goals apply. */
export function scaleRows(result: ScaleResult, settings: { connections: number; rounds: number; seconds: number }, graded: boolean): BenchRow[] {
  const label = labelOf(result);
  const { list, ownStackFloor, bareFloor, search, dashboard, lpTracker } = result;
  const rounds = `median of ${settings.rounds}×${settings.seconds} s, ${whole(list.slowest)}–${whole(list.fastest)} req/s`;
  const settled = result.settleSeconds >= 0.5 ? `; waited ${result.settleSeconds.toFixed(1)} s for seed events/jobs` : '';
  return [
    {
      scenario: `${label}: seed (demo × ${result.seeded.copies}: ${whole(result.seeded.seeded.organizations)} organizations, ${whole(result.seeded.seeded.commitments)} commitments)`,
      value: `${result.seeded.seedSeconds.toFixed(1)} s${settled}`,
      goal: INFO,
    },
    { scenario: `${label}: GET ${CONTACTS_LIST_PATH}, ${settings.connections} connections (${rounds})`, value: throughputValue(list), goal: INFO },
    {
      scenario: `${label}: own-stack floor (LP Desk's server, API-key auth, fixed ${whole(result.bodyBytes)} bytes)`,
      value: throughputValue(ownStackFloor),
      goal: 'reference',
    },
    { scenario: `${label}: bare Fastify floor (same bytes, own process)`, value: throughputValue(bareFloor), goal: 'reference' },
    {
      scenario: `${label}: list ÷ own-stack floor (list ÷ bare floor ${result.listToBare.toFixed(2)})`,
      value: result.listToOwnStack.toFixed(2),
      goal: graded ? verdict(`≥ ${GOALS.listToOwnStack}`, result.listToOwnStack >= GOALS.listToOwnStack) : INFO,
    },
    {
      scenario: `${label}: GET ${CONTACTS_LIST_PATH}&q=${SEARCH_TERM} (${latencyRuns(search)})`,
      value: `p50 ${ms(search.p50Ms)} · p99 ${ms(search.p99Ms)}`,
      goal: graded ? verdict(`p99 ≤ ${GOALS.searchP99Ms} ms`, search.p99Ms <= GOALS.searchP99Ms) : INFO,
    },
    {
      scenario: `${label}: GET ${DASHBOARD_PATH} (${latencyRuns(dashboard)})`,
      value: `p50 ${ms(dashboard.p50Ms)} · p99 ${ms(dashboard.p99Ms)}`,
      goal: graded ? verdict(`p50 ≤ ${GOALS.reportP50Ms} ms`, dashboard.p50Ms <= GOALS.reportP50Ms) : INFO,
    },
    {
      scenario: `${label}: GET ${lpTracker.path}${lpTracker.path.includes('limit') ? ' (first page' : ' (whole report: the route takes no page size yet'}; ${latencyRuns(lpTracker)})`,
      value: `p50 ${ms(lpTracker.p50Ms)} · p99 ${ms(lpTracker.p99Ms)}`,
      goal: graded ? verdict(`p50 ≤ ${GOALS.reportP50Ms} ms`, lpTracker.p50Ms <= GOALS.reportP50Ms) : INFO,
    },
    ...result.exports.map((e) => ({
      scenario: `${label}: GET ${EXPORT_PATH}?format=${e.format} (the whole list${e.rows === null ? '' : `, ${whole(e.rows)} rows`}, ${kb(e.bytes)}; median of 3 full downloads)`,
      value: ms(e.medianMs),
      goal: graded ? verdict(`≤ ${EXPORT_GOAL_MS.toLocaleString('en-US')} ms`, e.medianMs <= EXPORT_GOAL_MS) : INFO,
    })),
    { scenario: `${label}: LP Desk server RSS after the run`, value: result.serverRssMb === null ? 'n/a' : `${whole(result.serverRssMb)} MB`, goal: INFO },
  ];
}

/** The list keeps its pace as the data grows: largest ÷ smallest size, per dialect. */
export function throughputKeptRow(small: ScaleResult, large: ScaleResult, graded: boolean): BenchRow {
  const kept = large.list.requestsPerSecond / small.list.requestsPerSecond;
  return {
    scenario: `${large.seeded.database.label}: list throughput at ${whole(large.seeded.seeded.contacts)} ÷ at ${whole(small.seeded.seeded.contacts)} contacts`,
    value: kept.toFixed(2),
    goal: graded ? verdict(`≥ ${GOALS.throughputKept}`, kept >= GOALS.throughputKept) : INFO,
  };
}

/** PostgreSQL against SQLite at the same size: time per request (or per list request at full load). */
export function postgresRows(sqlite: ScaleResult, postgres: ScaleResult): BenchRow[] {
  const size = `${whole(postgres.seeded.seeded.contacts)} contacts`;
  const row = (what: string, ratio: number): BenchRow => ({
    scenario: `PostgreSQL ÷ SQLite at ${size}: ${what}`,
    value: `${ratio.toFixed(2)}×`,
    goal: verdict(`≤ ${GOALS.postgresToSqlite}×`, ratio <= GOALS.postgresToSqlite),
  });
  return [
    row('list time per request (SQLite req/s ÷ PostgreSQL req/s)', sqlite.list.requestsPerSecond / postgres.list.requestsPerSecond),
    row(`?q=${SEARCH_TERM} p99`, postgres.search.p99Ms / sqlite.search.p99Ms),
    row('dashboard p50', postgres.dashboard.p50Ms / sqlite.dashboard.p50Ms),
    row('LP tracker p50', postgres.lpTracker.p50Ms / sqlite.lpTracker.p50Ms),
  ];
}
