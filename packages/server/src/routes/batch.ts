import { BatchInput, BulkRequest, IdParams } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

export const batchRoutes: RouteSpec[] = [
  operationRoute({ method: 'POST', url: '/api/batch', tag: 'Batch', operation: operations.batch.apply, body: BatchInput, input: ({ body }) => body as BatchInput }),
  operationRoute({ method: 'POST', url: '/api/batches', tag: 'Batch', operation: operations.batch.bulk, status: 201, body: BulkRequest, input: ({ body }) => body as BulkRequest }),
  operationRoute({
    method: 'POST',
    url: '/api/batches/:id/undo',
    tag: 'Batch',
    operation: operations.batch.undo,
    params: IdParams,
    input: ({ params }) => ({ id: params.id as string }),
  }),
];
