import { ContactCreateInput, type ContactUpdateInput, type IdentitySourceRecord, type ImportRowError } from '@lpdesk/contracts';
import { findRow } from '../../kernel/records.js';
import type { Tx, WriteScope } from '../../kernel/write.js';
import { createContactIn, presentContact, toE164, updateContactIn } from '../../contacts/index.js';
import { upsertImportedRecord } from '../../identity/index.js';
import { newId } from '../../kernel/ids.js';
import { restoreRow } from '../../kernel/records.js';
import { flushPending, storeImportedRecord } from '../pending.js';
import { emailKey, type Known, nameAndOrganizationKey, organizationNameKey, personNameKey, type RunContext } from '../context.js';
import { customFieldValues, externalIdOf, IMPORT_SOURCE, linkNotes, linkOrganization, linkTags, type OrganizationLink, settleOrganization, settleTags } from '../links.js';
import type { RowValues } from '../read.js';
import { changedFields, type EntityAdapter, type FieldChanges, type FlatFields, flattenCustom, PLACEHOLDER_ID, pick, type RowPlan, schemaErrors, union, unflatten } from './types.js';

const SCALARS = ['firstName', 'lastName', 'title', 'linkedinUrl', 'location', 'preferredChannel', 'source', 'notes', 'accreditationStatus', 'qualifiedPurchaser'] as const;

/** "Doe, Jane" and "Jane Q. Doe" to first and last names; a single word is the last name. */
export function splitFullName(full: string): { firstName: string; lastName: string } {
  const text = full.trim().replace(/\s+/g, ' ');
  const comma = /^([^,]+),\s*(.+)$/.exec(text);
  if (comma && !/^(jr|sr|ii|iii|iv|phd|md|cfa)\.?$/i.test(comma[2] ?? '')) return { firstName: comma[2] ?? '', lastName: comma[1] ?? '' };
  const space = text.lastIndexOf(' ');
  return space < 0 ? { firstName: '', lastName: text } : { firstName: text.slice(0, space), lastName: text.slice(space + 1) };
}

/** E.164 form of a cell's phone (libphonenumber is the slowest step of a row: each number is parsed once per run). */
export function phoneNumber(context: RunContext, phone: string): string | null {
  const cached = context.phones.get(phone);
  if (cached !== undefined) return cached;
  const e164 = toE164(phone, context.core.settings.defaultPhoneRegion);
  if (context.phones.size < 100_000) {
    context.phones.set(phone, e164);
    // The stored form reads as itself: a batch checking the numbers it writes parses none again.
    if (e164) context.phones.set(e164, e164);
  }
  return e164;
}

async function snapshot(tx: Tx, id: string, keys: string[]): Promise<FlatFields> {
  const view = await presentContact(tx, await findRow(tx, 'contacts', id, 'Contact'));
  const all: FlatFields = {
    ...Object.fromEntries(SCALARS.map((key) => [key, view[key]])),
    emails: view.emails,
    phones: view.phones.map((phone) => phone.number),
    organizationId: view.primaryOrganization?.id ?? null,
    tagIds: view.tags.map((tag) => tag.id),
    ...flattenCustom(view.customFields, keys),
  };
  return pick(all, keys);
}

async function apply(scope: WriteScope, id: string, fields: FlatFields): Promise<void> {
  await updateContactIn(scope, id, unflatten(fields) as ContactUpdateInput, scope.settings.defaultPhoneRegion);
}

function text(values: RowValues, key: string): string | undefined {
  const value = values.values.get(key);
  return typeof value === 'string' ? value : undefined;
}

function list(values: RowValues, key: string): string[] {
  const value = values.values.get(key);
  return Array.isArray(value) ? value : [];
}

async function plan(context: RunContext, values: RowValues): Promise<RowPlan> {
  const errors: ImportRowError[] = [...values.errors];
  const notes: string[] = [];
  const columnOf = (key: string) => values.columns.get(key) ?? null;
  const full = text(values, 'fullName');
  const split = full ? splitFullName(full) : { firstName: '', lastName: '' };
  const firstName = text(values, 'firstName') ?? split.firstName;
  let lastName = text(values, 'lastName') ?? split.lastName;
  if (!lastName && firstName) lastName = firstName;
  const emails = list(values, 'email');
  const region = context.core.settings.defaultPhoneRegion;
  const phones = list(values, 'phone');
  for (const phone of phones) if (!phoneNumber(context, phone)) errors.push({ column: columnOf('phone'), message: `Phone: "${phone}" is not a valid phone number` });
  if (!lastName) errors.push({ column: null, message: 'a contact needs a name (full, first or last)' });

  const organizationName = list(values, 'organization')[0];
  let organization: OrganizationLink | null = null;
  if (organizationName) {
    organization = linkOrganization(context, organizationName, context.options.createMissingOrganizations);
    if ('error' in organization) errors.push({ column: columnOf('organization'), message: `Organization: ${organization.error}` });
  }
  const tags = linkTags(context, list(values, 'tags'), columnOf('tags'));
  errors.push(...tags.errors);
  const custom = customFieldValues(context, values);
  errors.push(...custom.errors);

  const scalars: FlatFields = {};
  if (firstName || lastName) Object.assign(scalars, { firstName, lastName });
  for (const key of SCALARS) {
    if (key === 'firstName' || key === 'lastName') continue;
    const value = values.values.get(key);
    if (value !== undefined) scalars[key] = value;
  }
  const draft = {
    ...scalars,
    firstName,
    lastName,
    emails,
    // Stored as validated: E.164 (the contact's own check then reads a number that is already clean).
    phones: phones.map((phone) => phoneNumber(context, phone) ?? phone),
    ...(organization && !('error' in organization) ? { organizationId: PLACEHOLDER_ID } : {}),
    tagIds: [...tags.known, ...tags.restore, ...tags.create].map(() => PLACEHOLDER_ID),
    customFields: custom.values,
  };
  errors.push(...schemaErrors(ContactCreateInput.safeParse(draft), (path) => columnOf(String(path[0] === 'emails' ? 'email' : path[0] === 'phones' ? 'phone' : (path[0] ?? '')))));

  // Duplicates: the same email first, then the same name at the same organization.
  let duplicate: RowPlan['duplicate'] = null;
  let createBlocked: string | null = null;
  const owners = new Map<string, Known>();
  // The contact an undone import trashed, named again by its email: this row brings it back (a re-import after undo).
  let undone: Known | null = null;
  for (const email of emails) {
    const known = context.index.contactsByEmail.get(emailKey(email));
    if (!known) continue;
    if (known.trashed && known.undone) {
      undone = known;
      owners.set(known.entityId ?? `line:${known.line}`, known);
      continue;
    }
    if (known.trashed) errors.push({ column: columnOf('email'), message: `${email} belongs to ${known.label}, who is in the trash; restore the contact first` });
    else owners.set(known.entityId ?? `line:${known.line}`, known);
    if (!duplicate && !known.trashed) {
      duplicate = { known, reason: `same email ${emailKey(email)}` };
      createBlocked = `${emailKey(email)} already belongs to ${known.label}; choose update or skip`;
    }
  }
  if (owners.size > 1) errors.push({ column: columnOf('email'), message: `the emails belong to ${owners.size} different contacts (${[...owners.values()].map((known) => known.label).join(', ')})` });
  const personKey = lastName ? personNameKey({ firstName, lastName }) : '';
  const organizationKey = organizationName ? organizationNameKey(organizationName) : '';
  const nameKey = nameAndOrganizationKey(personKey, organizationKey);
  if (undone && duplicate) undone = null;
  else if (undone) notes.push(`restores ${undone.label} from the trash (removed by an import undo)`);
  if (!duplicate && !undone && personKey) {
    const known = context.index.contactsByNameAndOrganization.get(nameKey);
    if (known) duplicate = { known, reason: organizationName ? `same name and organization (${known.label}, ${organizationName})` : `same name (${known.label}), no organization` };
  }

  const register = (entityId: string | null, line: number) => {
    const known: Known = { entityId, line, label: `${firstName} ${lastName}`.trim() };
    for (const email of emails) if (!context.index.contactsByEmail.has(emailKey(email))) context.index.contactsByEmail.set(emailKey(email), known);
    if (personKey && !context.index.contactsByNameAndOrganization.has(nameKey)) context.index.contactsByNameAndOrganization.set(nameKey, known);
    const byName = context.index.contactsByName.get(personKey);
    if (byName) byName.push(known);
    else if (personKey) context.index.contactsByName.set(personKey, [known]);
  };

  const sourceRecord: IdentitySourceRecord = {
    source: IMPORT_SOURCE,
    externalId: externalIdOf(context, values.line),
    kind: 'person',
    firstName: firstName || null,
    lastName: lastName || null,
    emails: emails.slice(0, 20),
    phones: phones.slice(0, 20),
    organization: organizationName ?? null,
    title: text(values, 'title') ?? null,
    linkedin: text(values, 'linkedinUrl') ?? null,
    city: text(values, 'location') ?? null,
  };

  return {
    errors,
    notes,
    linkNotes: linkNotes(organization, tags),
    // A restored contact keeps its stored values for fields the file leaves out.
    createErrors: undone ? [] : custom.missingRequired,
    duplicate,
    createBlocked,
    sourceRecord: lastName || emails.length > 0 ? sourceRecord : null,
    async create(scope) {
      const organizationId = organization ? await settleOrganization(scope, context, organization, values.line) : null;
      const tagIds = await settleTags(scope, context, tags, values.line);
      let entityId: string | null = null;
      if (undone) {
        entityId = undone.entityId;
        if (scope && entityId) {
          // The restored contact takes the row's values, as a new one would.
          await flushPending(scope, context.pending);
          await restoreRow(scope, 'contacts', 'contact', entityId, 'Contact');
          const { customFields, ...fields } = ContactCreateInput.parse({ ...draft, organizationId: organizationId ?? undefined, tagIds });
          await updateContactIn(scope, entityId, { ...fields, organizationId: organizationId ?? null, ...(Object.keys(customFields ?? {}).length > 0 ? { customFields } : {}) }, region);
          await storeImportedRecord(scope, context.pending, sourceRecord, entityId, `restored by import ${context.importId}, line ${values.line}`);
        }
        const live: Known = { entityId, line: values.line, label: `${firstName} ${lastName}`.trim() };
        for (const email of emails) context.index.contactsByEmail.set(emailKey(email), live);
      } else if (scope) {
        const input = ContactCreateInput.parse({ ...draft, organizationId: organizationId ?? undefined, tagIds });
        if (context.pending) {
          entityId = newId();
          context.pending.contacts.push({ id: entityId, input });
        } else entityId = (await createContactIn(scope, input, region)).id;
        await storeImportedRecord(scope, context.pending, sourceRecord, entityId, `created by import ${context.importId}, line ${values.line}`);
      }
      register(entityId, values.line);
      return entityId;
    },
    async update(scope, id) {
      const organizationId = organization ? await settleOrganization(scope, context, organization, values.line) : null;
      const tagIds = await settleTags(scope, context, tags, values.line);
      register(id, values.line);
      if (!scope || !id) return null;
      // The duplicate may be a contact an earlier row of this batch created.
      await flushPending(scope, context.pending);
      const wanted: FlatFields = { ...scalars, ...flattenCustom(custom.values, Object.keys(custom.values).map((key) => `customFields.${key}`)) };
      const listKeys = [...(emails.length ? ['emails'] : []), ...(phones.length ? ['phones'] : []), ...(tagIds.length ? ['tagIds'] : []), ...(organizationId ? ['organizationId'] : [])];
      const keys = [...Object.keys(wanted), ...listKeys];
      const before = await snapshot(scope.tx, id, keys);
      if (emails.length) wanted.emails = union(before.emails as string[], emails, emailKey);
      if (phones.length) wanted.phones = union(before.phones as string[], phones, (phone) => phoneNumber(context, phone) ?? phone);
      if (tagIds.length) wanted.tagIds = union(before.tagIds as string[], tagIds);
      // A contact already working somewhere keeps that primary organization; one without gets the row's.
      if (organizationId) wanted.organizationId = before.organizationId ?? organizationId;
      const changes = changedFields(before, wanted);
      if (Object.keys(changes).length > 0) await apply(scope, id, changes);
      const after = await snapshot(scope.tx, id, Object.keys(changes));
      await upsertImportedRecord(scope, sourceRecord, id, `updated by import ${context.importId}, line ${values.line}`);
      return { before: pick(before, Object.keys(changes)), after } satisfies FieldChanges;
    },
  };
}

export const contactAdapter: EntityAdapter = { entityType: 'contact', table: 'contacts', plan, snapshot, apply };
