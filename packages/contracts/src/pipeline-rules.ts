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

/** Stages in which the investor has indicated an amount but not yet committed it. */
export const SOFT_CIRCLED_STAGES: readonly Stage[] = ['soft_circle'];
/** Stages in which the subscription has closed. */
export const CLOSED_STAGES: readonly Stage[] = ['closed'];

export type AmountColumn = 'expectedAmount' | 'committedAmount' | 'fundedAmount';

/**
 * Which amount a stage's money is counted in (docs/metrics.md): a committed or closed commitment
 * counts what the investor committed, every other stage (declined too) what the team expects.
 */
export const stageAmountColumn = (stage: Stage): 'committedAmount' | 'expectedAmount' => (isCommittedStage(stage) ? 'committedAmount' : 'expectedAmount');

/** The amount a commitment contributes to its stage's total and to every money metric; unknown counts 0. */
export function stageAmount(row: { stage: Stage; committedAmount: number | null; expectedAmount: number | null }): number {
  return Number(row[stageAmountColumn(row.stage)] ?? 0);
}

/**
 * The money metrics of a fund (docs/metrics.md): each is the sum of one amount column over live
 * commitments of live investors in a set of stages. The core sums them in SQL from these
 * definitions (reports/metrics.ts); every screen shows the core's figures.
 */
export const METRIC_DEFINITIONS = {
  expected: { label: 'Open pipeline', stages: OPEN_STAGES, amount: 'expectedAmount' },
  softCircled: { label: 'Soft-circled', stages: SOFT_CIRCLED_STAGES, amount: 'expectedAmount' },
  committed: { label: 'Committed', stages: COMMITTED_STAGES, amount: 'committedAmount' },
  closed: { label: 'Closed', stages: CLOSED_STAGES, amount: 'committedAmount' },
  funded: { label: 'Funded', stages: COMMITTED_STAGES, amount: 'fundedAmount' },
} as const satisfies Record<string, { label: string; stages: readonly Stage[]; amount: AmountColumn }>;
export type MetricName = keyof typeof METRIC_DEFINITIONS;

/** Moving to declined needs a reason, so the team learns why investors pass. */
export const stageNeedsReason = (to: Stage): boolean => to === 'declined';
/** Entering a committed stage needs the committed amount, so every screen counts the same money. */
export const stageNeedsCommittedAmount = (to: Stage): boolean => isCommittedStage(to);

export type StageMoveProblem = 'same_stage' | 'reason_required' | 'committed_amount_required';

/**
 * Any stage may move to any other (deals skip and regress), except to the stage it is already in;
 * moving to declined needs a non-blank reason; moving to committed or closed needs a committed
 * amount, given with the move or already recorded. `null` means the move is allowed.
 */
export function stageMoveProblem(from: Stage, to: Stage, reason: string | null | undefined, committedAmount?: number | null): StageMoveProblem | null {
  if (from === to) return 'same_stage';
  if (stageNeedsReason(to) && !reason?.trim()) return 'reason_required';
  if (stageNeedsCommittedAmount(to) && (committedAmount === null || committedAmount === undefined)) return 'committed_amount_required';
  return null;
}
