import type { IdentityEntityRef, IdentityEntityType } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';

/** Labels for canonical entities (trashed or merged ones too: a merge retires its loser to the trash). */
export async function entityRefs(db: Db, entityType: IdentityEntityType, ids: readonly string[]): Promise<Map<string, IdentityEntityRef>> {
  const wanted = [...new Set(ids)];
  const refs = new Map<string, IdentityEntityRef>();
  if (wanted.length === 0) return refs;
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    if (entityType === 'contact') {
      const rows = await db.selectFrom('contacts').select(['id', 'firstName', 'lastName', 'deletedAt']).where('id', 'in', chunk).execute();
      for (const row of rows) refs.set(row.id, { entityType, entityId: row.id, label: `${row.firstName} ${row.lastName}`.trim(), deleted: row.deletedAt !== null });
    } else {
      const rows = await db.selectFrom('organizations').select(['id', 'name', 'deletedAt']).where('id', 'in', chunk).execute();
      for (const row of rows) refs.set(row.id, { entityType, entityId: row.id, label: row.name, deleted: row.deletedAt !== null });
    }
  }
  return refs;
}

export async function entityRef(db: Db, entityType: IdentityEntityType, id: string): Promise<IdentityEntityRef | null> {
  return (await entityRefs(db, entityType, [id])).get(id) ?? null;
}

/** Which kind of canonical entity an id names, if any. */
export async function entityTypeOf(db: Db, id: string): Promise<IdentityEntityType | null> {
  if (await db.selectFrom('contacts').select('id').where('id', '=', id).executeTakeFirst()) return 'contact';
  if (await db.selectFrom('organizations').select('id').where('id', '=', id).executeTakeFirst()) return 'organization';
  return null;
}
