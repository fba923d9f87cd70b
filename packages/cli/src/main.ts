import { Command, CommanderError } from 'commander';
import { registerApiKeys } from './commands/api-keys.js';
import { registerBackup } from './commands/backup.js';
import { registerData } from './commands/data.js';
import { registerEmail } from './commands/email.js';
import { registerExport } from './commands/export.js';
import { registerIdentity } from './commands/identity.js';
import { registerImportJson } from './commands/import-json.js';
import { registerImportCommand } from './commands/import.js';
import { registerImportLegacy } from './commands/import-legacy.js';
import { registerMigrate } from './commands/migrate.js';
import { registerRelationships } from './commands/relationships.js';
import { registerSearch } from './commands/search.js';
import { registerIndex } from './commands/retrieval-index.js';
import { registerServe } from './commands/serve.js';
import { registerUsers } from './commands/users.js';
import { registerWorker } from './commands/worker.js';
import { EXIT, exitCodeFor } from './io.js';

const program = new Command()
  .name('lpdesk')
  .description('LP Desk: self-hosted CRM for fundraising and investor relations')
  .version('0.1.0')
  .option('--data-dir <dir>', 'data directory (LPDESK_DATA_DIR, default ./data)')
  .option('--json', 'machine-readable output')
  .exitOverride();

registerServe(program);
registerMigrate(program);
registerUsers(program);
registerApiKeys(program);
registerData(program);
registerExport(program);
registerBackup(program);
registerWorker(program);
registerSearch(program);
registerIndex(program);
registerRelationships(program);
registerIdentity(program);
registerEmail(program);
const importCommand = registerImportCommand(program);
registerImportJson(importCommand);
registerImportLegacy(importCommand);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    process.stderr.write(`lpdesk: ${(error as Error).message}\n`);
    process.exitCode = exitCodeFor(error);
  }
}
