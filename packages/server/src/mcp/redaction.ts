import { type agents, type Core, noRedaction, openRedactor, type Redactor } from '@lpdesk/core';

/**
 * What a session does to what crosses it (core/redaction, docs/mcp.md "Redaction"): `redact` tool results,
 * `unredact` tool inputs, `rehydrate` a model's answer for the user.
 */
export { noRedaction, type Redactor };

/** The redactor of one MCP session, per the key's setting: placeholders numbered per session id. */
export async function openSessionRedactor(core: Core, agent: agents.AgentIdentity, sessionId: string): Promise<Redactor> {
  if (agent.redaction === 'off') return noRedaction;
  return openRedactor(core, { sessionId, amounts: false });
}
