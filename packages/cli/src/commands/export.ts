import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { BulkCollection, countOf } from '@lpdesk/contracts';
import { invoke, operations, writeDump } from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { CliError, print } from '../io.js';

/** CLI flags → the list route's query parameters (validated by the export operation's schema). */
const FILTER_FLAGS = {
  q: 'search',
  sort: 'sort',
  ownerId: 'owner-id',
  tagId: 'tag-id',
  relationship: 'relationship',
  stage: 'stage',
  kind: 'kind',
  organizationId: 'organization-id',
  fundId: 'fund-id',
  customField: 'custom-field',
  deleted: 'deleted',
} as const;

type ExportOptions = { format: string; out?: string } & Partial<Record<keyof typeof FILTER_FLAGS, string>>;

export function registerExport(program: Command) {
  const command = program
    .command('export')
    .description(
      'Export every contact or organization the filters match, as the list shows them, to CSV, XLSX or vCard; ' +
        'or the whole database as a JSON dump (lpdesk export json <file>, restored by lpdesk import json)',
    )
    .argument('<collection>', 'contacts | organizations | json')
    .argument('[file]', 'json only: the dump file to write')
    .option('--format <format>', 'csv | xlsx | vcf (vcf: contacts only)', 'csv')
    .option('--out <file>', 'write to this file (default: standard output for CSV; XLSX needs a file)');
  for (const [key, flag] of Object.entries(FILTER_FLAGS)) {
    command.option(`--${flag} <value>`, key === 'q' ? 'search words, as the list search box' : `the list's ${key} filter`);
  }
  command.action(async (collectionArgument: string, file: string | undefined, opts: ExportOptions, self: Command) => {
    if (collectionArgument === 'json') return exportJson(file, opts, self);
    if (file !== undefined) throw new CliError(`Unexpected argument "${file}": name the output file with --out`);
    const collection = BulkCollection.safeParse(collectionArgument);
    if (!collection.success) throw new CliError(`Unknown collection "${collectionArgument}": use contacts or organizations`);
    if (opts.format === 'vcf' && collection.data !== 'contacts') throw new CliError('vCard (--format vcf) is for contacts only');
    if (opts.format === 'xlsx' && !opts.out) throw new CliError('XLSX is binary: name a file with --out contacts.xlsx');
    const query: Record<string, string> = { format: opts.format };
    for (const key of Object.keys(FILTER_FLAGS) as (keyof typeof FILTER_FLAGS)[]) {
      const value = opts[key];
      if (value !== undefined) query[key] = value;
    }
    const globals = self.optsWithGlobals<GlobalOptions>();
    const rows = await withCore(globals, async (core, actor) => {
      const operation = collection.data === 'contacts' ? operations.exports.contacts : operations.exports.organizations;
      const prepared = await invoke(operation as typeof operations.exports.contacts, { core, actor }, query);
      if (!opts.out) return writeToStdout(prepared.writeTo);
      return writeFileAtomically(opts.out, prepared.writeTo);
    });
    const noun = collection.data === 'contacts' ? 'contact' : 'organization';
    // The summary goes to stderr: stdout may be the CSV itself.
    process.stderr.write(`Exported ${countOf(rows, noun)}${opts.out ? ` to ${opts.out}` : ''}\n`);
  });
}

/** Written beside the target and renamed at the end: a failed export never leaves half a file. */
async function writeFileAtomically<T>(file: string, write: (sink: ReturnType<typeof createWriteStream>) => Promise<T>): Promise<T> {
  const partial = `${file}.partial`;
  try {
    const result = await write(createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, file);
    return result;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** The whole database as one JSON dump (docs/export.md); list filters do not apply to it. */
async function exportJson(file: string | undefined, opts: ExportOptions, self: Command): Promise<void> {
  if (!file) throw new CliError('Name the dump file: lpdesk export json lpdesk-dump.json');
  const filters = Object.keys(FILTER_FLAGS).filter((key) => opts[key as keyof typeof FILTER_FLAGS] !== undefined);
  if (filters.length > 0 || opts.out) throw new CliError('lpdesk export json dumps the whole database: list filters and --out do not apply');
  const globals = self.optsWithGlobals<GlobalOptions>();
  const summary = await withCore(globals, async (core) => {
    // Deliver pending events first, so derived tables (search, relationships) are current in the dump.
    await core.dispatcher.drain();
    return writeFileAtomically(file, (sink) => writeDump(core, sink));
  });
  const rows = Object.values(summary.tables).reduce((sum, count) => sum + count, 0);
  const tables = Object.keys(summary.tables).length;
  print(globals.json ? { file, ...summary } : `Exported ${rows} rows of ${tables} tables (schema ${summary.schemaVersion}) to ${file}`, Boolean(globals.json));
}

/** Standard output stays open after the export (the process, not the writer, closes it). */
async function writeToStdout(writeTo: (sink: PassThrough) => Promise<number>): Promise<number> {
  const sink = new PassThrough();
  sink.pipe(process.stdout, { end: false });
  const drained = once(sink, 'end');
  const rows = await writeTo(sink);
  await drained;
  return rows;
}
