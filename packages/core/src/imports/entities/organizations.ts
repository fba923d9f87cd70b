import { type IdentitySourceRecord, type ImportRowError, OrganizationCreateInput, type OrganizationUpdateInput } from '@lpdesk/contracts';
import { upsertImportedRecord } from '../../identity/index.js';
import { findRow } from '../../kernel/records.js';
import type { Tx, WriteScope } from '../../kernel/write.js';
import { createOrganizationIn, presentOrganization, updateOrganizationIn } from '../../organizations/index.js';
import { type Known, organizationNameKey, type RunContext } from '../context.js';
import { customFieldValues, domainOf, externalIdOf, IMPORT_SOURCE, linkNotes, linkTags, settleTags } from '../links.js';
import type { RowValues } from '../read.js';
import { changedFields, type EntityAdapter, type FlatFields, flattenCustom, PLACEHOLDER_ID, pick, type RowPlan, schemaErrors, union, unflatten } from './types.js';

/** Name is the identity an update matched on: an update never renames. */
const SCALARS = ['kind', 'website', 'description', 'location', 'leadSource'] as const;

async function snapshot(tx: Tx, id: string, keys: string[]): Promise<FlatFields> {
  const view = await presentOrganization(tx, await findRow(tx, 'organizations', id, 'Organization'));
  const all: FlatFields = {
    name: view.name,
    ...Object.fromEntries(SCALARS.map((key) => [key, view[key]])),
    emailDomains: view.emailDomains,
    tagIds: view.tags.map((tag) => tag.id),
    ...flattenCustom(view.customFields, keys),
  };
  return pick(all, keys);
}

async function apply(scope: WriteScope, id: string, fields: FlatFields): Promise<void> {
  await updateOrganizationIn(scope, id, unflatten(fields) as OrganizationUpdateInput);
}

async function plan(context: RunContext, values: RowValues): Promise<RowPlan> {
  const errors: ImportRowError[] = [...values.errors];
  const notes: string[] = [];
  const columnOf = (key: string) => values.columns.get(key) ?? null;
  const name = values.values.get('name') as string | undefined;
  if (!name) errors.push({ column: columnOf('name'), message: 'Name: an organization needs a name' });
  const tags = linkTags(context, (values.values.get('tags') as string[] | undefined) ?? [], columnOf('tags'));
  errors.push(...tags.errors);
  const custom = customFieldValues(context, values);
  errors.push(...custom.errors);
  const scalars: FlatFields = {};
  for (const key of SCALARS) {
    const value = values.values.get(key);
    if (value !== undefined) scalars[key] = value;
  }
  const emailDomains = ((values.values.get('emailDomains') as string[] | undefined) ?? []).map((domain) => domain.toLowerCase().replace(/^@/, ''));
  const draft = { name: name ?? '', ...scalars, emailDomains, tagIds: [...tags.known, ...tags.restore, ...tags.create].map(() => PLACEHOLDER_ID), customFields: custom.values };
  const parsed = OrganizationCreateInput.safeParse(draft);
  errors.push(...schemaErrors(parsed, (path) => columnOf(String(path[0] ?? ''))));
  const website = parsed.success ? (parsed.data.website ?? undefined) : undefined;

  let duplicate: RowPlan['duplicate'] = null;
  const nameKey = name ? organizationNameKey(name) : '';
  const domain = domainOf(website);
  const byName = nameKey ? context.index.organizationsByName.get(nameKey) : undefined;
  if (byName) duplicate = { known: byName, reason: `same name (${byName.label})` };
  else if (domain) {
    const byDomain = context.index.organizationsByDomain.get(domain);
    if (byDomain) duplicate = { known: byDomain, reason: `same website domain ${domain} (${byDomain.label})` };
  }
  const register = (entityId: string | null, line: number) => {
    const known: Known = { entityId, line, label: name ?? '' };
    if (nameKey && !context.index.organizationsByName.has(nameKey)) context.index.organizationsByName.set(nameKey, known);
    if (domain && !context.index.organizationsByDomain.has(domain)) context.index.organizationsByDomain.set(domain, known);
  };
  const sourceRecord: IdentitySourceRecord = {
    source: IMPORT_SOURCE,
    externalId: externalIdOf(context, values.line),
    kind: 'organization',
    name: name ?? null,
    emails: [],
    phones: [],
    website: website ?? null,
    city: (scalars.location as string | undefined) ?? null,
  };
  return {
    errors,
    notes,
    linkNotes: linkNotes(null, tags),
    createErrors: custom.missingRequired,
    duplicate,
    createBlocked: null,
    sourceRecord: name ? sourceRecord : null,
    async create(scope) {
      const tagIds = await settleTags(scope, context, tags, values.line);
      let entityId: string | null = null;
      if (scope && parsed.success) {
        entityId = (await createOrganizationIn(scope, { ...parsed.data, tagIds })).id;
        await upsertImportedRecord(scope, sourceRecord, entityId, `created by import ${context.importId}, line ${values.line}`);
      }
      register(entityId, values.line);
      return entityId;
    },
    async update(scope, id) {
      const tagIds = await settleTags(scope, context, tags, values.line);
      register(id, values.line);
      if (!scope || !id || !parsed.success) return null;
      const wanted: FlatFields = { ...scalars, ...(website ? { website } : {}), ...flattenCustom(custom.values, Object.keys(custom.values).map((key) => `customFields.${key}`)) };
      const keys = [...Object.keys(wanted), ...(emailDomains.length ? ['emailDomains'] : []), ...(tagIds.length ? ['tagIds'] : [])];
      const before = await snapshot(scope.tx, id, keys);
      if (emailDomains.length) wanted.emailDomains = union(before.emailDomains as string[], emailDomains);
      if (tagIds.length) wanted.tagIds = union(before.tagIds as string[], tagIds);
      const changes = changedFields(before, wanted);
      if (Object.keys(changes).length > 0) await apply(scope, id, changes);
      const after = await snapshot(scope.tx, id, Object.keys(changes));
      await upsertImportedRecord(scope, sourceRecord, id, `updated by import ${context.importId}, line ${values.line}`);
      return { before: pick(before, Object.keys(changes)), after };
    },
  };
}

export const organizationAdapter: EntityAdapter = { entityType: 'organization', table: 'organizations', plan, snapshot, apply };
