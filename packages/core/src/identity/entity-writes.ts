import { Email, type IdentitySourceRecord, WebAddress } from '@lpdesk/contracts';
import { createContactIn, normalizeEmail, toE164 } from '../contacts/index.js';
import { refreshOrganizationSortNames } from '../contacts/organization-sort.js';
import { newId } from '../kernel/ids.js';
import { auditedUpdateFields, claimRow } from '../kernel/records.js';
import type { WriteScope } from '../kernel/write.js';
import { createOrganizationIn } from '../organizations/commands.js';
import type { RecordFeatures } from './matching/index.js';

/** What a source record says about a person, in the shape the contact commands take. */
export function personName(record: IdentitySourceRecord): { firstName: string; lastName: string } {
  const first = record.firstName?.trim() ?? '';
  const last = record.lastName?.trim() ?? '';
  if (first || last) return last ? { firstName: first, lastName: last } : { firstName: '', lastName: first };
  const name = record.name?.trim().replace(/\s+/g, ' ') ?? '';
  if (name.includes(',')) {
    // "Last, First" as registers and spreadsheets write it.
    const [surname = '', ...rest] = name.split(',');
    if (surname.trim() && rest.join(' ').trim()) return { firstName: rest.join(' ').trim(), lastName: surname.trim() };
  }
  const parts = name.split(' ').filter(Boolean);
  if (parts.length > 1) return { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1) as string };
  if (parts.length === 1) return { firstName: '', lastName: parts[0] as string };
  const fallback = record.emails[0]?.split('@')[0]?.trim() || record.linkedin?.trim() || record.externalId;
  return { firstName: '', lastName: fallback.slice(0, 100) };
}

const location = (record: IdentitySourceRecord) => [record.city?.trim(), record.country?.trim()].filter(Boolean).join(', ') || null;

function linkedinUrl(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  const url = /^https?:\/\//i.test(value) ? value : `https://${value.replace(/^\/+/, '')}`;
  try {
    return new URL(url).toString();
  } catch {
    return null;
  }
}

/** Valid addresses from the features that no other contact owns (emails are unique across contacts). */
async function freeEmails(scope: WriteScope, features: RecordFeatures, exceptContactId: string | null): Promise<string[]> {
  const addresses = [...new Set(features.emails.map((e) => e.address).filter((address) => Email.safeParse(address).success))];
  if (addresses.length === 0) return [];
  let query = scope.tx.selectFrom('contactEmails').select('emailNormalized').where('emailNormalized', 'in', addresses.map(normalizeEmail));
  if (exceptContactId) query = query.where('contactId', '!=', exceptContactId);
  const taken = new Set((await query.execute()).map((row) => row.emailNormalized));
  return addresses.filter((address) => !taken.has(normalizeEmail(address)));
}

function validPhones(record: IdentitySourceRecord, region: string): string[] {
  return [...new Set(record.phones.map((phone) => toE164(phone, region)).filter((e164): e164 is string => e164 !== null))];
}

export async function createContactFor(scope: WriteScope, record: IdentitySourceRecord, features: RecordFeatures): Promise<string> {
  const region = scope.settings.defaultPhoneRegion;
  const view = await createContactIn(
    scope,
    {
      ...personName(record),
      emails: await freeEmails(scope, features, null),
      phones: validPhones(record, region),
      title: record.title?.trim() || null,
      linkedinUrl: linkedinUrl(record.linkedin),
      location: location(record),
      source: record.source,
    },
    region,
  );
  return view.id;
}

export async function createOrganizationFor(scope: WriteScope, record: IdentitySourceRecord): Promise<string> {
  const website = WebAddress.safeParse(record.website?.trim() ?? '');
  const name = record.name?.trim() || (website.success ? website.data : null) || record.externalId;
  const view = await createOrganizationIn(scope, {
    name: name.slice(0, 200),
    kind: 'other',
    website: website.success ? website.data : null,
    location: location(record),
    leadSource: record.source,
  });
  return view.id;
}

/** Joining an entity fills what it lacks; it never overwrites what someone typed. */
export async function fillContact(scope: WriteScope, contactId: string, record: IdentitySourceRecord, features: RecordFeatures): Promise<void> {
  const contact = await scope.tx.selectFrom('contacts').select(['title', 'linkedinUrl', 'location']).where('id', '=', contactId).executeTakeFirst();
  if (!contact) return;
  const added: Record<string, unknown> = {};
  const known = await scope.tx.selectFrom('contactEmails').select(['emailNormalized', 'position']).where('contactId', '=', contactId).execute();
  const knownEmails = new Set(known.map((row) => row.emailNormalized));
  const emails = (await freeEmails(scope, features, contactId)).filter((address) => !knownEmails.has(normalizeEmail(address)));
  let position = known.reduce((max, row) => Math.max(max, row.position + 1), 0);
  for (const email of emails) {
    await scope.tx
      .insertInto('contactEmails')
      .values({ id: newId(), contactId, email, emailNormalized: normalizeEmail(email), isPrimary: position === 0 ? 1 : 0, position })
      .execute();
    position += 1;
  }
  if (emails.length > 0) added.emails = emails;
  const knownPhones = await scope.tx.selectFrom('contactPhones').select(['phoneE164', 'position']).where('contactId', '=', contactId).execute();
  const phones = validPhones(record, scope.settings.defaultPhoneRegion).filter((e164) => !knownPhones.some((row) => row.phoneE164 === e164));
  let phonePosition = knownPhones.reduce((max, row) => Math.max(max, row.position + 1), 0);
  for (const phoneE164 of phones) {
    await scope.tx
      .insertInto('contactPhones')
      .values({ id: newId(), contactId, phoneE164, label: 'work', isPrimary: phonePosition === 0 ? 1 : 0, position: phonePosition })
      .execute();
    phonePosition += 1;
  }
  if (phones.length > 0) added.phones = phones;
  const columns: { title?: string; linkedinUrl?: string; location?: string } = {};
  const title = record.title?.trim();
  if (!contact.title && title) columns.title = title.slice(0, 200);
  const linkedin = linkedinUrl(record.linkedin);
  if (!contact.linkedinUrl && linkedin) columns.linkedinUrl = linkedin;
  const place = location(record);
  if (!contact.location && place) columns.location = place;
  Object.assign(added, columns);
  if (Object.keys(added).length === 0) return;
  // A change like any other: the version moves, so If-Match and live editors see it.
  await claimRow(scope, 'contacts', contactId, 'Contact');
  await scope.tx
    .updateTable('contacts')
    .set({ ...columns, ...auditedUpdateFields(scope) })
    .where('id', '=', contactId)
    .execute();
  await scope.log({
    action: 'update',
    entityType: 'contact',
    entityId: contactId,
    diff: { before: {}, after: added, identity: { source: record.source, externalId: record.externalId } },
  });
}

export async function fillOrganization(scope: WriteScope, organizationId: string, record: IdentitySourceRecord): Promise<void> {
  const organization = await scope.tx.selectFrom('organizations').select(['website', 'location']).where('id', '=', organizationId).executeTakeFirst();
  if (!organization) return;
  const columns: { website?: string; location?: string } = {};
  const website = WebAddress.safeParse(record.website?.trim() ?? '');
  if (!organization.website && record.website?.trim() && website.success) columns.website = website.data;
  const place = location(record);
  if (!organization.location && place) columns.location = place;
  if (Object.keys(columns).length === 0) return;
  await claimRow(scope, 'organizations', organizationId, 'Organization');
  await scope.tx
    .updateTable('organizations')
    .set({ ...columns, ...auditedUpdateFields(scope) })
    .where('id', '=', organizationId)
    .execute();
  await scope.log({
    action: 'update',
    entityType: 'organization',
    entityId: organizationId,
    diff: { before: {}, after: columns, identity: { source: record.source, externalId: record.externalId } },
  });
}

/**
 * Works-at from a person record. A newer record naming another organization is a move: the new link
 * becomes primary and the old one ends that day — one person, two jobs. An older record adds a past job.
 */
export async function linkWorksAt(
  scope: WriteScope,
  contactId: string,
  organizationId: string,
  record: IdentitySourceRecord,
  observedAt: string,
): Promise<void> {
  const observedOn = observedAt.slice(0, 10);
  const title = record.title?.trim().slice(0, 200) || null;
  const links = await scope.tx.selectFrom('contactOrganizations').selectAll().where('contactId', '=', contactId).execute();
  const existing = links.find((link) => link.organizationId === organizationId);
  if (existing) {
    if (!existing.title && title)
      await scope.tx
        .updateTable('contactOrganizations')
        .set({ title })
        .where('contactId', '=', contactId)
        .where('organizationId', '=', organizationId)
        .execute();
    return;
  }
  const primary = links.find((link) => link.isPrimary && !link.endedOn);
  const moved = primary !== undefined && (primary.startedOn === null || primary.startedOn < observedOn);
  if (primary && moved) {
    await scope.tx
      .updateTable('contactOrganizations')
      .set({ isPrimary: 0, endedOn: observedOn })
      .where('contactId', '=', contactId)
      .where('organizationId', '=', primary.organizationId)
      .execute();
  }
  const isPrimary = !primary || moved;
  // An older record names a past job: it ended when the current one started (as far as we know).
  const endedOn = isPrimary ? null : (primary?.startedOn ?? null);
  await scope.tx
    .insertInto('contactOrganizations')
    .values({ contactId, organizationId, role: null, isPrimary: isPrimary ? 1 : 0, title, startedOn: observedOn, endedOn })
    .execute();
  await refreshOrganizationSortNames(scope.tx, { contactId });
  await scope.log({
    action: 'update',
    entityType: 'contact',
    entityId: contactId,
    diff: {
      before: moved && primary ? { primaryOrganizationId: primary.organizationId } : {},
      after: { organizationId, title, startedOn: observedOn, isPrimary },
      identity: { source: record.source, externalId: record.externalId },
    },
  });
}
