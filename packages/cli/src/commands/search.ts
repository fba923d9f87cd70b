import { invoke, operations } from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { CliError, print } from '../io.js';

export function registerSearch(program: Command) {
  const search = program
    .command('search')
    .description('Find people, organizations and funds (typo-tolerant); `search reindex` rebuilds the index')
    .argument('[words...]', 'what to look for')
    .option('--limit <n>', 'how many results (1–50)', '10')
    .action(async (words: string[], opts: { limit: string }, command: Command) => {
      const q = words.join(' ').trim();
      if (!q) throw new CliError('Say what to look for: lpdesk search <words>, or lpdesk search reindex');
      const globals = command.optsWithGlobals<GlobalOptions>();
      const results = await withCore(globals, (core, actor) => invoke(operations.search.query, { core, actor }, { q, limit: opts.limit }));
      if (globals.json) return print(results, true);
      if (results.length === 0) return print(`Nothing matches “${q}”`, false);
      print(results.map((r) => `${r.type.padEnd(12)} ${r.label}${r.sublabel ? `  (${r.sublabel})` : ''}  ${r.id}`).join('\n'), false);
    });
  search
    .command('reindex')
    .description('Rebuild the search index from every record (safe to repeat; after bulk loads or if results look stale)')
    .action(async (_opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withCore(globals, (core, actor) => invoke(operations.search.reindex, { core, actor }, {}));
      print(globals.json ? result : `Search index rebuilt: ${result.documents} records, ${result.terms} words`, Boolean(globals.json));
    });
}
