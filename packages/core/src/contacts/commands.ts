import type { ContactCreateInput, ContactUpdateInput } from '@lpdesk/contracts';
import { writeCustomFieldValues } from '../custom-fields/index.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict, Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { refreshOrganizationSortNames } from './organization-sort.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, findRow, restoreRow, softDeleteRow } from '../kernel/records.js';
import { definedEntries, fromNullableBool } from '../kernel/values.js';
import { diffRecords, type WriteScope, write } from '../kernel/write.js';
import { assertUserExists } from '../shared/lookups.js';
import { setEntityTags } from '../tags/index.js';
import { manualContactRecord, suggestForEntity, upsertManualRecord } from '../identity/manual.js';
import { refuseRestoreOfMerged } from '../identity/merged-away.js';
import { normalizeEmail, toE164 } from './normalize.js';
import { type ContactView, presentContact } from './presenter.js';

type PhoneInput = NonNullable<ContactCreateInput['phones']>[number];
type OrganizationLinks = NonNullable<ContactCreateInput['organizations']>;

async function replaceEmails(scope: WriteScope, contactId: string, emails: string[]) {
  const seen = new Map<string, string>();
  for (const email of emails) {
    const normalized = normalizeEmail(email);
    if (!seen.has(normalized)) seen.set(normalized, email.trim());
  }
  const normalizedList = [...seen.keys()];
  if (normalizedList.length > 0) {
    const taken = await scope.tx
      .selectFrom('contactEmails as ce')
      .innerJoin('contacts as c', 'c.id', 'ce.contactId')
      .select(['ce.emailNormalized', 'c.id', 'c.firstName', 'c.lastName', 'c.deletedAt'])
      .where('ce.emailNormalized', 'in', normalizedList)
      .where('ce.contactId', '!=', contactId)
      .execute();
    if (taken.length > 0) {
      const first = taken[0];
      if (first) {
        const where = first.deletedAt ? ' (in the trash)' : '';
        throw new Conflict(`${first.emailNormalized} already belongs to ${first.firstName} ${first.lastName}${where}`, {
          contactId: first.id,
          issues: [{ path: ['emails'], message: `${first.emailNormalized} already belongs to another contact` }],
        });
      }
    }
  }
  await scope.tx.deleteFrom('contactEmails').where('contactId', '=', contactId).execute();
  let position = 0;
  for (const [emailNormalized, email] of seen) {
    await scope.tx
      .insertInto('contactEmails')
      .values({ id: newId(), contactId, email, emailNormalized, isPrimary: position === 0 ? 1 : 0, position })
      .execute();
    position += 1;
  }
}

async function replacePhones(scope: WriteScope, contactId: string, phones: PhoneInput[], region: string) {
  const parsed = phones.map((phone, index) => {
    const { number, label } = typeof phone === 'string' ? { number: phone, label: 'mobile' } : phone;
    const e164 = toE164(number, region);
    if (!e164) throw new Invalid(`phones.${index}: "${number}" is not a valid phone number`, { issues: [{ path: ['phones', index], message: 'not a valid phone number' }] });
    return { e164, label };
  });
  await scope.tx.deleteFrom('contactPhones').where('contactId', '=', contactId).execute();
  const unique = parsed.filter((p, i) => parsed.findIndex((q) => q.e164 === p.e164) === i);
  for (const [position, phone] of unique.entries()) {
    await scope.tx
      .insertInto('contactPhones')
      .values({ id: newId(), contactId, phoneE164: phone.e164, label: phone.label, isPrimary: position === 0 ? 1 : 0, position })
      .execute();
  }
}

function linksFrom(input: { organizationId?: string | null | undefined; organizations?: OrganizationLinks | undefined }): OrganizationLinks | undefined {
  if (input.organizations) {
    const links = [...input.organizations];
    if (input.organizationId && !links.some((l) => l.organizationId === input.organizationId)) {
      links.unshift({ organizationId: input.organizationId, role: null, isPrimary: true });
    }
    return links;
  }
  if (input.organizationId === null) return [];
  if (input.organizationId) return [{ organizationId: input.organizationId, role: null, isPrimary: true }];
  return undefined;
}

const workHistory = (row: { title: string | null; startedOn: string | null; endedOn: string | null } | undefined) =>
  row ? { title: row.title, startedOn: row.startedOn, endedOn: row.endedOn } : {};

async function replaceOrganizationLinks(scope: WriteScope, contactId: string, links: OrganizationLinks) {
  const ids = [...new Set(links.map((l) => l.organizationId))];
  if (ids.length > 0) {
    const found = await scope.tx.selectFrom('organizations').select('id').where('id', 'in', ids).where('deletedAt', 'is', null).execute();
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) throw new Invalid(`organizationId: unknown organization ${missing.join(', ')}`, { issues: [{ path: ['organizationId'], message: 'unknown organization' }] });
  }
  // Works-at title and dates (relationships) are not part of this input: links that stay keep them.
  const kept = await scope.tx.selectFrom('contactOrganizations').select(['organizationId', 'title', 'startedOn', 'endedOn']).where('contactId', '=', contactId).execute();
  await scope.tx.deleteFrom('contactOrganizations').where('contactId', '=', contactId).execute();
  const primaryId = links.find((l) => l.isPrimary)?.organizationId ?? links[0]?.organizationId;
  for (const organizationId of ids) {
    const link = links.find((l) => l.organizationId === organizationId);
    await scope.tx
      .insertInto('contactOrganizations')
      .values({ contactId, organizationId, role: link?.role ?? null, isPrimary: organizationId === primaryId ? 1 : 0, ...workHistory(kept.find((k) => k.organizationId === organizationId)) })
      .execute();
  }
  await refreshOrganizationSortNames(scope.tx, { contactId });
}

/** The contact as its create and update log entries record it. */
export function snapshot(view: ContactView) {
  const { owner: _o, relationship: _r, createdAt: _c, updatedAt: _u, primaryOrganization: _p, fullName: _f, ...rest } = view;
  return { ...rest, tags: view.tags.map((t) => t.name), organizations: view.organizations.map((o) => ({ id: o.organizationId, role: o.role, isPrimary: o.isPrimary })) };
}

function scalarColumns(input: ContactUpdateInput) {
  const {
    emails: _e,
    phones: _p,
    organizationId: _oi,
    organizations: _os,
    tagIds: _t,
    customFields: _cf,
    qualifiedPurchaser,
    ...columns
  } = input;
  return { ...definedEntries(columns), ...(qualifiedPurchaser !== undefined ? { qualifiedPurchaser: fromNullableBool(qualifiedPurchaser) } : {}) };
}

/** The contacts row a create writes (one contact here, many at once in create-many.ts). */
export function newContactRow(scope: WriteScope, input: ContactCreateInput, id: string = newId()) {
  return {
    id,
    firstName: input.firstName ?? '',
    lastName: input.lastName,
    title: input.title ?? null,
    linkedinUrl: input.linkedinUrl ?? null,
    location: input.location ?? null,
    preferredChannel: input.preferredChannel ?? null,
    source: input.source ?? null,
    notes: input.notes ?? null,
    // Owner defaults to the person creating the record (an API key's creator; none for the system).
    ownerId: input.ownerId === undefined ? scope.actor.userId : input.ownerId,
    accreditationStatus: input.accreditationStatus ?? 'unknown',
    accreditationMethod: input.accreditationMethod ?? null,
    accreditationVerifiedOn: input.accreditationVerifiedOn ?? null,
    accreditationExpiresOn: input.accreditationExpiresOn ?? null,
    qualifiedPurchaser: fromNullableBool(input.qualifiedPurchaser),
    // Set with the organization links below.
    organizationSortName: null,
    ...auditedInsertFields(scope),
  };
}

export async function createContactIn(scope: WriteScope, input: ContactCreateInput, phoneRegion: string): Promise<ContactView> {
  await assertUserExists(scope.tx, input.ownerId, 'ownerId');
  const row = newContactRow(scope, input);
  await scope.tx.insertInto('contacts').values(row).execute();
  await replaceEmails(scope, row.id, input.emails);
  await replacePhones(scope, row.id, input.phones ?? [], phoneRegion);
  await replaceOrganizationLinks(scope, row.id, linksFrom(input) ?? []);
  await setEntityTags(scope, 'contact', row.id, input.tagIds ?? []);
  await writeCustomFieldValues(scope, 'contact', row.id, input.customFields, 'create');
  const view = await presentContact(scope.tx, row);
  await scope.log({ action: 'create', entityType: 'contact', entityId: row.id, diff: { after: snapshot(view) } });
  return view;
}

export async function createContact(core: CoreContext, actor: Actor, input: ContactCreateInput) {
  const view = await write(core, actor, async (scope) => {
    const created = await createContactIn(scope, input, core.settings.defaultPhoneRegion);
    await upsertManualRecord(scope, manualContactRecord(created));
    return created;
  });
  await suggestForEntity(core, actor, 'contact', view.id);
  return view;
}

export async function updateContactIn(scope: WriteScope, id: string, changes: ContactUpdateInput, phoneRegion: string, expectedVersion?: number): Promise<ContactView> {
    const before = await presentContact(scope.tx, await claimRow(scope, 'contacts', id, 'Contact', { expectedVersion, present: (row) => presentContact(scope.tx, row) }));
    await assertUserExists(scope.tx, changes.ownerId, 'ownerId');
    const columns = scalarColumns(changes);
    if (Object.keys(columns).length > 0) {
      await scope.tx.updateTable('contacts').set(columns).where('id', '=', id).execute();
    }
    await scope.tx.updateTable('contacts').set(auditedUpdateFields(scope)).where('id', '=', id).execute();
    if (changes.emails) await replaceEmails(scope, id, changes.emails);
    if (changes.phones) await replacePhones(scope, id, changes.phones, phoneRegion);
    const links = linksFrom(changes);
    if (links) await replaceOrganizationLinks(scope, id, links);
    if (changes.tagIds) await setEntityTags(scope, 'contact', id, changes.tagIds);
    if (changes.customFields) await writeCustomFieldValues(scope, 'contact', id, changes.customFields, 'update');
    const after = await presentContact(scope.tx, await findRow(scope.tx, 'contacts', id, 'Contact'));
    await scope.log({ action: 'update', entityType: 'contact', entityId: id, diff: diffRecords(snapshot(before), snapshot(after)) });
    return after;
}

export async function updateContact(core: CoreContext, actor: Actor, id: string, changes: ContactUpdateInput, expectedVersion?: number) {
  const view = await write(core, actor, async (scope) => {
    const updated = await updateContactIn(scope, id, changes, core.settings.defaultPhoneRegion, expectedVersion);
    await upsertManualRecord(scope, manualContactRecord(updated));
    return updated;
  });
  await suggestForEntity(core, actor, 'contact', view.id);
  return view;
}

export function deleteContact(core: CoreContext, actor: Actor, id: string) {
  return write(core, actor, (scope) => softDeleteRow(scope, 'contacts', 'contact', id, 'Contact'));
}

export async function restoreContact(core: CoreContext, actor: Actor, id: string) {
  await write(core, actor, async (scope) => {
    await refuseRestoreOfMerged(scope.tx, 'Contact', id);
    await restoreRow(scope, 'contacts', 'contact', id, 'Contact');
  });
  return presentContact(core.db, await findRow(core.db, 'contacts', id, 'Contact'));
}
