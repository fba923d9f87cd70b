import { z } from 'zod';

/** Canonical ids are UUIDv7 strings; any RFC 4122 UUID is accepted on input. */
export const Id = z.uuid({ error: 'must be a UUID' }).meta({ id: 'Id' });
export type Id = z.infer<typeof Id>;

/** An instant in time. Any ISO-8601 offset is accepted; storage normalises to UTC. */
export const DateTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' });

/** A calendar date (no time zone), e.g. a due date or a close date. */
export const CalendarDate = z.iso.date({ error: 'must be a date in YYYY-MM-DD form' }).meta({ id: 'CalendarDate' });

/** An instant as the server presents it: UTC ISO-8601 with a `Z` (storage keeps UTC). */
export const Instant = z.iso.datetime({ error: 'must be a UTC ISO-8601 date-time' }).meta({ id: 'Instant' });

/**
 * Money is always integer minor units (cents) plus a currency code held by the fund.
 * z.int() rejects 12.5 outright instead of rounding it.
 */
export const MinorUnits = z
  .int({ error: 'must be an integer amount in minor units (e.g. cents), not a decimal' })
  .min(0, { error: 'must not be negative' })
  .max(Number.MAX_SAFE_INTEGER);

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, { error: 'must be a 3-letter ISO 4217 code such as USD' });

/**
 * Characters that render as nothing: zero-width spaces and joiners, word joiner and invisible
 * operators, bidirectional marks, soft hyphen, Mongolian vowel separator, byte-order mark.
 * A name made only of these (or of whitespace) looks blank in every list, so it is refused.
 */
const INVISIBLE_CHARACTERS = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** The text with invisible characters removed and whitespace trimmed: what a reader actually sees. */
export function visiblePart(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, '').trim();
}

export function hasVisibleText(text: string): boolean {
  return visiblePart(text).length > 0;
}

/**
 * Trimmed text that must show at least one visible character: whitespace-only and
 * zero-width-only values are refused. The stored value keeps inner characters (emoji sequences
 * need the zero-width joiner), only the surrounding whitespace is trimmed.
 */
export const visibleText = (max = 200) =>
  z
    .string()
    .trim()
    .refine(hasVisibleText, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

export const NonEmptyText = visibleText;

/**
 * The first place a NUL character (U+0000) appears in a value, as a path, or null. PostgreSQL
 * cannot store NUL in text, and no user-facing field needs it, so every door refuses it up front.
 */
export function findNulCharacter(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNulCharacter(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key];
      const found = findNulCharacter(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export const NUL_CHARACTER_MESSAGE = 'must not contain NUL (\\u0000) characters';

export const OptionalText = (max = 2000) => z.string().trim().max(max).nullable().optional();

export const Url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * A web address as people type it: `example.com` or `www.example.com/team` is read as
 * `https://example.com…`; an explicit http(s) scheme is kept. Stored and shown with its scheme.
 */
export const WebAddress = z
  .string()
  .trim()
  .transform((value) => (value === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value.replace(/^\/+/, '')}`))
  .pipe(z.url({ protocol: /^https?$/, hostname: /^[^.]+(\.[^.]+)+$|^localhost$/, error: 'must be a web address such as example.com' }));

export const Email = z
  .string()
  .trim()
  .max(320)
  .pipe(z.email({ error: 'must be a valid email address' }));

/** Query-string integers arrive as text; coerce but never default a bad value silently. */
export const queryInt = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(min)
    .max(max);

export const ListQueryBase = z.object({
  limit: queryInt(1, 500).default(50),
  offset: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
  q: z.string().trim().max(200).optional(),
  sort: z
    .string()
    .regex(/^-?[a-zA-Z]+$/, { error: 'must be a field name, prefixed with - for descending' })
    .optional(),
  /** `only` lists the trash; `include` lists live and trashed rows together. */
  deleted: z.enum(['only', 'include']).optional(),
});
export type ListQueryBase = z.infer<typeof ListQueryBase>;

/** A page of a collection as every list route answers it: `{data, total, limit, offset}`. */
export const ListEnvelope = <Item extends z.ZodType>(item: Item) =>
  z.object({
    data: z.array(item),
    /** Rows matching the filters, across all pages. */
    total: z.int().min(0),
    limit: z.int().min(1),
    offset: z.int().min(0),
  });
/** The type of a `ListEnvelope(item)` page; generic, so it is written out once here. */
export interface ListEnvelope<T> {
  data: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Output of an operation that answers with no body (HTTP 204). */
export const NoContent = z.void();

export const ErrorCode = z.enum([
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  /** A temporary password must be changed first (POST /api/auth/password). */
  'password_change_required',
  'not_found',
  'precondition_failed',
  'conflict',
  'unsupported_media_type',
  'payload_too_large',
  'rate_limited',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
}).meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A record version as sent in If-Match: the change applies only while the record is still at it. */
export const ExpectedVersion = z.number().int().min(1);

/** What every update operation takes: which record, the fields to change, and optionally the version edited. */
export function UpdateOperationInput<Changes extends z.ZodType>(changes: Changes) {
  return z.object({ id: Id, changes, expectedVersion: ExpectedVersion.optional() });
}

export const IdParams = z.object({ id: Id });

/** Values for custom fields: validated against their definitions in core. */
export const CustomFieldValues = z.record(
  z.string().regex(/^[a-z][a-z0-9_]*$/),
  z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
);

export const SoftDeleteFields = {
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  deletedBy: z.string().nullable(),
};
