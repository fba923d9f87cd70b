import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bundleStatus } from '../packages/cli/bin/bundle-status.js';
import { buildServerBundle, DEFAULT_OUTDIR, REPO_ROOT } from '../scripts/build-server.mjs';
import { type BenchRow, judged } from './table.js';

const GOALS = { coldStartSeconds: 0.5, idleRssMegabytes: 120 };
/** How long the server idles, after its first request, before its memory is read. */
const IDLE_MS = 2000;

export interface StartupSettings {
  /** Spawns of the bundled server; the median is reported. */
  runs: number;
  /** Spawns of the sources through tsx, for comparison (0 to skip). */
  sourceRuns: number;
}

interface StartupSample {
  seconds: number;
  /** CPU time the server process used until then: steadier than wall time on a shared machine. */
  cpuSeconds: number | undefined;
  /** VmRSS after the idle wait; undefined where /proc is not available. */
  rssMegabytes: number | undefined;
}

/** The bench's own environment minus anything that would change what the server does or loads. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('LPDESK_') && key !== 'DATABASE_URL' && key !== 'NODE_OPTIONS'));
  return { ...env, LPDESK_LOG_LEVEL: 'warn' };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolveUrl(match[1]);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('exit', (code) => reject(new Error(`lpdesk serve exited with ${code}: ${output.slice(0, 500)}`)));
  });
}

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, counted after the command name's closing paren). */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function residentMegabytes(pid: number): number | undefined {
  try {
    const kilobytes = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kilobytes === undefined ? undefined : Number(kilobytes) / 1024;
  } catch {
    return undefined;
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
}

/**
 * One cold start: spawn `lpdesk serve` on a fresh SQLite database (so the migrations run too) and
 * time it until GET /api/health has answered; then one more request, an idle wait, and its VmRSS.
 */
async function startOnce(command: string[], measureMemory: boolean): Promise<StartupSample> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lpdesk-bench-startup-'));
  const started = performance.now();
  const child = spawn(process.execPath, [...command, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await listeningUrl(child);
    const health = await fetch(`${url}/api/health`);
    await health.arrayBuffer();
    if (health.status !== 200) throw new Error(`GET /api/health answered ${health.status}`);
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = child.pid === undefined ? undefined : cpuSecondsOf(child.pid);
    if (!measureMemory || child.pid === undefined) return { seconds, cpuSeconds, rssMegabytes: undefined };
    await (await fetch(`${url}/api/health`)).arrayBuffer();
    await sleep(IDLE_MS);
    return { seconds, cpuSeconds, rssMegabytes: residentMegabytes(child.pid) };
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const spread = (values: number[], digits: number, unit: string) =>
  `${median(values).toFixed(digits)} ${unit} (median of ${values.length}; ${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

const cpuNote = (samples: StartupSample[]) => {
  const cpu = samples.flatMap((sample) => (sample.cpuSeconds === undefined ? [] : [sample.cpuSeconds]));
  return cpu.length > 0 ? `, CPU ${median(cpu).toFixed(2)} s` : '';
};

/** The bundle `npm start` runs, rebuilt first when a source is newer than it. */
async function currentBundle(): Promise<string> {
  const status = bundleStatus(DEFAULT_OUTDIR);
  if (status.current) return status.entry;
  process.stderr.write(`bench: building the server bundle (${status.reason})…\n`);
  return (await buildServerBundle()).entry;
}

/**
 * Cold start (process spawn → /api/health answered, fresh SQLite database, migrations included) and
 * idle RSS of the bundled `lpdesk serve`, with the sources through tsx beside it for comparison.
 */
export async function benchStartup(settings: StartupSettings = { runs: 5, sourceRuns: 3 }): Promise<BenchRow[]> {
  const bundle = await currentBundle();
  await startOnce([bundle], false); // warm the file cache: the bench measures start-up, not the disk
  const samples: StartupSample[] = [];
  for (let run = 0; run < settings.runs; run++) samples.push(await startOnce([bundle], true));
  const seconds = samples.map((sample) => sample.seconds);
  const rss = samples.flatMap((sample) => (sample.rssMegabytes === undefined ? [] : [sample.rssMegabytes]));
  const rows: BenchRow[] = [
    {
      scenario: 'cold start, bundled `lpdesk serve` (spawn → /api/health, fresh SQLite)',
      value: judged(`${spread(seconds, 2, 's')}${cpuNote(samples)}`, median(seconds) <= GOALS.coldStartSeconds),
      goal: `≤ ${GOALS.coldStartSeconds} s`,
    },
    {
      scenario: `idle RSS, bundled \`lpdesk serve\` (${IDLE_MS / 1000} s after its first request)`,
      value: rss.length > 0 ? judged(spread(rss, 0, 'MB'), median(rss) <= GOALS.idleRssMegabytes) : 'skipped: no /proc on this system',
      goal: `≤ ${GOALS.idleRssMegabytes} MB`,
    },
  ];
  if (settings.sourceRuns > 0) {
    const sources: StartupSample[] = [];
    for (let run = 0; run < settings.sourceRuns; run++) sources.push(await startOnce(['--import', 'tsx', join(REPO_ROOT, 'packages/cli/src/main.ts')], false));
    rows.push({
      scenario: 'cold start, `lpdesk serve` from the TypeScript sources (tsx), for comparison',
      value: `${spread(
        sources.map((sample) => sample.seconds),
        2,
        's',
      )}${cpuNote(sources)}`,
      goal: '—',
    });
  }
  return rows;
}
