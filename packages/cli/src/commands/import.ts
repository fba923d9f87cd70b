import type { Command } from 'commander';
import { registerImportCsv } from './import-csv.js';

/**
 * `lpdesk import <source>`: one parent for every way data comes in. Each source registers its own
 * subcommand in its own file (csv here; legacy and json add theirs to the command this returns).
 */
export function registerImportCommand(program: Command): Command {
  const importCommand = program
    .command('import')
    .description('Bring data into LP Desk: CSV/TSV files, a JSON dump of another instance (more sources: see lpdesk import --help)');
  registerImportCsv(importCommand);
  return importCommand;
}
