import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { agents, type Core, forgetRedactionSession } from '@lpdesk/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { openSessionRedactor } from './redaction.js';
import { createMcpServer } from './server.js';
import type { AgentSession } from './session.js';

/** A session unused this long is closed (its redaction mapping goes with it). */
const IDLE_MS = 30 * 60_000;
/** Open sessions per key at most: a client that never closes its sessions cannot grow memory without bound. */
const MAX_SESSIONS_PER_KEY = 20;

interface OpenSession {
  session: AgentSession;
  transport: StreamableHTTPServerTransport;
  lastSeen: number;
}

function bearer(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match ? (match[1] as string) : null;
}

function refuse(reply: FastifyReply, status: number, code: number, message: string) {
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.status(status).send({ jsonrpc: '2.0', error: { code, message }, id: null });
}

/**
 * MCP over Streamable HTTP at /mcp: a Bearer agent key only (no cookie, so no CSRF either), stateful
 * sessions by Mcp-Session-Id. The SDK's transport answers on the raw request once Fastify lets go
 * (`reply.hijack()`); a session is only ever used by the key that opened it.
 */
export async function registerMcp(app: FastifyInstance, core: Core) {
  const open = new Map<string, OpenSession>();

  const close = async (id: string) => {
    const entry = open.get(id);
    open.delete(id);
    await entry?.transport.close().catch(() => undefined);
    // The placeholder map dies with the session: nothing it issued can be turned back afterwards.
    await forgetRedactionSession(core, id).catch(() => undefined);
  };
  const sweep = async (now: number) => {
    for (const [id, entry] of open) if (now - entry.lastSeen > IDLE_MS) await close(id);
  };

  app.addHook('onClose', async () => {
    for (const id of [...open.keys()]) await close(id);
  });

  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    handler: async (request, reply) => {
      const token = bearer(request);
      if (!token) return refuse(reply, 401, -32001, 'Authorization: Bearer <agent API key> is required');
      const agent = await agents.resolveAgentKey(core, token, request.id);
      if (!agent) return refuse(reply, 401, -32001, 'The API key is invalid, revoked, or not an agent key');

      const now = Date.now();
      const sessionId = request.headers['mcp-session-id'];
      let entry: OpenSession | undefined;
      if (typeof sessionId === 'string') {
        entry = open.get(sessionId);
        // Another key's session is answered as unknown: session ids are not a way in.
        if (!entry || entry.session.agent.apiKeyId !== agent.apiKeyId) return refuse(reply, 404, -32001, 'Session not found; initialize a new one');
        // Re-resolved on every request: a revoked key or a demoted creator takes effect at once.
        entry.session.agent = agent;
        entry.lastSeen = now;
      } else if (request.method === 'POST' && isInitializeRequest(request.body)) {
        await sweep(now);
        const ofKey = [...open.values()].filter((e) => e.session.agent.apiKeyId === agent.apiKeyId);
        if (ofKey.length >= MAX_SESSIONS_PER_KEY)
          return refuse(reply, 429, -32000, `This key has ${MAX_SESSIONS_PER_KEY} open sessions; close one (DELETE /mcp) or wait`);
        const id = randomUUID();
        let redactor: AgentSession['redactor'];
        try {
          redactor = await openSessionRedactor(core, agent, id);
        } catch (error) {
          return refuse(reply, 403, -32002, (error as Error).message);
        }
        const session: AgentSession = { core, agent, sessionId: id, redactor };
        const transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => id,
          onsessioninitialized: (initialized) => {
            if (entry) open.set(initialized, entry);
          },
          onsessionclosed: async (closed) => {
            open.delete(closed);
            await forgetRedactionSession(core, closed);
          },
        });
        entry = { session, transport, lastSeen: now };
        await createMcpServer(session).connect(transport);
      } else {
        return refuse(reply, 400, -32000, 'No Mcp-Session-Id: send an initialize request first');
      }

      reply.hijack();
      await entry.transport.handleRequest(request.raw, reply.raw, request.body);
    },
  });
}
