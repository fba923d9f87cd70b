import { Role } from '@lpdesk/contracts';
import { type Actor, type Core, DomainError, invoke, operations } from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { CliError, EXIT, print, readPassword } from '../io.js';

/** Every user command goes through the core's operations (schema and permission), like the HTTP API. */
async function userIdByName(core: Core, actor: Actor, username: string) {
  try {
    return (await invoke(operations.access.getUserByUsername, { core, actor }, { username })).id;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') throw new CliError(`No user named ${username}`, EXIT.notFound);
    throw error;
  }
}

export function registerUsers(program: Command) {
  const user = program.command('user').description('Manage users (reads the password from a hidden prompt or standard input)');
  user
    .command('create <username>')
    .description('Create a user')
    .option('--role <role>', `one of ${Role.options.join(', ')}`, 'member')
    .option('--email <email>')
    .option('--full-name <name>')
    .action(async (username: string, opts: { role: string; email?: string; fullName?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const password = await readPassword(`Password for ${username}: `);
      const input = { username, password, role: opts.role, email: opts.email, fullName: opts.fullName };
      const created = await withCore(globals, (core, actor) => invoke(operations.access.createUser, { core, actor }, input));
      print(globals.json ? created : `Created ${created.role} ${created.username} (${created.id})`, Boolean(globals.json));
    });
  user
    .command('list')
    .description('List users')
    .action(async (_o, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const users = await withCore(globals, (core, actor) => invoke(operations.access.listUsers, { core, actor }, {}));
      print(
        globals.json ? users : users.map((u) => ({ username: u.username, role: u.role, disabled: u.disabled, lastLogin: u.lastLoginAt ?? '' })),
        Boolean(globals.json),
      );
    });
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(`${name} <username>`)
      .description(`${disabled ? 'Disable' : 'Re-enable'} a user${disabled ? ' and sign them out' : ''}`)
      .action(async (username: string, _o, command: Command) => {
        await withCore(command.optsWithGlobals<GlobalOptions>(), async (core, actor) =>
          invoke(operations.access.updateUser, { core, actor }, { id: await userIdByName(core, actor, username), changes: { disabled } }),
        );
        print(`${username} ${disabled ? 'disabled' : 'enabled'}`, false);
      });
  }
  user
    .command('set-role <username> <role>')
    .description('Change a user role')
    .action(async (username: string, role: string, _o, command: Command) => {
      await withCore(command.optsWithGlobals<GlobalOptions>(), async (core, actor) =>
        invoke(operations.access.updateUser, { core, actor }, { id: await userIdByName(core, actor, username), changes: { role } }),
      );
      print(`${username} is now ${role}`, false);
    });
  user
    .command('reset-password <username>')
    .description('Set a new password and sign the user out everywhere')
    .action(async (username: string, _o, command: Command) => {
      const password = await readPassword(`New password for ${username}: `);
      await withCore(command.optsWithGlobals<GlobalOptions>(), async (core, actor) =>
        invoke(operations.access.resetPassword, { core, actor }, { id: await userIdByName(core, actor, username), body: { password } }),
      );
      print(`Password reset for ${username}`, false);
    });
}
