import {
  IdentityCandidateList,
  IdentityCandidatesInput,
  IdentityRecordListQuery,
  IdentityRecordsInput,
  IdentityResolutionList,
  IdentitySuggestionListQuery,
  IdentityWhyQuery,
  IdParams,
} from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { z } from 'zod';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

const tag = 'Identity';
const ops = operations.identity;
/** These answers already are `{data: […]}`: sent as they are, not wrapped again. */
const asIs = (result: unknown) => result;

/** Source records, resolution, the full scan, how/why explanations, the suggestion queue and the duplicate check. */
export const identityRoutes: RouteSpec[] = [
  operationRoute({
    method: 'POST',
    url: '/api/identity/records',
    tag,
    operation: ops.postRecords,
    body: IdentityRecordsInput,
    respond: asIs,
    response: IdentityResolutionList,
    input: ({ body }) => body as z.output<typeof IdentityRecordsInput>,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/identity/records',
    tag,
    operation: ops.listRecords,
    query: IdentityRecordListQuery,
    input: ({ query }) => query as IdentityRecordListQuery,
  }),
  operationRoute({
    method: 'POST',
    url: '/api/identity/scan',
    tag,
    operation: ops.scan,
    body: z.strictObject({}).optional(),
    input: () => ({}),
  }),
  operationRoute({
    method: 'GET',
    url: '/api/identity/entities/:id/how',
    tag,
    operation: ops.how,
    params: IdParams,
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'GET',
    url: '/api/identity/why',
    tag,
    operation: ops.why,
    query: IdentityWhyQuery,
    input: ({ query }) => query as z.output<typeof IdentityWhyQuery>,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/identity/suggestions',
    tag,
    operation: ops.suggestions,
    query: IdentitySuggestionListQuery,
    input: ({ query }) => query as z.output<typeof IdentitySuggestionListQuery>,
  }),
  operationRoute({
    method: 'POST',
    url: '/api/identity/suggestions/:id/reject',
    tag,
    operation: ops.rejectSuggestion,
    params: IdParams,
    body: z.strictObject({}).optional(),
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'POST',
    url: '/api/identity/candidates',
    tag,
    operation: ops.candidates,
    body: IdentityCandidatesInput,
    respond: asIs,
    response: IdentityCandidateList,
    input: ({ body }) => body as z.output<typeof IdentityCandidatesInput>,
  }),
];
