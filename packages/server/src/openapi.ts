import { z } from 'zod';
import { ErrorBody } from '@lpdesk/contracts';
import type { RouteSpec } from './http/route.js';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function parametersOf(schema: z.ZodObject | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

const errorResponse = { description: 'Error', content: { 'application/json': { schema: toSchema(ErrorBody) } } };

/** OpenAPI 3.1, generated from the same route specs and zod schemas that validate requests. */
export function buildOpenApi(routes: RouteSpec[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([a-zA-Z]+)/g, '{$1}');
    const status = String(route.status ?? 200);
    const operation = {
      tags: [route.tag],
      summary: route.summary,
      ...(route.permission ? { description: `Requires permission \`${route.permission}\`.` } : {}),
      security: route.access === 'public' ? [] : [{ session: [] }, { apiKey: [] }],
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body) } } } } : {}),
      responses: {
        [status]: status === '204' ? { description: 'Done' } : { description: 'OK', content: { 'application/json': { schema: { type: 'object', properties: { data: {} } } } } },
        '400': errorResponse,
        ...(route.access === 'public' ? {} : { '401': errorResponse, '403': errorResponse }),
        '404': errorResponse,
        '409': errorResponse,
      },
    };
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'LP Desk API',
      version,
      description:
        'Self-hosted CRM for fundraising and investor relations. Money is integer minor units (cents) with the fund currency. ' +
        'Lists return {data,total,limit,offset}; errors return {error:{code,message,details?}}. Cookie-authenticated writes need X-CSRF-Token.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'lpdesk_session' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created by an admin: lpd_<prefix>_<secret>' },
      },
    },
    paths,
  };
}
