import type { ImportEntity, ImportOptions } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';
import { normalizeOrganizationName, parsePersonName, websiteDomain } from '../identity/normalize/index.js';
import type { CoreContext } from '../kernel/context.js';
import type { Db } from '../db/connect.js';
import type { Tx } from '../kernel/write.js';
import { normalizeEmail } from '../contacts/normalize.js';
import type { TargetField } from './fields.js';
import type { PendingWrites } from './pending.js';

/**
 * A record the importer knows by a key: one in the database, or one an earlier row of this file
 * creates (`entityId` null in a dry run, where nothing is written). `trashed`: it sits in the trash.
 */
export interface Known {
  entityId: string | null;
  line: number | null;
  label: string;
  trashed?: boolean;
  /** In the trash because an import was undone: a later import naming it brings it back instead of failing. */
  undone?: boolean;
}

/**
 * Lookups by normalized key, loaded once per run (or per resumed batch series) and kept current as rows
 * create records, so a file that names the same person twice finds the first row's record.
 */
export interface ImportIndex {
  organizationsByName: Map<string, Known>;
  organizationsByDomain: Map<string, Known>;
  /** Organizations an undone import trashed, by name: a row naming one restores it rather than creating a second. */
  undoneOrganizationsByName: Map<string, Known>;
  contactsByEmail: Map<string, Known>;
  contactsByNameAndOrganization: Map<string, Known>;
  contactsByName: Map<string, Known[]>;
  tagsByName: Map<string, Known>;
  fundsByName: Map<string, { id: string; name: string; currency: string }>;
  commitmentsByPair: Map<string, Known>;
  customDefinitions: Map<string, Row<'customFieldDefinitions'>>;
}

export interface RunContext {
  core: CoreContext;
  importId: string;
  entity: ImportEntity;
  options: ImportOptions;
  fields: TargetField[];
  dryRun: boolean;
  index: ImportIndex;
  /** Where rows read: the batch's transaction in a run (SQLite has one connection), the database in a dry run. */
  db: Db | Tx;
  /** Phone cells already normalized in this run. */
  phones: Map<string, string | null>;
  /** Records a row created along the way (organizations, tags): undo trashes them with the row's record. */
  createdLinks: { entityType: 'organization' | 'tag'; id: string }[];
  /** In a run's batch: the writes deferred to the batch's end (null: write at once). */
  pending: PendingWrites | null;
}

export const organizationNameKey = (name: string) => normalizeOrganizationName(name).key || name.trim().toLowerCase();
export const personNameKey = (input: { name?: string | null; firstName?: string | null; lastName?: string | null }) => parsePersonName(input).key;
export const nameAndOrganizationKey = (personKey: string, organizationKey: string) => `${personKey}\u0001${organizationKey}`;
export const tagNameKey = (name: string) => name.trim().toLowerCase();
export const fundNameKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Read the lookups the entity needs (organizations and tags for all; contacts, funds, commitments where linked). */
export async function loadIndex(db: Db | Tx, entity: ImportEntity): Promise<ImportIndex> {
  const index: ImportIndex = {
    organizationsByName: new Map(),
    organizationsByDomain: new Map(),
    undoneOrganizationsByName: new Map(),
    contactsByEmail: new Map(),
    contactsByNameAndOrganization: new Map(),
    contactsByName: new Map(),
    tagsByName: new Map(),
    fundsByName: new Map(),
    commitmentsByPair: new Map(),
    customDefinitions: new Map(),
  };
  const organizations = await db.selectFrom('organizations').select(['id', 'name', 'website']).where('deletedAt', 'is', null).orderBy('id').execute();
  const organizationNames = new Map<string, string>();
  for (const organization of organizations) {
    const known = { entityId: organization.id, line: null, label: organization.name };
    organizationNames.set(organization.id, organization.name);
    const key = organizationNameKey(organization.name);
    if (!index.organizationsByName.has(key)) index.organizationsByName.set(key, known);
    const domain = websiteDomain(organization.website);
    if (domain && !index.organizationsByDomain.has(domain)) index.organizationsByDomain.set(domain, known);
  }
  const undone = await trashedByUndoneImports(db);
  for (const organization of await db.selectFrom('organizations').select(['id', 'name']).where('deletedAt', 'is not', null).orderBy('id').execute()) {
    const key = organizationNameKey(organization.name);
    if (undone.has(organization.id) && !index.organizationsByName.has(key) && !index.undoneOrganizationsByName.has(key)) {
      index.undoneOrganizationsByName.set(key, { entityId: organization.id, line: null, label: organization.name, trashed: true, undone: true });
    }
  }
  for (const tag of await db.selectFrom('tags').select(['id', 'name', 'deletedAt']).execute()) {
    const trashed = tag.deletedAt !== null;
    index.tagsByName.set(tagNameKey(tag.name), { entityId: tag.id, line: null, label: tag.name, trashed, ...(trashed && undone.has(tag.id) ? { undone: true } : {}) });
  }
  if (entity === 'contacts' || entity === 'communications' || entity === 'commitments') {
    const emails = await db
      .selectFrom('contactEmails as ce')
      .innerJoin('contacts as c', 'c.id', 'ce.contactId')
      .select(['ce.emailNormalized', 'c.id', 'c.firstName', 'c.lastName', 'c.deletedAt'])
      .execute();
    for (const email of emails) {
      const trashed = email.deletedAt !== null;
      index.contactsByEmail.set(email.emailNormalized, { entityId: email.id, line: null, label: `${email.firstName} ${email.lastName}`.trim(), trashed, ...(trashed && undone.has(email.id) ? { undone: true } : {}) });
    }
    const contacts = await db
      .selectFrom('contacts as c')
      .leftJoin('contactOrganizations as co', (join) => join.onRef('co.contactId', '=', 'c.id').on('co.isPrimary', '=', 1))
      .select(['c.id', 'c.firstName', 'c.lastName', 'co.organizationId'])
      .where('c.deletedAt', 'is', null)
      .orderBy('c.id')
      .execute();
    for (const contact of contacts) {
      const known = { entityId: contact.id, line: null, label: `${contact.firstName} ${contact.lastName}`.trim() };
      const person = personNameKey({ firstName: contact.firstName, lastName: contact.lastName });
      const organizationName = contact.organizationId ? organizationNames.get(contact.organizationId) : undefined;
      const key = nameAndOrganizationKey(person, organizationName ? organizationNameKey(organizationName) : '');
      if (!index.contactsByNameAndOrganization.has(key)) index.contactsByNameAndOrganization.set(key, known);
      push(index.contactsByName, person, known);
    }
  }
  if (entity === 'commitments') {
    for (const fund of await db.selectFrom('funds').select(['id', 'name', 'currency']).where('deletedAt', 'is', null).execute()) {
      index.fundsByName.set(fundNameKey(fund.name), fund);
    }
    const commitments = await db.selectFrom('commitments').select(['id', 'organizationId', 'fundId', 'deletedAt']).execute();
    for (const commitment of commitments) {
      index.commitmentsByPair.set(`${commitment.organizationId}|${commitment.fundId}`, {
        entityId: commitment.id,
        line: null,
        label: 'commitment',
        trashed: commitment.deletedAt !== null,
      });
    }
  }
  return index;
}

/** Records that went to the trash when an import was undone (the undo logs each with the import's id as batch id). */
async function trashedByUndoneImports(db: Db | Tx): Promise<Set<string>> {
  const rows = await db
    .selectFrom('activityLog')
    .select('entityId')
    .where('action', '=', 'delete')
    .where('batchId', 'in', (eb) => eb.selectFrom('imports').select('id').where('status', '=', 'undone'))
    .execute();
  return new Set(rows.flatMap((row) => (row.entityId ? [row.entityId] : [])));
}

export function emailKey(email: string): string {
  return normalizeEmail(email);
}
