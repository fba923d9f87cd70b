import { z } from 'zod';
import { Id, ListQueryBase, queryInt } from './common.js';
import { Stage } from './commitments.js';

/** Paperwork an LP can be missing; the LP tracker filters on one at a time. */
export const LpPaperwork = z.enum(['subscriptionDocs', 'wire', 'k1', 'accreditation']);
export type LpPaperwork = z.infer<typeof LpPaperwork>;

/** Fields the LP tracker sorts by; `-field` sorts descending. Ties always fall back to the commitment id. */
export const LP_TRACKER_SORTS = ['committedAmount', 'fundedAmount', 'name', 'stage'] as const;
export const LP_TRACKER_DEFAULT_SORT = '-committedAmount';

export const LpTrackerQuery = z.strictObject({
  fundId: Id.optional(),
  limit: queryInt(1, 200).default(50),
  offset: ListQueryBase.shape.offset,
  /** Part of the investor's (organization's) name. */
  q: ListQueryBase.shape.q,
  sort: ListQueryBase.shape.sort,
  /** Only LPs missing this paperwork: signed sub docs, the wire, the K-1 for `k1TaxYear`, verified accreditation of the primary contact. */
  missing: LpPaperwork.optional(),
  /** The tax year `missing=k1` looks at; defaults to the year before the team's current one. */
  k1TaxYear: queryInt(1900, 2999).optional(),
});
export type LpTrackerQuery = z.infer<typeof LpTrackerQuery>;
export type LpTrackerQueryInput = z.input<typeof LpTrackerQuery>;

/** Filters a pipeline board and its metrics share with the commitments list: same words, same rows. */
const BoardFilters = {
  fundId: Id.optional(),
  /** Part of the investor's name or the next step. */
  q: ListQueryBase.shape.q,
  ownerId: Id.optional(),
};

/** The money metrics (docs/metrics.md) of one fund, or of every fund an organization is in. */
export const MetricsQuery = z.strictObject({
  fundId: Id.optional(),
  organizationId: Id.optional(),
  q: ListQueryBase.shape.q,
  ownerId: Id.optional(),
});
export type MetricsQuery = z.infer<typeof MetricsQuery>;

const stageLimits = z
  .string()
  .regex(/^[a-z_]+:\d{1,4}(,[a-z_]+:\d{1,4})*$/, { error: 'must be stage:count pairs separated by commas, e.g. lead:60,committed:90' })
  .transform((value, ctx) => {
    const limits: Partial<Record<Stage, number>> = {};
    for (const pair of value.split(',')) {
      const [stage, count] = pair.split(':');
      const parsed = Stage.safeParse(stage);
      if (!parsed.success || Number(count) < 1 || Number(count) > 2000) {
        ctx.addIssue({ code: 'custom', message: `${pair}: needs a known stage and a count from 1 to 2000` });
        return z.NEVER;
      }
      limits[parsed.data] = Number(count);
    }
    return limits;
  });

/**
 * The kanban: every stage's count and amount over all matching commitments, and the first cards of
 * each stage (largest amount first). `limit` cards per stage, `more` raises it for some stages.
 */
export const PipelineBoardQuery = z.strictObject({
  ...BoardFilters,
  limit: queryInt(1, 200).default(20),
  more: stageLimits.optional(),
});
export type PipelineBoardQuery = z.infer<typeof PipelineBoardQuery>;
export type PipelineBoardQueryInput = z.input<typeof PipelineBoardQuery>;

/** CSV downloads of the reports (`/api/reports/<report>/export`): each report's filters, every row, no paging. */
export const LpTrackerExportQuery = LpTrackerQuery.omit({ limit: true, offset: true });
export type LpTrackerExportQuery = z.infer<typeof LpTrackerExportQuery>;
export const PipelineExportQuery = PipelineBoardQuery.omit({ limit: true, more: true });
export type PipelineExportQuery = z.infer<typeof PipelineExportQuery>;
