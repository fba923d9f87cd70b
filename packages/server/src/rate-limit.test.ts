import { openTestCore, type TestCore } from '@lpdesk/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';

describe('sign-in rate limit', () => {
  let core: TestCore;
  let app: FastifyInstance;
  beforeAll(async () => {
    core = await openTestCore('sqlite');
    app = await buildServer(core, { trustProxy: false, corsOrigins: [], loginRateLimitPerMinute: 3, webDist: '/nonexistent', logger: false });
  });
  afterAll(async () => {
    await app.close();
    await core.dispose();
  });

  it('answers 429 with the error envelope after the configured attempts per minute', async () => {
    const attempt = () => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'not the password' } });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await attempt()).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt();
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Other routes are not limited by the sign-in budget.
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
