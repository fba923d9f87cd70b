import type { IdentitySourceRecord } from '@lpdesk/contracts';
import { groupBy } from '../kernel/values.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { newId } from '../kernel/ids.js';
import { write } from '../kernel/write.js';
import { featureOptions, featuresOf, storedKeys } from './features.js';
import { MANUAL_SOURCE, manualOrganizationRecord } from './manual.js';

const CHUNK = 400;

/**
 * Contacts and organizations that predate identity resolution (or were written by imports and seeds)
 * get their `manual` record, in bulk, so a scan sees every entity.
 */
export async function backfillManualRecords(core: CoreContext, actor: Actor): Promise<number> {
  const withRecords = core.db.selectFrom('identityRecords').select('entityId');
  const contacts = await core.db
    .selectFrom('contacts')
    .select(['id', 'firstName', 'lastName', 'title', 'linkedinUrl', 'location', 'updatedAt'])
    .where('deletedAt', 'is', null)
    .where('id', 'not in', withRecords)
    .execute();
  const organizations = await core.db
    .selectFrom('organizations')
    .select(['id', 'name', 'website', 'location', 'updatedAt'])
    .where('deletedAt', 'is', null)
    .where('id', 'not in', withRecords)
    .execute();
  if (contacts.length + organizations.length === 0) return 0;
  const records: IdentitySourceRecord[] = organizations.map((organization) => manualOrganizationRecord(organization));
  for (let i = 0; i < contacts.length; i += CHUNK) {
    const page = contacts.slice(i, i + CHUNK);
    const ids = page.map((c) => c.id);
    const [emails, phones, links] = await Promise.all([
      core.db.selectFrom('contactEmails').select(['contactId', 'email']).where('contactId', 'in', ids).orderBy('position').execute(),
      core.db.selectFrom('contactPhones').select(['contactId', 'phoneE164']).where('contactId', 'in', ids).orderBy('position').execute(),
      core.db
        .selectFrom('contactOrganizations as co')
        .innerJoin('organizations as o', 'o.id', 'co.organizationId')
        .select(['co.contactId', 'o.name'])
        .where('co.contactId', 'in', ids)
        .where('co.isPrimary', '=', 1)
        .where('o.deletedAt', 'is', null)
        .execute(),
    ]);
    const [emailsOf, phonesOf, linksOf] = [groupBy(emails, (e) => e.contactId), groupBy(phones, (p) => p.contactId), groupBy(links, (l) => l.contactId)];
    for (const contact of page) {
      records.push({
        source: MANUAL_SOURCE,
        externalId: contact.id,
        kind: 'person',
        firstName: contact.firstName || null,
        lastName: contact.lastName,
        emails: (emailsOf.get(contact.id) ?? []).map((e) => e.email).slice(0, 20),
        phones: (phonesOf.get(contact.id) ?? []).map((p) => p.phoneE164).slice(0, 20),
        organization: linksOf.get(contact.id)?.[0]?.name ?? null,
        title: contact.title,
        linkedin: contact.linkedinUrl,
        city: contact.location,
        observedAt: contact.updatedAt,
      });
    }
  }
  const options = featureOptions(core.settings);
  await write(core, actor, async (scope) => {
    for (let i = 0; i < records.length; i += CHUNK) {
      const page = records.slice(i, i + CHUNK);
      const rows = page.map((record) => ({
        id: newId(),
        source: record.source,
        externalId: record.externalId,
        kind: record.kind,
        entityType: record.kind === 'person' ? 'contact' : 'organization',
        entityId: record.externalId,
        rule: 'manual',
        confidence: 1,
        reason: 'typed into LP Desk (filed by a scan)',
        recordJson: JSON.stringify(record),
        observedAt: record.observedAt ?? scope.now,
        createdAt: scope.now,
        updatedAt: scope.now,
      }));
      await scope.tx.insertInto('identityRecords').values(rows).execute();
      const keys = rows.flatMap((row, index) =>
        storedKeys(featuresOf(page[index] as IdentitySourceRecord, options)).map((key) => ({ recordId: row.id, key, entityId: row.entityId })),
      );
      for (let k = 0; k < keys.length; k += 2000)
        await scope.tx
          .insertInto('identityRecordKeys')
          .values(keys.slice(k, k + 2000))
          .execute();
    }
    await scope.log({
      action: 'backfill',
      entityType: 'identity_records',
      entityId: null,
      diff: { contacts: contacts.length, organizations: organizations.length },
    });
  });
  return records.length;
}
