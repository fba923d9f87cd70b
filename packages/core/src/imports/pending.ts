import type { IdentitySourceRecord } from '@lpdesk/contracts';
import { createContactsIn, type NewContact } from '../contacts/create-many.js';
import { type ImportedRecord, upsertImportedRecord, upsertImportedRecords } from '../identity/imported.js';
import type { WriteScope } from '../kernel/write.js';
import { createNamedOrganizationsIn, type NamedOrganization } from '../organizations/create-many.js';

/**
 * Writes a batch of rows defers to its end, to make them as a few multi-row statements instead of
 * about twenty statements a row (issue 13's speed goal): new contacts and the rows' identity source
 * records. Only a run's batch defers (`RunContext.pending`); a row redone alone writes at once.
 */
export interface PendingWrites {
  /** Organizations rows name, deferred only where no row writes anything that links to them at once (contacts). */
  organizations: NamedOrganization[] | null;
  contacts: NewContact[];
  records: ImportedRecord[];
  /** Validated phone numbers as the import read them (the batch does not parse them again). */
  e164: (phone: string) => string | null;
}

export const pendingWrites = (e164: PendingWrites['e164'], options: { organizations: boolean }): PendingWrites => ({ organizations: options.organizations ? [] : null, contacts: [], records: [], e164 });

/** Store the row's source record now, or with its batch. */
export async function storeImportedRecord(scope: WriteScope, pending: PendingWrites | null, record: IdentitySourceRecord, entityId: string, reason: string): Promise<void> {
  if (pending) pending.records.push({ record, entityId, reason });
  else await upsertImportedRecord(scope, record, entityId, reason);
}

/** Write what the batch deferred (before a row reads records the batch made, and at the batch's end). */
export async function flushPending(scope: WriteScope, pending: PendingWrites | null): Promise<void> {
  if (!pending) return;
  const organizations = pending.organizations?.splice(0) ?? [];
  const contacts = pending.contacts.splice(0);
  const records = pending.records.splice(0);
  await createNamedOrganizationsIn(scope, organizations);
  await createContactsIn(scope, contacts, scope.settings.defaultPhoneRegion, pending.e164);
  await upsertImportedRecords(scope, records);
}
