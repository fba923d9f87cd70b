import { type Core, invoke, operations, systemActor } from '@lpdesk/core';
import type { BenchDialect } from './databases.js';
import { fillBenchDatabase } from './seeded-database.js';
import { type BenchRow, judged, verdict } from './table.js';

// Backups (issue 13, item 4): the demo fund seeded ten times over, backed up (SQLite online backup API, or
// pg_dump in an exported snapshot), verified, and backed up again encrypted (AES-256-GCM, streamed).
// Goals: a backup ≤ 5 s and a verify ≤ 5 s on this size; they are far from a team's daily concern, but a
// regression that makes the nightly job minutes long should show.

const COPIES = 10;
const GOAL_MS = 5_000;
const BENCH_KEY = 'bench backup key, long enough for the configuration check';
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function timed<T>(body: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await body();
  return { value, ms: performance.now() - started };
}

const megabytes = (bytes: number | null) => `${((bytes ?? 0) / 1_048_576).toFixed(1)} MB`;

async function databasePass(dialect: BenchDialect): Promise<BenchRow[]> {
  const label = `backup, demo ×${COPIES}, ${dialect}`;
  return fillBenchDatabase(dialect, 'backups', async (core: Core, database) => {
    try {
      const ctx = { core, actor: systemActor('cli') };
      progress(`${label}: seeding`);
      await invoke(operations.seed.demo, ctx, { copies: COPIES });
      const rows = Object.values((await invoke(operations.backups.create, ctx, {})).counts).reduce((sum, n) => sum + n, 0);
      progress(`${label}: backing up ${rows.toLocaleString('en-US')} rows`);
      const plain = await timed(() => invoke(operations.backups.create, ctx, {}));
      const verified = await timed(() => invoke(operations.backups.verify, ctx, { id: plain.value.id }));
      if (!verified.value.ok) throw new Error(`${label}: the backup did not verify: ${JSON.stringify(verified.value.checks)}`);
      // The same core with a key configured: what LPDESK_BACKUP_KEY does.
      core.settings.backups = { directory: core.settings.backups?.directory ?? '', key: BENCH_KEY };
      const sealed = await timed(() => invoke(operations.backups.create, ctx, {}));
      const sealedVerify = await timed(() => invoke(operations.backups.verify, ctx, { id: sealed.value.id }));
      return [
        {
          scenario: `${label}: create (${rows.toLocaleString('en-US')} rows, ${megabytes(plain.value.bytes)})`,
          value: judged(`${Math.round(plain.ms)} ms`, plain.ms <= GOAL_MS),
          goal: verdict(`≤ ${GOAL_MS / 1000} s`, plain.ms <= GOAL_MS),
        },
        {
          scenario: `${label}: verify`,
          value: judged(`${Math.round(verified.ms)} ms`, verified.ms <= GOAL_MS),
          goal: verdict(`≤ ${GOAL_MS / 1000} s`, verified.ms <= GOAL_MS),
        },
        {
          scenario: `${label}: create encrypted (${megabytes(sealed.value.bytes)})`,
          value: judged(`${Math.round(sealed.ms)} ms`, sealed.ms <= GOAL_MS),
          goal: verdict(`≤ ${GOAL_MS / 1000} s`, sealed.ms <= GOAL_MS),
        },
        {
          scenario: `${label}: verify encrypted`,
          value: judged(`${Math.round(sealedVerify.ms)} ms`, sealedVerify.ms <= GOAL_MS),
          goal: verdict(`≤ ${GOAL_MS / 1000} s`, sealedVerify.ms <= GOAL_MS),
        },
      ];
    } finally {
      await database.cleanup();
    }
  });
}

export async function benchBackups(dialects: BenchDialect[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const dialect of dialects) rows.push(...(await databasePass(dialect)));
  return rows;
}
