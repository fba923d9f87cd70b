import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { COMMITTED_STAGES, OPEN_STAGES, type LinkableEntity, type Ref, type Relationship } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Tx } from '../kernel/write.js';
import { Invalid } from '../kernel/errors.js';

export type { Ref } from '@lpdesk/contracts';

/** Display names of users, for owner/author/assignee references in presenters. */
export async function loadUserRefs(db: Db | Tx, ids: (string | null)[]): Promise<Map<string, Ref>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'username', 'fullName']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.fullName ?? r.username }]));
}

export function refOrNull(map: Map<string, Ref>, id: string | null): Ref | null {
  return id ? (map.get(id) ?? null) : null;
}

export async function assertUserExists(db: Db | Tx, id: string | null | undefined, path: string): Promise<void> {
  if (!id) return;
  const row = await db.selectFrom('users').select('id').where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!row) throw new Invalid(`${path}: no user ${id}`, { issues: [{ path: [path], message: 'unknown user' }] });
}

/** Organizations' derived relationship to the firm, computed from live commitments. */
export async function loadOrganizationRelationships(db: Db | Tx, organizationIds: string[]): Promise<Map<string, Relationship>> {
  const result = new Map<string, Relationship>();
  if (organizationIds.length === 0) return result;
  const rows = await db
    .selectFrom('commitments')
    .select(['organizationId', 'stage'])
    .where('organizationId', 'in', organizationIds)
    .where('deletedAt', 'is', null)
    .execute();
  for (const row of rows) {
    if ((COMMITTED_STAGES as string[]).includes(row.stage)) result.set(row.organizationId, 'investor');
    else if ((OPEN_STAGES as string[]).includes(row.stage) && result.get(row.organizationId) !== 'investor') result.set(row.organizationId, 'prospect');
  }
  return result;
}

/** SQL condition: the organization id expression has a live commitment in one of these stages. */
export function hasCommitmentIn(organizationId: Expression<string>, stages: readonly string[], fundId?: string): RawBuilder<SqlBool> {
  const fundCondition = fundId ? sql`and rc.fund_id = ${fundId}` : sql``;
  return sql<SqlBool>`exists (select 1 from commitments rc where rc.organization_id = ${organizationId} and rc.deleted_at is null and rc.stage in (${sql.join([...stages])}) ${fundCondition})`;
}

/** SQL condition for the derived relationship of the organization id expression. */
export function relationshipIs(organizationId: Expression<string>, relationship: Relationship): RawBuilder<SqlBool> {
  const investor = hasCommitmentIn(organizationId, COMMITTED_STAGES);
  const prospect = hasCommitmentIn(organizationId, OPEN_STAGES);
  if (relationship === 'investor') return investor;
  if (relationship === 'prospect') return sql<SqlBool>`(${prospect} and not ${investor})`;
  return sql<SqlBool>`(not ${investor} and not ${prospect})`;
}

/** SQL condition: a custom field `key:value` filter on the entity id expression. */
export function customFieldMatches(entityType: LinkableEntity, entityId: Expression<string>, filter: string): RawBuilder<SqlBool> {
  const separator = filter.indexOf(':');
  const key = filter.slice(0, separator);
  const value = filter.slice(separator + 1);
  const numeric = Number(value);
  const boolOrNumber = value === 'true' ? 1 : value === 'false' ? 0 : value.trim() !== '' && Number.isFinite(numeric) ? numeric : null;
  const listItem = `%"${value.toLowerCase().replace(/["%_\\]/g, '')}"%`;
  const numberMatch = boolOrNumber === null ? sql`` : sql`or cfv.value_number = ${boolOrNumber}`;
  return sql<SqlBool>`exists (select 1 from custom_field_values cfv join custom_field_definitions cfd on cfd.id = cfv.definition_id
    where cfv.entity_id = ${entityId} and cfd.entity_type = ${entityType} and cfd.key = ${key}
    and (lower(cfv.value_text) = ${value.toLowerCase()} or lower(cfv.value_json) like ${listItem} ${numberMatch}))`;
}
