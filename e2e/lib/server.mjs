// Starts a throwaway LP Desk server (fresh SQLite data dir, free port) for browser tests and benches.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleStatus } from '../../packages/cli/bin/bundle-status.js';
import { buildServerBundle, DEFAULT_OUTDIR } from '../../scripts/build-server.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(repoRoot, 'packages/cli/bin/lpdesk.js');

/** Build the SPA unless dist/ is newer than every source file (cheap check: dist exists and FORCE_BUILD unset). */
export function ensureWebBuild({ force = process.env.E2E_BUILD === '1' } = {}) {
  const index = join(repoRoot, 'packages/web/dist/index.html');
  if (!force && existsSync(index)) return;
  const result = spawnSync('npx', ['vite', 'build'], { cwd: join(repoRoot, 'packages/web'), stdio: 'inherit' });
  if (result.status !== 0) throw new Error('web build failed');
}

export function freshDataDir(prefix = 'lpdesk-e2e-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The server runs as `npm start` runs it, from the bundle in dist/, rebuilt first when a source is newer. */
async function ensureServerBundle() {
  if (!bundleStatus(DEFAULT_OUTDIR).current) await buildServerBundle();
}

export async function startServer({ dataDir = freshDataDir(), env = {} } = {}) {
  await ensureServerBundle();
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, LPDESK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60s:\n${log}`)), 60_000);
    const onData = (chunk) => {
      log += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          r();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
  };
  return { url: url.replace('localhost', '127.0.0.1'), dataDir, stop, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export function seedDemo(dataDir, copies = 1) {
  const result = spawnSync(process.execPath, [cli, 'seed', '--demo', '--copies', String(copies), '--data-dir', dataDir], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`seed failed: ${result.stderr || result.stdout}`);
  return result.stdout.trim();
}

/** First-run setup through the API; returns a cookie-authenticated client for seeding through HTTP. */
export async function setupAdmin(url, { username = 'admin', password = 'correct horse battery', fullName = 'Avery Admin', email = 'avery@example.com' } = {}) {
  const response = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, fullName, email }),
  });
  if (response.status !== 201) throw new Error(`setup failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { data } = await response.json();
  const call = async (method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': data.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { username, password, call };
}
