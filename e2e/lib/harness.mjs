// A tiny sequential test harness: the flow tests share one browser page on purpose (each step builds
// on the previous one, as a user would), and every failure saves a screenshot.
import { join } from 'node:path';

const tests = [];

export function test(name, fn) {
  tests.push({ name, fn });
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Runs the tests registered since the last run, then forgets them (each suite registers its own). */
export async function runTests({ page, screenshotDir, bail = false }) {
  const queue = tests.splice(0);
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of queue) {
    const started = Date.now();
    try {
      await fn();
      passed += 1;
      console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed += 1;
      console.log(
        `  ✗ ${name}\n    ${String(error?.message ?? error)
          .split('\n')
          .slice(0, 8)
          .join('\n    ')}`,
      );
      const file = join(screenshotDir, `fail-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
      await page?.screenshot({ path: file }).catch(() => {});
      if (bail) break;
    }
  }
  return { passed, failed, total: queue.length };
}
