import { authorize, invoke, operations, type RebuildProgress, rebuildRetrievalIndex } from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { print } from '../io.js';

const BAR_WIDTH = 24;

/**
 * Progress on stderr (stdout stays clean for --json): on a terminal one bar redrawn in place; piped, a
 * line per tenth of each phase.
 */
function rebuildProgress() {
  const tty = Boolean(process.stderr.isTTY);
  let lastKey = '';
  let drawn = false;
  return {
    update(p: RebuildProgress) {
      const share = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
      const filled = Math.round(share * BAR_WIDTH);
      const percent = Math.round(share * 100);
      const what = p.phase === 'text' ? 'records chunked' : 'chunks embedded';
      const line = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}% ${p.done}/${p.total} ${what}`;
      const key = `${p.phase}:${Math.floor(percent / 10)}`;
      if (tty) process.stderr.write(`\r${line}\u001b[K`);
      else if (key !== lastKey) process.stderr.write(`${line}\n`);
      lastKey = key;
      drawn = true;
    },
    finish() {
      if (tty && drawn) process.stderr.write('\n');
    },
  };
}

/** `lpdesk index status|rebuild`: the retrieval index (docs/search.md "Retrieval"). */
export function registerIndex(program: Command) {
  const index = program.command('index').description('The retrieval index over communications, email and notes (`lpdesk index status|rebuild`)');
  index
    .command('status')
    .description('Chunks indexed, changes not yet indexed or embedded, and the embedder')
    .action(async (_opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const status = await withCore(globals, (core, actor) => invoke(operations.retrieval.status, { core, actor }, {}));
      print(
        globals.json
          ? status
          : `${status.chunks} chunks, ${status.pending} pending, embedder ${status.embedder.name} (${status.embedder.dimensions} dimensions)`,
        Boolean(globals.json),
      );
    });
  index
    .command('rebuild')
    .description('Rebuild the index from every record and embed what is pending (safe to repeat)')
    .option('--vectors', 're-embed every chunk, not only the pending ones')
    .action(async (opts: { vectors?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const bar = rebuildProgress();
      const result = await withCore(globals, (core, actor) => {
        authorize(actor, 'jobs.manage');
        return rebuildRetrievalIndex(core, { revectorize: Boolean(opts.vectors), onProgress: bar.update });
      });
      bar.finish();
      print(globals.json ? result : `Retrieval index rebuilt: ${result.chunks} chunks, ${result.embedded} embedded`, Boolean(globals.json));
    });
}
