import { ActivityListQuery, Id, LpTrackerQuery, MetricsQuery, PipelineBoardQuery } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { z } from 'zod';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

const FundQuery = z.strictObject({ fundId: Id.optional() });

export const reportRoutes: RouteSpec[] = [
  operationRoute({
    method: 'GET',
    url: '/api/reports/dashboard',
    tag: 'Reports',
    operation: operations.reports.dashboard,
    query: FundQuery,
    input: ({ query }) => query,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/reports/lp-tracker',
    tag: 'Reports',
    operation: operations.reports.lpTracker,
    query: LpTrackerQuery,
    input: ({ query }) => query as LpTrackerQuery,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/reports/pipeline',
    tag: 'Reports',
    operation: operations.reports.pipeline,
    query: PipelineBoardQuery,
    input: ({ query }) => query as PipelineBoardQuery,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/reports/metrics',
    tag: 'Reports',
    operation: operations.reports.metrics,
    query: MetricsQuery,
    input: ({ query }) => query as MetricsQuery,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/activity',
    tag: 'Activity',
    operation: operations.reports.activity,
    query: ActivityListQuery,
    input: ({ query }) => query as z.infer<typeof ActivityListQuery>,
  }),
];
