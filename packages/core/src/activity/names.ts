import type { Db } from '../db/connect.js';

/** The record types an activity entry can name: its own entity, or an id its diff refers to. */
export type NamedType = 'organization' | 'contact' | 'fund' | 'commitment' | 'communication' | 'task' | 'tag' | 'custom_field' | 'user' | 'api_key';

/**
 * Which record an id-valued diff field points at. Arrays (`tagIds`, `contactIds`) hold several. Fields
 * not listed here are shown as they are.
 */
export const REFERENCE_FIELDS: Record<string, NamedType> = {
  organizationId: 'organization',
  organizationIds: 'organization',
  contactId: 'contact',
  contactIds: 'contact',
  primaryContactId: 'contact',
  fundId: 'fund',
  commitmentId: 'commitment',
  communicationId: 'communication',
  taskId: 'task',
  tagId: 'tag',
  tagIds: 'tag',
  ownerId: 'user',
  assigneeId: 'user',
  authorId: 'user',
  userId: 'user',
  createdBy: 'user',
  updatedBy: 'user',
  deletedBy: 'user',
};

/** Lists of linked records whose items carry the record's id as `id` (a contact's organization links). */
export const REFERENCE_LISTS: Record<string, NamedType> = {
  organizations: 'organization',
  contacts: 'contact',
  funds: 'fund',
};

/** The type an id-valued field points at; `entityId` takes it from its sibling `entityType` (a task's link). */
export function referenceTypeOf(field: string, container: Record<string, unknown> | null): NamedType | null {
  if (field === 'entityId' && container && typeof container.entityType === 'string' && isNamedType(container.entityType)) return container.entityType;
  return REFERENCE_FIELDS[field] ?? null;
}

export function isNamedType(value: string): value is NamedType {
  return NAME_READERS[value as NamedType] !== undefined;
}

type NameReader = (db: Db, ids: string[]) => Promise<{ id: string; name: string | null }[]>;

/**
 * One query per type, trashed records included: a log entry about a record in the trash still names it.
 * A commitment is named by its investor and fund; a communication by its subject or kind.
 */
const NAME_READERS: Record<NamedType, NameReader> = {
  organization: (db, ids) => db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).execute(),
  contact: async (db, ids) =>
    (await db.selectFrom('contacts').select(['id', 'firstName', 'lastName']).where('id', 'in', ids).execute()).map((row) => ({
      id: row.id,
      name: `${row.firstName} ${row.lastName}`.trim(),
    })),
  fund: (db, ids) => db.selectFrom('funds').select(['id', 'name']).where('id', 'in', ids).execute(),
  commitment: async (db, ids) =>
    (
      await db
        .selectFrom('commitments as c')
        .innerJoin('organizations as o', 'o.id', 'c.organizationId')
        .innerJoin('funds as f', 'f.id', 'c.fundId')
        .select(['c.id', 'o.name as investor', 'f.name as fund'])
        .where('c.id', 'in', ids)
        .execute()
    ).map((row) => ({ id: row.id, name: `${row.investor} · ${row.fund}` })),
  communication: async (db, ids) =>
    (await db.selectFrom('communications').select(['id', 'subject', 'kind']).where('id', 'in', ids).execute()).map((row) => ({
      id: row.id,
      name: row.subject?.trim() || `${row.kind.charAt(0).toUpperCase()}${row.kind.slice(1)}`,
    })),
  task: (db, ids) => db.selectFrom('tasks').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  tag: (db, ids) => db.selectFrom('tags').select(['id', 'name']).where('id', 'in', ids).execute(),
  custom_field: (db, ids) => db.selectFrom('customFieldDefinitions').select(['id', 'label as name']).where('id', 'in', ids).execute(),
  user: async (db, ids) =>
    (await db.selectFrom('users').select(['id', 'fullName', 'username']).where('id', 'in', ids).execute()).map((row) => ({
      id: row.id,
      name: row.fullName?.trim() || row.username,
    })),
  api_key: (db, ids) => db.selectFrom('apiKeys').select(['id', 'name']).where('id', 'in', ids).execute(),
};

/** Ids wanted, by type; filled while walking a page of entries. */
export class NameRequests {
  private readonly wanted = new Map<NamedType, Set<string>>();

  add(type: NamedType, id: unknown): void {
    if (typeof id !== 'string' || id.length === 0) return;
    const ids = this.wanted.get(type) ?? new Set<string>();
    ids.add(id);
    this.wanted.set(type, ids);
  }

  /** Every id a diff refers to through a known field, at any depth (e.g. a contact's organization links). */
  addReferencesIn(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) this.addReferencesIn(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const container = value as Record<string, unknown>;
    for (const [field, inner] of Object.entries(container)) {
      const type = referenceTypeOf(field, container);
      const listType = REFERENCE_LISTS[field];
      if (type && Array.isArray(inner)) for (const id of inner) this.add(type, id);
      else if (type) this.add(type, inner);
      else if (listType && Array.isArray(inner)) for (const item of inner) this.add(listType, (item as { id?: unknown } | null)?.id);
      else this.addReferencesIn(inner);
    }
  }

  /** One query per type (ids in chunks far below the parameter limits). */
  async resolve(db: Db): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    await Promise.all(
      [...this.wanted].map(async ([type, ids]) => {
        const all = [...ids];
        for (let start = 0; start < all.length; start += 500) {
          for (const row of await NAME_READERS[type](db, all.slice(start, start + 500))) if (row.name) names.set(`${type}:${row.id}`, row.name);
        }
      }),
    );
    return names;
  }
}
