import { z } from 'zod';

/**
 * The one filter language: saved views (grid and lists) and automation conditions use it, and the
 * same evaluator runs in the core (grid rows, automation conditions) and in the browser (a quick check).
 *
 * A condition names a field by the path records are presented with: `name`, `kind`, `ownerId`,
 * `tags` (tag names), `customFields.<key>`, and on grid rows `fund:<fundId>:stage` and the like.
 * A value that is a relative date token such as `@today`, `@today-30d` or `@today+7d` resolves against
 * the core's clock (the `today` option), never the machine's.
 */
export const FilterOperator = z.enum([
  'eq',
  'neq',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'gt',
  'gte',
  'lt',
  'lte',
  'is_empty',
  'is_not_empty',
]);
export type FilterOperator = z.infer<typeof FilterOperator>;

const FilterScalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

export const FilterCondition = z
  .strictObject({
    field: z.string().min(1).max(120),
    op: FilterOperator,
    value: z.union([FilterScalar, z.array(FilterScalar).max(200)]).optional(),
  })
  .meta({ id: 'FilterCondition' });
export type FilterCondition = z.infer<typeof FilterCondition>;

export const FilterGroup = z
  .strictObject({
    match: z.enum(['all', 'any']).default('all'),
    conditions: z.array(FilterCondition).max(50).default([]),
  })
  .meta({ id: 'FilterGroup' });
export type FilterGroup = z.infer<typeof FilterGroup>;

export interface FilterOptions {
  /** The team's today (YYYY-MM-DD) from the core's clock, for `@today±Nd` values. */
  today?: string;
}

const RELATIVE_DATE = /^@today(?:([+-])(\d{1,4})d)?$/;

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function resolveValue(value: unknown, options: FilterOptions): unknown {
  if (typeof value !== 'string') return value;
  const match = RELATIVE_DATE.exec(value);
  if (!match) return value;
  if (!options.today) throw new Error(`"${value}" needs the team's today to resolve`);
  const days = match[2] ? Number(match[2]) * (match[1] === '-' ? -1 : 1) : 0;
  return addDays(options.today, days);
}

/** The value at a field path: an own key first (grid cells such as `fund:x:stage`), then a dotted path. */
export function fieldValue(record: Readonly<Record<string, unknown>>, field: string): unknown {
  if (Object.hasOwn(record, field)) return record[field];
  let current: unknown = record;
  for (const part of field.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Tags and references compare by name or id: `{id, name}` objects match either. */
function scalarsOf(value: unknown): unknown[] {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    if (item && typeof item === 'object') {
      const ref = item as { id?: unknown; name?: unknown };
      return [ref.id, ref.name].filter((part) => part !== undefined);
    }
    return [item];
  });
}

function equal(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
  if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '') return a === Number(b);
  return a === b;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function compare(a: unknown, b: unknown): number | null {
  if (isEmpty(a) || isEmpty(b)) return null;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '' && Number.isFinite(Number(b))) return a - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

function contains(haystack: unknown, needle: unknown): boolean {
  if (Array.isArray(haystack)) return scalarsOf(haystack).some((item) => equal(item, needle));
  if (typeof haystack === 'string' && typeof needle === 'string') return haystack.toLocaleLowerCase().includes(needle.toLocaleLowerCase());
  return false;
}

export function matchesCondition(record: Readonly<Record<string, unknown>>, condition: FilterCondition, options: FilterOptions = {}): boolean {
  const actual = fieldValue(record, condition.field);
  const raw = condition.value;
  const expected = Array.isArray(raw) ? raw.map((item) => resolveValue(item, options)) : resolveValue(raw, options);
  const values = scalarsOf(actual);
  const anyEqual = (target: unknown) => (Array.isArray(actual) ? values.some((item) => equal(item, target)) : values.some((item) => equal(item, target)));
  switch (condition.op) {
    case 'eq':
      return isEmpty(expected) ? isEmpty(actual) : anyEqual(expected);
    case 'neq':
      return isEmpty(expected) ? !isEmpty(actual) : !anyEqual(expected);
    case 'in':
      return (Array.isArray(expected) ? expected : [expected]).some(anyEqual);
    case 'not_in':
      return !(Array.isArray(expected) ? expected : [expected]).some(anyEqual);
    case 'contains':
      return contains(actual, expected);
    case 'not_contains':
      return !contains(actual, expected);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const order = compare(actual, expected);
      if (order === null) return false;
      if (condition.op === 'gt') return order > 0;
      if (condition.op === 'gte') return order >= 0;
      if (condition.op === 'lt') return order < 0;
      return order <= 0;
    }
    case 'is_empty':
      return isEmpty(actual);
    case 'is_not_empty':
      return !isEmpty(actual);
  }
}

/** Whether a presented record passes a filter group; an empty group passes everything. */
export function matchesFilter(record: Readonly<Record<string, unknown>>, group: FilterGroup | null | undefined, options: FilterOptions = {}): boolean {
  if (!group || group.conditions.length === 0) return true;
  return group.match === 'any'
    ? group.conditions.some((condition) => matchesCondition(record, condition, options))
    : group.conditions.every((condition) => matchesCondition(record, condition, options));
}
