import { DEFAULT_STAGE_PROBABILITY, type Stage } from '@lpdesk/contracts';
import { Invalid } from '../kernel/errors.js';

/** Any stage may move to any other (deals skip and regress); moving to declined needs a reason. */
export function checkStageMove(from: Stage, to: Stage, reason: string | null | undefined): void {
  if (from === to) throw new Invalid(`stage: the commitment is already in ${to}`);
  if (to === 'declined' && !reason?.trim()) {
    throw new Invalid('reason: say why the investor declined', { issues: [{ path: ['reason'], message: 'a reason is required when moving to declined' }] });
  }
}

export function effectiveProbability(stage: Stage, probability: number | null): number {
  return probability ?? DEFAULT_STAGE_PROBABILITY[stage];
}

/** The amount a commitment contributes to pipeline value: committed when known, else expected. */
export function pipelineAmount(row: { committedAmount: number | null; expectedAmount: number | null }): number {
  return Number(row.committedAmount ?? row.expectedAmount ?? 0);
}
