import { PIPELINE_STAGES, type Stage } from '@lpdesk/contracts';
import { newId } from '../kernel/ids.js';
import type { WriteScope } from '../kernel/write.js';

const DAY_MS = 86_400_000;

/**
 * The stages a demo commitment went through to reach `stage`: the pipeline from lead, with outreach
 * skipped for every other investor (a warm intro goes straight to a meeting), and declined after a
 * meeting. Deterministic, so the reports show conversion and days in stage on every seed.
 */
export function demoStagePath(stage: Stage, index: number): Stage[] {
  if (stage === 'declined') return ['lead', 'outreach', 'meeting', 'declined'];
  const reached = PIPELINE_STAGES.slice(0, PIPELINE_STAGES.indexOf(stage) + 1);
  const warmIntro = index % 2 === 1 && reached.length > 2;
  return warmIntro ? reached.filter((s) => s !== 'outreach') : [...reached];
}

/**
 * Replaces the single stage change a commitment was created with by the path to its stage, the last
 * change at `lastAt` and each earlier one `gapDays` before the next.
 */
export async function writeDemoStageHistory(scope: WriteScope, commitmentId: string, path: readonly Stage[], lastAt: Date, gapDays: number) {
  await scope.tx.deleteFrom('stageChanges').where('commitmentId', '=', commitmentId).execute();
  const rows = path.map((toStage, i) => ({
    id: newId(),
    commitmentId,
    fromStage: i === 0 ? null : (path[i - 1] ?? null),
    toStage,
    reason: null,
    changedAt: new Date(lastAt.getTime() - (path.length - 1 - i) * gapDays * DAY_MS).toISOString(),
    actorKind: scope.actor.kind,
    actorId: scope.actor.id,
  }));
  await scope.tx.insertInto('stageChanges').values(rows).execute();
}
