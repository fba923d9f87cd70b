import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Servers under test run in child processes, so their CPU time can be read from /proc and nothing
// of the bench (load generator, bookkeeping) is counted in it.

export interface ChildServer<Ready> {
  pid: number;
  ready: Ready;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 90_000;
const running = new Set<() => Promise<void>>();

/** Stop every child still running: the watchdog's way out must not leave servers behind. */
export async function stopAllChildServers(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

/**
 * `node --import tsx <script>` with exactly `env` (plus PATH): the child reports `ready` over IPC once
 * it answers. Its stdout (request logs) goes to /dev/null; stderr is kept to explain a failed start.
 */
export function startChildServer<Ready>(script: string, args: string[], env: Record<string, string>): Promise<ChildServer<Ready>> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    running.delete(stop);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  running.add(stop);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not start within ${START_TIMEOUT_MS / 1000} s: ${stderr}`));
    }, START_TIMEOUT_MS);
    child.once('message', (ready: Ready) => {
      clearTimeout(timer);
      child.disconnect();
      resolve({ pid: child.pid as number, ready, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready: ${stderr.trim().split('\n').slice(-6).join(' ')}`));
    });
  });
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Whether CPU times can be read (Linux /proc); elsewhere the bench reports throughput without them. */
export const canReadCpu = () => existsSync('/proc/self/stat');

/**
 * User + system CPU milliseconds a process has used so far, all its threads (the event loop, libuv's
 * pool, the garbage collector), from /proc/<pid>/stat. Resolution is one clock tick (10 ms).
 */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / clockTicks();
}

/** Total CPU milliseconds of several processes; ones that have gone away count as zero. */
export function totalCpuMs(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += cpuMs(pid);
    } catch {
      // A PostgreSQL backend may close between listing and reading; its share is lost, not invented.
    }
  }
  return total;
}

/** Resident memory of a process in MB, from /proc/<pid>/status. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}
