import { invoke, type Operation, operations } from '@lpdesk/core';
import { z } from 'zod';
import type { AgentSession } from '../session.js';
import type { ToolDefinition } from '../tool-kit.js';

const DossierType = z.enum(['contact', 'organization', 'commitment', 'fund']);

const DOSSIERS: Record<'contact' | 'organization' | 'commitment', Operation> = {
  contact: operations.contacts.get,
  organization: operations.organizations.get,
  commitment: operations.commitments.get,
};

/** A record with everything around it (core/dossiers); a fund with its money metrics. */
export async function dossier(session: AgentSession, type: z.infer<typeof DossierType>, id: unknown): Promise<unknown> {
  const ctx = { core: session.core, actor: session.agent.actor };
  if (type === 'fund') {
    const fund = await invoke(operations.funds.get, ctx, { id });
    const metrics = await invoke(operations.reports.metrics, ctx, { fundId: fund.id });
    return { ...fund, metrics: metrics.funds[0] ?? null };
  }
  return invoke(DOSSIERS[type], ctx, { id });
}

const LISTS: Record<'contacts' | 'organizations' | 'commitments' | 'tasks', Operation> = {
  contacts: operations.contacts.list,
  organizations: operations.organizations.list,
  commitments: operations.commitments.list,
  tasks: operations.tasks.list,
};

const TimelineType = z.enum(['contact', 'organization', 'commitment']);
const TIMELINE_FILTER = { contact: 'contactId', organization: 'organizationId', commitment: 'commitmentId' } as const;

export function recordTools(session: AgentSession): ToolDefinition[] {
  const ctx = () => ({ core: session.core, actor: session.agent.actor });
  return [
    {
      name: 'get_dossier',
      description:
        'Everything about one record: a contact (organizations, commitments, recent communications, open tasks, stage changes), an organization (people, commitments, communications, tasks), a commitment (with its stage history) or a fund (with committed/closed/funded metrics). Amounts are integer minor units.',
      shape: { type: DossierType, id: z.string() },
      readOnly: true,
      run: async (args) => ({ value: await dossier(session, DossierType.parse(args.type), args.id) }),
    },
    {
      name: 'list_records',
      description:
        'List contacts, organizations, commitments or tasks, one page at a time (limit ≤ 100, offset). Filters: q (text), stage (commitments, organizations, contacts: a stage or comma list), fundId, organizationId, contactId (commitments), status and due (tasks: open/done/cancelled; overdue/today/upcoming/none), entityType+entityId (tasks). A filter the type does not take is refused.',
      shape: {
        type: z.enum(['contacts', 'organizations', 'commitments', 'tasks']),
        q: z.string().optional(),
        stage: z.string().optional(),
        fundId: z.string().optional(),
        organizationId: z.string().optional(),
        contactId: z.string().optional(),
        status: z.string().optional(),
        due: z.string().optional(),
        entityType: z.string().optional(),
        entityId: z.string().optional(),
        limit: z.number().int().min(1).max(100).optional(),
        offset: z.number().int().min(0).optional(),
      },
      readOnly: true,
      run: async ({ type, ...filters }) => {
        const operation = LISTS[z.enum(['contacts', 'organizations', 'commitments', 'tasks']).parse(type)];
        const query = Object.fromEntries(Object.entries({ limit: 20, ...filters }).filter(([, v]) => v !== undefined));
        return { value: await invoke(operation, ctx(), query) };
      },
    },
    {
      name: 'timeline',
      description:
        'What happened with a contact, organization or commitment, newest first: logged communications (calls, meetings, notes, emails) and captured email messages.',
      shape: { type: TimelineType, id: z.string(), limit: z.number().int().min(1).max(100).optional() },
      readOnly: true,
      run: async (args) => {
        const type = TimelineType.parse(args.type);
        const limit = typeof args.limit === 'number' ? args.limit : 30;
        const communications = await invoke(operations.communications.list, ctx(), { [TIMELINE_FILTER[type]]: args.id, limit });
        const emails = type === 'commitment' ? { data: [] } : await invoke(operations.emailMessages.list, ctx(), { entityId: args.id, limit });
        const items = [
          ...communications.data.map((c) => ({
            at: c.occurredAt,
            source: 'communication' as const,
            kind: c.kind,
            id: c.id,
            subject: c.subject,
            text: c.body,
            outcome: c.outcome,
          })),
          ...emails.data.map((m) => ({ at: m.sentAt, source: 'email' as const, kind: 'email', id: m.id, subject: m.subject, text: m.snippet, outcome: null })),
        ];
        items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
        return { value: { items: items.slice(0, limit) } };
      },
    },
  ];
}
