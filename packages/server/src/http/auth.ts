import { type Actor, access, type Core } from '@lpdesk/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

export const SESSION_COOKIE = 'lpdesk_session';

export interface Authenticated {
  actor: Actor;
  /** Set when the caller authenticated with the session cookie (not an API key). */
  session: access.SessionInfo | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new HttpError(401, 'unauthorized', 'Authorization must be "Bearer <api key>"');
  return match[1] as string;
}

/**
 * Resolve the caller: an API key in Authorization, else the session cookie. Cookie-authenticated
 * mutations must echo the session's CSRF token in X-CSRF-Token; API-key requests need none.
 */
export async function authenticate(core: Core, request: FastifyRequest): Promise<Authenticated | null> {
  const token = bearerToken(request);
  if (token) {
    const actor = await access.resolveApiKey(core, token, 'http', request.id);
    if (!actor) throw new HttpError(401, 'unauthorized', 'The API key is invalid or revoked');
    return { actor, session: null };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const session = await access.resolveSession(core, cookie);
  if (!session) return null;
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || sent !== session.csrfToken) {
      throw new HttpError(403, 'forbidden', 'Missing or wrong X-CSRF-Token header (get it from GET /api/auth/me)');
    }
  }
  return { actor: access.userActor(session.user, 'http', request.id), session };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', path: '/' });
}
