import { ApiKeyCreateInput, IdParams, KeySessionView, LoginInput, SessionProbeView, PasswordChangeInput, PasswordResetInput, SessionView, SetupInput, SetupStatus, UserCreateInput, UserUpdateInput } from '@lpdesk/contracts';
import { access, anonymousActor, type Core, execute, operations } from '@lpdesk/core';
import { z } from 'zod';
import { clearSessionCookie, setSessionCookie } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';
import { EmptyQuery } from './crud.js';

/** Where the request came from: the client address (behind trusted proxies only, the forwarded one) and its user agent. */
const clientFacts = (request: { ip: string; headers: Record<string, unknown> }) => ({
  ip: request.ip ?? null,
  userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 400) : null,
});

const teamTime = (core: Core) => ({ timeZone: core.settings.timeZone, now: core.clock.now().toISOString(), phoneRegion: core.settings.defaultPhoneRegion });

const ProfileInput = z.strictObject({ email: UserUpdateInput.shape.email, fullName: UserUpdateInput.shape.fullName });

const SessionResponse = z.object({ data: SessionView });

export const authRoutes: RouteSpec[] = [
  {
    method: 'GET',
    url: '/api/setup',
    summary: 'Whether first-run setup is still needed (no user exists yet)',
    tag: 'Auth',
    access: 'public',
    response: z.object({ data: SetupStatus }),
    async handle({ request }) {
      return { data: { needed: (await access.countUsers(request.server.core)) === 0 } };
    },
  },
  {
    method: 'POST',
    url: '/api/setup',
    summary: 'Create the first admin; only while no user exists (409 afterwards)',
    tag: 'Auth',
    access: 'public',
    rateLimited: true,
    body: SetupInput,
    status: 201,
    response: SessionResponse,
    async handle({ request, reply, body }) {
      const core = request.server.core;
      const input = body as z.infer<typeof SetupInput>;
      const actor = { ...anonymousActor('http', request.id), name: 'setup' };
      const session = await execute(operations.access.setup, { core, actor }, { ...input, ...clientFacts(request) });
      setSessionCookie(request, reply, session.token, session.expiresAt);
      return { data: { user: session.user, csrfToken: session.csrfToken, team: teamTime(core) } };
    },
  },
  {
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Sign in with username and password; sets the session cookie',
    tag: 'Auth',
    access: 'public',
    rateLimited: true,
    body: LoginInput,
    response: SessionResponse,
    async handle({ request, reply, body }) {
      const core = request.server.core;
      const session = await execute(operations.access.login, { core, actor: anonymousActor('http', request.id) }, { ...(body as z.infer<typeof LoginInput>), ...clientFacts(request) });
      setSessionCookie(request, reply, session.token, session.expiresAt);
      return { data: { user: session.user, csrfToken: session.csrfToken, team: teamTime(core) } };
    },
  },
  {
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'Sign out: revokes this session and clears the cookie',
    tag: 'Auth',
    access: 'public',
    status: 204,
    async handle({ request, reply }) {
      const auth = request.auth;
      if (auth?.session) await execute(operations.access.logout, { core: request.server.core, actor: auth.actor }, { sessionId: auth.session.sessionId });
      clearSessionCookie(request, reply);
      return null;
    },
  },
  {
    method: 'GET',
    url: '/api/auth/me',
    summary: 'The signed-in user and the CSRF token for cookie-authenticated writes',
    tag: 'Auth',
    access: 'authenticated',
    allowedBeforePasswordChange: true,
    response: z.object({ data: z.union([SessionView, KeySessionView]) }),
    async handle({ request }) {
      const auth = request.auth;
      if (!auth?.session) {
        return { data: { user: null, csrfToken: null, actor: { kind: auth?.actor.kind, id: auth?.actor.id, role: auth?.actor.role, name: auth?.actor.name }, team: teamTime(request.server.core) } };
      }
      return { data: { user: auth.session.user, csrfToken: auth.session.csrfToken, team: teamTime(request.server.core) } };
    },
  },
  {
    method: 'GET',
    url: '/api/auth/session',
    summary: 'Whether this browser is signed in (always 200): the session and CSRF token if so, else whether setup is needed',
    tag: 'Auth',
    access: 'public',
    response: z.object({ data: SessionProbeView }),
    async handle({ request }) {
      const core = request.server.core;
      const auth = request.auth;
      if (auth?.session) return { data: { authenticated: true, user: auth.session.user, csrfToken: auth.session.csrfToken, team: teamTime(core) } };
      if (auth) return { data: { authenticated: true, user: null, csrfToken: null, actor: { kind: auth.actor.kind, id: auth.actor.id, role: auth.actor.role, name: auth.actor.name }, team: teamTime(core) } };
      return { data: { authenticated: false, setupNeeded: (await access.countUsers(core)) === 0 } };
    },
  },
  operationRoute({ method: 'PATCH', url: '/api/auth/me', tag: 'Auth', operation: operations.access.updateProfile, body: ProfileInput, input: ({ body }) => body as z.infer<typeof ProfileInput> }),
  {
    method: 'POST',
    url: '/api/auth/password',
    summary: 'Change your password (other sessions are signed out)',
    tag: 'Auth',
    access: 'authenticated',
    allowedBeforePasswordChange: true,
    // Wrong current passwords also count towards the account's sign-in lockout (core).
    rateLimited: true,
    body: PasswordChangeInput,
    status: 204,
    async handle({ request, body }) {
      const auth = request.auth;
      if (!auth?.session) throw new HttpError(400, 'bad_request', 'Only a signed-in user (not an API key) can change a password');
      const input = body as z.infer<typeof PasswordChangeInput>;
      await execute(operations.access.changePassword, { core: request.server.core, actor: auth.actor }, { ...input, keepSessionId: auth.session.sessionId, ip: request.ip ?? null });
      return null;
    },
  },
];

export const userRoutes: RouteSpec[] = [
  operationRoute({ method: 'GET', url: '/api/team', tag: 'Users', operation: operations.access.team, query: EmptyQuery, input: () => ({}) }),
  operationRoute({ method: 'GET', url: '/api/users', tag: 'Users', operation: operations.access.listUsers, query: EmptyQuery, input: () => ({}) }),
  operationRoute({ method: 'POST', url: '/api/users', tag: 'Users', operation: operations.access.createUser, body: UserCreateInput, status: 201, input: ({ body }) => body as z.infer<typeof UserCreateInput> }),
  operationRoute({ method: 'GET', url: '/api/users/:id', tag: 'Users', operation: operations.access.getUser, params: IdParams, input: ({ params }) => ({ id: params.id as string }) }),
  operationRoute({ method: 'PATCH', url: '/api/users/:id', tag: 'Users', operation: operations.access.updateUser, params: IdParams, body: UserUpdateInput, input: ({ params, body }) => ({ id: params.id as string, changes: body as z.infer<typeof UserUpdateInput> }) }),
  operationRoute({ method: 'POST', url: '/api/users/:id/password', tag: 'Users', operation: operations.access.resetPassword, params: IdParams, body: PasswordResetInput, status: 204, input: ({ params, body }) => ({ id: params.id as string, body: body as z.infer<typeof PasswordResetInput> }) }),
  operationRoute({ method: 'GET', url: '/api/api-keys', tag: 'API keys', operation: operations.access.listApiKeys, query: EmptyQuery, input: () => ({}) }),
  operationRoute({ method: 'POST', url: '/api/api-keys', tag: 'API keys', operation: operations.access.createApiKey, body: ApiKeyCreateInput, status: 201, input: ({ body }) => body as z.infer<typeof ApiKeyCreateInput> }),
  operationRoute({ method: 'DELETE', url: '/api/api-keys/:id', tag: 'API keys', operation: operations.access.revokeApiKey, params: IdParams, input: ({ params }) => ({ id: params.id as string }) }),
];
