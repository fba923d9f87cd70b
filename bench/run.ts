import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type BackgroundDialect, benchBackground } from './background.js';
import { benchContactsList, type LoadSettings } from './contacts-list.js';
import type { BenchDialect } from './lpdesk-instance.js';
import { type BenchRow, formatTable } from './table.js';

// `npm run bench [-- --seconds N --rounds N --connections N --skip-pglite --skip-web --skip-background]`. Bounded: every
// load run has a fixed duration, and a watchdog prints what was measured and fails if the total
// overruns. Missed goals are marked ✗ but do not fail the run: shared machines make numbers noisy.
const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    'warm-up': { type: 'string', default: '1' },
    connections: { type: 'string', default: '10' },
    'skip-pglite': { type: 'boolean', default: false },
    'skip-web': { type: 'boolean', default: false },
    'skip-background': { type: 'boolean', default: false },
  },
});

const settings: LoadSettings = {
  seconds: positiveInteger('--seconds', flags.seconds),
  rounds: positiveInteger('--rounds', flags.rounds),
  warmUpSeconds: positiveInteger('--warm-up', flags['warm-up']),
  connections: positiveInteger('--connections', flags.connections),
};
const TIME_LIMIT_MS = 170_000;

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number, at least 1`);
  return value;
}

const skipped = (scenario: string, error: unknown): BenchRow => ({ scenario, value: `skipped: ${(error as Error).message ?? String(error)}`, goal: '—' });

/** LP Desk's own scenarios must run: a failure is still printed as a row, but the run exits 1. */
async function contactsRows(dialect: BenchDialect): Promise<BenchRow[]> {
  process.stderr.write(`bench: GET /api/contacts on ${dialect}…\n`);
  try {
    return await benchContactsList(dialect, settings);
  } catch (error) {
    process.exitCode = 1;
    return [skipped(`GET /api/contacts?limit=50, ${dialect}`, error)];
  }
}

/**
 * Event latency and job throughput. SQLite must run; PostgreSQL needs a server (LPDESK_BENCH_PG_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres) and is skipped with a note when none answers.
 */
async function backgroundRows(dialect: BackgroundDialect): Promise<BenchRow[]> {
  process.stderr.write(`bench: events and jobs on ${dialect}…\n`);
  try {
    return await benchBackground(dialect);
  } catch (error) {
    const unreachable = dialect === 'postgres' && /ECONNREFUSED|ENOTFOUND|timeout|connect/i.test(String((error as Error).message ?? error));
    if (!unreachable) process.exitCode = 1;
    return [skipped(`events and jobs, ${dialect}${unreachable ? ' (no PostgreSQL server at LPDESK_BENCH_PG_URL)' : ''}`, error)];
  }
}

/** `bench/web.ts` is optional and owned by the web app; any failure there becomes a row, not a crash. */
async function webRows(): Promise<BenchRow[]> {
  const webBench = new URL('./web.ts', import.meta.url);
  if (!existsSync(webBench)) return [];
  process.stderr.write('bench: web…\n');
  try {
    // Imported by URL so type-checking does not require the file to exist yet.
    const module = (await import(webBench.href)) as { benchWeb?: () => Promise<BenchRow[]> };
    if (typeof module.benchWeb !== 'function') throw new Error('bench/web.ts does not export benchWeb()');
    return await module.benchWeb();
  } catch (error) {
    return [skipped('web', error)];
  }
}

const rows: BenchRow[] = [];
const startedAt = Date.now();
const watchdog = setTimeout(() => {
  rows.push({ scenario: 'bench run', value: `stopped after ${TIME_LIMIT_MS / 1000} s`, goal: `< ${TIME_LIMIT_MS / 1000} s` });
  process.stdout.write(`${formatTable(rows)}\n`);
  process.exit(1);
}, TIME_LIMIT_MS);
watchdog.unref();

rows.push(...(await contactsRows('sqlite')));
if (!flags['skip-pglite']) rows.push(...(await contactsRows('pglite')));
if (!flags['skip-background']) {
  rows.push(...(await backgroundRows('sqlite')));
  rows.push(...(await backgroundRows('postgres')));
}
if (!flags['skip-web']) rows.push(...(await webRows()));
rows.push({ scenario: 'bench run wall time', value: `${((Date.now() - startedAt) / 1000).toFixed(1)} s`, goal: `< ${TIME_LIMIT_MS / 1000} s` });

clearTimeout(watchdog);
process.stdout.write(`${formatTable(rows)}\n`);
