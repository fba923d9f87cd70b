import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { BulkCollection, countOf } from '@lpdesk/contracts';
import { invoke, operations } from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { CliError } from '../io.js';

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
    .description('Export every contact or organization the filters match, as the list shows them, to CSV or XLSX')
    .argument('<collection>', 'contacts | organizations')
    .option('--format <format>', 'csv | xlsx', 'csv')
    .option('--out <file>', 'write to this file (default: standard output for CSV; XLSX needs a file)');
  for (const [key, flag] of Object.entries(FILTER_FLAGS)) {
    command.option(`--${flag} <value>`, key === 'q' ? 'search words, as the list search box' : `the list's ${key} filter`);
  }
  command.action(async (collectionArgument: string, opts: ExportOptions, self: Command) => {
    const collection = BulkCollection.safeParse(collectionArgument);
    if (!collection.success) throw new CliError(`Unknown collection "${collectionArgument}": use contacts or organizations`);
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
      // Written beside the target and renamed at the end: a failed export never leaves half a file.
      const partial = `${opts.out}.partial`;
      try {
        const count = await prepared.writeTo(createWriteStream(partial));
        await rename(partial, opts.out);
        return count;
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    });
    const noun = collection.data === 'contacts' ? 'contact' : 'organization';
    // The summary goes to stderr: stdout may be the CSV itself.
    process.stderr.write(`Exported ${countOf(rows, noun)}${opts.out ? ` to ${opts.out}` : ''}\n`);
  });
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
