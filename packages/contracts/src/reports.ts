import { z } from 'zod';
import { Id, ListQueryBase, queryInt } from './common.js';

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
