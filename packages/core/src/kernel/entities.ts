import type { AuditedTable } from './records.js';

/**
 * The one entity registry: for each entity type the API, the activity log and the outbox speak of,
 * its table, its label, whether records can link to it (tags, custom fields, communications, tasks),
 * and where it falls in the purge order. Trash, purge, tagging, versions and batch writes read it
 * instead of keeping maps of their own. Behaviour per entity (presenters, update commands) is attached
 * in core/src/entities.ts, outside the kernel, so the kernel imports no domain.
 */
export const ENTITY_TYPES = {
  organization: { table: 'organizations', label: 'Organization', linkable: true, purgeOrder: 5 },
  contact: { table: 'contacts', label: 'Contact', linkable: true, purgeOrder: 4 },
  fund: { table: 'funds', label: 'Fund', linkable: false, purgeOrder: 6 },
  commitment: { table: 'commitments', label: 'Commitment', linkable: true, purgeOrder: 3 },
  communication: { table: 'communications', label: 'Communication', linkable: false, purgeOrder: 2 },
  task: { table: 'tasks', label: 'Task', linkable: false, purgeOrder: 1 },
  tag: { table: 'tags', label: 'Tag', linkable: false, purgeOrder: 7 },
  custom_field: { table: 'customFieldDefinitions', label: 'Custom field', linkable: false, purgeOrder: 8 },
  user: { table: 'users', label: 'User', linkable: false, purgeOrder: null },
} as const satisfies Record<string, { table: AuditedTable | 'users'; label: string; linkable: boolean; purgeOrder: number | null }>;

export type EntityType = keyof typeof ENTITY_TYPES;
export type VersionedTable = (typeof ENTITY_TYPES)[EntityType]['table'];

export function isEntityType(value: string): value is EntityType {
  return Object.hasOwn(ENTITY_TYPES, value);
}

export function tableOf<T extends EntityType>(type: T): (typeof ENTITY_TYPES)[T]['table'] {
  return ENTITY_TYPES[type].table;
}

/** Soft-deletable entities, children first, so foreign keys never point at a purged parent mid-way. */
export const PURGE_ORDER = (Object.entries(ENTITY_TYPES) as [EntityType, (typeof ENTITY_TYPES)[EntityType]][])
  .filter(([, definition]) => definition.purgeOrder !== null)
  .sort(([, a], [, b]) => (a.purgeOrder ?? 0) - (b.purgeOrder ?? 0))
  .map(([entityType, definition]) => ({ entityType, table: definition.table as AuditedTable, linkable: definition.linkable }));
