import { IdParams } from '@lpdesk/contracts';
import type { Operation } from '@lpdesk/core';
import { z } from 'zod';
import { expectedVersionFrom } from '../http/preconditions.js';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

interface CrudOperations {
  list: Operation;
  get: Operation;
  create: Operation;
  update: Operation;
  delete: Operation;
  restore: Operation;
}

interface CrudSchemas {
  list: z.ZodObject;
  create: z.ZodType;
  update: z.ZodType;
}

/** The six routes every soft-deletable collection has: list, create, get, patch, delete, restore. */
export function crudRoutes(base: string, tag: string, ops: CrudOperations, schemas: CrudSchemas): RouteSpec[] {
  const byId = `${base}/:id`;
  return [
    operationRoute({ method: 'GET', url: base, tag, operation: ops.list, query: schemas.list, input: ({ query }) => query }),
    operationRoute({ method: 'POST', url: base, tag, operation: ops.create, body: schemas.create, status: 201, input: ({ body }) => body }),
    operationRoute({ method: 'GET', url: byId, tag, operation: ops.get, params: IdParams, input: ({ params }) => params }),
    operationRoute({ method: 'PATCH', url: byId, tag, operation: ops.update, params: IdParams, body: schemas.update, input: ({ params, body, headers }) => ({ id: params.id, changes: body, expectedVersion: expectedVersionFrom(headers['if-match']) }) }),
    operationRoute({ method: 'DELETE', url: byId, tag, operation: ops.delete, params: IdParams, status: 204, input: ({ params }) => params }),
    operationRoute({ method: 'POST', url: `${byId}/restore`, tag, operation: ops.restore, params: IdParams, input: ({ params }) => params }),
  ];
}

export const EmptyQuery = z.strictObject({});
