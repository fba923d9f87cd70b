import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Dialect } from '../db/migration-context.js';
import type { Tx } from '../kernel/write.js';
import { DOCUMENT_BUILDERS, SEARCHABLE_TABLES, SEARCHABLE_TYPES, type SearchableType } from './documents.js';
import { vocabularyTerms } from './normalize.js';
import { splitIntoChunks } from '../kernel/chunks.js';

/** Records whose documents may have changed, by type; `sweep` also drops documents of purged rows. */
export interface SearchChanges {
  ids: Record<SearchableType, Set<string>>;
  sweep: boolean;
}

export function noSearchChanges(): SearchChanges {
  const ids = Object.fromEntries(SEARCHABLE_TYPES.map((type) => [type, new Set<string>()])) as Record<SearchableType, Set<string>>;
  return { ids, sweep: false };
}

/** Ids per statement: far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;
/**
 * PostgreSQL: index writers from several processes (the dispatcher, a search catching up, a reindex) take
 * turns, so the vocabulary's counts are never updated from the same stale document twice. SQLite has one
 * writer at a time anyway.
 */
const SEARCH_INDEX_LOCK_KEY = 7_231_204_018;

const chunks = <T>(items: readonly T[]): T[][] => splitIntoChunks(items, CHUNK);

async function inTransaction<T>(db: Db | Tx, body: (tx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? body(db as Tx) : db.transaction().execute(body);
}

async function lockIndex(tx: Tx, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${SEARCH_INDEX_LOCK_KEY})`.execute(tx);
}

/**
 * Bring the documents of the given records in line with their rows: build, compare, write what differs
 * and move the vocabulary's counts by the difference. Idempotent, so any set of ids (a merge's winner and
 * loser, a replayed batch of events) may be passed again.
 */
export async function applySearchChanges(db: Db | Tx, dialect: Dialect, changes: SearchChanges): Promise<void> {
  const ids = Object.fromEntries(SEARCHABLE_TYPES.map((type) => [type, [...changes.ids[type]]])) as Record<SearchableType, string[]>;
  // A renamed, trashed or restored organization changes the documents of its people.
  for (const chunk of chunks(ids.organization)) {
    const people = await db.selectFrom('contactOrganizations').select('contactId').where('organizationId', 'in', chunk).execute();
    for (const { contactId } of people) if (!changes.ids.contact.has(contactId)) ids.contact.push(contactId);
  }
  if (changes.sweep) {
    for (const type of SEARCHABLE_TYPES) ids[type].push(...(await orphanedDocuments(db, type)));
  }
  for (const type of SEARCHABLE_TYPES) {
    for (const chunk of chunks([...new Set(ids[type])])) {
      await inTransaction(db, async (tx) => {
        // Read the records under the lock: the last writer builds from the newest committed state.
        await lockIndex(tx, dialect);
        await writeDocuments(tx, type, chunk, await DOCUMENT_BUILDERS[type](tx, chunk));
      });
    }
  }
}

/** Documents whose record is gone (purged from the trash). */
async function orphanedDocuments(db: Db | Tx, type: SearchableType): Promise<string[]> {
  const rows = await db
    .selectFrom('searchDocuments as sd')
    .select('sd.entityId')
    .where('sd.entityType', '=', type)
    .where((eb) => eb.not(eb.exists(eb.selectFrom(SEARCHABLE_TABLES[type]).select('id').whereRef('id', '=', 'sd.entityId'))))
    .execute();
  return rows.map((row) => row.entityId);
}

async function writeDocuments(tx: Tx, type: SearchableType, ids: string[], documents: Map<string, string>): Promise<void> {
  const existing = await tx.selectFrom('searchDocuments').select(['entityId', 'text']).where('entityType', '=', type).where('entityId', 'in', ids).execute();
  const before = new Map(existing.map((row) => [row.entityId, row.text]));
  const deltas = new Map<string, number>();
  const count = (text: string, by: number) => {
    for (const term of vocabularyTerms(text)) deltas.set(term, (deltas.get(term) ?? 0) + by);
  };
  const upserts: { entityType: string; entityId: string; text: string }[] = [];
  const removals: string[] = [];
  for (const id of ids) {
    const old = before.get(id);
    const text = documents.get(id);
    if (old === text) continue;
    if (old !== undefined) count(old, -1);
    if (text === undefined) removals.push(id);
    else {
      count(text, 1);
      upserts.push({ entityType: type, entityId: id, text });
    }
  }
  if (removals.length > 0) await tx.deleteFrom('searchDocuments').where('entityType', '=', type).where('entityId', 'in', removals).execute();
  if (upserts.length > 0) {
    await tx
      .insertInto('searchDocuments')
      .values(upserts)
      .onConflict((oc) => oc.columns(['entityId', 'entityType']).doUpdateSet((eb) => ({ text: eb.ref('excluded.text') })))
      .execute();
  }
  await applyTermDeltas(tx, deltas);
}

async function applyTermDeltas(tx: Tx, deltas: Map<string, number>): Promise<void> {
  const added = [...deltas].filter(([, delta]) => delta > 0).map(([term, documentCount]) => ({ term, documentCount }));
  for (const chunk of chunks(added)) {
    await tx
      .insertInto('searchTerms')
      .values(chunk)
      .onConflict((oc) => oc.column('term').doUpdateSet((eb) => ({ documentCount: eb('searchTerms.documentCount', '+', eb.ref('excluded.documentCount')) })))
      .execute();
  }
  const removedBy = new Map<number, string[]>();
  for (const [term, delta] of deltas) if (delta < 0) removedBy.set(-delta, [...(removedBy.get(-delta) ?? []), term]);
  for (const [by, terms] of removedBy) {
    for (const chunk of chunks(terms)) {
      await tx
        .updateTable('searchTerms')
        .set((eb) => ({ documentCount: eb('documentCount', '-', by) }))
        .where('term', 'in', chunk)
        .execute();
      await tx.deleteFrom('searchTerms').where('term', 'in', chunk).where('documentCount', '<=', 0).execute();
    }
  }
}

/** Throw the index away and build it again from every record (`lpdesk search reindex`, migrations 0006 and 0010). */
export async function rebuildSearchIndex(db: Db | Tx, dialect: Dialect): Promise<{ documents: number; terms: number }> {
  return inTransaction(db, async (tx) => {
    await lockIndex(tx, dialect);
    await tx.deleteFrom('searchDocuments').execute();
    await tx.deleteFrom('searchTerms').execute();
    const termCounts = new Map<string, number>();
    let documents = 0;
    for (const type of SEARCHABLE_TYPES) {
      const rows = await tx.selectFrom(SEARCHABLE_TABLES[type]).select('id').orderBy('id').execute();
      for (const chunk of chunks(rows.map((row) => row.id))) {
        const built = await DOCUMENT_BUILDERS[type](tx, chunk);
        const values = [...built].map(([entityId, text]) => ({ entityType: type, entityId, text }));
        for (const { text } of values) for (const term of vocabularyTerms(text)) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
        if (values.length > 0) await tx.insertInto('searchDocuments').values(values).execute();
        documents += values.length;
      }
    }
    for (const chunk of chunks([...termCounts])) {
      await tx
        .insertInto('searchTerms')
        .values(chunk.map(([term, documentCount]) => ({ term, documentCount })))
        .execute();
    }
    return { documents, terms: termCounts.size };
  });
}
