import { IdParams, ImportEntity, ImportFieldsQuery, ImportListQuery, ImportReport, ImportRunInput, ImportUploadResult } from '@lpdesk/contracts';
import { execute, operations } from '@lpdesk/core';
import { z } from 'zod';
import { HttpError } from '../http/errors.js';
import { operationRoute } from '../http/register.js';
import { type RouteSpec, wrappedResponse } from '../http/route.js';

const tag = 'Imports';
const ops = operations.imports;
/** The core's limit (50 MB), repeated for the multipart parser, which must stop reading before the core sees the bytes. */
export const IMPORT_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

/**
 * Dry run, run and report answer the report at the top level (`{id, dryRun, status, rows, totals}`, as
 * issue 13 words the contract) and, like every other route, also under `data`.
 */
const reportBody = (result: unknown) => ({ ...(result as object), data: result });
const ReportBody = ImportReport.extend({ data: ImportReport });

const runInput = ({ params, body }: { params: Record<string, string>; body: unknown }) => ({ id: params.id as string, run: body as z.output<typeof ImportRunInput> });

/**
 * `POST /api/imports`: multipart/form-data with the file in `file` (any field name is accepted; the first
 * file counts) and optionally the target entity in `entity` (form field or query). Everything after the
 * upload is JSON.
 */
const uploadRoute: RouteSpec = {
  method: 'POST',
  url: '/api/imports',
  summary: `${ops.upload.summary}. Send multipart/form-data with the file in "file" and optionally "entity".`,
  tag,
  access: 'authenticated',
  query: z.strictObject({ entity: ImportEntity.optional() }),
  status: 201,
  upload: { fields: { entity: 'organizations, contacts, commitments or communications (optional; guessed from the headers)' } },
  response: wrappedResponse(ImportUploadResult),
  permission: ops.upload.permission,
  async handle({ actor, request, query }) {
    if (!actor) throw new HttpError(401, 'unauthorized', 'Sign in first');
    if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type', 'Send the file as multipart/form-data, in a field named "file"');
    let file: Awaited<ReturnType<typeof request.file>>;
    let bytes: Buffer;
    try {
      file = await request.file();
      if (!file) throw new HttpError(400, 'bad_request', 'No file in the upload: send it in a field named "file"');
      bytes = await file.toBuffer();
    } catch (error) {
      if (error instanceof HttpError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpError(413, 'payload_too_large', `The file is larger than ${IMPORT_UPLOAD_LIMIT_BYTES / 1024 / 1024} MB`);
      throw new HttpError(400, 'bad_request', `The upload could not be read: ${(error as Error).message}`);
    }
    const field = file.fields.entity;
    const formEntity = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : undefined;
    const entity = ImportEntity.optional().safeParse(query.entity ?? formEntity);
    if (!entity.success) throw new HttpError(400, 'validation_failed', `entity: ${entity.error.issues[0]?.message}`, { issues: [{ path: ['entity'], message: entity.error.issues[0]?.message }] });
    const result = await execute(ops.upload, { core: request.server.core, actor }, { fileName: file.filename || 'import.csv', bytes, entity: entity.data });
    return { data: result };
  },
};

/** The CSV import wizard (issue 13). */
export const importRoutes: RouteSpec[] = [
  uploadRoute,
  operationRoute({ method: 'GET', url: '/api/imports', tag, operation: ops.list, query: ImportListQuery, input: ({ query }) => query as z.output<typeof ImportListQuery> }),
  operationRoute({ method: 'GET', url: '/api/imports/fields', tag, operation: ops.fields, query: ImportFieldsQuery, input: ({ query }) => query as z.output<typeof ImportFieldsQuery>, respond: (result) => result, response: ops.fields.output }),
  operationRoute({ method: 'GET', url: '/api/imports/:id', tag, operation: ops.get, params: IdParams, input: ({ params }) => ({ id: params.id as string }) }),
  operationRoute({ method: 'GET', url: '/api/imports/:id/report', tag, operation: ops.report, params: IdParams, input: ({ params }) => ({ id: params.id as string }), respond: reportBody, response: ReportBody }),
  operationRoute({ method: 'POST', url: '/api/imports/:id/dry-run', tag, operation: ops.dryRun, params: IdParams, body: ImportRunInput, input: runInput, respond: reportBody, response: ReportBody }),
  operationRoute({ method: 'POST', url: '/api/imports/:id/run', tag, operation: ops.run, params: IdParams, body: ImportRunInput, input: runInput, respond: reportBody, response: ReportBody }),
  operationRoute({ method: 'POST', url: '/api/imports/:id/undo', tag, operation: ops.undo, params: IdParams, input: ({ params }) => ({ id: params.id as string }) }),
];
