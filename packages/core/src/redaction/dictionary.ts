import { sql } from 'kysely';
import { parsePhoneNumberWithError } from 'libphonenumber-js';
import { nicknameForms } from '../identity/normalize/nicknames.js';
import { normalizeOrganizationName } from '../identity/normalize/organization-names.js';
import type { CoreContext } from '../kernel/context.js';
import { COMMON_WORD_NAMES } from './common-words.js';
import { foldWord } from './fold.js';
import type { PlaceholderKind } from './placeholders.js';

/**
 * The names the CRM knows, as token sequences for the free-text scanner: every contact's full name (also
 * "Last, First" and nickname forms), first and last names alone, every organization's name as written and
 * normalized (legal suffix dropped, "&" as "and"), its acronym and its web domains. Built once per core and
 * rebuilt when contacts or organizations change (a signature query: their count and latest update).
 */
export interface NameEntry {
  /** Folded tokens ("jose", "garcia"). */
  tokens: readonly string[];
  kind: Extract<PlaceholderKind, 'PERSON' | 'ORG'>;
  /** The value the placeholder stands for, normalized: mentions with the same key share a placeholder. */
  key: string;
  /** Single words match only when written with a capital ("Rose said", not "rose by 5%"). */
  capitalized: boolean;
}

export interface NameDictionary {
  /** Entries by their first token, longest first. */
  byFirstToken: ReadonlyMap<string, readonly NameEntry[]>;
  /** National significant number → E.164 of the CRM's phones: a national-format mention in any region is found. */
  phoneNationalNumbers: ReadonlyMap<string, string>;
  size: number;
}

const TOKEN = /[\p{L}\p{N}]+/gu;
const TRAILING_LEGAL = new Set(['llc', 'lp', 'llp', 'inc', 'ltd', 'limited', 'gmbh', 'ag', 'sa', 'plc', 'corp', 'co', 'bv', 'nv', 'sarl', 'kg']);

export function wordTokens(text: string): string[] {
  return foldWord(text).match(TOKEN) ?? [];
}

export function personKey(tokens: readonly string[]): string {
  return `person:${tokens.join(' ')}`;
}

export function organizationKey(name: string): string {
  const key = normalizeOrganizationName(name).key;
  return `org:${key || wordTokens(name).join(' ')}`;
}

class DictionaryBuilder {
  private readonly entries = new Map<string, NameEntry>();

  add(kind: NameEntry['kind'], tokens: readonly string[], key: string): void {
    if (tokens.length === 0) return;
    const single = tokens.length === 1;
    if (single && (tokens[0] as string).length < 2) return;
    if (single && kind === 'PERSON' && COMMON_WORD_NAMES.has(tokens[0] as string)) return;
    const id = tokens.join(' ');
    // A sequence that is both a person and an organization: the first one seen wins; both are redacted.
    if (!this.entries.has(id)) this.entries.set(id, { tokens, kind, key, capitalized: single });
  }

  build(phoneNationalNumbers: ReadonlyMap<string, string>): NameDictionary {
    const byFirstToken = new Map<string, NameEntry[]>();
    for (const entry of this.entries.values()) {
      const first = entry.tokens[0] as string;
      const list = byFirstToken.get(first) ?? [];
      list.push(entry);
      byFirstToken.set(first, list);
    }
    for (const list of byFirstToken.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
    return { byFirstToken, phoneNationalNumbers, size: this.entries.size };
  }
}

export async function loadDictionary(core: CoreContext): Promise<NameDictionary> {
  const [contacts, organizations, domains, phones] = await Promise.all([
    // Deleted records too: their names still appear in notes and emails.
    core.db.selectFrom('contacts').select(['firstName', 'lastName']).execute(),
    core.db.selectFrom('organizations').select(['name']).execute(),
    core.db.selectFrom('organizationDomains').select(['domain']).execute(),
    core.db.selectFrom('contactPhones').select(['phoneE164']).execute(),
  ]);
  const builder = new DictionaryBuilder();
  for (const contact of contacts) {
    const first = wordTokens(contact.firstName);
    const last = wordTokens(contact.lastName);
    if (first.length > 0 && last.length > 0) {
      const key = personKey([...first, ...last]);
      builder.add('PERSON', [...first, ...last], key);
      builder.add('PERSON', [...last, ...first], key);
      const [given, ...middle] = first;
      for (const nickname of nicknameForms(given as string)) builder.add('PERSON', [nickname, ...middle, ...last], personKey([nickname, ...middle, ...last]));
      if (middle.length > 0) builder.add('PERSON', [given as string, ...last], personKey([given as string, ...last]));
    }
    if (first.length > 0) builder.add('PERSON', first, personKey(first));
    if (last.length > 0) builder.add('PERSON', last, personKey(last));
  }
  for (const { name } of organizations) {
    const key = organizationKey(name);
    const raw = wordTokens(name);
    builder.add('ORG', raw, key);
    let stripped = raw;
    while (stripped.length > 1 && TRAILING_LEGAL.has(stripped.at(-1) as string)) stripped = stripped.slice(0, -1);
    if (stripped[0] === 'the' && stripped.length > 1) stripped = stripped.slice(1);
    builder.add('ORG', stripped, key);
    const normalized = normalizeOrganizationName(name);
    builder.add('ORG', normalized.tokens, key);
    if (normalized.isAcronym && normalized.acronym && normalized.acronym.length >= 3) builder.add('ORG', [normalized.acronym], key);
  }
  for (const { domain } of domains) builder.add('ORG', wordTokens(domain), `org:domain:${domain.toLowerCase()}`);
  const national = new Map<string, string>();
  for (const { phoneE164 } of phones) {
    try {
      national.set(String(parsePhoneNumberWithError(phoneE164).nationalNumber), phoneE164);
    } catch {
      // A stored number libphonenumber cannot read again: the pattern scan still finds it.
    }
  }
  return builder.build(national);
}

interface Cached {
  signature: string;
  dictionary: Promise<NameDictionary>;
}

const cache = new WeakMap<object, Cached>();

/** The count and latest change of contacts and organizations: the dictionary is rebuilt when it moves. */
async function signature(core: CoreContext): Promise<string> {
  const row = await sql<{ signature: string }>`
    select (select count(*) from contacts) || '/' || coalesce((select max(updated_at) from contacts), '') || '/' ||
           (select count(*) from organizations) || '/' || coalesce((select max(updated_at) from organizations), '') || '/' ||
           (select count(*) from contact_phones) || '/' || (select count(*) from organization_domains) as signature`.execute(core.db);
  return String(row.rows[0]?.signature ?? '');
}

/** The current dictionary of this core's database, rebuilt only when the records changed. */
export async function currentDictionary(core: CoreContext): Promise<NameDictionary> {
  const now = await signature(core);
  const cached = cache.get(core.db);
  if (cached && cached.signature === now) return cached.dictionary;
  const dictionary = loadDictionary(core);
  cache.set(core.db, { signature: now, dictionary });
  dictionary.catch(() => cache.delete(core.db));
  return dictionary;
}
