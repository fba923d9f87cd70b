import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { BUNDLE_ENTRY, BUNDLE_INPUTS, bundleStatus } from '../bin/bundle-status.js';
import { buildServerBundle, REPO_ROOT } from '../../../scripts/build-server.mjs';

// The bundle is what `npm start` and the published package run: these tests build one and start it,
// so a dependency that breaks when bundled (a CommonJS require, a path relative to its own file) fails here.

/** The caller's LPDESK_* settings and DATABASE_URL must not leak into the server under test. */
function isolatedEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('LPDESK_') && key !== 'DATABASE_URL'));
  return { ...env, LPDESK_LOG_LEVEL: 'silent' };
}

function temporaryDir({ onTestFinished }: TestContext, parent: string, prefix: string): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
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
    child.on('exit', (code) => reject(new Error(`lpdesk serve exited with ${code}:\n${output}`)));
  });
}

describe('the server bundle', () => {
  it('runs without the TypeScript sources: --version, then serve answers /api/health and serves the web build', async (context) => {
    // Inside the repository, so the bundle finds the native packages it leaves external in node_modules.
    const outdir = temporaryDir(context, join(REPO_ROOT, 'node_modules/.cache'), 'lpdesk-bundle-test-');
    const webDist = temporaryDir(context, tmpdir(), 'lpdesk-bundle-web-');
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>the bundled web build</title>');
    const { entry } = await buildServerBundle({ outdir, webDist, logLevel: 'error' });

    const version = spawnSync(process.execPath, [entry, '--version'], { env: isolatedEnv(), encoding: 'utf8' });
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toBe('0.1.0');

    const dataDir = temporaryDir(context, tmpdir(), 'lpdesk-bundle-data-');
    const server = spawn(process.execPath, [entry, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], { env: isolatedEnv() });
    context.onTestFinished(() => {
      server.kill('SIGKILL');
    });
    const url = await listeningUrl(server);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', version: '0.1.0', database: 'sqlite' });
    const page = await fetch(`${url}/contacts`);
    expect(await page.text()).toContain('the bundled web build');
    const openApi = await fetch(`${url}/api/openapi.json`);
    expect(((await openApi.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });
});

describe('bundleStatus', () => {
  const builtAt = new Date('2031-03-14T15:00:00Z');
  const before = new Date('2031-03-14T14:00:00Z');
  const after = new Date('2031-03-14T16:00:00Z');

  /** A checkout in miniature: src/a.ts and src/b.ts, and dist/ with a bundle built from both at `builtAt`. */
  function checkout(context: TestContext) {
    const root = temporaryDir(context, tmpdir(), 'lpdesk-bundle-status-');
    const outdir = join(root, 'dist');
    mkdirSync(join(root, 'src'));
    mkdirSync(outdir);
    const source = (name: string, modified: Date) => {
      writeFileSync(join(root, 'src', name), '');
      utimesSync(join(root, 'src', name), modified, modified);
    };
    const build = () => {
      writeFileSync(join(outdir, BUNDLE_INPUTS), JSON.stringify({ root: '..', inputs: ['src/a.ts', 'src/b.ts'] }));
      writeFileSync(join(outdir, BUNDLE_ENTRY), '');
      utimesSync(join(outdir, BUNDLE_ENTRY), builtAt, builtAt);
    };
    return { root, outdir, source, build };
  }

  it('says a missing bundle is not built', (context) => {
    const { outdir } = checkout(context);
    expect(bundleStatus(outdir)).toMatchObject({ current: false, reason: 'not built' });
  });

  it('is current when every source it was built from is older than the bundle', (context) => {
    const { outdir, source, build } = checkout(context);
    source('a.ts', before);
    source('b.ts', before);
    build();
    expect(bundleStatus(outdir)).toMatchObject({ current: true, entry: join(outdir, BUNDLE_ENTRY) });
  });

  it('is stale once any of its sources changes after the build', (context) => {
    const { outdir, source, build } = checkout(context);
    source('a.ts', before);
    source('b.ts', after);
    build();
    expect(bundleStatus(outdir)).toMatchObject({ current: false, reason: 'src/b.ts changed after the build' });
  });

  it('skips sources that are absent, as in the published package, which ships the bundle alone', (context) => {
    const { outdir, build } = checkout(context);
    build();
    expect(bundleStatus(outdir).current).toBe(true);
  });
});
