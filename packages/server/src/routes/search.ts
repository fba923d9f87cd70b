import { type RetrievalSearchQuery as RetrievalSearchQueryType, RetrievalSearchQuery, SearchQuery } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { z } from 'zod';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

export const searchRoutes: RouteSpec[] = [
  // Retrieval over what was said (docs/search.md "Retrieval"); the palette's record search is /api/search/records.
  operationRoute({
    method: 'GET',
    url: '/api/search',
    tag: 'Search',
    operation: operations.retrieval.search,
    query: RetrievalSearchQuery,
    input: ({ query }) => query as RetrievalSearchQueryType,
    // The contract's shape: `{data, tookMs, entities}` at the top, not wrapped again.
    respond: (result) => result,
    response: operations.retrieval.search.output,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/search/status',
    tag: 'Search',
    operation: operations.retrieval.status,
    query: z.strictObject({}),
    input: () => ({}),
    respond: (result) => result,
    response: operations.retrieval.status.output,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/search/records',
    tag: 'Search',
    operation: operations.search.query,
    query: SearchQuery,
    input: ({ query }) => query as SearchQuery,
  }),
];
