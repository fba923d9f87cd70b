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

/** Wall time, and this process's CPU time: on SQLite all the work is in-process, so CPU time is what neighbours on a shared box cannot inflate. */
async function timed<T>(body: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await body();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

/** SQLite is judged on CPU time, PostgreSQL (work in the server process) on wall time. */
const judgedTime = (dialect: BenchDialect, run: { ms: number; cpuMs: number }) => (dialect === 'sqlite' ? run.cpuMs : run.ms);
const describeTime = (run: { ms: number; cpuMs: number }) => `${seconds(run.ms)} wall, ${seconds(run.cpuMs)} CPU`;

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
        const dryFast = judgedTime(dialect, dry) <= DRY_RUN_GOAL_MS;
        const runFast = judgedTime(dialect, run) <= RUN_GOAL_MS;
        const basis = dialect === 'sqlite' ? 'CPU' : 'wall';
        rows.push({ scenario: `${label}: upload (decode, parse, suggest)`, value: describeTime(upload), goal: 'info' });
        rows.push({ scenario: `${label}: dry run`, value: judged(describeTime(dry), dryFast), goal: verdict(`≤ ${DRY_RUN_GOAL_MS / 1000} s ${basis}`, dryFast) });
        rows.push({
          scenario: `${label}: import`,
          value: judged(`${describeTime(run)} (${totals.create} created, ${totals.skip} skipped, ${totals.error} errors; ${Math.round((totals.rows / run.ms) * 1000)} rows/s wall)`, runFast),
          goal: verdict(`≤ ${RUN_GOAL_MS / 1000} s ${basis}`, runFast),
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
