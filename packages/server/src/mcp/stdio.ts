import { randomUUID } from 'node:crypto';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { agents, type Core, forgetRedactionSession } from '@lpdesk/core';
import { openSessionRedactor } from './redaction.js';
import { createMcpServer } from './server.js';

/**
 * `lpdesk mcp`: one session over stdin/stdout for the process's life, as the agent key in LPDESK_API_KEY.
 * stdout carries only the protocol; anything else goes to stderr. Resolves when the client disconnects.
 */
export async function serveMcpStdio(core: Core, apiKey: string | undefined): Promise<void> {
  const agent = await agents.requireAgentKey(core, apiKey);
  const sessionId = randomUUID();
  const redactor = await openSessionRedactor(core, agent, sessionId);
  const server = createMcpServer({ core, agent, sessionId, redactor });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  process.stderr.write(`lpdesk mcp: serving key "${agent.actor.name}" over stdio (writes: ${agent.writes}, redaction: ${agent.redaction})\n`);
  await closed;
  await server.close();
  await forgetRedactionSession(core, sessionId);
}
