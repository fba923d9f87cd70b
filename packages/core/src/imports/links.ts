import type { CustomFieldValue, ImportRowError } from '@lpdesk/contracts';
import { encodeValue } from '../custom-fields/rules.js';
import { websiteDomain } from '../identity/normalize/index.js';
import { newId } from '../kernel/ids.js';
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
export type OrganizationLink = { known: Known; create: false } | { name: string; create: true } | { error: string };

export function linkOrganization(context: RunContext, name: string, allowCreate: boolean): OrganizationLink {
  const known = context.index.organizationsByName.get(organizationNameKey(name));
  if (known) return { known, create: false };
  if (!allowCreate) return { error: `no organization named "${name}"` };
  return { name, create: true };
}

/**
 * The organization's id, creating it now when the row names a new one (the dry run only registers it,
 * so later rows naming it see it as known, as they will in the run).
 */
export async function settleOrganization(scope: WriteScope | null, context: RunContext, link: OrganizationLink, line: number): Promise<string | null> {
  if ('error' in link) return null;
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

/** Tag names to known tags, or names to create; trashed tags and (without createMissingTags) unknown ones are errors. */
export function linkTags(context: RunContext, names: string[], column: string | null): { known: Known[]; create: string[]; errors: ImportRowError[] } {
  const result = { known: [] as Known[], create: [] as string[], errors: [] as ImportRowError[] };
  for (const name of names) {
    if (name.length > 60) {
      result.errors.push({ column, message: `tag "${name.slice(0, 20)}…" is longer than 60 characters` });
      continue;
    }
    const known = context.index.tagsByName.get(tagNameKey(name));
    if (known?.trashed) result.errors.push({ column, message: `tag "${known.label}" is in the trash; restore it first` });
    else if (known) result.known.push(known);
    else if (context.options.createMissingTags) result.create.push(name);
    else result.errors.push({ column, message: `no tag named "${name}"` });
  }
  return result;
}

export async function settleTags(scope: WriteScope | null, context: RunContext, link: { known: Known[]; create: string[] }, line: number): Promise<string[]> {
  const ids: string[] = [];
  for (const known of link.known) if (known.entityId) ids.push(known.entityId);
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
export function customFieldValues(context: RunContext, values: RowValues): { values: Record<string, CustomFieldValue>; errors: ImportRowError[] } {
  const result = { values: {} as Record<string, CustomFieldValue>, errors: [] as ImportRowError[] };
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
