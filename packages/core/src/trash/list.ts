import type { TrashEntityType, TrashEntry, TrashListQuery } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { CoreContext } from '../kernel/context.js';
import { tableOf } from '../kernel/entities.js';
import type { AuditedTable } from '../kernel/records.js';
import { notMergedAway } from '../identity/merged-away.js';
import { loadUserRefs } from '../shared/lookups.js';

interface TrashedRow {
  id: string;
  deletedAt: string | null;
  deletedBy: string | null;
}

/** How each kind of trashed record is named on the Trash screen. */
async function namesOf(db: Db, entityType: TrashEntityType, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  switch (entityType) {
    case 'organization':
    case 'tag': {
      const rows = await db
        .selectFrom(entityType === 'tag' ? 'tags' : 'organizations')
        .select(['id', 'name'])
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    }
    case 'contact': {
      const rows = await db.selectFrom('contacts').select(['id', 'firstName', 'lastName']).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, `${r.firstName} ${r.lastName}`.trim()]));
    }
    case 'commitment': {
      const rows = await db
        .selectFrom('commitments as c')
        .innerJoin('organizations as o', 'o.id', 'c.organizationId')
        .innerJoin('funds as f', 'f.id', 'c.fundId')
        .select(['c.id', 'o.name as organizationName', 'f.name as fundName'])
        .where('c.id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, `${r.organizationName} · ${r.fundName}`]));
    }
    case 'communication': {
      const rows = await db.selectFrom('communications').select(['id', 'subject', 'kind', 'occurredAt']).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.subject ?? `${r.kind[0]?.toUpperCase()}${r.kind.slice(1)} of ${r.occurredAt.slice(0, 10)}`]));
    }
    case 'task': {
      const rows = await db.selectFrom('tasks').select(['id', 'title']).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.title]));
    }
    case 'custom_field': {
      const rows = await db.selectFrom('customFieldDefinitions').select(['id', 'label']).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.label]));
    }
  }
}

/**
 * Who trashed each record, as the activity log named them at the time: its latest `delete` entry.
 * Batch and bulk deletes log one entry per record, so every trashed record has one.
 */
async function trashedByNames(db: Db, entityType: TrashEntityType, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const entries = await db
    .selectFrom('activityLog')
    .select(['entityId', 'actorName', 'at'])
    .where('entityType', '=', entityType)
    .where('entityId', 'in', ids)
    .where('action', '=', 'delete')
    .orderBy('at', 'asc')
    .execute();
  // Ascending, so the latest entry per record is the one left in the map.
  return new Map(entries.map((e) => [e.entityId as string, e.actorName]));
}

/** The trash of one entity type, most recently trashed first, with who trashed each record. */
export async function listTrash(core: CoreContext, query: TrashListQuery): Promise<{ data: TrashEntry[]; total: number; limit: number; offset: number }> {
  const table = tableOf(query.entityType) as AuditedTable;
  const trashed = core.db.selectFrom(table as 'tasks').where('deletedAt', 'is not', null);
  // Records merged into another are retired, not trashed: Undo on the merge brings them back (identity/merged-away.ts).
  const base = table === 'contacts' || table === 'organizations' ? trashed.where(notMergedAway(table)) : trashed;
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(['id', 'deletedAt', 'deletedBy'])
      .orderBy('deletedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute() as Promise<TrashedRow[]>,
  ]);
  const ids = rows.map((r) => r.id);
  const [names, actors, users] = await Promise.all([
    namesOf(core.db, query.entityType, ids),
    trashedByNames(core.db, query.entityType, ids),
    // For a record whose delete left no log entry of its own, the user named by deleted_by.
    loadUserRefs(
      core.db,
      rows.map((r) => r.deletedBy),
    ),
  ]);
  const data = rows.map((row) => ({
    entityType: query.entityType,
    id: row.id,
    name: names.get(row.id) ?? row.id,
    deletedAt: row.deletedAt as string,
    deletedBy: row.deletedBy,
    deletedByName: actors.get(row.id) ?? (row.deletedBy ? (users.get(row.deletedBy)?.name ?? null) : null),
  }));
  return { data, total: Number(count.total), limit: query.limit, offset: query.offset };
}
