import { type ActivityChange, type ActivityEntry, ActorKind, Door } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';
import { ENTITY_TYPES, isEntityType } from '../kernel/entities.js';
import { asEnum } from '../kernel/values.js';
import { isNamedType, REFERENCE_LISTS, referenceTypeOf } from './names.js';

type Names = Map<string, string>;
type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** `ownerId` → "Owner", `tagIds` → "Tags", `nextActionDueOn` → "Next action due on". */
export function fieldLabel(field: string): string {
  const base = field.replace(/Ids$/, 's').replace(/Id$/, '');
  const words = base.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replaceAll('_', ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Fields that say nothing to a reader of the log. */
const HIDDEN_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

/** A value as a person reads it: referenced ids become names (the id itself when the record is gone). */
function valueText(field: string, value: unknown, names: Names, container: Plain | null): string | null {
  if (value === null || value === undefined || value === '') return null;
  const type = referenceTypeOf(field, container);
  const listType = REFERENCE_LISTS[field];
  if (Array.isArray(value)) {
    const parts = value.map((item) => {
      if (type && typeof item === 'string') return names.get(`${type}:${item}`) ?? item;
      if (listType && isPlain(item)) return linkText(listType, item, names);
      return valueText(field, item, names, null);
    });
    return parts.filter((part): part is string => part !== null && part !== '').join(', ') || null;
  }
  if (type && typeof value === 'string') return names.get(`${type}:${value}`) ?? value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isPlain(value)) {
    const parts = Object.entries(value).map(([key, inner]) => {
      const text = valueText(key, inner, names, value);
      return text === null ? null : `${fieldLabel(key)}: ${text}`;
    });
    return parts.filter((part): part is string => part !== null).join(' · ') || null;
  }
  return JSON.stringify(value);
}

/** A linked record in a list, e.g. {id, role, isPrimary} → "Acme Capital (Partner, primary)". */
function linkText(type: string, link: Plain, names: Names): string {
  const name = typeof link.id === 'string' ? (names.get(`${type}:${link.id}`) ?? link.id) : '?';
  const details = [typeof link.role === 'string' && link.role ? link.role : null, link.isPrimary === true ? 'primary' : null].filter(Boolean);
  return details.length > 0 ? `${name} (${details.join(', ')})` : name;
}

/** The field-by-field changes of a `{before, after}` diff (only what differs), or of a flat change map. */
export function changesOf(diff: unknown, names: Names): ActivityChange[] {
  if (!isPlain(diff)) return [];
  const hasSides = 'before' in diff || 'after' in diff;
  const before = hasSides && isPlain(diff.before) ? diff.before : {};
  const after = hasSides ? (isPlain(diff.after) ? diff.after : {}) : diff;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => !HIDDEN_FIELDS.has(field) && JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({
      field,
      label: fieldLabel(field),
      before: valueText(field, before[field], names, before),
      after: valueText(field, after[field], names, after),
    }))
    .filter((change) => change.before !== change.after);
}

const entityLabel = (type: string) => (isEntityType(type) ? ENTITY_TYPES[type].label.toLowerCase() : type.replaceAll('_', ' '));

/** Who did it, when the entry names no one: "System created organization Acme Capital". */
const ACTOR_KIND_NAMES: Record<string, string> = { system: 'System', user: 'Someone', api_key: 'An API key', agent: 'An agent' };

/** Actions on one's own account read without the record: "Casey signed in". */
const OWN_ACCOUNT_VERBS: Record<string, string> = {
  login: 'signed in',
  logout: 'signed out',
  change_password: 'changed their password',
  rehash_password: 'had their password hash upgraded',
};

/** Other actions: "Casey reset the password of user Sam Rivera". */
const VERBS: Record<string, string> = {
  reset_password: 'reset the password of',
  revoke: 'revoked',
  purge: 'purged',
  import: 'imported',
  stage_change: 'changed the stage of',
  login_failed: 'saw a failed sign-in for',
  login_locked: 'saw a locked-out sign-in for',
  retry: 'retried',
  enqueue: 'queued',
  merge: 'merged duplicates of',
  unmerge: 'undid a merge of',
  add_introduction: 'recorded who introduced',
  remove_introduction: 'removed an introduction of',
  link_record: 'linked a source record to',
  reject_suggestion: 'said these are not duplicates:',
  scan: 'ran a full scan of',
  backfill: 'filed',
};

/**
 * One sentence for the entry: "Casey changed Owner of Acme Capital from Jane to Sam", "Casey created
 * organization Acme Capital", "Casey moved contact Julia Novak to the trash".
 */
function summaryOf(actor: string, action: string, type: string, name: string | null, changes: ActivityChange[]): string {
  const record = name ? `${entityLabel(type)} ${name}` : entityLabel(type);
  switch (action) {
    case 'create':
      return `${actor} created ${record}`;
    case 'delete':
      return `${actor} moved ${record} to the trash`;
    case 'restore':
      return `${actor} restored ${record} from the trash`;
    case 'update': {
      const target = name ?? `the ${entityLabel(type)}`;
      if (changes.length === 0) return `${actor} saved ${record} without changes`;
      if (changes.length > 1) return `${actor} changed ${changes.map((c) => c.label).join(', ')} of ${target}`;
      const [change] = changes as [ActivityChange];
      if (change.before === null) return `${actor} set ${change.label} of ${target} to ${change.after ?? 'nothing'}`;
      if (change.after === null) return `${actor} cleared ${change.label} of ${target} (was ${change.before})`;
      return `${actor} changed ${change.label} of ${target} from ${change.before} to ${change.after}`;
    }
    default: {
      const own = OWN_ACCOUNT_VERBS[action];
      if (own) return `${actor} ${own}`;
      return `${actor} ${VERBS[action] ?? action.replaceAll('_', ' ')} ${record}`;
    }
  }
}

/** `names` holds "type:id" → name for the entry's record and every id its diff refers to (see listActivity). */
export function presentActivityEntry(row: Row<'activityLog'>, diff: unknown = JSON.parse(row.diffJson), names: Names = new Map()): ActivityEntry {
  const entityName = row.entityId && isNamedType(row.entityType) ? (names.get(`${row.entityType}:${row.entityId}`) ?? null) : null;
  const changes = changesOf(diff, names);
  const actor = row.actorName ?? ACTOR_KIND_NAMES[row.actorKind] ?? row.actorKind;
  return {
    id: row.id,
    at: row.at,
    actorKind: asEnum(ActorKind, row.actorKind),
    actorId: row.actorId,
    actorName: row.actorName,
    door: asEnum(Door, row.door),
    requestId: row.requestId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    entityName,
    summary: summaryOf(actor, row.action, row.entityType, entityName, changes),
    changes,
    diff,
    historical: row.historical === 1,
  };
}
