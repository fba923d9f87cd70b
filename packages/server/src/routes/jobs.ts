import { IdParams, JobListQuery } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

export const jobRoutes: RouteSpec[] = [
  operationRoute({ method: 'GET', url: '/api/jobs', tag: 'Jobs', operation: operations.jobs.list, query: JobListQuery, input: ({ query }) => query as JobListQuery }),
  operationRoute({ method: 'POST', url: '/api/jobs/:id/retry', tag: 'Jobs', operation: operations.jobs.retry, params: IdParams, input: ({ params }) => ({ id: params.id as string }) }),
  operationRoute({ method: 'GET', url: '/api/job-schedules', tag: 'Jobs', operation: operations.jobs.schedules, input: () => ({}) }),
  operationRoute({ method: 'GET', url: '/api/subscriptions', tag: 'Jobs', operation: operations.jobs.subscriptions, input: () => ({}) }),
];
