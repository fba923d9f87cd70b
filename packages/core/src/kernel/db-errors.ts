import { Conflict, DomainError, Invalid } from './errors.js';

/**
 * Database errors that are the user's business, turned into domain errors in one place (write()
 * calls it for every command). The commands check for duplicates first, but two requests can pass
 * that check together; the unique index then decides, and the loser gets a 409 like the
 * sequential case, worded for the user, with no constraint or column names in it.
 */

interface UniqueMeaning {
  message: string;
  /** The input field to highlight in a form. */
  field: string;
}

/** Tables whose unique indexes users can hit, by table name (snake_case, as the database reports it). */
const UNIQUE_MEANING: Record<string, UniqueMeaning> = {
  users: { message: 'That username is taken', field: 'username' },
  tags: { message: 'A tag with that name already exists', field: 'name' },
  custom_field_definitions: { message: 'A custom field with that key already exists for this kind of record', field: 'key' },
  commitments: { message: 'This investor already has a commitment to this fund', field: 'fundId' },
  contact_emails: { message: 'That email address already belongs to another contact', field: 'emails' },
  organization_domains: { message: 'That email domain is listed twice', field: 'emailDomains' },
};

const GENERIC_DUPLICATE = 'This conflicts with a record that already exists (someone may have just created it); reload and try again';

interface DriverError {
  code?: unknown;
  message?: unknown;
  table?: unknown;
}

const isDriverError = (error: unknown): error is DriverError => typeof error === 'object' && error !== null && 'code' in error;

/** SQLite names the columns, e.g. "UNIQUE constraint failed: tags.name_normalized"; PostgreSQL names the table. */
function tableOf(error: DriverError): string | null {
  if (typeof error.table === 'string') return error.table;
  const match = typeof error.message === 'string' ? /constraint failed: ([a-z_]+)\./.exec(error.message) : null;
  return match?.[1] ?? null;
}

function duplicate(error: DriverError): Conflict {
  const table = tableOf(error);
  const meaning = table !== null && Object.hasOwn(UNIQUE_MEANING, table) ? UNIQUE_MEANING[table] : undefined;
  if (!meaning) return new Conflict(GENERIC_DUPLICATE);
  return new Conflict(meaning.message, { issues: [{ path: [meaning.field], message: 'already exists' }] });
}

/** The domain error a database error stands for, or null when it is a genuine failure (a 500). */
export function translateDatabaseError(error: unknown): DomainError | null {
  if (error instanceof DomainError || !isDriverError(error)) return null;
  const message = typeof error.message === 'string' ? error.message : '';
  switch (error.code) {
    // SQLite (better-sqlite3) extended result codes.
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return duplicate(error);
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      // SQLite does not say which side failed: a reference to a row just removed, or a removal of a row still referred to.
      return new Conflict('This refers to a record that no longer exists, or is still referred to by other records; reload and try again');
    // PostgreSQL SQLSTATEs.
    case '23505':
      return duplicate(error);
    case '23503':
      return message.startsWith('update or delete')
        ? new Conflict('This record is still referred to by other records')
        : new Invalid('This refers to a record that no longer exists; reload and try again');
    case '22021':
    case '22P05':
      // NUL characters are refused at every door; this is the last line if one slips through.
      return new Invalid('Text must not contain NUL (\\u0000) characters');
    default:
      return null;
  }
}

/** For promise chains: rethrow a database error as the domain error it stands for. */
export function rethrowAsDomainError(error: unknown): never {
  throw translateDatabaseError(error) ?? error;
}
