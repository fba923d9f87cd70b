import { describe, expect, it } from 'vitest';
import { PIPELINE_STAGES, Stage } from './commitments.js';
import {
  COMMITTED_STAGES,
  DEFAULT_STAGE_PROBABILITY,
  effectiveProbability,
  isCommittedStage,
  isOpenStage,
  isPipelineStage,
  OPEN_STAGES,
  stageAmount,
  stageAmountColumn,
  stageMoveProblem,
  stageNeedsReason,
} from './pipeline-rules.js';

describe('pipeline stages', () => {
  it('splits the stages into open, committed and declined, each stage in exactly one', () => {
    expect(OPEN_STAGES).toEqual(['lead', 'outreach', 'meeting', 'due_diligence', 'soft_circle']);
    expect(COMMITTED_STAGES).toEqual(['committed', 'closed']);
    for (const stage of Stage.options) {
      const groups = [isOpenStage(stage), isCommittedStage(stage), stage === 'declined'].filter(Boolean);
      expect(groups, stage).toHaveLength(1);
    }
  });

  it('keeps declined out of the pipeline and everything else in it, in board order', () => {
    expect(Stage.options.filter(isPipelineStage)).toEqual([...PIPELINE_STAGES]);
    expect(isPipelineStage('declined')).toBe(false);
  });
});

describe('probabilities', () => {
  it('has a default for every stage that rises through the pipeline', () => {
    expect(Object.keys(DEFAULT_STAGE_PROBABILITY).sort()).toEqual([...Stage.options].sort());
    const open = OPEN_STAGES.map((stage) => DEFAULT_STAGE_PROBABILITY[stage]);
    expect(open).toEqual([...open].sort((a, b) => a - b));
    expect(new Set(open).size).toBe(open.length);
    for (const stage of COMMITTED_STAGES) expect(DEFAULT_STAGE_PROBABILITY[stage]).toBe(100);
    expect(DEFAULT_STAGE_PROBABILITY.declined).toBe(0);
  });

  it('uses the commitment’s own probability when set, including 0, else the stage default', () => {
    expect(effectiveProbability('meeting', null)).toBe(20);
    expect(effectiveProbability('soft_circle', null)).toBe(70);
    expect(effectiveProbability('meeting', 65)).toBe(65);
    expect(effectiveProbability('committed', 0)).toBe(0);
  });
});

describe('stageAmount', () => {
  it('counts the committed amount in committed stages and the expected amount everywhere else', () => {
    const amounts = { committedAmount: 450_000_000, expectedAmount: 500_000_000 };
    expect(stageAmount({ stage: 'committed', ...amounts })).toBe(450_000_000);
    expect(stageAmount({ stage: 'closed', ...amounts })).toBe(450_000_000);
    for (const stage of [...OPEN_STAGES, 'declined' as const]) {
      expect(stageAmount({ stage, ...amounts })).toBe(500_000_000);
      expect(stageAmountColumn(stage)).toBe('expectedAmount');
    }
  });

  it('counts an unknown amount as nothing, never the other column', () => {
    expect(stageAmount({ stage: 'committed', committedAmount: null, expectedAmount: 500_000_000 })).toBe(0);
    expect(stageAmount({ stage: 'meeting', committedAmount: 7, expectedAmount: null })).toBe(0);
    expect(stageAmount({ stage: 'committed', committedAmount: 0, expectedAmount: 500_000_000 })).toBe(0);
  });
});

describe('stage moves', () => {
  it('allows any move to another stage, forwards, backwards or skipping', () => {
    expect(stageMoveProblem('lead', 'committed', null, 100)).toBeNull();
    expect(stageMoveProblem('closed', 'outreach', undefined)).toBeNull();
    expect(stageMoveProblem('declined', 'meeting', null)).toBeNull();
  });

  it('refuses a move to the stage the commitment is already in', () => {
    for (const stage of Stage.options) expect(stageMoveProblem(stage, stage, 'a reason')).toBe('same_stage');
  });

  it('needs a non-blank reason to decline, and only to decline', () => {
    expect(stageNeedsReason('declined')).toBe(true);
    expect(Stage.options.filter(stageNeedsReason)).toEqual(['declined']);
    expect(stageMoveProblem('meeting', 'declined', null)).toBe('reason_required');
    expect(stageMoveProblem('meeting', 'declined', '   ')).toBe('reason_required');
    expect(stageMoveProblem('meeting', 'declined', 'No allocation this year')).toBeNull();
  });

  it('needs a known committed amount (zero included) to enter committed or closed', () => {
    expect(stageMoveProblem('meeting', 'committed', null)).toBe('committed_amount_required');
    expect(stageMoveProblem('committed', 'closed', null, null)).toBe('committed_amount_required');
    expect(stageMoveProblem('meeting', 'closed', null, 0)).toBeNull();
    expect(stageMoveProblem('closed', 'meeting', null, null)).toBeNull();
  });
});
