import { openCore } from '../src/core.js';
import { invoke } from '../src/kernel/operations.js';
import { operations } from '../src/operations.js';
import { testActor } from '../src/testing/index.js';
async function main() {
  const core = await openCore({ kind: 'sqlite', file: process.argv[2]! }, { migrate: true });
  const ctx = { core, actor: testActor({ kind: 'system', door: 'cli' }) };
  for (const [label, input] of [['no q limit 50', { limit: 50 }], ['chen limit 50', { q: 'chen', limit: 50 }], ['chen limit 1', { q: 'chen', limit: 1 }], ['no q limit 1', { limit: 1 }]] as const) {
    for (let i = 0; i < 20; i++) await invoke(operations.contacts.list, ctx, { offset: 0, ...input });
    const c0 = process.cpuUsage(); const t: number[] = [];
    for (let i = 0; i < 300; i++) { const s = performance.now(); await invoke(operations.contacts.list, ctx, { offset: 0, ...input }); t.push(performance.now() - s); }
    const c = process.cpuUsage(c0); t.sort((a, b) => a - b);
    console.log(label, 'cpu', ((c.user + c.system) / 1000 / 300).toFixed(2), 'p50', t[150]!.toFixed(2), 'p99', t[296]!.toFixed(2));
  }
  await core.close();
}
main();
