// Print one closing line for the whole CI run: "N passed, N failed".
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.ci-results';
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of existsSync(dir) ? readdirSync(dir) : []) {
  if (file.endsWith('.log')) {
    // Runners that print their own closing line, e.g. "e2e: 13 passed, 0 failed".
    const lines = [...readFileSync(join(dir, file), 'utf8').matchAll(/(\d+) passed, (\d+) failed/g)];
    const last = lines.at(-1);
    if (!last) {
      console.log(`${file}: no closing line`);
      failed += 1;
      continue;
    }
    passed += Number(last[1]);
    failed += Number(last[2]);
    console.log(`${file.replace('.log', '')}: ${last[1]} passed, ${last[2]} failed`);
    continue;
  }
  if (!file.endsWith('.json')) continue;
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${file.replace('.json', '')}: ${report.numPassedTests ?? 0} passed, ${report.numFailedTests ?? 0} failed`);
}
if (passed + failed === 0) {
  console.error('no tests ran');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
