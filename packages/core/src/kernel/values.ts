/** Small conversions between portable storage types and presented values. */
export const toBool = (value: number | null | undefined): boolean => value === 1;
export const toNullableBool = (value: number | null | undefined): boolean | null =>
  value === null || value === undefined ? null : value === 1;
export const fromBool = (value: boolean): number => (value ? 1 : 0);
export const fromNullableBool = (value: boolean | null | undefined): number | null =>
  value === null || value === undefined ? null : fromBool(value);

/** `undefined` means "not given" (leave unchanged); `null` means "clear". */
export function definedEntries<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Escape LIKE wildcards in user text so "50%" searches for a literal percent sign. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Narrow a stored string to an enum from contracts. Columns hold plain text, so a value the code no
 * longer knows (a bad import, a hand edit, a rolled-back release) fails loudly here instead of
 * reaching a client typed as something it is not.
 */
export function asEnum<Value extends string>(schema: { readonly options: readonly Value[] }, stored: string): Value {
  if ((schema.options as readonly string[]).includes(stored)) return stored as Value;
  throw new Error(`Unexpected stored value "${stored}"; expected one of ${schema.options.join(', ')}`);
}

export function asNullableEnum<Value extends string>(schema: { readonly options: readonly Value[] }, stored: string | null): Value | null {
  return stored === null ? null : asEnum(schema, stored);
}

/** Items by key, in their order: presenters attach a page's related rows without a scan per record. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
