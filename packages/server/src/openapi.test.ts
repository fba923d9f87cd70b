import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { apiRoutes } from './routes/index.js';
import { createTestApi, type TestApi } from './testing/harness.js';

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

  it('sends security headers and no CORS grant by default', async () => {
    const res = await api.request('GET', '/api/health', { headers: { origin: 'https://evil.example.com' } });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
