import {
  IdentityCompareQuery,
  IdentityComparisonView,
  IdentityMergeInput,
  IdentityMergeListQuery,
  IdentityMergeView,
  IdParams,
  ListEnvelope,
} from '@lpdesk/contracts';
import { defineOperation } from '../../kernel/operations.js';
import { mergeEntities, undoMerge } from './commands.js';
import { compareEntities } from './compare.js';
import { getMerge, listMerges } from './queries.js';

export { mergeEntities, mergeEntitiesIn, type MergeOptions, type MergeSnapshot, undoMerge, undoMergeIn } from './commands.js';
export { compareEntities } from './compare.js';
export { activeMergeOf, getMerge, listMerges, presentMerges } from './queries.js';

/** Reversible merges of duplicate contacts and organizations, their history, and the side-by-side comparison. */
export const identityMergeOperations = {
  merge: defineOperation({
    name: 'identityMerges.merge',
    summary: 'Merge one contact or organization into another: chosen field values, every link moves, the merged record is retired; reversible',
    permission: 'identity.merge',
    input: IdentityMergeInput,
    output: IdentityMergeView,
    run: ({ core, actor }, input) => mergeEntities(core, actor, input, { rule: 'manual' }),
  }),
  undo: defineOperation({
    name: 'identityMerges.undo',
    summary: 'Undo a merge: both records, their links, aliases and timelines come back, and the pair is remembered as not a duplicate',
    permission: 'identity.merge',
    input: IdParams,
    output: IdentityMergeView,
    run: ({ core, actor }, { id }) => undoMerge(core, actor, id),
  }),
  list: defineOperation({
    name: 'identityMerges.list',
    summary: 'Merges newest first, optionally of one entity and including undone ones',
    permission: 'crm.read',
    input: IdentityMergeListQuery,
    output: ListEnvelope(IdentityMergeView),
    run: ({ core }, query) => listMerges(core, query),
  }),
  get: defineOperation({
    name: 'identityMerges.get',
    summary: 'One merge',
    permission: 'crm.read',
    input: IdParams,
    output: IdentityMergeView,
    run: ({ core }, { id }) => getMerge(core, id),
  }),
  compare: defineOperation({
    name: 'identityMerges.compare',
    summary: 'Two contacts or two organizations side by side: both records, each mergeable field, and the conflicts a merge must reconcile',
    permission: 'crm.read',
    input: IdentityCompareQuery,
    output: IdentityComparisonView,
    run: ({ core }, { a, b }) => compareEntities(core, a, b),
  }),
};
