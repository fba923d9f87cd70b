import type { DomainEvent } from '@lpdesk/core';

const isPlain = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The names of the fields a change touched, from its diff (`before`/`after`). Custom fields are named
 * `customFields.<key>`. Only names leave the server: the values may belong to a private record.
 */
export function changedFields(event: DomainEvent): string[] {
  const before = isPlain(event.diff.before) ? event.diff.before : {};
  const after = isPlain(event.diff.after) ? event.diff.after : {};
  const names = new Set<string>();
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key];
    const now = after[key];
    if (key === 'customFields' && (isPlain(old) || isPlain(now))) {
      const oldFields = isPlain(old) ? old : {};
      const newFields = isPlain(now) ? now : {};
      for (const custom of new Set([...Object.keys(oldFields), ...Object.keys(newFields)])) {
        if (JSON.stringify(oldFields[custom] ?? null) !== JSON.stringify(newFields[custom] ?? null)) names.add(`customFields.${custom}`);
      }
      continue;
    }
    names.add(key);
  }
  return [...names];
}
