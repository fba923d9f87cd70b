/** Checkbox and multi-select cells as Airtable, Excel and Google Sheets export them. */

const TRUE_WORDS = new Set(['checked', 'true', 'yes', 'y', 'x', '1', '✓', '✔', '☑', 'on']);
const FALSE_WORDS = new Set(['unchecked', 'false', 'no', 'n', '0', 'off', '☐', '-']);

export type CheckboxResult = { ok: true; value: boolean } | { ok: false; error: string };

/** Blank is unchecked, like Airtable's export of an unticked box. */
export function parseCheckbox(cell: string): CheckboxResult {
  const text = cell.trim().toLowerCase();
  if (text === '' || FALSE_WORDS.has(text)) return { ok: true, value: false };
  if (TRUE_WORDS.has(text)) return { ok: true, value: true };
  return { ok: false, error: `"${cell.trim()}" is not a checkbox value (use checked, yes, true, x or 1)` };
}

/**
 * A multi-select cell: `A, B`, `A; B`, one per line, or Airtable's quoted form `"A, Inc","B"`. Values
 * keep their first spelling; repeats (case aside) are dropped.
 */
export function splitMultiSelect(cell: string): string[] {
  const values: string[] = [];
  const pattern = /"((?:[^"]|"")*)"|([^,;\n\r]+)/g;
  for (const match of cell.matchAll(pattern)) {
    const value = (match[1] !== undefined ? match[1].replace(/""/g, '"') : (match[2] ?? '')).trim();
    if (value !== '' && !values.some((seen) => seen.toLowerCase() === value.toLowerCase())) values.push(value);
  }
  return values;
}
