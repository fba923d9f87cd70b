import { invoke, operations } from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { CliError, print } from '../io.js';

export function registerData(program: Command) {
  program
    .command('seed')
    .description('Load data into an empty database')
    .option('--demo', 'a realistic demo fund: Fund I closed, Fund II raising, ~12 investors, ~25 people')
    .option('--copies <n>', 'repeat the demo investors n times (for benchmarks)', '1')
    .action(async (opts: { demo?: boolean; copies: string }, command: Command) => {
      if (!opts.demo) throw new CliError('Say what to seed: lpdesk seed --demo');
      const copies = Number(opts.copies);
      if (!Number.isInteger(copies) || copies < 1 || copies > 1000) throw new CliError('--copies must be a whole number from 1 to 1000');
      const globals = command.optsWithGlobals<GlobalOptions>();
      const summary = await withCore(globals, async (core, actor) => {
        const seeded = await invoke(operations.seed.demo, { core, actor }, { copies });
        // Index what was just loaded before exiting, so the first searches do not wait for a server to catch up.
        await core.dispatcher.drain();
        return seeded;
      });
      print(
        globals.json
          ? summary
          : `Seeded demo data: ${Object.entries(summary)
              .map(([k, v]) => `${v} ${k}`)
              .join(', ')}`,
        Boolean(globals.json),
      );
    });
  program
    .command('purge')
    .description('Permanently delete records that have been in the trash longer than N days (logged)')
    .requiredOption('--older-than-days <days>', 'retention period in days (at least 1)')
    .option('--dry-run', 'count what would be purged, delete nothing')
    .action(async (opts: { olderThanDays: string; dryRun?: boolean }, command: Command) => {
      const days = Number(opts.olderThanDays);
      if (!Number.isInteger(days) || days < 1) throw new CliError('--older-than-days must be a whole number, at least 1');
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withCore(globals, (core, actor) =>
        invoke(operations.trash.purge, { core, actor }, { olderThanDays: days, dryRun: Boolean(opts.dryRun) }),
      );
      if (globals.json) return print(result, true);
      const counts = Object.entries(result.purged)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ');
      print(`${opts.dryRun ? 'Would purge' : 'Purged'} (trashed before ${result.cutoff}): ${counts}`, false);
    });
}
