import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Core, importLegacyDatabase, systemActor } from '@lpdesk/core';
import { buildScaledLegacyDatabase } from '@lpdesk/core/testing';
import type { BenchDialect } from './databases.js';
import { fillBenchDatabase } from './seeded-database.js';
import { type BenchRow, judged, verdict } from './table.js';

// Legacy import (issue 13): the fund's whole legacy crm.db at its real size — 150 LPs (with opportunities,
// half with LP profiles and grid rows), 250 prospects, 2,000 captured emails — as a dry run, the import,
// and the idempotent re-run. Goals: the import ≤ 30 s (a one-off, in one transaction), a re-run ≤ 10 s.

const SCALE = { investors: 150, prospects: 250, emails: 2_000 };
const IMPORT_GOAL_S = 30;
const RERUN_GOAL_S = 10;
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function timed<T>(body: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await body();
  return [value, (performance.now() - started) / 1000];
}

export async function benchLegacy(dialects: BenchDialect[] = ['sqlite']): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lpdesk-bench-legacy-'));
  const file = join(dir, 'crm.db');
  buildScaledLegacyDatabase(file, SCALE);
  const rows: BenchRow[] = [];
  try {
    for (const dialect of dialects) {
      const label = `legacy import (${SCALE.investors} LPs, ${SCALE.prospects} prospects, ${SCALE.emails.toLocaleString('en-US')} emails), ${dialect}`;
      try {
        rows.push(
          ...(await fillBenchDatabase(dialect, 'legacy', async (core: Core, database) => {
            try {
              const actor = systemActor('import');
              progress(`${label}: dry run…`);
              const [, dry] = await timed(() => importLegacyDatabase(core, actor, file, { dryRun: true }));
              progress(`${label}: import…`);
              const [report, run] = await timed(() => importLegacyDatabase(core, actor, file));
              const [again, rerun] = await timed(() => importLegacyDatabase(core, actor, file));
              const created = Object.values(report.created).reduce((sum, count) => sum + count, 0);
              const idempotent = Object.keys(again.created).length === 0;
              return [
                { scenario: `${label}: dry run`, value: `${dry.toFixed(1)} s`, goal: 'info' },
                { scenario: `${label}: import`, value: judged(`${run.toFixed(1)} s (${created.toLocaleString('en-US')} records)`, run <= IMPORT_GOAL_S), goal: verdict(`≤ ${IMPORT_GOAL_S} s`, run <= IMPORT_GOAL_S) },
                {
                  scenario: `${label}: re-run (creates nothing)`,
                  value: judged(`${rerun.toFixed(1)} s${idempotent ? '' : ', created records'}`, rerun <= RERUN_GOAL_S && idempotent),
                  goal: verdict(`≤ ${RERUN_GOAL_S} s`, rerun <= RERUN_GOAL_S && idempotent),
                },
              ];
            } finally {
              await database.cleanup();
            }
          })),
        );
      } catch (error) {
        rows.push({ scenario: label, value: `failed: ${error instanceof Error ? error.message : String(error)}`, goal: '—' });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
