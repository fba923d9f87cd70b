import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { importLegacyDatabase, type LegacyImportReport } from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { print } from '../io.js';

const counts = (values: Record<string, number>) =>
  Object.entries(values)
    .map(([entity, count]) => `${entity} ${count}`)
    .join(', ') || 'nothing';

/** The report as an operator reads it: counts in and out, merges, then what needs a human. */
export function legacySummary(report: LegacyImportReport): string {
  const lines = [
    `${report.dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${report.file} in ${report.durationMs} ms`,
    `Read: ${counts(Object.fromEntries(Object.entries(report.tables).filter(([, count]) => count > 0)))}`,
    `Created: ${counts(report.created)}`,
    `Updated: ${counts(report.updated)}`,
    `Merged: ${report.merges.length} (legacy rows that became one record)`,
  ];
  for (const merge of report.merges)
    lines.push(`  ${merge.entityType}: ${merge.records.map((r) => `${r.table} ${r.id}${r.name ? ` (${r.name})` : ''}`).join(' + ')} — ${merge.reason}`);
  const attention = report.mergeSuggestions.length + report.moneyProblems.length + report.malformed.length;
  lines.push(`Needs a human: ${attention}`);
  for (const suggestion of report.mergeSuggestions) {
    lines.push(
      `  possible duplicate (${suggestion.confidence}): ${suggestion.records.map((side) => side.legacy.map((r) => `${r.table} ${r.id}${r.name ? ` (${r.name})` : ''}`).join(' + ') || side.entityId).join(' vs ')} — ${suggestion.reason}`,
    );
  }
  for (const problem of report.moneyProblems) {
    const values = problem.values
      ? ` ${Object.entries(problem.values)
          .map(([source, minor]) => `${source} ${(minor / 100).toLocaleString('en-US')}`)
          .join(' / ')}`
      : '';
    lines.push(`  money ${problem.kind}: ${problem.investor} × ${problem.fund}: "${problem.raw}"${values}`);
  }
  for (const bad of report.malformed) lines.push(`  malformed JSON: ${bad.table} ${bad.id} column ${bad.column}`);
  if (report.skipped.length > 0)
    lines.push(`Not carried over: ${report.skipped.length} rows (${[...new Set(report.skipped.map((s) => s.table))].join(', ')}); see --report`);
  return lines.join('\n');
}

/** `lpdesk import legacy`, under the `import` parent (commands/import.ts). */
export function registerImportLegacy(importCommand: Command): void {
  importCommand
    .command('legacy')
    .description("Import the legacy tool's SQLite database (read-only): users, records, grid, commitments, email, audit log")
    .argument('<file>', 'path to the legacy crm.db (stop the legacy tool or copy the file first)')
    .option('--dry-run', 'do everything, report it, then roll it all back')
    .option('--report <file>', 'also write the full report as JSON to this file')
    .action(async (file: string, opts: { dryRun?: boolean; report?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const tty = Boolean(process.stderr.isTTY) && !globals.json;
      const report = await withCore(globals, (core, actor) =>
        importLegacyDatabase(core, { ...actor, door: 'import', name: 'legacy import' }, resolve(file), {
          dryRun: opts.dryRun ?? false,
          onArea: (area) => {
            if (tty) process.stderr.write(`importing ${area}…\n`);
          },
        }),
      );
      if (opts.report) await writeFile(opts.report, `${JSON.stringify(report, null, 2)}\n`);
      print(globals.json ? report : legacySummary(report), Boolean(globals.json));
    });
}
