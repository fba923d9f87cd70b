import { PassThrough } from 'node:stream';
import { ExportFormat, IdParams, SavedViewCreateInput, SavedViewListQuery, SavedViewUpdateInput } from '@lpdesk/contracts';
import { execute, operations } from '@lpdesk/core';
import { z } from 'zod';
import { HttpError } from '../http/errors.js';
import { expectedVersionFrom } from '../http/preconditions.js';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

const tag = 'Saved views';
const ExportViewQuery = z.strictObject({ format: ExportFormat.default('csv') });

/**
 * The file a contacts or organizations view shows, all rows, streamed like the list exports
 * (routes/exports.ts). Grid views are refused here (400) and export from /api/grid/export.
 */
const exportViewRoute: RouteSpec = {
  method: 'GET',
  url: '/api/views/:id/export',
  summary: `${operations.savedViews.export.summary}. format=csv|xlsx (grid views: csv).`,
  tag,
  access: 'authenticated',
  params: IdParams,
  query: ExportViewQuery,
  response: z.string().meta({ description: 'The file (Content-Disposition: attachment)' }),
  produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  permission: operations.savedViews.export.permission,
  async handle({ actor, request, reply, params, query }) {
    if (!actor) throw new HttpError(401, 'unauthorized', 'Sign in first');
    const { format } = query as z.output<typeof ExportViewQuery>;
    const file = await execute(operations.savedViews.export, { core: request.server.core, actor }, { id: params.id as string, format });
    const body = new PassThrough();
    file.writeTo(body).catch((error: unknown) => {
      request.log.error({ err: error }, 'export of a saved view failed mid-stream');
      body.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).header('cache-control', 'no-store');
    return body;
  },
};

export const savedViewRoutes: RouteSpec[] = [
  operationRoute({
    method: 'GET',
    url: '/api/views',
    tag,
    operation: operations.savedViews.list,
    query: SavedViewListQuery,
    input: ({ query }) => query as SavedViewListQuery,
  }),
  operationRoute({
    method: 'POST',
    url: '/api/views',
    tag,
    operation: operations.savedViews.create,
    body: SavedViewCreateInput,
    status: 201,
    input: ({ body }) => body as z.output<typeof SavedViewCreateInput>,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/views/:id',
    tag,
    operation: operations.savedViews.get,
    params: IdParams,
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'PATCH',
    url: '/api/views/:id',
    tag,
    operation: operations.savedViews.update,
    params: IdParams,
    body: SavedViewUpdateInput,
    input: ({ params, body, headers }) => ({
      id: params.id as string,
      changes: body as z.output<typeof SavedViewUpdateInput>,
      expectedVersion: expectedVersionFrom(headers['if-match']),
    }),
  }),
  operationRoute({
    method: 'DELETE',
    url: '/api/views/:id',
    tag,
    operation: operations.savedViews.delete,
    params: IdParams,
    status: 204,
    input: ({ params }) => ({ id: params.id as string }),
  }),
  exportViewRoute,
];
