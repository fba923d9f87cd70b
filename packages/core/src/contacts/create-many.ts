import type { ContactCreateInput } from '@lpdesk/contracts';
import { writeCustomFieldValues } from '../custom-fields/index.js';
import { liveDefinitions } from '../custom-fields/queries.js';
import type { NewRow } from '../db/schema.js';
import { splitIntoChunks } from '../kernel/chunks.js';
import { Conflict, Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { WriteScope } from '../kernel/write.js';
import { assertUserExists } from '../shared/lookups.js';
import { newContactRow, snapshot } from './commands.js';
import { normalizeEmail, toE164 } from './normalize.js';
import { presentContacts } from './presenter.js';

export interface NewContact {
  /** Chosen by the caller, which reports it before the batch is written. */
  id: string;
  input: ContactCreateInput;
}

// Rows per multi-row INSERT: contacts have 24 columns, so 500 rows stay far below SQLite's 32,766 parameters.
const ROWS_PER_INSERT = 500;
const IDS_PER_QUERY = 1_000;

/**
 * Create many contacts as `createContactIn` creates one — same rows, same checks (a taken email, an
 * unknown or trashed organization or tag, a phone that is not one), same `create` log entry and event per
 * contact — in a few multi-row statements instead of about twenty per contact. All or nothing: a failed
 * check throws before anything is inserted.
 */
export async function createContactsIn(scope: WriteScope, contacts: NewContact[], phoneRegion: string, e164: (phone: string) => string | null = (phone) => toE164(phone, phoneRegion)): Promise<void> {
  if (contacts.length === 0) return;
  const rows: (NewRow<'contacts'> & { id: string })[] = [];
  const emails: (NewRow<'contactEmails'> & { contactId: string; emailNormalized: string })[] = [];
  const phones: NewRow<'contactPhones'>[] = [];
  const links: NewRow<'contactOrganizations'>[] = [];
  const tags: { tagId: string; entityType: string; entityId: string; createdAt: string }[] = [];
  const owners = new Set<string>();
  for (const { id, input } of contacts) {
    if (input.ownerId) owners.add(input.ownerId);
    rows.push(newContactRow(scope, input, id));
    const seenEmails = new Map<string, string>();
    for (const email of input.emails) {
      const normalized = normalizeEmail(email);
      if (!seenEmails.has(normalized)) seenEmails.set(normalized, email.trim());
    }
    let position = 0;
    for (const [emailNormalized, email] of seenEmails) {
      emails.push({ id: newId(), contactId: id, email, emailNormalized, isPrimary: position === 0 ? 1 : 0, position });
      position += 1;
    }
    const seenPhones = new Set<string>();
    for (const [index, phone] of (input.phones ?? []).entries()) {
      const { number, label } = typeof phone === 'string' ? { number: phone, label: 'mobile' } : phone;
      const phoneE164 = e164(number);
      if (!phoneE164) throw new Invalid(`phones.${index}: "${number}" is not a valid phone number`, { issues: [{ path: ['phones', index], message: 'not a valid phone number' }] });
      if (seenPhones.has(phoneE164)) continue;
      phones.push({ id: newId(), contactId: id, phoneE164, label, isPrimary: seenPhones.size === 0 ? 1 : 0, position: seenPhones.size });
      seenPhones.add(phoneE164);
    }
    const organizationLinks = input.organizations ? [...input.organizations] : [];
    if (input.organizationId && !organizationLinks.some((link) => link.organizationId === input.organizationId)) organizationLinks.unshift({ organizationId: input.organizationId, role: null, isPrimary: true });
    const primaryId = organizationLinks.find((link) => link.isPrimary)?.organizationId ?? organizationLinks[0]?.organizationId;
    for (const organizationId of new Set(organizationLinks.map((link) => link.organizationId))) {
      const link = organizationLinks.find((candidate) => candidate.organizationId === organizationId);
      links.push({ contactId: id, organizationId, role: link?.role ?? null, isPrimary: organizationId === primaryId ? 1 : 0 });
    }
    for (const tagId of new Set(input.tagIds ?? [])) tags.push({ tagId, entityType: 'contact', entityId: id, createdAt: scope.now });
  }

  for (const ownerId of owners) await assertUserExists(scope.tx, ownerId, 'ownerId');
  await assertEmailsFree(scope, emails);
  const organizationNames = await assertLive(scope, 'organizations', [...new Set(links.map((link) => link.organizationId))], 'organizationId', 'organization');
  await assertLive(scope, 'tags', [...new Set(tags.map((tag) => tag.tagId))], 'tagIds', 'tag(s)');
  // The sort copy as refreshOrganizationSortNames computes it (primary first, then by name), without a correlated update per contact.
  const linksOf = new Map<string, { name: string; isPrimary: number }[]>();
  for (const link of links) linksOf.set(link.contactId, [...(linksOf.get(link.contactId) ?? []), { name: organizationNames.get(link.organizationId) ?? '', isPrimary: Number(link.isPrimary) }]);
  for (const row of rows) {
    const sorted = (linksOf.get(row.id) ?? []).sort((a, b) => b.isPrimary - a.isPrimary || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    row.organizationSortName = sorted[0]?.name ?? null;
  }

  for (const chunk of splitIntoChunks(rows, ROWS_PER_INSERT)) await scope.tx.insertInto('contacts').values(chunk).execute();
  for (const chunk of splitIntoChunks(emails, ROWS_PER_INSERT * 2)) await scope.tx.insertInto('contactEmails').values(chunk).execute();
  for (const chunk of splitIntoChunks(phones, ROWS_PER_INSERT * 2)) await scope.tx.insertInto('contactPhones').values(chunk).execute();
  for (const chunk of splitIntoChunks(links, ROWS_PER_INSERT * 2)) await scope.tx.insertInto('contactOrganizations').values(chunk).execute();
  for (const chunk of splitIntoChunks(tags, ROWS_PER_INSERT * 2)) await scope.tx.insertInto('entityTags').values(chunk).execute();
  // A required custom field is checked on every new contact, as createContactIn checks it.
  const anyRequired = (await liveDefinitions(scope.tx, 'contact')).some((definition) => definition.required === 1);
  for (const { id, input } of contacts) {
    if (anyRequired || (input.customFields && Object.keys(input.customFields).length > 0)) await writeCustomFieldValues(scope, 'contact', id, input.customFields, 'create');
  }
  for (const chunk of splitIntoChunks(rows, IDS_PER_QUERY)) {
    const stored = await scope.tx
      .selectFrom('contacts')
      .selectAll()
      .where(
        'id',
        'in',
        chunk.map((row) => row.id),
      )
      .execute();
    const byId = new Map(stored.map((row) => [row.id, row]));
    // In the order given, as the one-by-one path logs them.
    const views = await presentContacts(scope.tx, chunk.flatMap((row) => byId.get(row.id) ?? []));
    await scope.logMany(views.map((view) => ({ action: 'create', entityType: 'contact', entityId: view.id, diff: { after: snapshot(view) } })));
  }
}

async function assertEmailsFree(scope: WriteScope, emails: { contactId: string; emailNormalized: string }[]): Promise<void> {
  const owners = new Map<string, string>();
  for (const email of emails) {
    const other = owners.get(email.emailNormalized);
    if (other && other !== email.contactId) throw new Conflict(`${email.emailNormalized} is given to two new contacts`, { issues: [{ path: ['emails'], message: `${email.emailNormalized} already belongs to another contact` }] });
    owners.set(email.emailNormalized, email.contactId);
  }
  for (const chunk of splitIntoChunks([...owners.keys()], IDS_PER_QUERY)) {
    const taken = await scope.tx
      .selectFrom('contactEmails as ce')
      .innerJoin('contacts as c', 'c.id', 'ce.contactId')
      .select(['ce.emailNormalized', 'c.id', 'c.firstName', 'c.lastName', 'c.deletedAt'])
      .where('ce.emailNormalized', 'in', chunk)
      .limit(1)
      .execute();
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

/** Names of the live records by id; an id that is unknown or in the trash is refused. */
async function assertLive(scope: WriteScope, table: 'organizations' | 'tags', ids: string[], path: string, noun: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of splitIntoChunks(ids, IDS_PER_QUERY)) {
    for (const row of await scope.tx.selectFrom(table).select(['id', 'name']).where('id', 'in', chunk).where('deletedAt', 'is', null).execute()) found.set(row.id, row.name);
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new Invalid(`${path}: unknown ${noun} ${missing.join(', ')}`, { issues: [{ path: [path], message: `unknown ${noun}` }] });
  return found;
}
