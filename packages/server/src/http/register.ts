import { findNulCharacter, NUL_CHARACTER_MESSAGE } from '@lpdesk/contracts';
import { type Core, execute } from '@lpdesk/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { authenticate } from './auth.js';
import { HttpError } from './errors.js';
import { entityTagOf } from './preconditions.js';
import { type OperationRouteOptions, type RouteSpec, wrapData, wrappedResponse } from './route.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: import('./auth.js').Authenticated | null;
  }
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: 'params' | 'query' | 'body'): unknown {
  if (!schema) return value;
  const result = schema.safeParse(part === 'body' && value === undefined ? undefined : value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: [part === 'body' ? null : part, ...issue.path].filter((p) => p !== null).map(String), message: issue.message }));
  const message = issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
  throw new HttpError(400, 'validation_failed', message, { issues });
}

/**
 * NUL (U+0000) anywhere in params, query or body is refused before any schema or database sees it:
 * PostgreSQL cannot store it in text, and no field needs it.
 */
function refuseNulCharacters(parts: Record<'params' | 'query' | 'body', unknown>) {
  for (const [part, value] of Object.entries(parts)) {
    const found = findNulCharacter(value);
    if (!found) continue;
    const path = (part === 'body' ? found : [part, ...found]).map(String);
    const issues = [{ path, message: NUL_CHARACTER_MESSAGE }];
    throw new HttpError(400, 'validation_failed', `${path.join('.') || 'body'}: ${NUL_CHARACTER_MESSAGE}`, { issues });
  }
}

/** Register a spec with Fastify: authenticate, validate each part, run, send. */
export function registerRoute(app: FastifyInstance, core: Core, spec: RouteSpec, limits: { perMinute: number }) {
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.rateLimited ? { config: { rateLimit: { max: limits.perMinute, timeWindow: '1 minute' } } } : {}),
    handler: async (request: FastifyRequest, reply) => {
      const auth = await authenticate(core, request);
      request.auth = auth;
      if (spec.access === 'authenticated' && !auth) throw new HttpError(401, 'unauthorized', 'Sign in, or send an API key as Authorization: Bearer <key>');
      if (spec.access === 'authenticated' && auth?.session?.user.mustChangePassword && !spec.allowedBeforePasswordChange) {
        throw new HttpError(403, 'password_change_required', 'Your password was set by an admin: choose a new one (POST /api/auth/password) before anything else');
      }
      refuseNulCharacters({ params: request.params, query: request.query, body: request.body });
      const params = parsePart(spec.params, request.params, 'params') as Record<string, string>;
      const query = parsePart(spec.query, request.query, 'query') as Record<string, unknown>;
      const body = parsePart(spec.body, request.body, 'body');
      const result = await spec.handle({ actor: auth?.actor ?? null, params, query, body, request, reply });
      if (reply.sent) return reply;
      const status = spec.status ?? 200;
      if (status === 204) return reply.status(204).send();
      return reply.status(status).send(result);
    },
  });
}

/** A route that is a thin adapter over one core operation. */
export function operationRoute<Schema extends z.ZodType>(options: OperationRouteOptions<Schema>): RouteSpec {
  const { operation } = options;
  // Documented as the default respond (wrapData) shapes it; a custom respond names its own.
  const response = options.response ?? (options.respond || options.status === 204 ? undefined : wrappedResponse(operation.output));
  return {
    method: options.method,
    url: options.url,
    summary: operation.summary,
    tag: options.tag,
    access: 'authenticated',
    ...(options.params ? { params: options.params } : {}),
    ...(options.query ? { query: options.query } : {}),
    ...(options.body ? { body: options.body } : {}),
    ...(options.status ? { status: options.status } : {}),
    ...(response ? { response } : {}),
    permission: operation.permission,
    async handle({ actor, request, reply, params, query, body }) {
      if (!actor) throw new HttpError(401, 'unauthorized', 'Sign in first');
      const core = request.server.core;
      const result = await execute(operation, { core, actor }, options.input({ params, query, body, headers: request.headers }));
      const entityTag = entityTagOf(result);
      if (entityTag) reply.header('etag', entityTag);
      return (options.respond ?? wrapData)(result);
    },
  };
}
