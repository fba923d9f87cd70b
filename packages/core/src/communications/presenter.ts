import { type Communication, CommunicationKind, CommunicationSource } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { asEnum } from '../kernel/values.js';
import type { Tx } from '../kernel/write.js';
import { loadUserRefs, refOrNull } from '../shared/lookups.js';

export type CommunicationView = Communication;

export async function presentCommunications(db: Db | Tx, rows: Row<'communications'>[]): Promise<CommunicationView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = await db.selectFrom('communicationLinks').selectAll().where('communicationId', 'in', ids).execute();
  const idsOf = (type: string) => [...new Set(links.filter((l) => l.entityType === type).map((l) => l.entityId))];
  const contactIds = idsOf('contact');
  const orgIds = idsOf('organization');
  const [contacts, orgs, users] = await Promise.all([
    contactIds.length ? db.selectFrom('contacts').select(['id', 'firstName', 'lastName']).where('id', 'in', contactIds).execute() : [],
    orgIds.length ? db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgIds).execute() : [],
    loadUserRefs(db, [...rows.map((r) => r.authorId), ...idsOf('user')]),
  ]);
  const emailMessageIds = [...new Set(rows.flatMap((r) => (r.emailMessageId ? [r.emailMessageId] : [])))];
  const emailThreads = new Map(
    emailMessageIds.length ? (await db.selectFrom('emailMessages').select(['id', 'threadId']).where('id', 'in', emailMessageIds).execute()).map((m) => [m.id, m.threadId]) : [],
  );
  const contactRef = new Map(contacts.map((c) => [c.id, { id: c.id, name: `${c.firstName} ${c.lastName}`.trim() }]));
  const orgRef = new Map(orgs.map((o) => [o.id, { id: o.id, name: o.name }]));
  const refs = <T>(communicationId: string, type: string, map: Map<string, T>): T[] =>
    links.filter((l) => l.communicationId === communicationId && l.entityType === type).flatMap((l) => (map.has(l.entityId) ? [map.get(l.entityId) as T] : []));
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    kind: asEnum(CommunicationKind, row.kind),
    occurredAt: row.occurredAt,
    subject: row.subject,
    body: row.body,
    outcome: row.outcome,
    nextAction: row.nextAction,
    nextActionDueOn: row.nextActionDueOn,
    durationMinutes: row.durationMinutes,
    source: asEnum(CommunicationSource, row.source),
    authorId: row.authorId,
    author: refOrNull(users, row.authorId),
    contacts: refs(row.id, 'contact', contactRef),
    organizations: refs(row.id, 'organization', orgRef),
    commitmentIds: links.filter((l) => l.communicationId === row.id && l.entityType === 'commitment').map((l) => l.entityId),
    users: refs(row.id, 'user', users),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: row.createdBy,
    deletedAt: row.deletedAt,
    deletedBy: row.deletedBy,
    // Only captured email carries these; a communication logged by hand keeps its shape.
    ...(row.emailMessageId || row.direction
      ? {
          direction: row.direction === 'inbound' || row.direction === 'outbound' ? row.direction : null,
          emailMessageId: row.emailMessageId,
          emailThreadId: row.emailMessageId ? (emailThreads.get(row.emailMessageId) ?? null) : null,
        }
      : {}),
  }));
}
