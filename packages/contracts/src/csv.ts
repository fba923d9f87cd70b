/**
 * CSV cells for spreadsheet export (RFC 4180 quoting) that a spreadsheet app will not run as a
 * formula. Pure, so the web app and any server-side export share one definition.
 */

/**
 * Cells starting with these are read as formulas (or, for TAB and CR, let a formula hide behind
 * leading whitespace) by Excel, LibreOffice and Google Sheets: OWASP's CSV injection list.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** Text that cannot start a formula: a leading trigger character is prefixed with an apostrophe. */
export function neutralizeCsvText(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

/** One cell: lists are joined with "; ", numbers and booleans pass as they are, text is neutralized and quoted when needed. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  const text = Array.isArray(value) ? value.join('; ') : String(value);
  const safe = neutralizeCsvText(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<T>(rows: T[], columns: { label: string; value: (row: T) => unknown }[]): string {
  const header = columns.map((c) => csvField(c.label)).join(',');
  const lines = rows.map((row) => columns.map((c) => csvField(c.value(row))).join(','));
  return `${[header, ...lines].join('\r\n')}\r\n`;
}
