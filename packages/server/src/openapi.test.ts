import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { apiRoutes } from './routes/index.js';
import { createTestApi, type TestApi } from './testing/harness.js';

// Status documents whose shape a published contract fixes without a `data` envelope (docs/api.md).
const UNENVELOPED = new Set(['GET /api/search/status']);

describe('OpenAPI document', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi('sqlite', { setup: false });
  });
  afterAll(() => api.close());

  it('is served without auth and describes every registered route with its schemas', async () => {
    const res = await api.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    for (const route of apiRoutes) {
      const path = route.url.replace(/:([a-zA-Z]+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
    const createOrg = doc.paths['/api/organizations'].post;
    expect(createOrg.requestBody.content['application/json'].schema.properties.name.type).toBe('string');
    expect(createOrg.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    const fundAmount = doc.paths['/api/funds'].post.requestBody.content['application/json'].schema.properties.targetAmount;
    expect(JSON.stringify(fundAmount)).toContain('integer');
    const listParams = doc.paths['/api/contacts'].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams).toEqual(expect.arrayContaining(['limit', 'offset', 'q', 'sort', 'relationship', 'tagId']));
    expect(doc.paths['/api/contacts/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
  });

  it('declares a response body for every route: the record, `{data}` or the list envelope, or 204', async () => {
    const doc = (await api.request('GET', '/api/openapi.json')).body;
    for (const route of apiRoutes) {
      const label = `${route.method} ${route.url}`;
      const status = String(route.status ?? 200);
      const responses = doc.paths[route.url.replace(/:([a-zA-Z]+)/g, '{$1}')][route.method.toLowerCase()].responses;
      const success = responses[status];
      expect(success, label).toBeDefined();
      if (status === '204') {
        expect(success.content, label).toBeUndefined();
        expect(route.response, label).toBeUndefined();
        continue;
      }
      expect(route.response, `${label} declares its response schema`).toBeDefined();
      if (route.produces) {
        // A file download (exports): its media types, a binary body.
        expect(Object.keys(success.content), label).toEqual(route.produces);
        continue;
      }
      const declared = success.content['application/json'].schema;
      const schema = declared.$ref ? doc.components.schemas[declared.$ref.replace('#/components/schemas/', '')] : declared;
      expect(schema.type, label).toBe('object');
      if (!UNENVELOPED.has(label)) {
        expect(Object.keys(schema.properties ?? {}), label).toContain('data');
        expect(schema.required, label).toContain('data');
      }
      for (const error of ['400', '404', '409']) expect(responses[error], `${label} ${error}`).toBeDefined();
      if (route.access !== 'public') expect(Object.keys(responses), label).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('describes records once, as components, with enums from contracts and the error envelope', async () => {
    const doc = (await api.request('GET', '/api/openapi.json')).body;
    const schemas = doc.components.schemas;
    const list = doc.paths['/api/organizations'].get.responses['200'].content['application/json'].schema;
    expect(list.required).toEqual(['data', 'total', 'limit', 'offset']);
    expect(list.properties.data.items).toEqual({ $ref: '#/components/schemas/Organization' });
    expect(schemas.Organization.properties.kind.enum).toContain('family_office');
    expect(schemas.Organization.required).toEqual(expect.arrayContaining(['id', 'name', 'kind', 'relationship', 'tags', 'customFields', 'deletedAt']));
    expect(schemas.Commitment.properties.stage.enum).toEqual(['lead', 'outreach', 'meeting', 'due_diligence', 'soft_circle', 'committed', 'closed', 'declined']);
    expect(JSON.stringify(schemas.Commitment.properties.expectedAmount)).toContain('integer');
    const created = doc.paths['/api/commitments'].post.responses['201'].content['application/json'].schema;
    expect(created.properties.data).toEqual({ $ref: '#/components/schemas/Commitment' });
    expect(doc.paths['/api/contacts/{id}'].get.responses['200'].content['application/json'].schema.properties.data).toEqual({ $ref: '#/components/schemas/ContactDetail' });
    expect(doc.paths['/api/contacts/{id}'].delete.responses['204']).toEqual({ description: expect.any(String) });

    expect(doc.paths['/api/contacts/{id}'].patch.responses['412']).toEqual({ $ref: '#/components/responses/PreconditionFailed' });
    expect(doc.paths['/api/auth/login'].post.responses['429']).toEqual({ $ref: '#/components/responses/TooManyRequests' });
    const notFound = doc.components.responses.NotFound.content['application/json'].schema;
    expect(notFound).toEqual({ $ref: '#/components/schemas/Error' });
    expect(schemas.Error.required).toEqual(['error']);
    expect(schemas.Error.properties.error.required).toEqual(['code', 'message']);

    // Every reference points at something the document defines.
    const text = JSON.stringify(doc);
    const refs = [...new Set([...text.matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1] as string))];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const [, , kind, name] = ref.split('/');
      expect(doc.components[kind as string]?.[name as string], ref).toBeDefined();
    }
  });

  it('sends security headers and no CORS grant by default', async () => {
    const res = await api.request('GET', '/api/health', { headers: { origin: 'https://evil.example.com' } });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
