import { AccreditationMethod, AccreditationStatus, type Contact, OrganizationKind, PhoneLabel, PreferredChannel, type Relationship } from '@lpdesk/contracts';
import { loadCustomFieldsFor } from '../custom-fields/index.js';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { asEnum, asNullableEnum, groupBy, toBool, toNullableBool } from '../kernel/values.js';
import type { Tx } from '../kernel/write.js';
import { loadOrganizationRelationships, loadUserRefs, refOrNull } from '../shared/lookups.js';
import { loadTagsFor } from '../tags/index.js';


export type ContactView = Contact;

export const fullNameOf = (row: { firstName: string; lastName: string }) => `${row.firstName} ${row.lastName}`.trim();

const RANK: Record<Relationship, number> = { investor: 2, prospect: 1, none: 0 };

export async function presentContacts(db: Db | Tx, rows: Row<'contacts'>[]): Promise<ContactView[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [owners, tags, customFields, emails, phones, links] = await Promise.all([
    loadUserRefs(db, rows.map((r) => r.ownerId)),
    loadTagsFor(db, 'contact', ids),
    loadCustomFieldsFor(db, 'contact', ids),
    db.selectFrom('contactEmails').select(['contactId', 'email']).where('contactId', 'in', ids).orderBy('position').execute(),
    db.selectFrom('contactPhones').select(['contactId', 'phoneE164', 'label', 'isPrimary']).where('contactId', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('contactOrganizations as co')
      .innerJoin('organizations as o', 'o.id', 'co.organizationId')
      .select(['co.contactId', 'co.organizationId', 'co.role', 'co.isPrimary', 'co.title', 'co.endedOn', 'o.name', 'o.kind'])
      .where('co.contactId', 'in', ids)
      .where('o.deletedAt', 'is', null)
      .orderBy('co.isPrimary', 'desc')
      .orderBy('o.name')
      .execute(),
  ]);
  const relationships = await loadOrganizationRelationships(db, [...new Set(links.map((l) => l.organizationId))]);
  // Grouped once: a scan of the page's emails, phones and links per contact is quadratic in the page size (exports present 1,000 at a time).
  const [emailsOf, phonesOf, linksOf] = [groupBy(emails, (e) => e.contactId), groupBy(phones, (p) => p.contactId), groupBy(links, (l) => l.contactId)];
  return rows.map((row) => {
    const organizations = (linksOf.get(row.id) ?? [])
      .map((l) => ({ organizationId: l.organizationId, name: l.name, kind: asEnum(OrganizationKind, l.kind), role: l.role, isPrimary: toBool(l.isPrimary), title: l.title, endedOn: l.endedOn }));
    const primary = organizations.find((o) => o.isPrimary) ?? organizations[0];
    const relationship = organizations.reduce<Relationship>((best, o) => {
      const r = relationships.get(o.organizationId) ?? 'none';
      return RANK[r] > RANK[best] ? r : best;
    }, 'none');
    return {
      id: row.id,
      version: row.version,
      firstName: row.firstName,
      lastName: row.lastName,
      fullName: fullNameOf(row),
      title: row.title,
      emails: (emailsOf.get(row.id) ?? []).map((e) => e.email),
      phones: (phonesOf.get(row.id) ?? []).map((p) => ({ number: p.phoneE164, label: asEnum(PhoneLabel, p.label), isPrimary: toBool(p.isPrimary) })),
      organizations,
      primaryOrganization: primary ? { id: primary.organizationId, name: primary.name } : null,
      linkedinUrl: row.linkedinUrl,
      location: row.location,
      preferredChannel: asNullableEnum(PreferredChannel, row.preferredChannel),
      source: row.source,
      notes: row.notes,
      ownerId: row.ownerId,
      owner: refOrNull(owners, row.ownerId),
      accreditationStatus: asEnum(AccreditationStatus, row.accreditationStatus),
      accreditationMethod: asNullableEnum(AccreditationMethod, row.accreditationMethod),
      accreditationVerifiedOn: row.accreditationVerifiedOn,
      accreditationExpiresOn: row.accreditationExpiresOn,
      qualifiedPurchaser: toNullableBool(row.qualifiedPurchaser),
      relationship,
      tags: tags.get(row.id) ?? [],
      customFields: customFields.get(row.id) ?? {},
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      createdBy: row.createdBy,
      deletedAt: row.deletedAt,
      deletedBy: row.deletedBy,
    };
  });
}

export async function presentContact(db: Db | Tx, row: Row<'contacts'>): Promise<ContactView> {
  const [view] = await presentContacts(db, [row]);
  return view as ContactView;
}
