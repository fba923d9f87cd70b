import { SearchQuery, SearchReindexResult, SearchResult } from '@lpdesk/contracts';
import { z } from 'zod';
import type { JobHandler } from '../jobs/runner.js';
import { defineOperation } from '../kernel/operations.js';
import { rebuildSearchIndex } from './indexer.js';
import { searchEverything } from './palette.js';

export { SEARCHABLE_TYPES, type SearchableType } from './documents.js';
export { applySearchChanges, rebuildSearchIndex, type SearchChanges } from './indexer.js';
export { normalizeSearchText, queryTokens } from './normalize.js';
export { documentMatches, matchingIds, type PreparedSearch, prepareSearch, type TypoMode } from './query.js';
export { catchUpSearchIndex, SEARCH_SUBSCRIBER, searchChangesOf, searchIndexSubscriber } from './subscriber.js';
export { searchEverything } from './palette.js';

/** On demand (`lpdesk jobs` / enqueueJob): rebuild the index in the background, e.g. after a bulk load. */
export const reindexSearchJob: JobHandler = {
  kind: 'search.reindex',
  run: (_payload, { core }) => rebuildSearchIndex(core.db, core.dialect),
};

export const searchOperations = {
  query: defineOperation({
    name: 'search.query',
    summary: 'Find people, organizations and funds by name, email, firm or domain, typo-tolerant, best matches first',
    permission: 'crm.read',
    input: SearchQuery,
    output: z.array(SearchResult),
    run: ({ core }, { q, limit }) => searchEverything(core, q, limit),
  }),
  reindex: defineOperation({
    name: 'search.reindex',
    summary: 'Rebuild the search index from every record (safe to repeat)',
    permission: 'jobs.manage',
    input: z.strictObject({}),
    output: SearchReindexResult,
    run: ({ core }) => rebuildSearchIndex(core.db, core.dialect),
  }),
};
