import { HttpError } from './errors.js';

/**
 * Read the version a client edited from `If-Match: "<version>"` (weak `W/"3"` and bare `3` are
 * accepted too; `*` means "any version"). Versions are the records' own integers, so the entity tag
 * is simply that number.
 */
export function expectedVersionFrom(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*' || value === '') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value);
  const version = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new HttpError(400, 'bad_request', 'If-Match must be the record version you edited, e.g. If-Match: "3"', {
      issues: [{ path: ['headers', 'if-match'], message: 'expected a quoted version number' }],
    });
  }
  return version;
}

/** The entity tag of a single presented record, so clients can send it back as If-Match. */
export function entityTagOf(result: unknown): string | null {
  if (!result || typeof result !== 'object' || 'total' in result) return null;
  const version = (result as { version?: unknown }).version;
  return typeof version === 'number' ? `"${version}"` : null;
}
