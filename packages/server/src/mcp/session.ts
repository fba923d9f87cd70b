import { agents, type Core } from '@lpdesk/core';
import type { Redactor } from './redaction.js';

/** One MCP session: the key it answers to (re-resolved on every HTTP request), its redactor, its id. */
export interface AgentSession {
  core: Core;
  agent: agents.AgentIdentity;
  sessionId: string;
  redactor: Redactor;
}

/** JSON text of a result and its size, as the call log records it. */
export function serialize(value: unknown): { text: string; bytes: number } {
  const text = JSON.stringify(value ?? null);
  return { text, bytes: Buffer.byteLength(text, 'utf8') };
}

export const recordCall = (session: AgentSession, call: agents.AgentCallRecord) => agents.recordAgentCall(session.core, session.agent, call);
