import type { OrganizationCreateInput, OrganizationUpdateInput } from '@lpdesk/contracts';
import { sql } from 'kysely';
import { writeCustomFieldValues } from '../custom-fields/index.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { newId } from '../kernel/ids.js';
import { refreshOrganizationSortNames } from '../contacts/organization-sort.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, findRow, restoreRow, softDeleteRow } from '../kernel/records.js';
import { definedEntries } from '../kernel/values.js';
import { Conflict } from '../kernel/errors.js';
import { diffRecords, type WriteScope, write } from '../kernel/write.js';
import { assertUserExists } from '../shared/lookups.js';
import { setEntityTags } from '../tags/index.js';
import { manualOrganizationRecord, suggestForEntity, upsertManualRecord } from '../identity/manual.js';
import { refuseRestoreOfMerged } from '../identity/merged-away.js';
import { type OrganizationView, presentOrganization } from './presenter.js';

async function replaceDomains(scope: WriteScope, organizationId: string, domains: string[]) {
  await scope.tx.deleteFrom('organizationDomains').where('organizationId', '=', organizationId).execute();
  const unique = [...new Set(domains)];
  if (unique.length > 0) {
    await scope.tx.insertInto('organizationDomains').values(unique.map((domain) => ({ organizationId, domain }))).execute();
  }
}

/** Names that differ only in case or spacing are the same name. */
const sameNameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The organization as its create and update log entries record it. */
export function snapshot(view: OrganizationView) {
  const { owner: _owner, relationship: _relationship, createdAt: _c, updatedAt: _u, ...rest } = view;
  return { ...rest, tags: view.tags.map((t) => t.name) };
}

/** Create within an existing write scope, so imports and seeds can batch many records in one transaction. */
export async function createOrganizationIn(scope: WriteScope, input: OrganizationCreateInput): Promise<OrganizationView> {
  await assertUserExists(scope.tx, input.ownerId, 'ownerId');
  const row = {
    id: newId(),
    name: input.name,
    kind: input.kind,
    website: input.website ?? null,
    description: input.description ?? null,
    location: input.location ?? null,
    leadSource: input.leadSource ?? null,
    // Owner defaults to the person creating the record (an API key's creator; none for the system).
    ownerId: input.ownerId === undefined ? scope.actor.userId : input.ownerId,
    ...auditedInsertFields(scope),
  };
  await scope.tx.insertInto('organizations').values(row).execute();
  await replaceDomains(scope, row.id, input.emailDomains ?? []);
  await setEntityTags(scope, 'organization', row.id, input.tagIds ?? []);
  await writeCustomFieldValues(scope, 'organization', row.id, input.customFields, 'create');
  const view = await presentOrganization(scope.tx, row);
  await scope.log({ action: 'create', entityType: 'organization', entityId: row.id, diff: { after: snapshot(view) } });
  return view;
}

/**
 * A live organization whose name is the same as `name` once case and spacing are set aside, other than
 * `exceptId`. Creating or renaming onto it needs `allowDuplicateName` (the door asks the person first).
 */
async function assertNameNotTaken(scope: WriteScope, name: string, exceptId: string | null): Promise<void> {
  const wanted = sameNameKey(name);
  if (exceptId) {
    // Keeping one's own name (or changing only its case) is no rename onto another record.
    const current = await scope.tx.selectFrom('organizations').select('name').where('id', '=', exceptId).executeTakeFirst();
    if (current && sameNameKey(current.name) === wanted) return;
  }
  let query = scope.tx
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('deletedAt', 'is', null)
    .where(sql<string>`lower(trim(name))`, '=', wanted.trim());
  if (exceptId) query = query.where('id', '!=', exceptId);
  const existing = (await query.limit(20).execute()).find((row) => sameNameKey(row.name) === wanted);
  if (!existing) return;
  throw new Conflict(`An organization named "${existing.name}" already exists`, {
    existing: { id: existing.id, name: existing.name },
    issues: [{ path: ['name'], message: `An organization named "${existing.name}" already exists` }],
  });
}

export async function createOrganization(core: CoreContext, actor: Actor, input: OrganizationCreateInput) {
  const { allowDuplicateName, ...fields } = input;
  const view = await write(core, actor, async (scope) => {
    if (!allowDuplicateName) await assertNameNotTaken(scope, fields.name, null);
    const created = await createOrganizationIn(scope, fields);
    await upsertManualRecord(scope, manualOrganizationRecord(created));
    return created;
  });
  await suggestForEntity(core, actor, 'organization', view.id);
  return view;
}

export async function updateOrganizationIn(scope: WriteScope, id: string, changes: OrganizationUpdateInput, expectedVersion?: number): Promise<OrganizationView> {
    const beforeRow = await claimRow(scope, 'organizations', id, 'Organization', { expectedVersion, present: (row) => presentOrganization(scope.tx, row) });
    const before = await presentOrganization(scope.tx, beforeRow);
    await assertUserExists(scope.tx, changes.ownerId, 'ownerId');
    const { emailDomains, tagIds, customFields, ...columns } = changes;
    await scope.tx
      .updateTable('organizations')
      .set({ ...definedEntries(columns), ...auditedUpdateFields(scope) })
      .where('id', '=', id)
      .execute();
    if (emailDomains) await replaceDomains(scope, id, emailDomains);
    if (columns.name !== undefined && columns.name !== beforeRow.name) await refreshOrganizationSortNames(scope.tx, { organizationId: id });
    if (tagIds) await setEntityTags(scope, 'organization', id, tagIds);
    if (customFields) await writeCustomFieldValues(scope, 'organization', id, customFields, 'update');
    const after = await presentOrganization(scope.tx, await findRow(scope.tx, 'organizations', id, 'Organization'));
    await scope.log({ action: 'update', entityType: 'organization', entityId: id, diff: diffRecords(snapshot(before), snapshot(after)) });
    return after;
}

export async function updateOrganization(core: CoreContext, actor: Actor, id: string, changes: OrganizationUpdateInput, expectedVersion?: number) {
  const { allowDuplicateName, ...fields } = changes;
  const view = await write(core, actor, async (scope) => {
    if (fields.name !== undefined && !allowDuplicateName) await assertNameNotTaken(scope, fields.name, id);
    const updated = await updateOrganizationIn(scope, id, fields, expectedVersion);
    await upsertManualRecord(scope, manualOrganizationRecord(updated));
    return updated;
  });
  await suggestForEntity(core, actor, 'organization', view.id);
  return view;
}

export function deleteOrganization(core: CoreContext, actor: Actor, id: string) {
  return write(core, actor, async (scope) => {
    await softDeleteRow(scope, 'organizations', 'organization', id, 'Organization');
    await refreshOrganizationSortNames(scope.tx, { organizationId: id });
  });
}

export async function restoreOrganization(core: CoreContext, actor: Actor, id: string) {
  await write(core, actor, async (scope) => {
    await refuseRestoreOfMerged(scope.tx, 'Organization', id);
    await restoreRow(scope, 'organizations', 'organization', id, 'Organization');
    await refreshOrganizationSortNames(scope.tx, { organizationId: id });
  });
  return presentOrganization(core.db, await findRow(core.db, 'organizations', id, 'Organization'));
}
