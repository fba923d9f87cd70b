import { IdentityCompareQuery, IdentityMergeInput, IdentityMergeListQuery, IdParams } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { z } from 'zod';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';
import { EmptyQuery } from './crud.js';

const tag = 'Identity';
const ops = operations.identityMerges;

/** Reversible merges of duplicate contacts and organizations, and the side-by-side comparison the merge screen shows. */
export const identityMergeRoutes: RouteSpec[] = [
  operationRoute({
    method: 'POST',
    url: '/api/identity/merges',
    tag,
    operation: ops.merge,
    body: IdentityMergeInput,
    input: ({ body }) => body as z.output<typeof IdentityMergeInput>,
  }),
  operationRoute({
    method: 'POST',
    url: '/api/identity/merges/:id/undo',
    tag,
    operation: ops.undo,
    params: IdParams,
    body: z.strictObject({}).optional(),
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'GET',
    url: '/api/identity/merges',
    tag,
    operation: ops.list,
    query: IdentityMergeListQuery,
    input: ({ query }) => query as z.output<typeof IdentityMergeListQuery>,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/identity/merges/:id',
    tag,
    operation: ops.get,
    params: IdParams,
    query: EmptyQuery,
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'GET',
    url: '/api/identity/compare',
    tag,
    operation: ops.compare,
    query: IdentityCompareQuery,
    input: ({ query }) => query as z.output<typeof IdentityCompareQuery>,
  }),
];
