import type { RetrievalSearchResult } from '@lpdesk/contracts';
import { Invalid, invoke, operations } from '@lpdesk/core';
import { z } from 'zod';
import type { AgentSession } from '../session.js';
import type { ToolDefinition } from '../tool-kit.js';
import { findOperation } from './find-operation.js';

const WEB_PATHS: Record<string, string> = { contact: '/contacts/', organization: '/organizations/' };

/** Retrieval hits as citations: where each passage came from, when it was said, and the records it is about. */
function withCitations(result: RetrievalSearchResult) {
  const entities = new Map(result.entities.map((e) => [e.id, e]));
  return {
    results: result.data.map((hit) => ({
      snippet: hit.snippet,
      score: hit.score,
      citation: {
        sourceType: hit.sourceType,
        sourceId: hit.sourceId,
        chunkId: hit.chunkId,
        kind: hit.kind,
        title: hit.title,
        eventAt: hit.eventAt,
        fundId: hit.fundId,
      },
      links: hit.entityIds.flatMap((id) => {
        const entity = entities.get(id);
        if (!entity) return [];
        const path = WEB_PATHS[entity.type];
        return [{ type: entity.type, id, label: entity.label, ...(path ? { path: `${path}${id}` } : {}) }];
      }),
    })),
    tookMs: result.tookMs,
  };
}

export function insightTools(session: AgentSession): ToolDefinition[] {
  const ctx = () => ({ core: session.core, actor: session.agent.actor });
  return [
    {
      name: 'search',
      description:
        'Search what was said: chunks of communications, email bodies and notes, by hybrid (default), sparse (BM25) or dense retrieval. Each result has a citation (source type and id, kind, title, when it was said) and links to the records it is about. Filters: entityId, kind (comma list: communication,email,note or call,meeting,…), fundId, from/to (dates).',
      shape: {
        q: z.string(),
        mode: z.enum(['hybrid', 'sparse', 'dense']).optional(),
        k: z.number().int().min(1).max(50).optional().describe('How many results (default 10)'),
        entityId: z.string().optional(),
        kind: z.string().optional(),
        fundId: z.string().optional(),
        from: z.string().optional(),
        to: z.string().optional(),
      },
      readOnly: true,
      run: async ({ k, ...filters }) => {
        const operation = findOperation('retrieval.search');
        if (!operation) throw new Invalid('Retrieval is not available in this build');
        const query = Object.fromEntries(Object.entries({ ...filters, limit: k ?? 10 }).filter(([, v]) => v !== undefined));
        return { value: withCitations((await invoke(operation, ctx(), query)) as RetrievalSearchResult) };
      },
    },
    {
      name: 'pipeline_summary',
      description:
        'The fundraising pipeline of a fund (or all funds): per stage the number of commitments and their amounts, with the first few commitments of each stage. Amounts are integer minor units.',
      shape: { fundId: z.string().optional(), perStage: z.number().int().min(1).max(50).optional() },
      readOnly: true,
      run: async ({ fundId, perStage }) => {
        const board = await invoke(operations.reports.pipeline, ctx(), { ...(fundId ? { fundId } : {}), limit: perStage ?? 5 });
        const metrics = fundId ? ((await invoke(operations.reports.metrics, ctx(), { fundId })).funds[0] ?? null) : null;
        return { value: { board, metrics } };
      },
    },
    {
      name: 'who_knows',
      description:
        'Who on the team knows a contact (relationship strength with its evidence: emails, meetings, calls, introductions), or the people of an organization and how well the team knows each. Give contactId or organizationId.',
      shape: { contactId: z.string().optional(), organizationId: z.string().optional() },
      readOnly: true,
      run: async ({ contactId, organizationId }) => {
        if (Boolean(contactId) === Boolean(organizationId)) throw new Invalid('Give exactly one of contactId or organizationId');
        const value = contactId
          ? await invoke(operations.relationships.forContact, ctx(), { id: contactId })
          : await invoke(operations.relationships.forOrganization, ctx(), { id: organizationId });
        return { value };
      },
    },
    {
      name: 'rehydrate',
      description:
        'Turn placeholders ([PERSON_1], [ORG_2], [EMAIL_1], …) in a text, such as your answer, back into the real names for the user. With redaction off it returns the text as it is.',
      shape: { text: z.string().max(100_000) },
      readOnly: true,
      // The point is the real names, so this result is not redacted again. The input keeps its placeholders.
      run: async (_args, sent) => ({ value: { text: await session.redactor.rehydrate(String(sent.text)) }, raw: true }),
    },
  ];
}
