import { type Stage, stageMoveProblem } from '@lpdesk/contracts';
import { Invalid } from '../kernel/errors.js';

// The pure pipeline rules live in contracts so the web app applies the same ones; re-exported here
// so core code keeps importing them from its domain.
export { effectiveProbability, isCommittedStage, isOpenStage, pipelineAmount } from '@lpdesk/contracts';

/** Any stage may move to any other (deals skip and regress); moving to declined needs a reason. */
export function checkStageMove(from: Stage, to: Stage, reason: string | null | undefined): void {
  const problem = stageMoveProblem(from, to, reason);
  if (problem === 'same_stage') throw new Invalid(`stage: the commitment is already in ${to}`);
  if (problem === 'reason_required') {
    throw new Invalid('reason: say why the investor declined', { issues: [{ path: ['reason'], message: 'a reason is required when moving to declined' }] });
  }
}
