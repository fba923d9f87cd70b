import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CLI tests run the real `lpdesk` binary, as an operator would, against a fresh data directory.
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = join(repoRoot, 'packages/cli/bin/lpdesk.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `lpdesk ...args` from the repo root. The machine's LPDESK_* and DATABASE_URL are left out so a test
 * never reaches a developer's database; `env` adds what the test means to set, `stdin` is typed in.
 */
export function runLpdesk(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('LPDESK_') && key !== 'DATABASE_URL'));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env: { ...base, LPDESK_LOG_LEVEL: 'silent', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
