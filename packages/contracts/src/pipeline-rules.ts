import { PIPELINE_STAGES, type Stage } from './commitments.js';

/**
 * Pipeline rules with no storage behind them, shared by the core (which enforces them) and the web
 * app (which shows their effect before the server answers), so the two cannot disagree.
 */

/** Stages in which the money is promised: the investor counts as an LP of the fund. */
export const COMMITTED_STAGES: readonly Stage[] = ['committed', 'closed'];
/** Stages still being worked: the investor counts as a prospect. */
export const OPEN_STAGES: readonly Stage[] = ['lead', 'outreach', 'meeting', 'due_diligence', 'soft_circle'];

/** Default win probability per stage, used when a commitment has none of its own. */
export const DEFAULT_STAGE_PROBABILITY: Readonly<Record<Stage, number>> = {
  lead: 5,
  outreach: 10,
  meeting: 20,
  due_diligence: 40,
  soft_circle: 70,
  committed: 100,
  closed: 100,
  declined: 0,
};

export const isOpenStage = (stage: Stage): boolean => OPEN_STAGES.includes(stage);
export const isCommittedStage = (stage: Stage): boolean => COMMITTED_STAGES.includes(stage);
/** Declined is a stage but not part of the pipeline: it carries no money forward. */
export const isPipelineStage = (stage: Stage): boolean => (PIPELINE_STAGES as readonly Stage[]).includes(stage);

/** The commitment's own probability when set, else the stage default. */
export function effectiveProbability(stage: Stage, probability: number | null): number {
  return probability ?? DEFAULT_STAGE_PROBABILITY[stage];
}

/** The amount a commitment contributes to pipeline value: committed when known, else expected. */
export function pipelineAmount(row: { committedAmount: number | null; expectedAmount: number | null }): number {
  return Number(row.committedAmount ?? row.expectedAmount ?? 0);
}

/** Moving to declined needs a reason, so the team learns why investors pass. */
export const stageNeedsReason = (to: Stage): boolean => to === 'declined';

export type StageMoveProblem = 'same_stage' | 'reason_required';

/**
 * Any stage may move to any other (deals skip and regress), except to the stage it is already in;
 * moving to declined needs a non-blank reason. `null` means the move is allowed.
 */
export function stageMoveProblem(from: Stage, to: Stage, reason: string | null | undefined): StageMoveProblem | null {
  if (from === to) return 'same_stage';
  if (stageNeedsReason(to) && !reason?.trim()) return 'reason_required';
  return null;
}
