import type { RelationshipRebuildResult } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { CoreContext } from '../kernel/context.js';
import { newId } from '../kernel/ids.js';
import type { Tx } from '../kernel/write.js';
import { type CommunicationFact, knowsEvidence, metTogetherEvidence, type StoredEvidence, strengthAt } from './strength.js';
import { splitIntoChunks } from '../kernel/chunks.js';

/** Kinds computed from communications (rebuildable); introduced_by is entered by people and never rebuilt. */
export const DERIVED_KINDS = ['knows', 'met_together'] as const;
const CHUNK = 400;

interface DerivedEdge {
  kind: 'knows' | 'met_together';
  fromType: 'user' | 'contact';
  fromId: string;
  toId: string;
  evidence: StoredEvidence[];
}

const chunks = <T>(items: readonly T[], size = CHUNK): T[][] => splitIntoChunks(items, size);

function directionOf(value: string | null): CommunicationFact['direction'] {
  return value === 'inbound' || value === 'outbound' ? value : null;
}

/** Live communications that involve any of the contacts, with all their live contact and user participants. */
async function loadParticipation(db: Db | Tx, contactIds: readonly string[]) {
  const communicationIds = new Set<string>();
  for (const chunk of chunks(contactIds)) {
    const rows = await db
      .selectFrom('communicationLinks as l')
      .innerJoin('communications as c', 'c.id', 'l.communicationId')
      .select('l.communicationId')
      .where('l.entityType', '=', 'contact')
      .where('l.entityId', 'in', chunk)
      .where('c.deletedAt', 'is', null)
      .where('c.kind', 'in', ['email', 'meeting', 'call', 'text'])
      .execute();
    for (const row of rows) communicationIds.add(row.communicationId);
  }
  const facts = new Map<string, CommunicationFact>();
  const contactsOf = new Map<string, string[]>();
  const usersOf = new Map<string, string[]>();
  for (const chunk of chunks([...communicationIds])) {
    const rows = await db.selectFrom('communications').select(['id', 'kind', 'occurredAt', 'subject', 'authorId', 'direction']).where('id', 'in', chunk).execute();
    // Captured email knows its direction (core/email): a reply the other way is what makes it reciprocated.
    for (const row of rows) facts.set(row.id, { id: row.id, kind: row.kind, occurredAt: row.occurredAt, subject: row.subject, direction: directionOf(row.direction) });
    const authors = new Map(rows.flatMap((row) => (row.authorId ? [[row.id, row.authorId] as const] : [])));
    const contactLinks = await db
      .selectFrom('communicationLinks as l')
      .innerJoin('contacts as p', 'p.id', 'l.entityId')
      .select(['l.communicationId', 'l.entityId'])
      .where('l.entityType', '=', 'contact')
      .where('l.communicationId', 'in', chunk)
      .where('p.deletedAt', 'is', null)
      .execute();
    const userLinks = await db
      .selectFrom('communicationLinks as l')
      .innerJoin('users as u', 'u.id', 'l.entityId')
      .select(['l.communicationId', 'l.entityId'])
      .where('l.entityType', '=', 'user')
      .where('l.communicationId', 'in', chunk)
      .where('u.deletedAt', 'is', null)
      .execute();
    for (const link of contactLinks) contactsOf.set(link.communicationId, [...(contactsOf.get(link.communicationId) ?? []), link.entityId]);
    for (const link of userLinks) usersOf.set(link.communicationId, [...(usersOf.get(link.communicationId) ?? []), link.entityId]);
    // No participants named: whoever logged it took part (the usual case for a call typed in afterwards).
    const liveAuthors = new Set(
      authors.size === 0
        ? []
        : (
            await db
              .selectFrom('users')
              .select('id')
              .where('id', 'in', [...new Set(authors.values())])
              .where('deletedAt', 'is', null)
              .execute()
          ).map((row) => row.id),
    );
    for (const [communicationId, authorId] of authors) {
      if (!usersOf.has(communicationId) && liveAuthors.has(authorId)) usersOf.set(communicationId, [authorId]);
    }
  }
  return { facts, contactsOf, usersOf };
}

/** knows edges to, and met_together edges touching, the given contacts, as the communications say now. */
export async function deriveEdgesFor(db: Db | Tx, contactIds: readonly string[]): Promise<DerivedEdge[]> {
  const wanted = new Set(contactIds);
  const { facts, contactsOf, usersOf } = await loadParticipation(db, contactIds);
  const knows = new Map<string, { userId: string; contactId: string; facts: CommunicationFact[] }>();
  const met = new Map<string, { a: string; b: string; facts: CommunicationFact[] }>();
  for (const [communicationId, fact] of facts) {
    const contacts = [...new Set(contactsOf.get(communicationId) ?? [])].sort();
    const users = [...new Set(usersOf.get(communicationId) ?? [])];
    for (const contactId of contacts) {
      if (!wanted.has(contactId)) continue;
      for (const userId of users) {
        const key = `${userId}|${contactId}`;
        const entry = knows.get(key) ?? { userId, contactId, facts: [] };
        entry.facts.push(fact);
        knows.set(key, entry);
      }
    }
    if (fact.kind !== 'meeting' && fact.kind !== 'call') continue;
    for (let i = 0; i < contacts.length; i++) {
      for (let j = i + 1; j < contacts.length; j++) {
        const a = contacts[i] as string;
        const b = contacts[j] as string;
        if (!wanted.has(a) && !wanted.has(b)) continue;
        const key = `${a}|${b}`;
        const entry = met.get(key) ?? { a, b, facts: [] };
        entry.facts.push(fact);
        met.set(key, entry);
      }
    }
  }
  const edges: DerivedEdge[] = [];
  for (const entry of knows.values()) {
    const evidence = knowsEvidence(entry.facts);
    if (evidence.some((item) => item.weight > 0)) edges.push({ kind: 'knows', fromType: 'user', fromId: entry.userId, toId: entry.contactId, evidence });
  }
  // met_together is symmetric: stored once, from the smaller id to the larger.
  for (const entry of met.values())
    edges.push({ kind: 'met_together', fromType: 'contact', fromId: entry.a, toId: entry.b, evidence: metTogetherEvidence(entry.facts) });
  return edges;
}

async function replaceDerivedEdges(tx: Tx, contactIds: readonly string[], edges: DerivedEdge[], now: Date): Promise<void> {
  for (const chunk of chunks(contactIds)) {
    await tx.deleteFrom('relationshipEdges').where('kind', '=', 'knows').where('toId', 'in', chunk).execute();
    await tx
      .deleteFrom('relationshipEdges')
      .where('kind', '=', 'met_together')
      .where((eb) => eb.or([eb('fromId', 'in', chunk), eb('toId', 'in', chunk)]))
      .execute();
  }
  const at = now.toISOString();
  const rows = edges.map((edge) => ({
    id: newId(),
    kind: edge.kind,
    fromType: edge.fromType,
    fromId: edge.fromId,
    toType: 'contact',
    toId: edge.toId,
    // The strength when computed, for a glance in the database; reads recompute it for their own "now".
    strength: strengthAt(edge.evidence, now),
    evidenceJson: JSON.stringify(edge.evidence),
    note: null,
    lastSeenAt: edge.evidence.reduce<string | null>((latest, item) => (latest === null || item.at > latest ? item.at : latest), null),
    createdAt: at,
    updatedAt: at,
  }));
  for (const chunk of chunks(rows, 200)) await tx.insertInto('relationshipEdges').values(chunk).execute();
}

/**
 * Recomputes the derived edges of some contacts (the dispatcher subscriber calls this for the contacts of
 * each changed communication). Derived data, like the search index: not an activity-log entry of its own.
 */
export async function refreshRelationshipsFor(core: CoreContext, contactIds: readonly string[]): Promise<void> {
  const unique = [...new Set(contactIds)];
  if (unique.length === 0) return;
  await core.db.transaction().execute(async (tx) => {
    const edges = await deriveEdgesFor(tx, unique);
    await replaceDerivedEdges(tx, unique, edges, core.clock.now());
  });
}

/** Throws away every knows and met_together edge and derives them again from all communications. */
export async function rebuildRelationships(core: CoreContext, onProgress?: (done: number, total: number) => void): Promise<RelationshipRebuildResult> {
  const contacts = (await core.db.selectFrom('contacts').select('id').where('deletedAt', 'is', null).orderBy('id').execute()).map((row) => row.id);
  await core.db
    .deleteFrom('relationshipEdges')
    .where('kind', 'in', [...DERIVED_KINDS])
    .execute();
  let done = 0;
  for (const chunk of chunks(contacts, 500)) {
    await refreshRelationshipsFor(core, chunk);
    done += chunk.length;
    onProgress?.(done, contacts.length);
  }
  const counts = await core.db
    .selectFrom('relationshipEdges')
    .select(['kind', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('kind')
    .execute();
  const count = (kind: string) => Number(counts.find((row) => row.kind === kind)?.n ?? 0);
  return { contacts: contacts.length, knows: count('knows'), metTogether: count('met_together') };
}
