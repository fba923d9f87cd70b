import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { benchBackground } from './background.js';
import { benchBackups } from './backups.js';
import { benchMcp } from './mcp.js';
import { benchGrid } from './grid.js';
import { benchEmail } from './email.js';
import { benchIdentity } from './identity.js';
import { benchImports } from './imports.js';
import { benchLegacy } from './legacy.js';
import { benchLive } from './live.js';
import { type BenchDialect, cleanupAllBenchDatabases, isUnreachable } from './databases.js';
import { stopAllChildServers } from './processes.js';
import { benchScale, type LoadSettings, type ScaleResult } from './scale.js';
import { postgresRows, scaleRows, throughputKeptRow } from './scale-rows.js';
import { seedBenchDatabase } from './seeded-database.js';
import { type BenchRow, formatTable } from './table.js';

// `npm run bench [-- --sizes 250,25000 --skip-pg --skip-web --skip-background --skip-startup --skip-grid --skip-live
//   --only scale,grid,startup,background,live,web,identity,email,backups,imports,legacy,mcp --seconds N --rounds N --warm-up N --connections N --time-limit S]`
// Bounded: every load run has a fixed duration, every latency run a request count and a deadline, and a
// watchdog prints what was measured (stopping servers and dropping databases) if the total overruns.
// Missed goals are marked ✗ but do not fail the run: shared machines make numbers noisy.
const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '250,25000' },
    seconds: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    'warm-up': { type: 'string', default: '1' },
    connections: { type: 'string', default: '10' },
    'time-limit': { type: 'string', default: '360' },
    'skip-pg': { type: 'boolean', default: false },
    'skip-web': { type: 'boolean', default: false },
    'skip-background': { type: 'boolean', default: false },
    'skip-startup': { type: 'boolean', default: false },
    'skip-live': { type: 'boolean', default: false },
    'skip-grid': { type: 'boolean', default: false },
    'skip-email': { type: 'boolean', default: false },
    'skip-backups': { type: 'boolean', default: false },
    'skip-mcp': { type: 'boolean', default: false },
    'skip-imports': { type: 'boolean', default: false },
    /** Comma-separated sections to run (scale, grid, startup, background, live, web); absent: all not skipped. */
    only: { type: 'string' },
  },
});

const SECTIONS = ['scale', 'grid', 'startup', 'background', 'live', 'web', 'identity', 'email', 'backups', 'imports', 'legacy', 'mcp'] as const;
const only = flags.only === undefined ? null : new Set(flags.only.split(',').map((section) => section.trim()));
for (const section of only ?? [])
  if (!(SECTIONS as readonly string[]).includes(section)) throw new Error(`--only: unknown section "${section}" (one of ${SECTIONS.join(', ')})`);
const runs = (section: (typeof SECTIONS)[number]) => (only ? only.has(section) : !flags[`skip-${section}` as 'skip-grid']);

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number, at least 1`);
  return value;
}

const settings: LoadSettings = {
  seconds: positiveInteger('--seconds', flags.seconds),
  rounds: positiveInteger('--rounds', flags.rounds),
  warmUpSeconds: positiveInteger('--warm-up', flags['warm-up']),
  connections: positiveInteger('--connections', flags.connections),
};
const sizes = [...new Set(flags.sizes.split(',').map((size) => positiveInteger('--sizes', size.trim())))].sort((a, b) => a - b);
if (sizes.some((size) => size > 25_000)) throw new Error('--sizes: the demo seed makes at most 25,000 contacts (1,000 copies)');
const TIME_LIMIT_MS = positiveInteger('--time-limit', flags['time-limit']) * 1000;

const skipped = (scenario: string, error: unknown): BenchRow => ({ scenario, value: `skipped: ${(error as Error).message ?? String(error)}`, goal: '—' });
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

/**
 * One dialect at every size: seeded once per size, measured, dropped. SQLite must run (a failure exits
 * 1); PostgreSQL is skipped with a note when no server answers at LPDESK_BENCH_PG_URL.
 */
async function scaleResults(dialect: BenchDialect, rows: BenchRow[]): Promise<ScaleResult[]> {
  const results: ScaleResult[] = [];
  for (const size of sizes) {
    progress(`${dialect}, ${size.toLocaleString('en-US')} contacts: seeding…`);
    try {
      const seeded = await seedBenchDatabase(dialect, size);
      try {
        progress(`${dialect}, ${seeded.seeded.contacts.toLocaleString('en-US')} contacts seeded in ${seeded.seedSeconds.toFixed(1)} s; measuring…`);
        const result = await benchScale(seeded, settings);
        results.push(result);
        rows.push(...scaleRows(result, settings, dialect === 'sqlite' && size === sizes.at(-1) && sizes.length > 0));
      } finally {
        await seeded.database.cleanup();
      }
    } catch (error) {
      const unreachable = dialect === 'postgres' && isUnreachable(error);
      if (!unreachable) process.exitCode = 1;
      rows.push(skipped(`${dialect}, ${size.toLocaleString('en-US')} contacts${unreachable ? ' (no PostgreSQL server at LPDESK_BENCH_PG_URL)' : ''}`, error));
      if (unreachable) break;
    }
  }
  const [smallest, largest] = [results[0], results.at(-1)];
  if (smallest && largest && smallest !== largest) rows.push(throughputKeptRow(smallest, largest, dialect === 'sqlite'));
  return results;
}

/** Cold start and idle RSS come from `bench/startup.ts` (the bundled server's own bench) when it is there. */
async function startupRows(): Promise<BenchRow[]> {
  const startupBench = new URL('./startup.ts', import.meta.url);
  if (!existsSync(startupBench))
    return [{ scenario: 'cold start and idle RSS', value: 'skipped: bench/startup.ts is not on this branch', goal: '≤ 0.5 s, ≤ 120 MB' }];
  progress('cold start and RSS…');
  try {
    // Imported by URL so type-checking does not require the file to exist.
    const module = (await import(startupBench.href)) as { benchStartup?: () => Promise<BenchRow[]> };
    if (typeof module.benchStartup !== 'function') throw new Error('bench/startup.ts does not export benchStartup()');
    return await module.benchStartup();
  } catch (error) {
    process.exitCode = 1;
    return [skipped('cold start and idle RSS', error)];
  }
}

/** Event latency and job throughput, on SQLite and (when a server answers) PostgreSQL. */
async function backgroundRows(dialect: BenchDialect): Promise<BenchRow[]> {
  progress(`events and jobs on ${dialect}…`);
  try {
    return await benchBackground(dialect);
  } catch (error) {
    const unreachable = dialect === 'postgres' && isUnreachable(error);
    if (!unreachable) process.exitCode = 1;
    return [skipped(`events and jobs, ${dialect}${unreachable ? ' (no PostgreSQL server at LPDESK_BENCH_PG_URL)' : ''}`, error)];
  }
}

/** The grid over 1,000 investors × 6 funds × 30 custom fields (bench/grid.ts). */
async function gridRows(dialect: BenchDialect): Promise<BenchRow[]> {
  progress(`grid on ${dialect}: seeding 1,000 investors × 6 funds × 30 custom fields…`);
  try {
    return await benchGrid(dialect);
  } catch (error) {
    const unreachable = dialect === 'postgres' && isUnreachable(error);
    if (!unreachable) process.exitCode = 1;
    return [skipped(`grid, ${dialect}${unreachable ? ' (no PostgreSQL server at LPDESK_BENCH_PG_URL)' : ''}`, error)];
  }
}

/** Edit-to-other-client latency over the live WebSocket (bench/live.ts). */
async function liveRows(dialect: BenchDialect): Promise<BenchRow[]> {
  progress(`live updates on ${dialect}…`);
  try {
    return await benchLive(dialect);
  } catch (error) {
    const unreachable = dialect === 'postgres' && isUnreachable(error);
    if (!unreachable) process.exitCode = 1;
    return [skipped(`live updates, ${dialect}${unreachable ? ' (no PostgreSQL server at LPDESK_BENCH_PG_URL)' : ''}`, error)];
  }
}

/** `bench/web.ts` is optional and owned by the web app; any failure there becomes a row, not a crash. */
async function webRows(): Promise<BenchRow[]> {
  const webBench = new URL('./web.ts', import.meta.url);
  if (!existsSync(webBench)) return [];
  progress('web…');
  try {
    // Imported by URL so type-checking does not require the file to exist yet.
    const module = (await import(webBench.href)) as { benchWeb?: () => Promise<BenchRow[]> };
    if (typeof module.benchWeb !== 'function') throw new Error('bench/web.ts does not export benchWeb()');
    return await module.benchWeb();
  } catch (error) {
    return [skipped('web', error)];
  }
}

const rows: BenchRow[] = [
  {
    scenario: 'machine',
    value: `${availableParallelism()} CPUs, load average ${loadavg()[0]?.toFixed(1)} at start, Node ${process.versions.node}`,
    goal: "info (others' work on a shared box shows in every number)",
  },
];
const startedAt = Date.now();
const wallTimeGoal = `< ${TIME_LIMIT_MS / 1000} s`;
const watchdog = setTimeout(() => {
  rows.push({ scenario: 'bench run', value: `stopped after ${TIME_LIMIT_MS / 1000} s`, goal: wallTimeGoal });
  process.stdout.write(`${formatTable(rows)}\n`);
  // Dropping a database under a scenario still running makes its pool fail: expected on the way out.
  process.on('uncaughtException', () => {});
  void Promise.allSettled([stopAllChildServers(), cleanupAllBenchDatabases()]).finally(() => process.exit(1));
}, TIME_LIMIT_MS);
watchdog.unref();

if (runs('scale')) {
  const sqlite = await scaleResults('sqlite', rows);
  if (!flags['skip-pg']) {
    const postgres = await scaleResults('postgres', rows);
    const [sqliteLargest, postgresLargest] = [sqlite.at(-1), postgres.at(-1)];
    if (sqliteLargest && postgresLargest && sqliteLargest.seeded.seeded.contacts === postgresLargest.seeded.seeded.contacts)
      rows.push(...postgresRows(sqliteLargest, postgresLargest));
  }
}
if (runs('grid')) {
  rows.push(...(await gridRows('sqlite')));
  if (!flags['skip-pg']) rows.push(...(await gridRows('postgres')));
}
if (runs('startup')) rows.push(...(await startupRows()));
if (runs('background')) {
  rows.push(...(await backgroundRows('sqlite')));
  if (!flags['skip-pg']) rows.push(...(await backgroundRows('postgres')));
}
if (runs('live')) {
  rows.push(...(await liveRows('sqlite')));
  if (!flags['skip-pg']) rows.push(...(await liveRows('postgres')));
}
if (runs('web')) rows.push(...(await webRows()));
if (runs('identity')) rows.push(...(await benchIdentity(flags['skip-pg'] ? ['sqlite'] : ['sqlite', 'postgres'])));
if (runs('email')) rows.push(...(await benchEmail(flags['skip-pg'] ? ['sqlite'] : ['sqlite', 'postgres'])));
if (runs('backups')) rows.push(...(await benchBackups(flags['skip-pg'] ? ['sqlite'] : ['sqlite', 'postgres'])));
if (runs('imports')) rows.push(...(await benchImports(flags['skip-pg'] ? ['sqlite'] : ['sqlite', 'postgres'])));
if (runs('legacy')) rows.push(...(await benchLegacy(flags['skip-pg'] ? ['sqlite'] : ['sqlite', 'postgres'])));
if (runs('mcp')) rows.push(...(await benchMcp(flags['skip-pg'] ? ['sqlite'] : ['sqlite', 'postgres'])));
rows.push({ scenario: 'bench run wall time', value: `${((Date.now() - startedAt) / 1000).toFixed(1)} s`, goal: wallTimeGoal });

clearTimeout(watchdog);
process.stdout.write(`${formatTable(rows)}\n`);
