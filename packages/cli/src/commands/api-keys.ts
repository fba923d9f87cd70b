import { invoke, operations } from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { print } from '../io.js';

export function registerApiKeys(program: Command) {
  const apikey = program.command('apikey').description('Manage API keys for services and agents');
  apikey
    .command('create <name>')
    .description('Create a key scoped to a role; the key is printed once')
    .requiredOption('--role <role>', 'admin, manager, member or agent')
    .action(async (name: string, opts: { role: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const created = await withCore(globals, (core, actor) => invoke(operations.access.createApiKey, { core, actor }, { name, role: opts.role }));
      if (globals.json) return print(created, true);
      process.stderr.write(`Created ${created.role} key "${created.name}" (${created.id}). Store it now; it is not shown again:\n`);
      process.stdout.write(`${created.key}\n`);
    });
  apikey
    .command('list')
    .description('List keys (never the keys themselves)')
    .action(async (_o, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const keys = await withCore(globals, (core, actor) => invoke(operations.access.listApiKeys, { core, actor }, {}));
      print(
        globals.json
          ? keys
          : keys.map((k) => ({ id: k.id, name: k.name, role: k.role, prefix: k.prefix, lastUsed: k.lastUsedAt ?? '', revoked: k.revokedAt ?? '' })),
        Boolean(globals.json),
      );
    });
  apikey
    .command('revoke <id>')
    .description('Revoke a key')
    .action(async (id: string, _o, command: Command) => {
      const startedAt = new Date().toISOString();
      const key = await withCore(command.optsWithGlobals<GlobalOptions>(), (core, actor) => invoke(operations.access.revokeApiKey, { core, actor }, { id }));
      const already = key.revokedAt !== null && key.revokedAt < startedAt;
      print(already ? `${key.name} (${id}) was already revoked at ${key.revokedAt}` : `Revoked ${key.name} (${id})`, false);
    });
}
