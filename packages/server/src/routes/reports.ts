import {
  ActivityExportQuery,
  ActivityListQuery,
  Id,
  reportRouteQuery,
  TearSheetCsvQuery,
  TearSheetParams,
  LpTrackerExportQuery,
  LpTrackerQuery,
  MetricsQuery,
  PipelineBoardQuery,
  PipelineExportQuery,
} from '@lpdesk/contracts';
import { PassThrough } from 'node:stream';
import { execute, type Operation, operations } from '@lpdesk/core';
import { HttpError } from '../http/errors.js';
import { attachmentDisposition } from './email-messages.js';
import { z } from 'zod';
import { operationRoute } from '../http/register.js';
import { type RouteSpec, wrapData, wrappedResponse } from '../http/route.js';

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

/**
 * A report of the Reports area (docs/reports.md): JSON `{data}` by default, the same rows as a CSV
 * download with `?format=csv` (`&table=` picks one of the report's tables).
 */
function analyticsRoute<Json extends z.ZodType, Csv extends z.ZodObject>(spec: {
  url: string;
  json: Operation<Json, unknown>;
  csv: Operation<Csv, ReportFile>;
  /** Path parameters, left out of the query (`query` is then the CSV input without them). */
  params?: z.ZodObject;
  query?: z.ZodObject;
}): RouteSpec {
  const query = reportRouteQuery(spec.query ?? (spec.csv.input as unknown as z.ZodObject));
  return {
    method: 'GET',
    url: spec.url,
    summary: `${spec.json.summary}. format=csv answers a table of it as CSV (UTF-8 with a byte-order mark; table= picks which).`,
    tag: 'Reports',
    access: 'authenticated',
    ...(spec.params ? { params: spec.params } : {}),
    query,
    response: wrappedResponse(spec.json.output),
    produces: ['application/json', 'text/csv'],
    permission: spec.json.permission,
    async handle({ actor, request, reply, params, query: parsed }) {
      if (!actor) throw new HttpError(401, 'unauthorized', 'Sign in first');
      const { format, ...rest } = parsed as { format: 'json' | 'csv' } & Record<string, unknown>;
      const context = { core: request.server.core, actor };
      if (format === 'csv') {
        const file = await execute(spec.csv, context, { ...rest, ...params } as z.output<Csv>);
        reply.header('content-type', file.contentType).header('content-disposition', attachmentDisposition(file.filename)).header('cache-control', 'no-store');
        return reply.send(file.content);
      }
      const { table: _table, ...input } = rest;
      return wrapData(await execute(spec.json, context, { ...input, ...params } as z.output<Json>));
    },
  };
}

const analyticsRoutes: RouteSpec[] = [
  analyticsRoute({ url: '/api/reports/fund-progress', json: operations.analytics.fundProgress, csv: operations.analytics.fundProgressCsv }),
  analyticsRoute({ url: '/api/reports/pipeline-analysis', json: operations.analytics.pipeline, csv: operations.analytics.pipelineCsv }),
  analyticsRoute({ url: '/api/reports/conversion', json: operations.analytics.conversion, csv: operations.analytics.conversionCsv }),
  analyticsRoute({ url: '/api/reports/lp-breakdown', json: operations.analytics.lpBreakdown, csv: operations.analytics.lpBreakdownCsv }),
  analyticsRoute({ url: '/api/reports/reups', json: operations.analytics.reups, csv: operations.analytics.reupsCsv }),
  analyticsRoute({ url: '/api/reports/activity', json: operations.analytics.activity, csv: operations.analytics.activityCsv }),
  analyticsRoute({
    url: '/api/reports/tear-sheet/:organizationId',
    json: operations.analytics.tearSheet,
    csv: operations.analytics.tearSheetCsv,
    params: TearSheetParams,
    query: TearSheetCsvQuery.omit({ organizationId: true }),
  }),
];

export const reportRoutes: RouteSpec[] = [
  ...analyticsRoutes,
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
