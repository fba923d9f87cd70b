import { dryRunImport, startImport, systemActor, uploadImport } from '@lpdesk/core';
import { generateContactsCsv } from '@lpdesk/core/testing';
import type { BenchDialect } from './databases.js';
import { fillBenchDatabase } from './seeded-database.js';
import { type BenchRow, judged, verdict } from './table.js';

// CSV import (issue 13): a generated, Airtable-style 10,000-row contacts export (mixed name forms, email
// case, phones, 300 organizations named by the rows, multi-select tags, blank rows, repeated people)
// into an empty database: upload (decode + parse + suggest), dry run, and the run itself (batches of 500).

const ROWS = 10_000;
const DRY_RUN_GOAL_MS = 3_000;
const RUN_GOAL_MS = 10_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(body: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await body();
  return { value, ms: performance.now() - started };
}

export async function benchImports(dialects: BenchDialect[] = ['sqlite']): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const file = generateContactsCsv(ROWS);
  const bytes = Buffer.from(file.csv);
  for (const dialect of dialects) {
    const label = `CSV import, ${ROWS.toLocaleString('en-US')} contacts rows (${dialect})`;
    try {
      const database = await fillBenchDatabase(dialect, 'imports', async (core, database) => {
        const actor = systemActor('cli');
        const upload = await timed(() => uploadImport(core, actor, { fileName: 'contacts.csv', bytes }));
        const input = { entity: 'contacts' as const, mapping: upload.value.suggestedMapping };
        const dry = await timed(() => dryRunImport(core, upload.value.id, input));
        const run = await timed(() => startImport(core, actor, upload.value.id, input, { wait: true }));
        const same = JSON.stringify(dry.value.totals) === JSON.stringify(run.value.totals);
        const { totals } = run.value;
        rows.push({ scenario: `${label}: upload (decode, parse, suggest)`, value: seconds(upload.ms), goal: 'info' });
        rows.push({ scenario: `${label}: dry run`, value: judged(seconds(dry.ms), dry.ms <= DRY_RUN_GOAL_MS), goal: verdict(`≤ ${DRY_RUN_GOAL_MS / 1000} s`, dry.ms <= DRY_RUN_GOAL_MS) });
        rows.push({
          scenario: `${label}: import`,
          value: judged(`${seconds(run.ms)} (${totals.create} created, ${totals.skip} skipped, ${totals.error} errors; ${Math.round((totals.rows / run.ms) * 1000)} rows/s)`, run.ms <= RUN_GOAL_MS),
          goal: verdict(`≤ ${RUN_GOAL_MS / 1000} s`, run.ms <= RUN_GOAL_MS),
        });
        rows.push({ scenario: `${label}: dry run and import agree`, value: judged(same ? 'same totals' : `dry ${JSON.stringify(dry.value.totals)} vs run ${JSON.stringify(totals)}`, same), goal: verdict('same', same) });
        return database;
      });
      // Dropped once the core has closed its connections.
      await database.cleanup();
    } catch (error) {
      rows.push({ scenario: label, value: `skipped: ${(error as Error).message}`, goal: '—' });
    }
  }
  return rows;
}
