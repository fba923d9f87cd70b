import { type Organization, OrganizationKind } from '@lpdesk/contracts';
import { loadCustomFieldsFor } from '../custom-fields/index.js';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { asEnum, groupBy } from '../kernel/values.js';
import type { Tx } from '../kernel/write.js';
import { loadOrganizationRelationships, loadUserRefs, refOrNull } from '../shared/lookups.js';
import { loadTagsFor } from '../tags/index.js';

export type OrganizationView = Organization;

/** Present many organizations with their related bits in a constant number of queries. */
export async function presentOrganizations(db: Db | Tx, rows: Row<'organizations'>[]): Promise<OrganizationView[]> {
  const ids = rows.map((r) => r.id);
  const [owners, tags, customFields, relationships, domains] = await Promise.all([
    loadUserRefs(db, rows.map((r) => r.ownerId)),
    loadTagsFor(db, 'organization', ids),
    loadCustomFieldsFor(db, 'organization', ids),
    loadOrganizationRelationships(db, ids),
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('organizationDomains').selectAll().where('organizationId', 'in', ids).orderBy('domain').execute(),
  ]);
  const domainsOf = groupBy(domains, (d) => d.organizationId);
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    name: row.name,
    kind: asEnum(OrganizationKind, row.kind),
    website: row.website,
    emailDomains: (domainsOf.get(row.id) ?? []).map((d) => d.domain),
    description: row.description,
    location: row.location,
    leadSource: row.leadSource,
    ownerId: row.ownerId,
    owner: refOrNull(owners, row.ownerId),
    relationship: relationships.get(row.id) ?? 'none',
    tags: tags.get(row.id) ?? [],
    customFields: customFields.get(row.id) ?? {},
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: row.createdBy,
    deletedAt: row.deletedAt,
    deletedBy: row.deletedBy,
  }));
}

export async function presentOrganization(db: Db | Tx, row: Row<'organizations'>): Promise<OrganizationView> {
  const [view] = await presentOrganizations(db, [row]);
  return view as OrganizationView;
}
