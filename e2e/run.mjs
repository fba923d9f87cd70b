#!/usr/bin/env node
// End-to-end browser tests for the LP Desk web app: `npm run test:e2e` (or `node e2e/run.mjs`).
// Every file in e2e/tests/ is a suite with its own fresh server (SQLite data dir, free port) and its
// own browser profile, so suites never depend on each other's data. flow.mjs runs first: it sets up
// the admin through the UI; the others are set up through the API (and seeded with the demo data
// when they ask for it). `E2E_ONLY=flow,metrics` runs some suites; E2E_BUILD=1 forces a web rebuild.
// Ends with `e2e: N passed, M failed` (exit code 1 on any failure).
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { runTests } from './lib/harness.mjs';
import { ensureWebBuild, repoRoot, seedDemo, setupAdmin, startServer } from './lib/server.mjs';

const screenshotDir = join(repoRoot, 'e2e/screenshots');
mkdirSync(screenshotDir, { recursive: true });
const testsDir = join(repoRoot, 'e2e/tests');
const only = process.env.E2E_ONLY ? process.env.E2E_ONLY.split(',') : null;
const suites = readdirSync(testsDir)
  .filter((file) => file.endsWith('.mjs'))
  .map((file) => file.replace(/\.mjs$/, ''))
  .filter((name) => !only || only.includes(name))
  .sort((a, b) => (a === 'flow' ? -1 : b === 'flow' ? 1 : a.localeCompare(b)));

/** One suite: its server, its browser, its tests. Returns its counts; a suite that cannot start counts as one failure. */
async function runSuite(name) {
  const mod = await import(pathToFileURL(join(testsDir, `${name}.mjs`)).href);
  const options = mod.suite ?? {};
  let server;
  let browser;
  try {
    server = await startServer({ env: options.env ?? {} });
    const admin = options.setup === 'ui' ? null : await setupAdmin(server.url);
    if (options.demo) seedDemo(server.dataDir, options.demoCopies ?? 1);
    browser = await launchBrowser(options.browser ?? {});
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
    mod.register({ page, url: server.url, admin, server, screenshotDir, browser });
    console.log(`e2e: suite ${name} on ${server.url}`);
    return await runTests({ page, screenshotDir, bail: process.env.E2E_BAIL === '1' });
  } catch (error) {
    console.error(`e2e: suite ${name} could not run: ${error?.stack ?? error}`);
    return { passed: 0, failed: 1 };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    server?.cleanup();
  }
}

let passed = 0;
let failed = 0;
try {
  ensureWebBuild();
  for (const name of suites) {
    const result = await runSuite(name);
    passed += result.passed;
    failed += result.failed;
  }
} catch (error) {
  console.error(`e2e: could not run: ${error?.stack ?? error}`);
  failed += 1;
}
if (suites.length === 0) failed += 1;
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
