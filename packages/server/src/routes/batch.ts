import { BatchInput } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

export const batchRoutes: RouteSpec[] = [
  operationRoute({ method: 'POST', url: '/api/batch', tag: 'Batch', operation: operations.batch.apply, body: BatchInput, input: ({ body }) => body as BatchInput }),
];
