import { ActivityExportQuery, ActivityListQuery, Id, LpTrackerExportQuery, LpTrackerQuery, MetricsQuery, PipelineBoardQuery, PipelineExportQuery } from '@lpdesk/contracts';
import { PassThrough } from 'node:stream';
import { execute, type Operation, operations } from '@lpdesk/core';
import { HttpError } from '../http/errors.js';
import { attachmentDisposition } from './email-messages.js';
import { z } from 'zod';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

const FundQuery = z.strictObject({ fundId: Id.optional() });

type ReportFile = { filename: string; contentType: string; content: string };

/** A report as a CSV download: the report route's filters (no paging), every row. */
function reportCsvRoute(report: string, query: z.ZodObject, operation: Operation<z.ZodType, ReportFile>): RouteSpec {
  return {
    method: 'GET',
    url: `/api/reports/${report}/export`,
    summary: `${operation.summary}. UTF-8 with a byte-order mark; money in currency units with its currency code.`,
    tag: 'Reports',
    access: 'authenticated',
    query,
    response: z.string().meta({ description: 'The CSV file (Content-Disposition: attachment)' }),
    produces: ['text/csv'],
    permission: operation.permission,
    async handle({ actor, request, reply, query: parsed }) {
      if (!actor) throw new HttpError(401, 'unauthorized', 'Sign in first');
      const file = await execute(operation, { core: request.server.core, actor }, parsed);
      reply.header('content-type', file.contentType).header('content-disposition', attachmentDisposition(file.filename)).header('cache-control', 'no-store');
      return reply.send(file.content);
    },
  };
}

/** The activity log as CSV, streamed (it can be long): the list's filters, every entry. */
const activityCsvRoute: RouteSpec = {
  method: 'GET',
  url: '/api/activity/export',
  summary: `${operations.reports.activityCsv.summary}. UTF-8 with a byte-order mark.`,
  tag: 'Activity',
  access: 'authenticated',
  query: ActivityExportQuery,
  response: z.string().meta({ description: 'The CSV file (Content-Disposition: attachment)' }),
  produces: ['text/csv'],
  permission: operations.reports.activityCsv.permission,
  async handle({ actor, request, reply, query }) {
    if (!actor) throw new HttpError(401, 'unauthorized', 'Sign in first');
    const file = await execute(operations.reports.activityCsv, { core: request.server.core, actor }, ActivityExportQuery.parse(query));
    const body = new PassThrough();
    file.writeTo(body).catch((error: unknown) => {
      request.log.error({ err: error }, 'activity export failed mid-stream');
      body.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    reply.header('content-type', file.contentType).header('content-disposition', attachmentDisposition(file.filename)).header('cache-control', 'no-store');
    return body;
  },
};

export const reportRoutes: RouteSpec[] = [
  activityCsvRoute,
  reportCsvRoute('dashboard', FundQuery, operations.reports.dashboardCsv as Operation<z.ZodType, ReportFile>),
  reportCsvRoute('lp-tracker', LpTrackerExportQuery, operations.reports.lpTrackerCsv as Operation<z.ZodType, ReportFile>),
  reportCsvRoute('pipeline', PipelineExportQuery, operations.reports.pipelineCsv as Operation<z.ZodType, ReportFile>),
  reportCsvRoute('metrics', MetricsQuery, operations.reports.metricsCsv as Operation<z.ZodType, ReportFile>),
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
