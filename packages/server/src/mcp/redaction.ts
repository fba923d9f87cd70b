import type { agents, Core } from '@lpdesk/core';

/**
 * What a session does to what crosses it (the API of core/redaction, built on the mcp-redaction branch):
 * `redact` tool results, `unredact` tool inputs, `rehydrate` a model's answer for the user.
 */
export interface Redactor {
  redact<T>(value: T): Promise<T>;
  unredact<T>(value: T): Promise<T>;
  rehydrate(text: string): Promise<string>;
}

export const noRedaction: Redactor = {
  redact: async (value) => value,
  unredact: async (value) => value,
  rehydrate: async (text) => text,
};

/** The redactor of one MCP session, per the key's setting. */
export async function openSessionRedactor(_core: Core, agent: agents.AgentIdentity, _sessionId: string): Promise<Redactor> {
  if (agent.redaction === 'off') return noRedaction;
  // Never hand raw records to a key that asked for redaction: refuse until the redactor is wired in.
  throw new Error('This key asks for PII redaction, which this build cannot do yet; use a key with redaction "off"');
}
