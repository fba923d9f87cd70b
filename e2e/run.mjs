#!/usr/bin/env node
// End-to-end browser tests for the LP Desk web app: `npm run test:e2e` (or `node e2e/run.mjs`).
// Builds the SPA if dist/ is missing (E2E_BUILD=1 forces a rebuild), starts a server on a free port with
// a fresh data dir, drives system Chromium through playwright-core, and ends with
// `e2e: N passed, M failed` (exit code 1 on any failure).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { runTests } from './lib/harness.mjs';
import { ensureWebBuild, repoRoot, startServer } from './lib/server.mjs';
import { registerFlowTests } from './tests/flow.mjs';

const screenshotDir = join(repoRoot, 'e2e/screenshots');
mkdirSync(screenshotDir, { recursive: true });

let server;
let browser;
let result = { passed: 0, failed: 1 };
try {
  ensureWebBuild();
  server = await startServer();
  browser = await launchBrowser();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(15_000);
  registerFlowTests({ page, url: server.url, screenshotDir });
  console.log(`e2e: server ${server.url}`);
  result = await runTests({ page, screenshotDir, bail: process.env.E2E_BAIL === '1' });
} catch (error) {
  console.error(`e2e: could not run: ${error?.stack ?? error}`);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
  server?.cleanup();
}
console.log(`e2e: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed > 0 ? 1 : 0);
