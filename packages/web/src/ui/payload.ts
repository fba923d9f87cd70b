/** Keys whose value differs from the original, so an edit sends only what the user changed. */
export function changedFields<T extends Record<string, unknown>>(next: T, original: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(next[key] ?? null) !== JSON.stringify(original[key] ?? null)) out[key] = next[key];
  }
  return out;
}
