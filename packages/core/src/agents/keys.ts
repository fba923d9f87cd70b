import { AgentRedaction, AgentWrites } from '@lpdesk/contracts';
import { resolveApiKey } from '../access/api-keys.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Forbidden } from '../kernel/errors.js';
import { asEnum } from '../kernel/values.js';

/** An agent key as MCP serves it: who acts, and how its results and writes are handled. */
export interface AgentIdentity {
  actor: Actor;
  apiKeyId: string;
  redaction: AgentRedaction;
  writes: AgentWrites;
}

/**
 * Resolve a bearer key for the MCP door. Only agent keys speak MCP (their redaction and write modes are
 * set per key); anything else answers null, as an unknown key does, so callers answer 401 alike.
 */
export async function resolveAgentKey(core: CoreContext, key: string, requestId: string | null = null): Promise<AgentIdentity | null> {
  const actor = await resolveApiKey(core, key, 'mcp', requestId);
  if (actor?.kind !== 'agent' || !actor.id) return null;
  const row = await core.db.selectFrom('apiKeys').select(['redaction', 'writes']).where('id', '=', actor.id).executeTakeFirst();
  if (!row) return null;
  return { actor, apiKeyId: actor.id, redaction: asEnum(AgentRedaction, row.redaction), writes: asEnum(AgentWrites, row.writes) };
}

/** The same, for `lpdesk mcp`: a missing, wrong or non-agent key stops it with the reason. */
export async function requireAgentKey(core: CoreContext, key: string | undefined): Promise<AgentIdentity> {
  if (!key) throw new Forbidden('Set LPDESK_API_KEY to an agent API key (lpdesk api-keys create --role agent)');
  const agent = await resolveAgentKey(core, key);
  if (!agent) throw new Forbidden('LPDESK_API_KEY is not a valid agent API key (unknown, revoked, not role "agent", or its creator is disabled)');
  return agent;
}
