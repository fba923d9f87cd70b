import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AgentCallOutcome } from '@lpdesk/contracts';
import { invoke, operations } from '@lpdesk/core';
import { dossier } from './tools/records.js';
import { type AgentSession, recordCall, serialize } from './session.js';

/** How many records a resource listing offers (the tools page through the rest). */
const LISTED = 50;

const KINDS = [
  {
    collection: 'organizations',
    type: 'organization',
    list: async (s: AgentSession) =>
      (await invoke(operations.organizations.list, { core: s.core, actor: s.agent.actor }, { limit: LISTED })).data.map((r) => ({ id: r.id, name: r.name })),
  },
  {
    collection: 'contacts',
    type: 'contact',
    list: async (s: AgentSession) =>
      (await invoke(operations.contacts.list, { core: s.core, actor: s.agent.actor }, { limit: LISTED })).data.map((r) => ({ id: r.id, name: r.fullName })),
  },
  {
    collection: 'commitments',
    type: 'commitment',
    list: async (s: AgentSession) =>
      (await invoke(operations.commitments.list, { core: s.core, actor: s.agent.actor }, { limit: LISTED })).data.map((r) => ({
        id: r.id,
        name: `${r.organization?.name ?? '?'} · ${r.fund?.name ?? '?'}`,
      })),
  },
  {
    collection: 'funds',
    type: 'fund',
    list: async (s: AgentSession) =>
      (await invoke(operations.funds.list, { core: s.core, actor: s.agent.actor }, { limit: LISTED })).data.map((r) => ({ id: r.id, name: r.name })),
  },
] as const;

/** Dossiers as resources (`lpdesk://organizations/{id}`, …), listed and read through the same operations, logged like tool calls. */
export function registerDossierResources(server: McpServer, session: AgentSession) {
  for (const kind of KINDS) {
    server.registerResource(
      `${kind.type}-dossier`,
      new ResourceTemplate(`lpdesk://${kind.collection}/{id}`, {
        list: async () => {
          const records = await kind.list(session);
          const resources = await session.redactor.redact(
            records.map((r) => ({ uri: `lpdesk://${kind.collection}/${r.id}`, name: r.name, mimeType: 'application/json' })),
          );
          return { resources };
        },
      }),
      { description: `The dossier of a ${kind.type} (as get_dossier answers it)`, mimeType: 'application/json' },
      async (uri, variables) => {
        const started = performance.now();
        const id = String(variables.id);
        let outcome: AgentCallOutcome = 'ok';
        let error: string | null = null;
        let text: string;
        try {
          const realId = await session.redactor.unredact(id);
          text = serialize(await session.redactor.redact(await dossier(session, kind.type, realId))).text;
        } catch (caught) {
          outcome = 'error';
          error = await session.redactor.redact(caught instanceof Error ? caught.message : String(caught));
          text = JSON.stringify({ error });
        }
        await recordCall(session, {
          sessionId: session.sessionId,
          tool: `resource:${kind.collection}`,
          arguments: { uri: uri.href },
          resultBytes: Buffer.byteLength(text, 'utf8'),
          durationMs: performance.now() - started,
          outcome,
          error,
        });
        if (error) throw new Error(error);
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
      },
    );
  }
}
