import type { IdentityEntityType, IdentityMergeListQuery, IdentityMergeView, ListEnvelope } from '@lpdesk/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/connect.js';
import type { Row } from '../../db/schema.js';
import type { CoreContext } from '../../kernel/context.js';
import { NotFound } from '../../kernel/errors.js';
import type { Tx } from '../../kernel/write.js';
import { entityRefs } from '../entity-refs.js';
import type { FieldChoices } from './fields.js';

const missingRef = (entityType: IdentityEntityType, entityId: string) => ({ entityType, entityId, label: '(purged)', deleted: true });

export async function presentMerges(db: Db | Tx, rows: Row<'entityMerges'>[]): Promise<IdentityMergeView[]> {
  const views: IdentityMergeView[] = [];
  const refsByType = {
    contact: await entityRefs(
      db,
      'contact',
      rows.filter((r) => r.entityType === 'contact').flatMap((r) => [r.survivorId, r.mergedId]),
    ),
    organization: await entityRefs(
      db,
      'organization',
      rows.filter((r) => r.entityType === 'organization').flatMap((r) => [r.survivorId, r.mergedId]),
    ),
  };
  for (const row of rows) {
    const entityType = row.entityType as IdentityEntityType;
    const refs = refsByType[entityType];
    views.push({
      id: row.id,
      entityType,
      survivor: refs.get(row.survivorId) ?? missingRef(entityType, row.survivorId),
      merged: refs.get(row.mergedId) ?? missingRef(entityType, row.mergedId),
      rule: row.rule,
      confidence: row.confidence === null ? null : Number(row.confidence),
      fields: JSON.parse(row.fieldsJson) as FieldChoices,
      actorName: row.actorName,
      createdAt: row.createdAt,
      undoneAt: row.undoneAt,
      undoneBy: row.undoneBy,
    });
  }
  return views;
}

export async function presentMerge(db: Db | Tx, row: Row<'entityMerges'>): Promise<IdentityMergeView> {
  const [view] = await presentMerges(db, [row]);
  if (!view) throw new NotFound('Merge', row.id);
  return view;
}

export async function findMergeRow(db: Db | Tx, id: string): Promise<Row<'entityMerges'>> {
  const row = await db.selectFrom('entityMerges').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Merge', id);
  return row;
}

export async function getMerge(core: CoreContext, id: string): Promise<IdentityMergeView> {
  return presentMerge(core.db, await findMergeRow(core.db, id));
}

/** Merges newest first; by default only those still in force. */
export async function listMerges(core: CoreContext, query: z.output<typeof IdentityMergeListQuery>): Promise<ListEnvelope<IdentityMergeView>> {
  let base = core.db.selectFrom('entityMerges');
  if (query.entityId) {
    const id = query.entityId;
    base = base.where((eb) => eb.or([eb('survivorId', '=', id), eb('mergedId', '=', id)]));
  }
  if (!query.includeUndone) base = base.where('undoneAt', 'is', null);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: await presentMerges(core.db, rows), total: Number(count.n), limit: query.limit, offset: query.offset };
}

/** The merge in force that retired this entity, if any. */
export async function activeMergeOf(db: Db | Tx, mergedId: string): Promise<Row<'entityMerges'> | undefined> {
  return db
    .selectFrom('entityMerges')
    .selectAll()
    .where('mergedId', '=', mergedId)
    .where('undoneAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
}
