import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Core, enqueueJob, openCore, systemActor } from '@lpdesk/core';
import { describe, expect, it, onTestFinished } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(repoRoot, 'packages/cli/bin/lpdesk.js');

function isolatedEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('LPDESK_') && key !== 'DATABASE_URL'));
  return { ...env, LPDESK_LOG_LEVEL: 'silent' };
}

async function withDatabase<T>(file: string, body: (core: Core) => Promise<T>): Promise<T> {
  const core = await openCore({ kind: 'sqlite', file }, { migrate: true });
  try {
    return await body(core);
  } finally {
    await core.close();
  }
}

describe('lpdesk worker', () => {
  it('runs queued jobs in its own process and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpdesk-worker-test-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const file = join(dataDir, 'lpdesk.sqlite');
    const job = await withDatabase(file, (core) => enqueueJob(core, systemActor('cli'), { kind: 'maintenance.optimize' }));

    const child = spawn(process.execPath, [bin, '--data-dir', dataDir, 'worker', '--concurrency', '2'], { cwd: repoRoot, env: isolatedEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });

    await expect.poll(() => stdout, { timeout: 60_000, interval: 200 }).toMatch(/worker is running/);
    const status = () =>
      withDatabase(file, async (core) => (await core.db.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirstOrThrow()).status);
    await expect.poll(status, { timeout: 30_000, interval: 250 }).toBe('succeeded');

    child.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);
    expect(stdout).toMatch(/worker stopped/);
  });

  it('refuses a bad concurrency as a usage error', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpdesk-worker-test-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const child = spawn(process.execPath, [bin, '--data-dir', dataDir, 'worker', '--concurrency', 'lots'], { cwd: repoRoot, env: isolatedEnv() });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--concurrency/);
  });
});
