import type { CustomFieldValue, ImportRowError } from '@lpdesk/contracts';
import { encodeValue } from '../custom-fields/rules.js';
import { websiteDomain } from '../identity/normalize/index.js';
import { refreshOrganizationSortNames } from '../contacts/organization-sort.js';
import { newId } from '../kernel/ids.js';
import { restoreRow } from '../kernel/records.js';
import type { WriteScope } from '../kernel/write.js';
import { createOrganizationIn } from '../organizations/index.js';
import { createTagIn } from '../tags/index.js';
import { emailKey, type Known, organizationNameKey, personNameKey, type RunContext, tagNameKey } from './context.js';
import { matchChoice, type RowValues } from './read.js';
import type { ParsedMoney } from './money.js';
import { storeImportedRecord } from './pending.js';

export const IMPORT_SOURCE = 'import.csv';

export const externalIdOf = (context: RunContext, line: number, suffix = '') => `${context.importId}:${line}${suffix}`;

/** An organization named by a row: known, to be created by this row (`create`), or an error. */
export type OrganizationLink = { known: Known; create: false; restore?: boolean } | { name: string; create: true } | { error: string };

export function linkOrganization(context: RunContext, name: string, allowCreate: boolean): OrganizationLink {
  const known = context.index.organizationsByName.get(organizationNameKey(name));
  if (known) return { known, create: false };
  if (!allowCreate) return { error: `no organization named "${name}"` };
  // Where the import would create it, one an undone import trashed comes back instead (a re-import after undo).
  const undone = context.index.undoneOrganizationsByName.get(organizationNameKey(name));
  if (undone) return { known: undone, create: false, restore: true };
  return { name, create: true };
}

/**
 * The organization's id, creating it now when the row names a new one (the dry run only registers it,
 * so later rows naming it see it as known, as they will in the run).
 */
export async function settleOrganization(scope: WriteScope | null, context: RunContext, link: OrganizationLink, line: number): Promise<string | null> {
  if ('error' in link) return null;
  if (!link.create && link.restore) return restoreOrganizationLink(scope, context, link.known);
  if (!link.create) return link.known.entityId;
  let entityId: string | null = null;
  if (scope) {
    if (context.pending?.organizations) {
      entityId = newId();
      context.pending.organizations.push({ id: entityId, name: link.name, kind: 'other' });
    } else entityId = (await createOrganizationIn(scope, { name: link.name, kind: 'other' })).id;
    context.createdLinks.push({ entityType: 'organization', id: entityId });
    await storeImportedRecord(
      scope,
      context.pending,
      { source: IMPORT_SOURCE, externalId: externalIdOf(context, line, ':organization'), kind: 'organization', name: link.name, emails: [], phones: [] },
      entityId,
      `organization named on line ${line} of import ${context.importId}`,
    );
  }
  context.index.organizationsByName.set(organizationNameKey(link.name), { entityId, line, label: link.name });
  return entityId;
}

/** Bring back an organization an undone import trashed; undoing this import trashes it again. */
async function restoreOrganizationLink(scope: WriteScope | null, context: RunContext, known: Known): Promise<string | null> {
  const key = organizationNameKey(known.label);
  context.index.undoneOrganizationsByName.delete(key);
  context.index.organizationsByName.set(key, { ...known, trashed: false, undone: false });
  if (!scope || !known.entityId) return known.entityId;
  await restoreRow(scope, 'organizations', 'organization', known.entityId, 'Organization');
  await refreshOrganizationSortNames(scope.tx, { organizationId: known.entityId });
  context.createdLinks.push({ entityType: 'organization', id: known.entityId });
  return known.entityId;
}

/** What a row's links add along the way, for its report (`new organization "X"`, `restores tag "Y" from the trash`). */
export function linkNotes(organization: OrganizationLink | null, tags: { create: string[]; restore: Known[] }): string[] {
  const notes: string[] = [];
  if (organization && 'create' in organization) {
    if (organization.create) notes.push(`new organization "${organization.name}"`);
    else if (organization.restore) notes.push(`restores organization "${organization.known.label}" from the trash (removed by an import undo)`);
  }
  for (const name of tags.create) notes.push(`new tag "${name}"`);
  for (const known of tags.restore) notes.push(`restores tag "${known.label}" from the trash (removed by an import undo)`);
  return notes;
}

/** Tag names to known tags, or names to create; trashed tags and (without createMissingTags) unknown ones are errors. */
export function linkTags(context: RunContext, names: string[], column: string | null): { known: Known[]; create: string[]; restore: Known[]; errors: ImportRowError[] } {
  const result = { known: [] as Known[], create: [] as string[], restore: [] as Known[], errors: [] as ImportRowError[] };
  for (const name of names) {
    if (name.length > 60) {
      result.errors.push({ column, message: `tag "${name.slice(0, 20)}…" is longer than 60 characters` });
      continue;
    }
    const known = context.index.tagsByName.get(tagNameKey(name));
    if (known?.trashed && known.undone && context.options.createMissingTags) result.restore.push(known);
    else if (known?.trashed) result.errors.push({ column, message: `tag "${known.label}" is in the trash; restore it first` });
    else if (known) result.known.push(known);
    else if (context.options.createMissingTags) result.create.push(name);
    else result.errors.push({ column, message: `no tag named "${name}"` });
  }
  return result;
}

export async function settleTags(scope: WriteScope | null, context: RunContext, link: { known: Known[]; create: string[]; restore?: Known[] }, line: number): Promise<string[]> {
  const ids: string[] = [];
  for (const known of link.known) if (known.entityId) ids.push(known.entityId);
  for (const known of link.restore ?? []) {
    context.index.tagsByName.set(tagNameKey(known.label), { ...known, trashed: false, undone: false });
    if (!scope || !known.entityId) continue;
    await restoreRow(scope, 'tags', 'tag', known.entityId, 'Tag');
    context.createdLinks.push({ entityType: 'tag', id: known.entityId });
    ids.push(known.entityId);
  }
  for (const name of link.create) {
    let entityId: string | null = null;
    if (scope) {
      entityId = (await createTagIn(scope, { name, color: '#64748b' })).id;
      context.createdLinks.push({ entityType: 'tag', id: entityId });
      ids.push(entityId);
    }
    context.index.tagsByName.set(tagNameKey(name), { entityId, line, label: name });
  }
  return ids;
}

/** Custom-field cells to stored values, checked against their definitions now (so the dry run reports them). */
export function customFieldValues(context: RunContext, values: RowValues): { values: Record<string, CustomFieldValue>; errors: ImportRowError[]; missingRequired: ImportRowError[] } {
  const result = { values: {} as Record<string, CustomFieldValue>, errors: [] as ImportRowError[], missingRequired: [] as ImportRowError[] };
  for (const [key, raw] of values.values) {
    if (!key.startsWith('custom.')) continue;
    const customKey = key.slice('custom.'.length);
    const definition = context.index.customDefinitions.get(customKey);
    const column = values.columns.get(key) ?? null;
    if (!definition) continue;
    let value: CustomFieldValue;
    const options = JSON.parse(definition.optionsJson) as string[];
    if (definition.type === 'money') value = (raw as ParsedMoney).minorUnits;
    else if (definition.type === 'multi_select') {
      const list = raw as string[];
      const matched = list.map((item) => matchChoice(item, options));
      const unknown = list.filter((_, position) => matched[position] === null);
      if (unknown.length > 0) {
        result.errors.push({ column, message: `${definition.label}: ${unknown.map((item) => `"${item}"`).join(', ')} not among ${options.join(', ')}` });
        continue;
      }
      value = matched as string[];
    } else value = raw as CustomFieldValue;
    const encoded = encodeValue(definition, value);
    if (typeof encoded === 'string') result.errors.push({ column, message: `${definition.label} ${encoded}` });
    else result.values[customKey] = value;
  }
  // A new record needs its required custom fields (an update may leave them as they are).
  for (const definition of context.index.customDefinitions.values()) {
    if (definition.required === 1 && result.values[definition.key] === undefined) result.missingRequired.push({ column: null, message: `${definition.label} is required` });
  }
  return result;
}

/** A contact named by email or name (a communication's participants, a commitment's primary contact). */
export function linkContact(context: RunContext, reference: string): { known: Known } | { error: string } {
  if (reference.includes('@')) {
    const known = context.index.contactsByEmail.get(emailKey(reference.replace(/^.*<|>.*$/g, '')));
    if (!known) return { error: `no contact with email ${reference}` };
    if (known.trashed) return { error: `the contact with email ${reference} is in the trash` };
    return { known };
  }
  const matches = context.index.contactsByName.get(personNameKey({ name: reference })) ?? [];
  if (matches.length === 0) return { error: `no contact named "${reference}"` };
  if (matches.length > 1) return { error: `${matches.length} contacts are named "${reference}"; use their email instead` };
  return { known: matches[0] as Known };
}

export function domainOf(website: string | undefined): string | null {
  return website ? websiteDomain(website) : null;
}
