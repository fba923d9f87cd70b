import { PassThrough } from 'node:stream';
import { GridCellHistoryQuery, GridExportBody, GridExportQuery, GridQuery, IdParams, OrganizationNoteCreateInput } from '@lpdesk/contracts';
import { execute, type Operation, operations } from '@lpdesk/core';
import { z } from 'zod';
import { HttpError } from '../http/errors.js';
import { operationRoute } from '../http/register.js';
import type { RouteContext, RouteSpec } from '../http/route.js';

type GridExportOperation = typeof operations.grid.export | typeof operations.grid.exportState;

/**
 * The grid's CSV: loaded in full before the first byte (a bad view, filter or fund is a 4xx with the
 * usual error body), then streamed.
 */
function gridExportRoute(method: 'GET' | 'POST', operation: GridExportOperation): RouteSpec {
  return {
    method,
    url: '/api/grid/export',
    summary:
      method === 'GET'
        ? `${operation.summary}. viewId= a saved grid view, fundIds= comma-separated fund ids; CSV is UTF-8 with a byte-order mark, money in currency units.`
        : `${operation.summary}. Body {state, fundIds?, q?}; the same file as GET with a saved view.`,
    tag: 'Grid',
    access: 'authenticated',
    ...(method === 'GET' ? { query: GridExportQuery } : { body: GridExportBody }),
    response: z.string().meta({ description: 'The CSV file (Content-Disposition: attachment)' }),
    produces: ['text/csv'],
    permission: operation.permission,
    async handle({ actor, request, reply, query, body }: RouteContext) {
      if (!actor) throw new HttpError(401, 'unauthorized', 'Sign in first');
      const input = method === 'GET' ? query : body;
      const file = (await execute(operation as Operation, { core: request.server.core, actor }, input)) as Awaited<ReturnType<GridExportOperation['run']>>;
      const stream = new PassThrough();
      file.writeTo(stream).catch((error: unknown) => {
        request.log.error({ err: error }, 'grid export failed mid-stream');
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store');
      return stream;
    },
  };
}

export const gridRoutes: RouteSpec[] = [
  operationRoute({ method: 'GET', url: '/api/grid', tag: 'Grid', operation: operations.grid.get, query: GridQuery, input: ({ query }) => query as GridQuery }),
  gridExportRoute('GET', operations.grid.export),
  gridExportRoute('POST', operations.grid.exportState),
  operationRoute({
    method: 'GET',
    url: '/api/grid/cell-history',
    tag: 'Grid',
    operation: operations.grid.cellHistory,
    query: GridCellHistoryQuery,
    input: ({ query }) => query as GridCellHistoryQuery,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/organizations/:id/notes-log',
    tag: 'Organizations',
    operation: operations.grid.notesLog,
    params: IdParams,
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'POST',
    url: '/api/organizations/:id/notes-log',
    tag: 'Organizations',
    operation: operations.grid.appendNote,
    status: 201,
    params: IdParams,
    body: OrganizationNoteCreateInput,
    input: ({ params, body }) => ({ id: params.id as string, note: body as OrganizationNoteCreateInput }),
  }),
];
