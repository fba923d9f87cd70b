import { newId } from '../kernel/ids.js';
import type { LogEntry, WriteScope } from '../kernel/write.js';

/**
 * Bulk copies of the demo investors, for benchmarks that need tens of thousands of records. The first
 * copy is made through the domain commands; the others repeat its rows with new ids, numbered names
 * and per-copy domains, a few thousand rows per INSERT. Going through each command once per record
 * made 25,000 contacts take over a minute on SQLite and ten on PostgreSQL, almost all of it per-row
 * query overhead. Each copied record still gets its own activity-log entry and event (in bulk).
 */
export interface ReplicaCounts {
  organizations: number;
  contacts: number;
  commitments: number;
}

/** Parameters per INSERT: under SQLite's 32,766 limit (PostgreSQL allows 65,535). */
const MAX_PARAMETERS = 30_000;

async function insertInChunks<Row extends object>(rows: Row[], insert: (chunk: Row[]) => Promise<unknown>): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}

/** The rows the domain commands wrote for the first copy: what every further copy repeats. */
async function loadOriginals(scope: WriteScope, organizationIds: string[]) {
  const { tx } = scope;
  const organizations = await tx.selectFrom('organizations').selectAll().where('id', 'in', organizationIds).orderBy('id').execute();
  const domains = await tx.selectFrom('organizationDomains').selectAll().where('organizationId', 'in', organizationIds).execute();
  const contactLinks = await tx.selectFrom('contactOrganizations').selectAll().where('organizationId', 'in', organizationIds).execute();
  const contactIds = [...new Set(contactLinks.map((link) => link.contactId))];
  const contacts = contactIds.length ? await tx.selectFrom('contacts').selectAll().where('id', 'in', contactIds).orderBy('id').execute() : [];
  const emails = contactIds.length ? await tx.selectFrom('contactEmails').selectAll().where('contactId', 'in', contactIds).execute() : [];
  const phones = contactIds.length ? await tx.selectFrom('contactPhones').selectAll().where('contactId', 'in', contactIds).execute() : [];
  const commitments = await tx.selectFrom('commitments').selectAll().where('organizationId', 'in', organizationIds).orderBy('id').execute();
  const commitmentIds = commitments.map((commitment) => commitment.id);
  const stageChanges = commitmentIds.length ? await tx.selectFrom('stageChanges').selectAll().where('commitmentId', 'in', commitmentIds).execute() : [];
  const k1s = commitmentIds.length ? await tx.selectFrom('commitmentK1s').selectAll().where('commitmentId', 'in', commitmentIds).execute() : [];
  const taggedIds = [...organizationIds, ...contactIds, ...commitmentIds];
  const tags = await tx.selectFrom('entityTags').selectAll().where('entityId', 'in', taggedIds).execute();
  return { organizations, domains, contactLinks, contacts, emails, phones, commitments, stageChanges, k1s, tags };
}

type Originals = Awaited<ReturnType<typeof loadOriginals>>;

/** Copy number `copy` (2 for the second set) of every original row, with fresh ids mapped consistently. */
function copyRows(originals: Originals, copy: number) {
  const ids = new Map<string, string>();
  const mapped = (id: string) => {
    let next = ids.get(id);
    if (!next) {
      next = newId();
      ids.set(id, next);
    }
    return next;
  };
  const inCopy = (domain: string) => `c${copy}.${domain}`;
  const emailInCopy = (email: string) => email.replace(/@([^@]+)$/, (_match, domain: string) => `@${inCopy(domain)}`);
  return {
    organizations: originals.organizations.map((row) => ({
      ...row,
      id: mapped(row.id),
      name: `${row.name} ${copy}`,
      website: row.website?.replace('://', `://c${copy}.`) ?? null,
    })),
    domains: originals.domains.map((row) => ({ ...row, organizationId: mapped(row.organizationId), domain: inCopy(row.domain) })),
    // A copy's firm is the copy of the original's firm, so its sort name gains the same suffix.
    contacts: originals.contacts.map((row) => ({
      ...row,
      id: mapped(row.id),
      organizationSortName: row.organizationSortName === null ? null : `${row.organizationSortName} ${copy}`,
    })),
    contactLinks: originals.contactLinks.map((row) => ({ ...row, contactId: mapped(row.contactId), organizationId: mapped(row.organizationId) })),
    emails: originals.emails.map((row) => ({
      ...row,
      id: newId(),
      contactId: mapped(row.contactId),
      email: emailInCopy(row.email),
      emailNormalized: emailInCopy(row.emailNormalized),
    })),
    phones: originals.phones.map((row) => ({ ...row, id: newId(), contactId: mapped(row.contactId) })),
    commitments: originals.commitments.map((row) => ({
      ...row,
      id: mapped(row.id),
      organizationId: mapped(row.organizationId),
      primaryContactId: row.primaryContactId ? mapped(row.primaryContactId) : null,
    })),
    stageChanges: originals.stageChanges.map((row) => ({ ...row, id: newId(), commitmentId: mapped(row.commitmentId) })),
    k1s: originals.k1s.map((row) => ({ ...row, commitmentId: mapped(row.commitmentId) })),
    tags: originals.tags.map((row) => ({ ...row, entityId: mapped(row.entityId) })),
    /** Original id → its copy, for the log entries. */
    ids,
  };
}

type CopiedRows = ReturnType<typeof copyRows>;

function gather(copies: CopiedRows[]) {
  const all = <Key extends Exclude<keyof CopiedRows, 'ids'>>(key: Key) => copies.flatMap((copy) => copy[key] as CopiedRows[Key][number][]);
  return {
    organizations: all('organizations'),
    domains: all('domains'),
    contacts: all('contacts'),
    contactLinks: all('contactLinks'),
    emails: all('emails'),
    phones: all('phones'),
    commitments: all('commitments'),
    stageChanges: all('stageChanges'),
    k1s: all('k1s'),
    tags: all('tags'),
  };
}

/**
 * Repeat the investors (organizations with their people and commitments) made for the first copy, so
 * the database holds `copies` sets in all. Copies share the first set's dates, owners and stage history.
 */
export async function replicateDemoInvestors(scope: WriteScope, organizationIds: string[], copies: number): Promise<ReplicaCounts> {
  if (copies < 2) return { organizations: 0, contacts: 0, commitments: 0 };
  const originals = await loadOriginals(scope, organizationIds);
  const copied = Array.from({ length: copies - 1 }, (_, index) => copyRows(originals, index + 2));
  const rows = gather(copied);
  const { tx } = scope;
  // Parents before children, as the foreign keys require.
  await insertInChunks(rows.organizations, (chunk) => tx.insertInto('organizations').values(chunk).execute());
  await insertInChunks(rows.domains, (chunk) => tx.insertInto('organizationDomains').values(chunk).execute());
  await insertInChunks(rows.contacts, (chunk) => tx.insertInto('contacts').values(chunk).execute());
  await insertInChunks(rows.contactLinks, (chunk) => tx.insertInto('contactOrganizations').values(chunk).execute());
  await insertInChunks(rows.emails, (chunk) => tx.insertInto('contactEmails').values(chunk).execute());
  await insertInChunks(rows.phones, (chunk) => tx.insertInto('contactPhones').values(chunk).execute());
  await insertInChunks(rows.commitments, (chunk) => tx.insertInto('commitments').values(chunk).execute());
  await insertInChunks(rows.stageChanges, (chunk) => tx.insertInto('stageChanges').values(chunk).execute());
  await insertInChunks(rows.k1s, (chunk) => tx.insertInto('commitmentK1s').values(chunk).execute());
  await insertInChunks(rows.tags, (chunk) => tx.insertInto('entityTags').values(chunk).execute());

  const created = (entityType: string, records: { id: string; version: number }[], originalOf: Map<string, string>): LogEntry[] =>
    records.map((record) => ({
      action: 'create',
      entityType,
      entityId: record.id,
      version: record.version,
      diff: { after: { copyOf: originalOf.get(record.id) ?? null } },
    }));
  const originalOf = new Map(copied.flatMap((copy) => [...copy.ids].map(([original, copyId]) => [copyId, original] as const)));
  await scope.logMany([
    ...created('organization', rows.organizations, originalOf),
    ...created('contact', rows.contacts, originalOf),
    ...created('commitment', rows.commitments, originalOf),
  ]);
  return { organizations: rows.organizations.length, contacts: rows.contacts.length, commitments: rows.commitments.length };
}
