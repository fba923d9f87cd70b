import type { IdentityEntityType, IdentityEvidence, IdentitySuggestionListQuery, IdentitySuggestionView } from '@lpdesk/contracts';
import type { z } from 'zod';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict, NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { type Tx, write } from '../kernel/write.js';
import { entityRefs } from './entity-refs.js';

/** One row per unordered pair: the smaller id is always `entityA`. */
export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

export const pairKey = (x: string, y: string) => orderedPair(x, y).join('|');

/** Pairs a person has said are different: never suggested or merged automatically again. */
export async function rejectedPairs(db: Db | Tx, entityIds?: readonly string[]): Promise<Set<string>> {
  let query = db.selectFrom('identitySuggestions').select(['entityA', 'entityB']).where('status', '=', 'rejected');
  if (entityIds) {
    if (entityIds.length === 0) return new Set();
    const ids = [...new Set(entityIds)];
    query = query.where((eb) => eb.or([eb('entityA', 'in', ids), eb('entityB', 'in', ids)]));
  }
  return new Set((await query.execute()).map((row) => pairKey(row.entityA, row.entityB)));
}

export interface SuggestionCandidate {
  entityType: IdentityEntityType;
  x: string;
  y: string;
  confidence: number;
  evidence: IdentityEvidence[];
}

/**
 * Open (or refresh) suggestions for these pairs. A pair already rejected or merged stays as it was;
 * returns how many suggestions were opened.
 */
export async function upsertSuggestions(tx: Tx, now: string, candidates: SuggestionCandidate[]): Promise<number> {
  if (candidates.length === 0) return 0;
  const byPair = new Map<string, SuggestionCandidate>();
  for (const candidate of candidates) {
    const key = pairKey(candidate.x, candidate.y);
    const known = byPair.get(key);
    if (!known || known.confidence < candidate.confidence) byPair.set(key, candidate);
  }
  const ids = [...new Set([...byPair.values()].flatMap((c) => [c.x, c.y]))];
  const existing = new Map<string, Row<'identitySuggestions'>>();
  for (let i = 0; i < ids.length; i += 400) {
    const rows = await tx
      .selectFrom('identitySuggestions')
      .selectAll()
      .where('entityA', 'in', ids.slice(i, i + 400))
      .execute();
    for (const row of rows) existing.set(pairKey(row.entityA, row.entityB), row);
  }
  const inserts: Row<'identitySuggestions'>[] = [];
  for (const [key, candidate] of byPair) {
    const row = existing.get(key);
    const evidenceJson = JSON.stringify(candidate.evidence);
    if (!row) {
      const [entityA, entityB] = orderedPair(candidate.x, candidate.y);
      inserts.push({
        id: newId(),
        entityType: candidate.entityType,
        entityA,
        entityB,
        confidence: candidate.confidence,
        evidenceJson,
        status: 'open',
        createdAt: now,
        updatedAt: now,
        decidedAt: null,
        decidedBy: null,
      });
    } else if (row.status === 'open' && (Number(row.confidence) !== candidate.confidence || row.evidenceJson !== evidenceJson)) {
      await tx.updateTable('identitySuggestions').set({ confidence: candidate.confidence, evidenceJson, updatedAt: now }).where('id', '=', row.id).execute();
    }
  }
  for (let i = 0; i < inserts.length; i += 500)
    await tx
      .insertInto('identitySuggestions')
      .values(inserts.slice(i, i + 500))
      .execute();
  return inserts.length;
}

export type SuggestionListQuery = z.output<typeof IdentitySuggestionListQuery>;

export async function presentSuggestions(db: Db | Tx, rows: Row<'identitySuggestions'>[]): Promise<IdentitySuggestionView[]> {
  const contactIds = rows.filter((r) => r.entityType === 'contact').flatMap((r) => [r.entityA, r.entityB]);
  const organizationIds = rows.filter((r) => r.entityType !== 'contact').flatMap((r) => [r.entityA, r.entityB]);
  const [contacts, organizations] = await Promise.all([entityRefs(db, 'contact', contactIds), entityRefs(db, 'organization', organizationIds)]);
  return rows.map((row) => {
    const entityType: IdentityEntityType = row.entityType === 'contact' ? 'contact' : 'organization';
    const refs = entityType === 'contact' ? contacts : organizations;
    const ref = (id: string) => refs.get(id) ?? { entityType, entityId: id, label: '(gone)', deleted: true };
    return {
      id: row.id,
      entityType,
      a: ref(row.entityA),
      b: ref(row.entityB),
      confidence: Number(row.confidence),
      evidence: JSON.parse(row.evidenceJson) as IdentityEvidence[],
      status: row.status === 'merged' ? 'merged' : row.status === 'rejected' ? 'rejected' : 'open',
      createdAt: row.createdAt,
      decidedAt: row.decidedAt,
      decidedBy: row.decidedBy,
    };
  });
}

export async function listSuggestions(core: CoreContext, query: SuggestionListQuery) {
  let base = core.db.selectFrom('identitySuggestions').where('status', '=', query.status);
  if (query.entityType) base = base.where('entityType', '=', query.entityType);
  const entityId = query.entityId;
  if (entityId) base = base.where((eb) => eb.or([eb('entityA', '=', entityId), eb('entityB', '=', entityId)]));
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('confidence', 'desc').orderBy('createdAt').orderBy('id').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: await presentSuggestions(core.db, rows), total: Number(count.n), limit: query.limit, offset: query.offset };
}

/** "These are different": remembered, so neither real-time resolution nor a scan proposes or merges the pair again. */
export async function rejectSuggestion(core: CoreContext, actor: Actor, id: string): Promise<IdentitySuggestionView> {
  return write(core, actor, async (scope) => {
    const row = await scope.tx.selectFrom('identitySuggestions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('Merge suggestion', id);
    if (row.status === 'merged') throw new Conflict('This suggestion was already merged; undo the merge instead');
    if (row.status !== 'rejected') {
      await scope.tx
        .updateTable('identitySuggestions')
        .set({ status: 'rejected', decidedAt: scope.now, decidedBy: actor.name ?? actor.id, updatedAt: scope.now })
        .where('id', '=', id)
        .execute();
      await scope.log({
        action: 'reject_suggestion',
        entityType: row.entityType,
        entityId: row.entityA,
        diff: { suggestionId: id, entityA: row.entityA, entityB: row.entityB },
      });
    }
    const updated = await scope.tx.selectFrom('identitySuggestions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const [view] = await presentSuggestions(scope.tx, [updated]);
    return view as IdentitySuggestionView;
  });
}
