import { z } from 'zod';
import { ErrorBody } from '@lpdesk/contracts';
import type { RouteSpec } from './http/route.js';

type JsonSchema = Record<string, unknown>;

const COMPONENT_PREFIX = '#/components/schemas/';

/**
 * Converts zod schemas to JSON Schema 2020-12 (what OpenAPI 3.1 uses). Schemas named with
 * `.meta({ id })` in contracts are collected once under components.schemas and referenced from
 * every route that uses them.
 */
class SchemaConverter {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const { $schema: _ignored, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    // A named schema with defaults (ViewState) reads differently as input (defaulted fields optional)
    // and as output (always present): the input side gets its own component, `<id>Input`.
    const names = new Map<string, string>();
    for (const id of Object.keys($defs ?? {})) names.set(id, io === 'input' && this.clashes(id, $defs?.[id] as JsonSchema, names) ? `${id}Input` : id);
    for (const [id, definition] of Object.entries($defs ?? {})) this.addComponent(names.get(id) ?? id, relink(definition, names) as JsonSchema);
    return relink(rest, names) as JsonSchema;
  }

  private clashes(id: string, definition: JsonSchema, names: Map<string, string>): boolean {
    const existing = this.components[id];
    return existing !== undefined && JSON.stringify(existing) !== JSON.stringify(relink(definition, names));
  }

  private addComponent(id: string, definition: JsonSchema) {
    const existing = this.components[id];
    if (existing && JSON.stringify(existing) !== JSON.stringify(definition)) {
      throw new Error(`OpenAPI: two different schemas are both named "${id}"`);
    }
    this.components[id] = definition;
  }
}

/** Point `#/$defs/X` references (per conversion) at the shared components. */
function relink(value: unknown, names: Map<string, string> = new Map()): unknown {
  if (Array.isArray(value)) return value.map((inner) => relink(inner, names));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string'
        ? inner.replace(/^#\/\$defs\/(.+)$/, (_match, id: string) => `${COMPONENT_PREFIX}${names.get(id) ?? id}`)
        : relink(inner, names),
    ]),
  );
}

function parametersOf(converter: SchemaConverter, schema: z.ZodObject | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = converter.convert(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

/** Error responses: every one carries the error envelope `{error: {code, message, details?}}`. */
const ERROR_RESPONSES = {
  '400': ['BadRequest', 'The request is malformed or fails validation; details.issues names each field'],
  '401': ['Unauthorized', 'Not signed in, or the API key is unknown or revoked'],
  '403': ['Forbidden', 'The caller lacks the permission, or the CSRF token is missing'],
  '404': ['NotFound', 'No such record (or route)'],
  '409': ['Conflict', 'The change clashes with existing data (a duplicate, or a record in the trash)'],
  '412': ['PreconditionFailed', 'If-Match names a version that is no longer current'],
  '429': ['TooManyRequests', 'Too many attempts; wait and retry'],
} as const;
type ErrorStatus = keyof typeof ERROR_RESPONSES;

function errorStatusesOf(route: RouteSpec): ErrorStatus[] {
  const statuses: ErrorStatus[] = ['400'];
  if (route.access !== 'public') statuses.push('401', '403');
  statuses.push('404', '409');
  // A write to one record may carry If-Match (the record's version).
  if (acceptsIfMatch(route)) statuses.push('412');
  if (route.rateLimited) statuses.push('429');
  return statuses;
}

function successResponse(converter: SchemaConverter, route: RouteSpec) {
  const status = route.status ?? 200;
  if (status === 204) return { description: 'Done; no body' };
  if (route.produces)
    return {
      // A route that answers JSON or a file (the reports' ?format=csv) documents both.
      description: route.produces.includes('application/json') ? 'JSON, or a file download' : 'A file download',
      content: Object.fromEntries(
        route.produces.map((type) => [
          type,
          type === 'application/json' && route.response
            ? { schema: converter.convert(route.response, 'output') }
            : { schema: { type: 'string', format: 'binary' } },
        ]),
      ),
    };
  return {
    description: status === 201 ? 'Created' : 'OK',
    content: { 'application/json': { schema: route.response ? converter.convert(route.response, 'output') : {} } },
  };
}

/** OpenAPI 3.1, generated from the same route specs and zod schemas that validate requests. */
/** Edits of one record can be made conditional on the version the client has. */
const acceptsIfMatch = (route: RouteSpec) => route.method === 'PATCH' && route.url.endsWith('/:id');

const IF_MATCH_PARAMETER = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description: 'The record version you edited, e.g. "3" (from its `version` or ETag). A stale version answers 412 with the current record.',
  schema: { type: 'string', pattern: '^(W/)?"?[0-9]+"?$|^\\*$' },
};

/** The WebSocket is registered outside the route specs (it is an upgrade, not a JSON exchange); documented here. */
const LIVE_OPERATION = {
  tags: ['Live'],
  summary: 'WebSocket: committed changes, presence and soft cell locks',
  description:
    'Upgrade to a WebSocket (same origin for browsers). The server sends JSON messages: hello, change {entityType, entityId, version, fields, action, actorId, actorKind}, ' +
    'presence {users}, locks {locks}, resync. The client may send focus {screen, cell}, lock {cell}, unlock {cell}, ping. See docs/live.md.',
  security: [{ session: [] }, { apiKey: [] }],
  responses: {
    '101': { description: 'Switching Protocols: the socket is open' },
    '401': { $ref: '#/components/responses/Unauthorized' },
    '403': { $ref: '#/components/responses/Forbidden' },
  },
};

export function buildOpenApi(routes: RouteSpec[], version: string) {
  const converter = new SchemaConverter();
  const errorSchema = converter.convert(ErrorBody, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  // Responses first: a named schema keeps its output form under its own name, inputs that differ get `<id>Input`.
  for (const route of routes) successResponse(converter, route);
  for (const route of routes) {
    const path = route.url.replace(/:([a-zA-Z]+)/g, '{$1}');
    const operation = {
      tags: [route.tag],
      summary: route.summary,
      ...(route.permission ? { description: `Requires permission \`${route.permission}\`.` } : {}),
      security: route.access === 'public' ? [] : [{ session: [] }, { apiKey: [] }],
      parameters: [
        ...parametersOf(converter, route.params, 'path'),
        ...parametersOf(converter, route.query, 'query'),
        ...(acceptsIfMatch(route) ? [IF_MATCH_PARAMETER] : []),
      ],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: converter.convert(route.body, 'input') } } } } : {}),
      ...(route.upload ? { requestBody: uploadBody(route.upload.fields) } : {}),
      responses: {
        [String(route.status ?? 200)]: successResponse(converter, route),
        ...Object.fromEntries(errorStatusesOf(route).map((status) => [status, { $ref: `#/components/responses/${ERROR_RESPONSES[status][0]}` }])),
      },
    };
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  paths['/api/live'] = { get: LIVE_OPERATION };
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
      schemas: converter.components,
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map(([name, description]) => [name, { description, content: { 'application/json': { schema: errorSchema } } }]),
      ),
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'lpdesk_session' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created by an admin: lpd_<prefix>_<secret>' },
      },
    },
    paths,
  };
}

/** A multipart/form-data upload: the file, and text fields beside it. */
function uploadBody(fields: Record<string, string>) {
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['file'],
          properties: {
            file: { type: 'string', format: 'binary' },
            ...Object.fromEntries(Object.entries(fields).map(([name, description]) => [name, { type: 'string', description }])),
          },
        },
      },
    },
  };
}
