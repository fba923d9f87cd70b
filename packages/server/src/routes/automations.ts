import { AutomationCreateInput, AutomationListQuery, AutomationRunListQuery, AutomationUpdateInput, IdParams } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { z } from 'zod';
import { expectedVersionFrom } from '../http/preconditions.js';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

const tag = 'Automations';
const ops = operations.automations;

/** Rules (trigger, condition, actions), their run history, a dry run and a run on demand. */
export const automationRoutes: RouteSpec[] = [
  operationRoute({
    method: 'GET',
    url: '/api/automations',
    tag,
    operation: ops.list,
    query: AutomationListQuery,
    input: ({ query }) => query as AutomationListQuery,
  }),
  operationRoute({
    method: 'POST',
    url: '/api/automations',
    tag,
    operation: ops.create,
    body: AutomationCreateInput,
    status: 201,
    input: ({ body }) => body as AutomationCreateInput,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/automations/:id',
    tag,
    operation: ops.get,
    params: IdParams,
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'PATCH',
    url: '/api/automations/:id',
    tag,
    operation: ops.update,
    params: IdParams,
    body: AutomationUpdateInput,
    input: ({ params, body, headers }) => ({
      id: params.id as string,
      changes: body as AutomationUpdateInput,
      expectedVersion: expectedVersionFrom(headers['if-match']),
    }),
  }),
  operationRoute({
    method: 'DELETE',
    url: '/api/automations/:id',
    tag,
    operation: ops.delete,
    params: IdParams,
    status: 204,
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'GET',
    url: '/api/automations/:id/runs',
    tag,
    operation: ops.runs,
    params: IdParams,
    query: AutomationRunListQuery,
    input: ({ params, query }) => ({ id: params.id as string, query: query as AutomationRunListQuery }),
  }),
  operationRoute({
    method: 'POST',
    url: '/api/automations/:id/dry-run',
    tag,
    operation: ops.dryRun,
    params: IdParams,
    body: z.strictObject({}).optional(),
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'POST',
    url: '/api/automations/:id/run',
    tag,
    operation: ops.runNow,
    params: IdParams,
    body: z.strictObject({}).optional(),
    input: ({ params }) => ({ id: params.id as string }),
  }),
];
