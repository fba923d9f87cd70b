import { PassThrough } from 'node:stream';
import { ContactExportQuery, IdParams, OrganizationExportQuery } from '@lpdesk/contracts';
import { execute, type Operation, operations } from '@lpdesk/core';
import { z } from 'zod';
import { HttpError } from '../http/errors.js';
import type { RouteSpec } from '../http/route.js';
import { attachmentDisposition } from './email-messages.js';

type ExportOperation = typeof operations.exports.contacts | typeof operations.exports.organizations;

/**
 * A file download over the whole filtered list: the same filters, search and sort as the list route,
 * streamed as it is written. Everything that can be refused (filters, sort, permission) is checked
 * before the first byte, so a bad request is a 400 with the usual error body, never half a file.
 */
function exportRoute(collection: 'contacts' | 'organizations', query: z.ZodObject, operation: ExportOperation): RouteSpec {
  return {
    method: 'GET',
    url: `/api/${collection}/export`,
    summary: `${operation.summary}. Takes the list route's query (without limit and offset) plus format=csv|xlsx${collection === 'contacts' ? '|vcf (vCard 3.0)' : ''}; CSV is UTF-8 with a byte-order mark.`,
    tag: 'Exports',
    access: 'authenticated',
    query,
    response: z.string().meta({ description: 'The file (Content-Disposition: attachment)' }),
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ...(collection === 'contacts' ? ['text/vcard'] : [])],
    permission: operation.permission,
    async handle({ actor, request, reply, query: parsed }) {
      if (!actor) throw new HttpError(401, 'unauthorized', 'Sign in first');
      const prepared = await execute(operation as Operation, { core: request.server.core, actor }, parsed);
      const file = prepared as Awaited<ReturnType<ExportOperation['run']>>;
      const body = new PassThrough();
      file.writeTo(body).catch((error: unknown) => {
        // Headers are gone by now: the client sees a cut-off download, the log says why.
        request.log.error({ err: error }, `export of ${collection} failed mid-stream`);
        body.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store');
      return body;
    },
  };
}

/** One contact as a vCard file, for an address book. */
const contactVcardRoute: RouteSpec = {
  method: 'GET',
  url: '/api/contacts/:id/vcard',
  summary: operations.exports.contactVcard.summary,
  tag: 'Exports',
  access: 'authenticated',
  params: IdParams,
  response: z.string().meta({ description: 'The vCard (Content-Disposition: attachment)' }),
  produces: ['text/vcard'],
  permission: operations.exports.contactVcard.permission,
  async handle({ actor, request, reply, params }) {
    if (!actor) throw new HttpError(401, 'unauthorized', 'Sign in first');
    const file = await execute(operations.exports.contactVcard, { core: request.server.core, actor }, IdParams.parse(params));
    reply.header('content-type', file.contentType).header('content-disposition', attachmentDisposition(file.filename)).header('cache-control', 'no-store');
    return reply.send(file.content);
  },
};

/** What the dump route sends, for the OpenAPI document (the format: docs/export.md). */
const DumpFile = z
  .object({
    format: z.literal('lpdesk-dump'),
    version: z.int(),
    schemaVersion: z.string(),
    exportedAt: z.string(),
    documentation: z.string(),
    tables: z.record(
      z.string(),
      z.object({ columns: z.array(z.string()), binary: z.array(z.string()), rows: z.array(z.array(z.unknown())), count: z.int().min(0) }),
    ),
  })
  .meta({ id: 'LpDeskDump', description: 'Every dumped table: sorted column names, which hold base64 bytes, rows as arrays in primary-key order' });

/** The whole database as a JSON dump, streamed (admins; the CLI's lpdesk export json writes the same file). */
const dumpRoute: RouteSpec = {
  method: 'GET',
  url: '/api/exports/dump',
  summary: `${operations.dataTransfer.dump.summary}. Streamed; restore it with lpdesk import json.`,
  tag: 'Exports',
  access: 'authenticated',
  response: DumpFile,
  produces: ['application/json'],
  permission: operations.dataTransfer.dump.permission,
  async handle({ actor, request, reply }) {
    if (!actor) throw new HttpError(401, 'unauthorized', 'Sign in first');
    const file = await execute(operations.dataTransfer.dump, { core: request.server.core, actor }, {});
    const body = new PassThrough();
    file.writeTo(body).catch((error: unknown) => {
      request.log.error({ err: error }, 'database dump failed mid-stream');
      body.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    reply.header('content-type', file.contentType).header('content-disposition', attachmentDisposition(file.filename)).header('cache-control', 'no-store');
    return body;
  },
};

export const exportRoutes: RouteSpec[] = [
  dumpRoute,
  contactVcardRoute,
  exportRoute('contacts', ContactExportQuery, operations.exports.contacts),
  exportRoute('organizations', OrganizationExportQuery, operations.exports.organizations),
];
