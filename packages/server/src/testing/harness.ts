import { openTestCore, type TestCore, type TestCoreOptions, type TestDialect } from '@lpdesk/core/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer, type ServerOptions } from '../app.js';

export interface Caller {
  cookie?: string;
  csrf?: string;
  apiKey?: string;
}

export interface TestResponse<T = unknown> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
}

/* biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely by design */
export type Loose = any;

export interface TestApi {
  core: TestCore;
  app: FastifyInstance;
  admin: Caller;
  request<T = Loose>(method: string, url: string, options?: { body?: unknown; as?: Caller; rawBody?: string; headers?: Record<string, string> }): Promise<TestResponse<T>>;
  login(username: string, password: string): Promise<Caller>;
  createUser(username: string, role: string, password?: string, as?: Caller): Promise<Caller & { id: string }>;
  close(): Promise<void>;
}

export const ADMIN_PASSWORD = 'correct horse battery staple';

function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'lpdesk_session');
  if (!cookie) throw new Error(`no session cookie (status ${response.statusCode}: ${response.body})`);
  return `lpdesk_session=${cookie.value}`;
}

/** A migrated database on one dialect, a server over it (no network), and a signed-in admin. */
export async function createTestApi(dialect: TestDialect, options: { setup?: boolean; live?: ServerOptions['live'] } & TestCoreOptions = {}): Promise<TestApi> {
  const core = await openTestCore(dialect, options);
  const app = await buildServer(core, { trustProxy: false, corsOrigins: [], loginRateLimitPerMinute: 10_000, webDist: '/nonexistent', logger: false, ...(options.live ? { live: options.live } : {}) });
  await app.ready();

  const request: TestApi['request'] = async (method, url, requestOptions = {}) => {
    const caller = requestOptions.as;
    const headers: Record<string, string> = { ...(requestOptions.headers ?? {}) };
    if (caller?.cookie) headers.cookie = caller.cookie;
    if (caller?.csrf) headers['x-csrf-token'] = caller.csrf;
    if (caller?.apiKey) headers.authorization = `Bearer ${caller.apiKey}`;
    let payload: string | undefined = requestOptions.rawBody;
    if (requestOptions.body !== undefined) {
      payload = JSON.stringify(requestOptions.body);
      headers['content-type'] ??= 'application/json';
    } else if (payload !== undefined) {
      headers['content-type'] ??= 'application/json';
    }
    const response = await app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
    const text = response.body;
    let body: unknown = text;
    if (text && (response.headers['content-type'] ?? '').toString().includes('json')) body = JSON.parse(text);
    return { status: response.statusCode, body: body as Loose, headers: response.headers };
  };

  const login = async (username: string, password: string): Promise<Caller> => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
    return { cookie: sessionCookie(response), csrf: (JSON.parse(response.body) as { data: { csrfToken: string } }).data.csrfToken };
  };

  let admin: Caller = {};
  if (options.setup !== false) {
    const response = await app.inject({ method: 'POST', url: '/api/setup', payload: { username: 'admin', password: ADMIN_PASSWORD, fullName: 'Ada Admin' } });
    if (response.statusCode !== 201) throw new Error(`setup failed: ${response.statusCode} ${response.body}`);
    admin = { cookie: sessionCookie(response), csrf: (JSON.parse(response.body) as { data: { csrfToken: string } }).data.csrfToken };
  }

  const createUser = async (username: string, role: string, password = `${username}-password-123`, as: Caller = admin) => {
    const created = await request('POST', '/api/users', { as, body: { username, password, role } });
    if (created.status !== 201) throw new Error(`user create failed: ${created.status} ${JSON.stringify(created.body)}`);
    // As if they had already replaced the temporary password (auth.test.ts covers that step itself).
    await core.db.updateTable('users').set({ mustChangePassword: 0 }).where('id', '=', created.body.data.id as string).execute();
    return { ...(await login(username, password)), id: created.body.data.id as string };
  };

  return {
    core,
    app,
    admin,
    request,
    login,
    createUser,
    close: async () => {
      await app.close();
      await core.dispose();
    },
  };
}
