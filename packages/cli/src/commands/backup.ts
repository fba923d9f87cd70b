import { backupSqlite } from '@lpdesk/core';
import type { Command } from 'commander';
import { join } from 'node:path';
import { configFrom, type GlobalOptions } from '../context.js';
import { CliError, EXIT, print } from '../io.js';

export function registerBackup(program: Command) {
  program
    .command('backup [file]')
    .description('Write a consistent copy of the SQLite database (safe while the server runs)')
    .action(async (file: string | undefined, _o, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const config = configFrom(globals, true);
      if (config.database.kind !== 'sqlite') {
        throw new CliError('This server uses PostgreSQL: back it up with pg_dump (see docs/backups.md)', EXIT.usage);
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const destination = file ?? join(config.dataDir, 'backups', `lpdesk-${stamp}.sqlite`);
      const result = await backupSqlite(config.database.file, destination);
      print(globals.json ? { file: destination, ...result } : `Backed up ${result.pages} pages to ${destination}`, Boolean(globals.json));
    });
}
