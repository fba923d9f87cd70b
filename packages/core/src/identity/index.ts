import {
  IdentityCandidateList,
  IdentityCandidatesInput,
  IdentityHowView,
  IdentityRecordListQuery,
  IdentityRecordsInput,
  IdentityRecordView,
  IdentityResolutionList,
  IdentityScanView,
  IdentitySuggestionListQuery,
  IdentitySuggestionView,
  IdentityWhyQuery,
  IdentityWhyView,
  IdParams,
  ListEnvelope,
} from '@lpdesk/contracts';
import { z } from 'zod';
import { defineOperation } from '../kernel/operations.js';
import { candidatesFor, howEntity, whyPair } from './explain.js';
import { listRecords } from './records-store.js';
import { resolveRecords } from './resolver.js';
import { runIdentityScan } from './scan.js';
import { listSuggestions, rejectSuggestion } from './suggestions.js';

export { backfillManualRecords } from './backfill.js';
export { candidatesFor, howEntity, whyPair } from './explain.js';
export { upsertImportedRecord } from './imported.js';
export { MANUAL_SOURCE, manualContactRecord, manualOrganizationRecord, suggestForEntity, upsertManualRecord } from './manual.js';
export { listRecords } from './records-store.js';
export { resolveRecords } from './resolver.js';
export { runIdentityScan, type ScanProgress } from './scan.js';
export { listSuggestions, orderedPair, rejectedPairs, rejectSuggestion, upsertSuggestions } from './suggestions.js';

/** Source records, resolution, scans, explanations and the suggestion queue (merges: identity/merges). */
export const identityOperations = {
  postRecords: defineOperation({
    name: 'identity.postRecords',
    summary: 'Post source records (≤ 1,000); each resolves into a canonical contact or organization',
    permission: 'crm.write',
    input: IdentityRecordsInput,
    output: IdentityResolutionList,
    run: async ({ core, actor }, { records }) => ({ data: await resolveRecords(core, actor, records) }),
  }),
  listRecords: defineOperation({
    name: 'identity.listRecords',
    summary: 'Source records with the entity each resolved into and the rule that joined it',
    permission: 'crm.read',
    input: IdentityRecordListQuery,
    output: ListEnvelope(IdentityRecordView),
    run: ({ core }, query) => listRecords(core.db, query),
  }),
  scan: defineOperation({
    name: 'identity.scan',
    summary: 'Full identity pass: backfill, compare, auto-merge clear matches, queue suggestions',
    permission: 'identity.scan',
    input: z.object({}),
    output: IdentityScanView,
    run: ({ core, actor }) => runIdentityScan(core, actor),
  }),
  how: defineOperation({
    name: 'identity.how',
    summary: 'How an entity was built: its records, the rule that joined each, merges and aliases',
    permission: 'crm.read',
    input: IdParams,
    output: IdentityHowView,
    run: ({ core }, { id }) => howEntity(core, id),
  }),
  why: defineOperation({
    name: 'identity.why',
    summary: 'Why two records or entities do or do not match: evidence for and against, and the verdict',
    permission: 'crm.read',
    input: IdentityWhyQuery,
    output: IdentityWhyView,
    run: ({ core }, { a, b }) => whyPair(core, a, b),
  }),
  suggestions: defineOperation({
    name: 'identity.suggestions',
    summary: 'Merge suggestions, strongest first',
    permission: 'crm.read',
    input: IdentitySuggestionListQuery,
    output: ListEnvelope(IdentitySuggestionView),
    run: ({ core }, query) => listSuggestions(core, query),
  }),
  rejectSuggestion: defineOperation({
    name: 'identity.rejectSuggestion',
    summary: 'Reject a merge suggestion: the pair is never suggested or merged automatically again',
    permission: 'identity.merge',
    input: IdParams,
    output: IdentitySuggestionView,
    run: ({ core, actor }, { id }) => rejectSuggestion(core, actor, id),
  }),
  candidates: defineOperation({
    name: 'identity.candidates',
    summary: 'Possible duplicates of a draft record (the create form warning), best first',
    permission: 'crm.write',
    input: IdentityCandidatesInput,
    output: IdentityCandidateList,
    run: ({ core }, draft) => candidatesFor(core, draft),
  }),
};
