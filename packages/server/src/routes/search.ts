import { SearchQuery } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

export const searchRoutes: RouteSpec[] = [
  operationRoute({
    method: 'GET',
    url: '/api/search',
    tag: 'Search',
    operation: operations.search.query,
    query: SearchQuery,
    input: ({ query }) => query as SearchQuery,
  }),
];
