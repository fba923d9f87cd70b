import { createInterface } from 'node:readline/promises';
import { type BackupPreview, type BackupView } from '@lpdesk/contracts';
import { backupSqlite, invoke, operations } from '@lpdesk/core';
import type { Command } from 'commander';
import { configFrom, type GlobalOptions, withCore } from '../context.js';
import { CliError, EXIT, print } from '../io.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const megabytes = (bytes: number | null) => (bytes === null ? '—' : `${(bytes / 1_048_576).toFixed(2)} MB`);

function describeBackup(backup: BackupView): string {
  return `${backup.kind} backup ${backup.id} (${megabytes(backup.bytes)}${backup.encrypted ? ', encrypted' : ''}) at ${backup.file}`;
}

function previewTable(preview: BackupPreview): string {
  const changed = preview.tables.filter((row) => row.now !== row.backup);
  const width = Math.max(5, ...preview.tables.map((row) => row.table.length));
  const lines = [`${'table'.padEnd(width)}  ${'now'.padStart(9)}  ${'backup'.padStart(9)}`];
  for (const row of preview.tables)
    lines.push(`${row.table.padEnd(width)}  ${String(row.now).padStart(9)}  ${String(row.backup).padStart(9)}${row.now !== row.backup ? '  *' : ''}`);
  lines.push(`${changed.length} of ${preview.tables.length} tables differ (*).`);
  return lines.join('\n');
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new CliError('A restore replaces all data: run it in a terminal to confirm, or pass --yes');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function registerBackup(program: Command) {
  const backup = program
    .command('backup')
    .description('Back up the whole database (create, list, verify, restore); with a file name alone, write a plain SQLite copy there')
    .argument('[file]', 'SQLite only: write a plain consistent copy to this file (no manifest, not in the history)')
    .action(async (file: string | undefined, _o, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (file === undefined) return createBackup(globals);
      const config = configFrom(globals, true);
      if (config.database.kind !== 'sqlite') throw new CliError('A plain copy is for SQLite; use `lpdesk backup create` (pg_dump) on PostgreSQL', EXIT.usage);
      const result = await backupSqlite(config.database.file, file);
      print(globals.json ? { file, ...result } : `Backed up ${result.pages} pages to ${file}`, Boolean(globals.json));
    });

  backup
    .command('create')
    .description('Back up the whole database now (SQLite online backup or pg_dump), with a manifest; encrypted when LPDESK_BACKUP_KEY is set')
    .action(async (_o, command: Command) => createBackup(command.optsWithGlobals<GlobalOptions>()));

  backup
    .command('list')
    .description('The backup history: kind, time, size, verified, status')
    .action(async (_o, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const list = await withCore(globals, (core, actor) => invoke(operations.backups.list, { core, actor }, {}));
      if (globals.json) return print(list.data, true);
      if (list.data.length === 0) return print('No backups yet: lpdesk backup create', false);
      print(
        list.data.map((row) => ({
          id: row.id,
          kind: row.kind,
          createdAt: row.createdAt,
          size: megabytes(row.bytes),
          encrypted: row.encrypted,
          verifiedAt: row.verifiedAt ?? '',
          status: row.status,
        })),
        false,
      );
    });

  backup
    .command('verify <backup>')
    .description('Check a backup (id or file): sha256, decryption, integrity check, row counts. Exits 1 when it is bad')
    .action(async (reference: string, _o, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withCore(globals, (core, actor) =>
        UUID.test(reference)
          ? invoke(operations.backups.verify, { core, actor }, { id: reference })
          : invoke(operations.backups.verifyFile, { core, actor }, { reference }),
      );
      if (globals.json) print(result, true);
      else
        print(
          [
            ...result.checks.map((check) => `${check.ok ? 'ok    ' : 'FAILED'} ${check.name}: ${check.detail}`),
            result.ok ? 'The backup is good.' : 'The backup is NOT usable.',
          ].join('\n'),
          false,
        );
      if (!result.ok) process.exitCode = EXIT.failure;
    });

  backup
    .command('restore <backup>')
    .description('Replace all data with a backup (id or file): shows counts now vs in the backup, asks, takes a pre-restore backup first')
    .option('--yes', 'do not ask for confirmation')
    .action(async (reference: string, options: { yes?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const byId = UUID.test(reference);
      await withCore(globals, async (core, actor) => {
        const preview = byId
          ? await invoke(operations.backups.preview, { core, actor }, { id: reference })
          : await invoke(operations.backups.previewFile, { core, actor }, { reference });
        if (!globals.json) {
          process.stdout.write(`Restore ${describeBackup(preview.backup)}, made ${preview.backup.createdAt}\n${previewTable(preview)}\n`);
          if (!preview.sameSchema)
            throw new CliError(
              `The backup is of schema ${preview.backup.schemaVersion}, which is not this database's: restore it with the LP Desk version that made it`,
              EXIT.usage,
            );
        }
        if (!options.yes && !(await confirm('Replace ALL data with this backup? A pre-restore backup is taken first. [y/N] ')))
          throw new CliError('Nothing was restored', EXIT.failure);
        const result = byId
          ? await invoke(operations.backups.restore, { core, actor }, { id: reference, confirm: true })
          : await invoke(operations.backups.restoreFile, { core, actor }, { reference });
        print(globals.json ? result : `Restored. The data as it was just before is in ${describeBackup(result.preRestore)}`, Boolean(globals.json));
      });
    });

  backup
    .command('prune')
    .description('Apply the retention policy now (the schedule does after each backup)')
    .action(async (_o, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withCore(globals, (core, actor) => invoke(operations.backups.prune, { core, actor }, {}));
      print(globals.json ? result : `Pruned ${result.pruned.length} backup(s); ${result.kept} kept`, Boolean(globals.json));
    });
}

async function createBackup(globals: GlobalOptions): Promise<void> {
  const created = await withCore(globals, (core, actor) => invoke(operations.backups.create, { core, actor }, {}));
  print(globals.json ? created : `Backed up: ${describeBackup(created)}`, Boolean(globals.json));
}
