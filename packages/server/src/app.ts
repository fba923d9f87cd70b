import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Config, Core } from '@lpdesk/core';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { handleError, HttpError } from './http/errors.js';
import { registerRoute } from './http/register.js';
import type { RouteSpec } from './http/route.js';
import type { LiveHubOptions } from './live/hub.js';
import { registerLive } from './live/routes.js';
import { registerMcp } from './mcp/http.js';
import { IMPORT_UPLOAD_LIMIT_BYTES } from './routes/imports.js';
import { buildOpenApi } from './openapi.js';
import { apiRoutes } from './routes/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    core: Core;
  }
}

export const VERSION = '0.1.0';

export type ServerOptions = Pick<Config, 'trustProxy' | 'corsOrigins' | 'loginRateLimitPerMinute' | 'webDist'> & {
  logger: Logger | false;
  /**
   * Routes registered exactly like the API's (auth, validation, limits) but left out of the OpenAPI
   * document. Only the bench passes any: its own-stack floor, fixed bytes behind LP Desk's auth.
   */
  extraRoutes?: RouteSpec[];
  /** Tuning of the live WebSocket (tests shorten its timers and queues). */
  live?: LiveHubOptions;
};

/** Set by scripts/build-server.mjs: in the bundle this code runs from dist/, not packages/server/src/. */
declare const LPDESK_BUNDLED_WEB_DIST: string | undefined;
const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_WEB_DIST = resolve(here, typeof LPDESK_BUNDLED_WEB_DIST === 'string' ? LPDESK_BUNDLED_WEB_DIST : '../../web/dist');

export async function buildServer(core: Core, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger === false ? undefined : options.logger,
    logger: options.logger === false ? false : undefined,
    trustProxy: options.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 2 * 1024 * 1024,
  } as never) as unknown as FastifyInstance;
  app.decorate('core', core);
  app.decorateRequest('auth', null);
  app.setErrorHandler(handleError);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine writes component styles at runtime.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
  });
  await app.register(cors, { origin: options.corsOrigins.length > 0 ? options.corsOrigins : false, credentials: true });
  await app.register(cookie);
  // Only the import upload reads multipart bodies; everything else stays JSON.
  await app.register(multipart, { limits: { fileSize: IMPORT_UPLOAD_LIMIT_BYTES, files: 1, fields: 10, fieldSize: 1024 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new HttpError(429, 'rate_limited', `Too many attempts; try again in ${context.after}`),
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.get('/api/health', async () => ({ status: 'ok', version: VERSION, database: core.dialect }));
  // Built at the first request: converting every schema takes a good part of start-up otherwise.
  let openApi: ReturnType<typeof buildOpenApi> | undefined;
  app.get('/api/openapi.json', async () => {
    openApi ??= buildOpenApi(apiRoutes, VERSION);
    return openApi;
  });

  await registerLive(app, core, { corsOrigins: options.corsOrigins, ...(options.live ? { live: options.live } : {}) });
  for (const spec of [...apiRoutes, ...(options.extraRoutes ?? [])]) registerRoute(app, core, spec, { perMinute: options.loginRateLimitPerMinute });
  // MCP for agent keys (docs/mcp.md): Bearer only, outside the cookie/CSRF route path.
  await registerMcp(app, core);

  await serveWebApp(app, options.webDist ?? DEFAULT_WEB_DIST);
  return app;
}

async function serveWebApp(app: FastifyInstance, webDist: string) {
  const hasBuild = existsSync(join(webDist, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') {
      throw new HttpError(404, 'not_found', `No API route ${request.method} ${request.url.split('?')[0]}`);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(404, 'not_found', 'Not found');
    if (hasBuild) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply
      .type('text/html')
      .send(
        '<!doctype html><title>LP Desk</title><h1>LP Desk</h1><p>The API is running at <a href="/api/health">/api/health</a>. The web app is not built yet: run <code>npm run build</code>.</p>',
      );
  });
}
