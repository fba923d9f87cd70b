import websocket from '@fastify/websocket';
import type { Core } from '@lpdesk/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { LiveHub, type LiveHubOptions } from './hub.js';

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveHub;
  }
}

export const LIVE_PATH = '/api/live';

/**
 * A browser sends Origin on every WebSocket handshake, and the session cookie rides along whatever page
 * opened it: a page on another site must not get a socket in the user's name. Clients that send no
 * Origin (scripts, the CLI, tests) are not browsers and must bring their credentials themselves.
 */
function checkOrigin(request: FastifyRequest, allowed: string[]): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new HttpError(403, 'forbidden', 'Cross-origin WebSocket refused');
  }
  if (host === request.headers.host || host === request.host || allowed.includes(origin)) return;
  throw new HttpError(403, 'forbidden', 'Cross-origin WebSocket refused');
}

/** GET /api/live: the WebSocket. Authenticated at the upgrade like any API route (cookie or API key). */
export async function registerLive(app: FastifyInstance, core: Core, options: { corsOrigins: string[]; live?: LiveHubOptions }): Promise<void> {
  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
  const hub = new LiveHub(core, app.log, options.live);
  app.decorate('live', hub);
  app.addHook('onReady', () => hub.start());
  // Before the HTTP server waits for open connections to end: close the sockets first.
  app.addHook('preClose', () => hub.stop());

  app.get(
    LIVE_PATH,
    {
      websocket: true,
      preValidation: async (request) => {
        checkOrigin(request, options.corsOrigins);
        const auth = await authenticate(core, request);
        if (!auth) throw new HttpError(401, 'unauthorized', 'Sign in, or send an API key as Authorization: Bearer <key>');
        if (auth.session?.user.mustChangePassword) throw new HttpError(403, 'password_change_required', 'Choose a new password first');
        request.auth = auth;
      },
    },
    (socket, request) => {
      const actor = request.auth?.actor;
      if (!actor) {
        socket.close(1008, 'unauthorized');
        return;
      }
      hub.attach(socket, { userId: actor.userId ?? actor.id ?? 'unknown', name: actor.name ?? 'Someone' });
    },
  );
}
