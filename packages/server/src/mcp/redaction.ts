import { type agents, type Core, noRedaction, openRedactor, type Redactor } from '@lpdesk/core';

export type { Redactor };

/**
 * The redactor of one MCP session, per the key's setting (core/redaction): `pii` keys get placeholders
 * stable within the session (amounts are left as they are), `off` keys the values unchanged.
 */
export function openSessionRedactor(core: Core, agent: agents.AgentIdentity, sessionId: string): Promise<Redactor> {
  if (agent.redaction === 'off') return Promise.resolve(noRedaction);
  return openRedactor(core, { sessionId, amounts: false });
}
