import { manualTestClock, openTestCore, testDialects, type TestCore } from '@lpdesk/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { ADMIN_PASSWORD, createTestApi, type TestApi } from './testing/harness.js';

const THROTTLE = { accountMaxFailures: 3, ipMaxFailures: 5, windowSeconds: 900, lockoutBaseSeconds: 60, lockoutMaxSeconds: 3600 };

describe.each(testDialects())('sign-in limits over HTTP on %s', (dialect) => {
  let api: TestApi;
  const clock = manualTestClock();
  let n = 0;
  const next = () => {
    n += 1;
    return n;
  };
  const fresh = (label: string) => `${label}${next()}`;
  const login = (username: string, password: string, remoteAddress = '192.0.2.10') =>
    api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  beforeAll(async () => {
    api = await createTestApi(dialect, { clock, settings: { loginThrottle: THROTTLE } });
  });
  afterAll(() => api.close());

  it('answers a locked account with 429, the error envelope and Retry-After, then lets it in after the wait', async () => {
    const username = fresh('alex');
    await api.createUser(username, 'member', 'alex password 123');
    for (let i = 0; i < 3; i += 1) expect((await login(username, 'wrong password', `192.0.2.${20 + i}`)).statusCode).toBe(401);
    const locked = await login(username, 'alex password 123', '198.51.100.30');
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('60');
    expect(locked.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/try again in 60 seconds/) } });
    clock.advance(60_000);
    expect((await login(username, 'alex password 123', '198.51.100.30')).statusCode).toBe(200);
  });

  it('lets five colleagues behind one NAT sign in, even after one of them fumbles', async () => {
    const office = `203.0.113.${next()}`;
    const team = [fresh('t'), fresh('t'), fresh('t'), fresh('t'), fresh('t')];
    for (const member of team) await api.createUser(member, 'member', `${member} password 123`);
    expect((await login(team[0] as string, 'oops', office)).statusCode).toBe(401);
    expect((await login(team[0] as string, 'oops again', office)).statusCode).toBe(401);
    for (const member of team) expect((await login(member, `${member} password 123`, office)).statusCode, member).toBe(200);
  });

  it('limits wrong current passwords on POST /api/auth/password with 429 and Retry-After', async () => {
    const username = fresh('pat');
    const caller = await api.createUser(username, 'member', 'pat password 123');
    const change = (currentPassword: string) =>
      api.request('POST', '/api/auth/password', { as: caller, body: { currentPassword, newPassword: 'a new pat password' } });
    for (let i = 0; i < 3; i += 1) expect((await change('not it at all')).status).toBe(400);
    const limited = await change('pat password 123');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.body.error.code).toBe('rate_limited');
    clock.advance(61_000);
    expect((await change('pat password 123')).status).toBe(204);
  });

  it('shows failed sign-ins in the activity log with the username tried and the address', async () => {
    const username = fresh('quinn');
    await login(username, 'a secret guess', '192.0.2.55');
    const admin = await api.login('admin', ADMIN_PASSWORD);
    const log = await api.request('GET', '/api/activity?action=login_failed&limit=100', { as: admin });
    const entry = log.body.data.find((e: { diff: { username: string } }) => e.diff.username === username);
    expect(entry).toMatchObject({
      action: 'login_failed',
      entityType: 'user',
      entityId: null,
      door: 'http',
      diff: { username, ip: '192.0.2.55', reason: 'unknown_user' },
    });
    expect(JSON.stringify(log.body)).not.toContain('a secret guess');
  });
});

describe.each(testDialects())('trusted proxies on %s', (dialect) => {
  let core: TestCore;
  let limited: FastifyInstance;
  let generous: FastifyInstance;
  const PROXY = '10.0.0.1';

  beforeAll(async () => {
    core = await openTestCore(dialect, { settings: { loginThrottle: THROTTLE } });
    const options = { trustProxy: [PROXY], corsOrigins: [], webDist: '/nonexistent', logger: false as const };
    // One server with a tight per-minute request limit, one with only the database-backed failure limits.
    limited = await buildServer(core, { ...options, loginRateLimitPerMinute: 3 });
    generous = await buildServer(core, { ...options, loginRateLimitPerMinute: 10_000 });
    const setup = await generous.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
      remoteAddress: '127.0.0.1',
    });
    expect(setup.statusCode).toBe(201);
  });
  afterAll(async () => {
    await limited.close();
    await generous.close();
    await core.dispose();
  });

  const attempt = (app: FastifyInstance, remoteAddress: string, forwardedFor: string, username: string, password = 'not the password') =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });

  it('ignores X-Forwarded-For from a direct client: rotating it does not dodge the per-minute limit', async () => {
    const responses = [];
    for (let i = 0; i < 4; i += 1) responses.push(await attempt(limited, '203.0.113.9', `198.51.100.${i + 1}`, `rotator${i}`));
    expect(responses.map((r) => r.statusCode)).toEqual([401, 401, 401, 429]);
    expect(responses[3]?.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(responses[3]?.headers['retry-after'])).toBeGreaterThan(0);
    const log = await core.db
      .selectFrom('activityLog')
      .select('diffJson')
      .where('action', '=', 'login_failed')
      .where('diffJson', 'like', '%rotator%')
      .execute();
    expect(log).toHaveLength(3);
    for (const row of log) expect(JSON.parse(row.diffJson).ip).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from a direct client: rotating it does not dodge the failure limit per address', async () => {
    const statuses = [];
    for (let i = 0; i < THROTTLE.ipMaxFailures + 1; i += 1)
      statuses.push((await attempt(generous, '203.0.113.50', `198.51.100.${i + 1}`, `sprayed${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('believes the trusted proxy: the forwarded address is the one in the session and the log', async () => {
    const signedIn = await attempt(generous, PROXY, '198.51.100.77', 'admin', ADMIN_PASSWORD);
    expect(signedIn.statusCode).toBe(200);
    const session = await core.db.selectFrom('sessions').select('ip').orderBy('createdAt', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(session.ip).toBe('198.51.100.77');
    const logged = await core.db.selectFrom('activityLog').select('diffJson').where('action', '=', 'login').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(logged.diffJson).ip).toBe('198.51.100.77');

    const failed = await attempt(generous, PROXY, '198.51.100.78', 'proxied-ghost');
    expect(failed.statusCode).toBe(401);
    const failure = await core.db
      .selectFrom('activityLog')
      .select('diffJson')
      .where('action', '=', 'login_failed')
      .where('diffJson', 'like', '%proxied-ghost%')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(failure.diffJson).ip).toBe('198.51.100.78');
  });
});
