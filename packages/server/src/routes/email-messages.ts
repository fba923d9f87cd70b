import { EmailCaptureBlockParams, EmailMessageListQuery, EmailThreadLinkInput, EmailThreadLinkParams, EmailThreadListQuery, IdParams } from '@lpdesk/contracts';
import { execute, operations } from '@lpdesk/core';
import { z } from 'zod';
import { HttpError } from '../http/errors.js';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';

const tag = 'Email';
const ops = operations.emailMessages;

/**
 * registerRoute has already validated the part with this same schema; parsing its output again (every
 * schema here is idempotent: coerced numbers, trimmed strings, enums) gives the operation its type
 * without a cast at the edge.
 */
const typed = <Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> => schema.parse(value);

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name; no quote, backslash or control character gets through. */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_').trim() || 'attachment';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A stored content type goes out only when it is a plain type/subtype; anything else is sent as bytes. */
function safeContentType(contentType: string): string {
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i.test(contentType) ? contentType.toLowerCase() : 'application/octet-stream';
}

const attachmentRoute: RouteSpec = {
  method: 'GET',
  url: '/api/email/attachments/:id',
  summary: `${ops.attachment.summary}: the stored bytes as a download (only for messages the reader may see; 404 when over the size limit)`,
  tag,
  access: 'authenticated',
  params: IdParams,
  response: z.string().meta({ description: 'The file (Content-Disposition: attachment)' }),
  produces: ['application/octet-stream'],
  permission: ops.attachment.permission,
  async handle({ actor, request, reply, params }) {
    if (!actor) throw new HttpError(401, 'unauthorized', 'Sign in first');
    const file = await execute(ops.attachment, { core: request.server.core, actor }, typed(IdParams, params));
    // Never rendered by the browser in the app's origin: a download, no sniffing, and sandboxed if opened anyway.
    reply
      .header('content-type', safeContentType(file.contentType))
      .header('content-length', String(file.content.byteLength))
      .header('content-disposition', attachmentDisposition(file.filename))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store');
    return reply.send(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
  },
};

/** Captured email: messages, threads, manual thread links, "do not capture" and attachment downloads. */
export const emailMessageRoutes: RouteSpec[] = [
  operationRoute({ method: 'GET', url: '/api/email/messages', tag, operation: ops.list, query: EmailMessageListQuery, input: ({ query }) => typed(EmailMessageListQuery, query) }),
  operationRoute({ method: 'GET', url: '/api/email/messages/:id', tag, operation: ops.get, params: IdParams, input: ({ params }) => typed(IdParams, params) }),
  operationRoute({ method: 'GET', url: '/api/email/threads', tag, operation: ops.listThreads, query: EmailThreadListQuery, input: ({ query }) => typed(EmailThreadListQuery, query) }),
  operationRoute({ method: 'GET', url: '/api/email/threads/:id', tag, operation: ops.getThread, params: IdParams, input: ({ params }) => typed(IdParams, params) }),
  operationRoute({
    method: 'POST',
    url: '/api/email/threads/:id/links',
    tag,
    operation: ops.linkThread,
    params: IdParams,
    body: EmailThreadLinkInput,
    input: ({ params, body }) => ({ ...typed(IdParams, params), ...typed(EmailThreadLinkInput, body) }),
  }),
  operationRoute({
    method: 'DELETE',
    url: '/api/email/threads/:id/links/:entityType/:entityId',
    tag,
    operation: ops.unlinkThread,
    params: EmailThreadLinkParams,
    input: ({ params }) => typed(EmailThreadLinkParams, params),
  }),
  operationRoute({
    method: 'GET',
    url: '/api/email/capture-blocks/:entityType/:entityId',
    tag,
    operation: ops.getCaptureBlock,
    params: EmailCaptureBlockParams,
    input: ({ params }) => typed(EmailCaptureBlockParams, params),
  }),
  operationRoute({
    method: 'PUT',
    url: '/api/email/capture-blocks/:entityType/:entityId',
    tag,
    operation: ops.blockCapture,
    params: EmailCaptureBlockParams,
    body: z.strictObject({}).optional(),
    input: ({ params }) => typed(EmailCaptureBlockParams, params),
  }),
  operationRoute({
    method: 'DELETE',
    url: '/api/email/capture-blocks/:entityType/:entityId',
    tag,
    operation: ops.unblockCapture,
    params: EmailCaptureBlockParams,
    input: ({ params }) => typed(EmailCaptureBlockParams, params),
  }),
  attachmentRoute,
];
