import { z } from 'zod';
import { CalendarDate, CustomFieldValues, Id, ListQueryBase, MinorUnits, OptionalText } from './common.js';

/** Pipeline order matters: it drives the kanban columns and conversion reports. */
export const PIPELINE_STAGES = ['lead', 'outreach', 'meeting', 'due_diligence', 'soft_circle', 'committed', 'closed'] as const;
export const Stage = z.enum([...PIPELINE_STAGES, 'declined']);
export type Stage = z.infer<typeof Stage>;

export const Priority = z.enum(['low', 'medium', 'high']);
export type Priority = z.infer<typeof Priority>;

const commitmentFields = {
  organizationId: Id,
  fundId: Id,
  stage: Stage,
  declinedReason: OptionalText(2000),
  expectedAmount: MinorUnits.nullable(),
  committedAmount: MinorUnits.nullable(),
  fundedAmount: MinorUnits.nullable(),
  probability: z.int().min(0).max(100).nullable(),
  expectedCloseOn: CalendarDate.nullable(),
  ownerId: Id.nullable(),
  primaryContactId: Id.nullable(),
  priority: Priority.nullable(),
  nextStep: OptionalText(2000),
  source: OptionalText(200),
  subscriptionDocsSentOn: CalendarDate.nullable(),
  subscriptionDocsSignedOn: CalendarDate.nullable(),
  sideLetter: z.boolean(),
  wireReceivedOn: CalendarDate.nullable(),
  /** Tax years for which a K-1 has been sent, e.g. [2024, 2025]. */
  k1SentTaxYears: z.array(z.int().min(1990).max(2200)).max(50),
  tagIds: z.array(Id).max(100),
  customFields: CustomFieldValues,
};

export const CommitmentCreateInput = z
  .strictObject(commitmentFields)
  .partial()
  .extend({
    organizationId: Id,
    fundId: Id,
    stage: Stage.default('lead'),
  });
export type CommitmentCreateInput = z.infer<typeof CommitmentCreateInput>;

/** Investor and fund are the identity of a commitment and cannot change; stage moves go through moveStage. */
export const CommitmentUpdateInput = z
  .strictObject(commitmentFields)
  .omit({ organizationId: true, fundId: true })
  .partial();
export type CommitmentUpdateInput = z.infer<typeof CommitmentUpdateInput>;

export const StageMoveInput = z.strictObject({
  stage: Stage,
  reason: OptionalText(2000),
  /**
   * The amount committed, recorded with the move. Moving to committed or closed needs one, given
   * here or already on the commitment; otherwise the move is refused (docs/metrics.md).
   */
  committedAmount: MinorUnits.optional(),
});
export type StageMoveInput = z.infer<typeof StageMoveInput>;

export const CommitmentListQuery = z.strictObject({
  ...ListQueryBase.shape,
  fundId: Id.optional(),
  organizationId: Id.optional(),
  contactId: Id.optional(),
  stage: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, { error: 'must be a stage or a comma-separated list of stages' })
    .optional(),
  ownerId: Id.optional(),
  tagId: Id.optional(),
});
export type CommitmentListQuery = z.infer<typeof CommitmentListQuery>;
