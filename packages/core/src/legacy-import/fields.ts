import type { CustomFieldType, LinkableEntity } from '@lpdesk/contracts';
import { createCustomFieldIn, writeCustomFieldValues } from '../custom-fields/commands.js';
import { createTagIn } from '../tags/commands.js';
import { countCreated } from './report.js';
import { type ImportRun, normalizedName } from './run.js';

type FieldValue = string | number | boolean | string[] | null;

/** A custom field the import needs (lead source, grid flags, grid custom columns, legacy-only facts), made once. */
export async function ensureCustomField(
  run: ImportRun,
  entityType: LinkableEntity,
  key: string,
  label: string,
  type: CustomFieldType,
  options: string[] = [],
): Promise<void> {
  const { tx } = run.scope;
  const known = await tx
    .selectFrom('customFieldDefinitions')
    .select(['id', 'optionsJson', 'deletedAt'])
    .where('entityType', '=', entityType)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!known) {
    await createCustomFieldIn(run.scope, { entityType, key, label: label.slice(0, 100), type, options, required: false });
    countCreated(run.report, 'custom_field');
    return;
  }
  if (known.deletedAt) await tx.updateTable('customFieldDefinitions').set({ deletedAt: null, deletedBy: null }).where('id', '=', known.id).execute();
  const current = JSON.parse(known.optionsJson) as string[];
  const missing = options.filter((option) => !current.includes(option));
  if (missing.length > 0)
    await tx
      .updateTable('customFieldDefinitions')
      .set({ optionsJson: JSON.stringify([...current, ...missing]) })
      .where('id', '=', known.id)
      .execute();
}

/** Set values (only the non-empty ones: an empty legacy cell never clears what LP Desk holds). */
export async function setCustomValues(
  run: ImportRun,
  entityType: LinkableEntity,
  entityId: string,
  values: Record<string, FieldValue | undefined>,
): Promise<void> {
  const given = Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)),
  ) as Record<string, Exclude<FieldValue, null>>;
  if (Object.keys(given).length === 0) return;
  // A text custom field holds 500 characters; a longer legacy value keeps its start (the whole row stays on its source record).
  for (const [key, value] of Object.entries(given)) if (typeof value === 'string' && value.length > 500) given[key] = value.slice(0, 500);
  await writeCustomFieldValues(run.scope, entityType, entityId, given, 'update');
}

/** `Warm intro?` → `warm_intro`: a custom-field key from a legacy column name. */
export function fieldKey(prefix: string, name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${prefix}${slug || 'column'}`.slice(0, 50);
}

const DEFAULT_TAG_COLOR = '#64748b';

/** The tag of that name (case-insensitive), created on first use with the legacy palette's colour when it has one. */
export async function tagId(run: ImportRun, name: string, color?: string | null): Promise<string> {
  const key = normalizedName(name);
  const cached = run.tagsByName.get(key);
  if (cached) return cached;
  const known = await run.scope.tx.selectFrom('tags').select(['id', 'deletedAt']).where('nameNormalized', '=', key).executeTakeFirst();
  let id: string;
  if (known) {
    id = known.id;
  } else {
    id = (await createTagIn(run.scope, { name: name.trim().slice(0, 60), color: color && /^#[0-9a-fA-F]{6}$/.test(color) ? color : DEFAULT_TAG_COLOR })).id;
    countCreated(run.report, 'tag');
  }
  run.tagsByName.set(key, id);
  return id;
}

/** Add tags to a record (never removes one: a tag added in LP Desk since stays). */
export async function addTags(run: ImportRun, entityType: LinkableEntity, entityId: string, names: string[]): Promise<void> {
  const { tx, now } = run.scope;
  for (const name of new Set(names.map((n) => n.trim()).filter(Boolean))) {
    const id = await tagId(run, name);
    const has = await tx
      .selectFrom('entityTags')
      .select('tagId')
      .where('tagId', '=', id)
      .where('entityType', '=', entityType)
      .where('entityId', '=', entityId)
      .executeTakeFirst();
    if (!has) await tx.insertInto('entityTags').values({ tagId: id, entityType, entityId, createdAt: now }).execute();
  }
}
