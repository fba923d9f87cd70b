import type { Command } from 'commander';
import { migrateDown, migrateToLatest, openDatabase, schemaState } from '@lpdesk/core';
import { configFrom, type GlobalOptions, targetOf } from '../context.js';
import { CliError, print } from '../io.js';

async function withHandle<T>(options: GlobalOptions, body: (handle: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) {
  const handle = await openDatabase(targetOf(configFrom(options, true)));
  try {
    return await body(handle);
  } finally {
    await handle.close();
  }
}

export function registerMigrate(program: Command) {
  const migrate = program.command('migrate').description('Inspect and apply database migrations');
  migrate
    .command('status')
    .description('List migrations and whether each is applied')
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const state = await withHandle(options, schemaState);
      if (options.json) return print(state, true);
      print(
        state.migrations.map((m) => ({ migration: m.name, applied: m.executedAt ?? 'pending' })),
        false,
      );
      if (state.unknown.length) process.stdout.write(`Unknown to this version (database is newer): ${state.unknown.join(', ')}\n`);
    });
  migrate
    .command('up')
    .description('Apply all pending migrations')
    .action(async (_options, command: Command) => {
      const applied = await withHandle(command.optsWithGlobals<GlobalOptions>(), migrateToLatest);
      print(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date', false);
    });
  migrate
    .command('down')
    .description('Undo the most recent migration(s) — this drops data those migrations created')
    .option('--steps <n>', 'how many to undo', '1')
    .action(async (opts: { steps: string }, command: Command) => {
      const steps = Number(opts.steps);
      if (!Number.isInteger(steps) || steps < 1) throw new CliError('--steps must be a positive whole number');
      const undone = await withHandle(command.optsWithGlobals<GlobalOptions>(), (handle) => migrateDown(handle, steps));
      print(undone.length ? `Undone: ${undone.join(', ')}` : 'Nothing to undo', false);
    });
}
