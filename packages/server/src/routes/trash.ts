import { IdParams, TrashListQuery } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';
import { EmptyQuery } from './crud.js';

/** The Trash screen's list (who trashed what, when), the impact read before trashing, and a communication's history. */
export const trashRoutes: RouteSpec[] = [
  operationRoute({
    method: 'GET',
    url: '/api/trash',
    tag: 'Trash',
    operation: operations.trash.list,
    query: TrashListQuery,
    input: ({ query }) => query as TrashListQuery,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/organizations/:id/trash-impact',
    tag: 'Trash',
    operation: operations.trash.organizationImpact,
    params: IdParams,
    query: EmptyQuery,
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'GET',
    url: '/api/contacts/:id/trash-impact',
    tag: 'Trash',
    operation: operations.trash.contactImpact,
    params: IdParams,
    query: EmptyQuery,
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'GET',
    url: '/api/communications/:id/history',
    tag: 'Communications',
    operation: operations.communications.history,
    params: IdParams,
    query: EmptyQuery,
    input: ({ params }) => ({ id: params.id as string }),
  }),
];
