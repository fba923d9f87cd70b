import { createReadStream, existsSync } from 'node:fs';
import { restoreDump } from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { CliError, print } from '../io.js';

/** `lpdesk import json <file>`: restores a dump written by `lpdesk export json` into an empty instance. */
export function registerImportJson(importCommand: Command) {
  importCommand
    .command('json <file>')
    .description(
      'Restore a JSON dump (lpdesk export json) into an EMPTY instance: a new data directory or database, ' + 'migrated to the same schema; all or nothing',
    )
    .action(async (file: string, _opts, self: Command) => {
      if (!existsSync(file)) throw new CliError(`No such file: ${file}`);
      const globals = self.optsWithGlobals<GlobalOptions>();
      const summary = await withCore(globals, (core) => restoreDump(core, createReadStream(file)));
      const rows = Object.values(summary.tables).reduce((sum, count) => sum + count, 0);
      if (globals.json) return print({ file, ...summary }, true);
      print(`Imported ${rows} rows of ${Object.keys(summary.tables).length} tables (schema ${summary.schemaVersion}) from ${file}; counts verified`, false);
    });
}
