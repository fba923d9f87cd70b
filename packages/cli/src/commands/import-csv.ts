import { readFile } from 'node:fs/promises';
import { IMPORT_ENTITIES, type ImportDuplicateChoice, type ImportMapping, type ImportReport, type ImportRowReport, ImportRunInput } from '@lpdesk/contracts';
import { type CsvImportProgress, invoke, operations, startImport } from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { CliError, EXIT, print } from '../io.js';

const BAR_WIDTH = 30;

interface CsvOptions {
  entity?: string;
  mapping?: string;
  dryRun?: boolean;
  onDuplicate?: string;
  dayFirst?: boolean;
  currency?: string;
}

/** A progress bar on stderr (stdout stays clean for --json): redrawn in place on a terminal, a line per tenth when piped. */
function progressBar(): { update: CsvImportProgress; finish(): void } {
  const tty = Boolean(process.stderr.isTTY);
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      const share = total > 0 ? done / total : 1;
      const filled = Math.round(share * BAR_WIDTH);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`;
      const tenth = Math.floor(share * 10);
      if (tty) process.stderr.write(`\r${line}\u001b[K`);
      else if (tenth !== lastTenth) process.stderr.write(`${line}\n`);
      lastTenth = tenth;
      drawn = true;
    },
    finish() {
      if (tty && drawn) process.stderr.write('\n');
    },
  };
}

async function readMapping(path: string): Promise<ImportMapping> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`--mapping ${path}: ${(error as Error).message}`);
  }
  // Either the mapping itself or a whole run body ({entity, mapping, options}) saved from the API.
  const mapping = parsed && typeof parsed === 'object' && 'mapping' in parsed ? (parsed as { mapping: unknown }).mapping : parsed;
  return mapping as ImportMapping;
}

function describeRow(row: ImportRowReport): string {
  const what = row.action === 'error' ? (row.errors ?? []).map((error) => error.message).join('; ') : (row.entityId ?? '');
  const extra = [row.duplicate ? `duplicate: ${row.duplicate.reason}` : '', ...(row.notes ?? [])].filter(Boolean).join('; ');
  return `  line ${String(row.line).padEnd(6)} ${row.action.padEnd(6)} ${what}${extra ? `  (${extra})` : ''}`;
}

function summary(report: ImportReport, file: string): string {
  const { totals } = report;
  const head = `${report.dryRun ? 'Dry run of' : 'Imported'} ${file} (import ${report.id}): ${totals.rows} rows, ${totals.create} ${report.dryRun ? 'to create' : 'created'}, ${totals.update} ${report.dryRun ? 'to update' : 'updated'}, ${totals.skip} skipped, ${totals.error} with errors`;
  const notable = report.rows.filter((row) => row.action === 'error' || row.duplicate || row.notes);
  const shown = notable.slice(0, 50).map(describeRow);
  if (notable.length > shown.length) shown.push(`  … and ${notable.length - shown.length} more (use --json for every row)`);
  return [head, ...shown].join('\n');
}

export function registerImportCsv(importCommand: Command) {
  importCommand
    .command('csv')
    .description('Import a CSV or TSV file (Airtable, Excel, Google Sheets exports) into organizations, contacts, commitments or communications')
    .argument('<file>', 'the .csv or .tsv file')
    .option('--entity <entity>', `what each row is: ${IMPORT_ENTITIES.join(', ')} (default: guessed from the headers)`)
    .option(
      '--mapping <file.json>',
      'column → field mapping as JSON ({"Email": "email", "Company": "organization", "Notes": null}); default: the suggested or remembered mapping, printed',
    )
    .option('--dry-run', 'report what each row would do, writing nothing')
    .option('--on-duplicate <choice>', 'rows matching an existing record: skip, update or create', 'skip')
    .option('--day-first', 'read 1/2/2024 as 1 February (default: US month-first)')
    .option('--currency <code>', 'currency of amounts written without one', 'USD')
    .action(async (file: string, options: CsvOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const json = Boolean(globals.json);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, EXIT.notFound);
      }
      const report = await withCore(globals, async (core, actor) => {
        const ctx = { core, actor };
        const uploaded = await invoke(operations.imports.upload, ctx, { fileName: file, bytes, ...(options.entity ? { entity: options.entity } : {}) });
        const mapping = options.mapping ? await readMapping(options.mapping) : uploaded.suggestedMapping;
        if (!options.mapping && !json) {
          const source = uploaded.remembered ? 'remembered from the last import with these headers' : 'suggested from the headers';
          const lines = Object.entries(mapping).map(([column, field]) => `  ${column} → ${field ?? '(ignored)'}`);
          process.stderr.write(`Mapping for ${uploaded.entity} (${source}; pass --mapping to change it):\n${lines.join('\n')}\n`);
        }
        const parsed = ImportRunInput.safeParse({
          entity: uploaded.entity,
          mapping,
          options: { onDuplicate: options.onDuplicate as ImportDuplicateChoice, dayFirst: Boolean(options.dayFirst), defaultCurrency: options.currency },
        });
        if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
        if (options.dryRun) return invoke(operations.imports.dryRun, ctx, { id: uploaded.id, run: parsed.data });
        const bar = progressBar();
        try {
          return await startImport(core, actor, uploaded.id, parsed.data, { wait: true, onProgress: json ? undefined : bar.update });
        } finally {
          bar.finish();
        }
      });
      print(json ? report : summary(report, file), json);
    });
}
