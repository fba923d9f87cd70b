import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApi, type TestApi } from './testing/harness.js';

// The web app's first-load probe must answer 200 whether or not the browser is signed in: a 401 there
// is logged as a console error by every browser on every signed-out visit.
describe.each(testDialects())('GET /api/auth/session on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  it('says "not signed in" with 200 and whether setup is needed', async () => {
    const fresh = await createTestApi(dialect, { setup: false });
    try {
      const before = await fresh.request('GET', '/api/auth/session');
      expect(before.status).toBe(200);
      expect(before.body.data).toEqual({ authenticated: false, setupNeeded: true });
    } finally {
      await fresh.close();
    }
    const signedOut = await api.request('GET', '/api/auth/session');
    expect(signedOut.status).toBe(200);
    expect(signedOut.body.data).toEqual({ authenticated: false, setupNeeded: false });
  });

  it('returns the user and CSRF token for a session, and nothing after logout', async () => {
    const session = await api.login('admin', ADMIN_PASSWORD);
    const signedIn = await api.request('GET', '/api/auth/session', { as: { cookie: session.cookie } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data.authenticated).toBe(true);
    expect(signedIn.body.data.user.username).toBe('admin');
    expect(signedIn.body.data.csrfToken).toBe(session.csrf);
    await api.request('POST', '/api/auth/logout', { as: session });
    const after = await api.request('GET', '/api/auth/session', { as: { cookie: session.cookie } });
    expect(after.body.data).toEqual({ authenticated: false, setupNeeded: false });
    // Protected routes still answer 401, as before.
    expect((await api.request('GET', '/api/auth/me', { as: { cookie: session.cookie } })).status).toBe(401);
  });

  it('describes an API key caller without a CSRF token', async () => {
    const created = await api.request('POST', '/api/api-keys', { as: api.admin, body: { name: 'probe', role: 'member' } });
    expect(created.status).toBe(201);
    const res = await api.request('GET', '/api/auth/session', { as: { apiKey: created.body.data.key } });
    expect(res.status).toBe(200);
    expect(res.body.data.authenticated).toBe(true);
    expect(res.body.data.csrfToken).toBeNull();
    expect(res.body.data.actor).toMatchObject({ kind: 'api_key', role: 'member' });
  });
});
