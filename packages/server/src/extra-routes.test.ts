import { invoke, operations, systemActor } from '@lpdesk/core';
import { openTestCore, type TestCore, testDialects } from '@lpdesk/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import type { RouteSpec } from './http/route.js';

// The bench's own-stack floor: a route outside the API that still goes through LP Desk's auth.
const fixedBytes: RouteSpec = {
  method: 'GET',
  url: '/api/bench/fixed',
  summary: 'Fixed bytes',
  tag: 'Bench',
  access: 'authenticated',
  async handle({ reply }) {
    return reply.type('application/json').send('{"fixed":true}');
  },
};

describe.each(testDialects())('extra routes on %s', (dialect) => {
  let core: TestCore;
  let app: FastifyInstance;
  beforeEach(async () => {
    core = await openTestCore(dialect);
    app = await buildServer(core, {
      trustProxy: false,
      corsOrigins: [],
      loginRateLimitPerMinute: 10_000,
      webDist: '/nonexistent',
      logger: false,
      extraRoutes: [fixedBytes],
    });
  });
  afterEach(async () => {
    await app.close();
    await core.dispose();
  });

  it('answers only an authenticated caller, with the API’s headers, and stays out of the OpenAPI document', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/bench/fixed' })).statusCode).toBe(401);
    const { key } = await invoke(operations.access.createApiKey, { core, actor: systemActor('cli') }, { name: 'bench', role: 'member' });
    const answered = await app.inject({ method: 'GET', url: '/api/bench/fixed', headers: { authorization: `Bearer ${key}` } });
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toBe('{"fixed":true}');
    expect(answered.headers['cache-control']).toBe('no-store');
    const openApi = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openApi.paths).some((path) => path.includes('bench'))).toBe(false);
  });
});
