import { invoke, operations, runIdentityScan, type ScanProgress } from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { print } from '../io.js';

const BAR_WIDTH = 30;
const PHASE_LABELS: Record<ScanProgress['phase'], string> = {
  backfill: 'filing records',
  features: 'reading records',
  compare: 'comparing',
  merge: 'merging',
  done: 'done',
};

/** A progress bar on stderr (stdout stays clean for --json): redrawn in place on a terminal, one line per phase otherwise. */
function progressBar(): { update: (progress: ScanProgress) => void; finish: () => void } {
  const tty = Boolean(process.stderr.isTTY);
  let lastPhase = '';
  return {
    update(progress) {
      const share = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 1;
      const filled = Math.round(share * BAR_WIDTH);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${PHASE_LABELS[progress.phase]} ${progress.done}/${progress.total}`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (progress.phase !== lastPhase) process.stderr.write(`${line}\n`);
      lastPhase = progress.phase;
    },
    finish() {
      if (tty) process.stderr.write('\n');
    },
  };
}

export function registerIdentity(program: Command) {
  const identity = program.command('identity').description('Identity resolution: scan for duplicates, explain how an entity was built and why two match');
  identity
    .command('scan')
    .description('Full pass: file every record, merge clear duplicates, queue the rest as merge suggestions')
    .action(async (_opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const bar = progressBar();
      const result = await withCore(globals, (core, actor) => runIdentityScan(core, actor, { onProgress: bar.update }));
      bar.finish();
      if (globals.json) return print(result, true);
      print(
        [
          `Scanned ${result.records} records (${result.entities} entities, ${result.backfilled} newly filed) in ${result.durationMs} ms`,
          `${result.comparisons} comparisons, ${result.autoMerged} merged automatically, ${result.suggestions} new merge suggestions`,
        ].join('\n'),
        false,
      );
    });
  identity
    .command('how')
    .description('How a contact or organization was built: its source records and the rule that joined each')
    .argument('<id>', 'contact or organization id')
    .action(async (id: string, _opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const how = await withCore(globals, (core, actor) => invoke(operations.identity.how, { core, actor }, { id }));
      if (globals.json) return print(how, true);
      const lines = [`${how.entity.entityType} ${how.entity.label} (${how.entity.entityId})${how.entity.deleted ? ' [in the trash]' : ''}`, 'Records:'];
      for (const record of how.records) lines.push(`  ${record.source}/${record.externalId}  ${record.rule} ${record.confidence.toFixed(2)}  ${record.reason}`);
      if (how.merges.length > 0)
        lines.push('Merges:', ...how.merges.map((m) => `  ${m.merged.label} → ${m.survivor.label}  ${m.rule}${m.undoneAt ? ' (undone)' : ''}  ${m.createdAt}`));
      if (how.aliases.length > 0) lines.push('Aliases:', ...how.aliases.map((a) => `  ${a.kind} ${a.source}: ${a.value}`));
      print(lines.join('\n'), false);
    });
  identity
    .command('why')
    .description('Why two records or entities do or do not match: the evidence for and against')
    .argument('<a>', 'record, contact or organization id')
    .argument('<b>', 'record, contact or organization id')
    .action(async (a: string, b: string, _opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const why = await withCore(globals, (core, actor) => invoke(operations.identity.why, { core, actor }, { a, b }));
      if (globals.json) return print(why, true);
      const lines = [
        `${why.a.label} vs ${why.b.label}: ${why.verdict} (confidence ${why.confidence.toFixed(2)}; merges at ${why.thresholds.autoMerge}, suggests at ${why.thresholds.suggest})${why.sameEntity ? ' — already one entity' : ''}`,
        ...why.evidence.map((e) => `  ${e.direction.padEnd(7)} ${e.confidence.toFixed(2)} ${e.rule}: ${e.reason}`),
      ];
      if (why.evidence.length === 0) lines.push('  no evidence either way');
      print(lines.join('\n'), false);
    });
}
