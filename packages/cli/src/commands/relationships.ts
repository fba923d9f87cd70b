import { invoke, operations, rebuildRelationships } from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { print } from '../io.js';

/** A one-line bar on a terminal's stderr; nothing when piped, so scripts read clean output. */
function progressBar(label: string) {
  if (!process.stderr.isTTY) return () => {};
  return (done: number, total: number) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
  };
}

export function registerRelationships(program: Command) {
  const relationships = program.command('relationships').description('Who knows whom: rebuild the derived relationships, find warm-introduction paths');
  relationships
    .command('rebuild')
    .description('Recompute every "knows" and "met together" relationship from the communications (safe to repeat)')
    .action(async (_opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withCore(globals, (core) => rebuildRelationships(core, progressBar('Contacts')));
      print(
        globals.json ? result : `Relationships rebuilt over ${result.contacts} contacts: ${result.knows} knows, ${result.metTogether} met together`,
        Boolean(globals.json),
      );
    });
  relationships
    .command('path')
    .description('Best warm-introduction paths from the team (or one member) to a contact or organization')
    .requiredOption('--to <id>', 'the contact or organization to reach')
    .option('--from <userId>', 'start from this team member only')
    .option('--max-hops <n>', 'longest path (1–6)', '4')
    .action(async (opts: { to: string; from?: string; maxHops: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const input = { to: opts.to, maxHops: opts.maxHops, ...(opts.from ? { from: opts.from } : {}) };
      const result = await withCore(globals, (core, actor) => invoke(operations.relationships.introPath, { core, actor }, input));
      if (globals.json) return print(result, true);
      if (result.paths.length === 0) return print(`No warm path to ${result.target.label} within ${opts.maxHops} hops`, false);
      const lines = result.paths.map((path, index) => {
        const first = path.hops[0]?.from.label ?? '';
        const rest = path.hops.map((hop) => ` —${hop.kind} ${hop.strength.toFixed(2)}→ ${hop.to.label}`).join('');
        return `${index + 1}. ${path.score.toFixed(3)}  ${first}${rest}`;
      });
      print([`Warm paths to ${result.target.label}:`, ...lines].join('\n'), false);
    });
}
